//! Undo scraping artifacts: pinyin glosses after characters (`衛(wèi)生`) and
//! document-viewer page chunks (`1、…` `2、…` numbering page fragments that
//! cut sentences in half).

use std::borrow::Cow;

/// Which cleaning steps run. Each is switchable off from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CleanOptions {
    pub glosses: bool,
    pub page_chunks: bool,
    pub boilerplate: bool,
}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions {
            glosses: true,
            page_chunks: true,
            boilerplate: true,
        }
    }
}

/// Lines after cleaning, with what was done to them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub lines: Vec<String>,
    pub glosses_removed: usize,
    pub chunks_rejoined: usize,
}

/// Clean a decoded document (LF line endings).
pub fn clean(text: &str, opts: &CleanOptions) -> Cleaned {
    let mut glosses_removed = 0;
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            if opts.glosses {
                let (out, n) = remove_glosses(line);
                glosses_removed += n;
                out.into_owned()
            } else {
                line.to_owned()
            }
        })
        .collect();
    let (lines, chunks_rejoined) = if opts.page_chunks {
        rejoin_page_chunks(lines)
    } else {
        (lines, 0)
    };
    Cleaned {
        lines,
        glosses_removed,
        chunks_rejoined,
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

fn is_tone_vowel(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê".contains(c)
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || is_tone_vowel(c)
}

/// If `rest` starts with a pinyin gloss such as `(wèi)` or `（chuàng）`,
/// its length in bytes.
fn gloss_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, open) = chars.next()?;
    let close = match open {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    let mut toned = false;
    for (letters, (i, c)) in chars.enumerate() {
        if c == close {
            return (letters > 0 && toned).then_some(i + c.len_utf8());
        }
        if !is_pinyin_letter(c) || letters == 6 {
            return None;
        }
        toned |= is_tone_vowel(c);
    }
    None
}

/// Remove pinyin glosses that follow a Chinese character: `衛(wèi)生` → `衛生`.
/// A parenthesis holding letters without a tone mark (`生命(bls)`) is kept.
pub fn remove_glosses(line: &str) -> (Cow<'_, str>, usize) {
    if !line.contains(['(', '（']) {
        return (Cow::Borrowed(line), 0);
    }
    let mut out = String::with_capacity(line.len());
    let mut removed = 0;
    let mut prev: Option<char> = None;
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        if prev.is_some_and(is_ideograph) {
            if let Some(len) = gloss_len(rest) {
                removed += 1;
                i += len;
                // `prev` stays the ideograph: `鄉(xiāng)鎮(zhèn)` loses both.
                continue;
            }
        }
        let c = rest.chars().next().expect("i is on a char boundary");
        out.push(c);
        prev = Some(c);
        i += c.len_utf8();
    }
    if removed == 0 {
        (Cow::Borrowed(line), 0)
    } else {
        (Cow::Owned(out), removed)
    }
}

/// A line starting with a page-chunk style marker `N、`: the number and the
/// byte offset where the text after the marker starts.
fn chunk_marker(line: &str) -> Option<(u32, usize)> {
    let body = line.trim_start();
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let after = body[digits..].strip_prefix('、')?;
    let n = body[..digits].parse().ok()?;
    Some((n, line.len() - after.len()))
}

/// Sentence-final punctuation, optionally followed by closing quotes.
pub fn ends_sentence(text: &str) -> bool {
    let trimmed = text
        .trim_end()
        .trim_end_matches(['”', '’', '"', '」', '』', '）', ')']);
    trimmed.ends_with(['。', '！', '？', '!', '?', '…', '；', ';'])
}

/// Fragments shorter than this are list items, not viewer pages.
const MIN_PAGE_CHARS: usize = 80;

