//! The PostgreSQL store against sled, in one run, on a throwaway local
//! cluster (see tests/pg_common; the server as Debian's postgresql builds
//! it, `synchronous_commit` on, fsync on, on the build disk):
//!
//! 1. keystroke → saved: `LabelStore::put` (the one call between a key and
//!    the `saved` mark) on a store of 10,000 labels, 2,000 puts timed one
//!    by one: p50 / p99 / max, PostgreSQL and sled;
//! 2. `biaozhu import FILE`, `biaozhu export` and `biaozhu agree --json`
//!    (the real binary, end to end) of 3 annotators × every paragraph of a
//!    synthetic corpus, `--store postgres://…` against sled: seconds and the
//!    ratio PostgreSQL / sled.
//!
//! Run: `cargo bench --bench pg` (`BIAOZHU_PG_BENCH_DOCS=334` for
//! 334 × 1,000 paragraphs × 3 = 1,002,000 labels; the default is 100 docs,
//! 300,000 labels).

#[path = "../tests/pg_common/mod.rs"]
mod pg_common;

use biaozhu::store::{Backend, Label, Stores};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");
const PARAS_PER_DOC: usize = 1000;
const ANNOTATORS: [&str; 3] = ["alice", "bob", "carol"];

fn label(i: u32, round: u64) -> Label {
    let sections = ["heading", "achievement", "problem", "plan"];
    Label {
        section: Some(sections[(i as u64 + round) as usize % 4].to_owned()),
        indicators: vec!["funds".into(), "vaccination_rate".into()],
        updated_at: biaozhu::store::now_rfc3339(),
        duration_ms: Some(1200),
        ..Label::empty(
            &format!("{:03}_report.txt", i / 200),
            i % 200,
            &format!("{:016x}", i),
        )
    }
}

fn percentiles(what: &str, mut times: Vec<Duration>) -> Duration {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    let (p50, p99) = (at(0.5), at(0.99));
    eprintln!(
        "{what}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} puts)",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3,
        times.len()
    );
    p99
}

/// 2,000 single puts on a store of 10,000 labels, each timed.
fn keystrokes(stores: &Stores) -> Vec<Duration> {
    let mut store = stores.open("alice").unwrap();
    let labels: Vec<Label> = (0..10_000).map(|i| label(i, 0)).collect();
    for chunk in labels.chunks(5_000) {
        store.put_many(chunk, "import").unwrap();
    }
    (0..2_000u32)
        .map(|n| {
            let l = label(n * 5 % 10_000, 1 + n as u64);
            let start = Instant::now();
            store.put(&l.doc, l.para, Some(&l), "section").unwrap();
            start.elapsed()
        })
        .collect()
}

fn write_corpus(dir: &Path, docs: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for d in 0..docs {
        let mut text = String::new();
        for i in 0..PARAS_PER_DOC {
            text.push_str(&format!(
                "　　第{d}号报告第{i}段：儿童免疫规划疫苗接种率达到98.{}%，投入资金{}万元。\n",
                i % 10,
                d * 1000 + i
            ));
        }
        std::fs::write(dir.join(format!("{d:03}_report.txt")), text).unwrap();
    }
}

/// The binary with `args`, timed; it must succeed.
fn timed(args: &[&str]) -> Duration {
    let start = Instant::now();
    let out = Command::new(BIN)
        .args(args)
        .stdout(std::process::Stdio::null())
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

fn main() {
    let Some(cluster) = pg_common::Cluster::start() else {
        return;
    };
    let root = tempfile::Builder::new()
        .prefix("pg-bench")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let pg = |labels: &str| Stores {
        labels_dir: root.path().join(labels),
        backend: Backend::parse(&cluster.new_database()).unwrap().0,
    };

    eprintln!("keystroke -> saved (LabelStore::put on 10,000 labels):");
    percentiles(
        "  sled      ",
        keystrokes(&Stores::sled(&root.path().join("k-sled"))),
    );
    percentiles("  postgresql", keystrokes(&pg("k-pg")));

    let docs: usize = std::env::var("BIAOZHU_PG_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let corpus = root.path().join("corpus");
    write_corpus(&corpus, docs);
    let corpus = corpus.to_str().unwrap().to_owned();
    // The records: every paragraph × annotator, as export writes them,
    // made once with a sled import of generated labels.
    let seed = root.path().join("seed");
    let seed_s = seed.to_str().unwrap().to_owned();
    let paragraphs = biaozhu::corpus::load(Path::new(&corpus), &Default::default())
        .unwrap()
        .into_paragraphs();
    let mut jsonl = Vec::new();
    for (a, annotator) in ANNOTATORS.iter().enumerate() {
        let mut store = Stores::sled(&seed).open(annotator).unwrap();
        let labels: Vec<Label> = paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| Label {
                section: Some(["heading", "achievement", "problem", "plan"][(i + a) % 4].into()),
                indicators: vec!["funds".into()],
                updated_at: "2026-11-22T10:00:00Z".into(),
                ..Label::empty(&p.doc, p.para as u32, &p.hash)
            })
            .collect();
        for chunk in labels.chunks(10_000) {
            store.put_many(chunk, "import").unwrap();
        }
    }
    let out = Command::new(BIN)
        .args(["--corpus", &corpus, "--labels", &seed_s, "export"])
        .output()
        .unwrap();
    jsonl.extend_from_slice(&out.stdout);
    let file = root.path().join("all.jsonl");
    std::fs::write(&file, &jsonl).unwrap();
    let file = file.to_str().unwrap().to_owned();
    let records = jsonl.iter().filter(|b| **b == b'\n').count();
    eprintln!("\n{records} labels ({docs} docs x {PARAS_PER_DOC} paragraphs x 3 annotators):");

    let sled_dir = root.path().join("sled").to_str().unwrap().to_owned();
    let url = cluster.new_database();
    let pg_labels = root.path().join("pg").to_str().unwrap().to_owned();
    let on = |labels: &str, store: &str, rest: &[&str]| {
        let mut args = vec![
            "--corpus",
            corpus.as_str(),
            "--labels",
            labels,
            "--store",
            store,
        ];
        args.extend_from_slice(rest);
        timed(&args)
    };
    for (what, rest) in [
        ("import", vec!["import", file.as_str()]),
        ("export", vec!["export"]),
        ("agree ", vec!["agree", "--json"]),
    ] {
        let s = on(&sled_dir, "sled", &rest);
        let p = on(&pg_labels, &url, &rest);
        eprintln!(
            "  {what}: sled {:.2} s, postgresql {:.2} s, ratio {:.2}x",
            s.as_secs_f64(),
            p.as_secs_f64(),
            p.as_secs_f64() / s.as_secs_f64()
        );
    }
}
