//! Suggestions on the labeling screen: what is pre-filled on a paragraph
//! nobody has labeled yet (the section type and the indicators the
//! suggester scores above its thresholds), which paragraphs are kept
//! without suggestions (the control share), and how a pre-fill becomes the
//! label, with its provenance, on the first key. Pure data and functions;
//! the suggester itself is trained by the shell ([`crate::cli`]) and handed
//! in with [`super::Action::Learned`].

use crate::corpus::Paragraph;
use crate::schema::Schema;
use crate::store::{Label, Suggested};
use crate::suggest::{Before, Context, Suggester, Suggestion};
use std::sync::Arc;

/// The provenance source of a label on a control paragraph: shown without
/// suggestions on purpose.
pub const CONTROL: &str = "control";

/// Whether and how the screen suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suggesting {
    /// `--no-suggest`: nothing pre-filled, no provenance recorded.
    Off,
    /// The corpus reader's boilerplate guess alone (what the screen
    /// pre-filled before it had a suggester): a model built outside the
    /// shell, for tests and benches.
    Boilerplate,
    /// Pre-fill, except on `control_percent` % of the paragraphs (chosen
    /// by content hash, the same for every annotator).
    On { control_percent: u8 },
}

/// The suggester, shared with the thread that trains it; two are equal
/// when they are the same one.
#[derive(Debug, Clone)]
pub struct Shared(pub Arc<Suggester>);

impl PartialEq for Shared {
    fn eq(&self, other: &Shared) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Shared {}

/// The trainer the shell runs for the screen (fed the labels it writes);
/// two are equal when they are the same one.
#[derive(Clone)]
pub struct Learning(pub Arc<crate::suggest::trainer::Trainer>);

impl PartialEq for Learning {
    fn eq(&self, other: &Learning) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Learning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Learning")
    }
}

/// The screen's suggestion state.
#[derive(Debug, Clone, PartialEq)]
pub struct Prefill {
    pub suggesting: Suggesting,
    pub suggester: Shared,
    /// The suggestion for the paragraph at the cursor (its index), made
    /// when the cursor arrived or the suggester changed.
    pub current: Option<(usize, Suggestion)>,
    /// The shell's trainer, when it runs one: `update` never touches it.
    pub learning: Option<Learning>,
    /// The corpus reader's boilerplate guess as a suggestion (None: the
    /// schema has no `boilerplate` section type).
    boilerplate: Option<Suggestion>,
}

impl Prefill {
    pub fn new(schema: &Schema, suggesting: Suggesting) -> Prefill {
        Prefill {
            suggesting,
            suggester: Shared(Arc::new(Suggester::new(schema))),
            current: None,
            learning: None,
            boilerplate: schema
                .sections
                .iter()
                .position(|d| d.name == crate::suggest::patterns::BOILERPLATE)
                .map(|i| {
                    let mut section_scores = vec![0.0; schema.sections.len()];
                    section_scores[i] = 0.9;
                    Suggestion {
                        section: Some(i),
                        indicators: Vec::new(),
                        section_scores,
                        indicator_scores: vec![0.0; schema.indicators.len()],
                        source: crate::suggest::Source::Pattern,
                        model_labels: 0,
                    }
                }),
        }
    }

    /// Make the suggestion for paragraph `index` (with the section type of
    /// the paragraph before it, schema index, if labeled).
    pub fn refresh(&mut self, paragraphs: &[Paragraph], index: usize, before: Before) {
        self.current = match self.suggesting {
            Suggesting::On { control_percent }
                if index < paragraphs.len() && !is_control(&paragraphs[index], control_percent) =>
            {
                let context = Context::of(paragraphs, index, before);
                Some((index, self.suggester.0.suggest(&context)))
            }
            Suggesting::Boilerplate
                if paragraphs.get(index).is_some_and(|p| p.suggested.is_some()) =>
            {
                self.boilerplate.as_ref().map(|s| (index, s.clone()))
            }
            _ => None,
        };
    }

    /// The suggestion shown on paragraph `index` with label `label`: only
    /// on a paragraph not yet labeled.
    pub fn shown(&self, index: usize, label: Option<&Label>) -> Option<&Suggestion> {
        match &self.current {
            Some((i, s)) if *i == index && fresh(label) && !s.is_empty() => Some(s),
            _ => None,
        }
    }

    /// Whether paragraph `p` is one the screen keeps without suggestions.
    pub fn is_control(&self, p: &Paragraph) -> bool {
        match self.suggesting {
            Suggesting::On { control_percent } => is_control(p, control_percent),
            Suggesting::Off | Suggesting::Boilerplate => false,
        }
    }

