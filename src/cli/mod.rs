//! The command-line shell: parse once into a validated config, run the
//! command, map failures to exit codes (2 bad usage or input, 1 runtime).

mod args;
mod corpus_cmd;

pub use args::Cli;

use crate::corpus::{CleanOptions, CorpusError, CorpusOptions, SegmentOptions};
use args::{Command, ReadingArgs};
use std::io::{self, Write};
use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl CliError {
    /// 2 for bad usage or input, 1 for runtime failures; 0 when the only
    /// trouble was a closed stdout (`biaozhu corpus --jsonl | head`).
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) | CliError::Corpus(_) => 2,
            CliError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
            CliError::Io(_) => 1,
        }
    }
}

/// What the user asked for, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub corpus_dir: PathBuf,
    pub labels_dir: PathBuf,
    pub reading: CorpusOptions,
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
    Ok(CorpusOptions {
        clean: CleanOptions {
            glosses: !r.no_glosses,
            page_chunks: !r.no_page_chunks,
            boilerplate: !r.no_boilerplate,
        },
        segment: SegmentOptions {
            max_chars: r.max_chars,
            max_heading_chars: r.max_heading_chars,
        },
    })
}

/// Run the parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), CliError> {
    let config = Config {
        corpus_dir: cli.global.corpus.clone(),
        labels_dir: cli.global.labels.clone(),
        reading: reading_options(&cli.global.reading)?,
    };
    match cli.command {
        Some(Command::Corpus { jsonl }) => corpus_cmd::run(&config, jsonl, out),
        None => corpus_cmd::run(&config, false, out),
    }
}
