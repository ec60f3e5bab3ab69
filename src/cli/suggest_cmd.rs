//! `biaozhu suggest`: what the labeling screen would pre-fill for each
//! paragraph an annotator has not labeled — trained on the labels so far
//! (every annotator's and the gold set's, or those named with
//! `--learn-from`), read from the stores' journals like the other reading
//! commands, so it works while screens are open. `--jsonl`: one record per
//! paragraph (`id`, `section`, `indicators`, `scores`, `source`,
//! `model_labels`); else a summary in 80 columns.

use super::labels::{paragraphs, read_gold, read_labels, schema, AnnotatorLabels};
use super::{CliError, Config};
use crate::attach::Slot;
use crate::corpus::Paragraph;
use crate::schema::Schema;
use crate::store::{validate_annotator, Label, GOLD};
use crate::suggest::{Before, Context, Example, Suggester, Suggestion};
use crate::text::sanitize::plain;
use crate::text::{fit, pad};
use std::io::Write;

/// What `biaozhu suggest` was asked for.
pub struct Request {
    pub jsonl: bool,
    /// Learn only from these stores (`gold`: the gold set); empty: all.
    pub learn_from: Vec<String>,
}

/// Text output: how many suggestions are shown as examples.
const EXAMPLES: usize = 8;
const WIDTH: usize = 80;

pub fn run(config: &Config, request: &Request, out: &mut dyn Write) -> Result<(), CliError> {
    super::paths::check_labels(&config.labels_dir, super::paths::Labels::Write)?;
    let annotator = config.annotator()?;
    let schema = schema(config)?;
    let paragraphs = paragraphs(config)?;
    let sources = learning_sources(config, &request.learn_from, &paragraphs)?;
    let own = own_labels(config, &annotator, &sources, &paragraphs)?;

    let suggester = Suggester::new(&schema);
    let examples = examples(&sources, &paragraphs, &schema, suggester.patterns());
    let refs: Vec<&Example> = examples.iter().map(|(_, e)| e).collect();
    let suggester = Suggester::train(suggester.patterns().clone(), &refs);

    let mut summary = Summary::new(&schema);
    // The section types before a paragraph: their labels, else what was
    // suggested for them (as the screen would have shown it); `shown`
    // holds the latter for the current document.
    let mut shown: Vec<Option<usize>> = Vec::new();
    let mut doc_start = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        let label = own.as_ref().and_then(|o| o[i].as_deref());
        if i == 0 || paragraphs[i - 1].doc != p.doc {
            shown.clear();
            doc_start = i;
        }
        if labeled(label) {
            shown.push(None);
            continue;
        }
        let before = Before::of(&paragraphs, i, |j| {
            own.as_ref()
                .and_then(|o| section_of(o[j].as_deref(), &schema))
                .or(shown[j - doc_start])
        });
        let suggestion = suggester.suggest(&Context::of(&paragraphs, i, before));
        shown.push(suggestion.section);
        if request.jsonl {
            serde_json::to_writer(&mut *out, &suggestion.record(&p.id(), &schema))
                .map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
        } else {
            summary.add(p, &suggestion);
        }
    }
    if !request.jsonl {
        let learned: Vec<&str> = sources.iter().map(|s| s.annotator.as_str()).collect();
        summary.write(out, &annotator, &learned, suggester.model_labels())?;
    }
    Ok(())
}

/// The training examples of `sources`' labels, each keyed by
/// [`example_key`].
pub(crate) fn examples(
    sources: &[AnnotatorLabels],
    paragraphs: &[Paragraph],
    schema: &Schema,
    patterns: &crate::suggest::patterns::Patterns,
) -> Vec<(String, Example)> {
    examples_at_most(sources, paragraphs, schema, patterns, usize::MAX)
}

/// [`examples`], at most about `most` of them: with more labels than that,
/// every k-th, spread evenly over the corpus and the annotators (a model
/// learns the same from a sample, and each example's features take memory).
pub(crate) fn examples_at_most(
    sources: &[AnnotatorLabels],
    paragraphs: &[Paragraph],
    schema: &Schema,
    patterns: &crate::suggest::patterns::Patterns,
    most: usize,
) -> Vec<(String, Example)> {
    let labels: usize = sources
        .iter()
        .map(|s| s.labels.iter().flatten().count())
        .sum();
    let every = labels.div_ceil(most.max(1)).max(1);
    let mut out = Vec::new();
    let mut seen = 0usize;
    for source in sources {
        for (i, label) in source.labels.iter().enumerate() {
            let Some(label) = label else { continue };
            seen += 1;
            if !(seen - 1).is_multiple_of(every) {
                continue;
            }
            let context = Context::of(paragraphs, i, before(paragraphs, i, &source.labels, schema));
            if let Some(e) = Example::new(patterns, schema, &context, label) {
                out.push((example_key(&source.annotator, &paragraphs[i].id()), e));
            }
        }
    }
    out
}

