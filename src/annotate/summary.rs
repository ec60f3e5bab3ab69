//! What the labeling screen says when it closes: what this session did
//! and where the annotator stands (`biaozhu: alice labeled 37 paragraphs
//! this session (35 accepted) in 24 min; 512 of 1,081 done in all`).

use super::model::Model;
use crate::store::Label;
use crate::text::count::{plural, thousands};

/// A session's work, as [`Model::summary`] counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub annotator: String,
    /// Paragraphs whose label this session changed (and did not undo).
    pub labeled: usize,
    /// Paragraphs accepted this session (and not undone).
    pub accepted: usize,
    /// Time at the keyboard: the gaps between keys, each at most
    /// [`crate::tui::clock::IDLE_CAP_MS`].
    pub active_ms: u64,
    pub done: usize,
    pub total: usize,
}

impl Model {
    pub fn summary(&self) -> Summary {
        let labeled = self
            .before_session
            .iter()
            .filter(|(&i, before)| {
                self.label(i)
                    .is_some_and(|now| !same_labels(Some(now), before.as_ref()))
            })
            .count();
        let (_, (done, total)) = self.progress();
        Summary {
            annotator: self.annotator.clone(),
            labeled,
            accepted: self.accepted_this_session,
            active_ms: self.active.total_ms,
            done,
            total,
        }
    }
}

/// Whether two labels say the same (timestamps and time spent aside).
fn same_labels(a: Option<&Label>, b: Option<&Label>) -> bool {
    let said = |l: &Label| {
        (
            l.section.clone(),
            l.indicators.clone(),
            l.spans.clone(),
            l.flags.clone(),
            l.note.clone(),
            l.done,
        )
    };
    a.map(said) == b.map(said)
}

/// `24 min`, `1 h 05 min`, `40 s`.
pub fn minutes(ms: u64) -> String {
    let secs = ms / 1000;
    if secs < 60 {
        return format!("{secs} s");
    }
    let min = (secs + 30) / 60;
    if min < 60 {
        format!("{min} min")
    } else {
        format!("{} h {:02} min", min / 60, min % 60)
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} labeled {} this session ({} accepted) in {}; {} of {} done in all",
            self.annotator,
            plural(self.labeled, "paragraph"),
            thousands(self.accepted),
            minutes(self.active_ms),
            thousands(self.done),
            thousands(self.total),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_counts_and_time() {
        let s = Summary {
            annotator: "alice".into(),
            labeled: 37,
            accepted: 35,
            active_ms: 24 * 60_000 + 10_000,
            done: 512,
            total: 1081,
        };
        assert_eq!(
            s.to_string(),
            "alice labeled 37 paragraphs this session (35 accepted) in 24 min; 512 of 1,081 done in all"
        );
        let one = Summary {
            labeled: 1,
            accepted: 0,
            active_ms: 40_000,
            ..s
        };
        assert_eq!(
            one.to_string(),
            "alice labeled 1 paragraph this session (0 accepted) in 40 s; 512 of 1,081 done in all"
        );
        assert_eq!(minutes(65 * 60_000), "1 h 05 min");
    }
}
