//! Walking the corpus dir: every file (recursive, hidden files and dirs
//! skipped), in a stable order, read and built in parallel.

use super::decode::decode;
use super::document::{build, CorpusOptions, DocReport, Document};
use super::{Corpus, Identities};
use crate::text::sanitize::{plain, plain_path};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum CorpusError {
    #[error("corpus dir {}: {source}", plain_path(.dir))]
    Dir {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("corpus dir {} is not a directory", plain_path(.dir))]
    NotADir { dir: PathBuf },
    #[error("corpus dir {}: {}", plain_path(.dir), plain(&.source.to_string()))]
    Walk {
        dir: PathBuf,
        #[source]
        source: walkdir::Error,
    },
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// A file to read, or an entry the walk could not follow.
pub(super) enum Entry {
    File(String, PathBuf),
    Broken(String, String),
}

fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Every file under `dir`, sorted by relative path (`/`-separated). An entry
/// that cannot be followed (dangling symlink, loop, unreadable subdir) is
/// listed as broken; only an unusable `dir` itself is an error.
pub(super) fn list_files(dir: &Path) -> Result<Vec<Entry>, CorpusError> {
    let meta = std::fs::metadata(dir).map_err(|source| CorpusError::Dir {
        dir: dir.to_owned(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(CorpusError::NotADir {
            dir: dir.to_owned(),
        });
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                files.push(Entry::File(relative(dir, entry.path()), entry.into_path()))
            }
            Ok(_) => {}
            Err(e) if e.depth() == 0 => {
                return Err(CorpusError::Walk {
                    dir: dir.to_owned(),
                    source: e,
                })
            }
            Err(e) => {
                let rel = e
                    .path()
                    .map_or_else(|| "?".to_owned(), |p| relative(dir, p));
                let why = match e.io_error() {
                    Some(io) => io.to_string(),
                    None => e.to_string(),
                };
                files.push(Entry::Broken(rel, why));
            }
        }
    }
    files.sort_by(|a, b| key(a).cmp(key(b)));
    Ok(files)
}

fn key(e: &Entry) -> &str {
    match e {
        Entry::File(rel, _) | Entry::Broken(rel, _) => rel,
    }
}

fn skipped(doc: &str, why: String) -> Document {
    Document {
        report: DocReport {
            doc: doc.to_owned(),
            warnings: vec![format!("skipped: {why}")],
            ..DocReport::default()
        },
        paragraphs: Vec::new(),
    }
}

/// Read one file into a document; a file that cannot be read or decoded
/// becomes a skipped document with a warning naming why.
pub fn read_document(doc: &str, path: &Path, opts: &CorpusOptions) -> Document {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return skipped(doc, e.to_string()),
    };
    match decode(&bytes) {
        Ok(d) => build(doc, &d.text, d.encoding, opts),
        Err(e) => skipped(doc, e.to_string()),
    }
}

/// Read one listed entry: a file into a document, a broken entry into a
/// skipped one.
pub(super) fn read_entry(entry: &Entry, opts: &CorpusOptions) -> Document {
    match entry {
        Entry::File(doc, path) => read_document(doc, path, opts),
        Entry::Broken(doc, why) => skipped(doc, why.clone()),
    }
}

/// Told how reading goes: how many files there are, then each one read
/// (from any of the reading threads). For a progress bar.
pub trait Watch: Sync {
    fn listed(&self, _files: usize) {}
    fn read(&self) {}
}

/// Nobody watching.
pub struct Unwatched;

impl Watch for Unwatched {}

/// Read every file under `dir`. Only a missing or unreadable dir is an
/// error; bad files are skipped with a warning and the rest load.
pub fn load(dir: &Path, opts: &CorpusOptions) -> Result<Corpus, CorpusError> {
    load_watched(dir, opts, &Unwatched)
}

/// [`load`], telling `watch` how it goes.
pub fn load_watched(
    dir: &Path,
    opts: &CorpusOptions,
    watch: &dyn Watch,
) -> Result<Corpus, CorpusError> {
    let files = list_files(dir)?;
    watch.listed(files.len());
    let documents = files
        .par_iter()
        .map(|entry| {
            let document = read_entry(entry, opts);
            watch.read();
            document
        })
        .collect();
    Ok(Corpus { documents })
}

/// [`load`], keeping of each paragraph only what places a label on it:
/// its document and content hash ([`Identities`]; each file's text is
/// dropped as soon as it is read). Skipped files have no paragraphs and
/// leave no trace.
pub fn load_identities(dir: &Path, opts: &CorpusOptions) -> Result<Identities, CorpusError> {
    load_identities_watched(dir, opts, &Unwatched)
}

/// [`load_identities`], telling `watch` how it goes.
pub fn load_identities_watched(
    dir: &Path,
    opts: &CorpusOptions,
    watch: &dyn Watch,
) -> Result<Identities, CorpusError> {
    let files = list_files(dir)?;
    watch.listed(files.len());
    let parts: Vec<Identities> = files
        .par_iter()
        .map(|entry| {
            let part = match entry {
                Entry::File(doc, path) => Identities::of([read_document(doc, path, opts)]),
                Entry::Broken(..) => Identities::default(),
            };
            watch.read();
            part
        })
        .collect();
    let mut all = Identities::default();
    for part in parts {
        all.append(part);
    }
    Ok(all)
}
