//! Label suggestions: what to pre-fill for a paragraph — a section type and
//! the indicators — from the schema's words and the corpus reader's guesses
//! ([`patterns`]) until enough labels are in, then from a model trained on
//! the labels so far ([`model`], on [`features`]), retrained in the
//! background as labels arrive ([`trainer`]).
//!
//! The one call: [`Suggester::suggest`] with a paragraph's [`Context`]
//! (built by [`Context::of`] from the corpus paragraphs) gives a
//! [`Suggestion`]. A [`Suggester`] from [`Suggester::new`] uses patterns
//! only; [`Suggester::train`] fits one on [`Example`]s; a
//! [`trainer::Trainer`] keeps one current while labels come in.
//! The corpus reader's boilerplate guess is one of these suggestions: a
//! section type `boilerplate`, source `pattern`.

pub mod features;
pub mod model;
pub mod patterns;
pub mod simulate;
pub mod trainer;

use crate::corpus::compact::Loaded;
use crate::corpus::{doc_range, Paragraph};
use crate::schema::Schema;
use crate::store::{Label, Suggested};
use features::Features;
use model::{Linear, Loss, Target};
use patterns::Patterns;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Labels needed before the model is used (before that, patterns alone).
pub const MIN_LABELS: usize = 20;
/// A section type is pre-filled when its score is at least this.
pub const SECTION_THRESHOLD: f32 = 0.3;
/// An indicator is pre-filled when its score is at least this (a wrong
/// indicator and a missing one cost a key each: 0.5 is where they balance).
pub const INDICATOR_THRESHOLD: f32 = 0.5;
/// How far back the nearest heading is looked for (paragraphs).
const HEADING_LOOKBACK: usize = 200;

/// What made a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The schema's words and the corpus reader's guesses.
    Pattern,
    /// The model trained on the labels so far.
    Model,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Pattern => "pattern",
            Source::Model => "model",
        }
    }
}

/// One paragraph as a suggestion sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// Its text, loaded (a screen's corpus is packed: see
    /// [`Text::load`](crate::corpus::compact::Text::load)).
    pub text: Loaded,
    /// The nearest heading before it in its document, if any.
    pub heading_text: Option<Loaded>,
    /// The corpus reader separated it as a numbered heading.
    pub heading: bool,
    /// The corpus reader guessed web noise (its `suggested` boilerplate).
    pub boilerplate: bool,
    /// The section type (index in the schema) of the paragraph before it
    /// in its document: its label's, else what was suggested for it.
    pub prev_section: Option<usize>,
    /// The section type of the nearest paragraph before it in its document
    /// that is not a heading (see [`Before`]).
    pub body_section: Option<usize>,
    /// Where it is in its document: paragraph index / paragraphs, in [0, 1).
    pub position: f32,
}

impl Context {
    /// The context of `paragraphs[index]` (the corpus in its order), with
    /// the section types before it as the caller knows them.
    pub fn of(paragraphs: &[Paragraph], index: usize, before: Before) -> Context {
        let p = &paragraphs[index];
        let range = doc_range(paragraphs, index);
        let heading_text = paragraphs
            [range.start.max(index.saturating_sub(HEADING_LOOKBACK))..index]
            .iter()
            .rev()
            .find(|q| patterns::looks_like_heading(&Context::text_only(q)))
            .map(|q| q.text.load());
        Context {
            text: p.text.load(),
            heading_text,
            heading: p.heading,
            boilerplate: p.suggested.is_some(),
            prev_section: before.prev,
            body_section: before.body,
            position: (index - range.start) as f32 / range.len().max(1) as f32,
        }
    }

    /// A paragraph's own text and the corpus reader's flags, no neighbours.
    fn text_only(p: &Paragraph) -> Context {
        Context {
            text: p.text.load(),
            heading: p.heading,
            boilerplate: p.suggested.is_some(),
            ..Context::default()
        }
    }
}

/// What the section types before a paragraph say about it, as the caller
/// knows them (an annotator's labels, or what was suggested).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Before {
    /// The section type of the paragraph just before it in its document.
    pub prev: Option<usize>,
    /// The section type of the nearest paragraph before it in its document
    /// that does not look like a heading: text under a sub-heading mostly
    /// goes on as the text before the sub-heading did (plans under `（二）`
    /// after plans under `（一）`), which the paragraph just before — the
    /// sub-heading — does not say.
    pub body: Option<usize>,
}

