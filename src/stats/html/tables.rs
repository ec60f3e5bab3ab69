//! The page's tables: progress per annotator, pairs, gold progress, per
//! document.

use super::{escape, format};
use crate::stats::{GoldProgress, Stats};

/// One table cell.
enum Cell {
    /// Untrusted text (a name): stand-ins, escaped.
    Name(String),
    /// Our own words.
    Text(String),
    /// A figure (or a time), right-aligned, never wrapped; stand-ins,
    /// escaped.
    Figure(String),
}

fn figure(n: usize) -> Cell {
    Cell::Figure(n.to_string())
}

fn cell(tag: &str, c: &Cell) -> String {
    match c {
        Cell::Name(s) => format!("<{tag}>{}</{tag}>", escape::name(s)),
        Cell::Text(s) => format!("<{tag}>{}</{tag}>", escape::html(s)),
        Cell::Figure(s) => format!("<{tag} class=\"n\">{}</{tag}>", escape::name(s)),
    }
}

fn table(head: &[Cell], rows: impl IntoIterator<Item = Vec<Cell>>) -> String {
    let mut out = String::from("<div class=\"table\"><table>\n<thead><tr>");
    out.extend(head.iter().map(|c| cell("th", c)));
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        out.extend(row.iter().map(|c| cell("td", c)));
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
    out
}

fn heads(names: &[&str]) -> Vec<Cell> {
    names.iter().map(|n| Cell::Text(n.to_string())).collect()
}

/// Progress per annotator: labeled and done of the corpus, last labeled,
/// orphaned, time per paragraph, agreement, and against gold when there is
/// a gold set.
pub fn annotators(stats: &Stats) -> String {
    if stats.annotators.is_empty() {
        return "<p class=\"empty\">No annotators yet: no one has labeled anything.</p>\n".into();
    }
    let with_gold = stats.annotators.iter().any(|a| a.gold.is_some());
    let mut head = heads(&[
        "annotator",
        "labeled",
        "of the corpus",
        "done",
        "last labeled",
        "orphaned",
        "timed",
        "median",
        "p90",
        "agrees with others",
    ]);
    if with_gold {
        head.extend(heads(&["gold: items", "gold: agreement", "gold: kappa"]));
    }
    let rows = stats.annotators.iter().map(|a| {
        let mut row = vec![
            Cell::Name(a.name.clone()),
            figure(a.labeled),
            Cell::Figure(format::share(a.labeled, stats.paragraphs)),
            figure(a.done),
            Cell::Figure(a.last_labeled.clone().unwrap_or_else(|| "—".into())),
            figure(a.orphaned),
            figure(a.timed),
            Cell::Figure(format::duration(a.median_ms)),
            Cell::Figure(format::duration(a.p90_ms)),
            Cell::Figure(format::percent(a.agreement_with_others)),
        ];
        if with_gold {
            row.extend(match a.gold {
                Some(g) => vec![
                    figure(g.items),
                    Cell::Figure(format::percent(g.agreement)),
                    Cell::Figure(format::coefficient(g.kappa)),
                ],
                None => vec![
                    Cell::Text("—".into()),
                    Cell::Text("—".into()),
                    Cell::Text("—".into()),
                ],
            });
        }
        row
    });
    table(&head, rows)
}

/// Cohen's kappa on section types per pair of annotators.
pub fn pairs(stats: &Stats) -> String {
    if stats.pairs.is_empty() {
        return "<p class=\"empty\">No pairs: agreement needs two annotators.</p>\n".into();
    }
    let head = heads(&[
        "annotator",
        "annotator",
        "items",
        "agreement",
        "Cohen's kappa",
    ]);
    let rows = stats.pairs.iter().map(|p| {
        vec![
            Cell::Name(p.a.clone()),
            Cell::Name(p.b.clone()),
            figure(p.items),
            Cell::Figure(format::percent(p.percent_agreement)),
            Cell::Figure(format::coefficient(p.cohen_kappa)),
        ]
    });
    table(&head, rows)
}

/// How far the gold set is.
pub fn gold(g: &GoldProgress) -> String {
    let head = heads(&[
        "gold set",
        "gold labels",
        "unanimous",
        "review queue",
        "decided",
        "left",
    ]);
    let exists = if g.exists { "yes" } else { "not yet" };
    let row = vec![
        Cell::Text(exists.into()),
        figure(g.labels),
        figure(g.unanimous),
        figure(g.queue),
        figure(g.decided),
        figure(g.left),
    ];
    table(&head, [row])
}

/// Per document: paragraphs, and labeled / done per annotator.
pub fn by_doc(stats: &Stats) -> Option<String> {
    let docs = stats.by_doc.as_ref()?;
    if docs.is_empty() {
        return Some("<p class=\"empty\">No documents in the corpus.</p>\n".into());
    }
    let mut head = heads(&["document", "paragraphs"]);
    head.extend(stats.annotators.iter().map(|a| Cell::Name(a.name.clone())));
    let rows = docs.iter().map(|d| {
        let mut row = vec![Cell::Name(d.doc.clone()), figure(d.paragraphs)];
        row.extend(
            d.annotators
                .iter()
                .map(|c| Cell::Figure(format!("{} / {}", c.labeled, c.done))),
        );
        row
    });
    Some(table(&head, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::html::sample;
    use crate::stats::{DocCounts, DocProgress};

    #[test]
    fn names_in_cells_are_escaped() {
        let mut stats = sample::stats(2, 2, 1);
        stats.annotators[0].name = "<i>甲</i>".into();
        stats.by_doc = Some(vec![DocProgress {
            doc: "a&b\u{202e}.txt".into(),
            paragraphs: 3,
            annotators: vec![
                DocCounts {
                    labeled: 2,
                    done: 1
                };
                2
            ],
        }]);
        let t = annotators(&stats);
        assert!(t.contains("<td>&lt;i&gt;甲&lt;/i&gt;</td>"), "{t}");
        let d = by_doc(&stats).unwrap();
        assert!(d.contains("<td>a&amp;b⇄.txt</td>"), "{d}");
        assert!(d.contains("<td class=\"n\">2 / 1</td>"), "{d}");
        assert!(d.contains("<th>&lt;i&gt;甲&lt;/i&gt;</th>"), "{d}");
    }

    #[test]
    fn without_gold_no_gold_columns() {
        let mut stats = sample::stats(2, 2, 1);
        for a in &mut stats.annotators {
            a.gold = None;
        }
        assert!(!annotators(&stats).contains("gold: items"));
        stats.annotators[1].gold = sample::stats(2, 2, 1).annotators[0].gold;
        let t = annotators(&stats);
        assert!(t.contains("gold: items"));
        assert_eq!(t.matches("<td>—</td>").count(), 3, "{t}");
    }

    #[test]
    fn empty_lists_say_so() {
        let stats = sample::stats(0, 0, 0);
        assert!(annotators(&stats).contains("No annotators yet"));
        assert!(pairs(&stats).contains("No pairs"));
        assert_eq!(by_doc(&stats), None);
    }
}
