//! `biaozhu annotate`: the thin shell around the annotation screen. It
//! checks everything first — the annotator's name, the schema, the corpus,
//! that there is a terminal, and asks before a new annotator's store is
//! made beside others' ([`super::new_annotator`]) — then creates what is
//! missing (the default schema, the store) and runs the terminal loop
//! ([`crate::tui::terminal`]). A start that fails creates nothing.

use super::paths::io_error;
use super::{CliError, Config};
use crate::annotate::keymap::resolve;
use crate::annotate::order::Order;
use crate::annotate::prefill::Suggesting;
use crate::annotate::reading::{Feed, Reading};
use crate::annotate::{render, update, Action, Model};
use crate::attach::{align, CorpusIndex};
use crate::corpus::background::Reader;
use crate::corpus::Paragraph;
use crate::schema::Schema;
use crate::store::backend::Opened;
use crate::tui::effect::Effect;
use crate::tui::key::Key;
use crate::tui::terminal::{self, Screen};
use ratatui::Frame;
use std::sync::Arc;

/// What `biaozhu annotate` was asked for beyond the common flags.
#[derive(Debug, Clone)]
pub struct Request {
    /// Create a new annotator's store without asking (`--new-annotator`).
    pub new_annotator: bool,
    /// Whether to pre-fill suggestions, and the control share.
    pub suggesting: Suggesting,
    /// Learn only from these stores (`--learn-from`; empty: all).
    pub learn_from: Vec<String>,
    /// Where Enter moves on to (`--order`).
    pub order: Order,
}

impl Default for Request {
    fn default() -> Request {
        Request {
            new_annotator: false,
            suggesting: Suggesting::On {
                control_percent: 10,
            },
            learn_from: Vec::new(),
            order: Order::Corpus,
        }
    }
}

/// What scripts can use instead, for the no-terminal message.
const INSTEAD: &str = "for scripts use biaozhu corpus, export, import or agree";

/// Everything the screen needs, loaded: what `run` and the start-up
/// benchmark share.
pub struct Session {
    pub model: Model,
    pub store: Opened,
}

/// What the start read and checked; nothing has been created yet.
struct Checked {
    annotator: String,
    schema: Schema,
    /// Reading the corpus, on a thread of its own; at least one document
    /// with paragraphs is in.
    reader: Arc<Reader>,
}

/// The annotator's name, the schema (the default when there is no file)
/// and the corpus (its first document read, the rest on the way),
/// checked; creates nothing.
fn check(config: &Config) -> Result<Checked, CliError> {
    let annotator = config.annotator()?;
    super::paths::check_labels(&config.labels_dir, super::paths::Labels::Write)?;
    let schema = super::labels::schema(config)?;
    let reader = Reader::start(&config.corpus_dir, &config.reading)?;
    if !reader.wait_first() {
        return Err(CliError::Usage(format!(
            "corpus dir {} has no paragraphs to label",
            crate::text::sanitize::plain_path(&config.corpus_dir)
        )));
    }
    Ok(Checked {
        annotator,
        schema,
        reader,
    })
}

/// Load corpus (all of it), schema and this annotator's store into a
/// model, creating the store (and the default schema file) where missing;
/// no terminal needed.
pub fn open(config: &Config) -> Result<Session, CliError> {
    create(config, check(config)?, Wait::All)
}

/// Whether the model is made once the whole corpus is read, or at once
/// with the rest read in the background (the screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wait {
    All,
    First,
}

/// Create what the screen writes to — the default schema where there is
/// none (so the annotator can edit it) and the store — and load the model.
fn create(config: &Config, checked: Checked, wait: Wait) -> Result<Session, CliError> {
    let Checked {
        annotator,
        schema,
        reader,
    } = checked;
    let schema_path = config.labels_dir.join(crate::schema::SCHEMA_FILE);
    if !schema_path.exists() {
        std::fs::create_dir_all(&config.labels_dir)
            .map_err(|e| io_error("--labels: creating", &config.labels_dir, e))?;
        // Atomically: a full disk must not leave a 0-byte schema that
        // breaks every later start.
        super::export_cmd::write_atomically_with(&schema_path, |w| {
            w.write_all(crate::schema::DEFAULT_SCHEMA_TOML.as_bytes())
        })
        .map_err(|e| io_error("writing the default schema to", &schema_path, e))?;
    }
    if wait == Wait::First {
        let store = config.stores.open_for_screen(&annotator)?;
        // The documents join the model as they are read, the stored
        // labels placed on them there (`annotate::reading`): the screen's
        // first tick takes those read so far.
        let mut model = Model::new(schema, annotator, Vec::new(), Vec::new());
        model.reading = Some(Reading::new(reader.files(), store.labels()?));
        model.feed = Some(Feed(reader));
        model.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        model.kit.warm_in_background();
        return Ok(Session { model, store });
    }
    let paragraphs: Vec<Paragraph> = reader
        .take_all()
        .documents
        .into_iter()
        .flat_map(|d| d.paragraphs)
        .collect();
    let mut store = config.stores.open(&annotator)?;
    // Moved labels are stored under their new index, orphans parked.
    let attached = align(store.as_mut(), &CorpusIndex::new(&paragraphs))?;
    let parked = store.parked()?.len();
    let mut model = Model::new(schema, annotator, paragraphs, attached.labels);
    model.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    // The span mode's word motions need the segmenter's dictionary (~80 ms).
    model.kit.warm_in_background();
    // Where the screen resumes, then what happened to the labels.
    let mut notes: Vec<String> = model.message.take().into_iter().collect();
    if !attached.moved.is_empty() {
        notes.push(format!(
            "{} labels followed their moved paragraphs",
            attached.moved.len()
        ));
    }
    if parked > 0 {
        notes.push(format!(
            "{parked} labels kept aside: their text is no longer in the corpus"
        ));
    }
    model.message = (!notes.is_empty()).then(|| notes.join("; "));
    Ok(Session { model, store })
}

