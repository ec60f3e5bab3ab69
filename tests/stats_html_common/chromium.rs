//! Headless Chromium run on a page through the two witnesses of what it
//! fetches: a recording proxy and Chromium's NetLog.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// One Chromium at a time: the machine has two cores.
pub static ONE_BROWSER: Mutex<()> = Mutex::new(());

/// Chromium is killed after this long.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(60);

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
pub fn proxied_host(line: &str) -> String {
    let target = line.split_whitespace().nth(1).unwrap_or("");
    url_host(target)
}

/// The host of `http://host:port/path`, or of `host:port`.
pub fn url_host(url: &str) -> String {
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
pub struct Run {
    pub stdout: String,
    pub took: Duration,
    /// Request lines the proxy saw.
    pub proxied: Vec<String>,
    /// URLs the NetLog shows requested for the page.
    pub page_requests: Vec<String>,
    /// URLs the NetLog shows Chromium requested for itself.
    pub own_requests: Vec<String>,
}

impl Run {
    /// What the witnesses hold against the page: each NetLog request that is
    /// the page's, and each host the proxy saw that Chromium did not ask
    /// for itself (empty: the page fetched nothing).
    pub fn fetches(&self) -> Vec<String> {
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

    pub fn assert_page_fetched_nothing(&self) {
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
pub fn chromium(dir: &Path, url: &str, extra: &[String]) -> Run {
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
