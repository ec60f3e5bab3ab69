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

#[test]
fn default_schema_is_valid_and_fits_the_reports() {
    let schema = Schema::default_schema();
    assert!(schema.sections.len() >= 8, "{}", schema.sections.len());
    assert!(
        (10..=20).contains(&schema.indicators.len()),
        "{}",
        schema.indicators.len()
    );
    for name in [
        "heading",
        "overview",
        "achievement",
        "indicator_report",
        "problem",
        "plan",
        "boilerplate",
        "other",
    ] {
        assert!(schema.section(name).is_some(), "missing section {name}");
    }
    // The names the contract's examples use.
    assert!(schema.indicator("vaccination_rate").is_some());
    assert!(schema.indicator("health_records").is_some());
    for label in schema.sections.iter().chain(&schema.indicators) {
        assert!(is_bindable(label.key), "{}", label.name);
        // Pressable on a US keyboard: printable ASCII.
        assert!(label.key.is_ascii_graphic(), "{}", label.name);
        let zh = label.zh.chars().count();
        assert!((2..=6).contains(&zh), "zh of {} is {zh} chars", label.name);
        assert!(
            label.description.is_some(),
            "{} has no description",
            label.name
        );
    }
    for section in &schema.sections {
        assert!(section.key.is_ascii_lowercase(), "{}", section.name);
        assert!(section.color.is_some(), "{}", section.name);
    }
    // Indicators on the digit row, then Shift+digit.
    let keys: String = schema.indicators.iter().map(|l| l.key).collect();
    assert!("1234567890!@#$%^&*()".starts_with(&keys), "{keys}");
    assert_eq!(
        Schema::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(FILE)).unwrap(),
        schema
    );
}

#[test]
fn default_schema_key_layout() {
    let schema = Schema::default_schema();
    let layout: Vec<(char, &str)> = schema
        .sections
        .iter()
        .chain(&schema.indicators)
        .map(|l| (l.key, l.name.as_str()))
        .collect();
    assert_eq!(
        layout[..8],
        [
            ('h', "heading"),
            ('o', "overview"),
            ('a', "achievement"),
            ('i', "indicator_report"),
            ('p', "problem"),
            ('f', "plan"),
            ('b', "boilerplate"),
            ('x', "other"),
        ]
    );
    assert_eq!(schema.binding('8'), Some((Kind::Indicator, 7)));
    assert_eq!(schema.indicators[7].name, "funds");
}

#[test]
fn parses_fields() {
    let schema = parse(BASE).unwrap();
    assert_eq!(
        schema.sections,
        vec![LabelDef {
            name: "achievement".into(),
            zh: "工作成效".into(),
            key: 'a',
            color: Some(Color::Green),
            description: Some("主要做法与成效".into()),
        }]
    );
    assert_eq!(schema.indicators[0].color, None);
    assert_eq!(schema.indicators[0].description, None);
    assert_eq!(schema.section("achievement").unwrap().key, 'a');
    assert_eq!(schema.indicator("funds").unwrap().zh, "资金投入");
    assert!(schema.section("funds").is_none());
    assert!(schema.indicator("achievement").is_none());
}

#[test]
fn binding_finds_the_label() {
    let text = format!(
        "{BASE}\n[[section]]\nname = \"plan\"\nzh = \"下一步打算\"\nkey = \"A\"\n\
         [[indicator]]\nname = \"cjk\"\nzh = \"中文键\"\nkey = \"中\"\n"
    );
    let schema = parse(&text).unwrap();
    assert_eq!(schema.binding('a'), Some((Kind::Section, 0)));
    assert_eq!(
        schema.binding('A'),
        Some((Kind::Section, 1)),
        "keys are case-sensitive"
    );
    assert_eq!(schema.binding('1'), Some((Kind::Indicator, 0)));
    assert_eq!(schema.binding('中'), Some((Kind::Indicator, 1)));
    assert_eq!(schema.binding('z'), None);
    assert_eq!(schema.binding('q'), None);
    assert_eq!(schema.labels(Kind::Indicator)[1].name, "cjk");
}

#[test]
fn tables_in_any_order_keep_file_order_per_kind() {
    let text = "version = 1\n\
        [[indicator]]\nname = \"i1\"\nzh = \"甲\"\nkey = \"1\"\n\
        [[section]]\nname = \"s1\"\nzh = \"乙\"\nkey = \"s\"\n\
        [[indicator]]\nname = \"i2\"\nzh = \"丙\"\nkey = \"2\"\n\
        [[section]]\nname = \"s2\"\nzh = \"丁\"\nkey = \"t\"\n";
    let schema = parse(text).unwrap();
    let names = |l: &[LabelDef]| l.iter().map(|l| l.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&schema.sections), ["s1", "s2"]);
    assert_eq!(names(&schema.indicators), ["i1", "i2"]);
}

