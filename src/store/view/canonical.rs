//! The quick way to view a stored label: a scan of the exact form this
//! build writes a version 2 value in (serde_json output of the body: no
//! spaces, `{"v":2,` first, each field once). Reading a million labels is
//! a large part of `biaozhu agree`; this scan is several times faster than
//! a serde_json decode, because it reads strings in place and knows the
//! order and form of every field.
//!
//! Anything it does not expect (a JSON escape in a string it reads, a
//! version 1 value, spaces, a repeated field, a number it cannot take) makes
//! it give up, and the caller decodes the value with serde_json, which
//! reads every valid value and names what is wrong with an invalid one. So
//! the scan never decides that a value is bad, and from a valid value it
//! reads what serde_json reads. The whole value must be UTF-8; the fields a
//! view does not read are only stepped over, so malformed JSON inside one
//! of them goes unnoticed here (a full read, such as `biaozhu export`'s,
//! reports it).

/// The fields of a view, all borrowed from the value.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Scanned<'a> {
    pub hash: Option<&'a str>,
    pub section: Option<&'a str>,
    pub indicators: Vec<&'a str>,
    pub spans: Vec<(u32, u32, &'a str)>,
    pub flags: Vec<&'a str>,
    /// The note, when there is one (not null).
    pub note: Option<&'a str>,
    pub source: Option<&'a str>,
    /// The source of the suggestion shown when it was labeled
    /// (`suggested.source`: pattern, model or control).
    pub suggested: Option<&'a str>,
    pub done: bool,
    pub updated_at: &'a str,
    pub duration_ms: Option<u64>,
}

