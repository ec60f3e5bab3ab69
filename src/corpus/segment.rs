//! Lines → paragraphs. A line is a paragraph unless it is longer than the
//! limit; then it is split at section headings (`一、` `（一）` `1.` `1、`
//! `一是`) and, failing those, at sentence ends. A numbered heading that
//! leads a line (`（一）加强食品安全监管。正文…`) becomes its own paragraph.

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
}

/// Kinds of numbered marker that can start a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// `一、` `（一）` `(一)` `1.` `1、` `（1）`: a section heading.
    Heading,
    /// `一是` `二是`: an enumerated point, a split point but not a heading.
    Point,
}

const NUMERALS: &str = "一二三四五六七八九十";

fn take_while(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(s.len(), |(i, _)| i)
}

/// The marker `s` starts with, and its length in bytes.
fn marker_at(s: &str) -> Option<(Marker, usize)> {
    let numerals = take_while(s, |c| NUMERALS.contains(c));
    if numerals > 0 && numerals <= 9 {
        let rest = &s[numerals..];
        if rest.starts_with('、') {
            return Some((Marker::Heading, numerals + '、'.len_utf8()));
        }
        if rest.starts_with('是') && numerals <= 6 {
            return Some((Marker::Point, numerals + '是'.len_utf8()));
        }
        return None;
    }
    if let Some(inner) = s.strip_prefix(['(', '（']) {
        let open = s.len() - inner.len();
        let n = take_while(inner, |c| NUMERALS.contains(c));
        let n = if n > 0 && n <= 9 {
            n
        } else {
            let d = take_while(inner, |c| c.is_ascii_digit());
            if d == 0 || d > 2 {
                return None;
            }
            d
        };
        let close = inner[n..].chars().next()?;
        return matches!(close, ')' | '）').then(|| (Marker::Heading, open + n + close.len_utf8()));
    }
    let digits = take_while(s, |c| c.is_ascii_digit());
    if digits == 0 || digits > 2 {
        return None;
    }
    let mut rest = s[digits..].chars();
    let sep = rest.next()?;
    let next = rest.next();
    let ok = match sep {
        '、' => true,
        '.' | '．' => next.is_some_and(|c| !c.is_ascii_digit() && c != '.' && c != '．'),
        _ => false,
    };
    ok.then(|| (Marker::Heading, digits + sep.len_utf8()))
}

/// Nesting level of a numbered heading: `一、` 1, `（一）` 2, `1.`/`1、` 3,
/// `（1）` 4; `None` for text that does not start with a heading marker.
pub fn heading_level(text: &str) -> Option<u8> {
    let body = text.trim_start();
    let (Marker::Heading, _) = marker_at(body)? else {
        return None;
    };
    let first = body.chars().next()?;
    let second = body.chars().nth(1)?;
    Some(match (first, second) {
        ('(' | '（', c) if c.is_ascii_digit() => 4,
        ('(' | '（', _) => 2,
        (c, _) if c.is_ascii_digit() => 3,
        _ => 1,
    })
}

fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '」' | '』' | '）' | ')' | '》')
}

/// A marker may start a paragraph at the start of a line, after whitespace,
/// or after sentence or clause punctuation.
fn is_boundary(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || is_terminal(c) || matches!(c, '；' | ';' | '：' | ':'),
    }
}

/// Split one line into paragraphs. Whitespace-only pieces are dropped;
/// every other character of the line is kept, in order.
pub fn split_line(line: &str, opts: &SegmentOptions) -> Vec<Piece> {
    let line = line.trim_end();
    if line.trim_start().is_empty() {
        return Vec::new();
    }
    let chunks: Vec<&str> = if line.chars().count() > opts.max_chars {
        split_at_markers(line)
            .into_iter()
            .flat_map(|piece| split_to_fit(piece, opts.max_chars))
            .collect()
    } else {
        vec![line]
    };
    let mut out = Vec::new();
    for (i, chunk) in chunks.into_iter().enumerate() {
        let chunk = if i == 0 { chunk } else { chunk.trim_start() };
        let chunk = chunk.trim_end();
        if !chunk.is_empty() {
            separate_headings(chunk, opts, &mut out);
        }
    }
    out
}

