//! The gold set the `export_gold*` tests export: Alice's and Bob's labels
//! of [`super::labeled`] and three gold labels decided by `lead`, and how
//! to read their provenance back.

use super::{gold, labeled, Fixture, SPAN};
use biaozhu::store::Span;
use serde_json::{json, Value};

/// The gold set's provenance by paragraph id.
pub const PROVENANCE: [(&str, &str, &[&str], Option<&str>); 3] = [
    ("甲.txt#0", "unanimous", &["alice", "bob"], None),
    ("甲.txt#1", "adjudicated", &["alice", "bob"], Some("lead")),
    (
        "甲.txt#3",
        "majority",
        &["alice", "bob", "carol"],
        Some("lead"),
    ),
];

/// Alice's and Bob's labels of `labeled`, and a gold set decided by `lead`:
/// the first heading unanimous (no reviewer named), the long paragraph (𠀀,
/// 😀, full-width punctuation) adjudicated with a span, the last paragraph
/// by majority.
pub fn gold_set(fx: &Fixture, start: u32) {
    let mut long = fx.label("甲.txt#1", "achievement", &["vaccination_rate"], true);
    long.spans = vec![Span {
        start,
        end: start + SPAN.chars().count() as u32,
        label: "vaccination_rate".into(),
    }];
    let sections = ["heading", "", "problem"];
    let labels: Vec<_> = PROVENANCE
        .iter()
        .zip(sections)
        .map(|(&(id, source, annotators, reviewer), section)| {
            let label = match section {
                "" => long.clone(),
                s => fx.label(id, s, &[], false),
            };
            gold(label, source, annotators, reviewer)
        })
        .collect();
    fx.put_gold("lead", &labels);
}

pub fn with_gold() -> (Fixture, u32) {
    let (fx, start) = labeled();
    gold_set(&fx, start);
    (fx, start)
}

/// What a record (or Label Studio task's `data`) says of its provenance;
/// each of the three keys must be there.
pub fn provenance(v: &Value) -> Value {
    let field = |k: &str| v.get(k).cloned().unwrap_or_else(|| panic!("no {k}: {v}"));
    json!({"source": field("source"), "annotators": field("annotators"), "reviewer": field("reviewer")})
}

pub fn expected(id: &str) -> Value {
    let &(_, source, annotators, reviewer) = PROVENANCE
        .iter()
        .find(|p| p.0 == id)
        .unwrap_or_else(|| panic!("{id} is not in the gold set"));
    json!({"source": source, "annotators": annotators, "reviewer": reviewer})
}

pub fn ids(records: &[Value], key: &dyn Fn(&Value) -> &Value) -> Vec<String> {
    records
        .iter()
        .map(|r| key(r).as_str().unwrap().to_owned())
        .collect()
}
