use super::*;
use proptest::prelude::*;

fn one(encode: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut out = Vec::new();
    encode(&mut out);
    assert_eq!(out.last(), Some(&b'\n'));
    assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);
    out.pop();
    out
}

#[test]
fn lines_round_trip_and_are_json() {
    let value = "{\"v\":2,\"section\":\"成效\",\"note\":\"𠀀😀ｶﾞ\\t\\u001b\"}".as_bytes();
    let key = b"dir/\xe6\x8a\xa5\xe5\x91\x8a.txt\0\0\0\0\x11";
    for (line, want) in [
        (
            one(|o| header(o, "alice")),
            Line::Header {
                version: VERSION,
                store: "alice".into(),
            },
        ),
        (
            one(|o| write(o, 7, Tree::Labels, key, Some(value))),
            Line::Write {
                commit: 7,
                tree: Tree::Labels,
                key: key.to_vec(),
                value: Some(Cow::Borrowed(value)),
            },
        ),
        (
            one(|o| write(o, 8, Tree::Orphans, key, None)),
            Line::Write {
                commit: 8,
                tree: Tree::Orphans,
                key: key.to_vec(),
                value: None,
            },
        ),
        (
            one(|o| commit(o, u64::MAX, 3)),
            Line::Commit {
                commit: u64::MAX,
                writes: 3,
            },
        ),
    ] {
        assert_eq!(decode(&line).unwrap(), want);
        serde_json::from_slice::<serde_json::Value>(&line)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&line)));
    }
}

#[test]
fn odd_values_go_as_hex() {
    for value in [&b"{\"a\":\n1}"[..], b"\xff\xfe", b"a\rb", b""] {
        let line = one(|o| write(o, 1, Tree::History, b"\0\0\0\0\0\0\0\x01", Some(value)));
        assert!(line.windows(5).any(|w| w == b"\"h\":\""));
        let Line::Write { value: got, .. } = decode(&line).unwrap() else {
            panic!("not a write");
        };
        assert_eq!(got.as_deref(), Some(value));
    }
}

#[test]
fn wrong_shapes_are_named() {
    assert_eq!(decode(b"").unwrap_err(), LineError::Shape("too short"));
    assert_eq!(
        decode(b"{\"c\":1,\"n\":2,\"y\":\"0000000000000000\"}").unwrap_err(),
        LineError::Shape("no checksum")
    );
    let mut future = Vec::new();
    let start = future.len();
    future.extend_from_slice(b"{\"journal\":2,\"store\":\"a\"");
    seal(&mut future, start);
    future.pop();
    assert_eq!(decode(&future).unwrap_err(), LineError::Version(2));
}

proptest! {
    /// Any one byte changed, or the line cut short, is detected.
    #[test]
    fn damage_is_detected(
        key in proptest::collection::vec(any::<u8>(), 0..20),
        text in "[a-z成效\"\\\\]{0,30}",
        at in any::<prop::sample::Index>(),
        flip in 1u8..=255,
        cut in any::<prop::sample::Index>(),
    ) {
        let value = serde_json::to_vec(&serde_json::json!({"v": 2, "note": text})).unwrap();
        let line = one(|o| write(o, 3, Tree::Labels, &key, Some(&value)));
        let mut damaged = line.clone();
        let i = at.index(damaged.len());
        damaged[i] ^= flip;
        prop_assert!(decode(&damaged).is_err());
        let cut = cut.index(line.len());
        prop_assert!(decode(&line[..cut]).is_err());
        prop_assert!(decode(&line).is_ok());
    }
}

/// A checksum digit's case flipped (`a` → `A`) is damage, though it reads
/// as the same number (found by `damage_is_detected`).
#[test]
fn an_upper_case_checksum_digit_is_damage() {
    let line = one(|o| commit(o, 3, 0));
    let mut flipped = 0;
    for i in line.len() - 18..line.len() - 2 {
        if line[i].is_ascii_lowercase() {
            let mut damaged = line.clone();
            damaged[i] ^= 0x20;
            assert!(
                decode(&damaged).is_err(),
                "{}",
                String::from_utf8_lossy(&damaged)
            );
            flipped += 1;
        }
    }
    assert!(flipped > 0, "no letter among the checksum digits");
}
