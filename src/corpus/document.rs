//! One document: decoded text → cleaned lines → paragraphs, with the counts
//! `biaozhu corpus` reports.

use super::boilerplate::{self, Noise};
use super::chrome;
use super::clean::{clean, CleanOptions};
use super::compact::{arena, Hash, Name, Text};
use super::decode::SourceEncoding;
use super::rules::{Rule, RuleCounts};
use super::segment::{split_line_with, SegmentOptions};
use serde::Serialize;

/// Everything that decides how text becomes paragraphs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CorpusOptions {
    pub clean: CleanOptions,
    pub segment: SegmentOptions,
}

/// What the corpus reader suggests for a paragraph before anyone labels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Suggestion {
    Boilerplate,
}

/// A paragraph, the unit annotators label. Compact ([`super::compact`]):
/// its text a slice of its document's arena, its document's path shared,
/// its hash inline, its id made when asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Path of the document relative to the corpus dir, `/`-separated.
    pub doc: Name,
    /// Index of the paragraph in its document.
    pub para: usize,
    pub text: Text,
    /// Content hash of `text` (see `identity`).
    pub hash: Hash,
    pub suggested: Option<Suggestion>,
    pub heading: bool,
}

impl Paragraph {
    /// A paragraph of `doc` with `text` (its hash computed), not
    /// boilerplate, not a heading.
    pub fn new(doc: &str, para: usize, text: &str) -> Paragraph {
        Paragraph {
            doc: Name::new(doc),
            para,
            hash: Hash::of(text),
            text: Text::new(text),
            suggested: None,
            heading: false,
        }
    }

    /// `<doc>#<para>`.
    pub fn id(&self) -> String {
        format!("{}#{}", self.doc, self.para)
    }
}

/// A paragraph as JSON: `id`, `doc`, `para`, `text`, `hash`, then
/// `suggested` and `heading` when set.
impl Serialize for Paragraph {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &self.id())?;
        map.serialize_entry("doc", &self.doc)?;
        map.serialize_entry("para", &self.para)?;
        map.serialize_entry("text", &self.text)?;
        map.serialize_entry("hash", &self.hash)?;
        if let Some(s) = &self.suggested {
            map.serialize_entry("suggested", s)?;
        }
        if self.heading {
            map.serialize_entry("heading", &true)?;
        }
        map.end()
    }
}

/// Range of the indices of the paragraphs of paragraph `index`'s
/// document, in `paragraphs` as the corpus reads them (each document's
/// paragraphs together); empty when `index` is past the end.
pub fn doc_range(paragraphs: &[Paragraph], index: usize) -> std::ops::Range<usize> {
    let Some(doc) = paragraphs.get(index).map(|p| p.doc.as_str()) else {
        return 0..0;
    };
    let start = paragraphs[..index]
        .iter()
        .rposition(|p| p.doc != doc)
        .map_or(0, |i| i + 1);
    let end = paragraphs[index..]
        .iter()
        .position(|p| p.doc != doc)
        .map_or(paragraphs.len(), |i| index + i);
    start..end
}

/// How one file was read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocReport {
    pub doc: String,
    /// `None` when the file was skipped.
    pub encoding: Option<SourceEncoding>,
    pub paragraphs: usize,
    pub headings: usize,
    pub glosses_removed: usize,
    pub chunks_rejoined: usize,
    pub boilerplate: usize,
    /// What each named rule did (`biaozhu corpus` lists them).
    pub rules: RuleCounts,
    pub warnings: Vec<String>,
}

/// A read document: its paragraphs and how they were made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub report: DocReport,
    pub paragraphs: Vec<Paragraph>,
}

impl Document {
    /// Its paragraph texts packed: kept long (a screen's corpus) in about
    /// a third of the memory (see [`Text::pack_all`]).
    pub fn pack(&mut self) {
        Text::pack_all(self.paragraphs.iter_mut().map(|p| &mut p.text));
    }
}