/// Find runs of lines numbered `1、` `2、` … (only blank lines between them)
/// and, where they are page chunks — most fragments are page-sized and stop
/// mid-sentence — strip the markers and join the fragments into one line.
/// Real numbered lists (short items, or items ending their sentences) stay.
pub fn rejoin_page_chunks(lines: Vec<String>) -> (Vec<String>, usize) {
    let runs = find_runs(&lines);
    let chunk_runs: Vec<&Vec<usize>> = runs.iter().filter(|r| is_page_run(&lines, r)).collect();
    if chunk_runs.is_empty() {
        return (lines, 0);
    }
    let mut rejoined = 0;
    let mut out = Vec::with_capacity(lines.len());
    let mut lines: Vec<Option<String>> = lines.into_iter().map(Some).collect();
    let mut next_run = chunk_runs.iter().peekable();
    let mut i = 0;
    while i < lines.len() {
        if let Some(run) = next_run.next_if(|r| r[0] == i) {
            let mut joined = String::new();
            for &idx in run.iter() {
                let line = lines[idx].take().unwrap_or_default();
                let (_, start) = chunk_marker(&line).expect("run lines carry markers");
                let lead = &line[..line.len() - line.trim_start().len()];
                if joined.is_empty() {
                    joined.push_str(lead);
                }
                joined.push_str(line[start..].trim_end());
            }
            rejoined += run.len();
            out.push(joined);
            i = *run.last().expect("runs are non-empty") + 1;
        } else {
            out.push(lines[i].take().unwrap_or_default());
            i += 1;
        }
    }
    (out, rejoined)
}

/// Indices of lines forming runs `1、`, `2、`, … with only blank lines between.
fn find_runs(lines: &[String]) -> Vec<Vec<usize>> {
    let mut runs = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut expect = 1;
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match chunk_marker(line) {
            Some((n, _)) if n == expect && !current.is_empty() => {
                current.push(i);
                expect += 1;
            }
            Some((1, _)) => {
                if current.len() > 1 {
                    runs.push(std::mem::take(&mut current));
                }
                current = vec![i];
                expect = 2;
            }
            _ => {
                if current.len() > 1 {
                    runs.push(std::mem::take(&mut current));
                }
                current.clear();
                expect = 1;
            }
        }
    }
    if current.len() > 1 {
        runs.push(current);
    }
    runs
}

fn is_page_run(lines: &[String], run: &[usize]) -> bool {
    let transitions = run.len() - 1;
    let cut = run
        .windows(2)
        .filter(|w| {
            let line = &lines[w[0]];
            line.chars().count() >= MIN_PAGE_CHARS && !ends_sentence(line)
        })
        .count();
    cut * 2 >= transitions && cut > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glosses_removed_after_ideographs() {
        let (out, n) = remove_glosses("衛(wèi)生行業(yè)和鄉(xiāng)鎮(zhèn)創(chuàng)建");
        assert_eq!(out, "衛生行業和鄉鎮創建");
        assert_eq!(n, 5);
    }

    #[test]
    fn non_glosses_kept() {
        for line in [
            "美国心脏学会基础生命(bls)支持课程培训。",
            "(一)加强食品安全监管,夯实监管效能。",
            "市卫生局(衛生局)_第1頁",
            "abc(wèi)",
            "方案(试行),成立",
            "衛(wèi",
        ] {
            let (out, n) = remove_glosses(line);
            assert_eq!((out.as_ref(), n), (line, 0), "{line}");
        }
    }

    #[test]
    fn fullwidth_parens_gloss() {
        assert_eq!(remove_glosses("衛（wèi）生").0, "衛生");
    }

    fn page(n: u32, body: &str) -> String {
        format!("{n}、{body}")
    }

    #[test]
    fn page_chunks_rejoined() {
        let long = "堅持衛生工作和精神文明建設協調進".repeat(6);
        let lines = vec![
            "標題".to_owned(),
            page(1, &long),
            String::new(),
            page(2, &format!("展,制定了規劃。{long}")),
            String::new(),
            page(3, "局統一管理。"),
            "溫馨提示".to_owned(),
        ];
        let (out, n) = rejoin_page_chunks(lines);
        assert_eq!(n, 3);
        assert_eq!(
            out,
            vec![
                "標題".to_owned(),
                format!("{long}展,制定了規劃。{long}局統一管理。"),
                "溫馨提示".to_owned()
            ]
        );
    }

    #[test]
    fn real_lists_kept() {
        let lines: Vec<String> = vec![
            page(1, "聚焦高水平引领,深化健康-建设。"),
            String::new(),
            page(2, "聚焦高质量发展,推进深化医改关键领域渐次突破。"),
            page(3, "组织领导"),
            page(4, "宣传发动"),
        ];
        let (out, n) = rejoin_page_chunks(lines.clone());
        assert_eq!(n, 0);
        assert_eq!(out, lines);
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("好。"));
        assert!(ends_sentence("“三位一体。”  "));
        assert!(!ends_sentence("協調進"));
        assert!(!ends_sentence("工作格局,"));
    }
}
