//! `biaozhu review`: the thin shell around the adjudication screen. It
//! reads the corpus, the schema, the annotators' labels and the gold store,
//! writes unanimous paragraphs to gold (unless asked not to), then runs the
//! terminal loop ([`crate::tui::terminal`]) persisting decisions into the
//! gold store.

use super::{CliError, Config};
use crate::attach::{align, CorpusIndex, Slot};
use crate::review::queue::{auto_gold, cases, is_auto, Case, Decider};
use crate::review::screen::keymap::resolve;
use crate::review::screen::{render, update, Action, Model};
use crate::store::backend::Opened;
use crate::store::{now_rfc3339, Label, LabelStore};
use crate::text::count::plural;
use crate::text::sanitize::plain_path;
use crate::tui::effect::Effect;
use crate::tui::key::Key;
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

/// What the screen and `--queue` both read: the corpus, the selected
/// annotators and their cases.
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
    if read.len() < 2 {
        let names: Vec<&str> = read.iter().map(|r| r.annotator.as_str()).collect();
        return Err(CliError::Usage(format!(
            "review needs labels from at least two annotators; {} has {}{}{} \
             (bring other machines' labels in with `biaozhu import FILE`)",
            plain_path(&config.labels_dir),
            names.len(),
            if names.is_empty() { "" } else { ": " },
            names.join(", ")
        )));
    }
    let annotators: Vec<String> = read.iter().map(|r| r.annotator.clone()).collect();
    let labels: Vec<Vec<Slot>> = read.into_iter().map(|r| r.labels).collect();
    Ok(Loaded {
        annotators,
        cases: cases(&labels),
        paragraphs,
    })
}

/// The review screen, loaded, with the gold store it writes to.
pub struct Session {
    pub model: Model,
    pub store: Opened,
    /// Lines to print after the screen closes (what start-up did).
    pub report: Vec<String>,
}

/// Load corpus, schema, the selected annotators' labels and the gold store;
/// bring the unanimous paragraphs' gold up to date.
pub fn open(config: &Config, request: &Request) -> Result<Session, CliError> {
    let reviewer = super::person(request.reviewer.as_deref(), "--reviewer")?;
    let schema = super::labels::schema(config)?;
    let Loaded {
        annotators,
        paragraphs,
        cases: all,
    } = load(config)?;
    let mut store = config.stores.open_gold(&reviewer)?;
    let mut gold = align(store.as_mut(), &CorpusIndex::new(&paragraphs))?.labels;
    let mut report = Vec::new();
    if !request.review_unanimous {
        let at = now_rfc3339();
        let by = Decider {
            reviewer: &reviewer,
            at: &at,
            duration_ms: 0,
        };
        let writes = auto_gold(&all, &annotators, &paragraphs, &gold, by);
        let (added, withdrawn) = write_auto_gold(store.as_mut(), &mut gold, writes)?;
        if added > 0 {
            report.push(format!(
                "{} written to gold",
                plural(added, "unanimous paragraph")
            ));
        }
        if withdrawn > 0 {
            report.push(format!(
                "{} no longer unanimous: back in the queue",
                plural(withdrawn, "paragraph")
            ));
        }
    }
    let queue: Vec<_> = all
        .into_iter()
        .filter(|c| request.review_unanimous || !c.is_settled())
        .collect();
    let unanimous_gold = gold.iter().flatten().filter(|g| is_auto(g)).count();
    let mut model = Model::new(schema, reviewer, annotators, paragraphs, queue, gold);
    model.unanimous_gold = unanimous_gold;
    model.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    model.message = (!report.is_empty()).then(|| report.join("; "));
    Ok(Session {
        model,
        store,
        report,
    })
}

/// Store the automatic gold changes (new or rewritten unanimous labels in
/// one write, withdrawn ones one by one) and apply them to `gold`. Returns
/// (written, withdrawn).
fn write_auto_gold(
    store: &mut dyn LabelStore,
    gold: &mut [Slot],
    writes: Vec<(usize, Option<Label>)>,
) -> Result<(usize, usize), CliError> {
    let (adds, removes): (Vec<_>, Vec<_>) = writes.into_iter().partition(|(_, l)| l.is_some());
    let labels: Vec<Label> = adds.iter().filter_map(|(_, l)| l.clone()).collect();
    for chunk in labels.chunks(crate::attach::CHUNK) {
        store.put_many(chunk, "unanimous")?;
    }
    for (i, label) in adds.iter() {
        gold[*i] = label.clone().map(Box::new);
    }
    for (i, _) in &removes {
        if let Some(old) = gold[*i].take() {
            store.put(&old.doc, old.para, None, "unanimous-withdrawn")?;
        }
    }
    Ok((adds.len(), removes.len()))
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
    for line in &session.report {
        writeln!(out, "biaozhu review: {line}")?;
    }
    writeln!(
        out,
        "biaozhu review: {decided} of {total} paragraphs in the queue decided; gold set in {gold_path}"
    )?;
    closed.result().map_err(CliError::Ended)
}
