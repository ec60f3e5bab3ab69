//! Cutting a line longer than the limit: before numbered markers first,
//! then at sentence ends, then at clause punctuation, and only as a last
//! resort between characters.

use super::marker::{marker_at, numbered};
use super::{is_closing, is_terminal, take_while};
use crate::corpus::rules::Rules;

/// The chunks of a long `line`, each at most `max` chars, in order and
/// covering the whole line.
pub(super) fn split_long_line(line: &str, max: usize, rules: Rules) -> impl Iterator<Item = &str> {
    split_at_markers(line, rules)
        .into_iter()
        .flat_map(move |piece| split_to_fit(piece, max))
}

/// A marker inside a line may start a paragraph after whitespace or after
/// sentence or clause punctuation.
fn is_boundary(prev: char) -> bool {
    prev.is_whitespace() || is_terminal(prev) || matches!(prev, '；' | ';' | '：' | ':')
}

/// Cut before every marker that sits on a boundary.
fn split_at_markers(line: &str, rules: Rules) -> Vec<&str> {
    let mut cuts = vec![0];
    let mut prev = None;
    for (i, c) in line.char_indices() {
        if prev.is_some_and(is_boundary) && marker_at(&line[i..], rules).is_some() {
            cuts.push(i);
        }
        prev = Some(c);
    }
    cuts.push(line.len());
    cuts.windows(2).map(|w| &line[w[0]..w[1]]).collect()
}

/// Chinese numerals a section number is written with.
fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾".contains(c)
}

/// Start of the Chinese-numbered marker (`三、`, `（三）`) that ends just
/// before byte `close` of `line` (at `、` or a closing bracket), if a
/// boundary precedes it.
fn marker_before(line: &str, close: usize, bracket: bool) -> Option<usize> {
    let before = &line[..close];
    let digits = before
        .chars()
        .rev()
        .take(4)
        .take_while(|&c| is_numeral(c))
        .count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let mut start = before
        .char_indices()
        .rev()
        .nth(digits - 1)
        .map_or(0, |(i, _)| i);
    if bracket {
        start = start.checked_sub(
            line[..start]
                .chars()
                .next_back()
                .filter(|c| matches!(c, '(' | '（'))?
                .len_utf8(),
        )?;
    }
    line[..start]
        .chars()
        .next_back()
        .is_some_and(is_boundary)
        .then_some(start)
}

/// Byte offsets of the Chinese-numbered markers after a boundary in `line`:
/// where [`section_cuts`] looks (found from their `、` and closing brackets).
fn inline_markers(line: &str) -> Vec<usize> {
    let mut at: Vec<usize> = line
        .match_indices('、')
        .filter_map(|(i, _)| marker_before(line, i, false))
        .chain(
            line.match_indices('）')
                .chain(line.match_indices(')'))
                .filter_map(|(i, _)| marker_before(line, i, true)),
        )
        .collect();
    at.sort_unstable();
    at
}

/// Where a line within the limit holding several numbered sections in
/// sequence is cut: before each marker on a boundary (`一、` `（一）` of one
/// kind) that continues a run 1, 2, 3… (or n, n+1…) of at least two, the
/// line's own leading marker counted. Empty when there is no such run.
pub(super) fn section_cuts(line: &str, rules: Rules) -> Vec<usize> {
    let body = line.trim_start();
    let lead = line.len() - body.len();
    // (byte offset, kind, number) of each marker on a boundary.
    let mut found: Vec<(usize, u8, u32)> = Vec::new();
    if let Some((kind, n)) = numbered(body, rules) {
        found.push((lead, kind, n));
    }
    for at in inline_markers(line) {
        if at > lead {
            if let Some((kind, n)) = numbered(&line[at..], rules) {
                found.push((at, kind, n));
            }
        }
    }
    if found.len() < 2 {
        return Vec::new();
    }
    let mut cuts = Vec::new();
    // For each marker, whether it follows the last one of its kind by one.
    let mut last: [Option<(usize, u32)>; 2] = [None, None];
    for &(at, kind, n) in &found {
        let slot = &mut last[usize::from(kind)];
        if let Some((prev_at, prev_n)) = *slot {
            if n == prev_n + 1 {
                if prev_at > lead && !cuts.contains(&prev_at) {
                    cuts.push(prev_at);
                }
                cuts.push(at);
            }
        }
        *slot = Some((at, n));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// Ends of sentences (byte offsets just past `。` and closing quotes).
fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut from = 0;
    while let Some((i, c)) = text[from..].char_indices().find(|&(_, c)| is_terminal(c)) {
        let after = from + i + c.len_utf8();
        from = after + take_while(&text[after..], |d| is_terminal(d) || is_closing(d));
        ends.push(from);
    }
    ends
}

/// Ends of clauses (byte offsets just past clause punctuation or a space).
fn clause_ends(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|&(_, c)| matches!(c, '；' | ';' | '，' | ',' | '、' | ' ' | '　'))
        .map(|(i, c)| i + c.len_utf8())
        .collect()
}

/// Pack `text` into pieces of at most `max` chars, cutting at sentence ends,
/// then at clause punctuation, and only as a last resort between characters.
fn split_to_fit(text: &str, max: usize) -> impl Iterator<Item = &str> {
    pack(text, max, sentence_ends)
        .into_iter()
        .flat_map(move |sentences| pack(sentences, max, clause_ends))
        .flat_map(move |clauses| hard_split(clauses, max))
}

/// Greedily group `text` into pieces of at most `max` chars cut at the byte
/// offsets `cuts` finds (ascending), looked for only when `text` does not fit.
/// A piece between two cuts that is itself longer than `max` is returned
/// whole for a finer pass.
fn pack(text: &str, max: usize, cuts: fn(&str) -> Vec<usize>) -> Vec<&str> {
    if text.chars().count() <= max {
        return vec![text];
    }
    let mut bounds = cuts(text);
    bounds.retain(|&c| c < text.len());
    bounds.push(text.len());
    let mut out = Vec::new();
    // Byte offset and char offset of the current piece's start and of the
    // last cut seen, so every length is a subtraction.
    let (mut start, mut start_chars) = (0, 0);
    let (mut last, mut last_chars) = (0, 0);
    for &end in &bounds {
        let end_chars = last_chars + text[last..end].chars().count();
        if end_chars - start_chars > max && last > start {
            out.push(&text[start..last]);
            (start, start_chars) = (last, last_chars);
        }
        (last, last_chars) = (end, end_chars);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Cut `text` every `max` chars.
fn hard_split(text: &str, max: usize) -> Vec<&str> {
    // A limit of 0 would never make progress; a piece holds at least one char.
    let max = max.max(1);
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((cut, _)) = rest.char_indices().nth(max) {
        out.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    out.push(rest);
    out
}
