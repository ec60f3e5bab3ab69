//! The labeling screen takes a suggester trained on more labels (the
//! shell's trainer hands it in with `Action::Learned`): the pre-fill then
//! comes from the model, says how many labels it learned from, and Enter
//! takes it with that provenance. Pure: no terminal.

mod common;

use biaozhu::annotate::prefill::{Shared, Suggesting};
use biaozhu::annotate::{update, Action};
use biaozhu::store::Label;
use biaozhu::suggest::trainer::Trainer;
use biaozhu::suggest::{Before, Context, Example, Source};
use std::time::Duration;

#[test]
fn a_trained_suggester_prefills_from_the_model() {
    let mut m = common::model();
    m.set_suggesting(Suggesting::On { control_percent: 0 });
    let patterns = m.prefill.suggester.0.patterns().clone();
    // 40 labels: every paragraph of the fixture, twice over, as another
    // annotator labeled them (headings `heading`, the rest `achievement`
    // with vaccination_rate).
    let mut labels = Vec::new();
    for round in 0..5 {
        for (i, p) in m.paragraphs.iter().enumerate() {
            let mut l = Label::empty(&p.doc, p.para as u32, &p.hash);
            l.section = Some(if p.heading { "heading" } else { "achievement" }.into());
            if !p.heading {
                l.indicators = vec!["vaccination_rate".into()];
            }
            l.done = true;
            let context = Context::of(&m.paragraphs, i, Before::default());
            let e = Example::new(&patterns, &m.schema, &context, &l).unwrap();
            labels.push((format!("other{round}\0{}", p.id()), e));
        }
    }
    let n = labels.len();
    assert!(n >= 20, "{n}");
    let trainer = Trainer::start(patterns, labels);
    // The first model is trained on the thread: wait for it.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while trainer.current().model_labels() == 0 {
        assert!(std::time::Instant::now() < deadline, "no model in 30 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    update(&mut m, Action::Learned(Shared(trainer.current())));
    update(&mut m, Action::Next);
    update(&mut m, Action::Next);
    let s = m.suggestion(m.cursor).expect("a pre-fill").clone();
    assert_eq!(s.source, Source::Model);
    assert_eq!(s.model_labels, n);
    let screen = common::screen(&mut m, 100, 30);
    assert!(
        screen.contains(&format!("suggested ({n} labels): Enter")),
        "{screen}"
    );
    let at = m.cursor;
    update(&mut m, Action::Accept);
    let label = m.label(at).unwrap();
    let provenance = label.suggested.as_ref().unwrap();
    assert_eq!(provenance.source, "model");
    assert_eq!(provenance.model_labels, n as u64);
    assert_eq!(label.section, provenance.section);
}

#[test]
fn order_uncertain_moves_on_to_the_least_certain_paragraph() {
    use biaozhu::annotate::order::{certainty, Order};
    let mut m = common::model();
    m.set_suggesting(Suggesting::On { control_percent: 0 });
    m.set_order(Order::Uncertain);
    assert!(!m.queue.is_empty());
    let sure = |i: usize| certainty(&m.prefill.suggester.0, &m.paragraphs, i);
    // The first places go from least to more certain.
    let head: Vec<f32> = m.queue.iter().take(4).map(|&i| sure(i)).collect();
    assert!(head.windows(2).all(|w| w[0] <= w[1]), "{head:?}");
    let from = m.cursor;
    let want = *m.queue.iter().find(|&&i| i != from).unwrap();
    update(&mut m, Action::Accept);
    assert_eq!(m.cursor, want, "queue {:?}", m.queue);
    // Corpus order moves to the next paragraph instead.
    let mut c = common::model();
    c.set_order(Order::Corpus);
    update(&mut c, Action::Accept);
    assert_eq!(c.cursor, 1);
}
