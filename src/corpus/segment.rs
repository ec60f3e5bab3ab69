//! Lines → paragraphs. A line is a paragraph unless it is longer than the
//! limit; then it is split at section headings (`一、` `（一）` `1.` `1、`
//! `一是`) and, failing those, at sentence ends. A numbered heading that
//! leads a line (`（一）加强食品安全监管。正文…`) becomes its own paragraph.
//!
//! - [`marker`]: recognising the numbered markers, and heading levels.
//! - [`fit`]: cutting a line longer than the limit into chunks that fit.
//! - here: the line → pieces pipeline and separating heading leads.

mod fit;
mod marker;
#[cfg(test)]
mod tests;

pub use marker::{heading_level, heading_level_with};
use marker::{is_financial, marker_at, Marker};

use super::rules::{Rule, Rules};

/// Limits for splitting lines, in characters (Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentOptions {
    /// Lines longer than this are split; no paragraph is longer.
    pub max_chars: usize,
    /// A numbered lead longer than this is not a heading.
    pub max_heading_chars: usize,
}

impl Default for SegmentOptions {
    fn default() -> Self {
        SegmentOptions {
            max_chars: 1000,
            max_heading_chars: 50,
        }
    }
}

/// One paragraph cut from a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub heading: bool,
    /// The heading rule (`heading-spaces`, `traditional-numerals`,
    /// `glossary`) that decided this piece's reading, if one did.
    pub rule: Option<Rule>,
}

/// Byte length of the longest prefix of `s` whose characters satisfy `f`.
fn take_while(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(s.len(), |(i, _)| i)
}

/// Sentence-final punctuation.
fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// Closing quotes and brackets that stay with the sentence end before them.
fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '」' | '』' | '）' | ')' | '》')
}

/// Split one line into paragraphs. Whitespace-only pieces are dropped;
/// every other character of the line is kept, in order.
pub fn split_line(line: &str, opts: &SegmentOptions) -> Vec<Piece> {
    split_line_with(line, opts, Rules::all().without(Rule::Sections)).0
}

/// [`split_line`] under `rules`: with `sections` on, a line within the
/// limit that holds several numbered sections in sequence (`一、… 二、…
/// 三、…`) is cut before each; the heading rules decide what a heading lead
/// is. Also says whether the `sections` rule cut the line.
pub fn split_line_with(line: &str, opts: &SegmentOptions, rules: Rules) -> (Vec<Piece>, bool) {
    let line = line.trim_end();
    let mut out = Vec::new();
    if line.trim_start().is_empty() {
        return (out, false);
    }
    if line.chars().count() <= opts.max_chars {
        let cuts = if rules.on(Rule::Sections) {
            fit::section_cuts(line, rules)
        } else {
            Vec::new()
        };
        if cuts.is_empty() {
            separate_headings(line, opts, rules, &mut out);
            return (out, false);
        }
        let bounds: Vec<usize> = [0].into_iter().chain(cuts).chain([line.len()]).collect();
        for (i, w) in bounds.windows(2).enumerate() {
            let chunk = &line[w[0]..w[1]];
            let chunk = if i == 0 { chunk } else { chunk.trim_start() };
            let chunk = chunk.trim_end();
            if !chunk.is_empty() {
                separate_headings(chunk, opts, rules, &mut out);
            }
        }
        return (out, true);
    }
    for (i, chunk) in fit::split_long_line(line, opts.max_chars, rules).enumerate() {
        let chunk = if i == 0 { chunk } else { chunk.trim_start() };
        let chunk = chunk.trim_end();
        if !chunk.is_empty() {
            separate_headings(chunk, opts, rules, &mut out);
        }
    }
    (out, false)
}

