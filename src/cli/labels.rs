//! What several commands read the same way: the corpus paragraphs, the
//! schema, and the selected annotators' labels attached to the corpus.

use super::progress::Step;
use super::{CliError, Config};
use crate::attach::Slot;
use crate::attach::{attach, CorpusIndex};
use crate::corpus::{self, Identities, Paragraph};
use crate::review::votes::{Sheet, SheetBuilder, SpanSheet, VoteNames, Votes};
use crate::schema::{Schema, SCHEMA_FILE};
use crate::store::{validate_annotator, Shelf, Snapshot, With, GOLD};
use crate::threads::each_on_own_thread;

/// The corpus, read with its progress shown.
pub fn corpus(config: &Config) -> Result<corpus::Corpus, CliError> {
    let step = Step::new("reading the corpus", "files");
    Ok(corpus::load_watched(
        &config.corpus_dir,
        &config.reading,
        &step,
    )?)
}

/// The corpus as paragraphs, in order.
pub fn paragraphs(config: &Config) -> Result<Vec<Paragraph>, CliError> {
    Ok(corpus(config)?.into_paragraphs())
}

/// The corpus as [`Identities`]: enough to place labels.
pub fn identities(config: &Config) -> Result<Identities, CliError> {
    let step = Step::new("reading the corpus", "files");
    Ok(corpus::load_identities_watched(
        &config.corpus_dir,
        &config.reading,
        &step,
    )?)
}

/// `labels/schema.toml`, or the default schema when the file is missing.
pub fn schema(config: &Config) -> Result<Schema, CliError> {
    let path = config.labels_dir.join(SCHEMA_FILE);
    if path.exists() {
        Ok(Schema::load(&path)?)
    } else {
        Ok(Schema::default_schema())
    }
}

/// The annotators whose labels a command reads: every store, or those named
/// with `--annotator` (each must have a store; the message lists those
/// that do).
pub fn selected_annotators(config: &Config) -> Result<Vec<String>, CliError> {
    let existing = config.stores.names()?;
    if config.annotators.is_empty() {
        return Ok(existing);
    }
    for a in &config.annotators {
        validate_annotator(a)?;
        if !existing.contains(a) {
            let there = if existing.is_empty() {
                "there are no stores there".to_owned()
            } else {
                format!("the annotators with a store are: {}", existing.join(", "))
            };
            return Err(CliError::Usage(format!(
                "--annotator {a}: no store {}; {there}",
                config.stores.describe(a)
            )));
        }
    }
    Ok(config.annotators.clone())
}

/// Whether a store read counts as an annotator's: named with
/// `--annotator`, or holding a label (labels or parked). A store nobody
/// labeled in (a mistyped name, a screen opened and left) does not count
/// in agreement, review or the figures.
fn counts(config: &Config, replica: &Snapshot) -> Result<bool, CliError> {
    Ok(!config.annotators.is_empty() || !replica.is_empty() || !replica.parked()?.is_empty())
}

/// One annotator's labels, parallel to the paragraphs.
pub struct AnnotatorLabels {
    pub annotator: String,
    pub labels: Vec<Slot>,
    /// Labels whose text is no longer in the corpus: still in place (the
    /// screen has not been opened since the corpus changed) or parked.
    pub orphaned: usize,
}

/// Read the selected annotators' stores (in parallel, one per annotator)
/// and attach their labels to `paragraphs`.
pub fn read_labels(
    config: &Config,
    paragraphs: &[Paragraph],
) -> Result<Vec<AnnotatorLabels>, CliError> {
    // One index for every annotator: each document's hash index is built
    // once, the first time a label there has moved.
    let index = CorpusIndex::new(paragraphs);
    counted_stores(config, |annotator, store| {
        let attached = index.attach(store.labels()?);
        Ok(AnnotatorLabels {
            annotator: annotator.to_owned(),
            orphaned: attached.orphaned.len() + store.parked()?.len(),
            labels: attached.labels,
        })
    })
}

/// Each selected annotator's stored labels, shelved by document: what
/// the review screen places as the corpus arrives.
pub fn shelved_labels(config: &Config) -> Result<Vec<(String, Shelf)>, CliError> {
    counted_stores(config, |annotator, store| {
        Ok((annotator.to_owned(), store.shelf()?))
    })
}

/// `read(annotator, store)` of each selected annotator's store that
/// counts ([`counts`]), each store read on a thread of its own.
fn counted_stores<T: Send>(
    config: &Config,
    read: impl Fn(&str, &Snapshot) -> Result<T, CliError> + Sync,
) -> Result<Vec<T>, CliError> {
    let read = each_store(&selected_annotators(config)?, |annotator| {
        let store = config.stores.read(annotator, With::Labels)?;
        if !counts(config, &store)? {
            return Ok(None);
        }
        read(annotator, &store).map(Some)
    })?;
    Ok(read.into_iter().flatten().collect())
}

