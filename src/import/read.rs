//! Native JSONL lines → import records, or bad lines with their number and
//! what is wrong. Pure: bytes in, records out.
//!
//! A line is one native record (DESIGN.md §1). Required: `doc`, `para`,
//! `annotator`, `updated_at`, and `hash` or `text` (a missing `hash` is
//! computed from `text`). `id`, a span's `text` and unknown fields are
//! ignored. Checked: the annotator name (it names a store), the doc path (it
//! is a key), `updated_at` (an RFC 3339 time: `Z`, `+00:00` or another
//! offset), `hash` (16 hex digits, and the hash of `text` when both are
//! given), spans (`start` ≤ `end` ≤ the text's length in code points).
//! Empty and whitespace-only lines are skipped; a UTF-8 BOM and CRLF line
//! ends are accepted.

use crate::corpus::identity::content_hash;
use crate::store::{keys, validate_annotator, Label, Span};
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;
use std::time::{Duration, SystemTime};

/// One good line: a label for `annotator`'s store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub annotator: String,
    /// As the line gives it: `hash` filled in (given or computed), `text`
    /// kept when the line has it, `indicators` sorted and deduplicated,
    /// `updated_at` verbatim.
    pub label: Label,
    /// `updated_at` as an instant.
    pub at: SystemTime,
    /// 1-based line number in its file.
    pub line: usize,
}

/// A line that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based.
    pub line: usize,
    /// What is wrong, e.g. `missing field "annotator"`.
    pub message: String,
}

/// The lines of one file, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// In line order.
    pub records: Vec<Record>,
    /// In line order.
    pub bad: Vec<BadLine>,
}

/// Read every line of a native JSONL file (lines are parsed in parallel).
pub fn parse(bytes: &[u8]) -> Parsed {
    use rayon::prelude::*;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let lines: Vec<(usize, &[u8])> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix(b"\r").unwrap_or(line)))
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .collect();
    let results: Vec<Result<Record, BadLine>> = lines
        .par_iter()
        .map(|&(line, text)| parse_line(text, line).map_err(|message| BadLine { line, message }))
        .collect();
    drop(lines);
    let mut out = Parsed {
        records: Vec::with_capacity(results.len()),
        bad: Vec::new(),
    };
    for result in results {
        match result {
            Ok(record) => out.records.push(record),
            Err(bad) => out.bad.push(bad),
        }
    }
    out
}

/// A native record as it is on the line (strings that need no unescaping
/// borrowed from it).
#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(borrow)]
    doc: Cow<'a, str>,
    para: u32,
    #[serde(default, borrow)]
    text: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    hash: Option<Cow<'a, str>>,
    #[serde(borrow)]
    annotator: Cow<'a, str>,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    indicators: Vec<String>,
    #[serde(default)]
    spans: Vec<Span>,
    #[serde(default)]
    flags: Vec<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(borrow)]
    updated_at: Cow<'a, str>,
    #[serde(default)]
    duration_ms: u64,
    #[serde(default)]
    done: bool,
}

