//! `biaozhu import --from-store STORE`: move a team between backends — every
//! store of STORE (`sled:DIR`, or a `postgres://` URL), gold included,
//! copied as it is (labels, parked labels, every history entry with its
//! number, time and author) into the empty stores of `--store`.

use super::{CliError, Config};
use crate::store::{Backend, Contents, Stores, With, GOLD};
use crate::text::count::{plural, thousands};
use std::io::Write;

pub fn run(config: &Config, from: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let (backend, dir) = Backend::parse(from)
        .map_err(|e| CliError::Usage(e.to_string().replacen("--store", "--from-store", 1)))?;
    let source = Stores {
        labels_dir: dir.unwrap_or_else(|| config.labels_dir.clone()),
        backend,
    };
    if source.describe_all() == config.stores.describe_all() {
        return Err(CliError::Usage(format!(
            "--from-store {}: that is where the stores are already (--store)",
            source.describe_all()
        )));
    }
    let mut names = source.names()?;
    if !config.annotators.is_empty() {
        names.retain(|n| config.annotators.contains(n));
    }
    if source.gold_exists()? && config.annotators.is_empty() {
        names.push(GOLD.to_owned());
    }
    // Every target store held before anything is written: one in use, or
    // not empty, stops the move with nothing changed.
    let mut targets = Vec::with_capacity(names.len());
    for name in &names {
        let target = config.stores.open_any(name, "import")?;
        if !target.labels()?.is_empty()
            || !target.parked()?.is_empty()
            || !target.history()?.is_empty()
        {
            return Err(crate::store::StoreError::NotEmpty {
                path: config.stores.describe(name).into(),
            }
            .into());
        }
        targets.push(target);
    }
    for (name, mut target) in names.iter().zip(targets) {
        let read = source.read(name, With::History)?;
        let contents = Contents {
            labels: read.labels()?,
            parked: read.parked()?,
            history: read.history()?,
        };
        drop(read);
        target.copy_in(&contents)?;
        writeln!(
            out,
            "{name}: {}, {}, {} copied from {} to {}",
            plural(contents.labels.len(), "label"),
            plural(contents.parked.len(), "parked label"),
            format_args!("{} history entries", thousands(contents.history.len())),
            source.describe(name),
            config.stores.describe(name)
        )?;
    }
    if names.is_empty() {
        writeln!(out, "no stores in {}", source.describe_all())?;
    }
    Ok(())
}
