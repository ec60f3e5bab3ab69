use super::*;
use crate::stats::fixture::computed;
use crate::text::str_width;
use unicode_width::UnicodeWidthChar;

const WHEN: &str = "2026-11-24T08:00:00Z";

fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

fn line_with<'a>(report: &'a str, start: &str) -> &'a str {
    report
        .lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start:?} in\n{report}"))
}

/// Whether `c` takes a different width in a CJK terminal.
fn ambiguous(c: char) -> bool {
    c.width() != c.width_cjk()
}

#[test]
fn the_hand_worked_figures_as_text() {
    let r = text(&computed(true), WHEN);
    assert!(r.starts_with(
        "biaozhu stats, 2026-11-24 08:00 UTC\n6 paragraphs in 2 documents, 3 annotators\n"
    ));
    // a: 5 of 6 labeled (83.3 %), 4 done, 2 orphaned; 13 of 16 cells.
    let a = line_with(&r, "  a  ");
    assert!(
        a.contains("▬▬▬▬▬▬▬▬▬▬▬▬▬▭▭▭       5  83.3%       4      2  2026-11-23 23:59"),
        "{a}"
    );
    assert!(r.contains("2 labels are on text no longer in the corpus"));
    // Times: a's median 6.0 s and p90 2.2 min over 4 known times.
    assert!(
        r.contains("  a                  4     6.0 s   2.2 min"),
        "{r}"
    );
    assert!(r.contains("    >=2min          1  ▬"), "{r}");
    // Shares of labeled paragraphs; a type b never chose says so.
    let problem = line_with(&r, "  problem");
    let cells = format!("{:>14}{:>14}{:>14}", "2  40.0%", "never", "1  50.0%");
    assert_eq!(
        problem.trim_end(),
        format!("  {}{cells}", pad("problem", 26))
    );
    assert!(line_with(&r, "  标题 heading").contains("2  40.0%"));
    // Per day, all annotators: the 22nd has a 2 + b 4, the 23rd a 3 + c 2.
    assert!(r.contains("  2026-11-22        6  ▬"), "{r}");
    assert!(r.contains("  2026-11-23        5  ▬"), "{r}");
    // κ of a and b by hand: 0.6 on 4 items.
    let ab = format!(
        "  {} / {}  {:>8} items  kappa  0.600  agree  75.0%",
        pad("a", 12),
        pad("b", 12),
        4
    );
    assert!(r.contains(&ab), "{r}");
    // Queue 3: 1 decided, 2 left; 2 unanimous; 2 gold labels.
    assert!(r.contains("  review queue        3"));
    assert!(r.contains("    decided           1"));
    assert!(r.contains("    left              2"));
    assert!(r.contains("  unanimous           2"));
    assert!(r.contains("  gold set            2  labels"));
    // Per document: x.txt has 4 paragraphs, a 4 labeled / 3 done.
    assert!(
        line_with(&r, "  x.txt").contains("4         4/3         3/3         2/2"),
        "{r}"
    );
}

#[test]
fn fits_80_columns_without_ambiguous_width_glyphs() {
    let mut s = computed(true);
    // Twelve annotators with long names, long Chinese section names.
    let template = s.annotators[0].clone();
    s.annotators = (0..12)
        .map(|i| AnnotatorStats {
            name: format!("annotator_with_a_long_name_{i}"),
            ..template.clone()
        })
        .collect();
    for d in s.by_doc.as_mut().unwrap() {
        d.annotators = vec![d.annotators[0]; 12];
        d.doc = format!("报告/二〇二四年卫生健康工作总结（终稿）/{}", d.doc);
    }
    s.zh.insert("problem".into(), "存在问题与不足（含整改）".into());
    let r = text(&s, WHEN);
    for line in lines(&r) {
        assert!(
            str_width(line) <= WIDTH,
            "{} columns: {line}",
            str_width(line)
        );
        assert!(
            !line.chars().any(ambiguous),
            "an ambiguous-width glyph in {line:?}"
        );
    }
    // Every annotator shows in every table, cut to fit.
    // Progress, times, histograms, per day, sections, indicators, per document.
    assert_eq!(r.matches("annotator_").count(), 12 * 7, "{r}");
}

#[test]
fn names_are_shown_plainly_and_cut() {
    let mut s = computed(false);
    let odd = "evil\u{1b}]0;owned\u{7}\u{202e}名".to_owned();
    s.section_names.push(odd.clone());
    s.annotators[0].sections.insert(odd, 1);
    s.annotators[1].name = "b".repeat(300);
    let r = text(&s, WHEN);
    assert!(!r.chars().any(|c| c.is_control() && c != '\n'), "{r:?}");
    assert!(!r.contains('\u{202e}'));
    assert!(r.contains("evil"));
    assert!(!r.contains(&"b".repeat(79)));
    assert!(r.lines().all(|l| str_width(l) <= WIDTH));
}

#[test]
fn nobody_has_labeled() {
    let mut s = computed(false);
    s.annotators.clear();
    s.pairs.clear();
    let r = text(&s, WHEN);
    assert!(r.contains("No labels yet"), "{r}");
    assert!(r.contains("review queue"));
}

#[test]
fn durations_and_buckets_for_people() {
    assert_eq!(duration(850), "850 ms");
    assert_eq!(duration(4_200), "4.2 s");
    assert_eq!(duration(210_000), "3.5 min");
    assert_eq!(
        bucket_names(&crate::stats::HISTOGRAM_BOUNDS_MS),
        ["<2s", "2-5s", "5-10s", "10-20s", "20-30s", "30-60s", "1-2min", ">=2min"]
    );
}
