//! The end-to-end benches' corpus and stores: 1,000 report files of 1,000
//! paragraphs each, and three sled stores holding a label on every
//! paragraph (`agree` and `stats` read them).

use super::bench_root;
use biaozhu::attach::Slot;
use biaozhu::corpus::{self, CorpusOptions};
use biaozhu::schema::Schema;
use biaozhu::store::{Label, LabelStore, SledStore};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub const DOCS: usize = 1_000;
pub const PARAS_PER_DOC: usize = 1_000;
pub const PARAGRAPHS: usize = DOCS * PARAS_PER_DOC;
pub const ANNOTATORS: [&str; 3] = ["alice", "bob", "carol"];

/// Three annotators' labels on `paragraphs` paragraphs, in memory (no
/// store): nine in ten labeled, mostly alike.
pub fn in_memory(schema: &Schema, paragraphs: usize) -> Vec<Vec<Slot>> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let sections: Vec<String> = schema.sections.iter().map(|d| d.name.clone()).collect();
    let indicators: Vec<String> = schema.indicators.iter().map(|d| d.name.clone()).collect();
    (0..3)
        .map(|_| {
            (0..paragraphs)
                .map(|p| {
                    let r = next();
                    if r % 10 == 0 {
                        return None;
                    }
                    // Mostly the same section for a paragraph, sometimes another.
                    let s = if r % 5 == 1 { (r >> 8) as usize } else { p } % sections.len();
                    let mut l = Label::empty("doc.txt", p as u32, "0000000000000000");
                    l.section = Some(sections[s].clone());
                    if r % 3 == 0 {
                        l.indicators.push(indicators[p % indicators.len()].clone());
                    }
                    l.duration_ms = Some(r % 10_000);
                    Some(Box::new(l))
                })
                .collect()
        })
        .collect()
}

/// The corpus and labels dirs under [`bench_root`], built unless they are
/// there already; the guard removes a temp root when dropped.
pub fn ensure(schema: &Schema) -> (Option<tempfile::TempDir>, PathBuf, PathBuf) {
    let (tmp, root) = bench_root();
    let corpus_dir = root.join("corpus");
    let labels_dir = root.join("labels");
    if !labels_dir.join("carol.sled").exists() {
        build(schema, &corpus_dir, &labels_dir);
    }
    (tmp, corpus_dir, labels_dir)
}

/// The corpus files and the three stores: every paragraph labeled by every
/// annotator, mostly with the same section type.
pub fn build(schema: &Schema, corpus_dir: &Path, labels_dir: &Path) {
    let start = Instant::now();
    std::fs::create_dir_all(corpus_dir).unwrap();
    for d in 0..DOCS {
        let mut text = String::new();
        for i in 0..PARAS_PER_DOC {
            text.push_str(&format!(
                "　　第{d}号报告第{i}段：疫苗接种率达到98.{}%，投入资金{}万元。\n",
                i % 10,
                d * 1000 + i
            ));
        }
        std::fs::write(corpus_dir.join(format!("{d:04}_report.txt")), text).unwrap();
    }
    let corpus = corpus::load(corpus_dir, &CorpusOptions::default()).unwrap();
    let paragraphs: Vec<_> = corpus.paragraphs().cloned().collect();
    assert_eq!(paragraphs.len(), DOCS * PARAS_PER_DOC);
    let sections: Vec<&str> = schema.sections.iter().map(|d| d.name.as_str()).collect();
    let indicators: Vec<&str> = schema.indicators.iter().map(|d| d.name.as_str()).collect();
    for (a, who) in ANNOTATORS.iter().enumerate() {
        let mut store = SledStore::open(labels_dir, who).unwrap();
        let labels: Vec<Label> = paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut l = Label::empty(&p.doc, p.para as u32, &p.hash);
                // Mostly the same section; one in five differs by annotator.
                let s = if i % 5 == a { i + a + 1 } else { i };
                l.section = Some(sections[s % sections.len()].to_owned());
                if (i + a) % 3 == 0 {
                    l.indicators = vec![indicators[i % indicators.len()].to_owned()];
                }
                l.done = i % 4 != 0;
                l.updated_at = "2026-11-22T10:00:00.123Z".into();
                l.duration_ms = Some(1000 + (i as u64 * 7 + a as u64) % 9000);
                l
            })
            .collect();
        for chunk in labels.chunks(10_000) {
            store.put_many(chunk, "import").unwrap();
        }
    }
    eprintln!(
        "end to end: built the corpus and {} stores of {} labels in {:.1} s",
        ANNOTATORS.len(),
        paragraphs.len(),
        start.elapsed().as_secs_f64()
    );
}
