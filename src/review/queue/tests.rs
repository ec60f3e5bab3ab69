use super::*;
use crate::corpus::Paragraph;
use crate::export::test_paragraph;
use crate::store::GoldSource;

fn label(section: Option<&str>, indicators: &[&str]) -> Option<Label> {
    Some(Label {
        section: section.map(str::to_owned),
        indicators: indicators.iter().map(|s| s.to_string()).collect(),
        updated_at: "2026-11-22T10:00:00Z".into(),
        ..Label::empty("甲.txt", 0, "")
    })
}

fn names() -> Vec<String> {
    ["alice", "bob", "carol"].map(String::from).to_vec()
}

const BY: Decider = Decider {
    reviewer: "lead",
    at: "2026-11-23T08:00:00Z",
    duration_ms: 0,
};

#[test]
fn cases_need_two_annotators_with_something_said_or_a_flag_or_note() {
    let note_only = Some(Label {
        note: Some("看不懂：“乙类”口径？\u{1b}𠀀".into()),
        ..label(None, &[]).unwrap()
    });
    let blank_note = Some(Label {
        note: Some(" \t".into()),
        ..label(None, &[]).unwrap()
    });
    let labels = vec![
        vec![
            label(Some("plan"), &[]),
            label(Some("plan"), &[]),
            None,
            blank_note,
        ],
        vec![
            label(Some("plan"), &[]),
            note_only,
            label(None, &["funds"]),
            None,
        ],
        vec![
            None,
            None,
            label(Some("plan"), &[]),
            label(Some("plan"), &[]),
        ],
    ];
    let cases = cases(&crate::attach::slots_each(&labels));
    assert_eq!(cases.iter().map(|c| c.index).collect::<Vec<_>>(), [0, 1, 2]);
    assert!(cases[0].unanimous && cases[0].is_settled());
    assert_eq!(cases[0].disagreement, 0.0);
    // 1: alice alone said something, bob wrote a note: queued for the note.
    assert_eq!(cases[1].versions.len(), 1);
    assert_eq!(cases[1].reasons, [Reason::Note]);
    assert_eq!(cases[1].notes[0].annotator, 1);
    assert!(!cases[1].is_settled());
    assert_eq!(cases[1].annotator_names(&names()), ["alice", "bob"]);
    assert!(!cases[2].unanimous);
    assert_eq!(cases[2].annotator_names(&names()), ["bob", "carol"]);
    assert_eq!(cases[2].reasons, [Reason::Section, Reason::Indicators]);
}

#[test]
fn a_flagged_or_noted_unanimous_paragraph_is_queued_not_auto_written() {
    let flagged = Some(Label {
        flags: vec!["review".into()],
        ..label(Some("plan"), &["funds"]).unwrap()
    });
    let noted = Some(Label {
        note: Some("口径？ｶﾞ😀".into()),
        ..label(Some("plan"), &[]).unwrap()
    });
    let labels = vec![
        vec![flagged, label(Some("plan"), &[])],
        vec![label(Some("plan"), &["funds"]), noted],
    ];
    let all = cases(&crate::attach::slots_each(&labels));
    assert!(all.iter().all(|c| c.unanimous));
    assert_eq!(all[0].reasons, [Reason::Flagged]);
    assert_eq!(all[0].flagged, [0]);
    assert_eq!(all[1].reasons, [Reason::Note]);
    assert!(all[1].unanimous, "bob's note did not change what he said");
    let paragraphs: Vec<Paragraph> = (0..2)
        .map(|i| test_paragraph("甲.txt", i, "　　第段：𠀀，😀。"))
        .collect();
    let annotators = names()[..2].to_vec();
    assert!(auto_gold(&all, &annotators, &paragraphs, &[None, None], BY).is_empty());
    // An automatic gold label of a paragraph flagged since is withdrawn.
    let auto = gold_label(
        &paragraphs[0],
        &all[0].versions[0].choice,
        GoldSource::Unanimous,
        annotators.clone(),
        BY,
    );
    let writes = auto_gold(
        &all,
        &annotators,
        &paragraphs,
        &[Some(Box::new(auto)), None],
        BY,
    );
    assert_eq!(writes, [(0, None)]);
}

