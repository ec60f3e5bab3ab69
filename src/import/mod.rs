//! Merging native JSONL exports into the label stores (`biaozhu import`).
//!
//! - [`read`] (pure): lines → [`Record`]s, or bad lines with their number;
//! - [`merge`] (pure): one annotator's records against the corpus and that
//!   annotator's labels → what to write ([`Plan`]) and the counts;
//! - [`apply`]: opens the stores and carries the plans out.

pub mod merge;
pub mod read;

pub use merge::{attach_stored, merge, CorpusIndex, Counts, Plan};
pub use read::{parse, BadLine, Parsed, Record};

use crate::corpus::Paragraph;
use crate::store::{Label, LabelStore, SledStore, StoreError};
use std::collections::BTreeMap;
use std::path::Path;

/// Labels per store transaction (each chunk is written all or nothing and
/// flushed once).
pub const CHUNK: usize = 10_000;

/// What [`apply`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Per annotator.
    pub annotators: BTreeMap<String, Counts>,
    /// Labels already in the stores that were brought in line with the
    /// corpus first, as the labeling screen does on opening: moved to their
    /// paragraph's new index…
    pub relocated: usize,
    /// …or parked because their text is no longer in the corpus.
    pub kept_aside: usize,
}

impl Summary {
    /// The counts over every annotator.
    pub fn total(&self) -> Counts {
        let mut total = Counts::default();
        for counts in self.annotators.values() {
            total.add(counts);
        }
        total
    }
}

/// Merge `records` into the stores under `labels_dir`, each into its
/// annotator's store (created if missing), attaching them to `paragraphs`
/// (the corpus as read now, in order).
///
/// Every store needed is opened before anything is written, so a store in
/// use by another session (`StoreError::Locked`) stops the import with
/// nothing changed. Stores are worked on in parallel; per store: its labels are first attached to the corpus
/// as the labeling screen does when it opens (moved ones re-keyed, orphaned
/// ones parked), then the records are merged ([`merge`]) and written with
/// `put_many` (action `import`) and `park_many` (action `import-orphan`) in
/// chunks of [`CHUNK`]. Records that change nothing cause no write.
pub fn apply(
    labels_dir: &Path,
    paragraphs: &[Paragraph],
    records: Vec<Record>,
) -> Result<Summary, StoreError> {
    let mut by_annotator: BTreeMap<String, Vec<Record>> = BTreeMap::new();
    for record in records {
        by_annotator
            .entry(record.annotator.clone())
            .or_default()
            .push(record);
    }
    let mut stores = Vec::with_capacity(by_annotator.len());
    for (annotator, records) in by_annotator {
        let store = SledStore::open(labels_dir, &annotator)?;
        stores.push((annotator, store, records));
    }
    // One job per store, in parallel: attaching and merging are CPU work,
    // and sled runs the transactions of all stores one at a time anyway.
    use rayon::prelude::*;
    let results: Vec<Result<(String, Counts, usize, usize), StoreError>> = stores
        .into_par_iter()
        .map(|(annotator, mut store, records)| {
            let index = CorpusIndex::new(paragraphs);
            let (current, relocated, kept_aside) = align(&mut store, &index)?;
            let parked = store.parked()?;
            let plan = merge(&index, &current, &parked, records);
            drop(current);
            for chunk in plan.puts.chunks(CHUNK) {
                store.put_many(chunk, "import")?;
            }
            for chunk in plan.parks.chunks(CHUNK) {
                store.park_many(chunk, "import-orphan")?;
            }
            Ok((annotator, plan.counts, relocated, kept_aside))
        })
        .collect();
    let mut summary = Summary::default();
    for result in results {
        let (annotator, counts, relocated, kept_aside) = result?;
        summary.relocated += relocated;
        summary.kept_aside += kept_aside;
        summary.annotators.insert(annotator, counts);
    }
    Ok(summary)
}

/// Attach the store's labels to the corpus and store them so: a label whose
/// paragraph moved is re-keyed to its new index (every old key removed
/// before a new one is written), one whose text is gone is parked. Returns
/// the labels parallel to the paragraphs and how many moved and were parked.
fn align(
    store: &mut SledStore,
    index: &CorpusIndex,
) -> Result<(Vec<Option<Label>>, usize, usize), StoreError> {
    let attached = attach_stored(index, store.labels()?);
    for (_, old) in &attached.moved {
        store.put(&old.doc, old.para, None, "relocate")?;
    }
    let moved: Vec<Label> = attached
        .moved
        .iter()
        .filter_map(|(i, _)| attached.labels[*i].clone())
        .collect();
    for chunk in moved.chunks(CHUNK) {
        store.put_many(chunk, "relocate")?;
    }
    for chunk in attached.orphaned.chunks(CHUNK) {
        store.park_many(chunk, "orphan")?;
    }
    Ok((attached.labels, moved.len(), attached.orphaned.len()))
}
