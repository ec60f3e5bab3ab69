//! Chart 1: labels per annotator over time, cumulative by UTC day, one line
//! per annotator.

use super::draw::{self, Drawn, Legend};
use super::escape;
use crate::stats::Stats;
use plotters::prelude::*;
use std::collections::BTreeSet;
use std::time::{Duration, UNIX_EPOCH};

const PLOT_HEIGHT: u32 = 380;
const SECONDS_PER_DAY: u64 = 86_400;

/// The chart, or a sentence when no label has a day.
pub fn chart(stats: &Stats) -> String {
    let days: BTreeSet<&str> = stats
        .annotators
        .iter()
        .flat_map(|a| a.per_day.keys().map(String::as_str))
        .collect();
    if days.is_empty() {
        return draw::nothing("No labels yet, so no progress to draw.");
    }
    let days: Vec<&str> = days.into_iter().collect();
    let axis = DayAxis::new(&days);
    let lines: Vec<Vec<(i64, i64)>> = stats
        .annotators
        .iter()
        .map(|a| {
            let mut total = 0i64;
            days.iter()
                .zip(&axis.xs)
                .map(|(day, &x)| {
                    total += a.per_day.get(*day).copied().unwrap_or(0) as i64;
                    (x, total)
                })
                .collect()
        })
        .collect();
    let legend = Legend::new(
        stats
            .annotators
            .iter()
            .zip(&lines)
            .enumerate()
            .map(|(i, (a, line))| {
                let total = line.last().map_or(0, |p| p.1);
                let name = format!("{} ({total})", escape::chart_name(&a.name));
                (name, draw::colour(i))
            })
            .collect(),
        draw::WIDTH,
    );
    let top = lines
        .iter()
        .flatten()
        .map(|p| p.1)
        .max()
        .unwrap_or(0)
        .max(1);
    draw::svg(draw::WIDTH, PLOT_HEIGHT + legend.height(), |root| {
        let (plot, key) = root.split_vertically(PLOT_HEIGHT);
        draw_lines(&plot, &axis, &lines, top)?;
        legend.draw(&key)
    })
}

fn draw_lines(area: &draw::Area, axis: &DayAxis, lines: &[Vec<(i64, i64)>], top: i64) -> Drawn {
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .margin_right(50)
        .x_label_area_size(50)
        .y_label_area_size(60)
        .build_cartesian_2d(axis.range(), 0..top + top / 20 + 1)?;
    let label = |x: &i64| axis.label(*x);
    draw::mesh(&mut chart)
        .x_labels(8)
        .y_labels(8)
        .x_label_formatter(&label)
        .x_desc("day of the last change (UTC)")
        .y_desc("labels, cumulative")
        .draw()?;
    for (i, line) in lines.iter().enumerate() {
        let colour = draw::colour(i);
        chart.draw_series(LineSeries::new(
            line.iter().copied(),
            colour.stroke_width(2),
        ))?;
        chart.draw_series(line.iter().map(|&p| Circle::new(p, 3, colour.filled())))?;
    }
    Ok(())
}

/// Where each day sits on the x axis: its day number since 1970 when every
/// day reads as `YYYY-MM-DD` (gaps between days show), else its rank.
struct DayAxis {
    xs: Vec<i64>,
    /// The days by rank, when `xs` are ranks.
    ranked: Option<Vec<String>>,
}

impl DayAxis {
    fn new(days: &[&str]) -> Self {
        let numbers: Option<Vec<i64>> = days.iter().map(|d| day_number(d)).collect();
        match numbers {
            Some(xs) => DayAxis { xs, ranked: None },
            None => DayAxis {
                xs: (0..days.len() as i64).collect(),
                ranked: Some(days.iter().map(|d| escape::chart_name(d)).collect()),
            },
        }
    }

    /// The x range: the days, with one more each side when there is only
    /// one (plotters needs a range with width).
    fn range(&self) -> std::ops::Range<i64> {
        let first = self.xs.first().copied().unwrap_or(0);
        let last = self.xs.last().copied().unwrap_or(0);
        if first == last {
            first - 1..last + 1
        } else {
            first..last
        }
    }

    fn label(&self, x: i64) -> String {
        match &self.ranked {
            Some(days) => usize::try_from(x)
                .ok()
                .and_then(|i| days.get(i).cloned())
                .unwrap_or_default(),
            None => day_text(x),
        }
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` day (not before 1970).
fn day_number(day: &str) -> Option<i64> {
    if day.len() != 10 {
        return None;
    }
    let at = humantime::parse_rfc3339(&format!("{day}T00:00:00Z")).ok()?;
    let secs = at.duration_since(UNIX_EPOCH).ok()?.as_secs();
    i64::try_from(secs / SECONDS_PER_DAY).ok()
}

/// The `YYYY-MM-DD` of a day number.
fn day_text(x: i64) -> String {
    let Ok(days) = u64::try_from(x) else {
        return String::new();
    };
    let at = UNIX_EPOCH + Duration::from_secs(days * SECONDS_PER_DAY);
    humantime::format_rfc3339(at).to_string()[..10].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_numbers_and_back() {
        assert_eq!(day_number("1970-01-02"), Some(1));
        let x = day_number("2026-12-01").unwrap();
        assert_eq!(day_text(x), "2026-12-01");
        assert_eq!(day_text(x + 31), "2027-01-01");
        assert_eq!(day_number("2026-13-01"), None);
        assert_eq!(day_number("yesterday"), None);
        assert_eq!(day_text(-1), "");
    }

    #[test]
    fn gaps_between_days_show_unless_a_day_does_not_read() {
        let axis = DayAxis::new(&["2026-12-01", "2026-12-05"]);
        assert_eq!(axis.xs[1] - axis.xs[0], 4);
        assert_eq!(axis.label(axis.xs[1]), "2026-12-05");
        let axis = DayAxis::new(&["2026-12-01", "某天"]);
        assert_eq!(axis.xs, vec![0, 1]);
        assert_eq!(axis.label(1), "某天");
        assert_eq!(axis.label(7), "");
    }

    #[test]
    fn one_day_gets_a_range_with_width() {
        let axis = DayAxis::new(&["2026-12-01"]);
        let r = axis.range();
        assert!(r.start < axis.xs[0] && axis.xs[0] < r.end);
    }
}
