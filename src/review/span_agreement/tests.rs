use super::*;
use crate::schema::Schema;
use crate::store::{Label, Span};
use proptest::prelude::*;

fn s(start: u32, end: u32, label: u32) -> VoteSpan {
    VoteSpan { label, start, end }
}

fn close(x: Option<f64>, want: f64) {
    let x = x.unwrap_or_else(|| panic!("undefined, want {want}"));
    assert!((x - want).abs() < 1e-12, "{x} != {want}");
}

#[test]
fn exact_and_overlap_matches_by_hand() {
    // Label 0: a [0,4) [5,8), b [0,4) [6,9): exact 1 ([0,4)); overlap 2
    // ([0,4) with [0,4); [5,8) with [6,9), sharing 6 and 7).
    // Label 1: a [10,12), b [11,13) [20,22): exact 0; overlap 1 (11).
    let a = [s(0, 4, 0), s(5, 8, 0), s(10, 12, 1)];
    let b = [s(0, 4, 0), s(6, 9, 0), s(11, 13, 1), s(20, 22, 1)];
    let mut per_label = Vec::new();
    tally_paragraph(&a, &b, &mut per_label);
    let l0 = Tally {
        a: 2,
        b: 2,
        exact: 1,
        overlap: 2,
    };
    let l1 = Tally {
        a: 1,
        b: 2,
        exact: 0,
        overlap: 1,
    };
    assert_eq!(per_label, [l0, l1]);
    // In all: a 3, b 4, exact 1, overlap 3.
    // Exact: P = 1/3, R = 1/4, F1 = 2·(1/3)(1/4) / (1/3 + 1/4) = (1/6)/(7/12) = 2/7.
    let exact = Match::of(1, 3, 4);
    close(exact.precision, 1.0 / 3.0);
    close(exact.recall, 0.25);
    close(exact.f1, 2.0 / 7.0);
    // Overlap: P = 3/3, R = 3/4, F1 = 2·1·(3/4) / (7/4) = 6/7.
    let overlap = Match::of(3, 3, 4);
    close(overlap.precision, 1.0);
    close(overlap.recall, 0.75);
    close(overlap.f1, 6.0 / 7.0);
}

#[test]
fn same_label_needed_and_touching_is_not_overlapping() {
    // [0,4) and [4,6) share no character; [0,4) of label 1 is another label.
    assert_eq!(overlap_matches(&[s(0, 4, 0)], &[s(4, 6, 0)]), 0);
    let mut per_label = Vec::new();
    tally_paragraph(&[s(0, 4, 0)], &[s(0, 4, 1)], &mut per_label);
    assert_eq!(per_label[0].exact + per_label[1].exact, 0);
    assert_eq!(per_label[0].overlap + per_label[1].overlap, 0);
    assert_eq!((per_label[0].a, per_label[1].b), (1, 1));
    // An empty span overlaps nothing, but matches itself exactly.
    assert_eq!(overlap_matches(&[s(3, 3, 0)], &[s(3, 3, 0)]), 0);
    assert_eq!(exact_matches(&[s(3, 3, 0)], &[s(3, 3, 0)]), 1);
    // A span repeated matches as often as both have it.
    assert_eq!(exact_matches(&[s(1, 2, 0), s(1, 2, 0)], &[s(1, 2, 0)]), 1);
}

#[test]
fn overlap_is_a_largest_matching_not_the_largest_overlaps() {
    // a1 [0,10) a2 [9,11); b1 [2,10) b2 [0,3). Taking the largest overlap
    // first (a1–b1, 8 characters) leaves a2 and b2, which do not meet: 1.
    // The largest matching is a1–b2 (0..3) and a2–b1 (9): 2.
    let a = [s(0, 10, 0), s(9, 11, 0)];
    let b = [s(2, 10, 0), s(0, 3, 0)];
    assert_eq!(overlap_matches(&a, &b), 2);
    assert_eq!(overlap_matches(&b, &a), 2);
    // One long span against three short ones inside it: one to one, 1.
    assert_eq!(
        overlap_matches(&[s(0, 30, 0)], &[s(1, 2, 0), s(5, 6, 0), s(9, 12, 0)]),
        1
    );
}

