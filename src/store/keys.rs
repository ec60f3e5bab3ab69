//! Ordered binary keys (DESIGN.md §4).
//!
//! - label key: doc path UTF-8 bytes, `0x00`, para as `u32` big-endian.
//!   Because `0x00` sorts before every byte a path can contain, and a path
//!   never contains NUL, byte order of keys equals `(String, u32)` order:
//!   `"a.txt"` < `"a.txt.bak"`, `"dir-a"` < `"dir/a"`.
//! - history key: sequence number as `u64` big-endian.

/// Separator between doc and para in a label key.
pub const SEP: u8 = 0x00;

/// Why a doc path cannot be a key, if it cannot.
pub fn check_doc(doc: &str) -> Result<(), &'static str> {
    if doc.is_empty() {
        Err("it is empty")
    } else if doc.as_bytes().contains(&SEP) {
        Err("it contains a NUL character")
    } else {
        Ok(())
    }
}

/// The key of paragraph `para` of `doc`; `doc` must pass [`check_doc`].
pub fn label_key(doc: &str, para: u32) -> Vec<u8> {
    let mut key = doc_prefix(doc);
    key.extend_from_slice(&para.to_be_bytes());
    key
}

/// The prefix shared by every label key of `doc` (and no other doc's).
pub fn doc_prefix(doc: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(doc.len() + 5);
    key.extend_from_slice(doc.as_bytes());
    key.push(SEP);
    key
}

/// `(doc, para)` from a label key, or None when it is malformed.
pub fn decode_label_key(key: &[u8]) -> Option<(String, u32)> {
    split_label_key(key).map(|(doc, para)| (doc.to_owned(), para))
}

/// `(doc, para)` from a label key, borrowing the doc, or None when it is
/// malformed.
pub fn split_label_key(key: &[u8]) -> Option<(&str, u32)> {
    let split = key.len().checked_sub(5)?;
    let (doc, rest) = key.split_at(split);
    if rest[0] != SEP || doc.contains(&SEP) {
        return None;
    }
    let doc = std::str::from_utf8(doc).ok()?;
    check_doc(doc).ok()?;
    let para = u32::from_be_bytes(rest[1..].try_into().ok()?);
    Some((doc, para))
}

pub fn history_key(seq: u64) -> [u8; 8] {
    seq.to_be_bytes()
}

pub fn decode_history_key(key: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(key.try_into().ok()?))
}

/// A label key for messages: `"doc" #17`, or hex when malformed.
pub fn describe_label_key(key: &[u8]) -> String {
    match decode_label_key(key) {
        Some((doc, para)) => format!("label \"{doc}\" #{para}"),
        None => format!("malformed label key 0x{}", hex(key)),
    }
}

/// A history key for messages: `history #42`, or hex when malformed.
pub fn describe_history_key(key: &[u8]) -> String {
    match decode_history_key(key) {
        Some(seq) => format!("history #{seq}"),
        None => format!("malformed history key 0x{}", hex(key)),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_keys_round_trip() {
        for (doc, para) in [("a.txt", 0), ("dir/报告.txt", 17), ("x", u32::MAX)] {
            assert_eq!(
                decode_label_key(&label_key(doc, para)),
                Some((doc.to_owned(), para))
            );
        }
        assert_eq!(decode_label_key(b""), None);
        assert_eq!(decode_label_key(b"\0\0\0\0\x01"), None); // empty doc
        assert_eq!(decode_label_key(b"abc\x01\0\0\0\x01"), None); // no separator
        assert_eq!(decode_label_key(b"a\0b\0\0\0\0\x01"), None); // NUL in doc
        assert_eq!(decode_label_key(b"\xff\0\0\0\0\x01"), None); // not UTF-8
        assert!(describe_label_key(b"\x01\x02").contains("0x0102"));
        assert_eq!(describe_label_key(&label_key("a", 3)), "label \"a\" #3");
    }

    #[test]
    fn label_key_order_is_doc_then_para() {
        let mut items = vec![
            ("a.txt.bak", 0),
            ("a.txt", 300),
            ("a.txt", 2),
            ("dir/a", 1),
            ("dir-a", 5),
            ("dir", 1),
            ("b", 256),
            ("b", 1),
            ("é", 0),
            ("z", 0),
            ("报告", 0),
        ];
        let mut by_key = items.clone();
        by_key.sort_by_key(|(d, p)| label_key(d, *p));
        items.sort();
        assert_eq!(by_key, items);
    }

    #[test]
    fn history_keys_sort_numerically() {
        assert!(history_key(255) < history_key(256));
        assert_eq!(decode_history_key(&history_key(42)), Some(42));
        assert_eq!(decode_history_key(b"short"), None);
        assert_eq!(describe_history_key(&history_key(7)), "history #7");
    }

    #[test]
    fn doc_check() {
        assert!(check_doc("a/b.txt").is_ok());
        assert!(check_doc("").is_err());
        assert!(check_doc("a\0b").is_err());
    }
}