/// Cut before every marker that sits on a boundary.
fn split_at_markers(line: &str) -> Vec<&str> {
    let mut cuts = vec![0];
    let mut prev = None;
    for (i, c) in line.char_indices() {
        if i > 0 && is_boundary(prev) && marker_at(&line[i..]).is_some() {
            cuts.push(i);
        }
        prev = Some(c);
    }
    cuts.push(line.len());
    cuts.windows(2).map(|w| &line[w[0]..w[1]]).collect()
}

/// Ends of sentences (byte offsets just past `。` and closing quotes).
fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_terminal(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_terminal(d) || is_closing(d) {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            ends.push(end);
        }
    }
    ends
}

fn clause_ends(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|&(_, c)| matches!(c, '；' | ';' | '，' | ',' | '、' | ' ' | '　'))
        .map(|(i, c)| i + c.len_utf8())
        .collect()
}

/// Pack `text` into pieces of at most `max` chars, cutting at sentence ends,
/// then at clause punctuation, and only as a last resort between characters.
fn split_to_fit(text: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    for sentence_group in pack(text, &sentence_ends(text), max) {
        for clause_group in pack(sentence_group, &clause_ends(sentence_group), max) {
            out.extend(hard_split(clause_group, max));
        }
    }
    out
}

/// Greedily group `text` into pieces of at most `max` chars cut at `cuts`
/// (byte offsets, ascending). A piece between two cuts that is itself longer
/// than `max` is returned whole for a finer pass.
fn pack<'a>(text: &'a str, cuts: &[usize], max: usize) -> Vec<&'a str> {
    let total = text.chars().count();
    if total <= max {
        return vec![text];
    }
    let mut bounds: Vec<usize> = cuts.iter().copied().filter(|&c| c < text.len()).collect();
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

