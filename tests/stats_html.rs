//! The stats page (`biaozhu stats --html`) opened in a real browser:
//! headless Chromium (the Debian package `chromium`) dumps the DOM it built
//! and takes a screenshot.
//!
//! How these tests know the page fetches nothing. First, the page's text:
//! the only URL in it is the SVG namespace `http://www.w3.org/2000/svg`,
//! which is a name, never fetched; no `src`, `href`, `url(` or `@import`.
//! Then Chromium itself, two witnesses:
//! - a proxy: Chromium runs with `--proxy-server` pointing at a listener of
//!   the test and `--proxy-bypass-list=<-loopback>` (which removes the
//!   implicit loopback bypass), so every http(s) connection it opens, to
//!   any host, is a connection to that listener, which records the request
//!   line (`CONNECT host:443` or `GET http://host/…`) and answers 502;
//!   nothing reaches the real network;
//! - its NetLog (`--log-net-log`), which names every URL request and whom it
//!   is for: a request of the page carries the page's `file://` network
//!   isolation key.
//!
//! Chromium talks to Google on its own whatever the page (network time,
//! component updates, accounts; the Debian build does so even with
//! `--disable-background-networking`), so "the proxy saw nothing" cannot be
//! asked. What is asked: no NetLog request is the page's, and every host the
//! proxy saw is the host of a NetLog request that is not the page's (so a
//! connection without a URL request, such as a preconnect, fails the test
//! too). The control test `the_witnesses_see_a_page_that_fetches` opens a
//! page with an `<img src="http://…">` and an `https` stylesheet and checks
//! that both witnesses see them.
//!
//! `BIAOZHU_STATS_HTML_KEEP=DIR` keeps the pages and screenshots in DIR.

mod import_common;

use biaozhu::review::report::{Confusion, Pair, PerLabel};
use biaozhu::stats::html::page;
use biaozhu::stats::{
    AnnotatorStats, DocCounts, DocProgress, GoldProgress, Stats, VersusGoldStats,
    HISTOGRAM_BOUNDS_MS,
};
use biaozhu::text::sanitize::plain;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Chromium is killed after this long.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(60);

/// One Chromium at a time: the machine has two cores.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

const SECTIONS: [&str; 6] = [
    "标题",
    "工作成效",
    "主要做法",
    "问题与不足（下一步）",
    "下一步打算",
    "其他：附件、说明",
];
const INDICATORS: [&str; 4] = [
    "家庭医生签约率",
    "孕产妇系统管理率",
    "疫苗接种率（%）",
    "床位数",
];
const ANNOTATORS: [&str; 3] = ["张三", "李四", "王<b>&五"];

fn counts<T: Clone>(names: &[&str], values: &[T]) -> BTreeMap<String, T> {
    names
        .iter()
        .zip(values.iter().cycle())
        .map(|(n, v)| (n.to_string(), v.clone()))
        .collect()
}

fn annotator(i: usize, name: &str) -> AnnotatorStats {
    let sections: Vec<usize> = [12, 30, 25, 8, 6, 3]
        .iter()
        .map(|n| n * (i % 4 + 2) / 2)
        .collect();
    let labeled = sections.iter().sum::<usize>() + 4;
    AnnotatorStats {
        name: name.to_string(),
        labeled,
        done: labeled - 3 * (i % 4),
        orphaned: i,
        sections: counts(&SECTIONS, &sections),
        no_section: 4,
        indicators: counts(&INDICATORS, &[9 + i, 4, 7, 2]),
        no_indicator: labeled / 2,
        timed: labeled - 2,
        median_ms: Some(6_400 + 2_100 * i as u64),
        p90_ms: Some(24_000 + 9_000 * i as u64),
        histogram: [3, 14, 25, 19, 8, 6, 2, 1]
            .iter()
            .map(|n| n * (i + 1) + i)
            .collect(),
        last_labeled: Some(format!("2026-12-0{}T17:{:02}:00Z", 1 + i % 3, 40 + i)),
        per_day: [
            ("2026-11-24", 10),
            ("2026-11-25", 22),
            ("2026-11-27", 15),
            ("2026-12-01", 30),
        ]
        .iter()
        .skip(i % 3)
        .map(|(d, n)| (d.to_string(), n * (i % 5 + 1) + i))
        .collect(),
        agreement_with_others: Some(0.71 + 0.02 * (i % 5) as f64),
        gold: Some(VersusGoldStats {
            items: 40 + i,
            agreement: Some(0.8),
            kappa: Some(0.74 - 0.05 * i as f64),
        }),
    }
}

