//! `biaozhu export`: labels as JSONL, to stdout or atomically to a file.

use super::args::Format;
use super::{CliError, Config};
use crate::attach::attach;
use crate::corpus;
use crate::export::native_record;
use crate::store::{store_names, LabelStore, SledStore};
use std::io::Write;
use std::path::Path;

pub fn run(
    config: &Config,
    format: Format,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let corpus = corpus::load(&config.corpus_dir, &config.reading)?;
    let paragraphs: Vec<corpus::Paragraph> = corpus.paragraphs().cloned().collect();
    let annotators = if config.annotators.is_empty() {
        store_names(&config.labels_dir)?
    } else {
        for a in &config.annotators {
            crate::store::validate_annotator(a)?;
            if !SledStore::path_of(&config.labels_dir, a).exists() {
                return Err(CliError::Usage(format!(
                    "--annotator {a}: no store {} ",
                    SledStore::path_of(&config.labels_dir, a).display()
                )));
            }
        }
        config.annotators.clone()
    };
    let mut buffer = Vec::new();
    let mut orphaned = 0;
    for annotator in &annotators {
        let store = SledStore::open(&config.labels_dir, annotator)?;
        let attached = attach(&paragraphs, store.labels()?);
        // Orphans still in place (never opened in the screen since the
        // corpus changed) and those already parked.
        orphaned += attached.orphaned.len() + store.parked()?.len();
        for (p, label) in paragraphs.iter().zip(&attached.labels) {
            let Some(label) = label else { continue };
            match format {
                Format::Native => {
                    serde_json::to_writer(&mut buffer, &native_record(p, annotator, label))
                        .map_err(std::io::Error::from)?
                }
            }
            buffer.push(b'\n');
            if output.is_none() && buffer.len() > 1 << 16 {
                out.write_all(&buffer)?;
                buffer.clear();
            }
        }
    }
    if orphaned > 0 {
        eprintln!("biaozhu: {orphaned} labels not exported: their paragraph text is no longer in the corpus (kept in the store)");
    }
    match output {
        Some(path) => write_atomically(path, &buffer)?,
        None => out.write_all(&buffer)?,
    }
    Ok(())
}

/// Write to a temp file next to `path`, flush it to disk, rename into place:
/// readers see the old file or the whole new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or("export".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
