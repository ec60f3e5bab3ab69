//! Bytes → text: strict UTF-8 (with or without BOM), UTF-16 with BOM, then
//! GB18030/GBK or Big5 as detected by chardetng. Line endings become LF.

use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE};
use thiserror::Error;

/// The encoding a file was read in, as reported by `biaozhu corpus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
    Big5,
}

impl SourceEncoding {
    pub fn name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf8Bom => "UTF-8 (BOM)",
            SourceEncoding::Utf16Le => "UTF-16LE",
            SourceEncoding::Utf16Be => "UTF-16BE",
            SourceEncoding::Gb18030 => "GB18030",
            SourceEncoding::Big5 => "Big5",
        }
    }
}

impl std::fmt::Display for SourceEncoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a file could not be read as text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("looks binary (NUL byte at offset {offset}), not a text file")]
    Binary { offset: usize },
    #[error("not valid UTF-8, UTF-16, GB18030 or Big5 (best guess {guess}: malformed bytes)")]
    Undecodable { guess: &'static str },
    #[error("starts with a {bom} byte-order mark but the rest is malformed")]
    BadBom { bom: &'static str },
}

/// Decoded text with LF line endings and no BOM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: SourceEncoding,
}

/// Decode a file's bytes. Never panics; any byte string gives `Ok` or `Err`.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, encoding) = decode_raw(bytes)?;
    Ok(Decoded {
        text: normalize_newlines(text),
        encoding,
    })
}

fn decode_raw(bytes: &[u8]) -> Result<(String, SourceEncoding), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Some(offset) = memchr_nul(rest) {
            return Err(DecodeError::Binary { offset: offset + 3 });
        }
        return std::str::from_utf8(rest)
            .map(|s| (s.to_owned(), SourceEncoding::Utf8Bom))
            .map_err(|_| DecodeError::BadBom { bom: "UTF-8" });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return strict(UTF_16LE, rest, SourceEncoding::Utf16Le)
            .ok_or(DecodeError::BadBom { bom: "UTF-16LE" });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return strict(UTF_16BE, rest, SourceEncoding::Utf16Be)
            .ok_or(DecodeError::BadBom { bom: "UTF-16BE" });
    }
    if let Some(offset) = memchr_nul(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), SourceEncoding::Utf8));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, true);
    let (encoding, source) = if guess == BIG5 {
        (BIG5, SourceEncoding::Big5)
    } else {
        // chardetng answers GBK for GB2312/GBK/GB18030 text; encoding_rs's
        // GB18030 decoder reads all three. Anything else it might guess
        // (windows-1252, Shift_JIS, …) is tried as GB18030 too and rejected
        // below if malformed: this tool reads Chinese reports only.
        (GB18030, SourceEncoding::Gb18030)
    };
    let decoded = strict(encoding, bytes, source);
    // chardetng can take a few characters of Big5 for GBK; GB18030 text of
    // real reports has no private-use characters, so prefer a clean Big5.
    let misread = decoded.as_ref().is_some_and(|(t, _)| has_private_use(t));
    if misread || (decoded.is_none() && source == SourceEncoding::Gb18030) {
        if let Some(big5) =
            strict(BIG5, bytes, SourceEncoding::Big5).filter(|(t, _)| !has_private_use(t))
        {
            return Ok(big5);
        }
    }
    decoded.ok_or(DecodeError::Undecodable {
        guess: source.name(),
    })
}

fn strict(
    encoding: &'static Encoding,
    bytes: &[u8],
    source: SourceEncoding,
) -> Option<(String, SourceEncoding)> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|cow| (cow.into_owned(), source))
}

fn has_private_use(text: &str) -> bool {
    text.chars().any(|c| matches!(c as u32, 0xE000..=0xF8FF))
}

/// Offset of the first NUL byte. `contains` is a fast memchr, so text files,
/// which have none, are not walked byte by byte.
fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    if !bytes.contains(&0) {
        return None;
    }
    bytes.iter().position(|&b| b == 0)
}

/// CRLF and lone CR become LF.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "　　二、加快衛生事業進展步伐。全市疫苗接種率達到98.5%，“六位一体”。\n";

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!(d.encoding, SourceEncoding::Utf8);
        assert_eq!(d.text, SAMPLE);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!(d.encoding, SourceEncoding::Utf8Bom);
        assert_eq!(d.text, SAMPLE);
    }

    #[test]
    fn utf16_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in SAMPLE.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, SAMPLE);
        assert_eq!(decode(&le).unwrap().encoding, SourceEncoding::Utf16Le);
        assert_eq!(decode(&be).unwrap().text, SAMPLE);
        assert_eq!(decode(&be).unwrap().encoding, SourceEncoding::Utf16Be);
    }

    #[test]
    fn gb18030_detected() {
        let text = "二是完善服务网络。结合区域卫生规划调整，设置了非营利性的村级社区卫生服务站，为广大农民提供“六位一体”的社区卫生服务。\n";
        let (bytes, _, bad) = GB18030.encode(text);
        assert!(!bad);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, SourceEncoding::Gb18030);
        assert_eq!(d.text, text);
    }

    #[test]
    fn big5_detected() {
        let text = "二是完善服務網絡。結合區域衛生規劃調整，設置了非營利性的村級社區衛生服務站，為廣大農民提供社區衛生服務。今年全市疫苗接種率達到百分之九十八，家庭醫生簽約服務覆蓋全部鄉鎮。\n";
        let (bytes, _, bad) = BIG5.encode(text);
        assert!(!bad);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, SourceEncoding::Big5);
        assert_eq!(d.text, text);
    }

    #[test]
    fn short_big5_is_not_misread_as_gbk() {
        let (bytes, _, _) = BIG5.encode("衛生局。");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "衛生局。");
        assert_eq!(d.encoding, SourceEncoding::Big5);
    }

    #[test]
    fn utf8_bom_with_nul_is_binary() {
        assert!(matches!(
            decode(b"\xEF\xBB\xBF\0\0"),
            Err(DecodeError::Binary { .. })
        ));
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n".into()), "a\nb\nc\n");
        assert_eq!(normalize_newlines("末尾\r".into()), "末尾\n");
    }

    #[test]
    fn binary_and_garbage_rejected() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary { offset: 8 })
        );
        assert!(decode(&[0xFF, 0xFF, 0xFF, 0x80, 0x81]).is_err());
        assert!(decode(b"\xEF\xBB\xBF\xFF").is_err());
    }
}
