use super::trainer::Trainer;
use super::*;
use std::time::Duration;

fn schema() -> Schema {
    Schema::default_schema()
}

fn text(t: &str) -> Context {
    Context {
        text: t.into(),
        ..Context::default()
    }
}

fn names(s: &Suggestion, schema: &Schema) -> (Option<String>, Vec<String>) {
    let r = s.record("x", schema);
    (
        r.section.map(str::to_owned),
        r.indicators.iter().map(|s| s.to_string()).collect(),
    )
}

#[test]
fn patterns_read_simplified_traditional_and_full_width_text() {
    let schema = schema();
    let s = Suggester::new(&schema);
    for t in [
        "下一步，我们将继续推进家庭医生签约服务。",
        "下一步，我們將繼續推進家庭醫生簽約服務。",
        "下一步，我們將繼續推進家庭醫生簽約服務！",
    ] {
        let got = s.suggest(&text(t));
        assert_eq!(got.source, Source::Pattern);
        assert_eq!(
            names(&got, &schema),
            (Some("plan".into()), vec!["family_doctor".into()]),
            "{t}"
        );
    }
    let got = s.suggest(&text("ＰＭ值不足，存在問題较多"));
    assert_eq!(names(&got, &schema).0.as_deref(), Some("problem"));
}

#[test]
fn not_keywords_keep_poverty_out_of_health_records() {
    let schema = schema();
    let s = Suggester::new(&schema);
    let (_, indicators) = names(&s.suggest(&text("为建档立卡贫困户提供救助")), &schema);
    assert_eq!(indicators, ["health_poverty"]);
    let (_, indicators) = names(&s.suggest(&text("居民电子健康档案建档率85%")), &schema);
    assert_eq!(indicators, ["health_records"]);
}

#[test]
fn the_boilerplate_guess_and_numbered_headings_are_pattern_suggestions() {
    let schema = schema();
    let s = Suggester::new(&schema);
    let noise = Context {
        boilerplate: true,
        ..text("下載本文檔")
    };
    let got = s.suggest(&noise);
    assert_eq!(got.source, Source::Pattern);
    assert_eq!(got.section_name(&schema).unwrap().0, "boilerplate");
    let got = s.suggest(&text("三、下一步工作打算"));
    assert_eq!(got.section_name(&schema).unwrap().0, "heading");
    // A long numbered paragraph is text, not a heading.
    let long = format!("一、{}", "加强基层医疗卫生服务体系建设".repeat(4));
    assert_ne!(
        s.suggest(&text(&long)).section_name(&schema).map(|x| x.0),
        Some("heading")
    );
    assert!(s.suggest(&text("")).is_empty());
}

/// A toy corpus: section 0 paragraphs talk about 甲, section 1 about 乙;
/// indicator 0 goes with 丙.
fn toy(i: usize) -> (String, usize, Vec<usize>) {
    let section = i % 2;
    let mut t = if section == 0 {
        "甲甲甲的工作"
    } else {
        "乙乙乙的情况"
    }
    .to_owned();
    let ind = if i.is_multiple_of(3) {
        t.push_str("丙丙");
        vec![0]
    } else {
        vec![]
    };
    t.push_str(&"的".repeat(i % 5));
    (t, section, ind)
}

fn toy_examples(s: &Suggester, n: usize) -> Vec<Example> {
    (0..n)
        .map(|i| {
            let (t, section, indicators) = toy(i);
            Example {
                features: s.features(&text(&t)),
                section: Some(section),
                indicators,
            }
        })
        .collect()
}

