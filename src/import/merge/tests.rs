use super::*;
use crate::attach::tests::{paragraphs, A};
use crate::corpus::identity::content_hash;

fn record(doc: &str, para: u32, text: &str, at: &str, section: &str) -> Record {
    let mut label = Label::empty(doc, para, &content_hash(text));
    label.section = Some(section.into());
    label.updated_at = at.into();
    label.text = Some(text.into());
    Record {
        annotator: "alice".into(),
        label,
        at: parse_time(at).unwrap(),
        line: 1,
    }
}

/// The label as the store would hold it after attaching at `para`.
fn stored(r: &Record, para: u32) -> Label {
    let mut l = r.label.clone();
    l.para = para;
    l.text = None;
    l
}

const T0: &str = "2026-11-22T10:00:00Z";
const T1: &str = "2026-11-22T11:00:00.000Z";

#[test]
fn new_updated_unchanged_older() {
    let paras = paragraphs(&[("a.txt", A)]);
    let index = CorpusIndex::new(&paras);
    let mut current = vec![None; paras.len()];
    // Local: para 1 at T0 (import newer), para 3 at T1 (import older),
    // para 5 the same as the import but its time written another way.
    current[1] = Some(stored(&record("a.txt", 1, A[1], T0, "achievement"), 1));
    current[3] = Some(stored(&record("a.txt", 3, A[3], T1, "heading"), 3));
    current[5] = Some(stored(
        &record("a.txt", 5, A[5], "2026-11-22T11:00:00Z", "problem"),
        5,
    ));
    let records = vec![
        record("a.txt", 0, A[0], T0, "heading"),
        record("a.txt", 1, A[1], T1, "indicator_report"),
        record("a.txt", 3, A[3], T0, "other"),
        record("a.txt", 5, A[5], T1, "problem"),
    ];
    let plan = merge(
        &index,
        &crate::attach::slots(&current),
        &[],
        records.clone(),
    );
    assert_eq!(
        plan.counts,
        Counts {
            new: 1,
            updated: 1,
            unchanged: 1,
            older: 1,
            orphaned: 0,
            moved: 0
        }
    );
    assert_eq!(
        plan.puts,
        vec![stored(&records[0], 0), stored(&records[1], 1)]
    );
    assert!(plan.parks.is_empty());
    // Equal time, other content: the local label stays.
    let mut tie = record("a.txt", 1, A[1], T0, "plan");
    tie.label.note = Some("另一个".into());
    let plan = merge(&index, &crate::attach::slots(&current), &[], vec![tie]);
    assert_eq!((plan.counts.older, plan.puts.len()), (1, 0));
}

#[test]
fn the_same_records_twice_change_nothing() {
    let paras = paragraphs(&[("a.txt", A)]);
    let index = CorpusIndex::new(&paras);
    let records: Vec<Record> = (0..A.len())
        .map(|i| record("a.txt", i as u32, A[i], T0, "achievement"))
        .chain([record("a.txt", 9, "　　已删除。", T0, "problem")])
        .collect();
    let first = merge(&index, &vec![None; paras.len()], &[], records.clone());
    assert_eq!((first.counts.new, first.counts.orphaned), (6, 1));
    let mut current = vec![None; paras.len()];
    for l in &first.puts {
        current[l.para as usize] = Some(l.clone());
    }
    let second = merge(
        &index,
        &crate::attach::slots(&current),
        &first.parks,
        records,
    );
    assert_eq!(second.counts.unchanged, 7);
    assert!(second.puts.is_empty() && second.parks.is_empty());
}

#[test]
fn records_follow_their_text_or_are_orphaned() {
    // The corpus now has a line inserted at the top, and "分享" at 3 and 5.
    let now: Vec<&str> = std::iter::once("前言。").chain(A.iter().copied()).collect();
    let paras = paragraphs(&[("a.txt", &now), ("b.txt", &["三、下一步打算"])]);
    let index = CorpusIndex::new(&paras);
    let current = vec![None; paras.len()];
    let records = vec![
        record("a.txt", 1, A[1], T0, "achievement"), // moved to 2
        record("a.txt", 2, A[2], T0, "boilerplate"), // "分享": nearest is 3
        record("a.txt", 4, A[4], T0, "boilerplate"), // "分享" at 4 → 5 (3 taken)
        record("a.txt", 4, "分享", T1, "other"),     // the same label, newer
        record("a.txt", 9, "分享", T0, "x"),         // no free "分享" left
        record("a.txt", 5, "　　已删除的段落。", T0, "problem"),
        record("gone.txt", 0, A[0], T0, "heading"),
        record("b.txt", 0, "三、下一步打算", T0, "plan"), // global index 7
    ];
    let plan = merge(&index, &current, &[], records.clone());
    let placed: Vec<(&str, u32, &str)> = plan
        .puts
        .iter()
        .map(|l| (l.doc.as_str(), l.para, l.section.as_deref().unwrap()))
        .collect();
    assert_eq!(
        placed,
        [
            ("a.txt", 2, "achievement"),
            ("a.txt", 3, "boilerplate"),
            ("a.txt", 5, "other"),
            ("b.txt", 0, "plan"),
        ]
    );
    // Every attached record is on a paragraph with its own text.
    for l in &plan.puts {
        let p = paras
            .iter()
            .find(|p| p.doc == l.doc && p.para == l.para as usize);
        assert_eq!(l.hash, p.unwrap().hash);
        assert_eq!(l.text, None);
    }
    assert_eq!(
        plan.counts,
        Counts {
            new: 4,
            updated: 0,
            unchanged: 0,
            older: 1,
            orphaned: 3,
            moved: 3
        }
    );
    let parked: Vec<(&str, u32, Option<&str>)> = plan
        .parks
        .iter()
        .map(|l| (l.doc.as_str(), l.para, l.text.as_deref()))
        .collect();
    assert_eq!(
        parked,
        [
            ("a.txt", 5, Some("　　已删除的段落。")),
            ("a.txt", 9, Some("分享")),
            ("gone.txt", 0, Some(A[0])),
        ]
    );
}

