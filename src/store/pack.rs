//! Label packs (value version 3): the labels of up to [`SIZE`] consecutive
//! paragraphs of one document in one stored value, under the label key of
//! the first paragraph of their range ([`base`]).
//!
//! Why: sled 0.34 keeps at most 16 entries in a leaf page and reads a store
//! page by page, so a store of one label per entry costs a page read per
//! dozen labels: about 1 s per 1,000,000 labels on the README's machine,
//! most of what `biaozhu agree` and `export` took. In packs of 16 the same
//! labels are 62,500 entries. Larger packs cost the screen's writes: a
//! label write rewrites its pack, and a leaf of 16 packs of 32 labels with
//! spans passes the 128 KiB above which sled writes a page to a file of its
//! own; a write's p99 (`cargo bench --bench store`) was 22 ms with packs of
//! 32 and 0.6 ms with 16.
//!
//! The form: `{"v":3,"paras":[p, …],"labels":[label, …]}`, paragraphs
//! strictly increasing and inside the pack's range, each label the version 2
//! value of that paragraph's label (`{"v":2,…}`, as a single label was
//! stored before packs). [`split`] reads the form [`encode`] writes by a
//! scan that only finds where each label ends; any other JSON for the same
//! object (spaces, fields in another order) is read with serde_json.

use super::value::{self, DecodeError};
use serde::Deserialize;
use serde_json::value::RawValue;

/// Paragraphs per pack (a power of two).
pub const SIZE: u32 = 16;

/// The first paragraph of the pack holding `para`.
pub fn base(para: u32) -> u32 {
    para & !(SIZE - 1)
}

/// The value version of a pack.
const VERSION: u64 = 3;

/// How every pack [`encode`] writes begins.
const PREFIX: &[u8] = b"{\"v\":3,\"paras\":[";
const LABELS: &[u8] = b"],\"labels\":[";

/// The pack of `entries`: (paragraph, its label's version 2 value), in
/// strictly increasing paragraph order, all in one pack's range.
pub fn encode<'a>(entries: impl IntoIterator<Item = (u32, &'a [u8])> + Clone) -> Vec<u8> {
    let mut out = PREFIX.to_vec();
    for (i, (para, _)) in entries.clone().into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(para.to_string().as_bytes());
    }
    out.extend_from_slice(LABELS);
    for (i, (_, label)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(label);
    }
    out.extend_from_slice(b"]}");
    out
}

/// Whether a stored label value is a pack (version 3) rather than a single
/// label (versions 1 and 2, written before packs).
pub fn is_pack(bytes: &[u8]) -> Result<bool, DecodeError> {
    if bytes.starts_with(PREFIX) {
        return Ok(true);
    }
    Ok(value::version(bytes)? == VERSION)
}

/// The entries of the pack `bytes` whose range starts at `base`:
/// (paragraph, the label's value), borrowed from `bytes`. The labels'
/// values are not decoded here.
pub fn split(bytes: &[u8], base: u32) -> Result<Vec<(u32, &[u8])>, DecodeError> {
    let entries = match scan(bytes) {
        Some(entries) => entries,
        None => {
            let pack: Raw = serde_json::from_slice(bytes).map_err(|e| value::bad(bytes, e))?;
            if pack.v != VERSION {
                return Err(DecodeError::Version(pack.v.to_string()));
            }
            if pack.paras.len() != pack.labels.len() {
                return Err(DecodeError::Bad(format!(
                    "a pack of {} paragraphs with {} labels",
                    pack.paras.len(),
                    pack.labels.len()
                )));
            }
            pack.paras
                .into_iter()
                .zip(pack.labels.into_iter().map(|l| l.get().as_bytes()))
                .collect()
        }
    };
    let mut last = None;
    for &(para, _) in &entries {
        if para < base || para - base >= SIZE {
            return Err(DecodeError::Bad(format!(
                "paragraph {para} is not in this pack's range {base}…{}",
                base + SIZE - 1
            )));
        }
        if last.is_some_and(|l| l >= para) {
            return Err(DecodeError::Bad(format!(
                "paragraph {para} out of order in a pack"
            )));
        }
        last = Some(para);
    }
    Ok(entries)
}

/// A pack as serde_json reads it.
#[derive(Deserialize)]
struct Raw<'a> {
    v: u64,
    paras: Vec<u32>,
    #[serde(borrow)]
    labels: Vec<&'a RawValue>,
}

/// The entries of a pack in the exact form [`encode`] writes, or None for
/// any other text.
fn scan(bytes: &[u8]) -> Option<Vec<(u32, &[u8])>> {
    let rest = bytes.strip_prefix(PREFIX)?;
    let end = memchr::memchr(b']', rest)?;
    let (list, rest) = rest.split_at(end);
    let mut paras = Vec::with_capacity(SIZE as usize);
    if !list.is_empty() {
        for number in list.split(|&b| b == b',') {
            paras.push(number_of(number)?);
        }
    }
    let mut rest = rest.strip_prefix(LABELS)?;
    let mut out = Vec::with_capacity(paras.len());
    for (i, para) in paras.into_iter().enumerate() {
        if i > 0 {
            rest = rest.strip_prefix(b",")?;
        }
        let len = object_len(rest)?;
        out.push((para, &rest[..len]));
        rest = &rest[len..];
    }
    (rest == b"]}").then_some(out)
}

/// Plain decimal digits that fit a `u32` (no sign, no leading zero).
fn number_of(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || (digits.len() > 1 && digits[0] == b'0') {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &d| {
        if !d.is_ascii_digit() {
            return None;
        }
        n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

/// The length of the JSON object at the start of `bytes`: up to the brace
/// that closes it, strings (escapes and all) stepped over. Whether the
/// object is valid JSON is left to whoever decodes it.
fn object_len(bytes: &[u8]) -> Option<usize> {
    if bytes.first() != Some(&b'{') {
        return None;
    }
    let (mut depth, mut at) = (0usize, 0usize);
    loop {
        let next = memchr::memchr3(b'"', b'{', b'}', &bytes[at..])?;
        at += next;
        match bytes[at] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {
                // A string: on to its closing quote, over escapes.
                at += 1;
                loop {
                    at += memchr::memchr2(b'"', b'\\', &bytes[at..])?;
                    if bytes[at] == b'"' {
                        break;
                    }
                    at += 2;
                }
            }
        }
        at += 1;
    }
}

#[cfg(test)]
mod tests;