/// The fields of a value in the form this build writes, or None for any
/// other value (valid or not).
pub(super) fn scan(bytes: &[u8]) -> Option<Scanned<'_>> {
    // UTF-8 checked once for the whole value; strings are then cut from it
    // at their quotes (ASCII, so always on a character boundary).
    let text = std::str::from_utf8(bytes.strip_prefix(b"{\"v\":2")?).ok()?;
    let mut c = Cursor { text, at: 0 };
    let mut out = Scanned::default();
    // The fields read, one bit each: serde_json refuses a repeated one.
    let mut seen = 0u16;
    while c.eat(b',') {
        let key = c.plain_string()?;
        c.eat(b':').then_some(())?;
        let bit = match key {
            "hash" => {
                out.hash = Some(c.plain_string()?);
                0
            }
            "section" => {
                out.section = Some(c.plain_string()?);
                1
            }
            "indicators" => {
                out.indicators = c.plain_strings()?;
                2
            }
            "done" => {
                out.done = c.boolean()?;
                3
            }
            "duration_ms" => {
                out.duration_ms = Some(c.number()?);
                4
            }
            "updated_at" => {
                out.updated_at = c.plain_string()?;
                5
            }
            "spans" => {
                out.spans = c.spans()?;
                6
            }
            "flags" => {
                out.flags = c.plain_strings()?;
                7
            }
            "note" => {
                out.note = c.null_or_plain_string()?;
                8
            }
            "source" => {
                out.source = c.null_or_plain_string()?;
                9
            }
            "suggested" => {
                out.suggested = c.suggested_source()?;
                10
            }
            // Version 1 fields: for serde_json to judge.
            "doc" | "para" | "v" => return None,
            // Fields a view does not read (as serde_json, unchecked).
            _ => {
                c.skip_value()?;
                continue;
            }
        };
        if seen & (1 << bit) != 0 {
            return None;
        }
        seen |= 1 << bit;
    }
    let updated_at = seen & (1 << 5) != 0;
    (c.eat(b'}') && c.at == c.text.len() && updated_at).then_some(out)
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    /// Step over `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    /// A string without escapes or control characters, borrowed.
    fn plain_string(&mut self) -> Option<&'a str> {
        self.eat(b'"').then_some(())?;
        let rest = &self.bytes()[self.at..];
        let len = memchr::memchr2(b'"', b'\\', rest)?;
        // (A fold, not `any`: no early exit, so it vectorizes.)
        let control = rest[..len].iter().fold(false, |c, &b| c | (b < 0x20));
        if rest[len] != b'"' || control {
            return None;
        }
        let s = self.text.get(self.at..self.at + len)?;
        self.at += len + 1;
        Some(s)
    }

    /// `null`, or a plain string.
    fn null_or_plain_string(&mut self) -> Option<Option<&'a str>> {
        if self.bytes()[self.at..].starts_with(b"null") {
            self.at += 4;
            return Some(None);
        }
        self.plain_string().map(Some)
    }

    /// A key of an object in the form this build writes: `"key":`.
    fn key(&mut self, key: &str) -> Option<()> {
        (self.plain_string()? == key && self.eat(b':')).then_some(())
    }

    /// Spans as this build writes them: `[{"start":N,"end":N,"label":"…"},…]`.
    fn spans(&mut self) -> Option<Vec<(u32, u32, &'a str)>> {
        self.eat(b'[').then_some(())?;
        let mut out = Vec::new();
        if self.eat(b']') {
            return Some(out);
        }
        loop {
            self.eat(b'{').then_some(())?;
            self.key("start")?;
            let start = u32::try_from(self.number()?).ok()?;
            self.eat(b',').then_some(())?;
            self.key("end")?;
            let end = u32::try_from(self.number()?).ok()?;
            self.eat(b',').then_some(())?;
            self.key("label")?;
            let label = self.plain_string()?;
            self.eat(b'}').then_some(())?;
            out.push((start, end, label));
            if self.eat(b']') {
                return Some(out);
            }
            self.eat(b',').then_some(())?;
        }
    }

    /// `[` plain strings `]`.
    fn plain_strings(&mut self) -> Option<Vec<&'a str>> {
        self.eat(b'[').then_some(())?;
        let mut out = Vec::new();
        if self.eat(b']') {
            return Some(out);
        }
        loop {
            out.push(self.plain_string()?);
            if self.eat(b']') {
                return Some(out);
            }
            self.eat(b',').then_some(())?;
        }
    }

    fn boolean(&mut self) -> Option<bool> {
        let rest = &self.bytes()[self.at..];
        let (value, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return None;
        };
        self.at += len;
        Some(value)
    }

    /// Digits that fit a `u64`, no sign, fraction or exponent.
    fn number(&mut self) -> Option<u64> {
        let rest = &self.bytes()[self.at..];
        let len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 || (len > 1 && rest[0] == b'0') {
            return None;
        }
        if matches!(rest.get(len), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        let n = rest[..len].iter().try_fold(0u64, |n, &d| {
            n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })?;
        self.at += len;
        Some(n)
    }

    /// Step over one value of a field the view does not read: a string
    /// (escapes allowed), or an array or object (nesting, strings inside),
    /// or a scalar. Only finds where it ends; whether it is valid JSON is
    /// not checked (serde_json would skip it unread too, after checking).
    /// `null`, or the `source` of a `suggested` object (stepped over
    /// whole).
    fn suggested_source(&mut self) -> Option<Option<&'a str>> {
        if self.bytes()[self.at..].starts_with(b"null") {
            self.at += 4;
            return Some(None);
        }
        let start = self.at;
        self.skip_value()?;
        let object = &self.text[start..self.at];
        const KEY: &str = "\"source\":\"";
        let from = object.find(KEY)? + KEY.len();
        let len = object[from..].find(['"', '\\'])?;
        (object.as_bytes()[from + len] == b'"').then(|| Some(&object[from..from + len]))
    }

    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b',' | b']' | b'}' if depth == 0 => return Some(()),
                b'"' => self.skip_string()?,
                b'[' | b'{' => {
                    depth += 1;
                    self.at += 1;
                }
                b']' | b'}' => {
                    depth -= 1;
                    self.at += 1;
                }
                _ => self.at += 1,
            }
        }
    }

    /// Step over a string, escapes and all.
    fn skip_string(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            self.at += memchr::memchr2(b'"', b'\\', &self.bytes()[self.at..])?;
            if self.bytes()[self.at] == b'"' {
                self.at += 1;
                return Some(());
            }
            self.at += 2;
        }
    }
}

#[cfg(test)]
mod tests;
