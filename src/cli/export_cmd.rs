//! `biaozhu export`: gather the labels, filter them, and write them in the
//! chosen format to stdout (streamed), to a file, or split into
//! train/dev/test files (each written atomically: temp file + rename).

use super::args::{DoccanoTask, Format};
use super::paths::{check_labels, check_output_dir, check_output_file, io_error};
use super::{CliError, Config};
use crate::attach::Slot;
use crate::corpus::Paragraph;
use crate::export::split::{self, Ratios, SPLITS};
use crate::export::{Encoder, ExportFormat};
use crate::schema::Schema;
use crate::store::Label;
use crate::text::sanitize::{plain, plain_path};
use std::collections::BTreeSet;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// What `biaozhu export` was asked for.
#[derive(Debug, Clone)]
pub struct Request {
    pub format: Format,
    pub doccano_task: DoccanoTask,
    pub output: Option<PathBuf>,
    pub sections: Vec<String>,
    pub only_complete: bool,
    pub split: Option<String>,
    pub seed: u64,
    /// The gold set instead of annotators' labels.
    pub gold: bool,
}

/// Every annotator's labels (or the gold set's) attached to the corpus.
struct Gathered {
    paragraphs: Vec<Paragraph>,
    /// `(annotator, labels parallel to paragraphs)`; with `--gold`, just
    /// `(GOLD, gold labels)`.
    annotators: Vec<(String, Vec<Slot>)>,
}

impl Gathered {
    /// The labels of paragraph `i` that pass the filters, in annotator order.
    fn labels_of<'a>(&'a self, i: usize, request: &Request) -> Vec<(&'a str, &'a Label)> {
        self.annotators
            .iter()
            .filter_map(|(who, labels)| Some((who.as_str(), labels[i].as_deref()?)))
            .filter(|(_, l)| !request.only_complete || l.done)
            .filter(|(_, l)| {
                request.sections.is_empty()
                    || l.section
                        .as_ref()
                        .is_some_and(|s| request.sections.contains(s))
            })
            .collect()
    }
}

pub fn run(config: &Config, request: &Request, out: &mut dyn Write) -> Result<(), CliError> {
    if request.gold && !config.annotators.is_empty() {
        return Err(CliError::Usage(format!(
            "--gold exports the gold set, not annotators' labels: drop --annotator {}",
            plain(&config.annotators.join(" --annotator "))
        )));
    }
    let ratios = split_ratios(request)?;
    check_labels(&config.labels_dir, config.labels_for_reading())?;
    match (&request.output, ratios) {
        (Some(dir), Some(_)) => check_output_dir(dir)?,
        (Some(path), None) => check_output_file(path)?,
        (None, _) => {}
    }
    let format = export_format(request.format, request.doccano_task);
    let schema = super::labels::schema(config)?;
    let paragraphs = super::labels::paragraphs(config)?;
    let gathered = gather(config, request.gold, paragraphs)?;
    if gathered.annotators.is_empty() {
        return Err(CliError::Usage(format!(
            "--labels {}: no annotator has labels there (no store holds a label); nothing to export",
            plain_path(&config.labels_dir)
        )));
    }
    check_sections(request, &schema, &gathered)?;

    let mut tally = Tally::default();
    let mut encode_docs = |w: &mut dyn Write, keep: &dyn Fn(&str) -> bool| {
        encode(w, format, &schema, &gathered, request, keep, &mut tally)
    };
    match (&request.output, ratios) {
        (None, _) => encode_docs(out, &|_| true)?,
        (Some(path), None) => write_atomically_with(path, |w| encode_docs(w, &|_| true))
            .map_err(|e| io_error("-o: writing", path, e))?,
        (Some(dir), Some(ratios)) => {
            std::fs::create_dir_all(dir).map_err(|e| io_error("-o: creating", dir, e))?;
            let docs = doc_weights(&gathered, request);
            let assigned = split::assign(&docs, ratios, request.seed);
            for (k, name) in SPLITS.iter().enumerate() {
                let chosen: BTreeSet<&str> = docs
                    .iter()
                    .zip(&assigned)
                    .filter(|(_, s)| **s == k)
                    .map(|(d, _)| d.0)
                    .collect();
                let path = dir.join(format!("{name}.{}", format.extension()));
                write_atomically_with(&path, |w| encode_docs(w, &|d| chosen.contains(d)))
                    .map_err(|e| io_error("-o: writing", &path, e))?;
            }
        }
    }
    if format == ExportFormat::DoccanoSpans && tally.considered > tally.records {
        eprintln!(
            "biaozhu: {} labels have no spans: not in the --doccano-task spans export",
            tally.considered - tally.records
        );
    }
    Ok(())
}

