//! Section and indicator names to the indices votes hold, shared by every
//! sheet; [`VoteNames`] turns labels into votes with them.

use super::rest::{suggestion_mark, Rest};
use super::{Sheet, SpanSheet, Vote, VoteSpan, Votes};
use crate::schema::Schema;
use crate::store::{Label, LabelView, Span};
use std::collections::HashMap;
use std::sync::Mutex;

/// Names to indices, shared by the threads that build sheets: the schema's
/// names first, in order; any other name gets the next index when first
/// met, and [`finish`](Self::finish) sorts those so the result does not
/// depend on the order they were met in.
struct Names {
    fixed: HashMap<String, u32>,
    list: Vec<String>,
    more: Mutex<HashMap<String, u32>>,
}

impl Names {
    fn new(schema_names: impl Iterator<Item = String>) -> Names {
        let mut names = Names {
            fixed: HashMap::new(),
            list: Vec::new(),
            more: Mutex::new(HashMap::new()),
        };
        for name in schema_names {
            let next = names.list.len() as u32;
            if let std::collections::hash_map::Entry::Vacant(e) = names.fixed.entry(name.clone()) {
                e.insert(next);
                names.list.push(name);
            }
        }
        names
    }

    fn id(&self, name: &str) -> u32 {
        if let Some(&i) = self.fixed.get(name) {
            return i;
        }
        let mut more = self.more.lock().unwrap_or_else(|e| e.into_inner());
        let next = (self.list.len() + more.len()) as u32;
        *more.entry(name.to_owned()).or_insert(next)
    }

    /// The names in their final order, and for each index given out, the
    /// index it becomes.
    fn finish(self) -> (Vec<String>, Vec<u32>) {
        let mut more: Vec<(String, u32)> = self
            .more
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .collect();
        more.sort();
        let fixed = self.list.len();
        let mut list = self.list;
        let mut new_index: Vec<u32> = (0..fixed as u32).collect();
        new_index.resize(fixed + more.len(), 0);
        for (name, given) in more {
            new_index[given as usize] = list.len() as u32;
            list.push(name);
        }
        (list, new_index)
    }
}

/// The section and indicator names of the votes being built, shared by
/// every sheet (so indices compare across annotators and gold).
pub struct VoteNames {
    sections: Names,
    indicators: Names,
}

impl VoteNames {
    pub fn new(schema: &Schema) -> VoteNames {
        VoteNames {
            sections: Names::new(schema.sections.iter().map(|d| d.name.clone())),
            indicators: Names::new(schema.indicators.iter().map(|d| d.name.clone())),
        }
    }

    fn vote<'n>(
        &self,
        section: Option<&str>,
        indicators: impl Iterator<Item = &'n str>,
        rest: Rest,
    ) -> Vote {
        let mut indicators: Vec<u32> = indicators.map(|i| self.indicators.id(i)).collect();
        indicators.sort_unstable();
        indicators.dedup();
        Vote {
            section: section.map(|s| self.sections.id(s)),
            indicators,
            done: rest.done,
            duration_ms: rest.duration_ms,
            at: rest.at,
            marks: rest.marks,
            spans: rest.spans,
        }
    }

    pub fn of_label(&self, l: &Label) -> Vote {
        let indicators = l.indicators.iter().map(String::as_str);
        let mut rest = Rest::of(
            l.done,
            l.duration_ms,
            &l.updated_at,
            l.flags.iter().map(String::as_str),
            l.note.as_deref().is_some_and(|n| !n.trim().is_empty()),
            l.source.as_deref(),
            &l.spans,
        );
        rest.marks |= suggestion_mark(l.suggested.as_ref().map(|s| s.source.as_str()));
        self.vote(l.section.as_deref(), indicators, rest)
    }

    /// `spans` with their labels as indices, sorted (an empty list does
    /// not allocate).
    pub fn spans(&self, spans: &[Span]) -> Box<[VoteSpan]> {
        let mut out: Box<[VoteSpan]> = spans
            .iter()
            .map(|s| VoteSpan {
                start: s.start,
                end: s.end,
                label: self.indicators.id(&s.label),
            })
            .collect();
        out.sort_unstable();
        out
    }

    pub fn of_view(&self, v: &LabelView<'_>) -> Vote {
        let indicators = v.indicators.iter().map(|i| i.as_ref());
        let mut rest = Rest::of(
            v.done,
            v.duration_ms,
            &v.updated_at,
            v.flags.iter().map(|f| f.as_ref()),
            v.noted,
            v.source.as_deref(),
            &v.spans,
        );
        rest.marks |= suggestion_mark(v.suggested.as_deref());
        self.vote(v.section.as_deref(), indicators, rest)
    }

    /// The votes, with names outside the schema sorted and every index
    /// that moved with them rewritten.
    pub fn finish(
        self,
        annotators: Vec<String>,
        mut sheets: Vec<Sheet>,
        mut spans: Vec<SpanSheet>,
        mut gold: Option<Sheet>,
    ) -> Votes {
        let (sections, section_index) = self.sections.finish();
        let (indicators, indicator_index) = self.indicators.finish();
        let moved = |index: &[u32]| index.iter().enumerate().any(|(i, &to)| i as u32 != to);
        if moved(&section_index) || moved(&indicator_index) {
            let renumber = |v: &mut Vote| {
                if let Some(s) = &mut v.section {
                    *s = section_index[*s as usize];
                }
                for i in &mut v.indicators {
                    *i = indicator_index[*i as usize];
                }
                v.indicators.sort_unstable();
                v.indicators.dedup();
            };
            for sheet in sheets.iter_mut().chain(gold.as_mut()) {
                sheet.iter_mut().flatten().for_each(renumber);
            }
            for list in spans.iter_mut().flat_map(|s| s.values_mut()) {
                for s in list.iter_mut() {
                    s.label = indicator_index[s.label as usize];
                }
                list.sort_unstable();
            }
        }
        Votes {
            annotators,
            sections,
            indicators,
            sheets,
            gold,
            orphaned: Vec::new(),
            spans,
        }
    }
}
