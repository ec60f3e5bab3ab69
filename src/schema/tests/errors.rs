//! Invalid schemas: every error names the file, the line and the value at
//! fault, on one line.

use super::*;

/// `text` fails with a message that starts with `labels/schema.toml:` +
/// `at` and contains `part`.
fn err_at(text: &str, at: &str, part: &str) {
    let e = err(text);
    assert!(e.starts_with(&format!("{FILE}:{at}")), "{e}");
    assert!(e.contains(part), "{e}");
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
        "labels/schema.toml:4: zh \"打␤算\" of section \"plan\" contains a control character"
    ));
}

#[test]
fn version_and_sections_are_required() {
    assert_eq!(
        err("version = 2\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"p\"\n"),
        "labels/schema.toml:1: unsupported schema version 2 (this biaozhu reads version 1)"
    );
    err_at(
        "# no version\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"p\"\n",
        "",
        "missing field `version`",
    );
    assert_eq!(
        err("version = 1\n[[indicator]]\nname = \"funds\"\nzh = \"资金\"\nkey = \"1\"\n"),
        "labels/schema.toml:1: no [[section]] in the schema (at least one section type is needed)"
    );
    assert!(err("").contains("missing field `version`"));
}

#[test]
fn unknown_fields_are_named_with_their_line() {
    let text = format!("{BASE}colour = \"red\"\n");
    err_at(&text, "14: ", "unknown field `colour`");
    err_at(
        "version = 1\n\n[[sections]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"p\"\n",
        "3: ",
        "unknown field `sections`",
    );
}

#[test]
fn toml_syntax_and_type_errors_carry_the_line() {
    let e = err("version = 1\n[[section]]\nname = \"plan\nzh = \"打算\"\nkey = \"p\"\n");
    assert!(e.starts_with("labels/schema.toml:3: "), "{e}");
    assert!(!e.contains('\n'), "one line: {e}");

    err_at(
        "version = 1\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = 1\n",
        "5: ",
        "string",
    );
    err_at(
        "version = 1\n[[section]]\nname = \"plan\"\nkey = \"p\"\n",
        "",
        "missing field `zh`",
    );
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
