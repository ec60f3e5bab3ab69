use super::*;
use proptest::prelude::*;

fn sugg(text: &str, start: u32, end: u32, label: Option<&str>) -> Suggestion {
    Suggestion {
        start,
        end,
        text: slice(text, start as usize, end as usize),
        label: label.map(str::to_owned),
    }
}

fn names() -> Vec<String> {
    vec!["vaccination_rate".to_owned(), "family_doctor".to_owned()]
}

// 𠀀😀接种率达到98.5%，签约率45.2%。
//  0 1 2 3 4 5 6 78901 2 3 4 5678901
const TEXT: &str = "𠀀😀接种率达到98.5%，签约率45.2%。";

fn open() -> Vec<Suggestion> {
    vec![
        sugg(TEXT, 7, 12, Some("vaccination_rate")),
        sugg(TEXT, 16, 21, None),
    ]
}

fn run(caret: &mut Caret, spans: &[Span], open: &[Suggestion], key: SpanKey) -> Outcome {
    let words = vec![0, 1, 2, 5, 7, 12, 13, 16, 21, 22];
    let names = names();
    let t = SpanText {
        text: TEXT,
        len: TEXT.chars().count(),
        spans,
        open,
        words: &words,
        indicators: &names,
    };
    apply(caret, &t, key)
}

#[test]
fn accept_takes_the_proposed_indicator_and_moves_on() {
    let mut caret = Caret {
        at: 7,
        anchor: None,
    };
    let out = run(&mut caret, &[], &open(), SpanKey::Accept);
    let Outcome::Spans(spans, message) = out else {
        panic!("{out:?}")
    };
    assert_eq!(
        spans,
        vec![Span {
            start: 7,
            end: 12,
            label: "vaccination_rate".to_owned()
        }]
    );
    assert!(message.contains("98.5%"), "{message}");
    assert_eq!(caret.at, 16, "on the next suggestion");
}

#[test]
fn an_indicator_key_relabels_a_suggestion_and_one_without_a_guess_needs_it() {
    let mut caret = Caret {
        at: 17,
        anchor: None,
    };
    let out = run(&mut caret, &[], &open(), SpanKey::Accept);
    assert!(matches!(out, Outcome::Say(m) if m.contains("indicator")));
    let out = run(&mut caret, &[], &open(), SpanKey::Label(1));
    let Outcome::Spans(spans, _) = out else {
        panic!()
    };
    assert_eq!((spans[0].start, spans[0].end), (16, 21));
    assert_eq!(spans[0].label, "family_doctor");
}

#[test]
fn words_select_a_keyword_and_a_key_labels_it() {
    let mut caret = Caret {
        at: 0,
        anchor: None,
    };
    run(&mut caret, &[], &[], SpanKey::WordRight);
    run(&mut caret, &[], &[], SpanKey::WordRight);
    assert_eq!(caret.at, 2);
    run(&mut caret, &[], &[], SpanKey::Select);
    run(&mut caret, &[], &[], SpanKey::WordRight);
    assert_eq!(caret.selection(), Some(2..5));
    let Outcome::Spans(spans, m) = run(&mut caret, &[], &[], SpanKey::Label(0)) else {
        panic!()
    };
    assert_eq!((spans[0].start, spans[0].end), (2, 5));
    assert!(m.contains("接种率"), "{m}");
    assert_eq!(caret.anchor, None);
    // Word left goes back over it; characters one at a time.
    run(&mut caret, &[], &[], SpanKey::WordLeft);
    assert_eq!(caret.at, 2);
    run(&mut caret, &[], &[], SpanKey::Left);
    run(&mut caret, &[], &[], SpanKey::Left);
    run(&mut caret, &[], &[], SpanKey::Left);
    assert_eq!(caret.at, 0);
    run(&mut caret, &[], &[], SpanKey::End);
    run(&mut caret, &[], &[], SpanKey::Right);
    assert_eq!(caret.at, 22);
}

#[test]
fn a_new_span_replaces_the_spans_it_overlaps() {
    let old = vec![Span {
        start: 7,
        end: 12,
        label: "vaccination_rate".to_owned(),
    }];
    let mut caret = Caret {
        at: 10,
        anchor: Some(5),
    };
    let Outcome::Spans(spans, m) = run(&mut caret, &old, &[], SpanKey::Label(1)) else {
        panic!()
    };
    assert_eq!(spans.len(), 1);
    assert_eq!((spans[0].start, spans[0].end), (5, 10));
    assert!(m.contains("replaced 1"), "{m}");
}

