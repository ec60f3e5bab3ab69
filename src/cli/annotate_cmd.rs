//! `biaozhu annotate`: the thin shell around the annotation screen. It reads
//! the corpus, schema and store, then runs the terminal loop
//! ([`super::screen`]).

use super::screen::Screen;
use super::{CliError, Config};
use crate::annotate::keymap::{resolve, Key};
use crate::annotate::{render, update, Action, Effect, Model};
use crate::attach::{align, CorpusIndex};
use crate::store::{LabelStore, SledStore};
use ratatui::Frame;

/// Everything the screen needs, loaded: what `run` and the start-up
/// benchmark share.
pub struct Session {
    pub model: Model,
    pub store: SledStore,
}

/// Load corpus, schema and this annotator's store into a model.
pub fn open(config: &Config) -> Result<Session, CliError> {
    let annotator = config.annotator()?;
    // The screen writes the default schema where there is none, so the
    // annotator can edit it.
    let schema_path = config.labels_dir.join(crate::schema::SCHEMA_FILE);
    if !schema_path.exists() {
        std::fs::create_dir_all(&config.labels_dir)?;
        std::fs::write(&schema_path, crate::schema::DEFAULT_SCHEMA_TOML)?;
    }
    let schema = super::labels::schema(config)?;
    let paragraphs = super::labels::paragraphs(config)?;
    if paragraphs.is_empty() {
        return Err(CliError::Usage(format!(
            "corpus dir {} has no paragraphs to label",
            config.corpus_dir.display()
        )));
    }
    let mut store = SledStore::open(&config.labels_dir, &annotator)?;
    // Moved labels are stored under their new index, orphans parked.
    let attached = align(&mut store, &CorpusIndex::new(&paragraphs))?;
    let parked = store.parked()?.len();
    let mut model = Model::new(schema, annotator, paragraphs, attached.labels);
    model.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut notes = Vec::new();
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
}

pub fn run(config: &Config) -> Result<(), CliError> {
    let mut session = open(config)?;
    super::screen::run(&mut session.model, &mut session.store)
}
