//! `biaozhu stats`: where the labeling stands — as text (80 columns),
//! `--json`, or a self-contained page (`--html FILE`). Reads the stores'
//! journals like `agree`, so it works while screens are open.

use super::{CliError, Config};
use crate::attach::CorpusIndex;
use crate::review::gold::add_gold;
use crate::review::items::build;
use crate::review::report::report;
use crate::stats::figures::{stats, Inputs};
use crate::store::now_rfc3339;
use crate::text::sanitize::plain_path;
use std::io::Write;
use std::path::PathBuf;

/// What `biaozhu stats` was asked for.
pub struct Request {
    pub json: bool,
    pub html: Option<PathBuf>,
    pub by_doc: bool,
}

pub fn run(config: &Config, request: &Request, out: &mut dyn Write) -> Result<(), CliError> {
    super::paths::check_labels(&config.labels_dir, config.labels_for_reading())?;
    if let Some(path) = &request.html {
        super::paths::check_output_file(path)?;
    }
    let corpus = super::labels::identities(config)?;
    let schema = super::labels::schema(config)?;
    let (votes, stores) =
        super::labels::read_votes(config, &CorpusIndex::of_identities(&corpus), &schema)?;
    // The stores (sled's caches) are large and no longer needed: freed on
    // another thread while the figures are computed.
    let gold_exists = config.stores.gold_exists()?;
    let figures = std::thread::scope(|scope| {
        scope.spawn(move || drop(stores));
        let items = build(&votes);
        let mut agreement = report(&items, &votes);
        add_gold(&mut agreement, &votes);
        stats(&Inputs {
            votes: &votes,
            report: &agreement,
            docs: &corpus.docs,
            gold_exists,
            zh: schema
                .sections
                .iter()
                .chain(&schema.indicators)
                .map(|d| (d.name.clone(), d.zh.clone()))
                .collect(),
            by_doc: request.by_doc,
        })
    });
    let when = now_rfc3339();
    if let Some(path) = &request.html {
        let page = crate::stats::html::page(&figures, &when);
        super::export_cmd::write_atomically_with(path, |w| w.write_all(page.as_bytes()))
            .map_err(|e| super::paths::io_error("writing the stats page to", path, e))?;
        writeln!(
            out,
            "biaozhu stats: the page is in {} ({} KB)",
            plain_path(path),
            page.len().div_ceil(1024)
        )?;
    } else if request.json {
        serde_json::to_writer(&mut *out, &figures).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    } else {
        out.write_all(crate::stats::text::text(&figures, &when).as_bytes())?;
    }
    Ok(())
}
