//! Gold labels from the queue: the label a decision makes, and the
//! automatic gold of unanimous paragraphs. Pure.

use super::{Case, Choice};
use crate::attach::Slot;
use crate::corpus::Paragraph;
use crate::store::{GoldSource, Label};

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
        duration_ms: Some(by.duration_ms),
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
/// the gold labels as stored now (`gold[i]` for paragraph `i`): a settled
/// case (unanimous, no flag, no note: [`Case::is_settled`]) without gold
/// gets one; an automatic gold label whose annotators changed their labels
/// is rewritten, or removed (`None`) when its paragraph is no longer
/// settled — it then waits in the queue. Gold decided by a reviewer is
/// never touched.
pub fn auto_gold(
    cases: &[Case],
    annotators: &[String],
    paragraphs: &[Paragraph],
    gold: &[Slot],
    by: Decider,
) -> Vec<(usize, Option<Label>)> {
    let mut out = Vec::new();
    let mut settled = vec![false; gold.len()];
    for case in cases.iter().filter(|c| c.is_settled()) {
        settled[case.index] = true;
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
        if g.as_deref().is_some_and(is_auto) && !settled[i] {
            out.push((i, None));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}
