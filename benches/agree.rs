//! `biaozhu agree`'s computation over 3 annotators x 1,000,000 paragraphs
//! (issue 5's bar: under 3 s): building the rating matrices and every figure
//! of the report from labels already attached in memory. Reading the sled
//! stores is not included (see README).
//!
//! Run: `cargo bench --bench agree`

use biaozhu::review::items::build;
use biaozhu::review::report::report;
use biaozhu::schema::Schema;
use biaozhu::store::Label;
use criterion::{criterion_group, criterion_main, Criterion};

const PARAGRAPHS: usize = 1_000_000;

fn labels(schema: &Schema) -> Vec<Vec<Option<Label>>> {
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
            (0..PARAGRAPHS)
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
                    l.duration_ms = r % 10_000;
                    Some(l)
                })
                .collect()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let schema = Schema::default_schema();
    let labels = labels(&schema);
    let names: Vec<String> = ["alice", "bob", "carol"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut group = c.benchmark_group("agree");
    group.sample_size(10);
    group.bench_function("3_annotators_x_1M_paragraphs", |b| {
        b.iter(|| {
            let items = build(&names, &labels, &schema);
            report(&items, &labels)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
