//! A simulated annotator: reference labels taken in corpus order, each
//! paragraph pre-filled by a suggester trained on the labels before it
//! (retrained every few labels, as the background trainer batches them),
//! counting the keys that turn the pre-fill into the reference label: the
//! section key when the section type is wrong or missing, one key per
//! indicator to toggle, and Enter. Without suggestions a paragraph costs
//! its section key, one key per indicator and Enter.

use super::{Context, Example, Suggester};
use crate::corpus::Paragraph;
use crate::schema::Schema;
use crate::store::Label;

/// Figures over a run of consecutive reference paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Window {
    /// Labels already given before the window's first paragraph.
    pub from: usize,
    /// Labels given before the paragraph after its last.
    pub to: usize,
    pub keys: usize,
    /// Keys the same paragraphs cost without suggestions.
    pub baseline_keys: usize,
    /// Paragraphs whose suggested section type was the reference's.
    pub section_right: usize,
    /// Indicators: suggested and in the reference, suggested only,
    /// in the reference only.
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    /// Paragraphs whose suggestion came from the model.
    pub from_model: usize,
}

impl Window {
    pub fn paragraphs(&self) -> usize {
        self.to - self.from
    }

    pub fn keys_per_paragraph(&self) -> f64 {
        self.keys as f64 / self.paragraphs().max(1) as f64
    }

    pub fn baseline_per_paragraph(&self) -> f64 {
        self.baseline_keys as f64 / self.paragraphs().max(1) as f64
    }

    pub fn section_accuracy(&self) -> f64 {
        self.section_right as f64 / self.paragraphs().max(1) as f64
    }

    /// Micro-averaged F1 of the indicators (1 when there were none to find
    /// and none were suggested).
    pub fn indicator_f1(&self) -> f64 {
        let (tp, fp, fn_) = (
            self.true_positives as f64,
            self.false_positives as f64,
            self.false_negatives as f64,
        );
        if tp + fp + fn_ == 0.0 {
            1.0
        } else {
            2.0 * tp / (2.0 * tp + fp + fn_)
        }
    }
}

/// A reference label on `paragraphs[index]`.
pub struct Reference<'a> {
    pub index: usize,
    pub label: &'a Label,
}

/// Run the simulated annotator over `reference` (in corpus order), with
/// windows cut where `cuts` labels have been given (e.g. 50, 100, 200, 400;
/// the first window starts at 0, the last ends at the end).
pub fn simulate(
    paragraphs: &[Paragraph],
    schema: &Schema,
    reference: &[Reference],
    retrain_every: usize,
    cuts: &[usize],
) -> Vec<Window> {
    let mut suggester = Suggester::new(schema);
    let patterns = suggester.patterns().clone();
    let section_of = |l: &Label| {
        l.section
            .as_deref()
            .and_then(|s| schema.sections.iter().position(|d| d.name == s))
    };
    let indicators_of = |l: &Label| -> Vec<usize> {
        let mut v: Vec<usize> = l
            .indicators
            .iter()
            .filter_map(|n| schema.indicators.iter().position(|d| &d.name == n))
            .collect();
        v.sort_unstable();
        v
    };
    let mut examples: Vec<Example> = Vec::new();
    let mut bounds: Vec<usize> = std::iter::once(0)
        .chain(
            cuts.iter()
                .copied()
                .filter(|&c| c > 0 && c < reference.len()),
        )
        .chain(std::iter::once(reference.len()))
        .collect();
    bounds.dedup();
    let mut windows: Vec<Window> = bounds
        .windows(2)
        .map(|w| Window {
            from: w[0],
            to: w[1],
            ..Window::default()
        })
        .collect();
    for (n, r) in reference.iter().enumerate() {
        if n > 0 && n % retrain_every.max(1) == 0 {
            let refs: Vec<&Example> = examples.iter().collect();
            suggester = Suggester::train(patterns.clone(), &refs);
        }
        // The paragraph before, when it is labeled: its reference section.
        let prev = n
            .checked_sub(1)
            .map(|m| &reference[m])
            .filter(|m| {
                m.index + 1 == r.index && paragraphs[m.index].doc == paragraphs[r.index].doc
            })
            .and_then(|m| section_of(m.label));
        let context = Context::of(paragraphs, r.index, prev);
        let s = suggester.suggest(&context);
        let want_section = section_of(r.label);
        let want: Vec<usize> = indicators_of(r.label);
        let w = windows
            .iter_mut()
            .find(|w| n >= w.from && n < w.to)
            .expect("the windows cover every label");
        let tp = s.indicators.iter().filter(|i| want.contains(i)).count();
        let fp = s.indicators.len() - tp;
        let fn_ = want.len() - tp;
        let section_wrong = want_section.is_some() && s.section != want_section;
        w.keys += usize::from(section_wrong) + fp + fn_ + 1;
        w.baseline_keys += usize::from(want_section.is_some()) + want.len() + 1;
        w.section_right += usize::from(s.section == want_section);
        w.true_positives += tp;
        w.false_positives += fp;
        w.false_negatives += fn_;
        w.from_model += usize::from(s.source == super::Source::Model);
        examples.extend(Example::new(&patterns, schema, &context, r.label));
    }
    windows
}

