//! The reading rules measured on fixture pages written from the corpus
//! issue's descriptions of real scraped pages (not the sample corpus):
//! `tests/fixtures/pages/tune/` (the rules were written against these) and
//! `tests/fixtures/pages/heldout/` (written after, not tuned on). Each
//! `NAME.txt` has a `NAME.expect`: the paragraphs it should give, one a
//! line, `B|` boilerplate, `H|` heading, `T|` report text.
//!
//! `cargo test --test corpus_pages -- --nocapture` prints the table.

use biaozhu::corpus::decode::SourceEncoding;
use biaozhu::corpus::document::{build, CorpusOptions, Document};
use biaozhu::corpus::Rules;
use regex::Regex;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Boilerplate,
    Heading,
    Text,
}

fn kind_of(tag: &str) -> Kind {
    match tag {
        "B" => Kind::Boilerplate,
        "H" => Kind::Heading,
        "T" => Kind::Text,
        _ => panic!("bad tag {tag}"),
    }
}

struct Page {
    name: String,
    text: String,
    expected: Vec<(Kind, String)>,
}

fn pages(set: &str) -> Vec<Page> {
    let dir = Path::new("tests/fixtures/pages").join(set);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".txt").map(str::to_owned))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
            let expect = std::fs::read_to_string(dir.join(format!("{name}.expect"))).unwrap();
            let expected = expect
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let (tag, t) = l.split_once('|').expect("TAG|text");
                    (kind_of(tag), t.trim().to_owned())
                })
                .collect();
            Page {
                name,
                text,
                expected,
            }
        })
        .collect()
}

fn read(page: &Page, opts: &CorpusOptions) -> Document {
    build(&page.name, &page.text, SourceEncoding::Utf8, opts)
}

fn got(doc: &Document) -> Vec<(Kind, String)> {
    doc.paragraphs
        .iter()
        .map(|p| {
            let kind = if p.suggested.is_some() {
                Kind::Boilerplate
            } else if p.heading {
                Kind::Heading
            } else {
                Kind::Text
            };
            (kind, p.text.load().trim().to_owned())
        })
        .collect()
}

/// True and false positives and false negatives of one kind, paragraphs
/// matched by text.
#[derive(Default, Debug, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Default, Debug)]
struct Figures {
    pages: usize,
    boilerplate: Score,
    heading: Score,
    expected: usize,
    exact: usize,
    /// Report-text paragraphs ending mid-sentence where the page's text
    /// went on (a hard wrap not rejoined).
    cut_mid_sentence: usize,
    glosses_left: usize,
    misses: Vec<String>,
}

fn score(kind: Kind, want: &[(Kind, String)], got: &[(Kind, String)], s: &mut Score) {
    let mut wanted: HashMap<&str, usize> = HashMap::new();
    for (_, t) in want.iter().filter(|(k, _)| *k == kind) {
        *wanted.entry(t.as_str()).or_default() += 1;
    }
    let total: usize = wanted.values().sum();
    let mut tp = 0;
    for (_, t) in got.iter().filter(|(k, _)| *k == kind) {
        match wanted.get_mut(t.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                tp += 1;
            }
            _ => s.fp += 1,
        }
    }
    s.tp += tp;
    s.fn_ += total - tp;
}

fn measure(set: &str, opts: &CorpusOptions) -> Figures {
    let gloss =
        Regex::new(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[)）]")
            .unwrap();
    let mut f = Figures::default();
    for page in pages(set) {
        let doc = read(&page, opts);
        let got = got(&doc);
        f.pages += 1;
        score(Kind::Boilerplate, &page.expected, &got, &mut f.boilerplate);
        score(Kind::Heading, &page.expected, &got, &mut f.heading);
        f.expected += page.expected.len();
        for want in &page.expected {
            if got.contains(want) {
                f.exact += 1;
            } else {
                f.misses.push(format!("{}: missing {want:?}", page.name));
            }
        }
        for g in &got {
            if !page.expected.contains(g) {
                f.misses.push(format!("{}: got {g:?}", page.name));
            }
        }
        let texts: Vec<&(Kind, String)> = got.iter().filter(|(k, _)| *k == Kind::Text).collect();
        for w in texts.windows(2) {
            let (a, b) = (&w[0].1, &w[1].1);
            let mid = !a.ends_with(['。', '！', '？', '；', '”', '）', ')', '%'])
                && !b.starts_with(|c: char| c.is_whitespace());
            // A sentence (it has clauses) stopping mid-way before more text.
            if mid && a.contains(['，', ',', '、']) && !a.contains(" | ") {
                f.cut_mid_sentence += 1;
                f.misses
                    .push(format!("{}: ends mid-sentence: {a}", page.name));
            }
        }
        f.glosses_left += doc
            .paragraphs
            .iter()
            .filter(|p| gloss.is_match(&p.text.load()) && !p.text.load().contains("(bls)"))
            .count();
    }
    f
}