/// One non-empty line → a record, or what is wrong with it.
pub fn parse_line(bytes: &[u8], line: usize) -> Result<Record, String> {
    let raw: Raw = serde_json::from_slice(bytes).map_err(|e| diagnose(bytes, &e))?;
    validate_annotator(&raw.annotator).map_err(|e| format!("field \"annotator\": {e}"))?;
    keys::check_doc(&raw.doc)
        .map_err(|why| format!("field \"doc\": {}: {why}", quote(&raw.doc)))?;
    let at = parse_time(&raw.updated_at).ok_or_else(|| {
        format!(
            "field \"updated_at\": {} is not an RFC 3339 time such as 2026-11-22T10:00:00Z",
            quote(&raw.updated_at)
        )
    })?;
    let hash = match (raw.hash.as_deref().filter(|h| !h.is_empty()), &raw.text) {
        (None, None) => {
            return Err("missing field \"hash\" (and no \"text\" to compute it from)".into())
        }
        (None, Some(text)) => content_hash(text),
        (Some(hash), text) => {
            if !is_hash(hash) {
                return Err(format!(
                    "field \"hash\": {} is not a content hash (16 hex digits)",
                    quote(hash)
                ));
            }
            if let Some(text) = text {
                let of_text = content_hash(text);
                if !hash.eq_ignore_ascii_case(&of_text) {
                    return Err(format!(
                        "field \"hash\": {hash} is not the hash of \"text\" ({of_text}); \
                         drop \"hash\" to have it computed from \"text\""
                    ));
                }
            }
            hash.to_ascii_lowercase()
        }
    };
    if !raw.spans.is_empty() {
        let len = raw.text.as_deref().map(|t| t.chars().count());
        for (i, span) in raw.spans.iter().enumerate() {
            if span.start > span.end {
                return Err(format!(
                    "field \"spans\" item {i}: start {} is after end {}",
                    span.start, span.end
                ));
            }
            if let Some(len) = len.filter(|&len| span.end as usize > len) {
                return Err(format!(
                    "field \"spans\" item {i}: end {} is past the end of \"text\" ({len} characters)",
                    span.end
                ));
            }
        }
    }
    let mut label = Label {
        doc: raw.doc.into_owned(),
        para: raw.para,
        hash,
        section: raw.section,
        indicators: raw.indicators,
        spans: raw.spans,
        flags: raw.flags,
        note: raw.note,
        done: raw.done,
        updated_at: raw.updated_at.into_owned(),
        duration_ms: raw.duration_ms,
        text: raw.text.map(Cow::into_owned),
    };
    label.normalize();
    Ok(Record {
        annotator: raw.annotator.into_owned(),
        label,
        at,
        line,
    })
}

/// An RFC 3339 time as an instant: `2026-11-22T10:00:00Z`, with any number
/// of fractional digits, `Z`, `+00:00` or another `±hh:mm` offset.
pub fn parse_time(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    let n = b.len();
    let has_offset = n >= 25
        && matches!(b[n - 6], b'+' | b'-')
        && b[n - 3] == b':'
        && b[n - 5..n - 3].iter().all(u8::is_ascii_digit)
        && b[n - 2..].iter().all(u8::is_ascii_digit);
    if !has_offset {
        return humantime::parse_rfc3339(s).ok();
    }
    let hours = u64::from(b[n - 5] - b'0') * 10 + u64::from(b[n - 4] - b'0');
    let minutes = u64::from(b[n - 2] - b'0') * 10 + u64::from(b[n - 1] - b'0');
    if hours > 23 || minutes > 59 {
        return None;
    }
    let local = humantime::parse_rfc3339(&format!("{}Z", &s[..n - 6])).ok()?;
    let offset = Duration::from_secs(hours * 3600 + minutes * 60);
    // Local time = UTC + offset, so UTC = local − offset.
    if b[n - 6] == b'+' {
        local.checked_sub(offset)
    } else {
        local.checked_add(offset)
    }
}

