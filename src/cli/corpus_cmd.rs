//! `biaozhu corpus`: the reading report, or every paragraph as JSON lines.

use super::{CliError, Config};
use crate::corpus::{self, Corpus, CorpusOptions};
use crate::spans::{Detector, Suggestion};
use crate::text::count::plural;
use crate::text::sanitize::{plain, plain_path, plain_upto};
use std::io::Write;
use unicode_width::UnicodeWidthStr;

pub fn run(config: &Config, jsonl: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let corpus = super::labels::corpus(config)?;
    if jsonl {
        let detector = Detector::new(&super::labels::schema(config)?);
        for p in corpus.paragraphs() {
            let line = Line {
                paragraph: p,
                suggested_spans: detector.detect(&p.text.load()),
            };
            serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
        }
        return Ok(());
    }
    out.write_all(report(&corpus, &plain_path(&config.corpus_dir), &config.reading).as_bytes())?;
    Ok(())
}

/// A paragraph as `--jsonl` writes it: its fields, then the values the
/// span detector suggests in it.
#[derive(serde::Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    paragraph: &'a corpus::Paragraph,
    suggested_spans: Vec<Suggestion>,
}

fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn on_off(b: bool) -> &'static str {
    if b {
        "on"
    } else {
        "off"
    }
}

/// The summary table, one row per file, then totals and warnings. `dir` is
/// shown as given; file names and warnings through [`plain`].
pub fn report(corpus: &Corpus, dir: &str, opts: &CorpusOptions) -> String {
    const HEAD: [&str; 8] = [
        "file",
        "encoding",
        "paragraphs",
        "headings",
        "glosses",
        "chunks",
        "boilerplate",
        "warnings",
    ];
    let rows: Vec<[String; 8]> = corpus
        .reports()
        .map(|r| {
            [
                plain(&r.doc),
                r.encoding.map_or("-".to_owned(), |e| e.name().to_owned()),
                r.paragraphs.to_string(),
                r.headings.to_string(),
                r.glosses_removed.to_string(),
                r.chunks_rejoined.to_string(),
                r.boilerplate.to_string(),
                r.warnings.len().to_string(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..8)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].width())
                .chain([HEAD[c].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(c, s)| {
                if c < 2 {
                    pad(s, widths[c])
                } else {
                    format!("{}{s}", " ".repeat(widths[c] - s.width()))
                }
            })
            .collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut s = format!("corpus: {dir}\n");
    s += &line(&HEAD.map(str::to_owned));
    for r in &rows {
        s += &line(r);
    }
    let read = corpus.reports().filter(|r| r.encoding.is_some()).count();
    let total = |f: fn(&crate::corpus::DocReport) -> usize| corpus.reports().map(f).sum::<usize>();
    s += &format!(
        "total: {} read, {} skipped; {}, {}, {} removed, {} rejoined, {} suggested boilerplate\n",
        plural(read, "file"),
        corpus.documents.len() - read,
        plural(total(|r| r.paragraphs), "paragraph"),
        plural(total(|r| r.headings), "heading"),
        plural(total(|r| r.glosses_removed), "gloss"),
        plural(total(|r| r.chunks_rejoined), "page chunk"),
        total(|r| r.boilerplate),
    );
    s += &format!(
        "cleaning: glosses {}, page chunks {}, boilerplate {}; lines over {} chars split, headings up to {} chars\n",
        on_off(opts.clean.glosses),
        on_off(opts.clean.page_chunks),
        on_off(opts.clean.boilerplate),
        opts.segment.max_chars,
        opts.segment.max_heading_chars,
    );
    s += &rules_table(corpus, opts);
    let warnings: Vec<String> = corpus
        .reports()
        .flat_map(|r| {
            r.warnings
                .iter()
                .map(move |w| format!("  {}: {}\n", plain(&r.doc), plain_upto(w, 500)))
        })
        .collect();
    if !warnings.is_empty() {
        s += "warnings:\n";
        s += &warnings.concat();
    }
    s
}

/// What each named reading rule found, whether it is on, and what it does.
fn rules_table(corpus: &Corpus, opts: &CorpusOptions) -> String {
    let mut counts = corpus::RuleCounts::default();
    for r in corpus.reports() {
        counts.merge(&r.rules);
    }
    let width = corpus::rules::RULES
        .iter()
        .map(|(_, name, _)| name.len())
        .max()
        .unwrap_or(0);
    let mut s = "rules (turn off with --rules-off NAME,…):\n".to_owned();
    for (rule, name, what) in corpus::rules::RULES {
        let state = if opts.clean.rules.on(rule) {
            counts.get(rule).to_string()
        } else {
            "off".to_owned()
        };
        s += &format!("  {name:<width$}  {state:>5}  {what}\n");
    }
    s
}
