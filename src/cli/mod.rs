//! The command-line shell: parse once into a validated config, run the
//! command, map failures to exit codes (2 bad usage or input, 1 runtime).

mod agree_cmd;
mod annotate_cmd;
mod args;
mod check_cmd;
mod check_rows;
mod corpus_cmd;
mod export_cmd;
mod import_cmd;
mod import_stores;
pub mod labels;
mod learner;
mod new_annotator;
pub mod paths;
mod person;
mod progress;
mod review_cmd;
mod review_queue;
mod stats_cmd;
mod suggest_cmd;

pub use args::Cli;
pub use person::person;

use crate::corpus::{CleanOptions, CorpusError, CorpusOptions, SegmentOptions};
use crate::store::StoreError;
use crate::text::sanitize::{plain, quoted};
use crate::tui::terminal::{not_terminals, Closed};
use args::{Command, ReadingArgs};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    /// A runtime failure said in words (`check`: a damaged store; a file
    /// that cannot be written).
    #[error("{0}")]
    Failed(String),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Schema(#[from] crate::schema::SchemaError),
    #[error(transparent)]
    Store(crate::store::StoreError),
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A screen session that ended otherwise than by a quit with
    /// everything saved.
    #[error("{0}")]
    Ended(Closed),
}

impl CliError {
    /// 2 for bad usage or input, 1 for runtime failures; 0 when the only
    /// trouble was a closed stdout (`biaozhu corpus --jsonl | head`).
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) | CliError::Corpus(_) | CliError::Schema(_) => 2,
            CliError::Store(
                StoreError::Locked { .. }
                | StoreError::BadTarget { .. }
                | StoreError::NotEmpty { .. }
                | StoreError::InvalidAnnotator { .. }
                | StoreError::InvalidDoc { .. },
            ) => 2,
            CliError::Store(StoreError::Io { source, .. })
                if paths::is_input_fault(source.kind()) =>
            {
                2
            }
            CliError::Store(_) | CliError::Failed(_) => 1,
            CliError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
            CliError::Io(_) => 1,
            CliError::Ended(closed) => closed.exit_code(),
        }
    }
}

/// What the user asked for, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub corpus_dir: PathBuf,
    /// Holds `schema.toml` (and the sled stores, or the outboxes of a
    /// database's stores).
    pub labels_dir: PathBuf,
    /// Where the stores are (`--store`, `BIAOZHU_STORE`).
    pub stores: crate::store::Stores,
    pub annotators: Vec<String>,
    pub reading: CorpusOptions,
}

impl Config {
    /// How a reading command uses the labels dir: the stores' home, or
    /// (stores on a database server) only the schema's.
    pub fn labels_for_reading(&self) -> paths::Labels {
        if self.stores.is_remote() {
            paths::Labels::Schema
        } else {
            paths::Labels::Read
        }
    }

    /// The one annotator who labels: `--annotator`, else the login name.
    pub fn annotator(&self) -> Result<String, CliError> {
        match self.annotators.as_slice() {
            [] => person(None, "--annotator"),
            [one] => person(Some(one), "--annotator"),
            many => Err(CliError::Usage(format!(
                "--annotator given {} times ({}): labeling is done as one annotator",
                many.len(),
                many.iter().map(|n| plain(n)).collect::<Vec<_>>().join(", ")
            ))),
        }
    }
}

impl From<StoreError> for CliError {
    /// An invalid name is quoted through [`plain`]: it can be anything a
    /// user typed or a file held (ESC, a megabyte of it).
    fn from(err: StoreError) -> CliError {
        match err {
            StoreError::InvalidAnnotator { name, reason } => CliError::Usage(format!(
                "invalid annotator name {}: {}",
                quoted(&name),
                plain(&reason)
            )),
            err => CliError::Store(err),
        }
    }
}

/// Refuse to start a screen without a terminal (`biaozhu < /dev/null`,
/// `ssh host biaozhu` without `-t`): a usage error naming `what` and the
/// stream at fault, with `instead` (what scripts can use) after it. Call it
/// before anything is created.
pub fn require_terminal(what: &str, instead: &str) -> Result<(), CliError> {
    match not_terminals(io::stdin().is_terminal(), io::stdout().is_terminal()) {
        None => Ok(()),
        Some(which) => Err(CliError::Usage(format!(
            "{what} needs a terminal ({which}); {instead}"
        ))),
    }
}

