//! Reading and segmenting 100 MB of reports (the corpus issue's speed bar:
//! under 2 s on a 2-core machine, release build).
//!
//! The corpus is generated from the five sample reports: 300 files, each a
//! sample report with its numbers changed, so every file differs and all the
//! cleaning paths (glosses, page chunks, long lines, boilerplate) run.
//!
//! Run: `cargo bench --bench corpus`

use biaozhu::corpus::{self, CorpusOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

const TARGET_BYTES: usize = 100 * 1024 * 1024;

fn generate(dir: &Path) -> usize {
    let samples: Vec<String> = std::fs::read_dir("corpus")
        .expect("run from the repo root")
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let mut total = 0;
    let mut n = 0;
    while total < TARGET_BYTES {
        let base = &samples[n % samples.len()];
        // Change the digits so no two files are the same text.
        let text: String = base
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_digit((d + n as u32) % 10, 10).unwrap(),
                None => c,
            })
            .collect();
        let sub = dir.join(format!("batch{:02}", n % 16));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{n:04}.txt")), &text).unwrap();
        total += text.len();
        n += 1;
    }
    total
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = generate(dir.path());
    let opts = CorpusOptions::default();
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("load_100MB", |b| {
        b.iter(|| {
            let corpus = corpus::load(dir.path(), &opts).unwrap();
            assert!(corpus.paragraphs().count() > 100_000);
            corpus
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