/// The key of one annotator's label on one paragraph among the trainer's
/// examples (a later label under it replaces the earlier one).
pub(crate) fn example_key(annotator: &str, id: &str) -> String {
    format!("{annotator}\0{id}")
}

/// Whether a label counts as labeled: a section type, or accepted.
fn labeled(label: Option<&Label>) -> bool {
    label.is_some_and(|l| l.section.is_some() || l.done)
}

/// The section types `labels` gives the paragraphs before `index` in the
/// same document.
pub(crate) fn before(
    paragraphs: &[Paragraph],
    index: usize,
    labels: &[Slot],
    schema: &Schema,
) -> Before {
    Before::of(paragraphs, index, |j| {
        section_of(labels[j].as_deref(), schema)
    })
}

/// The schema index of `label`'s section type.
fn section_of(label: Option<&Label>, schema: &Schema) -> Option<usize> {
    let name = label?.section.as_deref()?;
    schema.sections.iter().position(|d| d.name == name)
}

/// The stores to learn from: `--learn-from` names (each must have a store;
/// `gold` is the gold set), or every annotator's store and the gold set.
pub(crate) fn learning_sources(
    config: &Config,
    learn_from: &[String],
    paragraphs: &[Paragraph],
) -> Result<Vec<AnnotatorLabels>, CliError> {
    if !config.stores.is_remote() && !config.labels_dir.exists() {
        if learn_from.is_empty() {
            return Ok(Vec::new());
        }
        return Err(CliError::Usage(format!(
            "--learn-from {}: there are no stores (no labels dir)",
            plain(&learn_from.join(","))
        )));
    }
    let gold_exists = config.stores.gold_exists()?;
    let with_gold = learn_from.is_empty() || learn_from.iter().any(|n| n == GOLD);
    if learn_from.iter().any(|n| n == GOLD) && !gold_exists {
        return Err(CliError::Usage(
            "--learn-from gold: there is no gold set (run `biaozhu review` first)".into(),
        ));
    }
    let names: Vec<String> = learn_from.iter().filter(|n| *n != GOLD).cloned().collect();
    let mut sources = if learn_from.is_empty() || !names.is_empty() {
        for n in &names {
            validate_annotator(n)?;
        }
        let existing = config.stores.names()?;
        if let Some(missing) = names.iter().find(|n| !existing.contains(n)) {
            return Err(CliError::Usage(format!(
                "--learn-from {}: no store of that name in {} (stores: {})",
                plain(missing),
                crate::text::sanitize::plain_path(&config.labels_dir),
                if existing.is_empty() {
                    "none".to_owned()
                } else {
                    existing.join(", ")
                }
            )));
        }
        let narrowed = Config {
            annotators: names,
            ..config.clone()
        };
        read_labels(&narrowed, paragraphs)?
    } else {
        Vec::new()
    };
    if with_gold && gold_exists {
        sources.push(read_gold(config, paragraphs)?);
    }
    Ok(sources)
}

/// `annotator`'s labels (None: no store yet), from `sources` when it is
/// one of them.
fn own_labels(
    config: &Config,
    annotator: &str,
    sources: &[AnnotatorLabels],
    paragraphs: &[Paragraph],
) -> Result<Option<Vec<Slot>>, CliError> {
    if let Some(s) = sources.iter().find(|s| s.annotator == annotator) {
        return Ok(Some(s.labels.clone()));
    }
    if !config.stores.names()?.iter().any(|n| n == annotator) {
        return Ok(None);
    }
    let one = Config {
        annotators: vec![annotator.to_owned()],
        ..config.clone()
    };
    Ok(read_labels(&one, paragraphs)?.pop().map(|s| s.labels))
}

/// The text report's counts and examples.
struct Summary<'s> {
    schema: &'s Schema,
    paragraphs: usize,
    sections: Vec<usize>,
    no_section: usize,
    indicators: Vec<usize>,
    examples: Vec<String>,
    source: Option<&'static str>,
}