impl Screen for Model {
    type Action = Action;
    fn render(&self, frame: &mut Frame) {
        render(self, frame)
    }
    fn resolve(&self, key: Key) -> Option<Action> {
        resolve(&self.mode, &self.schema, key)
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
    fn written(&mut self, doc: &str, para: u32, label: Option<&crate::store::Label>) {
        super::learner::written(self, doc, para, label)
    }
    /// Documents read since the last tick first, then a newer suggester.
    fn poll(&self) -> Option<Action> {
        if let (Some(feed), Some(reading)) = (&self.feed, &self.reading) {
            if let Some(batch) = feed.news(&reading.progress, false) {
                return Some(Action::Read(batch));
            }
        }
        super::learner::poll(self)
    }
}

/// The screen as the terminal loop runs it: the model, and the
/// suggestion learner to start once the whole corpus is in (it learns
/// from every store's labels on it).
struct Labeling {
    model: Model,
    learner: Option<(Config, Vec<String>)>,
}

/// The model's screen, but for starting the learner.
impl Screen for Labeling {
    type Action = Action;
    fn render(&self, frame: &mut Frame) {
        self.model.render(frame)
    }
    fn resolve(&self, key: Key) -> Option<Action> {
        self.model.resolve(key)
    }
    fn update(&mut self, action: Action) -> Vec<Effect> {
        let effects = self.model.update(action);
        if self.model.reading.is_none() {
            if let Some((config, learn_from)) = self.learner.take() {
                super::learner::start(&config, &learn_from, &mut self.model);
            }
        }
        effects
    }
    fn size(&self) -> (u16, u16) {
        self.model.size()
    }
    fn quit() -> Action {
        Model::quit()
    }
    fn resized(width: u16, height: u16) -> Action {
        Model::resized(width, height)
    }
    fn ticked(ms: u64, wall: String) -> Action {
        Model::ticked(ms, wall)
    }
    fn saved(seq: u64) -> Action {
        Model::saved(seq)
    }
    fn save_failed(seq: u64, message: String) -> Action {
        Model::save_failed(seq, message)
    }
    fn retry() -> Action {
        Model::retry()
    }
    fn suspend() -> Action {
        Model::suspend()
    }
    fn unsaved(&self) -> usize {
        self.model.unsaved()
    }
    fn unsent(&self) -> Vec<crate::store::Unsent<'_>> {
        self.model.unsent()
    }
    fn written(&mut self, doc: &str, para: u32, label: Option<&crate::store::Label>) {
        self.model.written(doc, para, label)
    }
    fn poll(&self) -> Option<Action> {
        self.model.poll()
    }
}

/// Check everything, ask about a new annotator, then create the store and
/// run the screen.
pub fn run(
    config: &Config,
    request: &Request,
    out: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    let checked = check(config)?;
    super::require_terminal("the labeling screen (biaozhu annotate)", INSTEAD)?;
    if !request.new_annotator {
        let mut input = std::io::stdin().lock();
        super::new_annotator::confirm(&config.stores, &checked.annotator, &mut input, out)?;
    }
    super::learner::check_sources(config, &request.learn_from)?;
    let Session { model, mut store } = create(config, checked, Wait::First)?;
    let mut screen = Labeling {
        model,
        learner: None,
    };
    screen.model.set_suggesting(request.suggesting);
    screen.model.set_order(request.order);
    // From here the screen owns the terminal: no progress line on stderr
    // (the learner's reader thread reads the stores while it runs).
    super::progress::set_quiet(true);
    if request.suggesting != Suggesting::Off || request.order == Order::Uncertain {
        // Once every document is in (see `Labeling::update`).
        screen.learner = Some((config.clone(), request.learn_from.clone()));
    }
    let closed = terminal::run(&mut screen, store.as_mut())?;
    let summary = screen.model.summary();
    // Closing the store releases it before any message is printed.
    drop(screen);
    drop(store);
    // A signal's line goes to stderr (the error); the summary to stdout,
    // but not to a terminal that went away.
    if !closed.terminal_lost() {
        writeln!(out, "biaozhu: {summary}")?;
    }
    closed.result().map_err(CliError::Ended)
}