impl Before {
    /// The section types before `paragraphs[index]`, with `section_of(j)`
    /// the section type of paragraph `j` as the caller knows it.
    pub fn of(
        paragraphs: &[Paragraph],
        index: usize,
        section_of: impl Fn(usize) -> Option<usize>,
    ) -> Before {
        let start = doc_range(paragraphs, index).start;
        if index <= start {
            return Before::default();
        }
        let body = (start.max(index.saturating_sub(HEADING_LOOKBACK))..index)
            .rev()
            .find(|&j| !patterns::looks_like_heading(&Context::text_only(&paragraphs[j])))
            .and_then(&section_of);
        Before {
            prev: section_of(index - 1),
            body,
        }
    }
}

/// A labeled paragraph, ready to learn from.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub features: Features,
    /// Index into the schema's section types.
    pub section: Option<usize>,
    /// Indices into the schema's indicators.
    pub indicators: Vec<usize>,
}

impl Example {
    /// `label` on the paragraph of `context`, with names the schema does
    /// not know left out. None when the label says nothing to learn from
    /// (no section type and not accepted).
    pub fn new(
        patterns: &Patterns,
        schema: &Schema,
        context: &Context,
        label: &Label,
    ) -> Option<Example> {
        let section = label
            .section
            .as_deref()
            .and_then(|s| schema.sections.iter().position(|d| d.name == s));
        if section.is_none() && !label.done {
            return None;
        }
        let indicators = label
            .indicators
            .iter()
            .filter_map(|n| schema.indicators.iter().position(|d| &d.name == n))
            .collect();
        Some(Example {
            features: features::features(patterns, context),
            section,
            indicators,
        })
    }
}

/// What to pre-fill for one paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The section type (index into the schema's), when one scores at
    /// least [`SECTION_THRESHOLD`].
    pub section: Option<usize>,
    /// The indicators scoring at least [`INDICATOR_THRESHOLD`], ascending.
    pub indicators: Vec<usize>,
    /// Every section type's score, in schema order.
    pub section_scores: Vec<f32>,
    /// Every indicator's score, in schema order.
    pub indicator_scores: Vec<f32>,
    pub source: Source,
    /// The labels the model was trained on (0 for patterns).
    pub model_labels: usize,
}

/// The `biaozhu suggest --jsonl` record of a suggestion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record<'a> {
    pub id: &'a str,
    pub section: Option<&'a str>,
    pub indicators: Vec<&'a str>,
    /// Every label's score, rounded to 3 decimals.
    pub scores: BTreeMap<&'a str, f64>,
    pub source: Source,
    pub model_labels: usize,
}

impl Suggestion {
    /// Whether it pre-fills anything.
    pub fn is_empty(&self) -> bool {
        self.section.is_none() && self.indicators.is_empty()
    }

    /// The section type's name and score.
    pub fn section_name<'s>(&self, schema: &'s Schema) -> Option<(&'s str, f32)> {
        self.section
            .map(|i| (schema.sections[i].name.as_str(), self.section_scores[i]))
    }

    /// The names of the indicators pre-filled.
    pub fn indicator_names<'s>(&self, schema: &'s Schema) -> Vec<&'s str> {
        self.indicators
            .iter()
            .map(|&i| schema.indicators[i].name.as_str())
            .collect()
    }

    /// The record `biaozhu suggest --jsonl` prints for paragraph `id`.
    pub fn record<'a>(&self, id: &'a str, schema: &'a Schema) -> Record<'a> {
        let round = |x: f32| (f64::from(x) * 1000.0).round() / 1000.0;
        let scores = schema
            .sections
            .iter()
            .zip(&self.section_scores)
            .chain(schema.indicators.iter().zip(&self.indicator_scores))
            .map(|(d, &s)| (d.name.as_str(), round(s)))
            .collect();
        Record {
            id,
            section: self.section_name(schema).map(|(name, _)| name),
            indicators: self.indicator_names(schema),
            scores,
            source: self.source,
            model_labels: self.model_labels,
        }
    }

    /// What a label made with this suggestion on screen records
    /// (`"suggested"`); None when it pre-fills nothing.
    pub fn provenance(&self, schema: &Schema) -> Option<Suggested> {
        (!self.is_empty()).then(|| Suggested {
            section: self.section_name(schema).map(|(name, _)| name.to_owned()),
            indicators: self
                .indicator_names(schema)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            source: self.source.as_str().to_owned(),
            model_labels: self.model_labels as u64,
        })
    }
}

