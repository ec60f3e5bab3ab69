//! The annotation screen's speed bars (issue 3):
//! - one frame at 200x60 with a 2,000-character Chinese paragraph: < 1 ms;
//! - the same frame in the span mode with 20 spans made and the rest of
//!   the paragraph's values suggested (issue 15): < 1 ms;
//! - start-up to the first frame on the sample corpus (read corpus, schema,
//!   open the store, attach labels, draw): < 200 ms.
//!
//! Run: `cargo bench --bench render`

use biaozhu::annotate::{render, update, Action, Model};
use biaozhu::cli::{startup_frame, Cli};
use biaozhu::corpus::{document::build, CorpusOptions, SourceEncoding};
use biaozhu::schema::Schema;
use clap::Parser;
use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn long_paragraph_model() -> Model {
    let sentence = "　　全区卫生健康系统坚持以人民健康为中心，全年儿童免疫规划疫苗接种率达到98.5%，居民电子健康档案建档率93%。";
    let mut text = String::new();
    while text.chars().count() < 2000 {
        text.push_str(sentence);
    }
    let text: String = text.chars().take(2000).collect();
    let doc = format!("一、总体情况\n{text}\n二、存在问题\n{sentence}\n");
    let mut opts = CorpusOptions::default();
    opts.segment.max_chars = 5000;
    let paras = build("bench.txt", &doc, SourceEncoding::Utf8, &opts).paragraphs;
    let n = paras.len();
    let mut m = Model::new(
        Schema::default_schema(),
        "bench".into(),
        paras,
        vec![None; n],
    );
    update(&mut m, Action::Next);
    update(
        &mut m,
        Action::Resize {
            width: 200,
            height: 60,
        },
    );
    update(&mut m, Action::SetSection(2));
    m
}

fn frame(c: &mut Criterion) {
    let model = long_paragraph_model();
    assert_eq!(model.current().unwrap().text.load().chars().count(), 2000);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("frame_200x60_2000_chars", |b| {
        b.iter(|| {
            terminal.draw(|f| render(&model, f)).unwrap();
        })
    });
}

fn span_frame(c: &mut Criterion) {
    let mut model = long_paragraph_model();
    update(&mut model, Action::StartSpans);
    for _ in 0..20 {
        update(
            &mut model,
            Action::Span(biaozhu::tui::span_edit::SpanKey::Accept),
        );
    }
    let spans = model.label(model.cursor).map_or(0, |l| l.spans.len());
    assert_eq!(spans, 20);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("frame_200x60_span_mode_20_spans", |b| {
        b.iter(|| {
            terminal.draw(|f| render(&model, f)).unwrap();
        })
    });
}

fn startup(c: &mut Criterion) {
    let labels = tempfile::tempdir().unwrap();
    std::fs::copy("labels/schema.toml", labels.path().join("schema.toml")).unwrap();
    let dir = labels.path().to_str().unwrap().to_owned();
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("sample_corpus_to_first_frame", |b| {
        b.iter(|| {
            let cli = Cli::parse_from(["biaozhu", "--labels", &dir, "--annotator", "bench"]);
            startup_frame(cli, 120, 40).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, frame, span_frame, startup);
criterion_main!(benches);
