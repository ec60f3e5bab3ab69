//! What several commands read the same way: the corpus paragraphs, the
//! schema, and the selected annotators' labels attached to the corpus.

use super::{CliError, Config};
use crate::attach::{attach, CorpusIndex};
use crate::corpus::{self, Identities, Paragraph};
use crate::review::votes::{Sheet, SheetBuilder, VoteNames, Votes};
use crate::schema::{Schema, SCHEMA_FILE};
use crate::store::{store_names, validate_annotator, Label, LabelStore, SledStore, GOLD};
use crate::threads::each_on_own_thread;

/// The corpus as paragraphs, in order.
pub fn paragraphs(config: &Config) -> Result<Vec<Paragraph>, CliError> {
    Ok(corpus::load(&config.corpus_dir, &config.reading)?.into_paragraphs())
}

/// The corpus as [`Identities`]: enough to place labels.
pub fn identities(config: &Config) -> Result<Identities, CliError> {
    Ok(corpus::load_identities(
        &config.corpus_dir,
        &config.reading,
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
/// with `--annotator` (each must have a store).
pub fn selected_annotators(config: &Config) -> Result<Vec<String>, CliError> {
    if config.annotators.is_empty() {
        return Ok(store_names(&config.labels_dir)?);
    }
    for a in &config.annotators {
        validate_annotator(a)?;
        let path = SledStore::path_of(&config.labels_dir, a);
        if !path.exists() {
            return Err(CliError::Usage(format!(
                "--annotator {a}: no store {}",
                path.display()
            )));
        }
    }
    Ok(config.annotators.clone())
}

/// One annotator's labels, parallel to the paragraphs.
pub struct AnnotatorLabels {
    pub annotator: String,
    pub labels: Vec<Option<Label>>,
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
    each_store(&selected_annotators(config)?, |annotator| {
        let store = SledStore::open(&config.labels_dir, annotator)?;
        let attached = index.attach(store.labels()?);
        let orphaned = attached.orphaned.len() + store.parked()?.len();
        Ok(AnnotatorLabels {
            annotator: annotator.to_owned(),
            labels: attached.labels,
            orphaned,
        })
    })
}

/// `read(name)` for each of `names`, each on a thread of its own: a store
/// is read and decoded on one thread (sled iterates on one), so with a
/// thread per store three stores keep two cores busy to the end, where a
/// pool of two would leave one store alone.
fn each_store<T: Send>(
    names: &[String],
    read: impl Fn(&str) -> Result<T, CliError> + Sync,
) -> Result<Vec<T>, CliError> {
    each_on_own_thread(names, |name| read(name))
        .into_iter()
        .collect()
}

/// The gold set (`<labels>/gold.sled`, written by `biaozhu review`),
/// attached to `paragraphs` like an annotator's labels, as annotator
/// [`GOLD`](crate::store::GOLD). A usage error when there is none.
pub fn read_gold(config: &Config, paragraphs: &[Paragraph]) -> Result<AnnotatorLabels, CliError> {
    if !SledStore::gold_exists(&config.labels_dir) {
        return Err(CliError::Usage(format!(
            "no gold set: {} does not exist; run `biaozhu review` first",
            SledStore::path_of(&config.labels_dir, GOLD).display()
        )));
    }
    let store = SledStore::open_for_one_pass(&config.labels_dir, GOLD)?;
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
/// The store read last comes back still open: closing one frees sled's
/// cache of it, which takes a while for a large store, and the caller may
/// rather do that while it computes.
pub fn read_votes(
    config: &Config,
    index: &CorpusIndex,
    schema: &Schema,
) -> Result<(Votes, Vec<SledStore>), CliError> {
    let names = VoteNames::new(schema);
    let annotators = selected_annotators(config)?;
    let mut stores = annotators.clone();
    if SledStore::gold_exists(&config.labels_dir) {
        stores.push(GOLD.to_owned());
    }
    // Closing a store takes a while (sled frees its cache): each store but
    // the last to be read is closed at once, while the others are still
    // being read; the last one goes back to the caller.
    let reading = std::sync::atomic::AtomicUsize::new(stores.len());
    let read = each_store(&stores, |name| {
        let store = SledStore::open_for_one_pass(&config.labels_dir, name)?;
        let sheet = sheet(&store, index, &names);
        let last = reading.fetch_sub(1, std::sync::atomic::Ordering::AcqRel) == 1;
        Ok((sheet?, last.then_some(store)))
    })?;
    let (mut sheets, stores): (Vec<Sheet>, Vec<Option<SledStore>>) = read.into_iter().unzip();
    let stores: Vec<SledStore> = stores.into_iter().flatten().collect();
    let gold = (sheets.len() > annotators.len()).then(|| sheets.pop().expect("the gold sheet"));
    Ok((names.finish(annotators, sheets, gold), stores))
}

fn sheet(store: &SledStore, index: &CorpusIndex, names: &VoteNames) -> Result<Sheet, CliError> {
    let mut sheet = SheetBuilder::new(index, names);
    store.view_labels(|view| {
        sheet.add(&view);
        Ok::<_, CliError>(())
    })?;
    Ok(sheet.finish())
}
