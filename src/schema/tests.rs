//! Tests of the schema, by concern; the helpers they share.

mod default_schema;
mod errors;
mod fields;

use std::path::Path;

use ratatui::style::Color;

use super::*;

const FILE: &str = "labels/schema.toml";

fn parse(text: &str) -> Result<Schema, SchemaError> {
    Schema::parse(text, Path::new(FILE))
}

fn err(text: &str) -> String {
    match parse(text) {
        Ok(schema) => panic!("expected an error, got {schema:?}"),
        Err(e) => e.to_string(),
    }
}

/// A small valid schema; tests append tables to it.
const BASE: &str = r#"version = 1

[[section]]
name = "achievement"
zh = "工作成效"
key = "a"
color = "green"
description = "主要做法与成效"

[[indicator]]
name = "funds"
zh = "资金投入"
key = "1"
"#;
