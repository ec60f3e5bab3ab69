//! `biaozhu check` on a PostgreSQL store: every committed label, parked
//! label and history entry decodes, and the history is numbered 0, 1, 2…
//! without gaps. (The server keeps its own data safe; `repair` has no
//! second record to rebuild from there.)

use super::{CliError, Config};
use crate::store::{With, GOLD};
use std::io::Write;

/// One line per store; exit 1 when any does not read back.
pub fn check(config: &Config, out: &mut dyn Write) -> Result<(), CliError> {
    let mut names = if config.annotators.is_empty() {
        config.stores.names()?
    } else {
        super::labels::selected_annotators(config)?
    };
    if config.annotators.is_empty() && config.stores.gold_exists()? {
        names.push(GOLD.to_owned());
    }
    let mut damaged = Vec::new();
    for name in &names {
        let state = match read_back(config, name) {
            Ok(labels) => format!("sound, {labels} labels"),
            Err(why) => {
                damaged.push(name.clone());
                format!("DAMAGED: {}", super::one_line(&why))
            }
        };
        writeln!(out, "{name}: {state}")?;
    }
    if names.is_empty() {
        writeln!(out, "no stores in {}", config.stores.describe_all())?;
    }
    super::check_cmd::verdict(&damaged, names.len())
}

/// How many labels store `name` has, or why it does not read back.
fn read_back(config: &Config, name: &str) -> Result<usize, String> {
    let read = config
        .stores
        .read(name, With::History)
        .map_err(|e| e.to_string())?;
    let labels = read.labels().map_err(|e| e.to_string())?;
    read.parked().map_err(|e| e.to_string())?;
    let history = read.history().map_err(|e| e.to_string())?;
    if let Some((i, h)) = history.iter().enumerate().find(|(i, h)| h.seq != *i as u64) {
        return Err(format!(
            "history entry {} where {i} was expected: the history has a gap",
            h.seq
        ));
    }
    Ok(labels.len())
}

/// `biaozhu repair` has nothing to do on a database server.
pub fn repair(config: &Config) -> Result<(), CliError> {
    Err(CliError::Usage(format!(
        "repair: the stores are on {} (the server keeps them safe; there is no second record \
         here to rebuild from); `biaozhu check` verifies they read back",
        config.stores.describe_all()
    )))
}