impl<'s> Summary<'s> {
    fn new(schema: &'s Schema) -> Summary<'s> {
        Summary {
            schema,
            paragraphs: 0,
            sections: vec![0; schema.sections.len()],
            no_section: 0,
            indicators: vec![0; schema.indicators.len()],
            examples: Vec::new(),
            source: None,
        }
    }

    fn add(&mut self, p: &Paragraph, s: &Suggestion) {
        self.paragraphs += 1;
        self.source = Some(s.source.as_str());
        match s.section {
            Some(i) => self.sections[i] += 1,
            None => self.no_section += 1,
        }
        for &i in &s.indicators {
            self.indicators[i] += 1;
        }
        if self.examples.len() < EXAMPLES && !s.is_empty() {
            let labels: Vec<&str> = s
                .section
                .map(|i| self.schema.sections[i].name.as_str())
                .into_iter()
                .chain(
                    s.indicators
                        .iter()
                        .map(|&i| self.schema.indicators[i].name.as_str()),
                )
                .collect();
            let head = format!("{} {}: ", plain(&p.id()), labels.join(" "));
            let line = format!("  {}{}", head, plain(&p.text.load()));
            self.examples.push(fit(&line, WIDTH));
        }
    }

    fn write(
        &self,
        out: &mut dyn Write,
        annotator: &str,
        learned: &[&str],
        model_labels: usize,
    ) -> std::io::Result<()> {
        let from = if model_labels > 0 {
            format!(
                "a model trained on {model_labels} labels ({})",
                learned.join(", ")
            )
        } else {
            format!(
                "patterns alone (fewer than {} labels to learn from)",
                crate::suggest::MIN_LABELS
            )
        };
        writeln!(
            out,
            "{}",
            fit(
                &format!(
                    "biaozhu suggest: {} paragraphs {} has not labeled",
                    self.paragraphs,
                    plain(annotator)
                ),
                WIDTH
            )
        )?;
        writeln!(out, "{}", fit(&format!("suggestions from {from}"), WIDTH))?;
        writeln!(out)?;
        writeln!(out, "section type suggested")?;
        for (def, n) in self.schema.sections.iter().zip(&self.sections) {
            let name = pad(
                &fit(&format!("{} {}", plain(&def.name), plain(&def.zh)), 40),
                40,
            );
            writeln!(out, "  {name} {n:>8}")?;
        }
        writeln!(out, "  {} {:>8}", pad("(none)", 40), self.no_section)?;
        writeln!(out, "indicators suggested")?;
        for (def, n) in self.schema.indicators.iter().zip(&self.indicators) {
            if *n > 0 {
                let name = pad(
                    &fit(&format!("{} {}", plain(&def.name), plain(&def.zh)), 40),
                    40,
                );
                writeln!(out, "  {name} {n:>8}")?;
            }
        }
        if !self.examples.is_empty() {
            writeln!(out, "first suggestions (--jsonl for all, with scores)")?;
            for e in &self.examples {
                writeln!(out, "{e}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod sample_tests {
    use super::*;
    use crate::corpus::{document::build, CorpusOptions, SourceEncoding};

    #[test]
    fn at_most_takes_an_even_sample() {
        let text: String = (0..100)
            .map(|i| format!("第{i}段：接种率{i}%。\n"))
            .collect();
        let ps = build(
            "a.txt",
            &text,
            SourceEncoding::Utf8,
            &CorpusOptions::default(),
        )
        .paragraphs;
        let schema = Schema::default_schema();
        let labels: Vec<Slot> = ps
            .iter()
            .map(|p| {
                let mut l = Label::empty(&p.doc, p.para as u32, &p.hash);
                l.section = Some("achievement".into());
                Some(Box::new(l))
            })
            .collect();
        let sources = vec![AnnotatorLabels {
            annotator: "a".into(),
            labels,
            orphaned: 0,
        }];
        let patterns = Suggester::new(&schema).patterns().clone();
        let all = examples(&sources, &ps, &schema, &patterns);
        assert_eq!(all.len(), ps.len());
        let some = examples_at_most(&sources, &ps, &schema, &patterns, 10);
        assert_eq!(some.len(), 10);
        // Spread: the first and one from the last tenth.
        assert_eq!(some[0].0, all[0].0);
        assert_eq!(some[9].0, all[90].0);
    }
}
