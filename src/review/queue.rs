//! The adjudication queue, pure: which paragraphs several annotators
//! labeled, how much they disagree, what the majority says, and the gold
//! labels that decisions make.

use crate::corpus::Paragraph;
use crate::store::{GoldSource, Label, Span};

/// What a label says about its paragraph — the part annotators can agree
/// or disagree on, and the part a gold label takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choice {
    pub section: Option<String>,
    /// Sorted, deduplicated.
    pub indicators: Vec<String>,
    /// Sorted by (start, end, label).
    pub spans: Vec<Span>,
}

impl Choice {
    pub fn of(label: &Label) -> Choice {
        let mut indicators = label.indicators.clone();
        indicators.sort();
        indicators.dedup();
        let mut spans = label.spans.clone();
        spans.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
        spans.dedup();
        Choice {
            section: label.section.clone(),
            indicators,
            spans,
        }
    }

    /// Whether it says anything (a label with only a note or a flag does not).
    pub fn is_empty(&self) -> bool {
        self.section.is_none() && self.indicators.is_empty() && self.spans.is_empty()
    }
}

/// One annotator's label on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Index into the annotators of the review.
    pub annotator: usize,
    pub choice: Choice,
    /// The annotator's note on the paragraph, for the reviewer to read.
    pub note: Option<String>,
}

/// A paragraph labeled by at least two annotators.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Index of the paragraph in the corpus.
    pub index: usize,
    /// In annotator order; at least two.
    pub versions: Vec<Version>,
    /// The majority's choice: a section type given by more than half of the
    /// versions (no section counts as a value), the indicators and spans in
    /// more than half of them. `None` when no section type has a majority.
    pub majority: Option<Choice>,
    /// Share of annotator pairs that differ on the section type, plus the
    /// mean Jaccard distance between their indicator sets: 0 (unanimous on
    /// both) to 2. The queue sorts by it.
    pub disagreement: f64,
    /// Every version says the same (section, indicators and spans).
    pub unanimous: bool,
}

impl Case {
    /// The annotators' names of this case, sorted.
    pub fn annotator_names(&self, annotators: &[String]) -> Vec<String> {
        let mut names: Vec<String> = self
            .versions
            .iter()
            .map(|v| annotators[v.annotator].clone())
            .collect();
        names.sort();
        names
    }

    /// The version of annotator `annotator` (index), if they labeled it.
    pub fn version_of(&self, annotator: usize) -> Option<&Version> {
        self.versions.iter().find(|v| v.annotator == annotator)
    }
}

/// The cases of the corpus, in corpus order: every paragraph with a
/// non-empty label from at least two annotators. `labels[a][i]` is
/// annotator `a`'s label on paragraph `i`.
pub fn cases(labels: &[Vec<Option<Label>>]) -> Vec<Case> {
    let paragraphs = labels.iter().map(Vec::len).max().unwrap_or(0);
    (0..paragraphs)
        .filter_map(|index| {
            let versions: Vec<Version> = labels
                .iter()
                .enumerate()
                .filter_map(|(annotator, ls)| {
                    let label = ls.get(index)?.as_ref()?;
                    let choice = Choice::of(label);
                    (!choice.is_empty()).then(|| Version {
                        annotator,
                        choice,
                        note: label.note.clone().filter(|n| !n.trim().is_empty()),
                    })
                })
                .collect();
            (versions.len() >= 2).then(|| case(index, versions))
        })
        .collect()
}

fn case(index: usize, versions: Vec<Version>) -> Case {
    let choices: Vec<&Choice> = versions.iter().map(|v| &v.choice).collect();
    Case {
        index,
        majority: majority(&choices),
        disagreement: disagreement(&choices),
        unanimous: choices.windows(2).all(|w| w[0] == w[1]),
        versions,
    }
}

/// More than half of `n`.
fn is_majority(count: usize, n: usize) -> bool {
    2 * count > n
}

