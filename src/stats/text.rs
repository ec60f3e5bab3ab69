//! The text report of `biaozhu stats`: at most 80 columns, bars in block
//! characters that are never East Asian ambiguous (`▬` filled, `▭` empty:
//! one column in every terminal), every name through `plain` and cut to
//! its column. Pure.

use super::{AnnotatorStats, Stats};
use crate::text::count::plural;
use crate::text::sanitize::plain;
use crate::text::{pad, str_width};
use std::fmt::{self, Write as _};

/// The report's width.
pub const WIDTH: usize = 80;
const FILLED: char = '▬';
const EMPTY: char = '▭';
/// Annotator names' column.
const NAME: usize = 12;

/// The whole report; `when` (RFC 3339) heads it.
mod suggestions;

pub fn text(stats: &Stats, when: &str) -> String {
    let mut s = String::new();
    write_text(&mut s, stats, when).expect("writing to a String cannot fail");
    s
}

fn write_text(s: &mut String, st: &Stats, when: &str) -> fmt::Result {
    writeln!(s, "biaozhu stats, {} UTC", minute(when))?;
    writeln!(
        s,
        "{} paragraphs in {} documents, {} annotators",
        st.paragraphs,
        st.documents,
        st.annotators.len()
    )?;
    if st.annotators.is_empty() {
        writeln!(s, "\nNo labels yet: nobody has labeled in this labels dir.")?;
    } else {
        progress(s, st)?;
        times(s, st)?;
        per_day(s, st)?;
        distribution(
            s,
            "Section types",
            &st.section_names,
            st,
            |a, n| a.sections.get(n).copied().unwrap_or(0),
            |a| a.no_section,
            "(none)",
        )?;
        distribution(
            s,
            "Indicators",
            &st.indicator_names,
            st,
            |a, n| a.indicators.get(n).copied().unwrap_or(0),
            |a| a.no_indicator,
            "(no indicator)",
        )?;
        agreement(s, st)?;
    }
    gold(s, st)?;
    suggestions::suggestions(s, st)?;
    if st.by_doc.is_some() {
        by_doc(s, st)?;
    }
    Ok(())
}

/// An RFC 3339 UTC time to the minute: `2026-11-23 09:30`.
fn minute(t: &str) -> String {
    plain(&t.replacen('T', " ", 1)).chars().take(16).collect()
}

/// A name for its column: shown plainly, cut with `~` and padded.
fn name(n: &str, width: usize) -> String {
    pad(&plain(n), width)
}

/// `n` of `total` as a bar `width` columns wide.
fn bar(n: usize, total: usize, width: usize) -> String {
    // Rounded, and at least one cell for anything at all.
    let filled = (n * width + total / 2)
        .checked_div(total)
        .map_or(0, |cells| cells.max(usize::from(n > 0)).min(width));
    let mut b: String = std::iter::repeat_n(FILLED, filled).collect();
    b.extend(std::iter::repeat_n(EMPTY, width - filled));
    b
}

/// A bar of `n` of `max` with nothing drawn for the rest.
fn solid(n: usize, max: usize, width: usize) -> String {
    bar(n, max, width).trim_end_matches(EMPTY).to_owned()
}

fn percent(n: usize, total: usize) -> String {
    if total == 0 {
        "-".to_owned()
    } else {
        format!("{:.1}%", n as f64 * 100.0 / total as f64)
    }
}

/// Milliseconds for people: `850 ms`, `4.2 s`, `3.5 min`.
pub fn duration(ms: u64) -> String {
    match ms {
        0..=999 => format!("{ms} ms"),
        1_000..=99_999 => format!("{:.1} s", ms as f64 / 1000.0),
        _ => format!("{:.1} min", ms as f64 / 60_000.0),
    }
}

fn heading(s: &mut String, title: &str) -> fmt::Result {
    writeln!(s, "\n{title}")
}

