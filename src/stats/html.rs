//! `biaozhu stats --html FILE`: the stats as one self-contained page, to
//! mail around. No script, no network: the CSS is inline and each chart is
//! an SVG drawn by plotters into a string and inlined (modules below, one
//! per chart). Every name in it (annotators, section types, indicators,
//! documents) comes from imported data and goes through `escape`.

mod axis;
mod draw;
mod escape;
mod format;
mod heatmap;
mod indicators;
mod progress;
#[cfg(test)]
mod sample;
mod sections;
mod tables;
mod timing;

use super::Stats;
use heatmap::Axes;

/// The page's style: the CJK fonts first (the same list the charts' text
/// names), charts scaled down to narrow windows.
fn style() -> String {
    format!(
        "body {{ font-family: {font}; color: #333; margin: 24px auto; max-width: {width}px; \
         padding: 0 16px; line-height: 1.5; }}\n\
         svg text {{ font-family: {font}; }}\n\
         svg {{ display: block; max-width: 100%; height: auto; margin: 8px 0; }}\n\
         h1 {{ font-size: 24px; margin-bottom: 4px; }}\n\
         h1 .when {{ font-size: 15px; font-weight: normal; color: #666; margin-left: 12px; }}\n\
         h2 {{ font-size: 19px; margin-top: 36px; border-bottom: 1px solid #ddd; }}\n\
         p.note {{ color: #555; font-size: 14px; margin: 4px 0 8px; }}\n\
         p.empty {{ color: #888; font-style: italic; }}\n\
         div.table {{ overflow-x: auto; }}\n\
         td:first-child {{ white-space: nowrap; }}\n\
         table {{ border-collapse: collapse; font-size: 14px; margin: 8px 0; }}\n\
         th, td {{ border: 1px solid #ddd; padding: 3px 8px; text-align: left; }}\n\
         th {{ background: #f4f4f4; font-weight: 600; }}\n\
         td.n {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}\n",
        font = draw::FONT_FAMILY,
        width = draw::WIDTH + 40,
    )
}

/// `stats` with each section type and indicator the schema names shown
/// by its Chinese display name first (`标题 heading`), everywhere a chart
/// or table shows it.
fn shown_by_display_name(stats: &Stats) -> Stats {
    let shown = |name: &String| match stats.zh.get(name) {
        Some(zh) if zh != name => format!("{zh} {name}"),
        _ => name.clone(),
    };
    let names = |v: &[String]| v.iter().map(shown).collect::<Vec<_>>();
    let keys = |m: &std::collections::BTreeMap<String, usize>| {
        m.iter().map(|(k, v)| (shown(k), *v)).collect()
    };
    let mut out = stats.clone();
    out.section_names = names(&stats.section_names);
    out.indicator_names = names(&stats.indicator_names);
    for a in &mut out.annotators {
        a.sections = keys(&a.sections);
        a.indicators = keys(&a.indicators);
    }
    for c in out.confusion_tables_mut() {
        c.categories = names(&c.categories);
    }
    out.indicator_agreement = stats
        .indicator_agreement
        .iter()
        .map(|(k, v)| (shown(k), v.clone()))
        .collect();
    out
}

/// One part of the page: a heading, a note saying what it shows, then its
/// chart or table.
fn section(heading: &str, note: &str, body: &str) -> String {
    format!(
        "<section>\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n{body}\n</section>\n",
        escape::html(heading),
        escape::html(note)
    )
}