fn is_hash(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A string value for a message, quoted and shortened.
fn quote(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head:?}…")
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
fn diagnose(bytes: &[u8], typed: &serde_json::Error) -> String {
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
        "duration_ms" if !v.is_u64() => expected("a whole number of milliseconds"),
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
    full.strip_suffix(&position)
        .unwrap_or(&full)
        .replace('`', "\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "　　全年儿童免疫规划疫苗接种率达到98.5%，𠀀字。";

    fn line(fields: &str) -> String {
        format!(
            r#"{{"id":"报告.txt#1","doc":"报告.txt","para":1,"annotator":"alice","updated_at":"2026-11-22T10:00:00Z"{fields}}}"#
        )
    }

    fn bad(line: &str) -> String {
        parse_line(line.as_bytes(), 1).unwrap_err()
    }

    #[test]
    fn a_native_record_reads_into_a_label() {
        let text = serde_json::to_string(TEXT).unwrap();
        let l = line(&format!(
            r#","text":{text},"hash":"{}","section":"achievement","indicators":["z","a","z"],
               "spans":[{{"start":12,"end":17,"label":"vaccination_rate","text":"接种率达到"}}],
               "flags":["review"],"note":"核对","duration_ms":5200,"done":true,"extra":1"#,
            content_hash(TEXT)
        ));
        let r = parse_line(l.as_bytes(), 7).unwrap();
        assert_eq!((r.annotator.as_str(), r.line), ("alice", 7));
        assert_eq!(r.label.doc, "报告.txt");
        assert_eq!(r.label.para, 1);
        assert_eq!(r.label.hash, content_hash(TEXT));
        assert_eq!(r.label.text.as_deref(), Some(TEXT));
        assert_eq!(r.label.indicators, ["a", "z"]);
        assert_eq!(r.label.spans[0].end, 17);
        assert_eq!(r.label.flags, ["review"]);
        assert!(r.label.done);
        assert_eq!(r.label.duration_ms, 5200);
        assert_eq!(r.label.updated_at, "2026-11-22T10:00:00Z");
        assert_eq!(
            r.at,
            humantime::parse_rfc3339("2026-11-22T10:00:00Z").unwrap()
        );
    }

    #[test]
    fn a_missing_hash_is_computed_from_the_text() {
        let text = serde_json::to_string(TEXT).unwrap();
        for extra in [
            format!(",\"text\":{text}"),
            format!(",\"text\":{text},\"hash\":null"),
        ] {
            let r = parse_line(line(&extra).as_bytes(), 1).unwrap();
            assert_eq!(r.label.hash, content_hash(TEXT));
        }
        let r = parse_line(line(r#","hash":"0123456789ABCDEF""#).as_bytes(), 1).unwrap();
        assert_eq!(
            (r.label.hash.as_str(), r.label.text),
            ("0123456789abcdef", None)
        );
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let text = serde_json::to_string(TEXT).unwrap();
        let cases: Vec<(String, &str)> = vec![
            ("{\"doc\":".into(), "not JSON: EOF while parsing a value (column 7)"),
            ("not json".into(), "not JSON: expected ident"),
            ("[1,2]".into(), "not a JSON object but an array"),
            (
                r#"{"doc":"a","para":1,"updated_at":"2026-11-22T10:00:00Z","hash":"0123456789abcdef"}"#
                    .into(),
                "missing field \"annotator\"",
            ),
            (
                line(",\"hash\":\"0123456789abcdef\"").replace("\"para\":1", "\"para\":\"x\""),
                "field \"para\": expected a paragraph index (an integer from 0 to 4294967295), found \"x\"",
            ),
            (
                line(",\"hash\":\"0123456789abcdef\"").replace("\"para\":1", "\"para\":-1"),
                "found -1",
            ),
            (line(",\"hash\":\"0123456789abcdef\",\"indicators\":\"funds\""), "field \"indicators\": expected an array of strings, found \"funds\""),
            (line(",\"hash\":\"0123456789abcdef\",\"done\":1"), "field \"done\": expected true or false, found 1"),
            (line(",\"hash\":\"0123456789abcdef\",\"spans\":[{\"start\":1,\"label\":\"x\"}]"), "field \"spans\": item 0: missing \"end\""),
            (line(",\"hash\":\"0123456789abcdef\",\"doc\":\"b\""), "duplicate field \"doc\""),
            (line(""), "missing field \"hash\" (and no \"text\" to compute it from)"),
            (line(",\"hash\":\"xyz\""), "field \"hash\": \"xyz\" is not a content hash (16 hex digits)"),
            (
                line(&format!(",\"hash\":\"0123456789abcdef\",\"text\":{text}")),
                "is not the hash of \"text\"",
            ),
            (
                line(",\"hash\":\"0123456789abcdef\"").replace("alice", "a b"),
                "field \"annotator\": invalid annotator name \"a b\": ' ' is not allowed",
            ),
            (
                line(",\"hash\":\"0123456789abcdef\"").replace("\"报告.txt\"", "\"\""),
                "field \"doc\": \"\": it is empty",
            ),
            (
                line(",\"hash\":\"0123456789abcdef\"").replace("2026-11-22T10:00:00Z", "yesterday"),
                "field \"updated_at\": \"yesterday\" is not an RFC 3339 time",
            ),
            (
                line(&format!(",\"text\":{text},\"spans\":[{{\"start\":5,\"end\":3,\"label\":\"x\"}}]")),
                "field \"spans\" item 0: start 5 is after end 3",
            ),
            (
                line(&format!(",\"text\":{text},\"spans\":[{{\"start\":5,\"end\":99,\"label\":\"x\"}}]")),
                "end 99 is past the end of \"text\" (26 characters)",
            ),
        ];
        for (l, want) in cases {
            let got = bad(&l);
            assert!(got.contains(want), "{l}\n  got: {got}\n want: {want}");
        }
    }

    #[test]
    fn lines_are_numbered_and_blank_ones_skipped() {
        let good = line(",\"hash\":\"0123456789abcdef\"");
        let file = format!(
            "\u{feff}{good}\r\n\n   \n{{bad\n{good}\n{}\n",
            good.replace("alice", "bob")
        );
        let parsed = parse(file.as_bytes());
        let lines: Vec<usize> = parsed.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 5, 6]);
        assert_eq!(parsed.records[2].annotator, "bob");
        assert_eq!(parsed.bad.len(), 1);
        assert_eq!(parsed.bad[0].line, 4);
        assert!(parsed.bad[0].message.starts_with("not JSON"));
        assert_eq!(parse(b""), Parsed::default());
        let not_utf8 = parse(b"{\"doc\":\"\xff\"}\n");
        assert_eq!(not_utf8.bad[0].line, 1);
        assert!(
            not_utf8.bad[0].message.starts_with("not JSON"),
            "{:?}",
            not_utf8.bad
        );
    }

    #[test]
    fn many_lines_keep_their_order() {
        let good = line(",\"hash\":\"0123456789abcdef\"");
        let file: String = (0..10_000)
            .map(|i| {
                if i % 1000 == 999 {
                    "{\n".into()
                } else {
                    format!("{}\n", good.replace("\"para\":1", &format!("\"para\":{i}")))
                }
            })
            .collect();
        let parsed = parse(file.as_bytes());
        assert_eq!(parsed.records.len(), 9_990);
        assert!(parsed.records.windows(2).all(|w| w[0].line < w[1].line));
        assert!(parsed
            .records
            .iter()
            .all(|r| r.label.para as usize + 1 == r.line));
        let bad: Vec<usize> = parsed.bad.iter().map(|b| b.line).collect();
        assert_eq!(bad, (1..=10).map(|k| k * 1000).collect::<Vec<_>>());
    }

    #[test]
    fn times_compare_as_instants() {
        let t = |s| parse_time(s).unwrap_or_else(|| panic!("{s}"));
        assert_eq!(t("2026-11-22T10:00:00Z"), t("2026-11-22T10:00:00.000Z"));
        assert_eq!(t("2026-11-22T10:00:00Z"), t("2026-11-22T10:00:00+00:00"));
        assert_eq!(t("2026-11-22T18:00:00+08:00"), t("2026-11-22T10:00:00Z"));
        assert_eq!(t("2026-11-22T05:30:00-04:30"), t("2026-11-22T10:00:00Z"));
        assert!(t("2026-11-22T10:00:00.001Z") > t("2026-11-22T10:00:00Z"));
        for bad in [
            "",
            "yesterday",
            "2026-11-22",
            "2026-11-22T10:00:00+24:00",
            "2026-13-01T00:00:00Z",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