fn progress(s: &mut String, st: &Stats) -> fmt::Result {
    heading(s, &format!("Progress (of {} paragraphs)", st.paragraphs))?;
    writeln!(
        s,
        "  {}  {:<16} {:>7} {:>6} {:>7} {:>6}  last labeled",
        pad("annotator", NAME),
        "labeled",
        "",
        "",
        "done",
        "orph."
    )?;
    for a in &st.annotators {
        let last = a.last_labeled.as_deref().map_or("never".to_owned(), minute);
        writeln!(
            s,
            "  {}  {} {:>7} {:>6} {:>7} {:>6}  {last}",
            name(&a.name, NAME),
            bar(a.labeled, st.paragraphs, 16),
            a.labeled,
            percent(a.labeled, st.paragraphs),
            a.done,
            a.orphaned,
        )?;
    }
    let orphaned: usize = st.annotators.iter().map(|a| a.orphaned).sum();
    if orphaned > 0 {
        let are = if orphaned == 1 { "is" } else { "are" };
        writeln!(
            s,
            "  {} {are} on text no longer in the corpus (orph.); export still has them",
            plural(orphaned, "label")
        )?;
    }
    Ok(())
}

fn times(s: &mut String, st: &Stats) -> fmt::Result {
    heading(
        s,
        "Time per paragraph (known times; idle gaps capped at 2 min)",
    )?;
    writeln!(
        s,
        "  {}  {:>6} {:>9} {:>9}",
        pad("annotator", NAME),
        "timed",
        "median",
        "p90"
    )?;
    for a in &st.annotators {
        let shown = |ms: Option<u64>| ms.map_or("-".to_owned(), duration);
        writeln!(
            s,
            "  {}  {:>6} {:>9} {:>9}",
            name(&a.name, NAME),
            a.timed,
            shown(a.median_ms),
            shown(a.p90_ms)
        )?;
    }
    let buckets = bucket_names(&st.histogram_bounds_ms);
    for a in st.annotators.iter().filter(|a| a.timed > 0) {
        writeln!(s, "  {}", name(&a.name, WIDTH - 2).trim_end())?;
        let max = a.histogram.iter().copied().max().unwrap_or(0);
        for (bucket, &n) in buckets.iter().zip(&a.histogram) {
            let line = format!("    {bucket:<9} {:>7}  {}", n, solid(n, max, 40));
            writeln!(s, "{}", line.trim_end())?;
        }
    }
    Ok(())
}

/// The histogram's buckets named: `<2s`, `2-5s`, …, `30-60s`, `1-2min`,
/// `>=2min` (a range in minutes when it ends above a minute).
pub fn bucket_names(bounds: &[u64]) -> Vec<String> {
    let in_unit = |ms: u64, minutes: bool| {
        if minutes {
            format!("{}", ms as f64 / 60_000.0)
        } else {
            format!("{}", ms as f64 / 1000.0)
        }
    };
    let unit = |minutes: bool| if minutes { "min" } else { "s" };
    let mut names = Vec::new();
    let mut from: Option<u64> = None;
    for &b in bounds {
        let minutes = b > 60_000;
        names.push(match from {
            None => format!("<{}{}", in_unit(b, minutes), unit(minutes)),
            Some(f) => format!(
                "{}-{}{}",
                in_unit(f, minutes),
                in_unit(b, minutes),
                unit(minutes)
            ),
        });
        from = Some(b);
    }
    if let Some(f) = from {
        let minutes = f >= 60_000;
        names.push(format!(">={}{}", in_unit(f, minutes), unit(minutes)));
    }
    names
}

fn per_day(s: &mut String, st: &Stats) -> fmt::Result {
    let mut days: std::collections::BTreeMap<&str, usize> = Default::default();
    for a in &st.annotators {
        for (d, n) in &a.per_day {
            *days.entry(d.as_str()).or_default() += n;
        }
    }
    if days.is_empty() {
        return Ok(());
    }
    heading(
        s,
        "Labeled per day (UTC; all annotators, the last 14 days with labels)",
    )?;
    let shown: Vec<(&str, usize)> = days
        .iter()
        .rev()
        .take(14)
        .rev()
        .map(|(d, n)| (*d, *n))
        .collect();
    let max = shown.iter().map(|(_, n)| *n).max().unwrap_or(0);
    for (d, n) in shown {
        writeln!(s, "  {d}  {n:>7}  {}", solid(n, max, 50))?;
    }
    for a in &st.annotators {
        let labeled: usize = a.per_day.values().sum();
        let days = a.per_day.len();
        let rate = if days == 0 {
            0.0
        } else {
            labeled as f64 / days as f64
        };
        let unit = if days == 1 { "day" } else { "days" };
        writeln!(
            s,
            "  {}  {rate:.1} a day on {days} {unit}",
            name(&a.name, NAME)
        )?;
    }
    Ok(())
}