fn confusion(diagonal: u64) -> Confusion {
    let k = SECTIONS.len();
    Confusion {
        categories: SECTIONS.iter().map(|s| s.to_string()).collect(),
        counts: (0..k)
            .map(|r| {
                (0..k)
                    .map(|c| match (r, c) {
                        _ if r == c => diagonal * (k - r) as u64,
                        (1, 2) | (2, 1) => 17,
                        (3, 4) | (4, 3) => 6,
                        _ => ((r + c) % 2) as u64,
                    })
                    .collect()
            })
            .collect(),
    }
}

/// Three annotators with Chinese names (one with markup in it), section
/// and indicator names with full-width punctuation, a gold set, per
/// document progress with a document named like a script.
fn stats() -> Stats {
    let annotators: Vec<AnnotatorStats> = ANNOTATORS
        .iter()
        .enumerate()
        .map(|(i, n)| annotator(i, n))
        .collect();
    let pair = |a: usize, b: usize, kappa: Option<f64>| Pair {
        a: ANNOTATORS[a].to_string(),
        b: ANNOTATORS[b].to_string(),
        items: 60 + a + b,
        percent_agreement: Some(0.78),
        cohen_kappa: kappa,
    };
    let alphas = [Some(0.86), Some(0.7), Some(0.41), None];
    let indicator_agreement = INDICATORS
        .iter()
        .zip(alphas)
        .map(|(n, krippendorff_alpha)| {
            let items = if krippendorff_alpha.is_some() { 58 } else { 1 };
            (
                n.to_string(),
                PerLabel {
                    items,
                    krippendorff_alpha,
                },
            )
        })
        .collect();
    let doc = |doc: &str, paragraphs: usize, labeled: usize| DocProgress {
        doc: doc.to_string(),
        paragraphs,
        annotators: (0..3)
            .map(|i| DocCounts {
                labeled: labeled - i,
                done: labeled - 2 * i,
            })
            .collect(),
    };
    Stats {
        zh: Default::default(),
        paragraphs: 420,
        documents: 3,
        section_names: SECTIONS.iter().map(|s| s.to_string()).collect(),
        indicator_names: INDICATORS.iter().map(|s| s.to_string()).collect(),
        histogram_bounds_ms: HISTOGRAM_BOUNDS_MS.to_vec(),
        annotators,
        pairs: vec![
            pair(0, 1, Some(0.72)),
            pair(0, 2, Some(0.55)),
            pair(1, 2, None),
        ],
        confusion: confusion(20),
        gold_confusion: Some(confusion(9)),
        indicator_agreement,
        suggestions: Default::default(),
        gold: GoldProgress {
            exists: true,
            labels: 96,
            unanimous: 70,
            queue: 41,
            decided: 26,
            left: 15,
        },
        by_doc: Some(vec![
            doc("2023年某区卫生健康工作报告.txt", 180, 120),
            doc("报告<script>alert(1)</script>.txt", 140, 60),
            doc("乙市卫健委：工作总结（2024）.txt", 100, 12),
        ]),
    }
}

/// Twelve annotators, fourteen section types.
fn many() -> Stats {
    let mut stats = stats();
    let names: Vec<String> = (0..12).map(|i| format!("标注员{:02}号", i + 1)).collect();
    stats.annotators = names
        .iter()
        .enumerate()
        .map(|(i, n)| annotator(i, n))
        .collect();
    let more: Vec<String> = (0..8).map(|i| format!("附加类型{i}（示例）")).collect();
    stats.section_names.extend(more.iter().cloned());
    for (i, a) in stats.annotators.iter_mut().enumerate() {
        for (j, s) in more.iter().enumerate() {
            a.sections.insert(s.clone(), (i + j) % 7);
        }
    }
    stats.pairs.clear();
    stats.by_doc = None;
    stats
}