#[test]
fn the_model_learns_a_separable_toy_task() {
    let schema = schema();
    let patterns = Suggester::new(&schema);
    let examples = toy_examples(&patterns, 60);
    let refs: Vec<&Example> = examples.iter().collect();
    let model = Suggester::train(patterns.patterns().clone(), &refs);
    assert_eq!(model.model_labels(), 60);
    let a = model.suggest(&text("甲甲甲的工作丙丙"));
    assert_eq!(a.source, Source::Model);
    assert_eq!(a.model_labels, 60);
    assert_eq!(a.section, Some(0));
    assert_eq!(a.indicators, [0]);
    assert!(a.section_scores[0] > 0.8, "{:?}", a.section_scores);
    let b = model.suggest(&text("乙乙乙的情况"));
    assert_eq!(b.section, Some(1));
    assert!(b.indicators.is_empty(), "{:?}", b.indicator_scores);
    // Too few labels: patterns alone.
    let few = Suggester::train(patterns.patterns().clone(), &refs[..MIN_LABELS - 1]);
    assert_eq!(few.suggest(&text("甲甲甲")).source, Source::Pattern);
}

#[test]
fn the_trainer_publishes_a_model_once_enough_labels_came() {
    let schema = schema();
    let patterns = Suggester::new(&schema);
    let examples = toy_examples(&patterns, 40);
    let trainer = Trainer::start(patterns.patterns().clone(), Vec::new());
    assert_eq!(trainer.current().model_labels(), 0);
    for (i, e) in examples.into_iter().enumerate() {
        trainer.feed(format!("alice\0{i}"), Some(e));
    }
    assert!(trainer.settle(Duration::from_secs(30)));
    assert_eq!(trainer.current().model_labels(), 40);
    // Replacing and removing labels by key.
    trainer.feed("alice\u{0}0", None);
    assert!(trainer.settle(Duration::from_secs(30)));
    assert_eq!(trainer.current().model_labels(), 39);
    let s = trainer.current().suggest(&text("乙乙乙的情况"));
    assert_eq!((s.source, s.section), (Source::Model, Some(1)));
}

#[test]
fn records_and_provenance_name_the_labels() {
    let schema = schema();
    let s = Suggester::new(&schema);
    let got = s.suggest(&text("下一步，继续做好疫苗接种工作"));
    let json = serde_json::to_value(got.record("d#1", &schema)).unwrap();
    assert_eq!(json["id"], "d#1");
    assert_eq!(json["section"], "plan");
    assert_eq!(json["indicators"], serde_json::json!(["vaccination_rate"]));
    assert_eq!(json["source"], "pattern");
    assert_eq!(
        json["scores"].as_object().unwrap().len(),
        schema.sections.len() + schema.indicators.len()
    );
    let p = got.provenance(&schema).unwrap();
    assert_eq!(p.section.as_deref(), Some("plan"));
    assert_eq!((p.source.as_str(), p.model_labels), ("pattern", 0));
    assert_eq!(s.suggest(&text("")).provenance(&schema), None);
}

#[test]
fn before_skips_sub_headings_and_stops_at_the_document() {
    let paragraph = crate::export::test_paragraph;
    let ps = vec![
        paragraph("a.txt", 0, "去年完成家庭医生签约12万人，签约率达到65.3%。"),
        paragraph("b.txt", 0, "三、下一步工作打算"),
        paragraph("b.txt", 1, "继续推进家庭医生签约服务，扩大覆盖面。"),
        paragraph("b.txt", 2, "（二）加强疾病防控"),
        paragraph("b.txt", 3, "（三）提升服务能力"),
        paragraph("b.txt", 4, "做好𠀀型流感疫苗接种工作。"),
    ];
    // Section types as labeled: 5 for the plan text, 0 for headings.
    let section = |j: usize| Some(if j == 2 { 5 } else { 0 });
    let at_4 = Before::of(&ps, 5, section);
    assert_eq!(
        at_4,
        Before {
            prev: Some(0),
            body: Some(5)
        }
    );
    let context = Context::of(&ps, 5, at_4);
    assert_eq!(
        (context.prev_section, context.body_section),
        (Some(0), Some(5))
    );
    // The first paragraph of a document has nothing before it, whatever
    // the document before says.
    assert_eq!(Before::of(&ps, 1, section), Before::default());
    // Only headings before it: no body type.
    assert_eq!(Before::of(&ps, 2, section).body, None);
    // An unlabeled text paragraph before: its type is not known.
    assert_eq!(Before::of(&ps, 5, |j| (j != 2).then_some(0)).body, None);
}
