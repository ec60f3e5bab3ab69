//! `biaozhu agree`: agreement between annotators, as text or `--json`;
//! with a gold set (`labels/gold.sled`), each annotator against it too.

use super::{CliError, Config};
use crate::attach::CorpusIndex;
use crate::review::gold::add_gold;
use crate::review::items::build;
use crate::review::report::{report, Report};
use crate::review::span_agreement::{SpanFigures, SpanMatches};
use crate::text::fit::{fit, pad};
use crate::text::sanitize::plain;
use std::fmt::{self, Write as _};
use std::io::Write;

pub fn run(config: &Config, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    super::paths::check_labels(&config.labels_dir, config.labels_for_reading())?;
    // Placing labels needs each paragraph's identity, not its text.
    let corpus = super::labels::identities(config)?;
    let schema = super::labels::schema(config)?;
    let (votes, stores) =
        super::labels::read_votes(config, &CorpusIndex::of_identities(&corpus), &schema)?;
    // The corpus and the stores (sled's caches) are large and no longer
    // needed: freed on another thread while the figures are computed.
    let figures = std::thread::scope(|scope| {
        scope.spawn(move || drop((corpus, stores)));
        let items = build(&votes);
        let mut figures = report(&items, &votes);
        add_gold(&mut figures, &votes);
        figures
    });
    if json {
        serde_json::to_writer(&mut *out, &figures).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    } else {
        out.write_all(text(&figures).as_bytes())?;
    }
    Ok(())
}

fn num(x: Option<f64>) -> String {
    x.map_or("-".to_owned(), |v| format!("{v:.3}"))
}

/// The report for people: figures, pairs, the confusion table, per
/// annotator. Names (annotators, and section types and indicators, which an
/// import can bring from anywhere) are shown through [`plain`].
pub fn text(r: &Report) -> String {
    let mut s = String::new();
    write_text(&mut s, r).expect("writing to a String cannot fail");
    s
}

fn write_text(s: &mut String, r: &Report) -> fmt::Result {
    let names: Vec<String> = r.annotators.iter().map(|a| plain(a)).collect();
    let (n, names) = (names.len(), names.join(", "));
    if n < 2 {
        return writeln!(
            s,
            "agreement needs labels from at least two annotators; found {n}: {names}"
        );
    }
    writeln!(s, "agreement of {n} annotators: {names}\n")?;
    let sec = &r.section;
    writeln!(
        s,
        "Section type: {} paragraphs with a section type from at least two annotators",
        sec.items
    )?;
    writeln!(s, "  percent agreement      {}", num(sec.percent_agreement))?;
    writeln!(
        s,
        "  Fleiss' kappa          {}   (paragraphs rated by all)",
        num(sec.fleiss_kappa)
    )?;
    writeln!(
        s,
        "  Krippendorff's alpha   {}   (nominal, missing ratings allowed)",
        num(sec.krippendorff_alpha)
    )?;
    writeln!(
        s,
        "  pairs                  items  agreement  Cohen's kappa"
    )?;
    for p in &sec.pairs {
        writeln!(
            s,
            "    {:<20} {:>5}  {:>9}  {:>13}",
            format!("{} / {}", plain(&p.a), plain(&p.b)),
            p.items,
            num(p.percent_agreement),
            num(p.cohen_kappa)
        )?;
    }
    writeln!(
        s,
        "\nIndicators (same paragraphs; an empty set is a rating)"
    )?;
    writeln!(
        s,
        "  MASI alpha             {}",
        num(r.indicators.masi_alpha)
    )?;
    writeln!(
        s,
        "  per indicator (nominal alpha on present/absent; defined ones):"
    )?;
    for (name, f) in &r.indicators.per_label {
        if f.krippendorff_alpha.is_some() {
            writeln!(
                s,
                "    {:<24} {:>7}",
                plain(name),
                num(f.krippendorff_alpha)
            )?;
        }
    }
    write_spans(s, &r.spans)?;
    write_confusion(s, r)?;
    // The gold columns only when there is a gold set.
    let gold = r.per_annotator.iter().any(|a| a.gold_items.is_some());
    writeln!(
        s,
        "\nPer annotator            labels   done  s/paragraph  agreement with others{}",
        if gold {
            "  gold items  with gold  kappa vs gold"
        } else {
            ""
        }
    )?;
    for a in &r.per_annotator {
        let seconds = a
            .median_seconds
            .map_or("-".to_owned(), |v| format!("{v:.1}"));
        write!(
            s,
            "  {:<22} {:>6} {:>6}  {:>11}  {:>21}",
            plain(&a.annotator),
            a.labels,
            a.done,
            seconds,
            num(a.agreement_with_others)
        )?;
        if gold {
            write!(
                s,
                "  {:>10}  {:>9}  {:>13}",
                a.gold_items.unwrap_or(0),
                num(a.gold_agreement),
                num(a.gold_kappa)
            )?;
        }
        writeln!(s)?;
    }
    writeln!(
        s,
        "\n- : undefined (nothing to compare, or only one category in use)"
    )?;
    if gold {
        writeln!(
            s,
            "gold items: paragraphs where the annotator and the gold set (`biaozhu review`) both have a section type"
        )?;
    }
    Ok(())
}