/// The proxy witness: records the first line of every request made
/// through it and answers 502.
struct Proxy {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Proxy {
    fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a port for the proxy");
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen, stopped) = (requests.clone(), stop.clone());
        let thread = thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        stream.set_nonblocking(false).unwrap();
                        stream
                            .set_read_timeout(Some(Duration::from_secs(2)))
                            .unwrap();
                        let mut line = String::new();
                        let _ = BufReader::new(&stream).read_line(&mut line);
                        seen.lock().unwrap().push(line.trim_end().to_string());
                        let _ = (&stream).write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n");
                    }
                    Err(_) => thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Proxy {
            port,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    /// Stop listening; the request lines seen.
    fn finish(mut self) -> Vec<String> {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
        let seen = self.requests.lock().unwrap().clone();
        seen
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The host a proxied request line goes to: `CONNECT host:443 HTTP/1.1`,
/// `GET http://host/path HTTP/1.1`.
fn proxied_host(line: &str) -> String {
    let target = line.split_whitespace().nth(1).unwrap_or("");
    url_host(target)
}

/// The host of `http://host:port/path`, or of `host:port`.
fn url_host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let end = rest.find([':', '/', '?']).unwrap_or(rest.len());
    rest[..end].to_string()
}

/// What Chromium's NetLog says was requested: (URLs requested for the page,
/// URLs Chromium requested for itself).
fn netlog_requests(netlog: &Path) -> (Vec<String>, Vec<String>) {
    let text = fs::read_to_string(netlog).expect("chromium wrote no NetLog");
    let log: serde_json::Value = serde_json::from_str(&text).expect("the NetLog is JSON");
    let (mut page, mut own) = (Vec::new(), Vec::new());
    for event in log["events"].as_array().expect("NetLog events") {
        let params = &event["params"];
        let (Some(url), Some(key)) = (
            params["url"].as_str(),
            params["network_isolation_key"].as_str(),
        ) else {
            continue;
        };
        if key.contains("file://") {
            page.push(url.to_string());
        } else {
            own.push(url.to_string());
        }
    }
    (page, own)
}

/// A finished Chromium run.
struct Run {
    stdout: String,
    took: Duration,
    /// Request lines the proxy saw.
    proxied: Vec<String>,
    /// URLs the NetLog shows requested for the page.
    page_requests: Vec<String>,
    /// URLs the NetLog shows Chromium requested for itself.
    own_requests: Vec<String>,
}

impl Run {
    /// What the witnesses hold against the page: each NetLog request that is
    /// the page's, and each host the proxy saw that Chromium did not ask
    /// for itself (empty: the page fetched nothing).
    fn fetches(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .page_requests
            .iter()
            .map(|u| format!("page: {u}"))
            .collect();
        let own: BTreeSet<String> = self.own_requests.iter().map(|u| url_host(u)).collect();
        for line in &self.proxied {
            if !own.contains(&proxied_host(line)) {
                out.push(format!("proxy: {line}"));
            }
        }
        out
    }

    fn assert_page_fetched_nothing(&self) {
        assert_eq!(
            self.fetches(),
            Vec::<String>::new(),
            "Chromium's own: {:?}",
            self.own_requests
        );
    }
}

/// Run headless Chromium on `url` with `extra` flags in a fresh profile
/// under `dir`, through a recording proxy, writing a NetLog; killed (its
/// whole process group) after [`CHROMIUM_TIMEOUT`]. Fails, saying what to
/// install, when there is no `chromium`.
fn chromium(dir: &Path, url: &str, extra: &[String]) -> Run {
    let profile = tempfile::tempdir_in(dir).unwrap();
    let out_path = dir.join("chromium.out");
    let err_path = dir.join("chromium.err");
    let netlog = dir.join("netlog.json");
    let proxy = Proxy::start();
    let mut command = Command::new("chromium");
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        // Fewer of Chromium's own requests; they do not stop them all.
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-features=NetworkTimeServiceQuerying,Translate,OptimizationHints",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--proxy-server=http://127.0.0.1:{}", proxy.port))
        .arg("--proxy-bypass-list=<-loopback>")
        .arg(format!("--log-net-log={}", netlog.display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).unwrap())
        .stderr(File::create(&err_path).unwrap())
        .process_group(0);
    let started = Instant::now();
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => panic!(
            "cannot start `chromium` ({e}): these tests need headless Chromium; install the \
             Debian package `chromium` (apt-get install chromium fonts-noto-cjk)"
        ),
    };
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > CHROMIUM_TIMEOUT {
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = child.wait();
            panic!(
                "chromium did not finish within {CHROMIUM_TIMEOUT:?}; stderr:\n{}",
                fs::read_to_string(&err_path).unwrap_or_default()
            );
        }
        thread::sleep(Duration::from_millis(20));
    };
    let took = started.elapsed();
    let stderr = fs::read_to_string(&err_path).unwrap();
    assert!(status.success(), "chromium failed: {status}\n{stderr}");
    let (page_requests, own_requests) = netlog_requests(&netlog);
    Run {
        stdout: fs::read_to_string(&out_path).unwrap(),
        took,
        proxied: proxy.finish(),
        page_requests,
        own_requests,
    }
}

