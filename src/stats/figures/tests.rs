use super::*;
use crate::review::items::build;
use crate::review::report::report;
use crate::stats::fixture::{computed, docs, marked, votes, HEADING, PLAN, PROBLEM};

fn map(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn counts_shares_and_days_per_annotator() {
    let s = computed(false);
    assert_eq!((s.paragraphs, s.documents), (6, 2));
    let a = &s.annotators[0];
    assert_eq!((a.labeled, a.done, a.orphaned), (5, 4, 2));
    assert_eq!(
        a.sections,
        map(&[("heading", 2), ("problem", 2), ("plan", 1)])
    );
    assert_eq!(a.indicators, map(&[("funds", 2), ("vaccination_rate", 1)]));
    assert_eq!((a.no_section, a.no_indicator), (0, 3));
    assert_eq!(a.per_day, map(&[("2026-11-22", 2), ("2026-11-23", 3)]));
    assert_eq!(a.last_labeled.as_deref(), Some("2026-11-23T23:59:59Z"));
    let b = &s.annotators[1];
    assert_eq!((b.labeled, b.done), (4, 4));
    // A section type b never chose is there, with 0.
    assert_eq!(
        b.sections,
        map(&[("heading", 2), ("problem", 0), ("plan", 2)])
    );
    assert_eq!(b.indicators, map(&[("funds", 0), ("vaccination_rate", 0)]));
    assert_eq!(b.per_day, map(&[("2026-11-22", 4)]));
    assert_eq!(s.zh.get("heading").map(String::as_str), Some("标题"));
}

#[test]
fn median_p90_and_histogram_of_known_times() {
    let s = computed(false);
    let a = &s.annotators[0];
    // Known: 1000 3000 9000 130000 (one unknown left out).
    assert_eq!(a.timed, 4);
    assert_eq!(a.median_ms, Some(6000));
    // Nearest rank ⌈0.9 · 4⌉ = 4.
    assert_eq!(a.p90_ms, Some(130_000));
    // <2s 2-5s 5-10s 10-20s 20-30s 30-60s 1-2min >=2min
    assert_eq!(a.histogram, vec![1, 1, 1, 0, 0, 0, 0, 1]);
    let b = &s.annotators[1];
    // 2000 4000 5000 6000: a bound belongs to the bucket above it.
    assert_eq!((b.median_ms, b.p90_ms), (Some(4500), Some(6000)));
    assert_eq!(b.histogram, vec![0, 2, 2, 0, 0, 0, 0, 0]);
    assert_eq!(s.histogram_bounds_ms.len() + 1, a.histogram.len());
}

#[test]
fn percentiles_by_hand() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[7]), Some(7));
    assert_eq!(median(&[1, 2]), Some(1));
    assert_eq!(median(&[1, 3, 10]), Some(3));
    assert_eq!(median(&[u64::MAX, u64::MAX]), Some(u64::MAX));
    let ten: Vec<u64> = (1..=10).collect();
    assert_eq!(nearest_rank(&ten, 90), Some(9));
    assert_eq!(nearest_rank(&ten, 100), Some(10));
    assert_eq!(nearest_rank(&[5], 90), Some(5));
    assert_eq!(nearest_rank(&[], 90), None);
    let eleven: Vec<u64> = (1..=11).collect();
    // ⌈9.9⌉ = 10.
    assert_eq!(nearest_rank(&eleven, 90), Some(10));
}

#[test]
fn kappa_per_pair() {
    let s = computed(false);
    let ab = &s.pairs[0];
    assert_eq!((ab.a.as_str(), ab.b.as_str(), ab.items), ("a", "b", 4));
    // Observed 3/4; expected .5·.5 + .25·0 + .25·.5 = .375; κ = .375/.625.
    assert!((ab.cohen_kappa.unwrap() - 0.6).abs() < 1e-12);
    assert_eq!(ab.percent_agreement, Some(0.75));
    // a against gold: p0 heading/heading, p1 problem/problem.
    let g = s.annotators[0].gold.unwrap();
    assert_eq!((g.items, g.agreement), (2, Some(1.0)));
}

#[test]
fn queue_and_gold_progress_as_review_sees_them() {
    let s = computed(false);
    // p0, p2 alike and unmarked: unanimous. p1 differs (decided by a
    // reviewer), p3 flagged, p5 has a note: the queue.
    assert_eq!(
        s.gold,
        GoldProgress {
            exists: true,
            labels: 2,
            unanimous: 2,
            queue: 3,
            decided: 1,
            left: 2,
        }
    );
    // Gold (rows) against annotators: p0 heading by a, b, c; p1 problem
    // against a problem, b plan, c problem.
    let gc = s.gold_confusion.unwrap();
    assert_eq!(gc.counts[HEADING as usize][HEADING as usize], 3);
    assert_eq!(gc.counts[PROBLEM as usize][PROBLEM as usize], 2);
    assert_eq!(gc.counts[PROBLEM as usize][PLAN as usize], 1);
    assert_eq!(gc.counts.iter().flatten().sum::<u64>(), 6);
}

#[test]
fn automatic_gold_on_a_queue_paragraph_is_not_a_decision() {
    let mut votes = votes();
    let gold = votes.gold.as_mut().unwrap();
    gold[1] = marked(gold[1].take(), Marks::AUTO_GOLD);
    let r = report(&build(&votes), &votes);
    let s = stats(&Inputs {
        votes: &votes,
        report: &r,
        docs: &docs(),
        gold_exists: true,
        zh: BTreeMap::new(),
        by_doc: false,
    });
    assert_eq!((s.gold.queue, s.gold.decided, s.gold.left), (3, 0, 3));
}

#[test]
fn spans_that_differ_put_a_paragraph_in_the_queue() {
    let mut votes = votes();
    // p2: a and b both say plan; now a also marks a span.
    votes.sheets[0][2].as_mut().unwrap().spans = 42;
    let r = report(&build(&votes), &votes);
    let s = stats(&Inputs {
        votes: &votes,
        report: &r,
        docs: &docs(),
        gold_exists: true,
        zh: BTreeMap::new(),
        by_doc: false,
    });
    assert_eq!((s.gold.unanimous, s.gold.queue), (1, 4));
}

#[test]
fn per_document_progress() {
    let s = computed(true);
    let docs = s.by_doc.unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!((docs[0].doc.as_str(), docs[0].paragraphs), ("x.txt", 4));
    let counts = |d: &DocProgress| -> Vec<(usize, usize)> {
        d.annotators.iter().map(|c| (c.labeled, c.done)).collect()
    };
    assert_eq!(counts(&docs[0]), vec![(4, 3), (3, 3), (2, 2)]);
    assert_eq!(counts(&docs[1]), vec![(1, 1), (1, 1), (0, 0)]);
    assert!(computed(false).by_doc.is_none());
}

#[test]
fn nothing_labeled() {
    let votes = Votes::default();
    let r = report(&build(&votes), &votes);
    let s = stats(&Inputs {
        votes: &votes,
        report: &r,
        docs: &docs(),
        gold_exists: false,
        zh: BTreeMap::new(),
        by_doc: true,
    });
    assert!(s.annotators.is_empty() && s.pairs.is_empty());
    assert_eq!(s.gold.queue, 0);
    assert!(s.gold_confusion.is_none());
}