#[test]
fn nothing_to_compare_is_none_never_nan() {
    let none = Match::of(0, 0, 0);
    assert_eq!((none.precision, none.recall, none.f1), (None, None, None));
    // Only b marked spans: a's precision undefined, recall and F1 0.
    let only_b = Match::of(0, 0, 3);
    assert_eq!(
        (only_b.precision, only_b.recall, only_b.f1),
        (None, Some(0.0), Some(0.0))
    );
    let only_a = Match::of(0, 2, 0);
    assert_eq!(
        (only_a.precision, only_a.recall, only_a.f1),
        (Some(0.0), None, Some(0.0))
    );
    // Both marked, nothing matched: 0, not 0/0.
    assert_eq!(Match::of(0, 2, 3).f1, Some(0.0));
}

fn label(section: Option<&str>, spans: &[(u32, u32, &str)]) -> crate::attach::Slot {
    let mut l = Label::empty("d.txt", 0, "h");
    l.section = section.map(str::to_owned);
    l.spans = spans
        .iter()
        .map(|&(start, end, label)| Span {
            start,
            end,
            label: label.to_owned(),
        })
        .collect();
    Some(Box::new(l))
}

/// Three annotators, four paragraphs; every figure worked out by hand.
#[test]
fn figures_of_each_pair_by_hand() {
    const V: &str = "vaccination_rate";
    const F: &str = "funds";
    let mut noted = label(None, &[]);
    noted.as_mut().unwrap().note = Some("看不懂".into());
    let labels = vec![
        // alice: p0 V[2,8) F[10,14); p1 V[0,3); p2 F[5,9); p3 (none)
        vec![
            label(Some("achievement"), &[(2, 8, V), (10, 14, F)]),
            label(Some("achievement"), &[(0, 3, V)]),
            label(Some("plan"), &[(5, 9, F)]),
            None,
        ],
        // bob: p0 V[2,8) F[11,13); p1 V[1,3) V[5,6); p2 nothing; p3 F[0,2)
        vec![
            label(Some("achievement"), &[(2, 8, V), (11, 13, F)]),
            label(Some("achievement"), &[(1, 3, V), (5, 6, V)]),
            None,
            label(Some("plan"), &[(0, 2, F)]),
        ],
        // carol: p0 a label with only a note (no judgment); p2 "plan" and
        // no spans; p3 "achievement" and no spans.
        vec![
            noted,
            None,
            label(Some("plan"), &[]),
            label(Some("achievement"), &[]),
        ],
    ];
    let names: Vec<String> = ["alice", "bob", "carol"].map(String::from).to_vec();
    let votes = Votes::from_labels(&Schema::default_schema(), &names, &labels, None);
    let f = span_figures(&votes);
    assert_eq!(
        f.counts,
        BTreeMap::from([("alice".into(), 4), ("bob".into(), 5), ("carol".into(), 0)])
    );
    let [ab, ac, bc] = &f.pairs[..] else {
        panic!("three pairs: {:?}", f.pairs)
    };
    // alice / bob: items p0, p1 (p2 bob has none, p3 alice has none).
    // V: p0 alice [2,8), bob [2,8): exact 1, overlap 1. p1 alice [0,3),
    //    bob [1,3) [5,6): exact 0, overlap 1 ([0,3)–[1,3); [5,6) meets
    //    nothing of alice's on p1). V in all: exact 1, overlap 2.
    // F: alice [10,14); bob [11,13). Exact 0, overlap 1.
    // All: a 3, b 4, exact 1, overlap 3.
    assert_eq!((&ab.a[..], &ab.b[..], ab.items), ("alice", "bob", 2));
    assert_eq!((ab.all.a_spans, ab.all.b_spans), (3, 4));
    assert_eq!((ab.all.exact.matched, ab.all.overlap.matched), (1, 3));
    close(ab.all.exact.precision, 1.0 / 3.0);
    close(ab.all.exact.recall, 1.0 / 4.0);
    close(ab.all.exact.f1, 2.0 / 7.0);
    close(ab.all.overlap.precision, 1.0);
    close(ab.all.overlap.recall, 3.0 / 4.0);
    close(ab.all.overlap.f1, 6.0 / 7.0);
    let v = &ab.per_label[V];
    // V: a 2, b 3; exact 1: P 1/2, R 1/3, F1 2/5; overlap 2: P 1, R 2/3, F1 4/5.
    assert_eq!((v.a_spans, v.b_spans), (2, 3));
    close(v.exact.f1, 2.0 / 5.0);
    close(v.overlap.recall, 2.0 / 3.0);
    close(v.overlap.f1, 4.0 / 5.0);
    // F: a 1, b 1; exact 0: P 0, R 0, F1 0; overlap 1: all 1.
    let fu = &ab.per_label[F];
    assert_eq!(
        (fu.exact.precision, fu.exact.recall, fu.exact.f1),
        (Some(0.0), Some(0.0), Some(0.0))
    );
    close(fu.overlap.f1, 1.0);
    assert_eq!(ab.per_label.len(), 2);
    // alice / carol: items p2 only (p0 carol's label says nothing; p1, p3
    // one of them has none). alice F[5,9), carol nothing: a 1, b 0:
    // P 0, R undefined, F1 0.
    assert_eq!(ac.items, 1);
    assert_eq!((ac.all.a_spans, ac.all.b_spans), (1, 0));
    assert_eq!(
        (ac.all.exact.precision, ac.all.exact.recall, ac.all.exact.f1),
        (Some(0.0), None, Some(0.0))
    );
    // bob / carol: item p3. bob F[0,2), carol nothing: as above.
    assert_eq!((bc.items, bc.all.a_spans, bc.all.b_spans), (1, 1, 0));
    assert_eq!(bc.all.overlap.recall, None);
}