fn table(rows: &[(&str, &Figures)]) -> String {
    let mut s = String::from(
        "set      pages  boilerplate P  boilerplate R  heading P  heading R  paragraphs exact  mid-sentence  glosses left\n",
    );
    for (name, f) in rows {
        s += &format!(
            "{name:<8} {:>5}  {:>12.1}%  {:>12.1}%  {:>8.1}%  {:>8.1}%  {:>9}/{:<6}  {:>12}  {:>12}\n",
            f.pages,
            100.0 * f.boilerplate.precision(),
            100.0 * f.boilerplate.recall(),
            100.0 * f.heading.precision(),
            100.0 * f.heading.recall(),
            f.exact,
            f.expected,
            f.cut_mid_sentence,
            f.glosses_left,
        );
    }
    s
}

/// The issue's bar on both sets, and the table for the README.
#[test]
fn pages_meet_the_bar() {
    let opts = CorpusOptions::default();
    let sets: Vec<(&str, Figures)> = ["tune", "heldout"]
        .into_iter()
        .filter(|s| Path::new("tests/fixtures/pages").join(s).is_dir())
        .map(|s| (s, measure(s, &opts)))
        .collect();
    let rows: Vec<(&str, &Figures)> = sets.iter().map(|(n, f)| (*n, f)).collect();
    println!("{}", table(&rows));
    for (name, f) in &sets {
        for m in &f.misses {
            println!("{name}: {m}");
        }
    }
    for (name, f) in &sets {
        assert!(f.boilerplate.precision() >= 0.95, "{name}: {f:?}");
        assert!(f.boilerplate.recall() >= 0.80, "{name}: {f:?}");
        assert!(f.heading.precision() >= 0.97, "{name}: {f:?}");
        assert!(f.heading.recall() >= 0.97, "{name}: {f:?}");
        assert_eq!(f.cut_mid_sentence, 0, "{name}");
        assert_eq!(f.glosses_left, 0, "{name}");
    }
}

/// With every named rule off the pages read as before the rules: the
/// figures drop, so each rule's part shows.
#[test]
fn rules_off_read_worse() {
    let mut opts = CorpusOptions::default();
    opts.clean.rules = Rules::none();
    let off = measure("tune", &opts);
    let on = measure("tune", &CorpusOptions::default());
    let held_off = measure("heldout", &opts);
    println!(
        "{}",
        table(&[
            ("tune off", &off),
            ("tune on", &on),
            ("held off", &held_off)
        ])
    );
    assert!(off.boilerplate.recall() < on.boilerplate.recall());
    assert!(off.exact < on.exact);
    assert!(off.glosses_left > 0);
}

/// Every rule applies somewhere in the tuning pages, and is counted there.
#[test]
fn every_rule_is_counted() {
    let opts = CorpusOptions::default();
    let mut counts = biaozhu::corpus::RuleCounts::default();
    for page in pages("tune") {
        counts.merge(&read(&page, &opts).report.rules);
    }
    for (rule, n) in counts.iter() {
        assert!(n > 0, "{} never applied", rule.name());
    }
    // Off, a rule counts nothing.
    for (rule, _, _) in biaozhu::corpus::rules::RULES {
        let mut opts = CorpusOptions::default();
        opts.clean.rules = Rules::all().without(rule);
        let mut counts = biaozhu::corpus::RuleCounts::default();
        for page in pages("tune") {
            counts.merge(&read(&page, &opts).report.rules);
        }
        assert_eq!(counts.get(rule), 0, "{}", rule.name());
    }
}
