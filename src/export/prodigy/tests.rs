//! Prodigy tasks: shapes, hashes, and the cached writer's bytes.

use super::*;
use crate::store::Span;

fn paragraph(text: &str) -> Paragraph {
    crate::export::test_paragraph("a.txt", 3, text)
}

/// An unaccepted label on `p` with a section and nothing else.
fn label(p: &Paragraph, section: &str) -> Label {
    let mut l = Label::empty(&p.doc, p.para as u32, &p.hash);
    l.section = Some(section.into());
    l
}

#[test]
fn section_indicators_and_spans_tasks() {
    let schema = Schema::default_schema();
    let p = paragraph("𠀀😀接种率达到98.5%");
    let mut l = label(&p, "achievement");
    l.indicators = vec!["retired".into(), "vaccination_rate".into()];
    l.spans = vec![Span {
        start: 2,
        end: 5,
        label: "vaccination_rate".into(),
    }];
    l.updated_at = "2026-11-22T10:00:00Z".into();
    let pt = p.text.load();
    let tasks = tasks(&p, &pt, "alice", &l, &schema);
    assert_eq!(tasks.len(), 3);
    let [section, indicators, spans] = &tasks[..] else {
        unreachable!()
    };
    assert_eq!(section.accept.as_deref(), Some(&["achievement"][..]));
    let opts = section.options.as_ref().unwrap();
    assert_eq!(opts.len(), schema.sections.len());
    assert!(opts.contains(&Choice {
        id: "achievement",
        text: "工作成效"
    }));
    let last = indicators.options.as_ref().unwrap().last().unwrap();
    assert_eq!(
        last,
        &Choice {
            id: "retired",
            text: "retired"
        }
    );
    assert_eq!(section.input_hash, spans.input_hash);
    assert_ne!(section.task_hash, indicators.task_hash);
    assert_eq!(section.timestamp, Some(1_795_341_600));
    let s = &spans.spans.as_ref().unwrap()[0];
    assert_eq!((s.start, s.end, s.token_start, s.token_end), (2, 5, 2, 4));
    assert_eq!(s.text, "接种率");
    let toks = spans.tokens.as_ref().unwrap();
    assert_eq!(toks.len(), p.text.load().chars().count());
    assert_eq!(toks.iter().map(|t| t.text).collect::<String>(), p.text);
    assert_eq!(section.annotator_id, "biaozhu-alice");
}

#[test]
fn task_hash_is_the_question_not_the_answer() {
    let schema = Schema::default_schema();
    let p = paragraph("一、总体情况");
    let mut a = label(&p, "heading");
    let mut b = a.clone();
    b.section = Some("overview".into());
    let pt = p.text.load();
    let (ta, tb) = (
        &tasks(&p, &pt, "alice", &a, &schema)[0],
        &tasks(&p, &pt, "bob", &b, &schema)[0],
    );
    assert_eq!(ta.task_hash, tb.task_hash);
    // Not done and no indicators: no indicators task.
    assert_eq!(tasks(&p, &p.text.load(), "alice", &a, &schema).len(), 1);
    a.done = true;
    assert_eq!(
        tasks(&p, &p.text.load(), "alice", &a, &schema)[1].accept,
        Some(vec![])
    );
}

#[test]
fn writer_bytes_equal_serde_of_tasks() {
    let schema = Schema::default_schema();
    let p = paragraph("𠀀😀接种率达到98.5%，“两学一做”");
    let mut w = Writer::new(&schema);
    let mut known = label(&p, "plan");
    known.indicators = vec!["funds".into()];
    known.done = true;
    known.spans = vec![Span {
        start: 0,
        end: 3,
        label: "x".into(),
    }];
    let mut unknown = known.clone();
    unknown.section = Some("old".into());
    unknown.indicators.push("older".into());
    let gold = crate::export::test_gold(known.clone(), "majority");
    for (who, l) in [("bob", &known), ("bob", &unknown), ("gold", &gold)] {
        let mut fast = Vec::new();
        let n = w.write(&mut fast, &p, &p.text.load(), who, l).unwrap();
        let slow: Vec<u8> = tasks(&p, &p.text.load(), who, l, &schema)
            .iter()
            .flat_map(|t| {
                let mut line = serde_json::to_vec(t).unwrap();
                line.push(b'\n');
                line
            })
            .collect();
        assert_eq!(n, 3);
        assert_eq!(
            String::from_utf8(fast).unwrap(),
            String::from_utf8(slow).unwrap()
        );
    }
}

#[test]
fn gold_tasks_say_where_they_come_from() {
    let schema = Schema::default_schema();
    let p = paragraph("一、总体情况");
    let mut l = crate::export::test_gold(label(&p, "heading"), "majority");
    l.done = true;
    let pt = p.text.load();
    let gold = tasks(&p, &pt, "gold", &l, &schema);
    assert_eq!(gold.len(), 2);
    for t in &gold {
        assert_eq!(t.annotator_id, "biaozhu-gold");
        assert_eq!(t.session_id, "biaozhu-gold");
        let meta = serde_json::to_value(&t.meta).unwrap();
        assert_eq!(meta["annotator"], "gold");
        assert_eq!(meta["source"], "majority");
        assert_eq!(meta["annotators"], serde_json::json!(["alice", "bob"]));
        assert_eq!(meta["reviewer"], "lead");
    }
    // The same label as an annotator's: no provenance in `meta`.
    let alice =
        serde_json::to_value(&tasks(&p, &p.text.load(), "alice", &l, &schema)[0].meta).unwrap();
    assert!(alice.get("source").is_none(), "{alice}");
}