fn majority(choices: &[&Choice]) -> Option<Choice> {
    let n = choices.len();
    let section = choices
        .iter()
        .map(|c| &c.section)
        .find(|s| is_majority(choices.iter().filter(|c| &&c.section == s).count(), n))?
        .clone();
    let mut indicators: Vec<String> = choices
        .iter()
        .flat_map(|c| c.indicators.iter())
        .filter(|i| {
            is_majority(
                choices.iter().filter(|c| c.indicators.contains(i)).count(),
                n,
            )
        })
        .cloned()
        .collect();
    indicators.sort();
    indicators.dedup();
    let mut spans: Vec<Span> = choices
        .iter()
        .flat_map(|c| c.spans.iter())
        .filter(|s| is_majority(choices.iter().filter(|c| c.spans.contains(s)).count(), n))
        .cloned()
        .collect();
    spans.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    spans.dedup();
    Some(Choice {
        section,
        indicators,
        spans,
    })
}

fn disagreement(choices: &[&Choice]) -> f64 {
    let mut pairs = 0usize;
    let mut section_differs = 0usize;
    let mut jaccard = 0.0;
    for (i, a) in choices.iter().enumerate() {
        for b in &choices[i + 1..] {
            pairs += 1;
            section_differs += usize::from(a.section != b.section);
            jaccard += jaccard_distance(&a.indicators, &b.indicators);
        }
    }
    if pairs == 0 {
        return 0.0;
    }
    (section_differs as f64 + jaccard) / pairs as f64
}

/// 1 − |a ∩ b| / |a ∪ b| of two sorted sets; 0 for two empty sets.
fn jaccard_distance(a: &[String], b: &[String]) -> f64 {
    let both = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    let either = a.len() + b.len() - both;
    if either == 0 {
        0.0
    } else {
        1.0 - both as f64 / either as f64
    }
}

/// Who decided a gold label, when, and how long it took.
#[derive(Debug, Clone, Copy)]
pub struct Decider<'a> {
    pub reviewer: &'a str,
    /// RFC 3339 UTC.
    pub at: &'a str,
    pub duration_ms: u64,
}

/// The gold label of `paragraph` that says `choice`, decided from the
/// labels of `annotators` by `source`.
pub fn gold_label(
    paragraph: &Paragraph,
    choice: &Choice,
    source: GoldSource,
    annotators: Vec<String>,
    by: Decider,
) -> Label {
    Label {
        section: choice.section.clone(),
        indicators: choice.indicators.clone(),
        spans: choice.spans.clone(),
        done: true,
        updated_at: by.at.to_owned(),
        duration_ms: by.duration_ms,
        source: Some(source.as_str().to_owned()),
        annotators,
        reviewer: Some(by.reviewer.to_owned()),
        ..Label::empty(&paragraph.doc, paragraph.para as u32, &paragraph.hash)
    }
}

/// Whether `label` is a gold label written automatically for a unanimous
/// paragraph.
pub fn is_auto(label: &Label) -> bool {
    label.source.as_deref() == Some(GoldSource::Unanimous.as_str())
}

/// The gold writes that keep unanimous paragraphs in the gold set, given
/// the gold labels as stored now (`gold[i]` for paragraph `i`): a unanimous
/// case without gold gets one; an automatic gold label whose annotators
/// changed their labels is rewritten, or removed (`None`) when its
/// paragraph is no longer unanimous — it then waits in the queue. Gold
/// decided by a reviewer is never touched.
pub fn auto_gold(
    cases: &[Case],
    annotators: &[String],
    paragraphs: &[Paragraph],
    gold: &[Option<Label>],
    by: Decider,
) -> Vec<(usize, Option<Label>)> {
    let mut out = Vec::new();
    let mut unanimous = vec![false; gold.len()];
    for case in cases.iter().filter(|c| c.unanimous) {
        unanimous[case.index] = true;
        let choice = &case.versions[0].choice;
        let names = case.annotator_names(annotators);
        let current = gold[case.index].as_ref();
        let fresh = match current {
            None => true,
            Some(g) if is_auto(g) => Choice::of(g) != *choice || g.annotators != names,
            Some(_) => false,
        };
        if fresh {
            let label = gold_label(
                &paragraphs[case.index],
                choice,
                GoldSource::Unanimous,
                names,
                by,
            );
            out.push((case.index, Some(label)));
        }
    }
    for (i, g) in gold.iter().enumerate() {
        if g.as_ref().is_some_and(is_auto) && !unanimous[i] {
            out.push((i, None));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

#[cfg(test)]
mod tests;
