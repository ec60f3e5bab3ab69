//! The review screen's state. Plain data: no I/O, no terminal, no store.

use super::reading::{AutoGold, Reading};
use crate::attach::Slot;
use crate::corpus::Paragraph;
use crate::review::queue::{by_disagreement, Case, Choice};
use crate::schema::Schema;
use crate::spans::kit::Kit;
use crate::spans::Suggestion;
use crate::store::Label;
use crate::tui::ledger::{Ledger, SaveMark, Unsaved};
use crate::tui::reading::Feed;
use crate::tui::span_edit::{open_suggestions, Caret};
use crate::tui::undo::UndoEntry;
use std::collections::BTreeSet;

/// The order of the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Most disagreement first (ties in corpus order).
    Disagreement,
    Corpus,
}

impl Sort {
    pub fn name(self) -> &'static str {
        match self {
            Sort::Disagreement => "most disagreement first",
            Sort::Corpus => "corpus order",
        }
    }
}

/// Which paragraphs of the queue the navigation keys step through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Undecided,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    /// The annotators' notes in full, over the screen.
    Notes,
    /// `n` was pressed: the next digit takes that annotator's version.
    Take,
    /// A decision would overwrite another reviewer's: y writes it
    /// ([`Model::pending`]), n or Esc drops it.
    Confirm,
    /// Editing the proposal's spans (`s`; Esc leaves): the annotators'
    /// spans not in it are the suggestions.
    Spans(Caret),
}

/// Where the gold proposal on screen comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The majority's version, pre-selected.
    Majority,
    /// Annotator N's version (index into the annotators).
    Annotator(usize),
    /// The gold label already decided.
    Gold,
    /// Changed with the label keys.
    Edited,
    /// Nothing: the queue is empty.
    Nothing,
}

/// The gold proposal for the current paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub choice: Choice,
    pub origin: Origin,
}

/// A decision waiting for the reviewer's y/n, because it would overwrite
/// gold that another reviewer decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// Paragraph index.
    pub index: usize,
    /// The gold label to write on y.
    pub label: Label,
}

/// The whole review screen state.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub schema: Schema,
    pub reviewer: String,
    /// The annotators compared, in store order; Alt-N takes `annotators[N-1]`.
    pub annotators: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    /// The queue, in corpus order.
    pub cases: Vec<Case>,
    /// Indices into `cases` in the order of `sort`.
    pub order: Vec<usize>,
    pub sort: Sort,
    pub filter: Filter,
    pub mode: Mode,
    /// Position in `order`.
    pub pos: usize,
    /// The gold set, parallel to `paragraphs`.
    pub gold: Vec<Slot>,
    pub draft: Draft,
    /// Unanimous paragraphs in the gold set without a reviewer's keystroke.
    pub unanimous_gold: usize,
    /// The decision awaiting y/n in [`Mode::Confirm`].
    pub pending: Option<Pending>,
    pub scroll: usize,
    /// Scroll of the open overlay (help or notes).
    pub help_scroll: usize,
    pub width: u16,
    pub height: u16,
    pub color: bool,
    pub undo: Vec<UndoEntry>,
    pub save: SaveMark,
    /// Decisions shown and not yet on disk, in order.
    pub unsaved: Unsaved,
    pub message: Option<String>,
    /// Session clock (ms since start), advanced by `Tick`.
    pub now_ms: u64,
    /// When the reviewer arrived at the current paragraph.
    pub mark_ms: u64,
    pub next_seq: u64,
    /// The shell's wall clock as RFC 3339, set with `Tick`.
    pub wall_clock: String,
    /// The value detector and word segmenter of the span mode.
    pub kit: Kit,
    /// Suggestions rejected this session: (paragraph, start, end).
    pub rejected: BTreeSet<(usize, u32, u32)>,
    /// While the corpus is still being read: how far, and the labels
    /// waiting for their documents ([`super::reading`]).
    pub reading: Option<Reading>,
    /// The shell's reading thread, asked for news at each tick.
    pub feed: Option<Feed>,
    /// What the automatic gold of unanimous paragraphs did.
    pub auto: AutoGold,
}

impl Model {
    /// The screen on `cases` (corpus order), sorted by disagreement, at the
    /// first undecided paragraph.
    pub fn new(
        schema: Schema,
        reviewer: String,
        annotators: Vec<String>,
        paragraphs: Vec<Paragraph>,
        cases: Vec<Case>,
        gold: Vec<Slot>,
    ) -> Model {
        let schema_for_kit = schema.clone();
        let mut model = Model {
            schema,
            reviewer,
            annotators,
            paragraphs,
            order: Vec::new(),
            cases,
            sort: Sort::Disagreement,
            filter: Filter::All,
            mode: Mode::Normal,
            pos: 0,
            gold,
            draft: Draft {
                choice: Choice::default(),
                origin: Origin::Nothing,
            },
            unanimous_gold: 0,
            pending: None,
            scroll: 0,
            help_scroll: 0,
            width: 80,
            height: 24,
            color: true,
            undo: Vec::new(),
            save: SaveMark::Idle,
            unsaved: Unsaved::default(),
            message: None,
            now_ms: 0,
            mark_ms: 0,
            next_seq: 1,
            wall_clock: String::new(),
            kit: Kit::new(&schema_for_kit),
            rejected: BTreeSet::new(),
            reading: None,
            feed: None,
            auto: AutoGold::default(),
        };
        model.order = model.sorted(Sort::Disagreement);
        model.pos = (0..model.order.len())
            .find(|&p| !model.is_decided(model.order[p]))
            .unwrap_or(0);
        model.draft = model.fresh_draft();
        model
    }

