//! Undo scraping artifacts: pinyin glosses after characters (`衛(wèi)生`) and
//! document-viewer page chunks (`1、…` `2、…` numbering page fragments that
//! cut sentences in half), then the named line joins of [`super::rejoin`]
//! (PDF hard wraps, headings broken after `（`, flattened tables).

use super::rejoin;
use super::rules::{Rule, RuleCounts, Rules};
use std::borrow::Cow;

/// Which cleaning steps run. Each is switchable off from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CleanOptions {
    pub glosses: bool,
    pub page_chunks: bool,
    pub boilerplate: bool,
    /// The named rules (`--rules-off`).
    pub rules: Rules,
}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions {
            glosses: true,
            page_chunks: true,
            boilerplate: true,
            rules: Rules::all(),
        }
    }
}

/// Lines after cleaning, with what was done to them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub lines: Vec<String>,
    pub glosses_removed: usize,
    pub chunks_rejoined: usize,
    /// What the named rules did here (glosses after mojibake, joins).
    pub rules: RuleCounts,
}

/// Clean a decoded document (LF line endings).
pub fn clean(text: &str, opts: &CleanOptions) -> Cleaned {
    let mut glosses_removed = 0;
    let mut rules = RuleCounts::default();
    let mojibake = opts.rules.on(Rule::MojibakeGloss);
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            if opts.glosses {
                let (out, n, odd) = remove_glosses_after(line, mojibake);
                glosses_removed += n;
                rules.add(Rule::MojibakeGloss, odd);
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
    let lines = rejoin::rejoin(lines, opts, &mut rules);
    Cleaned {
        lines,
        glosses_removed,
        chunks_rejoined,
        rules,
    }
}

pub(super) fn is_ideograph(c: char) -> bool {
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
    let (out, n, _) = remove_glosses_after(line, true);
    (out, n)
}

/// A character mojibake leaves where an ideograph was: `?`, `�`, or a
/// Latin letter (`衛` read in the wrong encoding).
fn is_mojibake(c: char) -> bool {
    matches!(c, '?' | '？' | '\u{FFFD}')
        || (c.is_alphabetic() && (c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c)))
}

/// Whether the gloss at byte `at` of `line` follows mojibake inside Chinese
/// text: `?(wèi)生`, `工作l(wèi)生` (an ideograph before the odd character
/// or right after the gloss).
fn after_mojibake(line: &str, at: usize, len: usize) -> bool {
    let mut before = line[..at].chars().rev();
    let odd = before.next().is_some_and(is_mojibake);
    odd && (before.next().is_some_and(is_ideograph)
        || line[at + len..].chars().next().is_some_and(is_ideograph))
}

/// [`remove_glosses`], also after mojibake when `mojibake` is on: the text,
/// the glosses removed, and how many of those followed mojibake.
pub fn remove_glosses_after(line: &str, mojibake: bool) -> (Cow<'_, str>, usize, usize) {
    let mut out = String::new();
    let mut removed = 0;
    let mut odd = 0;
    // `line[kept..]` is not in `out` yet; `line[from..]` is not searched yet.
    let (mut kept, mut from) = (0, 0);
    while let Some(at) = line[from..].find(['(', '（']).map(|i| from + i) {
        // Right after a removed gloss its ideograph is still the base:
        // `衛(wèi)(wéi)` loses both.
        let after_ideograph =
            (removed > 0 && at == kept) || line[..at].chars().next_back().is_some_and(is_ideograph);
        let gloss = match gloss_len(&line[at..]) {
            Some(len) if after_ideograph => Some(len),
            Some(len) if mojibake && after_mojibake(line, at, len) => {
                odd += 1;
                Some(len)
            }
            _ => None,
        };
        match gloss {
            Some(len) => {
                out.push_str(&line[kept..at]);
                removed += 1;
                kept = at + len;
                from = kept;
            }
            None => from = at + line[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if removed == 0 {
        return (Cow::Borrowed(line), 0, 0);
    }
    out.push_str(&line[kept..]);
    (Cow::Owned(out), removed, odd)
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

/// Whether `text` ends with sentence or clause punctuation (`。！？!?…；;`),
/// closing quotes and brackets after it aside: a page fragment ending so was
/// not cut mid-sentence. Not `segment`'s sentence end, which is `。！？!?`
/// only (where a long line may be cut) and also keeps `》` with it.
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
pub fn rejoin_page_chunks(mut lines: Vec<String>) -> (Vec<String>, usize) {
    let runs: Vec<Vec<usize>> = find_runs(&lines)
        .into_iter()
        .filter(|run| is_page_run(&lines, run))
        .collect();
    if runs.is_empty() {
        return (lines, 0);
    }
    let mut rejoined = 0;
    let mut out = Vec::with_capacity(lines.len());
    // Lines before `next` are in `out` or, blank between run lines, dropped.
    let mut next = 0;
    for run in &runs {
        out.extend(lines[next..run[0]].iter_mut().map(std::mem::take));
        out.push(join_run(&lines, run));
        rejoined += run.len();
        next = run[run.len() - 1] + 1;
    }
    out.extend(lines.drain(next..));
    (out, rejoined)
}

/// The fragments of a page run without their markers, as one line with the
/// indent of the first fragment that has any text.
fn join_run(lines: &[String], run: &[usize]) -> String {
    let mut joined = String::new();
    for &idx in run {
        let line = &lines[idx];
        let (_, start) = chunk_marker(line).expect("run lines carry markers");
        if joined.is_empty() {
            joined.push_str(&line[..line.len() - line.trim_start().len()]);
        }
        joined.push_str(line[start..].trim_end());
    }
    joined
}

/// Indices of lines forming runs `1、`, `2、`, … with only blank lines between.
fn find_runs(lines: &[String]) -> Vec<Vec<usize>> {
    let mut runs = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = chunk_marker(line).map(|(n, _)| n as usize);
        if number != Some(current.len() + 1) {
            if current.len() > 1 {
                runs.push(std::mem::take(&mut current));
            }
            current.clear();
        }
        // The next number in the run, or `1、` starting a new one.
        if number == Some(current.len() + 1) {
            current.push(i);
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
    fn glosses_after_mojibake_removed_only_with_the_rule() {
        let (out, n, odd) = remove_glosses_after("全县?(wèi)生院，乡l(xiāng)镇，Ã(chuàng)建", true);
        assert_eq!((out.as_ref(), n, odd), ("全县?生院，乡l镇，Ã建", 3, 3));
        let line = "全县?(wèi)生院";
        assert_eq!(remove_glosses_after(line, false).0, line);
        // Not inside Chinese text, or no tone mark: kept.
        for line in ["What?(wèi) is", "abc(wèi)", "乡x(bls)镇"] {
            assert_eq!(remove_glosses_after(line, true).1, 0, "{line}");
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
