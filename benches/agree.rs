//! `biaozhu agree`'s computation over 3 annotators x 1,000,000 paragraphs
//! (issue 5's bar: under 3 s): building the rating matrices and every figure
//! of the report from the annotators' votes already in memory. Reading the
//! sled stores is not included here.
//!
//! Run: `cargo bench --bench agree`
//!
//! With `BIAOZHU_BENCH_E2E=1` it also times the whole command line,
//! `biaozhu agree --json`, over a generated corpus of 1,000,000 paragraphs
//! (1,000 files) and three sled stores holding a label on each (reading the
//! corpus, opening and reading the stores, attaching, the figures): five
//! runs with the stores closed and five with all three held open (as
//! annotators' screens hold them), taken turn about; medians and their
//! ratio printed to stderr (issue 11's bar: open within 1.5x of closed). Building the stores takes a minute or
//! two; with `BIAOZHU_BENCH_DIR=DIR` the corpus and stores are built there
//! once and reused by later runs (delete DIR after changing how stores are
//! written).

mod common;

use common::labeled;

use biaozhu::review::items::build;
use biaozhu::review::report::report;
use biaozhu::review::votes::Votes;
use biaozhu::schema::Schema;
use biaozhu::store::SledStore;
use criterion::{criterion_group, criterion_main, Criterion};
use std::time::Instant;

const PARAGRAPHS: usize = 1_000_000;

fn bench(c: &mut Criterion) {
    let schema = Schema::default_schema();
    let names: Vec<String> = ["alice", "bob", "carol"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let votes = Votes::from_labels(
        &schema,
        &names,
        &labeled::in_memory(&schema, PARAGRAPHS),
        None,
    );
    let mut group = c.benchmark_group("agree");
    group.sample_size(10);
    group.bench_function("3_annotators_x_1M_paragraphs", |b| {
        b.iter(|| {
            let items = build(&votes);
            report(&items, &votes)
        })
    });
    drop(votes);
    // The same with spans on a quarter of the labels: two or three each,
    // of the paragraph's indicator, shifted a little from one annotator to
    // the next (some match exactly, some only overlap).
    let mut labels = labeled::in_memory(&schema, PARAGRAPHS);
    for (a, sheet) in labels.iter_mut().enumerate() {
        for (p, l) in sheet.iter_mut().enumerate().filter(|(p, _)| p % 4 == 0) {
            let Some(l) = l else { continue };
            let label = &schema.indicators[p % schema.indicators.len()].name;
            l.spans = (0..2 + (p + a) % 2)
                .map(|k| {
                    let start = (10 * k + (p + a) % 3) as u32;
                    biaozhu::store::Span {
                        start,
                        end: start + 5,
                        label: label.clone(),
                    }
                })
                .collect();
        }
    }
    let votes = Votes::from_labels(&schema, &names, &labels, None);
    drop(labels);
    group.bench_function("3_annotators_x_1M_paragraphs_spans_on_a_quarter", |b| {
        b.iter(|| {
            let items = build(&votes);
            report(&items, &votes)
        })
    });
    group.finish();
    drop(votes);
    if std::env::var_os("BIAOZHU_BENCH_E2E").is_some() {
        end_to_end(&schema);
    }
}

/// The whole `biaozhu agree --json` over sled stores.
fn end_to_end(schema: &Schema) {
    let (_tmp, corpus_dir, labels_dir) = labeled::ensure(schema);
    // Turn about: the stores closed, then all three held open (as the
    // annotators' screens hold them: this process takes their locks), so
    // both see the same machine load.
    let mut closed = Vec::new();
    let mut open = Vec::new();
    let mut outputs: Vec<Vec<u8>> = Vec::new();
    for run in 0..10 {
        let held: Vec<SledStore> = if run % 2 == 1 {
            labeled::ANNOTATORS
                .iter()
                .map(|who| SledStore::open(&labels_dir, who).unwrap())
                .collect()
        } else {
            Vec::new()
        };
        let start = Instant::now();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_biaozhu"))
            .arg("--corpus")
            .arg(&corpus_dir)
            .arg("--labels")
            .arg(&labels_dir)
            .arg("agree")
            .arg("--json")
            .output()
            .unwrap();
        let took = start.elapsed();
        drop(held);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        if run % 2 == 1 { &mut open } else { &mut closed }.push(took);
        outputs.push(out.stdout);
    }
    assert!(
        outputs.windows(2).all(|w| w[0] == w[1]),
        "open and closed stores read alike"
    );
    let report: serde_json::Value = serde_json::from_slice(&outputs[0]).unwrap();
    assert_eq!(
        report["section"]["items"].as_u64().unwrap() as usize,
        labeled::PARAGRAPHS
    );
    closed.sort();
    open.sort();
    let (closed_median, open_median) = (closed[2].as_secs_f64(), open[2].as_secs_f64());
    eprintln!(
        "end to end: `biaozhu agree --json` over {} annotators x {} paragraphs: \
         stores closed: median {closed_median:.2} s of 5 (fastest {:.2} s); bar < 3 s",
        labeled::ANNOTATORS.len(),
        labeled::PARAGRAPHS,
        closed[0].as_secs_f64()
    );
    eprintln!(
        "end to end: stores held open by sessions: median {open_median:.2} s of 5 \
         (fastest {:.2} s); open/closed = {:.2} (bar <= 1.5)",
        open[0].as_secs_f64(),
        open_median / closed_median
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
