//! The annotation screen's state. Plain data: no I/O, no terminal, no store.

use crate::attach::Slot;
use std::collections::{BTreeMap, BTreeSet};

use super::order::{self, Order};
use super::prefill::{Prefill, Suggesting};
use super::reading::{Feed, Reading};
use crate::corpus::{doc_range, Paragraph};
use crate::schema::Schema;
use crate::spans::kit::Kit;
use crate::spans::Suggestion as SpanSuggestion;
use crate::store::{Label, FLAG_REVIEW, FLAG_SKIP};
use crate::suggest::{Before, Suggestion};
use crate::tui::clock::ActiveClock;
use crate::tui::input::TextInput;
use crate::tui::ledger::{Ledger, SaveMark, Unsaved};
use crate::tui::span_edit::{open_suggestions, Caret};
use crate::tui::undo::UndoEntry;

/// Which paragraphs the navigation keys step through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Unfinished,
    Flagged,
    Skipped,
}

impl Filter {
    pub fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Unfinished,
            Filter::Unfinished => Filter::Flagged,
            Filter::Flagged => Filter::Skipped,
            Filter::Skipped => Filter::All,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Unfinished => "unfinished",
            Filter::Flagged => "flagged",
            Filter::Skipped => "skipped",
        }
    }
}

/// What the keyboard is talking to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    /// Typing a search (`/`).
    Search(TextInput),
    /// Writing the paragraph's note (Ctrl-E).
    Note(TextInput),
    /// The `go to:` prompt (Ctrl-G): `N`, `doc-part` or `doc-part:N`.
    GoTo(TextInput),
    /// Marking spans in the current paragraph (`s`; Esc leaves).
    Spans(Caret),
}

/// The whole screen state.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub schema: Schema,
    pub annotator: String,
    /// Shared (not copied) with the suggestion trainer's reader thread.
    pub paragraphs: std::sync::Arc<Vec<Paragraph>>,
    /// Parallel to `paragraphs`.
    pub labels: Vec<Slot>,
    /// Index into `paragraphs`.
    pub cursor: usize,
    pub filter: Filter,
    pub mode: Mode,
    /// First row of the current paragraph shown (it may be taller than the pane).
    pub scroll: usize,
    /// First row of the help overlay shown.
    pub help_scroll: usize,
    pub width: u16,
    pub height: u16,
    pub color: bool,
    pub undo: Vec<UndoEntry>,
    pub last_search: Option<String>,
    pub save: SaveMark,
    /// Changes shown and not yet on disk, in order.
    pub unsaved: Unsaved,
    /// A one-line message for the status bar (what just happened or went wrong).
    pub message: Option<String>,
    /// Session clock (ms since start), advanced by `Tick`.
    pub now_ms: u64,
    /// When time on the current paragraph was last counted.
    pub mark_ms: u64,
    /// Time at the keyboard this session (for the labeling rate).
    pub active: ActiveClock,
    /// Paragraphs accepted this session (for the labeling rate).
    pub accepted_this_session: usize,
    /// The labels as they were before this session first changed them,
    /// by paragraph (for the summary at the end).
    pub before_session: BTreeMap<usize, Option<Label>>,
    pub next_seq: u64,
    /// Update timestamps: the shell's wall clock as RFC 3339, set with `Tick`.
    pub wall_clock: String,
    /// The span suggestions' detector and the word segmenter.
    pub kit: Kit,
    /// Suggestions rejected this session: (paragraph, start, end).
    pub rejected: BTreeSet<(usize, u32, u32)>,
    /// The label suggestions pre-filled on paragraphs not labeled yet.
    pub prefill: Prefill,
    /// Where accepting moves on to (`--order`).
    pub order: Order,
    /// With [`Order::Uncertain`]: the unfinished paragraphs ranked, least
    /// certain first (remade when the suggester changes).
    pub queue: Vec<usize>,
    /// How many paragraphs are done (kept as labels change).
    pub done: usize,
    /// While the corpus is still being read: how far, and the labels
    /// waiting for their documents ([`super::reading`]).
    pub reading: Option<Reading>,
    /// The shell's reading thread, asked for news at each tick.
    pub feed: Option<Feed>,
}

