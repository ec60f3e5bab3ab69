//! Fuzzing the two inputs a user hands biaozhu as files (issue 12):
//! import lines (random bytes, random JSON-ish text, mutations of a valid
//! native record) and schema files (mutations of the default
//! `labels/schema.toml`, random TOML-ish text). Never a panic; bad input
//! gives an error naming the line (import) or the file and line (schema),
//! on one line with no character a terminal would act on. Run through the
//! library functions (fast), and a few through the binary (exit 2).

mod import_common;

use biaozhu::import::read::{parse, parse_line};
use biaozhu::schema::{Schema, DEFAULT_SCHEMA_TOML};
use import_common::*;
use proptest::prelude::*;
use std::path::Path;

/// One line, no control, bidi, DEL or C1 character: what a message shows.
fn is_safe_line(message: &str) -> bool {
    !message.is_empty()
        && !message.chars().any(|c| {
            c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
}

/// A valid native record line.
fn good_line() -> String {
    record("alice", "报告.txt", 1, P1, "achievement", T0)
}

/// JSON-ish text: JSON tokens, field names and odd characters.
fn json_ish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(":".to_owned()),
        Just(",".to_owned()),
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("\"doc\"".to_owned()),
        Just("\"para\"".to_owned()),
        Just("\"annotator\"".to_owned()),
        Just("\"updated_at\"".to_owned()),
        Just("\"duration_ms\"".to_owned()),
        Just("\"spans\"".to_owned()),
        Just("\"\\u001b]0;x\\u0007\"".to_owned()),
        Just("18446744073709551615".to_owned()),
        Just("-1".to_owned()),
        Just("1e400".to_owned()),
        Just("\"9999-12-31T23:59:59Z\"".to_owned()),
        "\"[^\"\\\\]{0,12}\"",
        any::<i64>().prop_map(|n| n.to_string()),
    ];
    prop::collection::vec(token, 0..40).prop_map(|t| t.concat())
}

/// A byte-level edit of a line.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, u8),
    Delete(usize),
    Replace(usize, u8),
    Cut(usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Insert(i, b)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Replace(i, b)),
        any::<usize>().prop_map(Edit::Cut),
    ];
    prop::collection::vec(edit, 1..6)
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = bytes.len().max(1);
        match *e {
            Edit::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Edit::Delete(i) if !bytes.is_empty() => {
                bytes.remove(i % n);
            }
            Edit::Replace(i, b) if !bytes.is_empty() => bytes[i % n] = b,
            Edit::Cut(i) => bytes.truncate(i % n),
            _ => {}
        }
    }
    bytes
}

/// A JSON value to put in a field.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

const FIELDS: [&str; 16] = [
    "id",
    "doc",
    "para",
    "text",
    "hash",
    "annotator",
    "section",
    "indicators",
    "spans",
    "flags",
    "note",
    "updated_at",
    "duration_ms",
    "done",
    "source",
    "reviewer",
];

/// Parse one line: no panic; an error is a safe line.
fn check_line(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Err(message) = parse_line(bytes, 1) {
        prop_assert!(is_safe_line(&message), "{:?}", message);
        prop_assert!(message.chars().count() < 1000, "{} chars", message.len());
    }
    Ok(())
}

/// Schema text: no panic; an error names the file and a line of it.
fn check_schema(text: &str) -> Result<(), TestCaseError> {
    let path = Path::new("labels/schema.toml");
    if let Err(e) = Schema::parse(text, path) {
        let message = e.to_string();
        prop_assert!(message.starts_with("labels/schema.toml:"), "{}", message);
        prop_assert!(is_safe_line(&message), "{:?}", message);
        let line = e.line();
        prop_assert!(line.is_some(), "no line: {}", message);
        let line = line.unwrap();
        prop_assert!(
            line >= 1 && line <= text.lines().count() + 1,
            "line {} of {}: {}",
            line,
            text.lines().count(),
            message
        );
        let prefix = format!("labels/schema.toml:{}: ", line);
        prop_assert!(message.starts_with(&prefix), "{}", message);
    }
    Ok(())
}

/// Mutations of the default schema by line: drop, repeat or swap lines,
/// and set a `key = value` line's value to something else.
fn schema_mutation() -> impl Strategy<Value = String> {
    let lines: Vec<String> = DEFAULT_SCHEMA_TOML.lines().map(str::to_owned).collect();
    let n = lines.len();
    let value = prop_oneof![
        Just("\"\"".to_owned()),
        Just("\"h\"".to_owned()),
        Just("\"?\"".to_owned()),
        Just("\"\\u001b\"".to_owned()),
        Just("\"ab\"".to_owned()),
        Just("2".to_owned()),
        Just("[1]".to_owned()),
        Just("\"Bad Name\"".to_owned()),
        Just("\"#zzzzzz\"".to_owned()),
        "\"[^\"\\\\\\n]{0,6}\"",
    ];
    let op = prop_oneof![
        (0..n).prop_map(|i| (0u8, i, String::new())),
        (0..n).prop_map(|i| (1u8, i, String::new())),
        (0..n).prop_map(|i| (2u8, i, String::new())),
        (0..n, value).prop_map(|(i, v)| (3u8, i, v)),
    ];
    prop::collection::vec(op, 1..5).prop_map(move |ops| {
        let mut lines = lines.clone();
        for (kind, i, v) in ops {
            let i = i % lines.len().max(1);
            if lines.is_empty() {
                break;
            }
            match kind {
                0 => {
                    lines.remove(i);
                }
                1 => {
                    let l = lines[i].clone();
                    lines.insert(i, l);
                }
                2 => {
                    let j = (i + 7) % lines.len();
                    lines.swap(i, j);
                }
                _ => {
                    if let Some((k, _)) = lines[i].split_once(" = ") {
                        lines[i] = format!("{k} = {v}");
                    }
                }
            }
        }
        lines.join("\n") + "\n"
    })
}

