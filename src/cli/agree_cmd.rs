//! `biaozhu agree`: agreement between annotators, as text or `--json`.

use super::{CliError, Config};
use crate::review::items::build;
use crate::review::report::{report, Report};
use std::io::Write;

pub fn run(config: &Config, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let paragraphs = super::labels::paragraphs(config)?;
    let schema = super::labels::schema(config)?;
    let read = super::labels::read_labels(config, &paragraphs)?;
    let annotators: Vec<String> = read.iter().map(|r| r.annotator.clone()).collect();
    let labels: Vec<_> = read.into_iter().map(|r| r.labels).collect();
    let items = build(&annotators, &labels, &schema);
    let figures = report(&items, &labels);
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

/// The report for people: figures, pairs, the confusion table, per annotator.
pub fn text(r: &Report) -> String {
    let mut s = String::new();
    if r.annotators.len() < 2 {
        s += &format!(
            "agreement needs labels from at least two annotators; found {}: {}\n",
            r.annotators.len(),
            r.annotators.join(", ")
        );
        return s;
    }
    s += &format!(
        "agreement of {} annotators: {}\n\n",
        r.annotators.len(),
        r.annotators.join(", ")
    );
    let sec = &r.section;
    s += &format!(
        "Section type: {} paragraphs with a section type from at least two annotators\n",
        sec.items
    );
    s += &format!("  percent agreement      {}\n", num(sec.percent_agreement));
    s += &format!(
        "  Fleiss' kappa          {}   (paragraphs rated by all)\n",
        num(sec.fleiss_kappa)
    );
    s += &format!(
        "  Krippendorff's alpha   {}   (nominal, missing ratings allowed)\n",
        num(sec.krippendorff_alpha)
    );
    s += "  pairs                  items  agreement  Cohen's kappa\n";
    for p in &sec.pairs {
        s += &format!(
            "    {:<20} {:>5}  {:>9}  {:>13}\n",
            format!("{} / {}", p.a, p.b),
            p.items,
            num(p.percent_agreement),
            num(p.cohen_kappa)
        );
    }
    s += "\nIndicators (same paragraphs; an empty set is a rating)\n";
    s += &format!(
        "  MASI alpha             {}\n",
        num(r.indicators.masi_alpha)
    );
    s += "  per indicator (nominal alpha on present/absent; defined ones):\n";
    for (name, f) in r
        .indicators
        .per_label
        .iter()
        .filter(|(_, f)| f.krippendorff_alpha.is_some())
    {
        s += &format!("    {name:<24} {:>7}\n", num(f.krippendorff_alpha));
    }
    s += &confusion_text(r);
    s += "\nPer annotator            labels   done  s/paragraph  agreement with others\n";
    for a in &r.per_annotator {
        s += &format!(
            "  {:<22} {:>6} {:>6}  {:>11}  {:>21}\n",
            a.annotator,
            a.labels,
            a.done,
            a.median_seconds
                .map_or("-".to_owned(), |v| format!("{v:.1}")),
            num(a.agreement_with_others)
        );
    }
    s += "\n- : undefined (nothing to compare, or only one category in use)\n";
    s
}

/// Which section types get mistaken for which: a count table over the types
/// in use, columns numbered like the rows, the diagonal in brackets.
fn confusion_text(r: &Report) -> String {
    let c = &r.confusion;
    let used: Vec<usize> = (0..c.categories.len())
        .filter(|&i| c.counts[i].iter().any(|&x| x > 0) || c.counts.iter().any(|row| row[i] > 0))
        .collect();
    let mut s =
        String::from("\nConfusion of section types (pairs of annotators on the same paragraph)\n");
    if used.is_empty() {
        return s + "  (no paragraph rated by two annotators)\n";
    }
    let width = used
        .iter()
        .flat_map(|&i| used.iter().map(move |&j| (i, j)))
        .map(|(i, j)| c.counts[i][j].to_string().len() + 2)
        .max()
        .unwrap_or(3)
        .max(4);
    s += &format!("  {:<22}", "");
    for (n, _) in used.iter().enumerate() {
        s += &format!(" {:>width$}", n + 1);
    }
    s += "\n";
    for (n, &i) in used.iter().enumerate() {
        s += &format!("  {:>2} {:<19}", n + 1, c.categories[i]);
        for &j in &used {
            let cell = if i == j {
                format!("[{}]", c.counts[i][j])
            } else {
                c.counts[i][j].to_string()
            };
            s += &format!(" {cell:>width$}");
        }
        s += "\n";
    }
    s
}