/// Turn decoded text into a document.
pub fn build(doc: &str, text: &str, encoding: SourceEncoding, opts: &CorpusOptions) -> Document {
    let cleaned = clean(text, &opts.clean);
    let rules = opts.clean.rules;
    let mut counts = cleaned.rules;
    let noisy = if opts.clean.boilerplate {
        boilerplate::classify_with(&cleaned.lines, rules, &mut counts)
    } else {
        vec![None; cleaned.lines.len()]
    };
    let mut report = DocReport {
        doc: doc.to_owned(),
        encoding: Some(encoding),
        glosses_removed: cleaned.glosses_removed,
        chunks_rejoined: cleaned.chunks_rejoined,
        ..DocReport::default()
    };
    let mut out = Paragraphs {
        texts: Vec::new(),
        paragraphs: Vec::new(),
        counts: &mut counts,
    };
    let glued = opts.clean.boilerplate && rules.on(Rule::GluedChrome);
    let joins = boilerplate::label_joins(&cleaned.lines, &noisy, rules);
    // The value line already read with its label (`label-join`).
    let mut joined = None;
    for (i, (line, &noise)) in cleaned.lines.iter().zip(&noisy).enumerate() {
        if line.trim().is_empty() || joined == Some(i) {
            continue;
        }
        if let (Some(j), Some(noise)) = (joins[i], noise) {
            if let Some(text) = label_with_value(line, &cleaned.lines[j], opts, glued) {
                out.push(text, false, Some(noise));
                out.counts.add(Rule::LabelJoin, 1);
                joined = Some(j);
                continue;
            }
        }
        let kept = line.trim_end();
        let long = kept.chars().count() > opts.segment.max_chars;
        let hits = if glued {
            chrome::glued(kept)
        } else {
            Vec::new()
        };
        if let (Some(noise), false) = (noise, long) {
            // Chrome cut off report text: only when some text is left.
            if !report_text_left(kept, &hits, rules) {
                out.push(kept.to_owned(), false, Some(noise));
                continue;
            }
        }
        // Parts of a chrome line are judged again on their own.
        let judge = noise.is_some();
        let mut from = 0;
        for hit in hits {
            out.text(&kept[from..hit.start], opts, (from == 0, judge));
            out.chrome(&kept[hit.clone()], opts);
            from = hit.end;
        }
        out.text(&kept[from..], opts, (from == 0, judge));
    }
    let paragraphs = finish(doc, out);
    report.paragraphs = paragraphs.len();
    report.headings = paragraphs.iter().filter(|p| p.heading).count();
    report.boilerplate = paragraphs.iter().filter(|p| p.suggested.is_some()).count();
    report.rules = counts;
    if paragraphs.is_empty() {
        report
            .warnings
            .push("no paragraphs (empty or whitespace only)".to_owned());
    }
    Document { report, paragraphs }
}

/// A chrome label line and its value line as one paragraph (`label-join`):
/// joined without a space after a colon (`来源：县卫生健康局`), with one
/// otherwise; `None` when either holds glued chrome to cut or the two do
/// not fit in a paragraph.
fn label_with_value(label: &str, value: &str, opts: &CorpusOptions, glued: bool) -> Option<String> {
    let (label, value) = (label.trim_end(), value.trim());
    if glued && !(chrome::glued(label).is_empty() && chrome::glued(value).is_empty()) {
        return None;
    }
    let sep = if label.ends_with(['：', ':']) {
        ""
    } else {
        " "
    };
    let text = format!("{label}{sep}{value}");
    let chars = text.chars().count();
    (chars <= opts.segment.max_chars && text.trim().chars().count() <= boilerplate::MAX_CHARS)
        .then_some(text)
}

/// Whether cutting the chrome `hits` out of `line` leaves report text:
/// a part that no rule takes for chrome.
fn report_text_left(line: &str, hits: &[std::ops::Range<usize>], rules: super::Rules) -> bool {
    let mut from = 0;
    let mut parts = Vec::new();
    for hit in hits {
        parts.push(&line[from..hit.start]);
        from = hit.end;
    }
    parts.push(&line[from..]);
    !hits.is_empty()
        && parts
            .iter()
            .any(|p| !p.trim().is_empty() && boilerplate::judge(p, rules).is_none())
}

/// The paragraphs of a document as they are made, and the rule counts.
struct Paragraphs<'a> {
    /// The texts, into one arena at the end.
    texts: Vec<String>,
    paragraphs: Vec<Pending>,
    counts: &'a mut RuleCounts,
}

/// A paragraph made, its text in the document's arena.
struct Pending {
    hash: Hash,
    suggested: Option<Suggestion>,
    heading: bool,
}

/// The document's paragraphs, their texts in one arena.
fn finish(doc: &str, made: Paragraphs) -> Vec<Paragraph> {
    let name = Name::new(doc);
    let texts: Vec<&str> = made.texts.iter().map(String::as_str).collect();
    arena(&texts)
        .into_iter()
        .zip(made.paragraphs)
        .enumerate()
        .map(|(para, (text, p))| Paragraph {
            doc: name.clone(),
            para,
            text,
            hash: p.hash,
            suggested: p.suggested,
            heading: p.heading,
        })
        .collect()
}