/// The two heads, trained on `labels` examples.
#[derive(Debug, Clone)]
struct Model {
    sections: Linear,
    indicators: Linear,
    /// Per indicator, the score it is pre-filled at ([`model::thresholds`]).
    indicator_thresholds: Vec<f32>,
    labels: usize,
}

/// Makes suggestions: patterns, and a model once one is trained.
#[derive(Debug, Clone)]
pub struct Suggester {
    patterns: Arc<Patterns>,
    model: Option<Arc<Model>>,
}

impl Suggester {
    /// Patterns only, from `schema`'s words.
    pub fn new(schema: &Schema) -> Suggester {
        Suggester::with_patterns(Arc::new(Patterns::new(schema)))
    }

    pub fn with_patterns(patterns: Arc<Patterns>) -> Suggester {
        Suggester {
            patterns,
            model: None,
        }
    }

    pub fn patterns(&self) -> &Arc<Patterns> {
        &self.patterns
    }

    /// The labels the model learned from (0: patterns only).
    pub fn model_labels(&self) -> usize {
        self.model.as_ref().map_or(0, |m| m.labels)
    }

    /// A suggester trained on `examples` (patterns alone with fewer than
    /// [`MIN_LABELS`]). The two heads are fitted in parallel.
    pub fn train(patterns: Arc<Patterns>, examples: &[&Example]) -> Suggester {
        if examples.len() < MIN_LABELS {
            return Suggester::with_patterns(patterns);
        }
        let sections = examples
            .iter()
            .map(|e| (&e.features, Target::Class(e.section)))
            .collect::<Vec<_>>();
        let indicators = examples
            .iter()
            .map(|e| (&e.features, Target::Set(&e.indicators)))
            .collect::<Vec<_>>();
        let (s, i) = (patterns.sections(), patterns.indicators());
        let (sections, (indicator_thresholds, indicators)) = rayon::join(
            || Linear::fit(s, Loss::Softmax, &sections),
            || {
                rayon::join(
                    || model::thresholds(i, &indicators, INDICATOR_THRESHOLD),
                    || Linear::fit(i, Loss::Sigmoid, &indicators),
                )
            },
        );
        Suggester {
            patterns,
            model: Some(Arc::new(Model {
                sections,
                indicators,
                indicator_thresholds,
                labels: examples.len(),
            })),
        }
    }

    /// The features of a paragraph (what [`Example`]s hold).
    pub fn features(&self, context: &Context) -> Features {
        features::features(&self.patterns, context)
    }

    /// What to pre-fill for the paragraph of `context`.
    pub fn suggest(&self, context: &Context) -> Suggestion {
        let features = self.features(context);
        let (section, section_scores, indicator_scores, source, labels) = match &self.model {
            None => {
                let (section, s, i) = self.patterns.suggest(context, &features.hits);
                (section.map(|(i, _)| i), s, i, Source::Pattern, 0)
            }
            Some(model) => {
                let s = model.sections.probabilities(&features);
                let i = model.indicators.probabilities(&features);
                let best = (0..s.len()).max_by(|&a, &b| s[a].total_cmp(&s[b]));
                (best, s, i, Source::Model, model.labels)
            }
        };
        let section = section.filter(|&i| section_scores[i] >= SECTION_THRESHOLD);
        let threshold = |i: usize| {
            self.model
                .as_ref()
                .and_then(|m| m.indicator_thresholds.get(i).copied())
                .unwrap_or(INDICATOR_THRESHOLD)
        };
        let indicators = (0..indicator_scores.len())
            .filter(|&i| indicator_scores[i] >= threshold(i))
            .collect();
        Suggestion {
            section,
            indicators,
            section_scores,
            indicator_scores,
            source,
            model_labels: labels,
        }
    }
}

#[cfg(test)]
mod tests;
