//! The command line as clap sees it. Turned once into a validated `Config`
//! by `cli::config`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  biaozhu corpus                      how ./corpus was read: encodings, paragraphs, cleaning
  biaozhu corpus --jsonl | head       every paragraph as JSON lines
  biaozhu --corpus ~/reports corpus   read another corpus dir
  biaozhu corpus --no-page-chunks     keep viewer page chunks as they are";

#[derive(Debug, Parser)]
#[command(
    name = "biaozhu",
    version,
    about = "标注 — label Chinese government work reports in the terminal",
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The report corpus: every file under it, recursively.
    #[arg(long, global = true, value_name = "DIR", default_value = "corpus")]
    pub corpus: PathBuf,
    /// Holds schema.toml and the per-annotator label stores.
    #[arg(long, global = true, value_name = "DIR", default_value = "labels")]
    pub labels: PathBuf,
    /// Who is labeling (default: $USER).
    #[arg(long, global = true, value_name = "NAME")]
    pub annotator: Option<String>,
    #[command(flatten)]
    pub reading: ReadingArgs,
}

/// How the corpus is cleaned and segmented.
#[derive(Debug, Args)]
pub struct ReadingArgs {
    /// Keep pinyin glosses such as 衛(wèi)生.
    #[arg(long, global = true)]
    pub no_glosses: bool,
    /// Keep document-viewer page chunks (1、… 2、…) as separate lines.
    #[arg(long, global = true)]
    pub no_page_chunks: bool,
    /// Do not mark web noise as suggested boilerplate.
    #[arg(long, global = true)]
    pub no_boilerplate: bool,
    /// Split lines longer than this many characters.
    #[arg(long, global = true, value_name = "CHARS", default_value_t = 1000)]
    pub max_chars: usize,
    /// A numbered lead longer than this is not a heading.
    #[arg(long, global = true, value_name = "CHARS", default_value_t = 50)]
    pub max_heading_chars: usize,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// How the corpus was read: files, encodings, paragraphs, cleaning, warnings.
    Corpus {
        /// Print every paragraph as {"id","doc","para","text",…} JSON lines.
        #[arg(long)]
        jsonl: bool,
    },
}
