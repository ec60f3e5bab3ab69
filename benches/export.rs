//! Exporting 1,000,000 label records (250,000 paragraphs × 4 annotators):
//! the formatting + writing pipeline (`export::Encoder` into a buffered
//! sink, as the CLI writes to a buffered stdout), per format. The bar:
//! at least 300,000 records/s (criterion's throughput line, elements/s).
//!
//! Records are built in memory (no sled, no corpus reading). Every label has
//! a section and two indicators; one in ten has a span (Prodigy then writes a
//! token per character, the costly case).
//!
//! Run: `cargo bench --bench export`
//!
//! With `BIAOZHU_BENCH_E2E=1` it also times the whole command line,
//! `biaozhu export -o FILE` over a generated corpus and four sled stores
//! holding the same 1,000,000 labels (corpus reading, sled reads, attaching,
//! formatting, writing), five runs, median printed to stderr. Building the
//! stores takes a minute or two; with `BIAOZHU_BENCH_DIR=DIR` the corpus and
//! stores are built there once and reused by later runs (delete DIR after
//! changing how stores are written).

mod common;

use biaozhu::corpus::Paragraph;
use biaozhu::export::{Encoder, ExportFormat};
use biaozhu::schema::Schema;
use biaozhu::store::{Label, LabelStore, SledStore, Span};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::io::{self, BufWriter};
use std::path::Path;
use std::time::{Duration, Instant};

const DOCS: usize = 2_500;
const PARAS_PER_DOC: usize = 100;
const ANNOTATORS: [&str; 4] = ["alice", "bob", "carol", "dave"];
const RECORDS: u64 = (DOCS * PARAS_PER_DOC * ANNOTATORS.len()) as u64;

fn doc_name(d: usize) -> String {
    format!(
        "{d:04}_{:016x}.txt",
        (d as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    )
}

/// About 70 characters of report prose with the paragraph's numbers.
fn text(d: usize, p: usize) -> String {
    format!(
        "　　{d}年全区卫生健康系统坚持以人民健康为中心，儿童免疫规划疫苗接种率达到9{}.{}%，\
         居民电子健康档案建档率{}%，投入资金{}万元。",
        p % 10,
        d % 10,
        60 + p % 40,
        d * 7 + p
    )
}

fn paragraphs() -> Vec<Paragraph> {
    let mut out = Vec::with_capacity(DOCS * PARAS_PER_DOC);
    for d in 0..DOCS {
        let doc = doc_name(d);
        for p in 0..PARAS_PER_DOC {
            let text = text(d, p);
            out.push(Paragraph::new(&doc, p, &text));
        }
    }
    out
}

fn label(p: &Paragraph, who: usize) -> Label {
    let sections = ["achievement", "indicator_report", "problem", "plan"];
    let indicators = [
        "funds",
        "health_records",
        "vaccination_rate",
        "family_doctor",
    ];
    let k = p.para + who;
    let mut l = Label::empty(&p.doc, p.para as u32, &p.hash);
    l.section = Some(sections[k % 4].to_owned());
    l.indicators = vec![
        indicators[k % 4].to_owned(),
        indicators[(k + 1) % 4].to_owned(),
    ];
    l.indicators.sort();
    if k.is_multiple_of(10) {
        l.spans = vec![Span {
            start: 20,
            end: 31,
            label: "vaccination_rate".into(),
        }];
    }
    l.done = !k.is_multiple_of(3);
    l.updated_at = "2026-11-22T10:00:00.123Z".into();
    l.duration_ms = Some(5200);
    l
}

fn export_formats(c: &mut Criterion) {
    let schema = Schema::default_schema();
    let paragraphs = paragraphs();
    let labels: Vec<Vec<Label>> = paragraphs
        .iter()
        .map(|p| (0..ANNOTATORS.len()).map(|w| label(p, w)).collect())
        .collect();
    let run = |format: ExportFormat| -> usize {
        let mut out = BufWriter::with_capacity(1 << 16, io::sink());
        let mut encoder = Encoder::new(format, &schema);
        encoder.begin(&mut out).unwrap();
        for (p, ls) in paragraphs.iter().zip(&labels) {
            let these: Vec<(&str, &Label)> = ANNOTATORS.iter().copied().zip(ls).collect();
            encoder.paragraph(&mut out, p, &these).unwrap();
        }
        encoder.finish(&mut out).unwrap();
        encoder.records
    };
    let mut group = c.benchmark_group("export 1M label records");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(RECORDS));
    for (name, format) in [
        ("native", ExportFormat::Native),
        ("prodigy", ExportFormat::Prodigy),
        (
            "doccano classification",
            ExportFormat::DoccanoClassification,
        ),
        ("label-studio", ExportFormat::LabelStudio),
    ] {
        group.bench_function(name, |b| b.iter(|| run(format)));
    }
    group.finish();
    if std::env::var_os("BIAOZHU_BENCH_E2E").is_some() {
        end_to_end(&paragraphs, &labels);
    }
}

/// The whole `biaozhu export` over sled stores holding the same labels.
fn end_to_end(paragraphs: &[Paragraph], labels: &[Vec<Label>]) {
    let (_tmp, root) = common::bench_root();
    let corpus = root.join("corpus");
    let labels_dir = root.join("labels");
    if !labels_dir.join(format!("{}.sled", ANNOTATORS[3])).exists() {
        build(paragraphs, labels, &corpus, &labels_dir);
    }
    let out = root.join("out.jsonl");
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_biaozhu"))
            .arg("--corpus")
            .arg(&corpus)
            .arg("--labels")
            .arg(&labels_dir)
            .arg("export")
            .arg("-o")
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success());
        times.push(start.elapsed());
    }
    times.sort();
    let lines = std::fs::read_to_string(&out).unwrap().lines().count();
    assert_eq!(lines as u64, RECORDS);
    let median = times[2].as_secs_f64();
    eprintln!(
        "end to end: `biaozhu export -o FILE` of {RECORDS} records: median {median:.2} s \
         of 5 ({:.0} records/s; fastest {:.2} s)",
        RECORDS as f64 / median,
        times[0].as_secs_f64()
    );
}

/// The corpus files and the four stores.
fn build(paragraphs: &[Paragraph], labels: &[Vec<Label>], corpus: &Path, labels_dir: &Path) {
    std::fs::create_dir_all(corpus).unwrap();
    for doc in paragraphs.chunks(PARAS_PER_DOC) {
        let text: String = doc.iter().map(|p| format!("{}\n", p.text)).collect();
        std::fs::write(corpus.join(doc[0].doc.as_str()), text).unwrap();
    }
    let start = Instant::now();
    for (w, who) in ANNOTATORS.iter().enumerate() {
        let mut store = SledStore::open(labels_dir, who).unwrap();
        let mine: Vec<Label> = labels.iter().map(|ls| ls[w].clone()).collect();
        for chunk in mine.chunks(10_000) {
            store.put_many(chunk, "import").unwrap();
        }
    }
    eprintln!(
        "end to end: built 4 stores of {} labels in {:.1} s",
        labels.len(),
        start.elapsed().as_secs_f64()
    );
}

criterion_group!(benches, export_formats);
criterion_main!(benches);
