use super::sheet::Hash;
use super::*;
use crate::attach::tests::{paragraphs, A};
use crate::attach::{attach, CorpusIndex};
use crate::corpus::identity::content_hash;
use crate::store::{Label, LabelView, Span};

fn label(doc: &str, para: u32, text: &str, section: &str, indicators: &[&str]) -> Label {
    let mut l = Label::empty(doc, para, &content_hash(text));
    l.section = (!section.is_empty()).then(|| section.to_owned());
    l.indicators = indicators.iter().map(|s| s.to_string()).collect();
    l.indicators.sort();
    l.duration_ms = Some(u64::from(para) * 100);
    l.done = para.is_multiple_of(2);
    l
}

#[test]
fn names_outside_the_schema_come_sorted_after_it_and_are_shared() {
    let schema = Schema::default_schema();
    let annotators = vec!["甲".to_owned(), "乙".to_owned()];
    let labels = vec![
        vec![
            Some(label("a", 0, "x", "退休", &["zz", "funds"])),
            Some(label("a", 1, "y", "plan", &[])),
        ],
        vec![Some(label("a", 0, "x", "新类", &["aa"])), None],
    ];
    let gold = vec![Some(label("a", 0, "x", "退休", &["aa"])), None];
    let votes = Votes::from_labels(
        &schema,
        &annotators,
        &crate::attach::slots_each(&labels),
        Some(&crate::attach::slots(&gold)),
    );
    let k = schema.sections.len();
    assert_eq!(
        votes.sections[..k]
            .iter()
            .zip(&schema.sections)
            .filter(|(a, b)| **a == b.name)
            .count(),
        k
    );
    assert_eq!(votes.sections[k..], ["新类", "退休"]);
    let id = |names: &[String], n: &str| names.iter().position(|x| x == n).unwrap() as u32;
    let first = votes.sheets[0][0].as_ref().unwrap();
    assert_eq!(first.section, Some(id(&votes.sections, "退休")));
    assert_eq!(
        votes.gold.as_ref().unwrap()[0].as_ref().unwrap().section,
        first.section
    );
    let mut expected = vec![id(&votes.indicators, "funds"), id(&votes.indicators, "zz")];
    expected.sort();
    assert_eq!(first.indicators, expected);
    assert_eq!(
        votes.sheets[1][0].as_ref().unwrap().indicators,
        [id(&votes.indicators, "aa")]
    );
    assert_eq!(votes.sheets[1][1], None);
    assert_eq!(votes.sheets[0][1].as_ref().unwrap().duration_ms, Some(100));
}

/// Placing views gives the votes of the attached labels: in place, moved,
/// orphaned (text gone, or a document not in the corpus).
#[test]
fn placed_views_vote_like_attached_labels() {
    let now: Vec<&str> = ["前言。", "分享"]
        .into_iter()
        .chain(A.iter().copied())
        .collect();
    let paras = paragraphs(&[("a.txt", &now), ("b.txt", &["三、下一步打算", "分享"])]);
    let mut labels: Vec<Label> = vec![
        label("a.txt", 0, A[0], "目标", &["gdp"]),
        label("a.txt", 1, A[1], "plan", &["funds", "就业"]),
        label("a.txt", 2, "分享", "plan", &[]),
        label("a.txt", 3, "　　删掉的。", "plan", &[]),
        label("a.txt", 5, A[5], "problem", &["funds"]),
        label("b.txt", 0, "三、下一步打算", "plan", &["🙂"]),
        label("b.txt", 1, "分享", "", &["funds"]),
        label("c.txt", 0, "分享", "plan", &[]),
    ];
    // Spans on a moved label (names in and outside the schema, one only a
    // span uses), on an orphaned one, and on one in place.
    let span = |start, end, label: &str| Span {
        start,
        end,
        label: label.to_owned(),
    };
    labels[1].spans = vec![
        span(4, 9, "就业"),
        span(0, 2, "funds"),
        span(0, 2, "只在片段"),
    ];
    labels[3].spans = vec![span(0, 1, "funds")];
    labels[5].spans = vec![span(1, 3, "🙂")];
    let schema = Schema::default_schema();
    let names = VoteNames::new(&schema);
    let index = CorpusIndex::new(&paras);
    let views: Vec<LabelView> = labels.iter().map(LabelView::of_label).collect();
    let mut sheet = SheetBuilder::new(&index, &names);
    for view in &views {
        sheet.add(view);
    }
    let (sheet, spans) = sheet.finish();
    let placed = names.finish(vec!["甲".into()], vec![sheet], vec![spans], None);

    let attached = attach(&paras, labels.clone()).labels;
    let expected = Votes::from_labels(&schema, &["甲".into()], &[attached], None);
    assert_eq!(placed, expected);
    // Something moved, something was left out.
    let voted = placed.sheets[0].iter().flatten().count();
    assert!(voted < labels.len() && voted >= 5, "{voted}");
    let id = |names: &[String], n: &str| names.iter().position(|x| x == n).unwrap() as u32;
    // The spans sit beside the votes that have them, labels by name.
    let with_spans: Vec<usize> = placed.spans[0].keys().copied().collect();
    let hashed: Vec<usize> = (0..placed.sheets[0].len())
        .filter(|&i| placed.sheets[0][i].as_ref().is_some_and(|v| v.spans != 0))
        .collect();
    assert_eq!(with_spans, hashed);
    let named: Vec<Vec<(u32, u32, &str)>> = with_spans
        .iter()
        .map(|&p| {
            placed
                .spans_of(0, p)
                .iter()
                .map(|s| (s.start, s.end, placed.indicators[s.label as usize].as_str()))
                .collect()
        })
        .collect();
    let mut moved = vec![(0, 2, "funds"), (0, 2, "只在片段"), (4, 9, "就业")];
    moved.sort_by_key(|&(start, end, l)| (id(&placed.indicators, l), start, end));
    assert_eq!(named, [moved, vec![(1, 3, "🙂")]]);
    assert_eq!(placed.spans_of(0, 0), &[]);
    assert_eq!(placed.spans_of(7, 0), &[]);
}

#[test]
fn hashes_of_any_length_come_back_as_given() {
    for s in [
        "",
        "0123456789abcdef",
        "abc",
        "𠀀😀ｶﾞ",
        "0123456789abcdef0",
        "很长的不是十六位的散列值",
    ] {
        assert_eq!(Hash::new(s).as_str(), s);
    }
    assert!(matches!(Hash::new("0123456789abcdef"), Hash::Inline(_)));
}
