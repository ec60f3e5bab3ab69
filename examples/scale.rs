//! The million-paragraph corpus of issue 18, generated, and what the
//! screens do on it, measured from outside (a real terminal in tmux).
//!
//! ```sh
//! cargo build --release --examples
//! target/release/examples/scale gen /tmp/scale/corpus          # 1,000 files, ~466 MB
//! target/release/examples/scale labels /tmp/scale/corpus /tmp/scale/labels 0.1
//! target/release/examples/scale screen target/release/biaozhu /tmp/scale/corpus /tmp/scale/labels annotate
//! target/release/examples/scale screen target/release/biaozhu /tmp/scale/corpus /tmp/scale/labels review
//! ```
//!
//! `gen`: report-like text, deterministic (one seed): each paragraph two to
//! six sentences drawn from the sample corpus (`./corpus`) with their
//! digits redrawn and one character in twelve replaced by another common
//! one (so no two paragraphs are alike and the text does not compress
//! better than a real report's), a numbered heading every twenty or so.
//! `labels`: native JSONL for two annotators on a share of the
//! paragraphs (one in five disagreeing), imported into LABELS.
//! `screen`: starts the screen in tmux (120x40) and prints, as JSON, the
//! time to the first drawn screen (the status line up), the time until
//! the status line no longer says `reading`, the peak RSS (VmHWM) after
//! that, and keystroke → shown-saved latencies (an indicator key toggled
//! 40 times, each waited for on the screen).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// splitmix64: the same corpus on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FILES: usize = 1000;
const PARAGRAPHS: usize = 1_124_511;
const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The sample corpus's sentences (ended by 。！？；) of 8–80 characters,
/// and its common characters.
fn sample_sentences() -> (Vec<String>, Vec<char>) {
    let mut sentences = Vec::new();
    let mut chars = std::collections::BTreeMap::<char, usize>::new();
    let mut files: Vec<_> = std::fs::read_dir("corpus")
        .expect("run from the repository root (reads ./corpus)")
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        let mut cur = String::new();
        for c in text.chars() {
            if c == '\n' || c == '\r' {
                cur.clear();
                continue;
            }
            cur.push(c);
            if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                *chars.entry(c).or_default() += 1;
            }
            if "。！？；".contains(c) {
                let s = cur.trim().to_owned();
                let n = s.chars().count();
                if (8..=80).contains(&n) && plain_text(&s) {
                    sentences.push(s);
                }
                cur.clear();
            }
        }
    }
    let mut common: Vec<(char, usize)> = chars.into_iter().collect();
    common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let common = common.into_iter().take(800).map(|(c, _)| c).collect();
    (sentences, common)
}

/// Whether `s` reads as one paragraph of report text, unchanged (no
/// heading in it, nothing cleaned away, not chrome): the generated
/// paragraphs are then one a line.
fn plain_text(s: &str) -> bool {
    use biaozhu::corpus::{document::build, CorpusOptions, SourceEncoding};
    let line = format!("\u{3000}\u{3000}{s}{s}");
    let doc = build(
        "t.txt",
        &line,
        SourceEncoding::Utf8,
        &CorpusOptions::default(),
    );
    matches!(&doc.paragraphs[..], [p] if p.text == line && !p.heading && p.suggested.is_none())
}

fn paragraph(rng: &mut Rng, sentences: &[String], common: &[char], out: &mut String) {
    out.push_str("\u{3000}\u{3000}");
    for _ in 0..2 + rng.below(5) {
        for c in sentences[rng.below(sentences.len())].chars() {
            if c.is_ascii_digit() {
                out.push(char::from(b'0' + rng.below(10) as u8));
            } else if ('\u{4e00}'..='\u{9fff}').contains(&c) && rng.below(12) == 0 {
                out.push(common[rng.below(common.len())]);
            } else {
                out.push(c);
            }
        }
    }
    out.push('\n');
}

