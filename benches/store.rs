//! One label change on a store of 10,000 labels: `LabelStore::put` = label
//! write + history entry (one sled transaction) + `flush()` (DESIGN.md §4).
//! The bar: p99 under 5 ms.
//!
//! Criterion reports mean/median; the p50/p90/p99/max of 2,000 individually
//! timed puts are printed to stderr first.
//!
//! Then the same puts timed while the suggestion model retrains on 10,000
//! labels over and over on another thread (issue 16: keystroke → saved p99
//! unchanged while training runs), as the screen trains it (SCHED_IDLE) and
//! at normal priority, in alternating rounds with puts while nothing
//! trains.
//!
//! Run: `cargo bench --bench store`
//!
//! The store lives under Cargo's target tmp dir (on the same disk as the
//! build, not a tmpfs), so `flush()` really reaches the disk.

use biaozhu::schema::Schema;
use biaozhu::store::{now_rfc3339, Label, LabelStore, SledStore, Span};
use biaozhu::suggest::trainer::train_beside_the_screen;
use biaozhu::suggest::{Context, Example, Suggester};
use criterion::{criterion_group, criterion_main, Criterion};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const LABELS: u32 = 10_000;
const PARAS_PER_DOC: u32 = 200;
const TIMED_PUTS: usize = 2_000;

fn label(i: u32, round: u64) -> Label {
    let doc = format!(
        "{:03}_{:016x}.txt",
        i / PARAS_PER_DOC,
        i as u64 * 0x9e37_79b9
    );
    let para = i % PARAS_PER_DOC;
    let sections = ["heading", "achievement", "problem", "plan"];
    let indicators = [
        "birth_rate",
        "family_doctor",
        "health_records",
        "vaccination_rate",
    ];
    let k = (i as u64 + round) as usize;
    Label {
        doc,
        para,
        hash: format!("{:016x}", (i as u64) << 20 | round),
        section: Some(sections[k % 4].to_owned()),
        indicators: vec![
            indicators[k % 4].to_owned(),
            indicators[(k + 1) % 4].to_owned(),
        ],
        spans: vec![Span {
            start: 3,
            end: 17,
            label: indicators[k % 4].to_owned(),
        }],
        flags: vec![],
        note: None,
        done: round.is_multiple_of(2),
        updated_at: now_rfc3339(),
        duration_ms: Some(1000 + round),
        text: None,
        ..Label::empty("", 0, "")
    }
}

fn store_put(c: &mut Criterion) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let mut store = SledStore::open(dir.path(), "bench").unwrap();
    let all: Vec<Label> = (0..LABELS).map(|i| label(i, 0)).collect();
    for chunk in all.chunks(500) {
        store.put_many(chunk, "import").unwrap();
    }
    assert_eq!(store.labels().unwrap().len(), LABELS as usize);

    // Each put changes a different, already labeled paragraph.
    let mut round = 1u64;
    let mut next = 0u32;
    let mut put = |store: &mut SledStore| {
        let l = label(next, round);
        store.put(&l.doc, l.para, Some(&l), "section").unwrap();
        next = (next + 7919) % LABELS;
        round += 1;
    };

    let mut times: Vec<Duration> = Vec::with_capacity(TIMED_PUTS);
    for _ in 0..TIMED_PUTS {
        let start = Instant::now();
        put(&mut store);
        times.push(start.elapsed());
    }
    report(&format!("store/put on {LABELS} labels"), times);

    // Alternating rounds: puts while the model trains as the screen trains
    // it (SCHED_IDLE), while it trains at normal priority on as many
    // threads (what the screen did before), and while nothing trains.
    let (mut busy, mut normal, mut idle) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..4 {
        for (priority, times) in [(Priority::Idle, &mut busy), (Priority::Normal, &mut normal)] {
            let stop = Arc::new(AtomicBool::new(false));
            let trainer = training(Arc::clone(&stop), priority);
            for _ in 0..TIMED_PUTS / 4 {
                let start = Instant::now();
                put(&mut store);
                times.push(start.elapsed());
            }
            stop.store(true, Ordering::Relaxed);
            let trained = trainer.join().unwrap();
            assert!(trained > 0, "the model trained during the round");
        }
        for _ in 0..TIMED_PUTS / 4 {
            let start = Instant::now();
            put(&mut store);
            idle.push(start.elapsed());
        }
    }
    report("store/put while the model retrains on 10,000 labels", busy);
    report(
        "store/put while it retrains at normal priority (no SCHED_IDLE)",
        normal,
    );
    report("store/put in the same minutes, nothing training", idle);

    c.bench_function("store/put (label + history + flush), 10k labels", |b| {
        b.iter(|| put(&mut store))
    });
    c.bench_function("store/get, 10k labels", |b| {
        let mut i = 0u32;
        b.iter(|| {
            let l = label(i, 0);
            i = (i + 7919) % LABELS;
            store.get(&l.doc, l.para).unwrap()
        })
    });
    c.bench_function("store/labels (all 10k)", |b| {
        b.iter(|| store.labels().unwrap().len())
    });
}

/// Print p50/p90/p99/max of `times`.
fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    eprintln!(
        "{what}, {} puts timed one by one: \
         p50 {:.3} ms, p90 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        times.len(),
        at(0.50).as_secs_f64() * 1e3,
        at(0.90).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
    );
}

/// How the model is trained in a round.
#[derive(Clone, Copy)]
enum Priority {
    /// As the labeling screen does: `train_beside_the_screen` (SCHED_IDLE).
    Idle,
    /// On a pool of as many threads at normal priority.
    Normal,
}

/// A thread that trains the suggestion model on 10,000 labels again and
/// again until `stop`; it returns how many models it trained.
fn training(stop: Arc<AtomicBool>, priority: Priority) -> std::thread::JoinHandle<usize> {
    let schema = Schema::default_schema();
    let patterns = Suggester::new(&schema).patterns().clone();
    let words = [
        "疫苗接种率达到",
        "家庭医生签约",
        "下一步将",
        "存在问题",
        "投入资金",
        "健康档案建档率",
    ];
    let examples: Vec<Example> = (0..10_000usize)
        .filter_map(|i| {
            let text = format!(
                "第{i}项：{}{}%，{}。",
                words[i % 6],
                i % 100,
                words[(i / 6) % 6]
            );
            let mut l = Label::empty("d.txt", i as u32, "0");
            l.section = Some(schema.sections[i % schema.sections.len()].name.clone());
            l.indicators = vec![schema.indicators[i % 7].name.clone()];
            l.done = true;
            let context = Context {
                text: text.as_str().into(),
                ..Context::default()
            };
            Example::new(&patterns, &schema, &context, &l)
        })
        .collect();
    std::thread::spawn(move || {
        let refs: Vec<&Example> = examples.iter().collect();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let normal = rayon::ThreadPoolBuilder::new()
            .num_threads(cores.saturating_sub(1).max(1))
            .build()
            .unwrap();
        let mut trained = 0;
        while !stop.load(Ordering::Relaxed) {
            let model = match priority {
                Priority::Idle => train_beside_the_screen(patterns.clone(), &refs),
                Priority::Normal => normal.install(|| Suggester::train(patterns.clone(), &refs)),
            };
            std::hint::black_box(model);
            trained += 1;
        }
        trained
    })
}

criterion_group!(benches, store_put);
criterion_main!(benches);