#[test]
fn reject_and_delete() {
    let mut caret = Caret {
        at: 8,
        anchor: None,
    };
    let out = run(&mut caret, &[], &open(), SpanKey::Reject);
    assert!(matches!(out, Outcome::Rejected(7, 12, _)), "{out:?}");
    assert_eq!(caret.at, 16);
    let spans = vec![Span {
        start: 16,
        end: 21,
        label: "family_doctor".to_owned(),
    }];
    let Outcome::Spans(left, m) = run(&mut caret, &spans, &[], SpanKey::Delete) else {
        panic!()
    };
    assert!(left.is_empty());
    assert!(m.contains("45.2%"), "{m}");
    let out = run(&mut caret, &[], &[], SpanKey::Delete);
    assert!(matches!(out, Outcome::Say(_)));
}

#[test]
fn suggestions_step_both_ways_and_say_when_there_are_no_more() {
    let mut caret = Caret::default();
    run(&mut caret, &[], &open(), SpanKey::NextSuggestion);
    assert_eq!(caret.at, 7);
    run(&mut caret, &[], &open(), SpanKey::NextSuggestion);
    assert_eq!(caret.at, 16);
    let out = run(&mut caret, &[], &open(), SpanKey::NextSuggestion);
    assert!(matches!(out, Outcome::Say(_)));
    run(&mut caret, &[], &open(), SpanKey::PrevSuggestion);
    assert_eq!(caret.at, 7);
}

#[test]
fn open_suggestions_leave_out_rejected_and_spanned() {
    let spans = vec![Span {
        start: 8,
        end: 9,
        label: "x".to_owned(),
    }];
    assert!(open_suggestions(open(), &spans, |_, _| false)
        .iter()
        .all(|s| s.start == 16));
    assert!(open_suggestions(open(), &[], |s, _| s == 16)
        .iter()
        .all(|s| s.start == 7));
}

fn key() -> impl Strategy<Value = SpanKey> {
    prop_oneof![
        Just(SpanKey::Left),
        Just(SpanKey::Right),
        Just(SpanKey::WordLeft),
        Just(SpanKey::WordRight),
        Just(SpanKey::Start),
        Just(SpanKey::End),
        Just(SpanKey::NextSuggestion),
        Just(SpanKey::PrevSuggestion),
        Just(SpanKey::Select),
        Just(SpanKey::Accept),
        (0usize..3).prop_map(SpanKey::Label),
        Just(SpanKey::Reject),
        Just(SpanKey::Delete),
    ]
}

/// One kit for every case: the segmenter's dictionary loads once.
static KIT: std::sync::LazyLock<crate::spans::kit::Kit> = std::sync::LazyLock::new(|| {
    crate::spans::kit::Kit::new(&crate::schema::Schema::default_schema())
});

proptest! {
    /// Any text, any keys: no panic, spans stay inside the text, ordered
    /// and apart, and each span's text is the text at its offsets.
    #[test]
    fn any_keys_keep_spans_inside_the_text(
        text in "[ -~\t\u{1}接种率达到万人次。，%．０-９𠀀😀\u{301}]{0,30}",
        keys in proptest::collection::vec(key(), 0..60),
    ) {
        let kit = &*KIT;
        let found = kit.detect(&text);
        let words = kit.words(&text, &found);
        let names = names();
        let len = text.chars().count();
        let mut spans: Vec<Span> = Vec::new();
        let mut rejected: Vec<(u32, u32)> = Vec::new();
        let mut caret = Caret::default();
        for k in keys {
            let open = open_suggestions(found.clone(), &spans, |s, e| rejected.contains(&(s, e)));
            let t = SpanText { text: &text, len, spans: &spans, open: &open, words: &words, indicators: &names };
            match apply(&mut caret, &t, k) {
                Outcome::Spans(new, _) => spans = new,
                Outcome::Rejected(s, e, _) => rejected.push((s, e)),
                _ => {}
            }
            prop_assert!(caret.at <= len);
            for w in spans.windows(2) {
                prop_assert!(w[0].end <= w[1].start, "{spans:?}");
            }
            for s in &spans {
                prop_assert!(s.start < s.end && s.end as usize <= len);
                let at: String = text.chars().skip(s.start as usize).take((s.end - s.start) as usize).collect();
                prop_assert_eq!(slice(&text, s.start as usize, s.end as usize), at);
            }
        }
    }
}
