//! Wrapping a 2,000-character Chinese paragraph (the renderer re-wraps on
//! every resize; the frame budget is 1 ms, so this must take well under it).
//!
//! Run: `cargo bench --bench wrap`

use biaozhu::text::{sanitize, wrap};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

/// Report-like text: full-width punctuation, numbers with `%`, `——`, quotes.
const SAMPLE: &str = "过去一年，全市卫生健康系统坚持以人民健康为中心，深化医药卫生体制改革——\
    家庭医生签约服务覆盖率达到45.6%，比上年提高2.1个百分点；居民电子健康档案建档率\
    达到92.3%，适龄儿童免疫规划疫苗接种率保持在95%以上。（一）推进“健康城市”建设，\
    新建社区卫生服务中心12个、村卫生室38个，基层诊疗量占比提升至61.8%。";

/// A paragraph of exactly `chars` characters, starting with the `　　` indent.
fn paragraph(chars: usize) -> String {
    "　　"
        .chars()
        .chain(SAMPLE.chars().cycle())
        .take(chars)
        .collect()
}

fn bench_wrap(c: &mut Criterion) {
    let text = paragraph(2_000);
    let mut group = c.benchmark_group("wrap");
    group.throughput(Throughput::Elements(2_000));
    for width in [200, 80] {
        group.bench_function(format!("2000_chars_width_{width}"), |b| {
            b.iter(|| wrap(black_box(&text), black_box(width)))
        });
    }
    group.bench_function("sanitize_2000_chars", |b| {
        b.iter(|| sanitize(black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, bench_wrap);
criterion_main!(benches);
