//! `kill -9` at random moments, during labeling (the screen in tmux) and
//! during `biaozhu import`: no label shown saved is ever lost, and no
//! store is left locked (the next session or import starts at once).
//!
//! 20 rounds of each in every `cargo test`; more with
//! `BIAOZHU_KILL_ROUNDS=300 cargo test --release --test kill_campaign`
//! (the README gives the figure). The seed is printed; set
//! `BIAOZHU_KILL_SEED` to replay a run.

mod tmux_common;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tmux_common::{jsonl, Tmux, BIN};

/// Paragraphs with full-width punctuation, Extension B, emoji, half-width
/// kana and a tab.
fn corpus(dir: &Path, paragraphs: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut text = String::new();
    for i in 0..paragraphs {
        text.push_str(&format!(
            "　　第{i}段：全年儿童免疫规划疫苗接种率达到98.{}%，𠀀😀ｶﾞ\t投入资金{}万元。\n",
            i % 10,
            i * 7
        ));
    }
    std::fs::write(dir.join("报告.txt"), text).unwrap();
}

fn rounds() -> usize {
    std::env::var("BIAOZHU_KILL_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20)
}

/// xorshift64*, seeded from the clock unless `BIAOZHU_KILL_SEED` is set.
struct Rng(u64);

impl Rng {
    fn new(what: &str) -> Rng {
        let seed = std::env::var("BIAOZHU_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("{what}: BIAOZHU_KILL_SEED={seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

fn export(corpus: &Path, labels: &Path) -> Vec<Value> {
    tmux_common::export(corpus.to_str().unwrap(), labels.to_str().unwrap(), &[])
}

/// Each round: a session starts (a store left locked would refuse it),
/// accepts paragraphs one at a time until the screen shows each saved,
/// then gets a burst of keys and is killed at a random moment.
#[test]
fn kill_9_while_labeling_loses_nothing_shown_saved() {
    let root = tempfile::tempdir().unwrap();
    let (corpus_dir, labels) = (root.path().join("corpus"), root.path().join("labels"));
    corpus(&corpus_dir, 200 + 10 * rounds());
    let mut rng = Rng::new("labeling");
    let sections = ["h", "a", "p", "f"];
    let names = BTreeMap::from([
        ("h", "heading"),
        ("a", "achievement"),
        ("p", "problem"),
        ("f", "plan"),
    ]);
    // Paragraph → section, for every label the screen showed as saved.
    let mut shown: BTreeMap<u64, &str> = BTreeMap::new();
    let args = [
        "--corpus",
        corpus_dir.to_str().unwrap(),
        "--labels",
        labels.to_str().unwrap(),
        "--annotator",
        "alice",
    ];
    for round in 0..rounds() {
        let t = Tmux::start(100, 24, &args);
        // (The status line may give the annotator's name to a message.)
        t.wait_for("the first frame", |s| {
            s.contains("Section") && s.contains("第") && s.contains(" all ")
        });
        // The screen resumes at the first unfinished paragraph.
        let mut done = shown.len();
        for _ in 0..1 + rng.below(2) {
            let key = sections[rng.below(4) as usize];
            t.type_text(key);
            t.keys(&["Enter"]);
            done += 1;
            let expected = format!("all {done}/");
            t.wait_for(&expected, |s| s.contains(&expected));
            shown.insert(done as u64 - 1, names[key]);
        }
        for _ in 0..rng.below(6) {
            t.type_text(sections[rng.below(4) as usize]);
            t.keys(&["Enter"]);
        }
        std::thread::sleep(Duration::from_millis(rng.below(120)));
        assert!(t.kill9(), "round {round}: kill failed");
        assert!(t.wait_exit(), "round {round}: still running after kill -9");
        drop(t);
        let records = export(&corpus_dir, &labels);
        let by_para: BTreeMap<u64, &Value> = records
            .iter()
            .map(|r| (r["para"].as_u64().unwrap(), r))
            .collect();
        for (para, section) in &shown {
            let r = by_para
                .get(para)
                .unwrap_or_else(|| panic!("round {round}: label of paragraph {para} lost"));
            assert_eq!(r["section"], *section, "round {round}, paragraph {para}");
        }
        // The burst's accepted labels count as done from here on.
        for r in &records {
            if r["done"] == true {
                let para = r["para"].as_u64().unwrap();
                let section = names
                    .values()
                    .find(|n| r["section"] == **n)
                    .expect("a known section");
                shown.insert(para, section);
            }
        }
        assert!(shown.keys().copied().eq(0..shown.len() as u64));
    }
    eprintln!(
        "labeling: {} sessions killed, {} labels shown saved, none lost",
        rounds(),
        shown.len()
    );
}

/// Each round: an import of fresh records is killed at a random moment;
/// every label imported before is still there, the stores are not left
/// locked, and running the import again completes it.
#[test]
fn kill_9_during_import_loses_nothing_and_leaves_no_lock() {
    let root = tempfile::tempdir().unwrap();
    let (corpus_dir, labels) = (root.path().join("corpus"), root.path().join("labels"));
    let rounds = rounds();
    let per = 150;
    corpus(&corpus_dir, per * rounds);
    let texts: Vec<String> = {
        let out = Command::new(BIN)
            .arg("--corpus")
            .arg(&corpus_dir)
            .args(["corpus", "--jsonl"])
            .output()
            .unwrap();
        jsonl(&out.stdout)
            .iter()
            .map(|p| p["text"].as_str().unwrap().to_owned())
            .collect()
    };
    let mut rng = Rng::new("import");
    let mut expected: BTreeMap<(String, u64), String> = BTreeMap::new();
    let mut cut_short = 0;
    // Kills land in the first `window` ms: at first 400, then a little more
    // than a whole import took, so that most land while it runs.
    let mut window: u64 = 400;
    for round in 0..rounds {
        // Round r labels a slice of paragraphs for two annotators.
        let file = root.path().join(format!("round{round}.jsonl"));
        let mut lines = String::new();
        let mut this_round = Vec::new();
        for who in ["alice", "bob"] {
            for para in round * per..(round + 1) * per {
                let section = ["heading", "achievement", "problem"][(para + round) % 3];
                let record = serde_json::json!({
                    "id": format!("报告.txt#{para}"), "doc": "报告.txt", "para": para,
                    "text": texts[para], "annotator": who, "section": section,
                    "indicators": [], "spans": [], "flags": [],
                    "note": format!("第{round}轮，𠀀"),
                    "updated_at": "2026-12-01T10:00:00Z", "duration_ms": 1000
                });
                lines.push_str(&format!("{record}\n"));
                this_round.push(((who.to_owned(), para as u64), section.to_owned()));
            }
        }
        std::fs::write(&file, lines).unwrap();
        let import = || {
            let mut command = Command::new(BIN);
            command
                .arg("--corpus")
                .arg(&corpus_dir)
                .arg("--labels")
                .arg(&labels)
                .arg("import")
                .arg(&file)
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            command
        };
        let mut child = import().spawn().unwrap();
        let start = Instant::now();
        std::thread::sleep(Duration::from_millis(rng.below(window)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if !status.success() {
            cut_short += 1;
        }
        let killed_after = start.elapsed();
        // Everything imported before this round is there. (Before the first
        // import completes there is nothing to check, and perhaps nothing to
        // read: export refuses a missing labels dir or stores without labels.)
        let records = if expected.is_empty() {
            Vec::new()
        } else {
            export(&corpus_dir, &labels)
        };
        let now: BTreeMap<(String, u64), String> = records
            .iter()
            .map(|r| {
                (
                    (
                        r["annotator"].as_str().unwrap().to_owned(),
                        r["para"].as_u64().unwrap(),
                    ),
                    r["section"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        for (key, section) in &expected {
            assert_eq!(
                now.get(key),
                Some(section),
                "round {round} (killed after {killed_after:?}): {key:?} lost"
            );
        }
        // No lock left behind: the import runs again at once, to the end.
        let whole = Instant::now();
        let out = import().output().unwrap();
        window = (whole.elapsed().as_millis() as u64 * 5 / 4).max(5);
        assert!(
            out.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        expected.extend(this_round);
    }
    let now = export(&corpus_dir, &labels);
    assert_eq!(now.len(), expected.len());
    eprintln!("import: {cut_short} of {rounds} imports killed part-way, nothing lost");
    assert!(cut_short > 0, "no import was killed part-way");
}