fn hard_split(text: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while rest.chars().count() > max {
        let (cut, _) = rest.char_indices().nth(max).expect("longer than max");
        out.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    out.push(rest);
    out
}

/// Emit `chunk`, with any short numbered lead (`一、总体情况` up to the
/// first sentence end or gap) as a heading paragraph of its own.
fn separate_headings(chunk: &str, opts: &SegmentOptions, out: &mut Vec<Piece>) {
    let mut rest = chunk;
    loop {
        match heading_lead(rest, opts.max_heading_chars) {
            Some(end) if end < rest.len() => {
                out.push(Piece {
                    text: rest[..end].trim_end().to_owned(),
                    heading: true,
                });
                rest = rest[end..].trim_start();
                if rest.is_empty() {
                    return;
                }
            }
            Some(_) => {
                out.push(Piece {
                    text: rest.to_owned(),
                    heading: true,
                });
                return;
            }
            None => {
                out.push(Piece {
                    text: rest.to_owned(),
                    heading: false,
                });
                return;
            }
        }
    }
}

/// Byte length of the heading that leads `text`, if it starts with a
/// heading marker and the lead is at most `max` chars.
fn heading_lead(text: &str, max: usize) -> Option<usize> {
    let body = text.trim_start();
    let indent = text.len() - body.len();
    let (Marker::Heading, mlen) = marker_at(body)? else {
        return None;
    };
    let mut count = body[..mlen].chars().count();
    let mut chars = body[mlen..].char_indices().peekable();
    let mut end = body.len();
    while let Some((i, c)) = chars.next() {
        let at = mlen + i;
        if c.is_whitespace() {
            let more = body[at..].trim_start();
            // `成效 (一)…` ends the lead; `工作目标2018 年…` does not.
            let before_digit = body[..at].ends_with(|b: char| b.is_ascii_digit());
            let after_digit = more.starts_with(|a: char| a.is_ascii_digit());
            if !more.is_empty() && !before_digit && !after_digit {
                end = at;
                break;
            }
        }
        count += 1;
        if is_terminal(c) {
            end = at + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_closing(d) {
                    end = mlen + j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            break;
        }
    }
    (count <= max && body[..end].trim_end().chars().count() > body[..mlen].chars().count())
        .then_some(indent + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pieces: &[Piece]) -> Vec<(&str, bool)> {
        pieces
            .iter()
            .map(|p| (p.text.as_str(), p.heading))
            .collect()
    }

    #[test]
    fn markers() {
        for (s, m) in [
            ("一、加强", Some(Marker::Heading)),
            ("十一、工作打算", Some(Marker::Heading)),
            ("（一）加强", Some(Marker::Heading)),
            ("(二)抓基础", Some(Marker::Heading)),
            ("1.积极推进", Some(Marker::Heading)),
            ("12、聚焦", Some(Marker::Heading)),
            ("（3）开展", Some(Marker::Heading)),
            ("一是扎实推进", Some(Marker::Point)),
            ("2.0新模式", None),
            ("1.5万元", None),
            ("2021年", None),
            ("统一、规范", None),
            ("(xxxx-xxxx)", None),
        ] {
            assert_eq!(marker_at(s).map(|(k, _)| k), m, "{s}");
        }
    }

    #[test]
    fn heading_levels() {
        assert_eq!(heading_level("　　一、总体情况"), Some(1));
        assert_eq!(heading_level("（二）抓基础"), Some(2));
        assert_eq!(heading_level("3.开展检查"), Some(3));
        assert_eq!(heading_level("(4)其他"), Some(4));
        assert_eq!(heading_level("一是扎实推进"), None);
        assert_eq!(heading_level("正文。"), None);
    }

    #[test]
    fn short_lines_stay_whole() {
        let opts = SegmentOptions::default();
        assert_eq!(
            texts(&split_line("　　这次会议的主要任务是，总结工作。  ", &opts)),
            vec![("　　这次会议的主要任务是，总结工作。", false)]
        );
        assert!(split_line(" 　\t", &opts).is_empty());
    }

    #[test]
    fn heading_lead_separated() {
        let opts = SegmentOptions::default();
        assert_eq!(
            texts(&split_line(
                "（一）加强食品安全监管，夯实监管效能，提升监管水平。",
                &opts
            )),
            vec![("（一）加强食品安全监管，夯实监管效能，提升监管水平。", true)]
        );
        assert_eq!(
            texts(&split_line(
                "  1.积极推进便民事项进大厅。按照“转变作风”要求。",
                &opts
            )),
            vec![
                ("  1.积极推进便民事项进大厅。", true),
                ("按照“转变作风”要求。", false)
            ]
        );
        assert_eq!(
            texts(&split_line(
                "一、关注民生 (一)突出“一个中心〞 一是公立医院改革。",
                &opts
            )),
            vec![
                ("一、关注民生", true),
                ("(一)突出“一个中心〞", true),
                ("一是公立医院改革。", false)
            ]
        );
        assert_eq!(
            texts(&split_line(
                "一、工作目标2018 年是开局之年。从 2018 年开始",
                &opts
            )),
            vec![
                ("一、工作目标2018 年是开局之年。", true),
                ("从 2018 年开始", false)
            ]
        );
        let long = format!("一、{}。", "很长".repeat(40));
        assert_eq!(
            texts(&split_line(&long, &opts)),
            vec![(long.as_str(), false)]
        );
    }

    #[test]
    fn long_line_split_at_markers_then_sentences() {
        let opts = SegmentOptions {
            max_chars: 30,
            max_heading_chars: 20,
        };
        let line = "同志们：这次会议很重要。一、关注民生 (一)深化改革 一是公立医院改革取得新突破。组建了管理委员会。二是分级诊疗迈出新步伐，制定了方案。统一、规范。";
        let pieces = split_line(line, &opts);
        assert_eq!(
            texts(&pieces),
            vec![
                ("同志们：这次会议很重要。", false),
                ("一、关注民生", true),
                ("(一)深化改革", true),
                ("一是公立医院改革取得新突破。组建了管理委员会。", false),
                ("二是分级诊疗迈出新步伐，制定了方案。统一、规范。", false),
            ]
        );
    }

    #[test]
    fn no_piece_exceeds_the_limit() {
        let opts = SegmentOptions {
            max_chars: 7,
            max_heading_chars: 5,
        };
        let line = "甲乙丙丁戊己庚辛壬癸，子丑寅卯辰巳午未申酉戌亥。ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let pieces = split_line(line, &opts);
        assert!(
            pieces.iter().all(|p| p.text.chars().count() <= 7),
            "{pieces:?}"
        );
        let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, line);
    }
}
