//! Random label changes across pack boundaries, reopening now and then:
//! the store always reads what a plain map of (doc, para) → label says.

use super::*;
use crate::store::pack::SIZE;
use proptest::prelude::*;
use std::collections::BTreeMap;

const DOCS: [&str; 2] = ["a.txt", "dir/报告.txt"];

#[derive(Debug, Clone)]
enum Op {
    Put(usize, u32, Option<u8>),
    PutMany(Vec<(usize, u32, u8)>),
    Park(usize, u32, u8),
    Reopen,
}

/// Label `variant` of paragraph `para` of document `doc`: variants differ
/// in section, and in hash for odd ones.
fn variant(doc: usize, para: u32, variant: u8) -> Label {
    let mut l = label(DOCS[doc], para);
    l.section = Some(format!("类型{variant}"));
    if variant % 2 == 1 {
        l.hash = "fedcba9876543210".into();
    }
    l.note = Some(format!("“{variant}”\"𠀀"));
    l
}

fn op() -> impl Strategy<Value = Op> {
    let at = (0..DOCS.len(), 0..3 * SIZE);
    prop_oneof![
        4 => (at.clone(), prop::option::of(0u8..4)).prop_map(|((d, p), v)| Op::Put(d, p, v)),
        2 => prop::collection::vec((0..DOCS.len(), 0..3 * SIZE, 0u8..4), 1..40)
            .prop_map(Op::PutMany),
        2 => (at, 0u8..4).prop_map(|((d, p), v)| Op::Park(d, p, v)),
        1 => Just(Op::Reopen),
    ]
}

#[derive(Default)]
struct Model {
    labels: BTreeMap<(String, u32), Label>,
    parked: BTreeMap<(String, u32, String), Label>,
    history: usize,
}

impl Model {
    fn put(&mut self, l: Label) {
        self.labels.insert((l.doc.clone(), l.para), l);
        self.history += 1;
    }

    fn park(&mut self, l: Label) {
        let key = (l.doc.clone(), l.para);
        if self.labels.get(&key) == Some(&l) {
            self.labels.remove(&key);
        }
        self.parked
            .insert((l.doc.clone(), l.para, l.hash.clone()), l);
        self.history += 1;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_store_reads_what_the_model_says(ops in prop::collection::vec(op(), 1..16)) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(dir.path());
        let mut model = Model::default();
        for op in ops {
            match op {
                Op::Put(d, p, v) => {
                    let l = v.map(|v| variant(d, p, v));
                    store.put(DOCS[d], p, l.as_ref(), "section").unwrap();
                    match l {
                        Some(l) => model.put(l),
                        None => {
                            model.labels.remove(&(DOCS[d].to_owned(), p));
                            model.history += 1;
                        }
                    }
                }
                Op::PutMany(changes) => {
                    let labels: Vec<Label> =
                        changes.iter().map(|&(d, p, v)| variant(d, p, v)).collect();
                    store.put_many(&labels, "import").unwrap();
                    labels.into_iter().for_each(|l| model.put(l));
                }
                Op::Park(d, p, v) => {
                    let l = variant(d, p, v);
                    store.park(&l).unwrap();
                    model.park(l);
                }
                Op::Reopen => {
                    drop(store);
                    store = open(dir.path());
                }
            }
            let want: Vec<Label> = model.labels.values().cloned().collect();
            prop_assert_eq!(store.labels().unwrap(), want);
        }
        for (i, doc) in DOCS.iter().enumerate() {
            let want: Vec<Label> = model
                .labels
                .values()
                .filter(|l| l.doc == *doc)
                .cloned()
                .collect();
            prop_assert_eq!(store.doc_labels(doc).unwrap(), want);
            for p in 0..3 * SIZE {
                let want = model.labels.get(&(doc.to_string(), p)).cloned();
                prop_assert_eq!(store.get(DOCS[i], p).unwrap(), want);
            }
        }
        let parked: Vec<Label> = model.parked.values().cloned().collect();
        prop_assert_eq!(store.parked().unwrap(), parked);
        prop_assert_eq!(store.history().unwrap().len(), model.history);
        // Every label value is a pack, under its range's first paragraph.
        for (key, value) in store.raw_entries(LABELS_TREE) {
            let (_, para) = keys::split_label_key(&key).unwrap();
            prop_assert_eq!(para % SIZE, 0);
            let packed = value.starts_with(b"{\"v\":3,");
            prop_assert!(packed, "{}", String::from_utf8_lossy(&value));
        }
    }
}