/// The whole page, self-contained. `title_when` is the time of the report
/// (e.g. "2026-12-02T10:00:00Z"), shown in the heading.
pub fn page(stats: &Stats, title_when: &str) -> String {
    let stats = &shown_by_display_name(stats);
    let when = escape::name(title_when);
    let mut body = String::new();
    body.push_str(&format!(
        "<h1>biaozhu: labeling progress<span class=\"when\">{when}</span></h1>\n\
         <p class=\"note\">The corpus: {} paragraphs in {} documents. Annotators: {}.</p>\n",
        stats.paragraphs,
        stats.documents,
        stats.annotators.len()
    ));
    body.push_str(&section(
        "Progress per annotator",
        &format!(
            "Labeled: paragraphs of the corpus with a section type, an indicator or a span \
             (of the corpus: of its {} paragraphs); done: accepted with Enter; orphaned: \
             labels on text no longer in the corpus; median and p90: time spent per labeled \
             paragraph.",
            stats.paragraphs
        ),
        &tables::annotators(stats),
    ));
    body.push_str(&section(
        "Progress over time",
        &format!(
            "Each annotator's labels, cumulative, by the UTC day of their last change; the \
             legend gives each total. The corpus has {} paragraphs.",
            stats.paragraphs
        ),
        &progress::chart(stats),
    ));
    body.push_str(&section(
        "Section types per annotator",
        "Labeled paragraphs per section type, one bar per annotator; grey: labeled \
         without a section type.",
        &sections::chart(stats),
    ));
    body.push_str(&section(
        "Time per paragraph",
        "Labels with a known time spent, by how long; each panel on its own scale. \
         The screen caps each idle gap at 2 min.",
        &timing::chart(stats),
    ));
    body.push_str(&section(
        "Agreement between annotators",
        "Cohen's kappa on section types per pair; below, the section types one annotator \
         chose (rows) against another's (columns) on the same paragraph, over every pair in \
         both orders. Green: agreement, red: confusion, each shaded against the largest of \
         its kind; columns are numbered like the rows.",
        &format!(
            "{}{}",
            tables::pairs(stats),
            heatmap::chart(
                &stats.confusion,
                Axes {
                    rows: "annotator",
                    columns: "another annotator",
                },
                "No paragraph has section types from two annotators yet.",
            )
        ),
    ));
    let against_gold = match &stats.gold_confusion {
        Some(c) => heatmap::chart(
            c,
            Axes {
                rows: "gold",
                columns: "annotators",
            },
            "No paragraph has both a gold and an annotator's section type yet.",
        ),
        None => draw::nothing("No gold set yet, so nothing to compare with."),
    };
    body.push_str(&section(
        "Against the gold set",
        "Gold's section type (rows) against each annotator's (columns), summed over \
         annotators; coloured as above.",
        &against_gold,
    ));
    body.push_str(&section(
        "Gold set progress",
        "Unanimous: paragraphs labeled alike by two or more annotators, unflagged, without \
         notes (they go to gold without a reviewer); review queue: disagreements, flagged \
         and noted paragraphs; decided and left: of the queue.",
        &tables::gold(&stats.gold),
    ));
    body.push_str(&section(
        "Agreement per indicator",
        "Krippendorff's alpha on present/absent per indicator. Green from 0.8, amber from \
         0.667 (the grey lines), red below; \"undefined\" where alpha cannot be computed \
         (too few items, or no variation).",
        &indicators::chart(stats),
    ));
    if let Some(docs) = tables::by_doc(stats) {
        body.push_str(&section(
            "Per document",
            "Paragraphs, and per annotator labeled / done.",
            &docs,
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>biaozhu stats {when}</title>\n<style>\n{}</style>\n</head>\n<body>\n{body}\
         </body>\n</html>\n",
        style()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svgs(page: &str) -> usize {
        page.matches("<svg ").count()
    }

    #[test]
    fn every_chart_is_drawn() {
        let page = page(&sample::stats(3, 5, 4), "2026-12-02T10:00:00Z");
        // progress, sections, timing, confusion, gold, indicators
        assert_eq!(svgs(&page), 6);
        assert!(!page.contains("could not be drawn"));
        assert!(page.contains("2026-12-02T10:00:00Z"));
        assert_eq!(page.matches("</svg>").count(), 6);
    }

    #[test]
    fn empty_stats_say_there_is_nothing() {
        let page = page(&sample::stats(0, 0, 0), "now");
        assert_eq!(svgs(&page), 0);
        for said in [
            "No annotators yet",
            "No labels yet",
            "No labeled paragraphs yet",
            "No annotators yet, so no times",
            "No pairs",
            "No paragraph has section types from two annotators yet.",
            "No gold set yet",
            "No indicators were rated",
        ] {
            assert!(page.contains(said), "{said}");
        }
    }

    #[test]
    fn labels_without_any_count_still_draw() {
        let mut stats = sample::stats(2, 3, 1);
        for a in &mut stats.annotators {
            a.per_day.values_mut().for_each(|n| *n = 0);
            a.histogram.iter_mut().for_each(|n| *n = 0);
            a.timed = 0;
        }
        let page = page(&stats, "now");
        assert!(page.contains("no timed labels"));
        assert_eq!(svgs(&page), 6);
    }

    #[test]
    fn schema_names_show_their_chinese_display_name() {
        let mut stats = sample::stats(2, 3, 2);
        let first = stats.section_names[0].clone();
        let indicator = stats.indicator_names[0].clone();
        stats.zh.insert(first.clone(), "标题".into());
        stats.zh.insert(indicator.clone(), "疫苗接种".into());
        let page = page(&stats, "now");
        let shown = format!("标题 {first}");
        // The table, the stacked bars' legend, both heatmap axes at least.
        assert!(page.matches(&shown).count() >= 3, "{shown}");
        assert!(page.contains(&format!("疫苗接种 {indicator}")));
    }

    #[test]
    fn one_day_only() {
        let page = page(&sample::stats(1, 2, 1), "now");
        assert!(page.contains("2026-12-01"));
        assert_eq!(svgs(&page), 5 + 1);
    }

    #[test]
    fn twelve_annotators_and_many_section_types_stay_small_and_named() {
        let stats = sample::stats(12, 16, 30);
        let page = page(&stats, "now");
        assert!(page.len() < 1_000_000, "{} bytes", page.len());
        for a in &stats.annotators {
            // table, progress legend, bar, histogram panel at least
            assert!(page.matches(&a.name).count() >= 4, "{}", a.name);
        }
        for s in &stats.section_names {
            assert!(page.matches(s.as_str()).count() >= 3, "{s}");
        }
    }

    #[test]
    fn untrusted_names_are_escaped_everywhere() {
        let mut stats = sample::stats(4, 3, 2);
        let odd = [
            "<script>alert(1)</script>",
            "a&b",
            "say \"hi\"",
            "x]]>y\u{202e}z\u{1b}",
        ];
        for (a, name) in stats.annotators.iter_mut().zip(odd) {
            a.name = name.to_string();
        }
        stats.section_names[0] = "<b>标题</b>".into();
        stats.confusion.categories[0] = "<b>标题</b>".into();
        stats.indicator_agreement.insert(
            "'指标'&<".into(),
            crate::review::report::PerLabel {
                items: 1,
                krippendorff_alpha: None,
            },
        );
        let page = page(&stats, "<now>");
        assert!(!page.contains("<script"));
        assert!(!page.contains("<b>"));
        assert!(!page.contains("]]>"));
        assert!(!page.contains("say \"hi\""));
        assert!(!page.contains("'指标'"));
        assert!(!page.contains("<now>"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("x]]&gt;y⇄z␛"));
        assert!(page.contains("&lt;b&gt;标题&lt;/b&gt;"));
        assert!(page
            .chars()
            .all(|c| c == '\n' || !(c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))));
    }

    #[test]
    fn nothing_is_fetched() {
        let page = page(&sample::stats(3, 3, 3), "now");
        let namespaces = page.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
        assert_eq!(namespaces, svgs(&page));
        assert_eq!(page.matches("http://").count(), namespaces);
        assert!(!page.contains("https://"));
        for fetch in [
            "<script", "<link", "<img", "url(", "@import", " src=", " href=",
        ] {
            assert!(!page.contains(fetch), "{fetch}");
        }
    }
}
