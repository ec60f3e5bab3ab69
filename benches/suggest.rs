//! Label suggestions (issue 16): how many keys they save a simulated
//! annotator, and what training and suggesting cost.
//!
//! Run: `cargo bench --bench suggest`. Quality: with the reference labels
//! at `BIAOZHU_GOLD` (default `../shared/gold/dev.jsonl`; skipped with a
//! note when absent), a simulated annotator labels the reference
//! paragraphs in corpus order, each pre-filled by a model trained on the
//! labels before it (retrained every 10 labels), and the table gives keys
//! per paragraph against no suggestions, section accuracy and indicator F1
//! for the paragraphs after 0, 50, 100, 200 and 400 labels
//! (`biaozhu::suggest::simulate`). Cost: training on 10,000 labels (the
//! sample corpus's paragraphs, labeled by repeating the reference labels'
//! distribution: the cost depends on the count and the text, not on the
//! labels), and one suggestion.

use biaozhu::corpus::{self, CorpusOptions, Paragraph};
use biaozhu::schema::Schema;
use biaozhu::store::Label;
use biaozhu::suggest::simulate::{simulate, table, Reference};
use biaozhu::suggest::{Before, Context, Example, Suggester};
use criterion::{criterion_group, criterion_main, Criterion};
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

fn reference_labels() -> Option<(String, Vec<Label>)> {
    let path = std::env::var("BIAOZHU_GOLD").unwrap_or_else(|_| "../shared/gold/dev.jsonl".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "suggest: no reference labels at {path} (set BIAOZHU_GOLD); quality not measured"
        );
        return None;
    };
    let labels = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a native JSONL record"))
        .collect();
    Some((path, labels))
}

fn quality(paragraphs: &[Paragraph], schema: &Schema) {
    let Some((path, labels)) = reference_labels() else {
        return;
    };
    let by_id: HashMap<(&str, usize), usize> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.doc.as_str(), p.para), i))
        .collect();
    let mut reference: Vec<Reference> = labels
        .iter()
        .filter_map(|l| {
            let index = *by_id.get(&(l.doc.as_str(), l.para as usize))?;
            (paragraphs[index].hash == l.hash).then_some(Reference { index, label: l })
        })
        .collect();
    reference.sort_by_key(|r| r.index);
    let start = Instant::now();
    let windows = simulate(paragraphs, schema, &reference, 10, &[50, 100, 200, 400]);
    eprintln!(
        "suggest against {path}: {} of {} reference labels found in the corpus; \
         simulated in {:.2} s\n{}",
        reference.len(),
        labels.len(),
        start.elapsed().as_secs_f64(),
        table(&windows)
    );
}

/// `n` examples from the corpus's paragraphs, cycling, each labeled with a
/// section type and indicators in turn.
fn examples(
    suggester: &Suggester,
    paragraphs: &[Paragraph],
    schema: &Schema,
    n: usize,
) -> Vec<Example> {
    (0..n)
        .map(|i| {
            let p = i % paragraphs.len();
            let context = Context::of(paragraphs, p, Before::default());
            Example {
                features: suggester.features(&context),
                section: Some(i % schema.sections.len()),
                indicators: (0..schema.indicators.len())
                    .filter(|k| (i + k) % 7 == 0)
                    .collect(),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let schema = Schema::default_schema();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let paragraphs = corpus::load(&dir, &CorpusOptions::default())
        .unwrap()
        .into_paragraphs();
    quality(&paragraphs, &schema);

    let patterns_only = Suggester::new(&schema);
    let ten_thousand = examples(&patterns_only, &paragraphs, &schema, 10_000);
    let refs: Vec<&Example> = ten_thousand.iter().collect();
    let start = Instant::now();
    let trained = Suggester::train(patterns_only.patterns().clone(), &refs);
    eprintln!(
        "suggest: one training on 10,000 labels took {:.3} s",
        start.elapsed().as_secs_f64()
    );
    // A paragraph of median length, in its context.
    let mut by_len: Vec<usize> = (0..paragraphs.len()).collect();
    by_len.sort_by_key(|&i| paragraphs[i].text.load().chars().count());
    let median = by_len[by_len.len() / 2];
    let longest = by_len[by_len.len() - 1];

    let mut group = c.benchmark_group("suggest");
    group.sample_size(10);
    group.bench_function("train on 10,000 labels", |b| {
        b.iter(|| Suggester::train(patterns_only.patterns().clone(), &refs))
    });
    group.finish();
    let mut group = c.benchmark_group("suggest");
    for (name, index) in [("median", median), ("longest", longest)] {
        let context = Context::of(
            &paragraphs,
            index,
            Before {
                prev: Some(2),
                body: Some(1),
            },
        );
        group.bench_function(format!("one suggestion, model ({name} paragraph)"), |b| {
            b.iter(|| trained.suggest(&context))
        });
        group.bench_function(
            format!("one suggestion, patterns ({name} paragraph)"),
            |b| b.iter(|| patterns_only.suggest(&context)),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
