//! The command line as clap sees it. Turned once into a validated `Config`
//! by `cli::config`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  biaozhu                             label ./corpus as $USER (same as `biaozhu annotate`)
  biaozhu --annotator alice           label as alice
  biaozhu --annotator carol --new-annotator
                                      a new annotator, without the question
  biaozhu export -o alice.jsonl       every annotator's labels as native JSONL
  biaozhu export --annotator alice    one annotator's labels to stdout
  biaozhu agree                       agreement between all annotators
  biaozhu stats                       progress, distributions, times, agreement, gold
  biaozhu stats --html stats.html     the same as a page with charts, to mail around
  biaozhu review                      decide disagreements into the gold set (labels/gold.sled)
  biaozhu review --queue              the review queue as JSON lines, without the screen
  biaozhu export --gold -o gold.jsonl the gold set as native JSONL
  biaozhu corpus                      how ./corpus was read: encodings, paragraphs, cleaning
  biaozhu corpus --jsonl | head       every paragraph as JSON lines
  biaozhu --corpus ~/reports corpus   read another corpus dir
  biaozhu corpus --no-page-chunks     keep viewer page chunks as they are
  biaozhu suggest --annotator bob     what bob's screen would pre-fill, summarised
  biaozhu suggest --jsonl --learn-from gold
                                      suggestions as JSON lines, learned from gold only
  biaozhu check                       verify every store against its journal
  biaozhu repair --annotator alice    rebuild alice's damaged store
  biaozhu --store postgres://alice@db.example/labels --annotator alice
                                      label into a team's PostgreSQL database
                                      (or set BIAOZHU_STORE once for every command)
  biaozhu --store postgres://lead@db.example/labels import --from-store sled:labels/
                                      move this labels dir's stores to the database";

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

impl Cli {
    /// Whether the command opens a screen (labeling, or review without
    /// `--queue`): a long session reading the whole corpus.
    pub fn opens_a_screen(&self) -> bool {
        match &self.command {
            None | Some(Command::Annotate) => true,
            Some(Command::Review { queue, .. }) => !queue,
            Some(_) => false,
        }
    }
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The report corpus: every file under it, recursively.
    #[arg(long, global = true, value_name = "DIR", default_value = "corpus", help_heading = GLOBAL)]
    pub corpus: PathBuf,
    /// Holds schema.toml and the per-annotator label stores.
    #[arg(long, global = true, value_name = "DIR", default_value = "labels", help_heading = GLOBAL)]
    pub labels: PathBuf,
    /// Whose labels (repeatable; default: every store); the labeling screen: who labels ($USER).
    ///
    /// The labeling screen: who is labeling (one name; default $USER). export, agree, stats,
    /// review: whose labels to read (repeatable; default every store). import: only these
    /// annotators' records. check, repair: only these stores. Not for corpus.
    #[arg(long, global = true, value_name = "NAME", help_heading = GLOBAL)]
    pub annotator: Vec<String>,
    /// Labeling screen: create a new annotator's store without asking (for scripts).
    ///
    /// Without it, an --annotator with no store while other annotators have stores is asked
    /// about first ([y/N], naming them), so a typo does not start a stray store.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub new_annotator: bool,
    /// Where the label stores are: `sled` (one store per annotator in --labels; the
    /// default), `sled:DIR` (in DIR) or `postgres://user@host/db` (one database for a team;
    /// `?sslmode=require` for TLS). Default: $BIAOZHU_STORE, else sled.
    #[arg(long, global = true, value_name = "STORE", help_heading = GLOBAL)]
    pub store: Option<String>,
    /// No progress on stderr (it shows only when stderr is a terminal anyway).
    #[arg(long, short, global = true, help_heading = GLOBAL)]
    pub quiet: bool,
    /// Labeling screen: pre-fill nothing (no suggestions, no provenance recorded).
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_suggest: bool,
    /// Labeling screen: the share of paragraphs (percent, chosen by content hash, the same for
    /// everyone) shown without suggestions and marked `control`, to compare against.
    #[arg(long, global = true, value_name = "PERCENT", default_value_t = 10,
          value_parser = clap::value_parser!(u8).range(0..=100), help_heading = GLOBAL)]
    pub control_share: u8,
    /// Labeling screen and suggest: learn only from these stores (comma-separated or
    /// repeated; `gold` is the gold set). Default: every store and the gold set.
    #[arg(long, global = true, value_name = "NAMES", value_delimiter = ',', help_heading = GLOBAL)]
    pub learn_from: Vec<String>,
    /// Labeling screen: where Enter moves on to — the next unfinished paragraph in corpus
    /// order, or the one the suggestion model is least sure of (with every fifth at random).
    #[arg(long, global = true, value_enum, default_value_t = OrderArg::Corpus, help_heading = GLOBAL)]
    pub order: OrderArg,
    #[command(flatten)]
    pub reading: ReadingArgs,
}

/// The heading of the flags every command takes, apart from its own.
const GLOBAL: &str = "Options of every command";
/// The heading of the corpus reading switches.
const READING: &str = "Reading the corpus (every command; use the same ones throughout)";