/// `page` written to `dir/name`, its `file://` URL.
fn write_page(dir: &Path, name: &str, page: &str) -> (PathBuf, String) {
    let path = dir.join(name);
    fs::write(&path, page).unwrap();
    let url = format!("file://{}", path.display());
    (path, url)
}

/// Copy `path` to `$BIAOZHU_STATS_HTML_KEEP/name` when that is set.
fn keep(path: &Path, name: &str) {
    if let Some(dir) = std::env::var_os("BIAOZHU_STATS_HTML_KEEP") {
        fs::create_dir_all(&dir).unwrap();
        fs::copy(path, Path::new(&dir).join(name)).unwrap();
    }
}

/// Undo the HTML serializer's escapes in text.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The text of every `<text>` element inside an `<svg>` of `dom`.
fn svg_texts(dom: &str) -> Vec<String> {
    let mut out = Vec::new();
    for svg in dom.split("<svg").skip(1) {
        let svg = svg.split("</svg>").next().unwrap();
        for text in svg.split("<text").skip(1) {
            let inner = text.split_once('>').map_or("", |(_, rest)| rest);
            let inner = inner.split("</text>").next().unwrap();
            out.push(unescape(inner.trim()));
        }
    }
    out
}

/// The PNG's width and height from its IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// Every URL in the page is the SVG namespace (no `src`, `href`, `url(` or
/// `@import` to fetch anything with).
fn assert_no_url(page: &str) {
    let svgs = page.matches("<svg").count();
    let namespaces = page.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
    assert_eq!(namespaces, svgs);
    assert_eq!(
        page.matches("http://").count(),
        namespaces,
        "a URL in the page"
    );
    assert_eq!(page.matches("https://").count(), 0, "a URL in the page");
    for fetch in [
        "src=", "href=", "url(", "@import", "<link", "<script", "<img",
    ] {
        assert!(!page.contains(fetch), "{fetch} in the page");
    }
}

/// The page of `stats`, its text checked for URLs, written to `dir/name`
/// (and kept), opened with `--dump-dom` and checked to fetch nothing: its
/// size, its URL and the DOM Chromium built.
fn open(dir: &Path, name: &str, stats: &Stats) -> (usize, String, String) {
    let html = page(stats, "2026-12-02T10:00:00Z");
    assert_no_url(&html);
    let (path, url) = write_page(dir, name, &html);
    keep(&path, name);
    let run = chromium(dir, &url, &["--dump-dom".into()]);
    eprintln!(
        "{name}: {} bytes; chromium --dump-dom took {:?}",
        html.len(),
        run.took
    );
    run.assert_page_fetched_nothing();
    (html.len(), url, run.stdout)
}

#[test]
fn the_page_opens_in_chromium_with_every_chart_drawn_and_nothing_fetched() {
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let (_, url, dom) = open(dir.path(), "stats.html", &stats());
    // progress, section types, times, confusion, against gold, indicators
    assert_eq!(dom.matches("<svg").count(), 6, "{dom}");
    assert!(!dom.contains("could not be drawn"));
    let texts = svg_texts(&dom);
    for name in ANNOTATORS.iter().chain(&SECTIONS) {
        let shown = plain(name);
        assert!(
            texts.iter().any(|t| t.contains(&shown)),
            "{shown} in no svg text: {texts:?}"
        );
    }
    for indicator in &INDICATORS[..3] {
        assert!(texts.iter().any(|t| t.contains(indicator)), "{indicator}");
    }
    assert!(texts.iter().any(|t| t == "undefined"));
    for bucket in ["<2s", "30s–1min", "≥2min"] {
        assert!(texts.iter().any(|t| t == bucket), "{bucket}");
    }
    // Names with markup stayed text: no element came of them.
    assert!(!dom.contains("王<b>"));
    assert!(dom.contains("王&lt;b&gt;&amp;五"));
    assert!(!dom.contains("<script"));
    assert!(dom.contains("报告&lt;script&gt;alert(1)&lt;/script&gt;.txt"));

    let shot = dir.path().join("stats.png");
    let run = chromium(dir.path(), &url, &screenshot(&shot, 4000));
    run.assert_page_fetched_nothing();
    let png = fs::read(&shot).expect("chromium wrote no screenshot");
    assert_eq!(png_size(&png), (1280, 4000));
    // A blank 1280×4000 page compresses to a few KB; charts and text do not.
    assert!(png.len() > 150_000, "screenshot only {} bytes", png.len());
    keep(&shot, "stats.png");
}

/// Flags for a screenshot 1280 px wide and `height` px high.
fn screenshot(shot: &Path, height: u32) -> Vec<String> {
    vec![
        format!("--screenshot={}", shot.display()),
        format!("--window-size=1280,{height}"),
        "--hide-scrollbars".into(),
    ]
}