/// Emit `chunk` (no trailing whitespace), with any short numbered lead
/// (`一、总体情况` up to the first sentence end or gap) as a heading
/// paragraph of its own.
fn separate_headings(chunk: &str, opts: &SegmentOptions, rules: Rules, out: &mut Vec<Piece>) {
    let mut rest = chunk;
    loop {
        let (lead, rule) = heading_lead(rest, opts.max_heading_chars, rules);
        let Some(end) = lead else {
            out.push(Piece {
                text: rest.to_owned(),
                heading: false,
                rule,
            });
            return;
        };
        out.push(Piece {
            text: rest[..end].trim_end().to_owned(),
            heading: true,
            rule,
        });
        rest = rest[end..].trim_start();
        if rest.is_empty() {
            return;
        }
    }
}

/// [`lead_end`], and the heading rule that decided it, if one did (what
/// the lead would be with that rule off differs).
fn heading_lead(text: &str, max: usize, rules: Rules) -> (Option<usize>, Option<Rule>) {
    let lead = lead_end(text, max, rules);
    let body = text.trim_start();
    let Some((Marker::Heading, marker)) = marker_at(body, rules) else {
        return (lead, None);
    };
    let decided = |rule: Rule| rules.on(rule) && lead != lead_end(text, max, rules.without(rule));
    let rule = if lead.is_some() && is_financial(&body[..marker]) {
        Some(Rule::TraditionalNumerals)
    } else if body[marker..].starts_with(char::is_whitespace) && decided(Rule::HeadingSpaces) {
        Some(Rule::HeadingSpaces)
    } else if lead.is_none() && decided(Rule::Glossary) {
        Some(Rule::Glossary)
    } else {
        None
    };
    (lead, rule)
}

/// Byte length of the heading that leads `text`, if it starts with a
/// heading marker followed by text, and the lead is at most `max` chars
/// (closing quotes after its sentence end not counted).
fn lead_end(text: &str, max: usize, rules: Rules) -> Option<usize> {
    let body = text.trim_start();
    let indent = text.len() - body.len();
    let (Marker::Heading, marker) = marker_at(body, rules)? else {
        return None;
    };
    // Spaces after the marker (`一、  总体情况`) belong to it
    // (`heading-spaces`).
    let mlen = if rules.on(Rule::HeadingSpaces) {
        marker + take_while(&body[marker..], char::is_whitespace)
    } else {
        marker
    };
    if rules.on(Rule::Glossary) && is_glossary_entry(&body[mlen..]) {
        return None;
    }
    let mut count = body[..mlen].chars().count();
    let mut end = body.len();
    for (i, c) in body[mlen..].char_indices() {
        let at = mlen + i;
        if c.is_whitespace() && gap_ends_lead(body, at) {
            end = at;
            break;
        }
        count += 1;
        if count > max {
            return None; // too long for a heading, wherever it ends
        }
        if is_terminal(c) {
            let after = at + c.len_utf8();
            end = after + take_while(&body[after..], is_closing);
            break;
        }
    }
    (!body[mlen..end].trim_end().is_empty()).then_some(indent + end)
}

/// Whether text after a number is a glossary entry, not a heading: a
/// quoted term followed by a colon (`1.“家庭医生”：是指…`).
fn is_glossary_entry(after_marker: &str) -> bool {
    let Some(term) = after_marker.strip_prefix(['“', '"', '「']) else {
        return false;
    };
    term.char_indices().take(30).any(|(i, c)| {
        matches!(c, '”' | '"' | '」') && term[i + c.len_utf8()..].starts_with(['：', ':'])
    })
}

/// Whether the whitespace at byte `at` of `body` ends a heading lead:
/// `成效 (一)…` does; `工作目标2018 年…` (a digit on either side) and
/// trailing whitespace do not.
fn gap_ends_lead(body: &str, at: usize) -> bool {
    let more = body[at..].trim_start();
    !more.is_empty()
        && !body[..at].ends_with(|b: char| b.is_ascii_digit())
        && !more.starts_with(|a: char| a.is_ascii_digit())
}