/// How the corpus is cleaned and segmented.
#[derive(Debug, Args)]
#[command(next_help_heading = READING)]
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
    /// Turn named reading rules off, comma-separated (e.g. hard-wraps,tables;
    /// `biaozhu corpus` lists them with what each found).
    #[arg(long, global = true, value_name = "RULE,…")]
    pub rules_off: Option<String>,
    /// Split lines longer than this many characters.
    #[arg(long, global = true, value_name = "CHARS", default_value_t = 1000)]
    pub max_chars: usize,
    /// A numbered lead longer than this is not a heading.
    #[arg(long, global = true, value_name = "CHARS", default_value_t = 50)]
    pub max_heading_chars: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OrderArg {
    /// The next unfinished paragraph in the corpus.
    Corpus,
    /// The least certain unfinished paragraph first (active learning).
    Uncertain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One record per paragraph x annotator, as in DESIGN.md.
    Native,
    /// Prodigy's `db-out` JSONL: choice tasks and character-token spans.
    Prodigy,
    /// doccano JSONL, offsets in UTF-16 code units (see --doccano-task).
    Doccano,
    /// A Label Studio JSON task list (one task per paragraph).
    LabelStudio,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DoccanoTask {
    /// Text classification: {"text","label":[section, indicators…]}.
    Classification,
    /// Sequence labelling: {"text","label":[[start,end,"LABEL"],…]}.
    Spans,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The labeling screen (the default command).
    Annotate,
    /// Labels as training data (JSONL; Label Studio: a JSON task list).
    Export {
        #[arg(long, value_enum, default_value_t = Format::Native)]
        format: Format,
        /// For --format doccano: which doccano project type to write.
        #[arg(long, value_enum, default_value_t = DoccanoTask::Classification)]
        doccano_task: DoccanoTask,
        /// Write to FILE (atomically: a temp file renamed into place) instead of stdout;
        /// with --split, a directory that gets train/dev/test files.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Only paragraphs whose section type is NAME (repeatable).
        #[arg(long, value_name = "NAME")]
        section: Vec<String>,
        /// Only paragraphs the annotator accepted (Enter), not just touched.
        #[arg(long)]
        only_complete: bool,
        /// Split by document into train/dev/test, e.g. 80/10/10 (needs -o DIR).
        #[arg(long, value_name = "TRAIN/DEV/TEST")]
        split: Option<String>,
        /// Seed of the split (the same seed gives the same split).
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Export the gold set (labels/gold.sled, written by `biaozhu review`)
        /// instead of annotators' labels; not with --annotator.
        #[arg(long)]
        gold: bool,
    },
    /// Agreement between annotators: section type and indicators.
    Agree {
        /// Machine-readable output (the DESIGN.md shape; undefined figures are null).
        #[arg(long)]
        json: bool,
    },
    /// Where the labeling stands: progress, label distribution, time per paragraph,
    /// agreement, the review queue and the gold set (works while screens are open).
    Stats {
        /// One JSON document instead of the text report (field names in the README).
        #[arg(long, conflicts_with = "html")]
        json: bool,
        /// Write a self-contained HTML page with charts to FILE (atomically).
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Progress per document too.
        #[arg(long)]
        by_doc: bool,
    },
    /// The adjudication screen: decide where annotators disagree; decisions go to the gold set.
    ///
    /// Compares every annotator's labels (or those named with --annotator). Paragraphs
    /// all annotators labeled alike go to gold automatically (see --review-unanimous).
    Review {
        /// Who decides (default: $USER); recorded with every decision.
        #[arg(long, value_name = "NAME")]
        reviewer: Option<String>,
        /// Put unanimous paragraphs in the queue too, instead of writing them to gold automatically.
        #[arg(long)]
        review_unanimous: bool,
        /// Print the queue as JSON lines (most disagreement first) instead of opening the
        /// screen; writes nothing.
        #[arg(long)]
        queue: bool,
    },
    /// Merge native JSONL exports (from other machines) into this labels dir; or move every
    /// store from another backend (--from-store).
    Import {
        /// Native JSONL files, as `biaozhu export --format native` writes them.
        #[arg(required_unless_present = "from_store", value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Copy every store (labels, parked labels, the whole history; gold too) from STORE
        /// (`sled:DIR` or a postgres:// URL) into the empty stores of --store.
        #[arg(long, value_name = "STORE", conflicts_with = "files")]
        from_store: Option<String>,
    },
    /// How the corpus was read: files, encodings, paragraphs, cleaning, warnings.
    Corpus {
        /// Print every paragraph as {"id","doc","para","text",…} JSON lines.
        #[arg(long)]
        jsonl: bool,
    },
    /// What the labeling screen would pre-fill for the paragraphs an annotator
    /// (--annotator, default $USER) has not labeled: section type and indicators.
    ///
    /// Learns from the labels so far (every annotator's store and the gold set, read while
    /// screens are open); with fewer than 20, the schema's keywords and the corpus reader's
    /// guesses alone.
    Suggest {
        /// One JSON line per paragraph: id, section, indicators, scores, source, model_labels.
        #[arg(long)]
        jsonl: bool,
    },
    /// Verify every store (and the gold set's) against its journal; names each damaged one (exit 1).
    Check,
    /// Bring damaged stores back from their other record (`--annotator NAME`, or every damaged one).
    Repair,
}
