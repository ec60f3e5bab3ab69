//! Span suggestions (issue 15): quality against reference spans, and cost.
//!
//! Run: `cargo bench --bench spans`. Quality: with the reference labels at
//! `BIAOZHU_GOLD` (default `../shared/gold/dev.jsonl`, native JSONL with
//! spans; skipped with a note when absent), prints the recall of exact
//! reference spans, the share of those whose indicator is guessed right,
//! how many suggestions there are in all and how many fall on a year, a
//! date or an outline number (a check of the text around each). Cost:
//! detecting every paragraph of the sample corpus against reading it.

use biaozhu::corpus::{self, CorpusOptions};
use biaozhu::schema::Schema;
use biaozhu::spans::Detector;
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;

fn quality(detector: &Detector) {
    let path = std::env::var("BIAOZHU_GOLD").unwrap_or_else(|_| "../shared/gold/dev.jsonl".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("spans: no reference labels at {path} (set BIAOZHU_GOLD); quality not measured");
        return;
    };
    let (mut reference, mut found, mut right, mut suggested, mut dated) = (0, 0, 0, 0, 0);
    let mut missed = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let para = record["text"].as_str().unwrap_or_default();
        let got = detector.detect(para);
        suggested += got.len();
        let chars: Vec<char> = para.chars().collect();
        for s in &got {
            let after: String = chars[s.end as usize..].iter().take(1).collect();
            if matches!(after.as_str(), "年" | "月" | "日" | "号") {
                dated += 1;
            }
        }
        for span in record["spans"].as_array().into_iter().flatten() {
            reference += 1;
            let (start, end) = (
                span["start"].as_u64().unwrap() as u32,
                span["end"].as_u64().unwrap() as u32,
            );
            match got.iter().find(|s| s.start == start && s.end == end) {
                Some(s) => {
                    found += 1;
                    right += usize::from(s.label.as_deref() == span["label"].as_str());
                }
                None => missed.push(
                    chars[start as usize..end as usize]
                        .iter()
                        .collect::<String>(),
                ),
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    eprintln!(
        "spans against {path}: {found} of {reference} reference spans found exactly ({:.1} %), \
         indicator right on {right} of them ({:.1} %); {suggested} suggestions in all, \
         {dated} followed by 年/月/日/号; missed: {missed:?}",
        pct(found, reference),
        pct(right, found)
    );
}

fn bench(c: &mut Criterion) {
    let schema = Schema::default_schema();
    let detector = Detector::new(&schema);
    quality(&detector);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let options = CorpusOptions::default();
    let texts: Vec<String> = corpus::load(&dir, &options)
        .unwrap()
        .paragraphs()
        .map(|p| p.text.to_string())
        .collect();
    let mut group = c.benchmark_group("spans");
    group.bench_function("read the sample corpus", |b| {
        b.iter(|| corpus::load(&dir, &options).unwrap())
    });
    group.bench_function("detect in every sample paragraph", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| detector.detect(t).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