#[test]
fn no_spans_anywhere_gives_nulls() {
    let labels = vec![
        vec![label(Some("plan"), &[])],
        vec![label(Some("plan"), &[])],
    ];
    let names: Vec<String> = ["a", "b"].map(String::from).to_vec();
    let votes = Votes::from_labels(&Schema::default_schema(), &names, &labels, None);
    let f = span_figures(&votes);
    assert_eq!(f.pairs[0].items, 1);
    assert_eq!(f.pairs[0].all.exact, Match::of(0, 0, 0));
    assert_eq!(f.pairs[0].all.exact.f1, None);
    assert!(f.pairs[0].per_label.is_empty());
    let json = serde_json::to_string(&f).unwrap();
    assert!(
        json.contains(r#""exact":{"matched":0,"precision":null,"recall":null,"f1":null}"#),
        "{json}"
    );
}

/// The largest matching by brute force: every way to pair each of `a`'s
/// spans with one of `b`'s or none.
fn largest_by_search(a: &[VoteSpan], b: &[VoteSpan], used: &mut Vec<bool>) -> u64 {
    let Some((x, rest)) = a.split_first() else {
        return 0;
    };
    let mut best = largest_by_search(rest, b, used);
    for j in 0..b.len() {
        if !used[j] && intersect(x, &b[j]) {
            used[j] = true;
            best = best.max(1 + largest_by_search(rest, b, used));
            used[j] = false;
        }
    }
    best
}

fn spans() -> impl Strategy<Value = Vec<VoteSpan>> {
    prop::collection::vec((0u32..12, 0u32..6), 0..6).prop_map(|v| {
        v.into_iter()
            .map(|(start, len)| s(start, start + len, 0))
            .collect()
    })
}

proptest! {
    /// The greedy matching is as large as the largest there is, and the
    /// same either way round.
    #[test]
    fn greedy_overlap_matching_is_largest(a in spans(), b in spans()) {
        let want = largest_by_search(&a, &b, &mut vec![false; b.len()]);
        prop_assert_eq!(overlap_matches(&a, &b), want);
        prop_assert_eq!(overlap_matches(&b, &a), want);
        // Exact matches are overlap matches too (when not empty).
        let nonempty = |v: &[VoteSpan]| {
            let mut v: Vec<VoteSpan> = v.iter().copied().filter(|s| s.start < s.end).collect();
            v.sort_unstable();
            v
        };
        prop_assert!(exact_matches(&nonempty(&a), &nonempty(&b)) <= want);
    }
}