fn generate(dir: &Path) {
    let (sentences, common) = sample_sentences();
    assert!(sentences.len() > 100, "too few sample sentences");
    std::fs::create_dir_all(dir).unwrap();
    let mut rng = Rng(18);
    let (mut bytes, mut paras) = (0usize, 0usize);
    for f in 0..FILES {
        // Paragraph lines (headings and text) in this file: the total spread evenly.
        let lines = PARAGRAPHS * (f + 1) / FILES - PARAGRAPHS * f / FILES;
        let mut text = format!("{:04}年卫生健康工作报告（第{f}号）\n", 2000 + f % 25);
        let (mut heading, mut left) = (0, 1);
        for _ in 1..lines {
            left -= 1;
            if left == 0 {
                text.push_str(&format!(
                    "{}、{}\n",
                    NUMERALS[heading % 10],
                    sentences[rng.below(sentences.len())]
                        .chars()
                        .take(10)
                        .collect::<String>()
                        .trim_end_matches(['。', '！', '？', '；'])
                ));
                heading += 1;
                left = 15 + rng.below(10);
            } else {
                paragraph(&mut rng, &sentences, &common, &mut text);
            }
        }
        bytes += text.len();
        paras += lines;
        let sub = dir.join(format!("{:02}", f / 100));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("report_{f:04}.txt")), text).unwrap();
    }
    println!("{{\"files\":{FILES},\"lines\":{paras},\"bytes\":{bytes}}}");
}

