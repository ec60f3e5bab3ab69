//! Messages for bad lines: what is wrong with a line the typed parse
//! refused, named by field, and values quoted and shortened.

use crate::store::StoreError;
use crate::text::sanitize::plain_upto;
use serde_json::Value;

/// A string value for a message, quoted and shortened, with what a
/// terminal could act on shown as the screens show it (`"a␛b"`).
pub(super) fn quote(s: &str) -> String {
    const MAX: usize = 40;
    format!("\"{}\"", plain_upto(s, MAX))
}

/// What is wrong with a name in field `field`, its value quoted.
pub(super) fn bad_name(field: &str, err: StoreError) -> String {
    match err {
        StoreError::InvalidAnnotator { name, reason } => {
            format!("{field}: invalid annotator name {}: {reason}", quote(&name))
        }
        other => format!("{field}: {}", plain_upto(&other.to_string(), 200)),
    }
}

/// A JSON value for a message, shortened.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => quote(s),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
        other => other.to_string(),
    }
}

/// What is wrong with a line the typed parse refused, named by field.
pub(super) fn diagnose(bytes: &[u8], typed: &serde_json::Error) -> String {
    let value: Value = match serde_json::from_slice(bytes) {
        Err(e) => return format!("not JSON: {} (column {})", serde_message(&e), e.column()),
        Ok(v) => v,
    };
    let Value::Object(map) = &value else {
        return format!("not a JSON object but {}", show(&value));
    };
    for field in ["doc", "para", "annotator", "updated_at"] {
        if !map.contains_key(field) {
            return format!("missing field \"{field}\"");
        }
    }
    for (field, v) in map {
        if let Some(why) = field_problem(field, v) {
            return format!("field \"{field}\": {why}");
        }
    }
    serde_message(typed)
}

/// Why `v` is no good as the value of `field`, if it is not.
fn field_problem(field: &str, v: &Value) -> Option<String> {
    let expected = |what: &str| Some(format!("expected {what}, found {}", show(v)));
    let is_u32 = |v: &Value| v.as_u64().is_some_and(|n| n <= u64::from(u32::MAX));
    let strings = |v: &Value| {
        v.as_array()
            .is_some_and(|items| items.iter().all(Value::is_string))
    };
    match field {
        "doc" | "annotator" | "updated_at" if !v.is_string() => expected("a string"),
        "text" | "hash" | "section" | "note" if !(v.is_string() || v.is_null()) => {
            expected("a string or null")
        }
        "para" if !is_u32(v) => expected("a paragraph index (an integer from 0 to 4294967295)"),
        "duration_ms" if !(v.is_u64() || v.is_null()) => {
            expected("a whole number of milliseconds, or null when unknown")
        }
        "done" if !v.is_boolean() => expected("true or false"),
        "indicators" | "flags" if !strings(v) => expected("an array of strings"),
        "spans" => {
            let Some(items) = v.as_array() else {
                return expected("an array of spans");
            };
            items.iter().enumerate().find_map(|(i, span)| {
                let Some(span) = span.as_object() else {
                    return Some(format!(
                        "item {i}: expected an object {{\"start\",\"end\",\"label\"}}, found {}",
                        show(&items[i])
                    ));
                };
                for key in ["start", "end"] {
                    match span.get(key) {
                        None => return Some(format!("item {i}: missing \"{key}\"")),
                        Some(n) if !is_u32(n) => {
                            return Some(format!(
                                "item {i}: \"{key}\" must be a character offset, found {}",
                                show(n)
                            ))
                        }
                        Some(_) => {}
                    }
                }
                match span.get("label") {
                    None => Some(format!("item {i}: missing \"label\"")),
                    Some(l) if !l.is_string() => Some(format!(
                        "item {i}: \"label\" must be a string, found {}",
                        show(l)
                    )),
                    Some(_) => None,
                }
            })
        }
        _ => None,
    }
}

/// serde_json's message without its position, with `…` quoted as "…".
fn serde_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let message = full
        .strip_suffix(&position)
        .unwrap_or(&full)
        .replace('`', "\"");
    plain_upto(&message, 200)
}
