//! `biaozhu annotate`: the thin shell around the annotation screen. It reads
//! the corpus, schema and store, then loops: draw, read a key, resolve it to
//! an action, update, and carry out the effects (write + flush) before the
//! next frame is drawn.

use super::{CliError, Config};
use crate::annotate::keymap::{resolve, Key};
use crate::annotate::{render, update, Action, Effect, Model};
use crate::attach::{align, CorpusIndex};
use crate::store::{now_rfc3339, LabelStore, SledStore};
use crossterm::event::{self, Event};
use std::time::{Duration, Instant};

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

/// Carry out `effects`, feeding results back as actions. Returns true on quit.
fn perform(session: &mut Session, effects: Vec<Effect>) -> bool {
    let mut quit = false;
    for effect in effects {
        match effect {
            Effect::Persist {
                seq,
                doc,
                para,
                label,
                action,
            } => {
                let result = session.store.put(&doc, para, label.as_ref(), action);
                let feedback = match result {
                    Ok(()) => Action::Saved(seq),
                    Err(e) => Action::SaveFailed {
                        seq,
                        message: e.to_string(),
                    },
                };
                update(&mut session.model, feedback);
            }
            Effect::Quit => quit = true,
        }
    }
    quit
}

fn tick(session: &mut Session, start: Instant) {
    let ms = start.elapsed().as_millis() as u64;
    update(
        &mut session.model,
        Action::Tick {
            ms,
            wall: now_rfc3339(),
        },
    );
}

pub fn run(config: &Config) -> Result<(), CliError> {
    let mut session = open(config)?;
    let start = Instant::now();
    // ratatui::init enters raw mode and the alternate screen and installs a
    // panic hook that restores the terminal first.
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut session, start);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    session: &mut Session,
    start: Instant,
) -> Result<(), CliError> {
    let size = terminal.size()?;
    update(
        &mut session.model,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    loop {
        tick(session, start);
        terminal.draw(|frame| render(&session.model, frame))?;
        if !event::poll(Duration::from_millis(1000))? {
            continue;
        }
        let action = match event::read()? {
            Event::Key(key) => Key::from_event(&key)
                .and_then(|k| resolve(&session.model.mode, &session.model.schema, k)),
            Event::Resize(width, height) => Some(Action::Resize { width, height }),
            _ => None,
        };
        let Some(action) = action else { continue };
        tick(session, start);
        let effects = update(&mut session.model, action);
        if perform(session, effects) {
            return Ok(());
        }
    }
}
