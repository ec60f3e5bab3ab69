//! The command line as clap sees it. Turned once into a validated `Config`
//! by `cli::config`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  biaozhu                             label ./corpus as $USER (same as `biaozhu annotate`)
  biaozhu --annotator alice           label as alice
  biaozhu export -o alice.jsonl       every annotator's labels as native JSONL
  biaozhu export --annotator alice    one annotator's labels to stdout
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
    /// Who is labeling (default: $USER); for export, whose labels (repeatable; default all).
    #[arg(long, global = true, value_name = "NAME")]
    pub annotator: Vec<String>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One record per paragraph x annotator, as in DESIGN.md.
    Native,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The labeling screen (the default command).
    Annotate,
    /// Labels as JSONL training data.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Native)]
        format: Format,
        /// Write to FILE (atomically: a temp file renamed into place) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// How the corpus was read: files, encodings, paragraphs, cleaning, warnings.
    Corpus {
        /// Print every paragraph as {"id","doc","para","text",…} JSON lines.
        #[arg(long)]
        jsonl: bool,
    },
}
