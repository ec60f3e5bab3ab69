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
use crate::annotate::{render, update, Action, Model};
use crate::attach::{align, CorpusIndex};
use crate::corpus::Paragraph;
use crate::schema::Schema;
use crate::store::backend::Opened;
use crate::tui::effect::Effect;
use crate::tui::key::Key;
use crate::tui::terminal::{self, Screen};
use ratatui::Frame;

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
    paragraphs: Vec<Paragraph>,
}

/// The annotator's name, the schema (the default when there is no file)
/// and the corpus paragraphs, checked; creates nothing.
fn check(config: &Config) -> Result<Checked, CliError> {
    let annotator = config.annotator()?;
    super::paths::check_labels(&config.labels_dir, super::paths::Labels::Write)?;
    let schema = super::labels::schema(config)?;
    let paragraphs = super::labels::paragraphs(config)?;
    if paragraphs.is_empty() {
        return Err(CliError::Usage(format!(
            "corpus dir {} has no paragraphs to label",
            crate::text::sanitize::plain_path(&config.corpus_dir)
        )));
    }
    Ok(Checked {
        annotator,
        schema,
        paragraphs,
    })
}

/// Load corpus, schema and this annotator's store into a model, creating
/// the store (and the default schema file) where missing; no terminal
/// needed.
pub fn open(config: &Config) -> Result<Session, CliError> {
    create(config, check(config)?)
}

/// Create what the screen writes to — the default schema where there is
/// none (so the annotator can edit it) and the store — and load the model.
fn create(config: &Config, checked: Checked) -> Result<Session, CliError> {
    let Checked {
        annotator,
        schema,
        paragraphs,
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
    fn poll(&self) -> Option<Action> {
        super::learner::poll(self)
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
    let mut session = create(config, checked)?;
    session.model.set_suggesting(request.suggesting);
    session.model.set_order(request.order);
    // From here the screen owns the terminal: no progress line on stderr
    // (the learner's reader thread reads the stores while it runs).
    super::progress::set_quiet(true);
    if request.suggesting != Suggesting::Off || request.order == Order::Uncertain {
        super::learner::start(config, &request.learn_from, &mut session.model);
    }
    let closed = terminal::run(&mut session.model, session.store.as_mut())?;
    let summary = session.model.summary();
    // Closing the store releases it before any message is printed.
    drop(session);
    // A signal's line goes to stderr (the error); the summary to stdout,
    // but not to a terminal that went away.
    if !closed.terminal_lost() {
        writeln!(out, "biaozhu: {summary}")?;
    }
    closed.result().map_err(CliError::Ended)
}
