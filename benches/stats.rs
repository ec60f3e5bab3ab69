//! `biaozhu stats` over 3 annotators x 1,000,000 paragraphs (issue 13's
//! bar: under 3 s end to end).
//!
//! Run: `cargo bench --bench stats` times the figures from votes already
//! in memory (agreement report included). With `BIAOZHU_BENCH_E2E=1` it
//! also times the whole command line over the generated corpus and stores
//! the `agree` bench uses (`benches/common/labeled.rs`; built once into
//! `BIAOZHU_BENCH_DIR` when set): `stats --json` five times, then the text
//! report and `--html` three times each; medians printed to stderr.

mod common;

use biaozhu::review::gold::add_gold;
use biaozhu::review::items::build;
use biaozhu::review::report::report;
use biaozhu::review::votes::Votes;
use biaozhu::schema::Schema;
use biaozhu::stats::figures::{stats, Inputs};
use common::labeled;
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use std::time::{Duration, Instant};

fn bench(c: &mut Criterion) {
    let schema = Schema::default_schema();
    let names: Vec<String> = labeled::ANNOTATORS.iter().map(|s| s.to_string()).collect();
    let labels = labeled::in_memory(&schema, labeled::PARAGRAPHS);
    let votes = Votes::from_labels(&schema, &names, &labels, None);
    drop(labels);
    let docs = vec![("doc.txt".to_owned(), labeled::PARAGRAPHS)];
    let mut group = c.benchmark_group("stats");
    group.sample_size(10);
    group.bench_function("3_annotators_x_1M_paragraphs", |b| {
        b.iter(|| {
            let mut r = report(&build(&votes), &votes);
            add_gold(&mut r, &votes);
            stats(&Inputs {
                votes: &votes,
                report: &r,
                docs: &docs,
                gold_exists: false,
                zh: Default::default(),
                by_doc: false,
            })
        })
    });
    group.finish();
    drop(votes);
    if std::env::var_os("BIAOZHU_BENCH_E2E").is_some() {
        end_to_end(&schema);
    }
}

fn end_to_end(schema: &Schema) {
    let (_tmp, corpus_dir, labels_dir) = labeled::ensure(schema);
    let html = labels_dir.parent().unwrap().join("stats.html");
    let json = median(5, || {
        let out = run(&corpus_dir, &labels_dir, &["stats", "--json"]);
        let st: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(st["paragraphs"], labeled::PARAGRAPHS);
        assert_eq!(st["annotators"][2]["labeled"], labeled::PARAGRAPHS);
    });
    let text = median(3, || {
        run(&corpus_dir, &labels_dir, &["stats"]);
    });
    let page = median(3, || {
        run(
            &corpus_dir,
            &labels_dir,
            &["stats", "--html", html.to_str().unwrap()],
        );
    });
    let size = std::fs::metadata(&html).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "end to end over {} annotators x {} paragraphs: `stats --json` median {:.2} s of 5, \
         `stats` {:.2} s of 3, `stats --html` {:.2} s of 3 (page {} KB, in {}); bar < 3 s",
        labeled::ANNOTATORS.len(),
        labeled::PARAGRAPHS,
        json.as_secs_f64(),
        text.as_secs_f64(),
        page.as_secs_f64(),
        size / 1024,
        html.display()
    );
}

/// The median time of `n` runs of `f`.
fn median(n: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[n / 2]
}

/// biaozhu with `args` on the bench corpus and stores; its stdout.
fn run(corpus: &Path, labels: &Path, args: &[&str]) -> Vec<u8> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_biaozhu"))
        .arg("--corpus")
        .arg(corpus)
        .arg("--labels")
        .arg(labels)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

criterion_group!(benches, bench);
criterion_main!(benches);
