//! Stored values: JSON objects with a schema version field, `{"v":N,…}`.
//!
//! - version 1: every record as its struct serializes (a label with its
//!   `doc` and `para`, every field written);
//! - version 2 (written since issue 4, for speed: sled's cost per value
//!   grows with its size): a label in the `labels` tree without `doc` and
//!   `para` (its key holds them) and without fields at their default
//!   (`null`, `[]`, `false`, `0`); a group of history entries with the
//!   fields the entries share (`at`, `annotator`, `action`) said once and
//!   each entry's labels as version 2 bodies (see `sled_store::history`);
//! - version 3 (written since issue 5, for speed: sled reads a store page by
//!   page, at most 16 entries a page): a pack of the labels of up to 16
//!   paragraphs in the `labels` tree, each a version 2 value (see
//!   `store::pack`); and the format marker of a store whose labels are
//!   packed, which builds before packs refuse to open.
//!
//! A store holds all versions side by side; every reader decodes them all,
//! so stores written by earlier builds read exactly as before.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The newest value schema version this build writes and reads.
pub const VERSION: u64 = 4;

/// How every version 1 value `encode` writes begins.
const V1_PREFIX: &[u8] = b"{\"v\":1,";
/// How every version 2 value `encode_v2` writes begins.
const V2_PREFIX: &[u8] = b"{\"v\":2,";

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

/// `value` (a struct) as a JSON object with `"v":1` first.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    encode_as(1, value)
}

/// `value` (a struct) as a JSON object with `"v":2` first.
pub fn encode_v2<T: Serialize>(value: &T) -> Vec<u8> {
    encode_as(2, value)
}

pub fn encode_as<T: Serialize>(v: u64, value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    serde_json::to_writer(&mut out, &Versioned { v, body: value })
        .expect("store records serialize to JSON");
    out
}

/// Just the version of a stored value (the rest is skipped unparsed).
#[derive(Deserialize)]
struct VersionOnly {
    v: Option<serde_json::Value>,
}

/// The schema version of a stored value: 1 to [`VERSION`].
pub fn version(bytes: &[u8]) -> Result<u64, DecodeError> {
    // What `encode` and `encode_v2` write: no need to look further.
    if bytes.starts_with(V2_PREFIX) {
        return Ok(2);
    }
    if bytes.starts_with(V1_PREFIX) {
        return Ok(1);
    }
    // (A struct also deserializes from a JSON array; only objects count.)
    if bytes.trim_ascii_start().first() != Some(&b'{') {
        return Err(bad(bytes, serde::de::Error::custom("not an object")));
    }
    let version = serde_json::from_slice::<VersionOnly>(bytes)
        .map_err(|e| bad(bytes, e))?
        .v;
    match version {
        None => Err(DecodeError::Bad("no schema version field \"v\"".into())),
        Some(v) => match v.as_u64() {
            Some(n @ 1..=VERSION) => Ok(n),
            _ => Err(DecodeError::Version(v.to_string())),
        },
    }
}

/// What is wrong with `bytes`, which did not deserialize (`e`).
pub fn bad(bytes: &[u8], e: serde_json::Error) -> DecodeError {
    DecodeError::Bad(match serde_json::from_slice::<serde_json::Value>(bytes) {
        Err(e) => format!("not JSON ({e})"),
        Ok(serde_json::Value::Object(_)) => format!("not a valid record ({e})"),
        Ok(_) => "not a JSON object".into(),
    })
}

/// The record in a stored value whose shape is the same in every version
/// (the format marker, a single history entry, a parked label), checking
/// the version first.
///
/// The record is read straight from the bytes: its structs ignore the
/// unknown field `v`.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    version(bytes)?;
    serde_json::from_slice(bytes).map_err(|e| bad(bytes, e))
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
    fn versions() {
        assert_eq!(version(&encode(&Label::empty("a", 0, ""))), Ok(1));
        assert_eq!(version(&encode_v2(&Label::empty("a", 0, ""))), Ok(2));
        assert_eq!(version(br#" {"x":1, "v":2}"#), Ok(2));
        assert!(encode_v2(&Label::empty("a", 0, "")).starts_with(b"{\"v\":2,"));
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
            decode::<Label>(br#"{"v":5,"doc":"a"}"#),
            Err(DecodeError::Version("5".into()))
        );
        assert_eq!(
            decode::<Label>(br#"{"v":0,"doc":"a"}"#),
            Err(DecodeError::Version("0".into()))
        );
        assert_eq!(
            decode::<Label>(br#"{"v":"1"}"#),
            Err(DecodeError::Version("\"1\"".into()))
        );
    }
}