impl Model {
    pub fn new(
        schema: Schema,
        annotator: String,
        paragraphs: Vec<Paragraph>,
        labels: Vec<Slot>,
    ) -> Model {
        let cursor = resume_at(&labels);
        let done = labels.iter().filter(|l| is_done(l.as_deref())).count();
        let kit = Kit::new(&schema);
        // The corpus reader's boilerplate guess alone until the shell turns
        // suggestions on (`biaozhu annotate` does unless --no-suggest).
        let prefill = Prefill::new(&schema, Suggesting::Boilerplate);
        let message = labels.iter().any(Option::is_some).then(|| {
            let p = &paragraphs[cursor];
            let n = cursor - doc_range(&paragraphs, cursor).start + 1;
            format!("resumed at {} #{n}, where you stopped", p.doc)
        });
        Model {
            schema,
            annotator,
            paragraphs: std::sync::Arc::new(paragraphs),
            labels,
            cursor,
            filter: Filter::All,
            mode: Mode::Normal,
            scroll: 0,
            help_scroll: 0,
            width: 80,
            height: 24,
            color: true,
            undo: Vec::new(),
            last_search: None,
            save: SaveMark::Idle,
            unsaved: Unsaved::default(),
            message,
            now_ms: 0,
            mark_ms: 0,
            active: ActiveClock::default(),
            accepted_this_session: 0,
            before_session: BTreeMap::new(),
            next_seq: 1,
            wall_clock: String::new(),
            kit,
            rejected: BTreeSet::new(),
            prefill,
            order: Order::Corpus,
            queue: Vec::new(),
            done,
            reading: None,
            feed: None,
        }
        .with_prefill()
    }

    fn with_prefill(mut self) -> Model {
        self.refresh_prefill();
        self
    }

    /// Choose how accepting moves on, and rank the paragraphs for it.
    pub fn set_order(&mut self, order: Order) {
        self.order = order;
        self.rank();
    }

    /// With [`Order::Uncertain`], rank the next [`order::POOL`] unfinished
    /// paragraphs from the cursor on by the suggester's certainty.
    pub fn rank(&mut self) {
        if self.order != Order::Uncertain || self.paragraphs.is_empty() {
            self.queue.clear();
            return;
        }
        let n = self.paragraphs.len();
        let candidates: Vec<usize> = (0..n)
            .map(|k| (self.cursor + k) % n)
            .filter(|&i| self.needs_work(i))
            .take(order::POOL)
            .collect();
        let seed = xxhash_rust::xxh3::xxh3_64(self.annotator.as_bytes());
        self.queue = order::rank(
            &self.prefill.suggester.0,
            &self.paragraphs,
            &candidates,
            seed,
        );
    }

    /// Turn suggestions on or off, and make the one for the cursor.
    pub fn set_suggesting(&mut self, suggesting: Suggesting) {
        self.prefill.suggesting = suggesting;
        self.refresh_prefill();
    }

    /// Make the suggestion for the paragraph at the cursor (after moving,
    /// or when the suggester or the way of suggesting changed).
    pub fn refresh_prefill(&mut self) {
        let before = Before::of(&self.paragraphs, self.cursor, |j| {
            let name = self.label(j)?.section.as_deref()?;
            self.schema.sections.iter().position(|d| d.name == name)
        });
        if self.cursor < self.paragraphs.len() {
            self.prefill.refresh(&self.paragraphs, self.cursor, before);
        }
    }

    /// The suggestion pre-filled on paragraph `index`, if any.
    pub fn suggestion(&self, index: usize) -> Option<&Suggestion> {
        self.prefill.shown(index, self.label(index))
    }

    /// The span suggestions of paragraph `index` still open: not rejected,
    /// not overlapping a span it has.
    pub fn open_suggestions(&self, index: usize) -> Vec<SpanSuggestion> {
        let Some(p) = self.paragraphs.get(index) else {
            return Vec::new();
        };
        let spans = self.label(index).map_or(&[][..], |l| &l.spans[..]);
        open_suggestions(self.kit.detect(&p.text.load()), spans, |s, e| {
            self.rejected.contains(&(index, s, e))
        })
    }