    /// A label begun on paragraph `p` (`index`) from `label` as it was:
    /// the pre-fill taken into it with its provenance — or, on a control
    /// paragraph, the mark that none was shown. Labels already begun are
    /// left as they are.
    pub fn begin(&self, index: usize, p: &Paragraph, schema: &Schema, label: &mut Label) {
        if !fresh(Some(label)) || label.suggested.is_some() {
            return;
        }
        if self.is_control(p) {
            label.suggested = Some(Box::new(Suggested {
                section: None,
                indicators: Vec::new(),
                source: CONTROL.to_owned(),
                model_labels: 0,
            }));
            return;
        }
        let Some(s) = self.shown(index, None) else {
            return;
        };
        if let Some((name, _)) = s.section_name(schema) {
            label.section = Some(name.to_owned());
        }
        label.indicators = s
            .indicator_names(schema)
            .into_iter()
            .map(str::to_owned)
            .collect();
        label.normalize();
        label.suggested = s.provenance(schema).map(Box::new);
    }
}

/// Not labeled yet: no section type, no indicator, not accepted.
pub fn fresh(label: Option<&Label>) -> bool {
    label.is_none_or(|l| l.section.is_none() && l.indicators.is_empty() && !l.done)
}

/// Whether paragraph `p` is in the control share of `percent` %: by its
/// content hash, so every annotator gets the same control paragraphs and
/// agreement can be compared with and without suggestions.
pub fn is_control(p: &Paragraph, percent: u8) -> bool {
    percent > 0 && xxhash_rust::xxh3::xxh3_64(p.hash.as_bytes()) % 100 < u64::from(percent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{document::build, CorpusOptions, SourceEncoding};

    fn paragraphs() -> Vec<Paragraph> {
        let text: String = (0..200)
            .map(|i| format!("第{i}段：全市疫苗接种率达到98.{i}%。\n"))
            .collect();
        build(
            "a.txt",
            &text,
            SourceEncoding::Utf8,
            &CorpusOptions::default(),
        )
        .paragraphs
    }

    #[test]
    fn the_control_share_is_about_the_percent_asked_and_stable() {
        let ps = paragraphs();
        let n = ps.iter().filter(|p| is_control(p, 10)).count();
        assert!((8..=40).contains(&n), "{n} of {}", ps.len());
        assert_eq!(ps.iter().filter(|p| is_control(p, 0)).count(), 0);
        assert_eq!(ps.iter().filter(|p| is_control(p, 100)).count(), ps.len());
        let again = ps.iter().filter(|p| is_control(p, 10)).count();
        assert_eq!(n, again);
    }

    #[test]
    fn a_prefill_becomes_the_label_with_its_provenance_once() {
        let schema = Schema::default_schema();
        let ps = paragraphs();
        let mut pre = Prefill::new(&schema, Suggesting::On { control_percent: 0 });
        pre.refresh(&ps, 3, Before::default());
        let s = pre
            .shown(3, None)
            .expect("keywords give a suggestion")
            .clone();
        let mut label = Label::empty(&ps[3].doc, 3, &ps[3].hash);
        pre.begin(3, &ps[3], &schema, &mut label);
        assert_eq!(
            label.indicators,
            s.indicator_names(&schema)
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        );
        let provenance = label.suggested.clone().unwrap();
        assert_eq!(provenance.source, "pattern");
        // A label already begun is not pre-filled again.
        label.indicators.clear();
        label.section = Some("other".into());
        let before = label.clone();
        pre.begin(3, &ps[3], &schema, &mut label);
        assert_eq!(label, before);
        // Not shown on another paragraph, nor on a labeled one.
        assert!(pre.shown(4, None).is_none());
        assert!(pre.shown(3, Some(&before)).is_none());
    }

    #[test]
    fn off_and_control_show_nothing_and_control_is_marked() {
        let schema = Schema::default_schema();
        let ps = paragraphs();
        let mut off = Prefill::new(&schema, Suggesting::Off);
        off.refresh(&ps, 3, Before::default());
        assert!(off.shown(3, None).is_none());
        let mut label = Label::empty(&ps[3].doc, 3, &ps[3].hash);
        off.begin(3, &ps[3], &schema, &mut label);
        assert_eq!(label.suggested, None);
        let mut all = Prefill::new(
            &schema,
            Suggesting::On {
                control_percent: 100,
            },
        );
        all.refresh(&ps, 3, Before::default());
        assert!(all.shown(3, None).is_none());
        all.begin(3, &ps[3], &schema, &mut label);
        assert_eq!(label.suggested.unwrap().source, CONTROL);
        assert!(label.indicators.is_empty());
    }
}