/// The page `biaozhu stats --html` writes for imported labels, opened in
/// Chromium: every chart drawn, with the annotators and the schema's
/// Chinese section names on them.
#[test]
fn the_command_writes_a_page_that_opens_with_its_charts() {
    use import_common::{biaozhu, heading, import, record, setup, write, P1, P3, T0, T1};
    let s = setup();
    let lines = vec![
        heading("alice"),
        heading("bob"),
        record("alice", "报告.txt", 1, P1, "indicator_report", T0),
        record("bob", "报告.txt", 1, P1, "achievement", T1),
        record("bob", "报告.txt", 3, P3, "problem", T1),
    ];
    let file = write(&s, "labels.jsonl", &lines);
    assert_eq!(import(&s, &s.labels, &[&file]).code, Some(0));
    let html = s.root.path().join("统计 page.html");
    let run = biaozhu(
        &s.corpus,
        &s.labels,
        &["stats", "--html", html.to_str().unwrap()],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.starts_with("biaozhu stats: the page is in "),
        "{}",
        run.stdout
    );
    let page = fs::read_to_string(&html).unwrap();
    assert_no_url(&page);

    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let url = format!("file://{}", html.display());
    let run = chromium(s.root.path(), &url, &["--dump-dom".into()]);
    run.assert_page_fetched_nothing();
    // progress, section types, times, confusion, indicators (no gold set)
    assert_eq!(run.stdout.matches("<svg").count(), 5, "{}", run.stdout);
    let texts = svg_texts(&run.stdout);
    for shown in [
        "alice",
        "bob",
        "标题 heading",
        "存在问题 problem",
        "工作成效 achievement",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(shown)),
            "{shown} in no svg text: {texts:?}"
        );
    }
}

#[test]
fn the_witnesses_see_a_page_that_fetches() {
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let fetching = "<!DOCTYPE html><html><head>\
        <link rel=\"stylesheet\" href=\"https://fonts.biaozhu.invalid/cjk.css\"></head>\
        <body><img src=\"http://images.biaozhu.invalid/chart.png\"></body></html>";
    let (_, url) = write_page(dir.path(), "fetching.html", fetching);
    let run = chromium(dir.path(), &url, &["--dump-dom".into()]);
    let fetched = [
        "https://fonts.biaozhu.invalid/cjk.css",
        "http://images.biaozhu.invalid/chart.png",
    ];
    for url in fetched {
        assert!(
            run.page_requests.iter().any(|u| u == url),
            "{:?}",
            run.page_requests
        );
    }
    for host in ["fonts.biaozhu.invalid", "images.biaozhu.invalid"] {
        assert!(
            run.proxied.iter().any(|line| proxied_host(line) == host),
            "{:?}",
            run.proxied
        );
    }
    let held = run.fetches();
    assert!(held.contains(&"page: http://images.biaozhu.invalid/chart.png".to_string()));
    assert!(
        held.iter()
            .any(|f| f.starts_with("proxy: CONNECT fonts.biaozhu.invalid:443")),
        "{held:?}"
    );
}

#[test]
fn twelve_annotators_make_a_small_page_that_opens() {
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let stats = many();
    let (size, url, dom) = open(dir.path(), "many.html", &stats);
    assert!(size < 1_000_000, "{size} bytes");
    assert_eq!(dom.matches("<svg").count(), 6);
    let texts = svg_texts(&dom);
    for a in &stats.annotators {
        // legend of the progress chart, bar, histogram panel
        let seen = texts.iter().filter(|t| t.contains(&a.name)).count();
        assert!(seen >= 3, "{} in {seen} svg texts", a.name);
    }
    for s in &stats.section_names {
        assert!(texts.iter().any(|t| t.contains(s.as_str())), "{s}");
    }
    let shot = dir.path().join("many.png");
    chromium(dir.path(), &url, &screenshot(&shot, 6000)).assert_page_fetched_nothing();
    keep(&shot, "many.png");
}

#[test]
fn proxied_request_lines_name_their_host() {
    assert_eq!(
        proxied_host("CONNECT update.googleapis.com:443 HTTP/1.1"),
        "update.googleapis.com"
    );
    assert_eq!(
        proxied_host("GET http://clients2.google.com/time/1?x=1 HTTP/1.1"),
        "clients2.google.com"
    );
    assert_eq!(url_host("https://a.b:8443/c"), "a.b");
    assert_eq!(proxied_host(""), "");
}