    /// The labels and their change bookkeeping, borrowed together.
    pub fn ledger(&mut self) -> Ledger<'_> {
        Ledger {
            labels: &mut self.labels,
            paragraphs: &self.paragraphs,
            unsaved: &mut self.unsaved,
            save: &mut self.save,
            next_seq: &mut self.next_seq,
            message: &mut self.message,
            tally: Some((&mut self.done, is_done)),
        }
    }

    pub fn current(&self) -> Option<&Paragraph> {
        self.paragraphs.get(self.cursor)
    }

    pub fn label(&self, index: usize) -> Option<&Label> {
        self.labels.get(index).and_then(Option::as_deref)
    }

    pub fn is_done(&self, index: usize) -> bool {
        is_done(self.label(index))
    }

    pub fn is_flagged(&self, index: usize) -> bool {
        has_flag(self.label(index), FLAG_REVIEW)
    }

    /// Set aside with Ctrl-K (skipped/unsure): not done.
    pub fn is_skipped(&self, index: usize) -> bool {
        has_flag(self.label(index), FLAG_SKIP)
    }

    /// Neither done nor skipped: where accepting and skipping move on to.
    pub fn needs_work(&self, index: usize) -> bool {
        needs_work(self.label(index))
    }

    /// Whether paragraph `index` is shown under the current filter.
    pub fn visible(&self, index: usize) -> bool {
        match self.filter {
            Filter::All => true,
            Filter::Unfinished => !self.is_done(index),
            Filter::Flagged => self.is_flagged(index),
            Filter::Skipped => self.is_skipped(index),
        }
    }

    /// Range of paragraph indices of the current paragraph's document.
    pub fn doc_range(&self) -> std::ops::Range<usize> {
        doc_range(&self.paragraphs, self.cursor)
    }

    /// (done, total) for the current document and for the whole corpus.
    pub fn progress(&self) -> ((usize, usize), (usize, usize)) {
        let range = self.doc_range();
        let doc_done = range.clone().filter(|&i| self.is_done(i)).count();
        ((doc_done, range.len()), (self.done, self.paragraphs.len()))
    }

    /// The section shown for paragraph `index`: its label's, else the
    /// suggestion's (pre-filled, not yet confirmed: `true`).
    pub fn shown_section(&self, index: usize) -> (Option<&str>, bool) {
        match self.label(index).and_then(|l| l.section.as_deref()) {
            Some(s) => (Some(s), false),
            None => match self
                .suggestion(index)
                .and_then(|s| s.section_name(&self.schema))
            {
                Some((name, _)) => (Some(name), true),
                None => (None, false),
            },
        }
    }

    /// The indicators shown for paragraph `index`: its label's, else the
    /// suggestion's (`true`).
    pub fn shown_indicators(&self, index: usize) -> (Vec<&str>, bool) {
        match self.suggestion(index) {
            Some(s) => (s.indicator_names(&self.schema), true),
            None => (
                self.label(index).map_or(Vec::new(), |l| {
                    l.indicators.iter().map(String::as_str).collect()
                }),
                false,
            ),
        }
    }
}

/// Accepted and not skipped.
fn is_done(label: Option<&Label>) -> bool {
    label.is_some_and(|l| l.done) && !has_flag(label, FLAG_SKIP)
}

fn has_flag(label: Option<&Label>, flag: &str) -> bool {
    label.is_some_and(|l| l.flags.iter().any(|f| f == flag))
}

fn needs_work(label: Option<&Label>) -> bool {
    !is_done(label) && !has_flag(label, FLAG_SKIP)
}

/// Where a reopened screen starts: the paragraph of the most recently
/// changed label (the first of equal times), or — when that one was
/// accepted, so the annotator had moved on — the next paragraph needing
/// work after it. The first paragraph when there are no labels.
pub fn resume_at(labels: &[Slot]) -> usize {
    let latest = labels
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.as_ref().map(|l| (i, l)))
        .fold(None::<(usize, &Label)>, |best, (i, l)| match best {
            Some((_, b)) if time_key(&b.updated_at) >= time_key(&l.updated_at) => best,
            _ => Some((i, l)),
        });
    let Some((i, label)) = latest else {
        return 0;
    };
    if !is_done(Some(label)) {
        return i;
    }
    let n = labels.len();
    (1..n)
        .map(|k| (i + k) % n)
        .find(|&j| needs_work(labels[j].as_deref()))
        .unwrap_or(i)
}

/// An RFC 3339 UTC time, comparable whether it has fractions of a second
/// or not (`…:00Z` and `…:00.123Z`): the part up to the seconds, then the
/// fraction as nanoseconds.
pub(super) fn time_key(time: &str) -> (&str, u32) {
    let time = time.trim_end_matches(['Z', 'z']);
    match time.split_once('.') {
        Some((secs, frac)) => {
            let digits: String = frac
                .chars()
                .take_while(char::is_ascii_digit)
                .chain(std::iter::repeat('0'))
                .take(9)
                .collect();
            (secs, digits.parse().unwrap_or(0))
        }
        None => (time, 0),
    }
}