fn export_format(format: Format, task: DoccanoTask) -> ExportFormat {
    match (format, task) {
        (Format::Native, _) => ExportFormat::Native,
        (Format::Prodigy, _) => ExportFormat::Prodigy,
        (Format::Doccano, DoccanoTask::Classification) => ExportFormat::DoccanoClassification,
        (Format::Doccano, DoccanoTask::Spans) => ExportFormat::DoccanoSpans,
        (Format::LabelStudio, _) => ExportFormat::LabelStudio,
    }
}

/// `--split` parsed, and only with `-o DIR`.
fn split_ratios(request: &Request) -> Result<Option<Ratios>, CliError> {
    let Some(value) = &request.split else {
        return Ok(None);
    };
    let ratios = value
        .parse::<Ratios>()
        .map_err(|why| CliError::Usage(format!("--split {}: {why}", plain(value))))?;
    match &request.output {
        None => Err(CliError::Usage(format!(
            "--split {}: needs -o DIR, the directory that gets train/dev/test files",
            plain(value)
        ))),
        Some(dir) if dir.is_file() => Err(CliError::Usage(format!(
            "--split {}: -o {} is a file; with --split, -o names a directory",
            plain(value),
            plain_path(dir)
        ))),
        Some(_) => Ok(Some(ratios)),
    }
}

/// Every selected annotator's labels, or with `gold` the gold set's,
/// attached to the corpus as read now.
fn gather(config: &Config, gold: bool, paragraphs: Vec<Paragraph>) -> Result<Gathered, CliError> {
    let read = if gold {
        vec![super::labels::read_gold(config, &paragraphs)?]
    } else {
        super::labels::read_labels(config, &paragraphs)?
    };
    let orphaned: usize = read.iter().map(|r| r.orphaned).sum();
    if orphaned > 0 {
        eprintln!("biaozhu: {orphaned} labels not exported: their paragraph text is no longer in the corpus (kept in the store)");
    }
    Ok(Gathered {
        paragraphs,
        annotators: read.into_iter().map(|r| (r.annotator, r.labels)).collect(),
    })
}

/// A `--section` name must be a section type of the schema or of some label.
fn check_sections(request: &Request, schema: &Schema, gathered: &Gathered) -> Result<(), CliError> {
    for name in &request.sections {
        let known = schema.section(name).is_some()
            || gathered
                .annotators
                .iter()
                .flat_map(|(_, labels)| labels.iter().flatten())
                .any(|l| l.section.as_deref() == Some(name));
        if !known {
            let names: Vec<&str> = schema.sections.iter().map(|s| s.name.as_str()).collect();
            return Err(CliError::Usage(format!(
                "--section {}: no such section type in the schema or in any label (sections: {})",
                plain(name),
                names.join(", ")
            )));
        }
    }
    Ok(())
}

/// Each document with its number of label records passing the filters, in
/// corpus order.
fn doc_weights<'a>(gathered: &'a Gathered, request: &Request) -> Vec<(&'a str, usize)> {
    let mut docs: Vec<(&str, usize)> = Vec::new();
    for (i, p) in gathered.paragraphs.iter().enumerate() {
        let n = gathered.labels_of(i, request).len();
        match docs.last_mut() {
            Some((doc, count)) if *doc == p.doc => *count += n,
            _ => docs.push((&p.doc, n)),
        }
    }
    docs
}

/// Labels that passed the filters, and the records written of them.
#[derive(Debug, Default)]
struct Tally {
    considered: usize,
    records: usize,
}

/// Writes the paragraphs of the documents `keep` accepts in `format`,
/// counting into `tally`.
/// Paragraphs between two moves of the export's progress bar.
const PROGRESS_EVERY: usize = 4096;

fn encode(
    out: &mut dyn Write,
    format: ExportFormat,
    schema: &Schema,
    gathered: &Gathered,
    request: &Request,
    keep: &dyn Fn(&str) -> bool,
    tally: &mut Tally,
) -> io::Result<()> {
    let mut encoder = Encoder::new(format, schema);
    encoder.begin(out)?;
    let step = super::progress::Step::new("exporting", "paragraphs");
    step.total(gathered.paragraphs.len() as u64);
    for (i, p) in gathered.paragraphs.iter().enumerate() {
        if i % PROGRESS_EVERY == 0 {
            step.add(i.min(PROGRESS_EVERY) as u64);
        }
        if !keep(&p.doc) {
            continue;
        }
        let labels = gathered.labels_of(i, request);
        if labels.is_empty() {
            continue;
        }
        tally.considered += labels.len();
        encoder.paragraph(out, p, &labels)?;
    }
    encoder.finish(out)?;
    tally.records += encoder.records;
    Ok(())
}

/// Write to a temp file next to `path` through `fill`, flush it to disk,
/// rename into place: readers see the old file or the whole new one.
pub fn write_atomically_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = super::paths::parent_of(path);
    let name = path
        .file_name()
        .map_or("export".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut w = BufWriter::with_capacity(1 << 16, std::fs::File::create(&tmp)?);
        fill(&mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