#[test]
fn the_proposal_is_decided_field_by_field() {
    // Three sections, but every annotator picked funds: no section type,
    // funds kept.
    let labels = vec![
        vec![label(Some("achievement"), &["funds"])],
        vec![label(Some("plan"), &["funds", "training"])],
        vec![label(Some("problem"), &["funds"])],
    ];
    let case = &cases(&crate::attach::slots_each(&labels))[0];
    assert_eq!(case.majority.section, None);
    assert_eq!(case.majority.indicators, ["funds"]);
    assert_eq!(case.reasons, [Reason::Section, Reason::Indicators]);
    // Two annotators who differ on the section but agree on an indicator.
    let two = vec![
        vec![label(Some("achievement"), &["vaccination_rate"])],
        vec![label(Some("plan"), &["vaccination_rate"])],
    ];
    let case = &cases(&crate::attach::slots_each(&two))[0];
    assert_eq!(case.majority.section, None);
    assert_eq!(case.majority.indicators, ["vaccination_rate"]);
    assert_eq!(case.reasons, [Reason::Section]);
}

#[test]
fn the_order_is_most_disagreement_first_ties_in_corpus_order() {
    let labels = vec![
        vec![
            label(Some("plan"), &[]),
            label(Some("plan"), &["funds"]),
            label(Some("plan"), &[]),
            label(Some("plan"), &["funds"]),
        ],
        vec![
            label(Some("plan"), &[]),
            label(Some("problem"), &[]),
            label(Some("problem"), &[]),
            label(Some("problem"), &[]),
        ],
    ];
    let all = cases(&crate::attach::slots_each(&labels));
    let d: Vec<f64> = all.iter().map(|c| c.disagreement).collect();
    assert_eq!(d, [0.0, 2.0, 1.0, 2.0]);
    assert_eq!(by_disagreement(&all), [1, 3, 2, 0]);
}

#[test]
fn majority_needs_more_than_half() {
    // Two of three say achievement; funds by two, training by one.
    let labels = vec![
        vec![label(Some("achievement"), &["funds", "training"])],
        vec![label(Some("achievement"), &["funds"])],
        vec![label(Some("plan"), &[])],
    ];
    let case = &cases(&crate::attach::slots_each(&labels))[0];
    let majority = case.majority.clone();
    assert_eq!(majority.section.as_deref(), Some("achievement"));
    assert_eq!(majority.indicators, ["funds"]);
    // Sections: pairs (a,b) agree, (a,c), (b,c) differ → 2/3.
    // Jaccard distances: {f,t}/{f} 1/2, {f,t}/{} 1, {f}/{} 1 → 2.5/3.
    assert!((case.disagreement - (2.0 + 2.5) / 3.0).abs() < 1e-12);

    // Two annotators who differ have no majority section.
    let split = vec![
        vec![label(Some("achievement"), &[])],
        vec![label(Some("plan"), &[])],
    ];
    assert_eq!(
        cases(&crate::attach::slots_each(&split))[0].majority,
        Choice::default()
    );
    // No section from two of three is a majority too.
    let none = vec![
        vec![label(None, &["funds"])],
        vec![label(None, &["funds"])],
        vec![label(Some("plan"), &[])],
    ];
    let m = cases(&crate::attach::slots_each(&none))[0].majority.clone();
    assert_eq!((m.section, m.indicators), (None, vec!["funds".to_owned()]));
}

#[test]
fn spans_need_a_majority_too() {
    let span = |start, end| Span {
        start,
        end,
        label: "funds".into(),
    };
    let with = |spans: Vec<Span>| {
        let mut l = label(Some("achievement"), &[]).unwrap();
        l.spans = spans;
        Some(l)
    };
    let labels = vec![
        vec![with(vec![span(2, 5), span(7, 9)])],
        vec![with(vec![span(2, 5)])],
        vec![with(vec![])],
    ];
    let case = &cases(&crate::attach::slots_each(&labels))[0];
    assert!(!case.unanimous);
    assert_eq!(case.majority.spans, [span(2, 5)]);
    assert_eq!(case.reasons, [Reason::Spans]);
}