/// Longest message line, in characters: a longer one keeps its start and
/// its end (where the reason is) around a `…`.
pub const MESSAGE_MAX: usize = 1000;

/// The one line `biaozhu: …` shows for `err` on stderr. Values the
/// messages quote are cut with [`plain`] where they are built; this line
/// is also sanitized as a whole (so a message made anywhere, such as a
/// store's naming a path, shows no control, bidi or invisible character
/// and no line break) and cut to [`MESSAGE_MAX`] characters.
pub fn message(err: &CliError) -> String {
    one_line(&err.to_string())
}

/// `text` as one safe line of at most [`MESSAGE_MAX`] characters: the
/// stand-ins of [`crate::text::sanitize`] (a line break shows as `␤`),
/// and the middle cut out of a longer one.
pub fn one_line(text: &str) -> String {
    let shown = crate::text::sanitize(text).text;
    let chars = shown.chars().count();
    if chars <= MESSAGE_MAX {
        return shown;
    }
    let head = MESSAGE_MAX * 2 / 3;
    let tail = MESSAGE_MAX - head - 1;
    let start: String = shown.chars().take(head).collect();
    let end: String = shown.chars().skip(chars - tail).collect();
    format!("{start}…{end}")
}

fn reading_options(r: &ReadingArgs) -> Result<CorpusOptions, CliError> {
    if r.max_chars < 20 {
        return Err(CliError::Usage(format!(
            "--max-chars {}: must be at least 20",
            r.max_chars
        )));
    }
    if r.max_heading_chars == 0 || r.max_heading_chars > r.max_chars {
        return Err(CliError::Usage(format!(
            "--max-heading-chars {}: must be between 1 and --max-chars ({})",
            r.max_heading_chars, r.max_chars
        )));
    }
    let rules = match &r.rules_off {
        Some(list) => crate::corpus::Rules::parse_off(list)
            .map_err(|e| CliError::Usage(format!("--rules-off {}: {e}", plain(list))))?,
        None => crate::corpus::Rules::all(),
    };
    Ok(CorpusOptions {
        clean: CleanOptions {
            glosses: !r.no_glosses,
            page_chunks: !r.no_page_chunks,
            boilerplate: !r.no_boilerplate,
            rules,
        },
        segment: SegmentOptions {
            max_chars: r.max_chars,
            max_heading_chars: r.max_heading_chars,
        },
    })
}

/// Load the corpus, schema and store as `biaozhu annotate` does and draw
/// the first frame off screen: what start-up costs (the start-up benchmark).
pub fn startup_frame(
    cli: Cli,
    width: u16,
    height: u16,
) -> Result<ratatui::buffer::Buffer, CliError> {
    let config = config(&cli)?;
    let mut session = annotate_cmd::open(&config)?;
    crate::annotate::update(
        &mut session.model,
        crate::annotate::Action::Resize { width, height },
    );
    // TestBackend cannot fail: its error type is Infallible.
    let Ok(mut terminal) =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height));
    let Ok(_) = terminal.draw(|f| crate::annotate::render(&session.model, f));
    Ok(terminal.backend().buffer().clone())
}

/// The environment variable that names the store when `--store` does not.
pub const STORE_ENV: &str = "BIAOZHU_STORE";

/// `--store`, else `$BIAOZHU_STORE`, else sled in `--labels`.
fn stores(cli: &Cli) -> Result<crate::store::Stores, CliError> {
    let given = match &cli.global.store {
        Some(value) => Some(value.clone()),
        None => std::env::var(STORE_ENV).ok().filter(|v| !v.is_empty()),
    };
    let (backend, dir) = match given {
        Some(value) => crate::store::Backend::parse(&value).map_err(|e| match e {
            StoreError::BadTarget { value, reason } => CliError::Usage(format!(
                "{} {value}: {reason}",
                if cli.global.store.is_some() {
                    "--store".to_owned()
                } else {
                    format!("${STORE_ENV}")
                }
            )),
            e => CliError::from(e),
        })?,
        None => (crate::store::Backend::Sled, None),
    };
    Ok(crate::store::Stores {
        labels_dir: dir.unwrap_or_else(|| cli.global.labels.clone()),
        backend,
    })
}

