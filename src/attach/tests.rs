use super::*;
use crate::attach::Slot;
use crate::corpus::identity::content_hash;
use crate::store::SledStore;

/// Paragraphs of `docs` (name, texts), in order, as the corpus reader
/// gives them.
pub(crate) fn paragraphs(docs: &[(&str, &[&str])]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for (doc, texts) in docs {
        for (i, text) in texts.iter().enumerate() {
            out.push(Paragraph::new(doc, i, text));
        }
    }
    out
}

/// A stored label of `doc`/`para` made on `text`.
fn label(doc: &str, para: u32, text: &str) -> Label {
    let mut l = Label::empty(doc, para, &content_hash(text));
    l.section = Some("x".into());
    l.updated_at = "2026-11-22T10:00:00Z".into();
    l
}

/// A report with two copies of "分享".
pub(crate) const A: &[&str] = &[
    "一、总体情况",
    "　　全年疫苗接种率达到98.5%，𠀀。",
    "分享",
    "二、存在问题",
    "分享",
    "　　基层人才匮乏（平均年龄58岁）。",
];

#[test]
fn stored_labels_attach_in_place_moved_or_orphaned() {
    // a.txt now: 前言。 分享 | A: 一、 全年 分享 二、 分享 基层 (0..8).
    let now: Vec<&str> = ["前言。", "分享"]
        .into_iter()
        .chain(A.iter().copied())
        .collect();
    let paras = paragraphs(&[("a.txt", &now), ("b.txt", &["三、下一步打算", "分享"])]);
    let labels: Vec<Label> = [
        ("a.txt", 0, A[0]),
        ("a.txt", 1, A[1]),
        ("a.txt", 2, "分享"),
        ("a.txt", 3, "　　删掉的。"),
        ("a.txt", 4, "分享"),
        ("a.txt", 7, "分享"),
        ("a.txt", 8, "分享"),
        ("b.txt", 1, "分享"),
        ("c.txt", 0, "分享"),
    ]
    .iter()
    .map(|&(doc, para, text)| label(doc, para, text))
    .collect();
    let ours = attach(&paras, labels.clone());
    assert_eq!((ours.moved.len(), ours.orphaned.len()), (4, 3));
    // "分享" at 4 stays; the others go to the nearest free copy (1, 6).
    let moved: Vec<(usize, u32)> = ours.moved.iter().map(|(i, l)| (*i, l.para)).collect();
    assert_eq!(moved, [(2, 0), (3, 1), (1, 2), (6, 7)]);
    assert_eq!(ours.orphaned, [3, 6, 8].map(|k| labels[k].clone()));
    for (i, l) in ours.labels.iter().enumerate() {
        let Some(l) = l else { continue };
        assert_eq!(
            (l.doc.as_str(), l.para as usize),
            (paras[i].doc.as_str(), paras[i].para)
        );
        assert_eq!(l.hash, paras[i].hash);
    }
    assert_eq!(ours.labels.iter().flatten().count(), 6);
    // Documents in another order: each one's labels land the same.
    let mut rotated = labels.clone();
    rotated.rotate_left(7);
    assert_eq!(CorpusIndex::new(&paras).attach(rotated), ours);
}

#[test]
fn documents_all_in_place_take_the_short_way_with_the_same_result() {
    let paras = paragraphs(&[("a.txt", A), ("b.txt", &["三、下一步打算", "分享"])]);
    let index = CorpusIndex::new(&paras);
    // b.txt all in place; a.txt: two labels on one paragraph (the second
    // goes to the other copy of its text), then one in place.
    let labels: Vec<Label> = [
        ("a.txt", 2, "分享"),
        ("a.txt", 2, "分享"),
        ("a.txt", 5, A[5]),
        ("b.txt", 0, "三、下一步打算"),
        ("b.txt", 1, "分享"),
    ]
    .iter()
    .map(|&(doc, para, text)| label(doc, para, text))
    .collect();
    let got = index.attach(labels.clone());
    // What placing every label gives (the long way for all).
    let placements = index.place(&labels.iter().collect::<Vec<_>>());
    let mut want: Vec<Slot> = vec![None; paras.len()];
    for (label, placement) in labels.iter().zip(&placements) {
        let i = placement.index().unwrap();
        let mut now = label.clone();
        now.para = paras[i].para as u32;
        want[i] = Some(Box::new(now));
    }
    assert_eq!(got.labels, want);
    assert_eq!(got.moved.len(), 1);
    assert!(got.orphaned.is_empty());
    // b.txt's labels in place, a.txt's first copy of 分享 and its moved twin.
    assert_eq!(got.labels.iter().flatten().count(), 5);
    assert_eq!(got.labels[6].as_ref().map(|l| l.para), Some(0));
    assert_eq!(got.labels[4].as_ref().map(|l| l.para), Some(4));
}

#[test]
fn the_text_of_a_hash_is_its_first_paragraph() {
    let paras = paragraphs(&[("a.txt", A), ("b.txt", &["分享"])]);
    let index = CorpusIndex::new(&paras);
    assert_eq!(
        index.text("a.txt", &content_hash("分享")).as_deref(),
        Some("分享")
    );
    assert_eq!(index.text("a.txt", &content_hash("前言。")), None);
    assert_eq!(index.text("c.txt", &content_hash("分享")), None);
}

#[test]
fn align_stores_moved_labels_at_their_new_index_and_parks_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SledStore::open(dir.path(), "alice").unwrap();
    // Stored on the old corpus: A. Then 0 and 1 swap places, 5 is edited.
    let stored: Vec<Label> = [0, 1, 5].map(|i| label("a.txt", i, A[i as usize])).into();
    store.put_many(&stored, "section").unwrap();
    let now = [A[1], A[0], A[2], A[3], A[4], "　　改写过的一段。"];
    let paras = paragraphs(&[("a.txt", &now)]);
    let attached = align(&mut store, &CorpusIndex::new(&paras)).unwrap();
    assert_eq!((attached.moved.len(), attached.orphaned.len()), (2, 1));
    // Each moved into the other's place: neither is lost.
    let labels = store.labels().unwrap();
    let placed: Vec<(u32, &str)> = labels.iter().map(|l| (l.para, l.hash.as_str())).collect();
    assert_eq!(
        placed,
        [(0, stored[1].hash.as_str()), (1, stored[0].hash.as_str())]
    );
    assert_eq!(
        labels,
        attached
            .labels
            .iter()
            .flatten()
            .map(|l| (**l).clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(store.parked().unwrap(), [stored[2].clone()]);
    let history = store.history().unwrap();
    let actions: Vec<(u32, &str, bool)> = history[3..]
        .iter()
        .map(|h| (h.para, h.action.as_str(), h.after.is_some()))
        .collect();
    // Every old key removed before a new one is written.
    assert_eq!(
        actions,
        [
            (0, "relocate", false),
            (1, "relocate", false),
            (1, "relocate", true),
            (0, "relocate", true),
            (5, "orphan", false),
        ]
    );
    // Aligned again: nothing left to do.
    let again = align(&mut store, &CorpusIndex::new(&paras)).unwrap();
    assert_eq!((again.moved.len(), again.orphaned.len()), (0, 0));
    assert_eq!(store.history().unwrap().len(), 8);
}