    /// The gold labels and their change bookkeeping, borrowed together.
    pub fn ledger(&mut self) -> Ledger<'_> {
        Ledger {
            labels: &mut self.gold,
            paragraphs: &self.paragraphs,
            unsaved: &mut self.unsaved,
            save: &mut self.save,
            next_seq: &mut self.next_seq,
            message: &mut self.message,
            tally: None,
        }
    }

    /// The section keys, space-separated (`h o a i p f b x`): what the
    /// screen names when a proposal lacks a section type.
    pub fn section_keys(&self) -> String {
        let keys: Vec<String> = self
            .schema
            .sections
            .iter()
            .map(|d| d.key.to_string())
            .collect();
        keys.join(" ")
    }

    /// Case indices in `sort` order.
    pub fn sorted(&self, sort: Sort) -> Vec<usize> {
        match sort {
            Sort::Disagreement => by_disagreement(&self.cases),
            Sort::Corpus => (0..self.cases.len()).collect(),
        }
    }

    /// The case at the cursor.
    pub fn case(&self) -> Option<&Case> {
        self.cases.get(*self.order.get(self.pos)?)
    }

    /// The paragraph at the cursor.
    pub fn paragraph(&self) -> Option<&Paragraph> {
        self.paragraphs.get(self.case()?.index)
    }

    /// Whether case `c` (index into `cases`) has a gold label.
    pub fn is_decided(&self, c: usize) -> bool {
        self.gold_of(c).is_some()
    }

    /// The gold label of case `c`.
    pub fn gold_of(&self, c: usize) -> Option<&Label> {
        self.gold.get(self.cases.get(c)?.index)?.as_deref()
    }

    /// Whether the case at queue position `pos` is shown under the filter.
    pub fn visible(&self, pos: usize) -> bool {
        match self.filter {
            Filter::All => true,
            Filter::Undecided => !self.is_decided(self.order[pos]),
        }
    }

    /// (decided, total) over the queue.
    pub fn progress(&self) -> (usize, usize) {
        let decided = (0..self.cases.len())
            .filter(|&c| self.is_decided(c))
            .count();
        (decided, self.cases.len())
    }

    /// The span mode's suggestions on the current case: the annotators'
    /// spans the proposal lacks, then the values the detector finds where
    /// no annotator marked anything; none that overlap a span of the
    /// proposal or were rejected. By start.
    pub fn open_suggestions(&self) -> Vec<Suggestion> {
        let (Some(case), Some(p)) = (self.case(), self.paragraph()) else {
            return Vec::new();
        };
        let theirs: Vec<&crate::store::Span> =
            case.versions.iter().flat_map(|v| &v.choice.spans).collect();
        let mut found: Vec<Suggestion> = theirs
            .iter()
            .map(|s| Suggestion {
                start: s.start,
                end: s.end,
                text: crate::tui::span_edit::slice(
                    &p.text.load(),
                    s.start as usize,
                    s.end as usize,
                ),
                label: Some(s.label.clone()),
            })
            .collect();
        found.extend(
            self.kit
                .detect(&p.text.load())
                .into_iter()
                .filter(|d| !theirs.iter().any(|s| s.start < d.end && d.start < s.end)),
        );
        found.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
        found.dedup();
        let index = case.index;
        open_suggestions(found, &self.draft.choice.spans, |s, e| {
            self.rejected.contains(&(index, s, e))
        })
    }

    /// The proposal a paragraph opens with: its gold label if decided, else
    /// the majority's version (field by field; it may lack a section type).
    pub fn fresh_draft(&self) -> Draft {
        let Some(case) = self.case() else {
            return Draft {
                choice: Choice::default(),
                origin: Origin::Nothing,
            };
        };
        if let Some(gold) = self.gold[case.index].as_ref() {
            return Draft {
                choice: Choice::of(gold),
                origin: Origin::Gold,
            };
        }
        majority_draft(case)
    }
}

/// The majority's version of `case` as a proposal.
pub fn majority_draft(case: &Case) -> Draft {
    Draft {
        choice: case.majority.clone(),
        origin: Origin::Majority,
    }
}

/// Who decided `gold`, how and when: `adjudicated by lead, 2026-11-23
/// 09:00` (the time in UTC, to the minute). Not yet sanitized.
pub fn provenance(gold: &Label) -> String {
    let source = gold.source.as_deref().unwrap_or("decided");
    let who = gold.reviewer.as_deref().unwrap_or("unknown reviewer");
    let when: String = gold
        .updated_at
        .chars()
        .take(16)
        .map(|c| if c == 'T' { ' ' } else { c })
        .collect();
    format!("{source} by {who}, {when}")
}
