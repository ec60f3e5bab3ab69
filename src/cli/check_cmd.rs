//! `biaozhu check` and `biaozhu repair`: every store against its journal
//! (see `store::check`).

use super::progress::Step;
use super::{CliError, Config};
use crate::store::check::{check as check_store, repair as repair_store, stores};
use crate::store::check::{Fix, Health, Repaired};
use crate::text::sanitize::plain;
use std::io::Write;

/// The stores to look at: `--annotator` names (each must have a store or
/// a journal), else every one.
fn selected(config: &Config) -> Result<Vec<String>, CliError> {
    let all = stores(&config.labels_dir)?;
    if config.annotators.is_empty() {
        return Ok(all);
    }
    for name in &config.annotators {
        if !all.contains(name) {
            return Err(CliError::Usage(format!(
                "--annotator {}: no store or journal in {}; the stores there are: {}",
                plain(name),
                plain(&config.labels_dir.display().to_string()),
                if all.is_empty() {
                    "none".into()
                } else {
                    all.join(", ")
                }
            )));
        }
    }
    Ok(config.annotators.clone())
}

/// One line per store; exit 1 when any is damaged.
pub fn check(config: &Config, out: &mut dyn Write) -> Result<(), CliError> {
    let names = selected(config)?;
    let mut damaged = Vec::new();
    for name in &names {
        let checked = check_store(&config.labels_dir, name);
        let state = match &checked.health {
            Health::Sound => format!("sound, {} labels", checked.labels),
            Health::InUse { holder } => format!(
                "in use{}; its journal is sound ({} labels); check it again when it is closed",
                plain(holder),
                checked.labels
            ),
            Health::Damaged { what, fix } => {
                damaged.push(name.clone());
                let from = match fix {
                    Fix::StoreFromJournal => "rebuilds the store from its journal",
                    Fix::JournalFromStore => "writes its journal again from the store",
                };
                format!(
                    "DAMAGED: {}; `biaozhu repair --annotator {name}` {from}, losing nothing",
                    plain(what)
                )
            }
            Health::Lost { what } => {
                damaged.push(name.clone());
                format!(
                    "DAMAGED, both records: {}; keep copies of {name}.sled and {name}.journal",
                    plain(what)
                )
            }
        };
        writeln!(out, "{name}: {state}")?;
    }
    if names.is_empty() {
        writeln!(
            out,
            "no stores in {}",
            plain(&config.labels_dir.display().to_string())
        )?;
    }
    verdict(&damaged, names.len())
}

/// Ok when no store of `checked` is `damaged`, else a failure naming them.
pub fn verdict(damaged: &[String], checked: usize) -> Result<(), CliError> {
    if damaged.is_empty() {
        return Ok(());
    }
    Err(CliError::Failed(format!(
        "{} of {checked} stores damaged: {}",
        damaged.len(),
        damaged.join(", ")
    )))
}

/// Repair the selected stores that `check` finds damaged.
pub fn repair(config: &Config, out: &mut dyn Write) -> Result<(), CliError> {
    let names = selected(config)?;
    let step = Step::new("checking and repairing", "stores");
    step.total(names.len() as u64);
    for name in names {
        let repaired = repair_store(&config.labels_dir, &name)?;
        step.add(1);
        match repaired {
            Repaired::Nothing => writeln!(out, "{name}: sound, nothing to repair")?,
            Repaired::Rebuilt { fix, aside } => {
                let what = match fix {
                    Fix::StoreFromJournal => "store rebuilt from its journal",
                    Fix::JournalFromStore => "journal written again from the store",
                };
                let after = check_store(&config.labels_dir, &name);
                let kept = match aside {
                    Some(path) => format!(
                        "; the damaged copy is kept as {}",
                        plain(&path.display().to_string())
                    ),
                    None => String::new(),
                };
                writeln!(out, "{name}: {what} ({} labels){kept}", after.labels)?;
            }
        }
    }
    Ok(())
}
