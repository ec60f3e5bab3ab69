//! Telling a file that is not native JSONL by its look, so that importing
//! another tool's export says so once instead of one "missing field" per
//! line. Pure.

use serde_json::{Map, Value};

/// Lines looked at: the file's first non-empty ones.
const LOOKED_AT: usize = 20;

/// What `bytes` looks like when it is another tool's format rather than
/// native JSONL (`biaozhu export --format native`): `Some("Prodigy's JSONL
/// (\"_input_hash\", \"answer\")")` and the like. None when any of the
/// first lines has the native fields (`doc`, `para`, `annotator`), or the
/// file looks like nothing known (its lines are then reported one by one).
pub fn recognise(bytes: &[u8]) -> Option<&'static str> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    if bytes[start] == b'[' {
        return Some(array(bytes));
    }
    let objects: Vec<Map<String, Value>> = bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .take(LOOKED_AT)
        .map(|l| match serde_json::from_slice(l) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let native = |m: &Map<String, Value>| {
        ["doc", "para", "annotator"]
            .iter()
            .any(|k| m.contains_key(*k))
    };
    if objects.is_empty() || objects.iter().any(native) {
        return None;
    }
    let all = |keys: &[&str]| {
        objects
            .iter()
            .all(|m| keys.iter().any(|k| m.contains_key(*k)))
    };
    if all(&["_input_hash", "_task_hash", "answer"]) {
        Some("Prodigy's JSONL (\"_input_hash\", \"answer\")")
    } else if all(&["data"]) && all(&["annotations", "predictions"]) {
        Some("Label Studio tasks, one per line (\"data\", \"annotations\")")
    } else if all(&["text"]) && all(&["label", "labels", "entities", "cats"]) {
        Some("doccano's or spaCy's JSONL (\"text\" with \"label\")")
    } else {
        None
    }
}

/// What a file that starts with `[` is.
fn array(bytes: &[u8]) -> &'static str {
    let tasks: Option<Vec<Value>> = serde_json::from_slice(bytes).ok();
    let label_studio = tasks.as_ref().is_some_and(|tasks| {
        tasks.iter().any(|t| {
            t.get("data").is_some()
                && (t.get("annotations").is_some() || t.get("predictions").is_some())
        })
    });
    if label_studio {
        "a Label Studio JSON task list (\"data\", \"annotations\")"
    } else {
        "one JSON array, not JSON lines"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_tools_exports() {
        let prodigy = r#"{"text":"一、总体情况","_input_hash":1,"_task_hash":2,"label":"heading","answer":"accept"}
{"text":"二","_input_hash":3,"_task_hash":4,"accept":["plan"],"answer":"accept"}
"#;
        assert!(recognise(prodigy.as_bytes())
            .unwrap()
            .starts_with("Prodigy"));
        let doccano = "{\"id\":1,\"text\":\"全年\",\"label\":[\"plan\"]}\n".as_bytes();
        assert!(recognise(doccano).unwrap().starts_with("doccano"));
        let studio = br#"[{"data":{"text":"x"},"annotations":[{"result":[]}]}]"#;
        assert!(recognise(studio).unwrap().starts_with("a Label Studio"));
        assert_eq!(
            recognise(b"  [1, 2]"),
            Some("one JSON array, not JSON lines")
        );
        let studio_lines = br#"{"data":{"text":"x"},"annotations":[]}"#;
        assert!(recognise(studio_lines).unwrap().starts_with("Label Studio"));
    }

    #[test]
    fn native_or_unknown_is_left_to_the_lines() {
        let native =
            br#"{"doc":"a.txt","para":0,"annotator":"alice","updated_at":"2026-11-22T10:00:00Z"}"#;
        assert_eq!(recognise(native), None);
        // One native line among foreign-looking ones: lines are reported.
        let mixed = br#"{"text":"x","_input_hash":1,"answer":"accept"}
{"doc":"a.txt","para":0}
"#;
        assert_eq!(recognise(mixed), None);
        assert_eq!(recognise(b"not json\n"), None);
        assert_eq!(recognise(b"{\"x\":1}\n"), None);
        assert_eq!(recognise(b""), None);
        assert_eq!(recognise(b"\n  \n"), None);
    }
}