#[test]
fn ties_go_to_the_earlier_paragraph() {
    let paras = paragraphs(&[("a.txt", &["分享", "甲。", "分享", "乙。"])]);
    let index = CorpusIndex::new(&paras);
    for (para, attached) in [(1, 0), (3, 2)] {
        let records = vec![record("a.txt", para, "分享", T0, "boilerplate")];
        let plan = merge(&index, &vec![None; 4], &[], records);
        assert_eq!(plan.puts[0].para, attached);
    }
}

#[test]
fn duplicates_in_the_input_newest_wins_then_the_first() {
    let paras = paragraphs(&[("a.txt", A)]);
    let index = CorpusIndex::new(&paras);
    let current = vec![None; paras.len()];
    let older = record("a.txt", 0, A[0], T0, "overview");
    let newer = record("a.txt", 0, A[0], T1, "heading");
    let plan = merge(&index, &current, &[], vec![newer.clone(), older.clone()]);
    assert_eq!(plan.puts, vec![stored(&newer, 0)]);
    assert_eq!((plan.counts.new, plan.counts.older), (1, 1));
    let plan = merge(&index, &current, &[], vec![older.clone(), newer.clone()]);
    assert_eq!(plan.puts, vec![stored(&newer, 0)]);
    // Equally new: the first; an identical copy is "unchanged".
    let other = record("a.txt", 0, A[0], T0, "other");
    let plan = merge(
        &index,
        &current,
        &[],
        vec![older.clone(), other, older.clone()],
    );
    assert_eq!(plan.puts, vec![stored(&older, 0)]);
    assert_eq!(
        (plan.counts.new, plan.counts.older, plan.counts.unchanged),
        (1, 1, 1)
    );
}

#[test]
fn parked_orphans_newest_wins() {
    let paras = paragraphs(&[("a.txt", A)]);
    let index = CorpusIndex::new(&paras);
    let current = vec![None; paras.len()];
    let gone = record("a.txt", 2, "　　已删除。", T1, "problem");
    let parked = vec![gone.label.clone()];
    let same = merge(&index, &current, &parked, vec![gone.clone()]);
    assert_eq!(same.counts.unchanged, 1);
    let older = record("a.txt", 2, "　　已删除。", T0, "other");
    let plan = merge(&index, &current, &parked, vec![older]);
    assert_eq!((plan.counts.older, plan.parks.len()), (1, 0));
    let newer = record("a.txt", 2, "　　已删除。", "2026-11-23T00:00:00Z", "other");
    let plan = merge(&index, &current, &parked, vec![newer.clone()]);
    assert_eq!(plan.parks, vec![newer.label]);
    // An orphan without text (the record had only a hash) stays without.
    let mut bare = record("a.txt", 2, "　　另一段。", T0, "x");
    bare.label.text = None;
    let plan = merge(&index, &current, &[], vec![bare]);
    assert_eq!(plan.parks[0].text, None);
}

#[test]
fn an_unreadable_local_time_loses() {
    let paras = paragraphs(&[("a.txt", A)]);
    let index = CorpusIndex::new(&paras);
    let mut current = vec![None; paras.len()];
    let mut local = stored(&record("a.txt", 0, A[0], T1, "heading"), 0);
    local.updated_at = "garbage".into();
    current[0] = Some(local);
    let plan = merge(
        &index,
        &crate::attach::slots(&current),
        &[],
        vec![record("a.txt", 0, A[0], T0, "overview")],
    );
    assert_eq!(plan.counts.updated, 1);
}

#[test]
fn a_large_doc_attaches_in_linear_time() {
    // 200k paragraphs of one doc, every record moved by one: a quadratic
    // scan would take minutes.
    let texts: Vec<String> = (0..200_000).map(|i| format!("第{i}段。")).collect();
    let mut now: Vec<&str> = vec!["插入的一行。"];
    now.extend(texts.iter().map(String::as_str));
    let paras = paragraphs(&[("big.txt", &now)]);
    let index = CorpusIndex::new(&paras);
    let records: Vec<Record> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| record("big.txt", i as u32, t, T0, "other"))
        .collect();
    let start = std::time::Instant::now();
    let plan = merge(&index, &vec![None; paras.len()], &[], records);
    assert_eq!((plan.counts.new, plan.counts.moved), (200_000, 200_000));
    assert!(plan
        .puts
        .iter()
        .enumerate()
        .all(|(i, l)| l.para as usize == i + 1));
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}
