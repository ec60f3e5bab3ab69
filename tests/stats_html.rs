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
//! too). The control test `the_witnesses_see_a_page_that_fetches`
//! (tests/stats_html_witnesses.rs) opens a page with an
//! `<img src="http://…">` and an `https` stylesheet and checks that both
//! witnesses see them.
//!
//! `BIAOZHU_STATS_HTML_KEEP=DIR` keeps the pages and screenshots in DIR.

mod import_common;
mod stats_html_common;

use biaozhu::text::sanitize::plain;
use stats_html_common::chromium::{chromium, ONE_BROWSER};
use stats_html_common::fixture::{many, stats, ANNOTATORS, INDICATORS, SECTIONS};
use stats_html_common::{assert_no_url, keep, open, png_size, svg_texts};
use std::fs;
use std::path::Path;

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
