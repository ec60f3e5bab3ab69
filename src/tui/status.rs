//! The status line's pieces both screens use: the progress gauge, and the
//! line itself framed with the message on the left and the save mark on the
//! right.

use super::ledger::{changes, SaveMark};
use super::style::Theme;
use crate::text::{fit, str_width};
use ratatui::text::{Line, Span};

/// `[####------]` for done/total, ASCII so every terminal draws it alike.
pub fn gauge(done: usize, total: usize, cells: usize) -> String {
    let filled = (done * cells).checked_div(total).unwrap_or(0).min(cells);
    format!("[{}{}]", "#".repeat(filled), "-".repeat(cells - filled))
}

/// A piece of the status line's left side; when the row is too narrow the
/// pieces of lowest `rank` go first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    pub rank: u8,
}

pub fn part(text: impl Into<String>, rank: u8) -> Part {
    Part {
        text: text.into(),
        rank,
    }
}

/// Parts below this rank give way to a message (it says what happened or
/// what to answer); those of this rank or above stay and the message is
/// cut to what they leave.
pub const KEEP: u8 = 7;

/// The status line: `message  |parts` on the left, the save mark on the
/// right (`saved`, or `NOT SAVED (2 changes wait, Ctrl-R): …` in red with
/// the number of changes `waiting`), in `width` columns. Parts that do not
/// fit go lowest rank first; a message gets what is left, cut.
pub fn framed(
    parts: &[Part],
    message: Option<&str>,
    save: &SaveMark,
    waiting: usize,
    theme: Theme,
    width: usize,
) -> Line<'static> {
    let (mark, mark_style) = match save {
        SaveMark::Saved => ("saved".to_owned(), theme.ok()),
        SaveMark::Failed(e) => (
            format!(
                "NOT SAVED ({} {}, Ctrl-R): {e}",
                changes(waiting),
                if waiting == 1 { "waits" } else { "wait" }
            ),
            theme.error(),
        ),
        SaveMark::Pending(_) => ("saving".to_owned(), theme.plain()),
        SaveMark::Idle => (String::new(), theme.plain()),
    };
    // The mark takes at most half the row: the message on the left says
    // what to do.
    let mark = fit(&crate::text::sanitize(&mark).text, (width / 2).max(9));
    let right_w = str_width(&mark) + 1;
    let left_w = width.saturating_sub(right_w);
    let message = message
        .filter(|m| !m.is_empty())
        .map(|m| crate::text::sanitize(m).text);
    let body = left_side(parts, message.as_deref(), left_w);
    let gap = width.saturating_sub(str_width(&body) + str_width(&mark));
    Line::from(vec![
        Span::raw(body),
        Span::raw(" ".repeat(gap)),
        Span::styled(fit(&mark, width), mark_style),
    ])
}

/// ` message  | part  part`, in at most `width` columns.
fn left_side(parts: &[Part], message: Option<&str>, width: usize) -> String {
    let parts: Vec<Part> = parts
        .iter()
        .map(|p| part(crate::text::sanitize(&p.text).text, p.rank))
        .collect();
    let mut shown = vec![true; parts.len()];
    let joined = |shown: &[bool]| {
        let texts: Vec<&str> = parts
            .iter()
            .zip(shown)
            .filter(|(_, s)| **s)
            .map(|(p, _)| p.text.as_str())
            .collect();
        format!(" {}", texts.join("  "))
    };
    let wanted = message.map_or(0, |m| str_width(m) + 4);
    loop {
        let over = str_width(&joined(&shown)) > width;
        let crowded = str_width(&joined(&shown)) + wanted > width;
        let lowest = (0..parts.len())
            .filter(|&i| shown[i] && (over || parts[i].rank < KEEP))
            .min_by_key(|&i| parts[i].rank);
        match lowest {
            Some(i) if (over || crowded) && shown.iter().filter(|s| **s).count() > 1 => {
                shown[i] = false
            }
            _ => break,
        }
    }
    let rest = joined(&shown);
    let body = match message {
        Some(m) => {
            let room = width.saturating_sub(str_width(&rest) + 4);
            if room >= 4 {
                format!(" {}  |{rest}", fit(m, room))
            } else {
                rest
            }
        }
        None => rest,
    };
    fit(&body, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn low_ranks_go_first_and_a_message_gets_what_is_left() {
        let parts = [
            part("a/报告甲.txt", 3),
            part("5/7", 9),
            part("alice", 1),
            part("1.2/min ETA 3h05m", 7),
            part("[flagged]", 8),
        ];
        let theme = Theme { color: false };
        let all = text(&framed(&parts, None, &SaveMark::Saved, 0, theme, 80));
        assert!(
            all.starts_with(" a/报告甲.txt  5/7  alice  1.2/min"),
            "{all}"
        );
        let narrow = text(&framed(&parts, None, &SaveMark::Saved, 0, theme, 40));
        assert_eq!(narrow, " 5/7  1.2/min ETA 3h05m  [flagged] saved");
        let long = "“家庭医生签约服务覆盖率达到45.2%以上的地区”: search wrapped";
        let msg = text(&framed(&parts, Some(long), &SaveMark::Saved, 0, theme, 60));
        assert_eq!(str_width(&msg), 60, "{msg}");
        assert!(msg.contains("| 5/7  1.2/min ETA 3h05m  [flagged]"), "{msg}");
        assert!(msg.starts_with(" “家庭医生签约"), "{msg}");
    }
}
