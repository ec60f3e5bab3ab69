//! What several commands read the same way: the corpus paragraphs, the
//! schema, and the selected annotators' labels attached to the corpus.

use super::{CliError, Config};
use crate::attach::{attach, CorpusIndex};
use crate::corpus::{self, Paragraph};
use crate::schema::{Schema, SCHEMA_FILE};
use crate::store::{store_names, validate_annotator, Label, LabelStore, SledStore};
use rayon::prelude::*;

/// The corpus as paragraphs, in order.
pub fn paragraphs(config: &Config) -> Result<Vec<Paragraph>, CliError> {
    Ok(corpus::load(&config.corpus_dir, &config.reading)?.into_paragraphs())
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
    selected_annotators(config)?
        .into_par_iter()
        .map(|annotator| {
            let store = SledStore::open(&config.labels_dir, &annotator)?;
            let attached = index.attach(store.labels()?);
            let orphaned = attached.orphaned.len() + store.parked()?.len();
            Ok(AnnotatorLabels {
                annotator,
                labels: attached.labels,
                orphaned,
            })
        })
        .collect()
}

/// The gold set (`<labels>/gold.sled`, written by `biaozhu review`),
/// attached to `paragraphs` like an annotator's labels, as annotator
/// [`GOLD`](crate::store::GOLD). A usage error when there is none.
pub fn read_gold(config: &Config, paragraphs: &[Paragraph]) -> Result<AnnotatorLabels, CliError> {
    use crate::store::GOLD;
    if !SledStore::gold_exists(&config.labels_dir) {
        return Err(CliError::Usage(format!(
            "no gold set: {} does not exist; run `biaozhu review` first",
            SledStore::path_of(&config.labels_dir, GOLD).display()
        )));
    }
    // Only read: the name is what history entries would give as reviewer.
    let store = SledStore::open_gold(&config.labels_dir, "biaozhu")?;
    let attached = attach(paragraphs, store.labels()?);
    Ok(AnnotatorLabels {
        annotator: GOLD.to_owned(),
        orphaned: attached.orphaned.len() + store.parked()?.len(),
        labels: attached.labels,
    })
}
