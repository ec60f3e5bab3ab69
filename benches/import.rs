//! `biaozhu import` of ~1,000,000 native records (3 annotators × every
//! paragraph of a synthetic corpus of 334,000 paragraphs) into an empty
//! labels dir. The bar: ≥ 100,000 records/s for the library path — parse
//! (`import::parse`) + attach, merge and store writes (`import::apply`,
//! `put_many` in chunks of `import::CHUNK`, each one transaction + flush).
//!
//! Reported separately: reading the corpus (`corpus::load`, which the
//! command does once before attaching), and a second import of the same
//! records into the filled stores (all unchanged: no writes).
//!
//! A timed run, not criterion (one repetition takes seconds): medians of
//! `REPS` repetitions, each into a fresh labels dir under Cargo's target tmp
//! dir (on the build disk, not a tmpfs, so flushes reach the disk).
//!
//! Run: `cargo bench --bench import` (`BIAOZHU_BENCH_REPS=N` for N
//! repetitions instead of 5)

use biaozhu::corpus::{self, CorpusOptions, Paragraph};
use biaozhu::export::native_record;
use biaozhu::import;
use biaozhu::store::{Label, Span};
use std::time::{Duration, Instant};

const DOCS: usize = 334;
const PARAS_PER_DOC: usize = 1000;
const ANNOTATORS: [&str; 3] = ["alice", "bob", "carol"];
/// Repetitions (median reported); `BIAOZHU_BENCH_REPS` overrides.
const REPS: usize = 5;

fn reps() -> usize {
    std::env::var("BIAOZHU_BENCH_REPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(REPS)
}

fn write_corpus(dir: &std::path::Path) {
    for d in 0..DOCS {
        let mut text = String::new();
        for i in 0..PARAS_PER_DOC {
            text.push_str(&format!(
                "　　第{d}号报告第{i}段：全区卫生健康系统坚持以人民健康为中心，\
                 儿童免疫规划疫苗接种率达到98.{}%，投入资金{}万元，“两学一做”常态化。\n",
                i % 10,
                d * 1000 + i
            ));
        }
        std::fs::write(dir.join(format!("{d:03}_report.txt")), text).unwrap();
    }
}

/// Every paragraph × annotator as `biaozhu export --format native` writes it.
fn jsonl(paragraphs: &[Paragraph]) -> Vec<u8> {
    let sections = ["heading", "achievement", "indicator_report", "plan"];
    let mut out = Vec::new();
    for (a, annotator) in ANNOTATORS.iter().enumerate() {
        for (i, p) in paragraphs.iter().enumerate() {
            let mut label = Label::empty(&p.doc, p.para as u32, &p.hash);
            label.section = Some(sections[(i + a) % 4].to_owned());
            label.indicators = vec!["funds".into(), "vaccination_rate".into()];
            if i % 3 == 0 {
                label.spans = vec![Span {
                    start: 2,
                    end: 9,
                    label: "vaccination_rate".into(),
                }];
            }
            label.done = i % 5 != 0;
            label.updated_at = format!("2026-11-22T10:{:02}:{:02}.{:03}Z", i / 60 % 60, i % 60, a);
            label.duration_ms = Some(1000 + i as u64 % 7000);
            serde_json::to_writer(
                &mut out,
                &native_record(p, &p.text.load(), annotator, &label),
            )
            .unwrap();
            out.push(b'\n');
        }
    }
    out
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    // `cargo test --benches` runs bench binaries with `--test`: stay quick.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let tmp = env!("CARGO_TARGET_TMPDIR");
    let corpus_dir = tempfile::tempdir_in(tmp).unwrap();
    write_corpus(corpus_dir.path());
    let opts = CorpusOptions::default();

    let mut load_times = Vec::new();
    let mut paragraphs = Vec::new();
    for _ in 0..reps() {
        let start = Instant::now();
        let corpus = corpus::load(corpus_dir.path(), &opts).unwrap();
        paragraphs = corpus.paragraphs().cloned().collect::<Vec<_>>();
        load_times.push(start.elapsed());
    }
    assert_eq!(
        paragraphs.len(),
        DOCS * PARAS_PER_DOC,
        "one paragraph per line"
    );
    let bytes = jsonl(&paragraphs);
    let n = paragraphs.len() * ANNOTATORS.len();
    eprintln!(
        "import bench: {} records ({:.0} MB of JSONL), corpus of {} paragraphs in {DOCS} files",
        n,
        bytes.len() as f64 / 1e6,
        paragraphs.len()
    );

    let (mut parse_t, mut apply_t, mut total_t, mut again_t) = (vec![], vec![], vec![], vec![]);
    for rep in 0..reps() {
        let labels = tempfile::tempdir_in(tmp).unwrap();
        let start = Instant::now();
        let parsed = import::parse(&bytes);
        let parsed_at = start.elapsed();
        assert!(parsed.bad.is_empty());
        assert_eq!(parsed.records.len(), n);
        let summary = import::apply(labels.path(), &paragraphs, parsed.records).unwrap();
        let total = start.elapsed();
        assert_eq!(summary.total().new, n);
        parse_t.push(parsed_at);
        apply_t.push(total - parsed_at);
        total_t.push(total);

        let start = Instant::now();
        let parsed = import::parse(&bytes);
        let summary = import::apply(labels.path(), &paragraphs, parsed.records).unwrap();
        again_t.push(start.elapsed());
        assert_eq!(summary.total().unchanged, n);
        eprintln!(
            "  rep {}: parse {}, attach + merge + write {}, total {} ({:.0} records/s); again (all unchanged) {}",
            rep + 1,
            ms(parsed_at),
            ms(total - parsed_at),
            ms(total),
            n as f64 / total.as_secs_f64(),
            ms(*again_t.last().unwrap()),
        );
    }
    let total = median(total_t);
    println!(
        "import/{n} records into an empty labels dir: median {} = {:.0} records/s \
         (parse {}, attach + merge + write {}); bar ≥ 100,000 records/s",
        ms(total),
        n as f64 / total.as_secs_f64(),
        ms(median(parse_t)),
        ms(median(apply_t)),
    );
    let again = median(again_t);
    println!(
        "import/the same {n} records again (all unchanged, no writes): median {} = {:.0} records/s",
        ms(again),
        n as f64 / again.as_secs_f64()
    );
    println!(
        "corpus::load of {} paragraphs ({DOCS} files): median {}",
        paragraphs.len(),
        ms(median(load_times))
    );
}
