//! `biaozhu import FILE…`: merge native JSONL into this labels dir.
//!
//! Reads and checks every file first (an unreadable one stops the import
//! with nothing written), reports each bad line on stderr as
//! `FILE:LINE: what is wrong`, imports the good ones ([`crate::import`]),
//! prints a summary on stdout, and exits 2 when any line was bad.

use super::progress::Step;
use super::{CliError, Config};
use crate::import::{self, Counts, Record, Summary};
use crate::text::count::{plural, thousands};
use crate::text::sanitize::{plain, plain_path, quoted};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

pub fn run(config: &Config, files: &[PathBuf], out: &mut dyn Write) -> Result<(), CliError> {
    for name in &config.annotators {
        crate::store::validate_annotator(name)?;
    }
    super::paths::check_labels(&config.labels_dir, super::paths::Labels::Write)?;
    let mut records: Vec<Record> = Vec::new();
    let mut bad = 0usize;
    let mut skipped = 0usize;
    let stderr = std::io::stderr();
    let mut err = std::io::BufWriter::new(stderr.lock());
    for path in files {
        let bytes = std::fs::read(path).map_err(|e| {
            CliError::Usage(format!(
                "cannot read {}: {e}; nothing imported",
                plain_path(path)
            ))
        })?;
        if let Some(kind) = import::foreign::recognise(&bytes) {
            writeln!(
                err,
                "{}: this is not native JSONL (it looks like {kind}); import reads what \
                 `biaozhu export --format native` writes; nothing imported from this file",
                plain_path(path)
            )?;
            bad += 1;
            continue;
        }
        let parsed = import::parse(&bytes);
        drop(bytes);
        for line in &parsed.bad {
            let shown = super::one_line(&line.message);
            writeln!(err, "{}:{}: {shown}", plain_path(path), line.line)?;
        }
        bad += parsed.bad.len();
        for record in parsed.records {
            if config.annotators.is_empty() || config.annotators.contains(&record.annotator) {
                records.push(record);
            } else {
                skipped += 1;
            }
        }
    }
    err.flush()?;
    drop(err);

    let unknown = unknown_names(&super::labels::schema(config)?, &records);
    let summary = if records.is_empty() {
        Summary::default()
    } else {
        let paragraphs = super::labels::paragraphs(config)?;
        if paragraphs.is_empty() {
            return Err(CliError::Usage(format!(
                "corpus dir {} has no paragraphs to attach the records to; nothing imported",
                plain_path(&config.corpus_dir)
            )));
        }
        let step = Step::new("importing", "records");
        step.total(records.len() as u64);
        import::apply_watched(&config.stores, &paragraphs, records, &|n| {
            step.add(n as u64)
        })?
    };
    write_summary(out, files.len(), &summary, bad)?;
    if skipped > 0 {
        writeln!(
            out,
            "note: {} of other annotators skipped (--annotator {})",
            plural(skipped, "record"),
            plain(&config.annotators.join(" --annotator "))
        )?;
    }
    for (what, names) in unknown {
        let listed: Vec<String> = names
            .iter()
            .map(|(name, n)| format!("{} ({})", quoted(name), plural(*n, "record")))
            .collect();
        writeln!(
            out,
            "warning: {what} not in the schema ({}): {}; stored as given — add them to the \
             schema to label with them",
            plain_path(&config.labels_dir.join(crate::schema::SCHEMA_FILE)),
            listed.join(", ")
        )?;
    }
    if bad > 0 {
        out.flush()?;
        return Err(CliError::Usage(format!(
            "{} skipped (listed above); the other records were imported",
            plural(bad, "bad line")
        )));
    }
    Ok(())
}

/// Section types and indicators the records use that the schema does not
/// define, each with how many records use it (none listed: empty).
fn unknown_names(
    schema: &crate::schema::Schema,
    records: &[Record],
) -> Vec<(&'static str, BTreeMap<String, usize>)> {
    let defined =
        |defs: &[crate::schema::LabelDef], name: &str| defs.iter().any(|d| d.name == name);
    let mut sections: BTreeMap<String, usize> = BTreeMap::new();
    let mut indicators: BTreeMap<String, usize> = BTreeMap::new();
    for r in records {
        if let Some(s) = r
            .label
            .section
            .as_deref()
            .filter(|s| !defined(&schema.sections, s))
        {
            *sections.entry(s.to_owned()).or_default() += 1;
        }
        for i in r
            .label
            .indicators
            .iter()
            .filter(|i| !defined(&schema.indicators, i))
        {
            *indicators.entry(i.clone()).or_default() += 1;
        }
    }
    [("section types", sections), ("indicators", indicators)]
        .into_iter()
        .filter(|(_, names)| !names.is_empty())
        .collect()
}

fn write_summary(
    out: &mut dyn Write,
    files: usize,
    summary: &Summary,
    bad: usize,
) -> std::io::Result<()> {
    let total = summary.total();
    let mut line = format!(
        "imported {}, {}: {}",
        plural(files, "file"),
        plural(total.records(), "record"),
        counts(&total)
    );
    if bad > 0 {
        line += &format!("; {} skipped", plural(bad, "bad line"));
    }
    writeln!(out, "{line}")?;
    if summary.annotators.len() > 1 {
        for (annotator, c) in &summary.annotators {
            writeln!(out, "  {}: {}", plain(annotator), counts(c))?;
        }
    }
    if summary.relocated > 0 || summary.kept_aside > 0 {
        let its = |n| if n == 1 { "its" } else { "their" };
        let mut notes = Vec::new();
        if summary.relocated > 0 {
            notes.push(format!(
                "{} followed {} text to a new index",
                plural(summary.relocated, "label"),
                its(summary.relocated)
            ));
        }
        if summary.kept_aside > 0 {
            notes.push(format!(
                "{} kept aside ({} text is no longer in the corpus)",
                plural(summary.kept_aside, "label"),
                its(summary.kept_aside)
            ));
        }
        writeln!(out, "note: already in the stores: {}", notes.join("; "))?;
    }
    Ok(())
}

/// `1,000 new, 200 updated, 30 unchanged` and the rarer outcomes when
/// there are any.
fn counts(c: &Counts) -> String {
    let mut s = format!(
        "{} new, {} updated, {} unchanged",
        thousands(c.new),
        thousands(c.updated),
        thousands(c.unchanged)
    );
    if c.older > 0 {
        s += &format!(
            ", {} older (the local label is as new or newer: kept)",
            thousands(c.older)
        );
    }
    if c.orphaned > 0 {
        s += &format!(
            ", {} orphaned (kept, not attached: their text is not in the corpus)",
            thousands(c.orphaned)
        );
    }
    if c.moved > 0 {
        s += &format!("; {} attached where their text moved", thousands(c.moved));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_plurals() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(plural(1, "file"), "1 file");
        assert_eq!(plural(1234, "record"), "1,234 records");
    }

    #[test]
    fn summary_line() {
        let mut summary = Summary::default();
        let c = Counts {
            new: 1000,
            updated: 200,
            unchanged: 30,
            older: 0,
            orphaned: 4,
            moved: 0,
        };
        summary.annotators.insert("alice".into(), c);
        let mut out = Vec::new();
        write_summary(&mut out, 3, &summary, 2).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "imported 3 files, 1,234 records: 1,000 new, 200 updated, 30 unchanged, \
             4 orphaned (kept, not attached: their text is not in the corpus); \
             2 bad lines skipped\n"
        );
    }
}
