//! Stored values: JSON objects with a schema version field, `{"v":1,…}`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The value schema version this build writes and reads.
pub const VERSION: u64 = 1;

/// How every value `encode` writes begins.
const CURRENT_PREFIX: &[u8] = b"{\"v\":1,";

/// Why a stored value could not be read.
#[derive(Debug, PartialEq)]
pub enum DecodeError {
    /// Not JSON, not an object, or not the expected shape.
    Bad(String),
    /// A `v` this build does not know (shown as found in the JSON).
    Version(String),
}

#[derive(Serialize)]
struct Versioned<'a, T> {
    v: u64,
    #[serde(flatten)]
    body: &'a T,
}

/// `value` (a struct) as a JSON object with `"v":VERSION` first.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(&Versioned {
        v: VERSION,
        body: value,
    })
    .expect("store records serialize to JSON")
}

/// Just the version of a stored value (the rest is skipped unparsed).
#[derive(Deserialize)]
struct VersionOnly {
    v: Option<serde_json::Value>,
}

/// The record in a stored value, checking its version first.
///
/// The record is read straight from the bytes: its structs ignore the
/// unknown field `v`.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    let diagnose = |e: serde_json::Error| {
        DecodeError::Bad(match serde_json::from_slice::<serde_json::Value>(bytes) {
            Err(e) => format!("not JSON ({e})"),
            Ok(serde_json::Value::Object(_)) => format!("not a valid record ({e})"),
            Ok(_) => "not a JSON object".into(),
        })
    };
    // What `encode` writes: no need to look further for the version.
    if bytes.starts_with(CURRENT_PREFIX) {
        return serde_json::from_slice(bytes).map_err(diagnose);
    }
    // (A struct also deserializes from a JSON array; only objects count.)
    if bytes.trim_ascii_start().first() != Some(&b'{') {
        return Err(diagnose(serde::de::Error::custom("not an object")));
    }
    let version = serde_json::from_slice::<VersionOnly>(bytes)
        .map_err(diagnose)?
        .v;
    match version {
        None => return Err(DecodeError::Bad("no schema version field \"v\"".into())),
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => return Err(DecodeError::Version(v.to_string())),
    }
    serde_json::from_slice(bytes).map_err(|e| DecodeError::Bad(format!("not a valid record ({e})")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Label;

    #[test]
    fn round_trip_with_version_first() {
        let label = Label::new("a.txt", 3, "0123456789abcdef");
        let bytes = encode(&label);
        assert!(
            bytes.starts_with(b"{\"v\":1,"),
            "{}",
            String::from_utf8_lossy(&bytes)
        );
        assert_eq!(decode::<Label>(&bytes).unwrap(), label);
    }

    #[test]
    fn version_anywhere_in_the_object() {
        let label = Label::new("a.txt", 3, "0123456789abcdef");
        let mut json = serde_json::to_value(&label).unwrap();
        json["v"] = 1.into();
        let spaced = format!(" {}", serde_json::to_string_pretty(&json).unwrap());
        assert_eq!(decode::<Label>(spaced.as_bytes()).unwrap(), label);
    }

    #[test]
    fn bad_values() {
        let bad = |b: &[u8]| match decode::<Label>(b) {
            Err(DecodeError::Bad(why)) => why,
            other => panic!("{other:?}"),
        };
        assert!(bad(b"{not json").contains("not JSON"));
        assert!(bad(b"{\"v\":1,").contains("not JSON"));
        assert!(bad(b"{\"v\":1,\"doc\":3}").contains("not a valid record"));
        assert!(bad(b"").contains("not JSON"));
        assert!(bad(b"[1]").contains("not a JSON object"));
        assert!(bad(br#"{"doc":"a","para":1,"updated_at":"x"}"#).contains("\"v\""));
        assert!(bad(br#"{"v":1,"doc":"a"}"#).contains("not a valid record"));
        assert_eq!(
            decode::<Label>(br#"{"v":2,"doc":"a"}"#),
            Err(DecodeError::Version("2".into()))
        );
        assert_eq!(
            decode::<Label>(br#"{"v":"1"}"#),
            Err(DecodeError::Version("\"1\"".into()))
        );
    }
}
