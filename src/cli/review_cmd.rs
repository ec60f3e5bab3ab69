//! `biaozhu review`: the thin shell around the adjudication screen. It
//! reads the schema, the annotators' labels and the gold store, starts
//! reading the corpus in the background ([`crate::corpus::background`]),
//! then runs the terminal loop ([`crate::tui::terminal`]) once the first
//! document is in: the rest arrives while the screen is up, unanimous
//! paragraphs written to gold as they come (unless asked not to), and
//! decisions persisted into the gold store.

use super::{CliError, Config};
use crate::attach::Slot;
use crate::corpus::background::Listed;
use crate::review::queue::{cases, Case};
use crate::review::screen::keymap::resolve;
use crate::review::screen::reading::Reading;
use crate::review::screen::{render, update, Action, Model};
use crate::store::backend::Opened;
use crate::store::{now_rfc3339, Shelf};
use crate::text::sanitize::plain_path;
use crate::tui::effect::Effect;
use crate::tui::key::Key;
use crate::tui::reading::{Feed, Progress};
use crate::tui::terminal::{self, Screen};
use ratatui::Frame;

/// What `biaozhu review` was asked for.
#[derive(Debug, Clone)]
pub struct Request {
    /// Who decides (default: the login name).
    pub reviewer: Option<String>,
    /// Put unanimous paragraphs in the queue instead of writing them to
    /// gold automatically.
    pub review_unanimous: bool,
    /// Print the queue as JSON lines instead of opening the screen.
    pub queue: bool,
}

/// What `--queue` reads: the corpus, the selected annotators and their
/// cases.
pub struct Loaded {
    pub annotators: Vec<String>,
    pub paragraphs: Vec<crate::corpus::Paragraph>,
    /// Every case, in corpus order.
    pub cases: Vec<Case>,
}

/// Read the corpus and the selected annotators' labels (at least two
/// annotators, else a usage error) into cases.
pub fn load(config: &Config) -> Result<Loaded, CliError> {
    let paragraphs = super::labels::paragraphs(config)?;
    let read = super::labels::read_labels(config, &paragraphs)?;
    let annotators: Vec<String> = read.iter().map(|r| r.annotator.clone()).collect();
    two_or_more(config, &annotators)?;
    let labels: Vec<Vec<Slot>> = read.into_iter().map(|r| r.labels).collect();
    Ok(Loaded {
        annotators,
        cases: cases(&labels),
        paragraphs,
    })
}

/// A review needs labels from at least two annotators.
fn two_or_more(config: &Config, annotators: &[String]) -> Result<(), CliError> {
    if annotators.len() >= 2 {
        return Ok(());
    }
    Err(CliError::Usage(format!(
        "review needs labels from at least two annotators; {} has {}{}{} \
         (bring other machines' labels in with `biaozhu import FILE`)",
        plain_path(&config.labels_dir),
        annotators.len(),
        if annotators.is_empty() { "" } else { ": " },
        annotators.join(", ")
    )))
}

/// The review screen, with the gold store it writes to.
pub struct Session {
    pub model: Model,
    pub store: Opened,
}

/// Read the schema, the selected annotators' labels and the gold store,
/// start reading the corpus, and make the screen once its first document
/// is in: the rest joins in the background ([`crate::review::screen::reading`]),
/// each document's gold aligned and its unanimous paragraphs written to
/// gold (unless `--review-unanimous`) as it arrives.
pub fn open(config: &Config, request: &Request) -> Result<Session, CliError> {
    let reviewer = super::person(request.reviewer.as_deref(), "--reviewer")?;
    // A missing corpus dir is said before the stores are read.
    let listed = Listed::list(&config.corpus_dir)?;
    let schema = super::labels::schema(config)?;
    let (annotators, labels): (Vec<String>, Vec<Shelf>) =
        super::labels::shelved_labels(config)?.into_iter().unzip();
    two_or_more(config, &annotators)?;
    let store = config.stores.open_gold(&reviewer)?;
    let gold = store.labels()?;
    let auto_at = (!request.review_unanimous).then(now_rfc3339);
    // Placed by document before the corpus is read: on two cores, work
    // alongside the reading thread made both slower to the first frame.
    let mut reading = Reading::new(0, labels, gold, auto_at);
    let reader = listed.start(&config.reading)?;
    reading.progress = Progress::new(reader.files());
    // The first frame shows a case if the first document has one.
    reader.wait_first();
    let mut model = Model::new(schema, reviewer, annotators, vec![], vec![], vec![]);
    model.reading = Some(reading);
    model.feed = Some(Feed(reader));
    model.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    Ok(Session { model, store })
}

impl Screen for Model {
    type Action = Action;
    fn render(&self, frame: &mut Frame) {
        render(self, frame)
    }
    fn resolve(&self, key: Key) -> Option<Action> {
        resolve(self.mode, &self.schema, key)
    }
    fn update(&mut self, action: Action) -> Vec<Effect> {
        update(self, action)
    }
    fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }
    fn quit() -> Action {
        Action::Quit
    }
    fn resized(width: u16, height: u16) -> Action {
        Action::Resize { width, height }
    }
    fn ticked(ms: u64, wall: String) -> Action {
        Action::Tick { ms, wall }
    }
    fn saved(seq: u64) -> Action {
        Action::Saved(seq)
    }
    fn save_failed(seq: u64, message: String) -> Action {
        Action::SaveFailed { seq, message }
    }
    fn retry() -> Action {
        Action::Retry
    }
    fn suspend() -> Action {
        Action::Suspend
    }
    fn unsaved(&self) -> usize {
        self.unsaved.len()
    }
    fn unsent(&self) -> Vec<crate::store::Unsent<'_>> {
        self.unsaved.unsent()
    }
    /// Documents read since the last tick.
    fn poll(&self) -> Option<Action> {
        let (feed, reading) = (self.feed.as_ref()?, self.reading.as_ref()?);
        // The first frame shows the first document; the rest comes at the
        // next tick.
        let first = self.paragraphs.is_empty();
        feed.news(&reading.progress, first).map(Action::Read)
    }
}

pub fn run(
    config: &Config,
    request: &Request,
    out: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    super::paths::check_labels(&config.labels_dir, config.labels_for_reading())?;
    if request.queue {
        return super::review_queue::print(config, request, out);
    }
    super::require_terminal(
        "the review screen (biaozhu review)",
        "for scripts use biaozhu review --queue, agree or export --gold",
    )?;
    let mut session = open(config, request)?;
    let closed = terminal::run(&mut session.model, session.store.as_mut())?;
    let gold_path = config.stores.describe(crate::store::GOLD);
    let (decided, total) = session.model.progress();
    // Closing the store releases it before anything is printed.
    drop(session.store);
    if closed.terminal_lost() {
        return closed.result().map_err(CliError::Ended);
    }
    for line in session.model.auto.report() {
        writeln!(out, "biaozhu review: {line}")?;
    }
    writeln!(
        out,
        "biaozhu review: {decided} of {total} paragraphs in the queue decided; gold set in {gold_path}"
    )?;
    closed.result().map_err(CliError::Ended)
}