fn toml_ish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("version = 1\n".to_owned()),
        Just("[[section]]\n".to_owned()),
        Just("[[indicator]]\n".to_owned()),
        Just("[section]\n".to_owned()),
        Just("name = ".to_owned()),
        Just("zh = ".to_owned()),
        Just("key = ".to_owned()),
        Just("color = ".to_owned()),
        Just("\"a\"\n".to_owned()),
        Just("\"\\u202e\"\n".to_owned()),
        Just("'''\n".to_owned()),
        Just("=\n".to_owned()),
        "[a-z_]{1,6}",
        "\"[^\"\\\\\\n]{0,6}\"\n",
        any::<String>(),
    ];
    prop::collection::vec(token, 0..30).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn import_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_line(&bytes)?;
        // A whole file: every bad line is one of its lines.
        let parsed = parse(&bytes);
        let lines = bytes.split(|&b| b == b'\n').count();
        for bad in &parsed.bad {
            prop_assert!(bad.line >= 1 && bad.line <= lines);
            prop_assert!(is_safe_line(&bad.message), "{:?}", bad.message);
        }
    }

    #[test]
    fn import_random_text(text in any::<String>()) {
        check_line(text.as_bytes())?;
    }

    #[test]
    fn import_json_ish(text in json_ish()) {
        check_line(text.as_bytes())?;
    }

    #[test]
    fn import_byte_mutations_of_a_valid_record(edits in edits()) {
        check_line(&apply(good_line().into_bytes(), &edits))?;
    }

    #[test]
    fn import_field_mutations_of_a_valid_record(
        field in 0..FIELDS.len(),
        value in json_value(),
        drop in any::<bool>(),
    ) {
        let mut v: serde_json::Value = serde_json::from_str(&good_line()).unwrap();
        let object = v.as_object_mut().unwrap();
        if drop {
            object.remove(FIELDS[field]);
        } else {
            object.insert(FIELDS[field].to_owned(), value);
        }
        let line = v.to_string();
        check_line(line.as_bytes())?;
        // Lines around it are numbered right.
        let file = format!("{}\n{line}\n\n{}\n", good_line(), good_line());
        let parsed = parse(file.as_bytes());
        prop_assert!(parsed.records.len() >= 2);
        for bad in &parsed.bad {
            prop_assert_eq!(bad.line, 2);
        }
    }

    #[test]
    fn schema_mutations_of_the_default(text in schema_mutation()) {
        check_schema(&text)?;
    }

    #[test]
    fn schema_byte_mutations_of_the_default(edits in edits()) {
        let bytes = apply(DEFAULT_SCHEMA_TOML.as_bytes().to_vec(), &edits);
        // A schema file is read as UTF-8 text.
        if let Ok(text) = String::from_utf8(bytes) {
            check_schema(&text)?;
        }
    }

    #[test]
    fn schema_random_toml(text in toml_ish()) {
        check_schema(&text)?;
    }
}

#[test]
fn the_fuzzed_kinds_of_bad_input_exit_2_through_the_binary() {
    let s = setup();
    let good = good_line();
    let bad_lines = [
        good.replace("\"para\":1", "\"para\":-1"),
        good[..good.len() / 2].to_owned(),
        good.replace(
            "\"duration_ms\":1200",
            "\"duration_ms\":18446744073709551615",
        ),
        "\u{1b}]0;x\u{7}".to_owned(),
    ];
    let mut lines = vec![good.clone()];
    lines.extend(bad_lines.iter().cloned());
    let file = write(&s, "fuzz.jsonl", &lines);
    let run = import(&s, &s.labels, &[&file]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let name = file.display().to_string();
    for n in 2..=5 {
        assert!(
            run.stderr.contains(&format!("{name}:{n}: ")),
            "line {n}: {}",
            run.stderr
        );
    }
    assert!(
        is_safe_line(&run.stderr.replace('\n', " ")),
        "{}",
        run.stderr
    );
    assert!(first_line(&run).contains("1 new"), "{}", run.stdout);

    std::fs::create_dir_all(&s.labels).unwrap();
    let schema = s.labels.join("schema.toml");
    for (text, line) in [
        (
            DEFAULT_SCHEMA_TOML.replacen("\nkey = \"o\"", "\nkey = \"h\"", 1),
            None,
        ),
        (
            DEFAULT_SCHEMA_TOML.replacen("\n[[section]]\n", "\n[section]\n", 1),
            None,
        ),
        (
            format!("{DEFAULT_SCHEMA_TOML}\n[[indicator]]\nname = \"\u{202e}x\"\n"),
            None,
        ),
        ("version = 1\n\u{1b}[2J = 3\n".to_owned(), Some(2)),
    ] {
        std::fs::write(&schema, &text).unwrap();
        let run = biaozhu(&s.corpus, &s.labels, &["export"]);
        assert_eq!(run.code, Some(2), "{text}: {}", run.stderr);
        let prefix = format!("biaozhu: {}:", schema.display());
        assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
        if let Some(line) = line {
            assert!(
                run.stderr.starts_with(&format!("{prefix}{line}: ")),
                "{}",
                run.stderr
            );
        }
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(is_safe_line(run.stderr.trim_end()), "{}", run.stderr);
    }
}