#[test]
fn duplicate_key_names_both_labels_and_lines() {
    // BASE is 13 lines; the new table starts at line 15, its key on line 18.
    let text = format!("{BASE}\n[[indicator]]\nname = \"training\"\nzh = \"培训\"\nkey = \"a\"\n");
    assert_eq!(
        err(&text),
        "labels/schema.toml:18: key \"a\" of indicator \"training\" is already bound to \
         section \"achievement\" at line 6"
    );
}

#[test]
fn duplicate_key_reported_at_the_later_line_whatever_the_kind_order() {
    let text = "version = 1\n\
        [[indicator]]\nname = \"funds\"\nzh = \"资金\"\nkey = \"f\"\n\
        [[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"f\"\n";
    assert_eq!(
        err(text),
        "labels/schema.toml:9: key \"f\" of section \"plan\" is already bound to \
         indicator \"funds\" at line 5"
    );
}

#[test]
fn reserved_keys_are_rejected() {
    for &key in RESERVED_KEYS {
        let text =
            format!("version = 1\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"{key}\"\n");
        let reason = reserved_use(key).unwrap();
        assert_eq!(
            err(&text),
            format!("labels/schema.toml:5: section \"plan\" binds reserved key \"{key}\" (reserved for {reason})")
        );
        assert!(!is_bindable(key));
    }
    assert!(
        err("version = 1\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"q\"\n")
            .ends_with("binds reserved key \"q\" (reserved for quit)")
    );
    // Only the listed ones: keys are case-sensitive, so the other case is free.
    for key in ['Q', 'U', 'J', 'K', 'a', 'A'] {
        assert!(is_bindable(key), "{key}");
    }
    assert!(is_bindable('1') && is_bindable('!') && is_bindable('中') && is_bindable('~'));
}

#[test]
fn unprintable_keys_are_rejected() {
    for (toml_key, shown) in [
        ("\\t", "U+0009"),
        ("\\u0000", "U+0000"),
        ("\\u007f", "U+007F"),
        ("\\u200b", "U+200B"),
        ("\\u3000", "U+3000"),
        ("\\u0301", "U+0301"),
        ("\\u00a0", "U+00A0"),
    ] {
        let text = format!(
            "version = 1\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"{toml_key}\"\n"
        );
        assert_eq!(
            err(&text),
            format!("labels/schema.toml:5: key {shown} of section \"plan\" is not a printable character (no whitespace, control or zero-width characters)")
        );
    }
}

#[test]
fn key_must_be_one_character() {
    for key in ["", "ab", "e\u{301}"] {
        let text =
            format!("version = 1\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"{key}\"\n");
        assert_eq!(
            err(&text),
            format!("labels/schema.toml:5: key {key:?} of section \"plan\" must be exactly one character")
        );
    }
}

#[test]
fn duplicate_name_names_both_labels_and_lines() {
    let text = format!("{BASE}\n[[section]]\nname = \"funds\"\nzh = \"资金\"\nkey = \"z\"\n");
    assert_eq!(
        err(&text),
        "labels/schema.toml:16: name \"funds\" of section \"资金\" is already used by \
         indicator \"资金投入\" at line 11"
    );
    let text = format!("{BASE}\n[[section]]\nname = \"achievement\"\nzh = \"成效\"\nkey = \"z\"\n");
    assert!(err(&text).starts_with(
        "labels/schema.toml:16: name \"achievement\" of section \"成效\" is already used by section \"工作成效\" at line 4"
    ));
}

#[test]
fn names_must_be_snake_case_and_not_empty() {
    let t = |name: &str| {
        format!("version = 1\n[[section]]\nname = \"{name}\"\nzh = \"打算\"\nkey = \"p\"\n")
    };
    assert_eq!(
        err(&t("")),
        "labels/schema.toml:3: section with zh \"打算\" has an empty name (names are snake_case, e.g. \"funds\")"
    );
    for bad in [
        "Plan",
        "next-plan",
        "1plan",
        "_plan",
        "plan step",
        "计划",
        "plän",
    ] {
        assert_eq!(
            err(&t(bad)),
            format!("labels/schema.toml:3: section name {bad:?} is not snake_case ascii (a lowercase letter, then lowercase letters, digits or _)")
        );
    }
    for good in ["plan", "next_plan", "p2", "a_b_c_"] {
        assert!(parse(&t(good)).is_ok(), "{good}");
    }
}

#[test]
fn zh_must_not_be_empty() {
    let text = "version = 1\n[[section]]\nname = \"plan\"\nzh = \"  \"\nkey = \"p\"\n";
    assert_eq!(
        err(text),
        "labels/schema.toml:4: section \"plan\" has an empty zh (its Chinese display name)"
    );
    let text = "version = 1\n[[section]]\nname = \"plan\"\nzh = \"打\\n算\"\nkey = \"p\"\n";
    assert!(err(text).starts_with(
        "labels/schema.toml:4: zh \"打\\n算\" of section \"plan\" contains a control character"
    ));
}

