//! `biaozhu agree` reads votes straight from the stored bytes
//! (`cli::labels::read_votes`) and places them on the corpus read without
//! its text (`Identities`); they must be exactly the votes of the labels as
//! every other command reads and attaches them (`read_labels`, `read_gold`,
//! the whole paragraphs): in place, moved, orphaned, parked, names outside
//! the schema, strings with JSON escapes, several annotators and gold.

use biaozhu::cli::labels::{identities, read_gold, read_labels, read_votes, schema};
use biaozhu::cli::Config;
use biaozhu::corpus::identity::content_hash;
use biaozhu::corpus::CorpusOptions;
use biaozhu::review::items::build;
use biaozhu::review::report::report;
use biaozhu::review::votes::Votes;
use biaozhu::store::{Label, LabelStore, SledStore, Span};
use std::path::Path;

/// The corpus now: 报告.txt had a paragraph inserted at the top since
/// labeling; 其他.txt is unchanged.
const NOW: &[&str] = &[
    "前言：新加的段落。",
    "一、总体情况",
    "　　全年疫苗接种率达到98.5%，投入资金1,160万元。",
    "　　𠀀字、emoji😀、ｶﾞ与制表\t符。",
    "　　基层人才匮乏（平均年龄58岁）。",
];
/// 报告.txt as it was labeled.
const BEFORE: &[&str] = &[
    "一、总体情况",
    "　　全年疫苗接种率达到98.5%，投入资金1,160万元。",
    "　　𠀀字、emoji😀、ｶﾞ与制表\t符。",
    "　　删掉的段落。",
    "　　基层人才匮乏（平均年龄58岁）。",
];
const OTHER: &[&str] = &["三、下一步打算", "　　继续推进「十四五」规划。"];

fn label(doc: &str, para: usize, text: &str, section: &str, indicators: &[&str]) -> Label {
    let mut l = Label::new(doc, para as u32, &content_hash(text));
    l.section = (!section.is_empty()).then(|| section.to_owned());
    l.indicators = indicators.iter().map(|s| s.to_string()).collect();
    l.duration_ms = Some(700 * (para as u64 + 1));
    l.done = para % 2 == 1;
    l
}

fn put_all(store: &mut SledStore, labels: &[Label]) {
    for l in labels {
        store.put(&l.doc, l.para, Some(l), "section").unwrap();
    }
}

fn setup(root: &Path) -> Config {
    let corpus = root.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("报告.txt"), NOW.join("\n")).unwrap();
    std::fs::write(corpus.join("其他.txt"), OTHER.join("\n")).unwrap();
    let labels = root.join("labels");
    let sections = ["overview", "achievement", "problem", "退休的类", "plan"];
    for (a, who) in ["jia", "yi", "bing"].iter().enumerate() {
        let mut store = SledStore::open(&labels, who).unwrap();
        let mut all: Vec<Label> = BEFORE
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let section = sections[(i + a * (i % 2)) % sections.len()];
                let indicators: &[&str] = match (i + a) % 3 {
                    0 => &["vaccination_rate", "带\"引号\"的指标"],
                    1 => &["funding"],
                    _ => &[],
                };
                label("报告.txt", i, text, section, indicators)
            })
            .collect();
        all.push(label("其他.txt", 0, OTHER[0], "plan", &["反斜杠\\指标"]));
        all.push(label(
            "其他.txt",
            1,
            OTHER[1],
            if a == 0 { "" } else { "plan" },
            &["funding"],
        ));
        // A document no longer in the corpus.
        all.push(label("旧.txt", 0, "旧", "plan", &[]));
        all[1].note = Some("备注：\"引号\"、\\、\n换行".into());
        all[1].spans = vec![Span {
            start: 0,
            end: 2,
            label: "数值".into(),
        }];
        put_all(&mut store, &all);
        if a == 2 {
            // One parked orphan as well.
            store
                .park(&label("报告.txt", 9, "早已删掉", "plan", &[]))
                .unwrap();
        }
    }
    let mut gold = SledStore::open_gold(&labels, "shenhe").unwrap();
    put_all(
        &mut gold,
        &[
            label("报告.txt", 1, BEFORE[1], "achievement", &["funding"]),
            label("报告.txt", 4, BEFORE[4], "problem", &[]),
            label("其他.txt", 0, OTHER[0], "新的类", &[]),
        ],
    );
    Config {
        corpus_dir: corpus,
        stores: biaozhu::store::Stores::sled(&labels),
        labels_dir: labels,
        annotators: Vec::new(),
        reading: CorpusOptions::default(),
    }
}

#[test]
fn votes_read_from_the_bytes_are_the_attached_labels_votes() {
    let root = tempfile::tempdir().unwrap();
    let config = setup(root.path());
    let paragraphs = biaozhu::cli::labels::paragraphs(&config).unwrap();
    let schema = schema(&config).unwrap();

    let read = read_labels(&config, &paragraphs).unwrap();
    let annotators: Vec<String> = read.iter().map(|r| r.annotator.clone()).collect();
    let orphaned: Vec<usize> = read.iter().map(|r| r.orphaned).collect();
    let labels: Vec<_> = read.into_iter().map(|r| r.labels).collect();
    let gold = read_gold(&config, &paragraphs).unwrap().labels;
    let mut expected = Votes::from_labels(&schema, &annotators, &labels, Some(&gold));
    // Labels on text no longer there, counted as reading full labels counts them.
    expected.orphaned = orphaned;

    // As `agree` reads: the corpus without its text.
    let corpus = identities(&config).unwrap();
    let index = biaozhu::attach::CorpusIndex::of_identities(&corpus);
    assert_eq!(index.len(), paragraphs.len());
    let (votes, stores) = read_votes(&config, &index, &schema).unwrap();
    assert_eq!(stores.len(), 1, "the store read last, still open");
    drop(stores);
    assert_eq!(votes, expected);

    // What the fixture is meant to cover is there.
    assert!(votes.sections.iter().any(|s| s == "退休的类"));
    assert!(votes.sections.iter().any(|s| s == "新的类"));
    assert!(votes.indicators.iter().any(|s| s == "带\"引号\"的指标"));
    let placed = |sheet: &Vec<Option<_>>| sheet.iter().flatten().count();
    // 报告.txt: the 4 labels whose text is still there, each moved down
    // one by the insertion (删掉的段落 is orphaned); 其他.txt: 2 (one
    // without a section type); 旧.txt: none.
    assert_eq!(
        votes.sheets.iter().map(placed).collect::<Vec<_>>(),
        [6, 6, 6]
    );
    assert_eq!(placed(votes.gold.as_ref().unwrap()), 3);
    let new = paragraphs.iter().position(|p| p.text == NOW[0]).unwrap();
    assert!(
        votes.sheets.iter().all(|s| s[new].is_none()),
        "the new paragraph has no label"
    );
    assert!(
        votes.sheets.iter().all(|s| s[new + 1].is_some()),
        "moved down one"
    );

    // And so the report is the same either way.
    let items = build(&votes);
    assert_eq!(report(&items, &votes), report(&build(&expected), &expected));
    assert!(!items.paragraphs.is_empty());
}
