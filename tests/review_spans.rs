//! The review screen on a span disagreement: the proposal has the spans
//! most annotators marked, the others are listed with their votes and
//! offered in the span mode; the reviewer takes one, relabels one, and
//! the decision writes them to gold. Pure, plus the screen as drawn.

mod common;

use biaozhu::review::screen::model::Mode;
use biaozhu::review::screen::{update, Action, Model};
use biaozhu::store::Span;
use biaozhu::tui::effect::Effect;
use biaozhu::tui::span_edit::SpanKey;
use common::{review_labels, review_model_of, screen};

/// Paragraph 2 (接种率达到98.5% … 覆盖率达到45.2% …): code points of `part`.
fn span(model: &Model, part: &str, label: &str) -> Span {
    let text = &model.paragraphs[2].text.load();
    let byte = text.find(part).unwrap();
    let start = text[..byte].chars().count() as u32;
    Span {
        start,
        end: start + part.chars().count() as u32,
        label: label.into(),
    }
}

/// alice: 98.5% vaccination + 45.2% family doctor; bob: 98.5% vaccination;
/// carol: 98.5% funds.
fn model() -> Model {
    let mut labels = review_labels();
    let probe = review_model_of(review_labels());
    let spans = [
        vec![
            span(&probe, "98.5%", "vaccination_rate"),
            span(&probe, "45.2%", "family_doctor"),
        ],
        vec![span(&probe, "98.5%", "vaccination_rate")],
        vec![span(&probe, "98.5%", "funds")],
    ];
    for (a, s) in spans.into_iter().enumerate() {
        labels[a][2].as_mut().unwrap().spans = s;
    }
    let mut m = review_model_of(labels);
    update(&mut m, Action::First);
    while m.case().unwrap().index != 2 {
        update(&mut m, Action::Next);
    }
    m
}

#[test]
fn the_majority_span_is_proposed_and_the_others_are_listed_with_votes() {
    let mut m = model();
    let case = m.case().unwrap();
    assert!(case.reasons.iter().any(|r| r.as_str() == "spans"));
    assert_eq!(
        m.draft.choice.spans,
        vec![span(&m, "98.5%", "vaccination_rate")]
    );
    let s = screen(&mut m, 120, 40);
    assert!(s.contains("Spans 数值 (gold 1, s edits)"), "{s}");
    assert!(s.contains("“98.5%” 1 疫苗接种 2/3"), "{s}");
    assert!(s.contains("- “98.5%” 8 资金投入 1/3"), "{s}");
    assert!(s.contains("- “45.2%” 3 家庭医生签约 1/3"), "{s}");
}

#[test]
fn the_span_mode_takes_a_minority_span_and_the_decision_writes_it() {
    let mut m = model();
    update(&mut m, Action::StartSpans);
    assert!(matches!(m.mode, Mode::Spans(_)));
    // The suggestions: values found and alice's 45.2%; not carol's 98.5%
    // (it overlaps the proposal's).
    let open = m.open_suggestions();
    assert!(open
        .iter()
        .any(|s| s.text == "45.2%" && s.label.as_deref() == Some("family_doctor")));
    assert!(!open.iter().any(|s| s.text == "98.5%"));
    let s = screen(&mut m, 120, 40);
    assert!(s.starts_with("SPAN MODE"), "{s}");
    while !matches!(m.mode, Mode::Spans(c) if open.iter().any(|s| s.text == "45.2%" && s.start as usize == c.at))
    {
        update(&mut m, Action::Span(SpanKey::NextSuggestion));
        assert!(m.message.is_none(), "{:?}", m.message);
    }
    update(&mut m, Action::Span(SpanKey::Accept));
    // Relabel the proposal's 98.5% as funds: the cursor on it, key 8.
    update(&mut m, Action::Span(SpanKey::Start));
    while !matches!(m.mode, Mode::Spans(c) if c.at == span(&m, "98.5%", "x").start as usize) {
        update(&mut m, Action::Span(SpanKey::Right));
    }
    let funds = m
        .schema
        .indicators
        .iter()
        .position(|d| d.name == "funds")
        .unwrap();
    update(&mut m, Action::Span(SpanKey::Label(funds)));
    assert!(
        m.message.as_deref().unwrap().contains("is now funds"),
        "{:?}",
        m.message
    );
    update(&mut m, Action::Cancel);
    assert_eq!(m.mode, Mode::Normal);
    let effects = update(&mut m, Action::Decide);
    let [Effect::Persist {
        label: Some(gold), ..
    }] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(
        gold.spans,
        vec![
            span(&m, "98.5%", "funds"),
            span(&m, "45.2%", "family_doctor")
        ]
    );
    assert_eq!(gold.source.as_deref(), Some("adjudicated"));
}