/// Native JSONL for alice and bob on `share` of the paragraphs (bob
/// disagreeing on one in five), imported into `labels`.
fn labels(corpus: &Path, labels: &Path, share: f64, bin: &str) {
    use biaozhu::corpus::{self, CorpusOptions};
    let corpus = corpus::load(corpus, &CorpusOptions::default()).unwrap();
    std::fs::create_dir_all(labels).unwrap();
    std::fs::copy("labels/schema.toml", labels.join("schema.toml")).unwrap();
    let file = labels.join("scale.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    let sections = ["achievement", "plan", "problem", "overview"];
    let mut rng = Rng(19);
    let mut n = 0;
    for p in corpus.paragraphs() {
        if (rng.below(1_000_000) as f64) >= share * 1e6 {
            continue;
        }
        for (a, who) in ["alice", "bob"].iter().enumerate() {
            let s = if a == 1 && rng.below(5) == 0 { 1 } else { 0 } + p.para;
            let record = serde_json::json!({
                "id": p.id(), "doc": p.doc, "para": p.para, "text": p.text, "hash": p.hash,
                "annotator": who, "section": sections[s % sections.len()],
                "indicators": [], "spans": [], "flags": [], "note": null,
                "updated_at": format!("2026-01-01T00:00:{:02}.{:06}Z", n / 1_000_000 % 60, n % 1_000_000),
                "duration_ms": 3000,
            });
            serde_json::to_writer(&mut out, &record).unwrap();
            std::io::Write::write_all(&mut out, b"\n").unwrap();
            n += 1;
        }
    }
    drop(out);
    let run = Command::new(bin)
        .args(["--quiet", "--labels", labels.to_str().unwrap(), "--corpus"])
        .arg(corpus_dir_arg())
        .arg("import")
        .arg(&file)
        .status()
        .unwrap();
    assert!(run.success());
    std::fs::remove_file(file).unwrap();
    println!("{{\"records\":{n}}}");
}

fn corpus_dir_arg() -> String {
    std::env::args().nth(2).unwrap()
}

/// One tmux server of our own.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "m"])
    }
    /// Poll until `ok` holds of the screen; how long it took.
    fn until(&self, from: Instant, limit: Duration, ok: impl Fn(&str) -> bool) -> Duration {
        loop {
            if ok(&self.screen()) {
                return from.elapsed();
            }
            assert!(from.elapsed() < limit, "timed out:\n{}", self.screen());
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn status(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// VmHWM (peak resident set) of `pid` in bytes.
fn peak_rss(pid: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn screen(bin: &str, corpus: &str, labels: &str, which: &str, annotator: &str) {
    let tmux = Tmux {
        socket: format!("scale{}", std::process::id()),
    };
    let mut args = vec!["--corpus", corpus, "--labels", labels];
    let annotate = which == "annotate";
    if annotate {
        args.extend(["--annotator", annotator, "annotate", "--new-annotator"]);
        if std::env::var_os("SCALE_NO_SUGGEST").is_some() {
            args.push("--no-suggest");
        }
    } else {
        args.extend(["review", "--reviewer", "lead"]);
    }
    let line = std::iter::once(bin)
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let start = Instant::now();
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "m",
        "-x",
        "120",
        "-y",
        "40",
        "-e",
        "LANG=C.UTF-8",
        &format!("exec {line}"),
    ]);
    let limit = Duration::from_secs(120);
    // The first frame: the label pane and the status line drawn (`all
    // n/N` on the labeling screen's, `decided n/N` on the review
    // screen's; a capture can catch a frame half written).
    let mark = if annotate { " all " } else { "decided" };
    let drawn = |s: &str| s.contains("Section 段落类型") && status(s).contains(mark);
    let first = tmux.until(start, limit, drawn);
    // Every file read: the status line no longer says `reading n/N files`.
    let ready = tmux.until(start, limit, |s| drawn(s) && !status(s).contains("reading"));
    let pid = tmux.run(&["display-message", "-p", "-t", "m", "#{pane_pid}"]);
    let pid = pid.trim().to_owned();
    std::thread::sleep(Duration::from_millis(500));
    let peak = peak_rss(&pid);
    let mut latencies = Vec::new();
    // An indicator key (annotate: `1`; review: the first section key `a`
    // toggles nothing there, so only the first frame is measured).
    if annotate {
        for i in 0..40 {
            let on = i % 2 == 0;
            let t = Instant::now();
            tmux.run(&["send-keys", "-t", "m", "-l", "1"]);
            let d = tmux.until(t, Duration::from_secs(10), |s| {
                s.contains("1*") == on && status(s).contains("saved")
            });
            latencies.push(d.as_secs_f64() * 1000.0);
        }
    }
    latencies.sort_by(f64::total_cmp);
    let peak_after = peak_rss(&pid).max(peak);
    tmux.run(&["send-keys", "-t", "m", "q"]);
    // Closed before the next run opens the same stores.
    let closing = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() && closing.elapsed() < limit {
        std::thread::sleep(Duration::from_millis(50));
    }
    let (p50, p99) = if latencies.is_empty() {
        (0.0, 0.0)
    } else {
        (percentile(&latencies, 0.5), percentile(&latencies, 0.99))
    };
    println!(
        "{{\"screen\":\"{which}\",\"first_frame_ms\":{:.0},\"read_all_ms\":{:.0},\"peak_rss_mb\":{:.0},\"key_to_saved_p50_ms\":{p50:.1},\"key_to_saved_p99_ms\":{p99:.1}}}",
        first.as_secs_f64() * 1000.0,
        ready.as_secs_f64() * 1000.0,
        peak_after as f64 / 1e6,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or_default();
    match arg(0) {
        "gen" => generate(Path::new(arg(1))),
        "labels" => labels(
            Path::new(arg(1)),
            Path::new(arg(2)),
            arg(3).parse().unwrap_or(0.1),
            args.get(4).map_or("target/release/biaozhu", String::as_str),
        ),
        "screen" => screen(
            arg(1),
            arg(2),
            arg(3),
            arg(4),
            args.get(5).map_or("alice", String::as_str),
        ),
        _ => eprintln!("usage: scale gen DIR | labels CORPUS LABELS SHARE [BIN] | screen BIN CORPUS LABELS annotate|review [ANNOTATOR]"),
    }
}
