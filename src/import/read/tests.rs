use super::*;
use crate::corpus::identity::content_hash;

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
    assert_eq!(r.label.duration_ms, Some(5200));
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

/// A good line (with a hash) plus `fields`.
fn valid(fields: &str) -> String {
    line(&format!(r#","hash":"0123456789abcdef"{fields}"#))
}

#[test]
fn impossible_durations_and_times_are_refused() {
    let huge = valid(&format!(r#","duration_ms":{}"#, u64::MAX - 5));
    assert_eq!(
        parse_line(huge.as_bytes(), 1).unwrap_err(),
        format!(
            "field \"duration_ms\": {} is more than 30 days (2592000000 ms); use null when the time is unknown",
            u64::MAX - 5
        )
    );
    let at_most = valid(&format!(r#","duration_ms":{MAX_DURATION_MS}"#));
    assert_eq!(
        parse_line(at_most.as_bytes(), 1).unwrap().label.duration_ms,
        Some(MAX_DURATION_MS)
    );
    let future = valid("").replace("2026-11-22T10:00:00Z", "9999-12-31T23:59:59Z");
    let err = parse_line(future.as_bytes(), 1).unwrap_err();
    assert!(
        err.starts_with("field \"updated_at\": \"9999-12-31T23:59:59Z\" is after "),
        "{err}"
    );
    let past = valid("").replace("2026-11-22T10:00:00Z", "1999-12-31T23:59:59Z");
    assert_eq!(
        parse_line(past.as_bytes(), 1).unwrap_err(),
        "field \"updated_at\": \"1999-12-31T23:59:59Z\" is before 2000-01-01T00:00:00Z: not a time a label was made"
    );
    // A day of slack for fast clocks, measured from the given now.
    let now = humantime::parse_rfc3339("2026-11-22T00:00:00Z").unwrap();
    let soon = valid("").replace("2026-11-22T10:00:00Z", "2026-11-22T23:00:00+00:00");
    assert!(parse_line_at(soon.as_bytes(), 1, now).is_ok());
    let later = valid("").replace("2026-11-22T10:00:00Z", "2026-11-23T00:00:01Z");
    assert!(parse_line_at(later.as_bytes(), 1, now).is_err());
}

#[test]
fn an_unknown_duration_stays_unknown() {
    let null = valid(r#","duration_ms":null"#);
    assert_eq!(
        parse_line(null.as_bytes(), 1).unwrap().label.duration_ms,
        None
    );
    assert_eq!(
        parse_line(valid("").as_bytes(), 1)
            .unwrap()
            .label
            .duration_ms,
        None
    );
    let bad = valid(r#","duration_ms":"5s""#);
    assert_eq!(
        parse_line(bad.as_bytes(), 1).unwrap_err(),
        "field \"duration_ms\": expected a whole number of milliseconds, or null when unknown, found \"5s\""
    );
}