/// The windows as one: every paragraph from `windows[from]` on.
pub fn total(windows: &[Window]) -> Window {
    let mut t = Window {
        from: windows.first().map_or(0, |w| w.from),
        to: windows.last().map_or(0, |w| w.to),
        ..Window::default()
    };
    for w in windows {
        t.keys += w.keys;
        t.baseline_keys += w.baseline_keys;
        t.section_right += w.section_right;
        t.true_positives += w.true_positives;
        t.false_positives += w.false_positives;
        t.false_negatives += w.false_negatives;
        t.from_model += w.from_model;
    }
    t
}

/// The table the benchmark prints: one row per window and the total.
pub fn table(windows: &[Window]) -> String {
    let mut out = String::from(
        "labels before   paras  keys/para  no sugg.  ratio  section acc  ind. F1  (tp/fp/fn)  model\n",
    );
    let row = |w: &Window, name: String| {
        format!(
            "{name:<15} {:>5}  {:>9.2}  {:>8.2}  {:>5.2}  {:>11.3}  {:>7.3}  {:>10}  {:>5}\n",
            w.paragraphs(),
            w.keys_per_paragraph(),
            w.baseline_per_paragraph(),
            w.keys as f64 / w.baseline_keys.max(1) as f64,
            w.section_accuracy(),
            w.indicator_f1(),
            format!(
                "{}/{}/{}",
                w.true_positives, w.false_positives, w.false_negatives
            ),
            w.from_model,
        )
    };
    for w in windows {
        out.push_str(&row(w, format!("{}-{}", w.from, w.to)));
    }
    out.push_str(&row(&total(windows), "all".into()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(doc: &str, para: usize, text: &str) -> Paragraph {
        Paragraph::new(doc, para, text)
    }

    #[test]
    fn a_perfect_suggestion_costs_enter_alone() {
        let schema = Schema::default_schema();
        // Two kinds of paragraph, easy to tell apart; the model learns them.
        let paragraphs: Vec<Paragraph> = (0..80)
            .map(|i| {
                let t = if i % 2 == 0 {
                    "甲甲甲工作情况"
                } else {
                    "乙乙乙的说明"
                };
                paragraph("d.txt", i, &format!("{t}{}", "之".repeat(i % 4)))
            })
            .collect();
        let labels: Vec<Label> = (0..80)
            .map(|i| {
                let mut l = Label::empty("d.txt", i as u32, "");
                l.section = Some(if i % 2 == 0 { "achievement" } else { "other" }.into());
                l.done = true;
                l
            })
            .collect();
        let reference: Vec<Reference> = labels
            .iter()
            .enumerate()
            .map(|(index, label)| Reference { index, label })
            .collect();
        let windows = simulate(&paragraphs, &schema, &reference, 10, &[40]);
        assert_eq!(windows.len(), 2);
        let late = &windows[1];
        assert_eq!((late.from, late.to), (40, 80));
        assert_eq!(late.baseline_keys, 80);
        assert_eq!(late.keys, 40, "{}", table(&windows));
        assert_eq!(late.section_accuracy(), 1.0);
        assert_eq!(late.from_model, 40);
        assert!(table(&windows).contains("all"));
    }
}