fn config(cli: &Cli) -> Result<Config, CliError> {
    let stores = stores(cli)?;
    Ok(Config {
        corpus_dir: cli.global.corpus.clone(),
        labels_dir: stores.labels_dir.clone(),
        stores,
        annotators: cli.global.annotator.clone(),
        reading: reading_options(&cli.global.reading)?,
    })
}

/// Run the parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), CliError> {
    progress::set_quiet(cli.global.quiet);
    let config = config(&cli)?;
    let annotating = matches!(cli.command, Some(Command::Annotate) | None);
    if cli.global.new_annotator && !annotating {
        return Err(CliError::Usage(
            "--new-annotator: only for the labeling screen (`biaozhu` / `biaozhu annotate`)".into(),
        ));
    }
    if matches!(cli.command, Some(Command::Corpus { .. })) && !config.annotators.is_empty() {
        return Err(CliError::Usage(
            "--annotator: `biaozhu corpus` reads no labels, so it takes no annotator".into(),
        ));
    }
    match cli.command {
        Some(Command::Corpus { jsonl }) => corpus_cmd::run(&config, jsonl, out),
        Some(Command::Check) if config.stores.is_remote() => check_rows::check(&config, out),
        Some(Command::Repair) if config.stores.is_remote() => check_rows::repair(&config),
        Some(Command::Check) => check_cmd::check(&config, out),
        Some(Command::Repair) => check_cmd::repair(&config, out),
        Some(Command::Export {
            format,
            doccano_task,
            output,
            section,
            only_complete,
            split,
            seed,
            gold,
        }) => {
            let request = export_cmd::Request {
                format,
                doccano_task,
                output,
                sections: section,
                only_complete,
                split,
                seed,
                gold,
            };
            export_cmd::run(&config, &request, out)
        }
        Some(Command::Agree { json }) => agree_cmd::run(&config, json, out),
        Some(Command::Stats { json, html, by_doc }) => {
            let request = stats_cmd::Request { json, html, by_doc };
            stats_cmd::run(&config, &request, out)
        }
        Some(Command::Suggest { jsonl }) => {
            let request = suggest_cmd::Request {
                jsonl,
                learn_from: cli.global.learn_from.clone(),
            };
            suggest_cmd::run(&config, &request, out)
        }
        Some(Command::Import {
            from_store: Some(from),
            ..
        }) => import_stores::run(&config, &from, out),
        Some(Command::Import { files, .. }) => import_cmd::run(&config, &files, out),
        Some(Command::Review {
            reviewer,
            review_unanimous,
            queue,
        }) => {
            let request = review_cmd::Request {
                reviewer,
                review_unanimous,
                queue,
            };
            review_cmd::run(&config, &request, out)
        }
        Some(Command::Annotate) | None => {
            let request = annotate_cmd::Request {
                new_annotator: cli.global.new_annotator,
                suggesting: if cli.global.no_suggest {
                    crate::annotate::prefill::Suggesting::Off
                } else {
                    crate::annotate::prefill::Suggesting::On {
                        control_percent: cli.global.control_share,
                    }
                },
                learn_from: cli.global.learn_from.clone(),
                order: match cli.global.order {
                    args::OrderArg::Corpus => crate::annotate::order::Order::Corpus,
                    args::OrderArg::Uncertain => crate::annotate::order::Order::Uncertain,
                },
            };
            annotate_cmd::run(&config, &request, out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_one_safe_line_of_bounded_length() {
        assert_eq!(one_line("路径 \"a\u{1b}[2J\"\nnext"), "路径 \"a␛[2J\"␤next");
        let long = format!("start {} end: the reason", "x".repeat(10 << 20));
        let line = one_line(&long);
        assert_eq!(line.chars().count(), MESSAGE_MAX);
        assert!(line.starts_with("start xxx") && line.ends_with("xxx end: the reason"));
    }

    #[test]
    fn an_invalid_annotator_name_is_quoted_short() {
        let name = format!("\u{1b}]0;x\u{7}{}", "a".repeat(1 << 20));
        let err = CliError::from(crate::store::validate_annotator(&name).unwrap_err());
        assert_eq!(err.exit_code(), 2);
        let shown = message(&err);
        assert!(
            shown.starts_with("invalid annotator name \"␛]0;x␇aaa"),
            "{shown}"
        );
        assert!(shown.len() < 400, "{shown}");
    }
}