impl Paragraphs<'_> {
    fn push(&mut self, text: String, heading: bool, noise: Option<Noise>) {
        if let Some(Noise::Rule(rule)) = noise {
            self.counts.add(rule, 1);
        }
        self.paragraphs.push(Pending {
            hash: Hash::of(&text),
            suggested: noise.map(|_| Suggestion::Boilerplate),
            heading: heading && noise.is_none(),
        });
        self.texts.push(text);
    }

    /// Report text (part of a line): segmented; pieces cut from a long line
    /// (or from a chrome line, with `judge`) are judged on their own.
    /// `whole_start` keeps a line's leading indent. A heading rule is
    /// counted where it decided a piece that stays report text.
    fn text(&mut self, text: &str, opts: &CorpusOptions, (whole_start, judge): (bool, bool)) {
        let text = if whole_start { text } else { text.trim_start() };
        if text.trim().is_empty() {
            return;
        }
        let long = text.trim_end().chars().count() > opts.segment.max_chars;
        let (pieces, cut) = split_line_with(text, &opts.segment, opts.clean.rules);
        if cut {
            self.counts.add(Rule::Sections, 1);
        }
        for piece in pieces {
            let noise = if opts.clean.boilerplate && (long || judge) {
                boilerplate::judge(&piece.text, opts.clean.rules)
            } else {
                None
            };
            if let (Some(rule), None) = (piece.rule, noise) {
                self.counts.add(rule, 1);
            }
            self.push(piece.text, piece.heading, noise);
        }
    }

    /// Chrome cut out of a line: one boilerplate paragraph (split to fit).
    fn chrome(&mut self, text: &str, opts: &CorpusOptions) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let rules = opts.clean.rules.without(Rule::Sections);
        for piece in split_line_with(text, &opts.segment, rules).0 {
            self.push(piece.text, false, Some(Noise::Rule(Rule::GluedChrome)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Rules;

    /// (boilerplate, text) of each paragraph of `text` read under `rules`,
    /// and the `label-join` count.
    fn read(text: &str, rules: Rules) -> (Vec<(bool, String)>, usize) {
        let mut opts = CorpusOptions::default();
        opts.clean.rules = rules;
        let doc = build("t.txt", text, SourceEncoding::Utf8, &opts);
        let paras = doc
            .paragraphs
            .iter()
            .map(|p| (p.suggested.is_some(), p.text.to_string()))
            .collect();
        (paras, doc.report.rules.get(Rule::LabelJoin))
    }

    fn b(text: &str) -> (bool, String) {
        (true, text.to_owned())
    }

    #[test]
    fn label_join_catches_leaves_and_switches_off() {
        let page = concat!(
            "发布时间：\n2024-01-08 09:30\n\n来源：\n县卫生健康局\n浏览次数\n1528\n",
            "\u{3000}\u{3000}全县卫生健康工作稳步推进。\n"
        );
        let (got, n) = read(page, Rules::all());
        assert_eq!(
            got[..3],
            [
                b("发布时间：2024-01-08 09:30"),
                b("来源：县卫生健康局"),
                b("浏览次数 1528")
            ]
        );
        assert_eq!(n, 3);
        assert_eq!(got[3], (false, "　　全县卫生健康工作稳步推进。".to_owned()));
        // Off (or split-chrome off): label and value apart again.
        for off in [Rule::LabelJoin, Rule::SplitChrome] {
            let (got, n) = read(page, Rules::all().without(off));
            assert_eq!(n, 0);
            assert!(got.iter().any(|p| p.1 == "发布时间："), "{got:?}");
        }
        let (got, _) = read(page, Rules::all().without(Rule::LabelJoin));
        assert_eq!(got[..2], [b("发布时间："), b("2024-01-08 09:30")]);
    }

    #[test]
    fn label_join_leaves_other_lines_alone() {
        // Not values: another label, chrome of its own (a hex id), a
        // heading, report text; the font switcher is no label-value pair.
        for page in [
            "相关附件：\n相关链接：\n8a3f9c0e2b7d4e1f\n",
            "来源：\n一、总体情况\n　　今年以来，各项工作稳步推进，全县卫生健康事业取得新进展。\n",
            "【字体：\n小\n中\n大\n】\n",
            "　　数据来源：县统计局。\n　　全年门诊量增长5%。\n",
        ] {
            let (got, n) = read(page, Rules::all());
            assert_eq!(n, 0, "{page}: {got:?}");
            assert_eq!(read(page, Rules::all().without(Rule::LabelJoin)).0, got);
        }
    }
}