#[test]
fn version_and_sections_are_required() {
    assert_eq!(
        err("version = 2\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"p\"\n"),
        "labels/schema.toml:1: unsupported schema version 2 (this biaozhu reads version 1)"
    );
    let missing = err("# no version\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"p\"\n");
    assert!(missing.starts_with("labels/schema.toml:"), "{missing}");
    assert!(missing.contains("missing field `version`"), "{missing}");
    assert_eq!(
        err("version = 1\n[[indicator]]\nname = \"funds\"\nzh = \"资金\"\nkey = \"1\"\n"),
        "labels/schema.toml:1: no [[section]] in the schema (at least one section type is needed)"
    );
    assert!(err("").contains("missing field `version`"));
}

#[test]
fn unknown_fields_are_named_with_their_line() {
    let text = format!("{BASE}colour = \"red\"\n");
    let e = err(&text);
    assert!(e.starts_with("labels/schema.toml:14: "), "{e}");
    assert!(e.contains("unknown field `colour`"), "{e}");

    let e = err("version = 1\n\n[[sections]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"p\"\n");
    assert!(e.starts_with("labels/schema.toml:3: "), "{e}");
    assert!(e.contains("unknown field `sections`"), "{e}");
}

#[test]
fn toml_syntax_and_type_errors_carry_the_line() {
    let e = err("version = 1\n[[section]]\nname = \"plan\nzh = \"打算\"\nkey = \"p\"\n");
    assert!(e.starts_with("labels/schema.toml:3: "), "{e}");
    assert!(!e.contains('\n'), "one line: {e}");

    let e = err("version = 1\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = 1\n");
    assert!(e.starts_with("labels/schema.toml:5: "), "{e}");
    assert!(e.contains("string"), "{e}");

    let e = err("version = 1\n[[section]]\nname = \"plan\"\nkey = \"p\"\n");
    assert!(e.starts_with("labels/schema.toml:"), "{e}");
    assert!(e.contains("missing field `zh`"), "{e}");
}

#[test]
fn colours() {
    for (text, want) in [
        ("green", Color::Green),
        ("LightRed", Color::LightRed),
        ("light-blue", Color::LightBlue),
        ("darkgray", Color::DarkGray),
        ("dark gray", Color::DarkGray),
        ("grey", Color::Gray),
        ("white", Color::White),
        ("#ff8000", Color::Rgb(0xff, 0x80, 0x00)),
        ("#00AAff", Color::Rgb(0x00, 0xaa, 0xff)),
        ("208", Color::Indexed(208)),
    ] {
        assert_eq!(parse_color(text), Some(want), "{text}");
        let toml = format!("version = 1\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"p\"\ncolor = \"{text}\"\n");
        assert_eq!(
            parse(&toml).unwrap().sections[0].color,
            Some(want),
            "{text}"
        );
    }
    for bad in ["", "greeen", "#ff80", "#gg0000", "256", "rgb(1,2,3)"] {
        assert_eq!(parse_color(bad), None, "{bad}");
        let toml = format!("version = 1\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"p\"\ncolor = \"{bad}\"\n");
        assert!(
            err(&toml).starts_with(&format!(
                "labels/schema.toml:6: color {bad:?} of section \"plan\" is not a colour"
            )),
            "{bad}"
        );
    }
}

#[test]
fn load_names_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema.toml");
    let e = Schema::load(&path).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.starts_with(&format!(
            "{}: cannot read the label schema: ",
            path.display()
        )),
        "{msg}"
    );
    assert_eq!(e.line(), None);

    std::fs::write(&path, format!("\u{feff}{BASE}")).unwrap();
    assert_eq!(
        Schema::load(&path).unwrap(),
        parse(BASE).unwrap(),
        "a BOM is fine"
    );

    std::fs::write(
        &path,
        "version = 1\r\n[[section]]\r\nname = \"plan\"\r\nzh = \"打算\"\r\nkey = \"q\"\r\n",
    )
    .unwrap();
    let e = Schema::load(&path).unwrap_err();
    assert_eq!(e.line(), Some(5), "CRLF lines count too");
    assert!(e
        .to_string()
        .starts_with(&format!("{}:5: ", path.display())));
}

#[test]
fn messages_are_one_line() {
    for text in [
        "version = [",
        "version = 1\n[[section]]\n",
        "x = 1\nversion = 1\n",
        "version = 1\nversion = 1\n",
    ] {
        let e = err(text);
        assert!(!e.contains('\n'), "{e}");
        assert!(e.starts_with("labels/schema.toml:"), "{e}");
    }
}