#[test]
fn auto_gold_writes_unanimous_and_leaves_decisions_alone() {
    let paragraphs: Vec<Paragraph> = (0..4)
        .map(|i| test_paragraph("甲.txt", i, &format!("　　第{i}段：𠀀，😀。")))
        .collect();
    let labels = vec![
        vec![
            label(Some("plan"), &["funds"]),
            label(Some("plan"), &[]),
            label(Some("problem"), &[]),
            label(Some("heading"), &[]),
        ],
        vec![
            label(Some("plan"), &["funds"]),
            label(Some("plan"), &[]),
            label(Some("plan"), &[]),
            label(Some("heading"), &[]),
        ],
    ];
    let annotators = names()[..2].to_vec();
    let cases = cases(&crate::attach::slots_each(&labels));
    let empty = vec![None; 4];
    let writes = auto_gold(&cases, &annotators, &paragraphs, &empty, BY);
    assert_eq!(
        writes.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        [0, 1, 3]
    );
    let gold = writes[0].1.clone().unwrap();
    assert_eq!(gold.source.as_deref(), Some("unanimous"));
    assert_eq!(gold.annotators, ["alice", "bob"]);
    assert_eq!(gold.reviewer.as_deref(), Some("lead"));
    assert_eq!(gold.indicators, ["funds"]);
    assert_eq!(gold.hash, paragraphs[0].hash);
    assert!(gold.done);

    // Written already: nothing to do. A reviewer's decision on 1 stays; an
    // automatic gold on 2 (no longer unanimous) goes back to the queue.
    let mut gold: Vec<Option<Label>> = vec![None; 4];
    for (i, l) in writes {
        gold[i] = l;
    }
    let decided = gold_label(
        &paragraphs[1],
        &Choice::of(&label(Some("overview"), &[]).unwrap()),
        GoldSource::Adjudicated,
        annotators.clone(),
        BY,
    );
    gold[1] = Some(decided);
    gold[2] = gold[3].clone();
    let writes = auto_gold(
        &cases,
        &annotators,
        &paragraphs,
        &crate::attach::slots(&gold),
        BY,
    );
    assert_eq!(writes, [(2, None)]);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const SECTIONS: [&str; 3] = ["plan", "problem", "achievement"];
    const INDICATORS: [&str; 3] = ["funds", "training", "vaccination_rate"];

    /// A label: section (or none) and a subset of indicators; or no label.
    fn any_label() -> impl Strategy<Value = Option<(Option<usize>, Vec<bool>)>> {
        proptest::option::of((
            proptest::option::of(0..SECTIONS.len()),
            proptest::collection::vec(any::<bool>(), INDICATORS.len()),
        ))
    }

    fn to_label(spec: &Option<(Option<usize>, Vec<bool>)>) -> Option<Label> {
        let (section, picks) = spec.as_ref()?;
        let indicators: Vec<&str> = INDICATORS
            .iter()
            .zip(picks)
            .filter(|(_, on)| **on)
            .map(|(name, _)| *name)
            .collect();
        label(section.map(|s| SECTIONS[s]), &indicators)
    }

    proptest! {
        #[test]
        fn majority_unanimity_and_auto_gold_hold_together(
            specs in proptest::collection::vec(
                proptest::collection::vec(any_label(), 3), 1..4)
        ) {
            let paragraphs: Vec<Paragraph> = (0..3)
                .map(|i| test_paragraph("甲.txt", i, &format!("　　第{i}段，𠀀😀。")))
                .collect();
            let labels: Vec<Vec<Option<Label>>> =
                specs.iter().map(|a| a.iter().map(to_label).collect()).collect();
            let annotators: Vec<String> =
                (0..labels.len()).map(|a| format!("a{a}")).collect();
            let all = cases(&crate::attach::slots_each(&labels));
            for case in &all {
                let n = case.versions.len();
                prop_assert!(n >= 2);
                prop_assert!((0.0..=2.0).contains(&case.disagreement));
                prop_assert_eq!(case.unanimous, case.is_settled());
                if case.unanimous {
                    prop_assert_eq!(case.disagreement, 0.0);
                    prop_assert_eq!(&case.majority, &case.versions[0].choice);
                }
                let m = &case.majority;
                if let Some(section) = &m.section {
                    let votes = case.versions.iter().filter(|v| v.choice.section.as_ref() == Some(section)).count();
                    prop_assert!(2 * votes > n);
                }
                // Each indicator is proposed exactly when more than half chose it.
                for i in INDICATORS {
                    let votes = case.versions.iter().filter(|v| v.choice.indicators.iter().any(|x| x == i)).count();
                    prop_assert_eq!(m.indicators.iter().any(|x| x == i), 2 * votes > n);
                }
            }
            // Writing the automatic gold and running again changes nothing.
            let mut gold = vec![None; paragraphs.len()];
            for (i, l) in auto_gold(&all, &annotators, &paragraphs, &gold, BY) {
                prop_assert!(l.is_some());
                gold[i] = l.map(Box::new);
            }
            prop_assert_eq!(
                gold.iter().flatten().count(),
                all.iter().filter(|c| c.unanimous).count()
            );
            prop_assert!(auto_gold(&all, &annotators, &paragraphs, &gold, BY).is_empty());
        }
    }
}