/// Counts and shares of `names` per annotator, in tables of as many
/// annotators as fit; a name an annotator never chose says `never`.
fn distribution(
    s: &mut String,
    title: &str,
    names: &[String],
    st: &Stats,
    count: impl Fn(&AnnotatorStats, &str) -> usize,
    none: impl Fn(&AnnotatorStats) -> usize,
    none_name: &str,
) -> fmt::Result {
    const LABEL: usize = 26;
    const CELL: usize = 14;
    heading(s, &format!("{title} (labeled paragraphs: count and share)"))?;
    let per_table = ((WIDTH - 2 - LABEL) / CELL).max(1);
    for group in st.annotators.chunks(per_table) {
        let mut head = format!("  {}", pad("", LABEL));
        for a in group {
            head.push_str(&right(&plain(&a.name), CELL));
        }
        writeln!(s, "{}", head.trim_end())?;
        let rows = names
            .iter()
            .map(|n| {
                let shown = match st.zh.get(n) {
                    Some(zh) => format!("{} {}", plain(zh), plain(n)),
                    None => plain(n),
                };
                (shown, group.iter().map(|a| count(a, n)).collect::<Vec<_>>())
            })
            .chain(std::iter::once((
                none_name.to_owned(),
                group.iter().map(&none).collect(),
            )));
        for (label, counts) in rows {
            let mut line = format!("  {}", pad(&label, LABEL));
            for (a, n) in group.iter().zip(counts) {
                let cell = if n == 0 && label != none_name {
                    "never".to_owned()
                } else {
                    format!("{n} {:>6}", percent(n, a.labeled))
                };
                line.push_str(&right(&cell, CELL));
            }
            writeln!(s, "{line}")?;
        }
    }
    Ok(())
}

/// `text` cut to `width` columns and right-aligned in them.
fn right(text: &str, width: usize) -> String {
    let cut = crate::text::fit(text, width - 1);
    format!("{}{cut}", " ".repeat(width - str_width(&cut)))
}

fn agreement(s: &mut String, st: &Stats) -> fmt::Result {
    heading(s, "Agreement on section types (Cohen's kappa per pair)")?;
    if st.pairs.is_empty() {
        return writeln!(s, "  needs labels from at least two annotators");
    }
    for p in &st.pairs {
        let num = |x: Option<f64>, f: &dyn Fn(f64) -> String| x.map_or("-".to_owned(), f);
        writeln!(
            s,
            "  {} / {}  {:>8} items  kappa {:>6}  agree {:>6}",
            name(&p.a, NAME),
            name(&p.b, NAME),
            p.items,
            num(p.cohen_kappa, &|k| format!("{k:.3}")),
            num(p.percent_agreement, &|a| format!("{:.1}%", a * 100.0)),
        )?;
    }
    Ok(())
}

fn gold(s: &mut String, st: &Stats) -> fmt::Result {
    let g = &st.gold;
    heading(s, "Review and gold")?;
    writeln!(
        s,
        "  review queue {:>8}  (disagreements, flagged, with notes)",
        g.queue
    )?;
    writeln!(
        s,
        "    decided    {:>8}  {}",
        g.decided,
        bar(g.decided, g.queue, 30)
    )?;
    writeln!(s, "    left       {:>8}", g.left)?;
    writeln!(
        s,
        "  unanimous    {:>8}  (to gold without a reviewer)",
        g.unanimous
    )?;
    if g.exists {
        writeln!(s, "  gold set     {:>8}  labels", g.labels)
    } else {
        writeln!(s, "  gold set         none  (biaozhu review writes it)")
    }
}

fn by_doc(s: &mut String, st: &Stats) -> fmt::Result {
    const DOC: usize = 30;
    const CELL: usize = 12;
    let Some(docs) = &st.by_doc else {
        return Ok(());
    };
    heading(s, "Per document (labeled/done)")?;
    let per_table = ((WIDTH - 2 - DOC - 7) / CELL).max(1);
    let indices: Vec<usize> = (0..st.annotators.len()).collect();
    for group in indices.chunks(per_table) {
        let mut head = format!("  {}{:>7}", pad("document", DOC), "paras");
        for &a in group {
            head.push_str(&right(&plain(&st.annotators[a].name), CELL));
        }
        writeln!(s, "{}", head.trim_end())?;
        for d in docs {
            let mut line = format!("  {}{:>7}", pad(&plain(&d.doc), DOC), d.paragraphs);
            for &a in group {
                let c = d.annotators[a];
                line.push_str(&right(&format!("{}/{}", c.labeled, c.done), CELL));
            }
            writeln!(s, "{line}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
