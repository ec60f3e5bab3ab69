//! Walking the corpus dir: every file (recursive, hidden files and dirs
//! skipped), in a stable order, read and built in parallel.

use super::decode::decode;
use super::document::{build, CorpusOptions, DocReport, Document};
use super::Corpus;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum CorpusError {
    #[error("corpus dir {dir}: {source}")]
    Dir {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("corpus dir {dir} is not a directory")]
    NotADir { dir: PathBuf },
    #[error("corpus dir {dir}: {source}")]
    Walk {
        dir: PathBuf,
        #[source]
        source: walkdir::Error,
    },
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// The relative path of every file under `dir`, sorted, `/`-separated.
fn list_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, CorpusError> {
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
        let entry = entry.map_err(|source| CorpusError::Walk {
            dir: dir.to_owned(),
            source,
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        files.push((rel.join("/"), entry.into_path()));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
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

/// Read every file under `dir`. Only a missing or unreadable dir is an
/// error; bad files are skipped with a warning and the rest load.
pub fn load(dir: &Path, opts: &CorpusOptions) -> Result<Corpus, CorpusError> {
    let files = list_files(dir)?;
    let documents = files
        .par_iter()
        .map(|(doc, path)| read_document(doc, path, opts))
        .collect();
    Ok(Corpus { documents })
}