/// `read(name)` for each of `names`, each on a thread of its own: a store
/// is read and decoded on one thread (sled iterates on one), so with a
/// thread per store three stores keep two cores busy to the end, where a
/// pool of two would leave one store alone.
fn each_store<T: Send>(
    names: &[String],
    read: impl Fn(&str) -> Result<T, CliError> + Sync,
) -> Result<Vec<T>, CliError> {
    let step = Step::new("reading the stores", "stores");
    step.total(names.len() as u64);
    each_on_own_thread(names, |name| {
        let read = read(name);
        step.add(1);
        read
    })
    .into_iter()
    .collect()
}

/// The gold set (`<labels>/gold.sled`, written by `biaozhu review`),
/// attached to `paragraphs` like an annotator's labels, as annotator
/// [`GOLD`](crate::store::GOLD). A usage error when there is none.
pub fn read_gold(config: &Config, paragraphs: &[Paragraph]) -> Result<AnnotatorLabels, CliError> {
    if !config.stores.gold_exists()? {
        return Err(CliError::Usage(format!(
            "no gold set: {} does not exist; run `biaozhu review` first",
            config.stores.describe(GOLD)
        )));
    }
    let store = config.stores.read(GOLD, With::Labels)?;
    let attached = attach(paragraphs, store.labels()?);
    Ok(AnnotatorLabels {
        annotator: GOLD.to_owned(),
        orphaned: attached.orphaned.len() + store.parked()?.len(),
        labels: attached.labels,
    })
}

/// The selected annotators' votes and the gold set's (when there is one),
/// read straight from the stores (each on a thread of its own) and placed
/// on `index`'s paragraphs as attaching would place the labels.
///
/// The store read last comes back: freeing one takes a while for a large
/// store, and the caller may rather do that while it computes.
pub fn read_votes(
    config: &Config,
    index: &CorpusIndex,
    schema: &Schema,
) -> Result<(Votes, Vec<Snapshot>), CliError> {
    let names = VoteNames::new(schema);
    let annotators = selected_annotators(config)?;
    let mut stores = annotators.clone();
    let has_gold = config.stores.gold_exists()?;
    if has_gold {
        stores.push(GOLD.to_owned());
    }
    // Freeing a store read takes a while: each store but the last to be
    // read is freed at once, while the others are still being read; the
    // last one goes back to the caller.
    let reading = std::sync::atomic::AtomicUsize::new(stores.len());
    let read = each_store(&stores, |name| {
        let store = config.stores.read(name, With::Labels)?;
        let counted = name == GOLD || counts(config, &store)?;
        let sheet = counted.then(|| sheet(&store, index, &names)).transpose();
        let parked = if counted { store.parked()?.len() } else { 0 };
        let last = reading.fetch_sub(1, std::sync::atomic::Ordering::AcqRel) == 1;
        let sheet = sheet?.map(|(sheet, spans, unplaced)| (sheet, spans, unplaced + parked));
        Ok((sheet, last.then_some(store)))
    })?;
    let (sheets, stores): (Vec<Option<Counted>>, Vec<Option<Snapshot>>) = read.into_iter().unzip();
    let stores: Vec<Snapshot> = stores.into_iter().flatten().collect();
    let mut counted: Vec<String> = Vec::new();
    let mut annotator_sheets = Vec::new();
    let mut span_sheets = Vec::new();
    let mut orphaned = Vec::new();
    let mut gold = None;
    for (name, sheet) in stores_names(&annotators, has_gold).zip(sheets) {
        match (name, sheet) {
            (Some(name), Some((sheet, spans, orphans))) => {
                counted.push(name.clone());
                annotator_sheets.push(sheet);
                span_sheets.push(spans);
                orphaned.push(orphans);
            }
            (None, sheet) => gold = sheet.map(|(sheet, _, _)| sheet),
            (Some(_), None) => {}
        }
    }
    let mut votes = names.finish(counted, annotator_sheets, span_sheets, gold);
    votes.orphaned = orphaned;
    Ok((votes, stores))
}

/// A sheet, its spans, and how many of its store's labels found no place.
type Counted = (Sheet, SpanSheet, usize);

/// Each store read, in order: the annotators, then the gold set (None).
fn stores_names(annotators: &[String], has_gold: bool) -> impl Iterator<Item = Option<&String>> {
    annotators.iter().map(Some).chain(has_gold.then_some(None))
}

/// `store`'s sheet, its spans, and how many of its labels found no place.
fn sheet(store: &Snapshot, index: &CorpusIndex, names: &VoteNames) -> Result<Counted, CliError> {
    let mut sheet = SheetBuilder::new(index, names);
    store.view_labels(|view| {
        sheet.add(&view);
        Ok::<_, CliError>(())
    })?;
    Ok(sheet.finish_counting())
}