/// Agreement on spans: how many each annotator made, then per pair, in
/// all and per label, the spans of each and P/R/F1 of a's against b's
/// with exact boundaries and overlapping. Names are cut to fit 80 columns.
fn write_spans(s: &mut String, f: &SpanFigures) -> fmt::Result {
    writeln!(
        s,
        "\nSpans (exact: same start, end and label; overlap: same label and a"
    )?;
    writeln!(
        s,
        "character in common, one to one; P = matched / a's, R = matched / b's)"
    )?;
    if f.counts.values().all(|&n| n == 0) {
        return writeln!(s, "  (no spans marked)");
    }
    writeln!(s, "  spans made (every label of theirs)")?;
    for (name, n) in &f.counts {
        writeln!(s, "    {} {n:>8}", pad(&plain(name), 24))?;
    }
    for p in &f.pairs {
        let pair = format!("{} / {}", plain(&p.a), plain(&p.b));
        writeln!(
            s,
            "  {}: {} paragraphs both labeled",
            fit(&pair, 44),
            p.items
        )?;
        writeln!(
            s,
            "    {:<20} {:>13}  {:>17}  {:>17}",
            "", "spans", "exact", "overlap"
        )?;
        writeln!(
            s,
            "    {:<20} {:>6} {:>6}  {:>5} {:>5} {:>5}  {:>5} {:>5} {:>5}",
            "label", "a", "b", "P", "R", "F1", "P", "R", "F1"
        )?;
        span_row(s, "(all labels)", &p.all)?;
        for (label, m) in &p.per_label {
            span_row(s, &plain(label), m)?;
        }
    }
    Ok(())
}

fn span_row(s: &mut String, label: &str, m: &SpanMatches) -> fmt::Result {
    writeln!(
        s,
        "    {} {:>6} {:>6}  {:>5} {:>5} {:>5}  {:>5} {:>5} {:>5}",
        pad(label, 20),
        m.a_spans,
        m.b_spans,
        num(m.exact.precision),
        num(m.exact.recall),
        num(m.exact.f1),
        num(m.overlap.precision),
        num(m.overlap.recall),
        num(m.overlap.f1)
    )
}

/// Which section types get mistaken for which: a count table over the types
/// in use, columns numbered like the rows, the diagonal in brackets.
fn write_confusion(s: &mut String, r: &Report) -> fmt::Result {
    let c = &r.confusion;
    let used: Vec<usize> = (0..c.categories.len())
        .filter(|&i| c.counts[i].iter().any(|&x| x > 0) || c.counts.iter().any(|row| row[i] > 0))
        .collect();
    writeln!(
        s,
        "\nConfusion of section types (pairs of annotators on the same paragraph)"
    )?;
    if used.is_empty() {
        return writeln!(s, "  (no paragraph rated by two annotators)");
    }
    let width = used
        .iter()
        .flat_map(|&i| used.iter().map(move |&j| (i, j)))
        .map(|(i, j)| c.counts[i][j].to_string().len() + 2)
        .max()
        .unwrap_or(3)
        .max(4);
    write!(s, "  {:<22}", "")?;
    for n in 1..=used.len() {
        write!(s, " {n:>width$}")?;
    }
    writeln!(s)?;
    for (n, &i) in used.iter().enumerate() {
        write!(s, "  {:>2} {:<19}", n + 1, plain(&c.categories[i]))?;
        for &j in &used {
            let cell = if i == j {
                format!("[{}]", c.counts[i][j])
            } else {
                c.counts[i][j].to_string()
            };
            write!(s, " {cell:>width$}")?;
        }
        writeln!(s)?;
    }
    Ok(())
}
