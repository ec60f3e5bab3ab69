//! Shared by the stats page tests (`stats_html*.rs`): the fixture stats,
//! Chromium with its witnesses, and reading the page and what it drew.
#![allow(dead_code)]

pub mod chromium;
pub mod fixture;

use biaozhu::stats::html::page;
use biaozhu::stats::Stats;
use chromium::chromium;
use std::fs;
use std::path::{Path, PathBuf};

/// `page` written to `dir/name`, its `file://` URL.
pub fn write_page(dir: &Path, name: &str, page: &str) -> (PathBuf, String) {
    let path = dir.join(name);
    fs::write(&path, page).unwrap();
    let url = format!("file://{}", path.display());
    (path, url)
}

/// Copy `path` to `$BIAOZHU_STATS_HTML_KEEP/name` when that is set.
pub fn keep(path: &Path, name: &str) {
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
pub fn svg_texts(dom: &str) -> Vec<String> {
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
pub fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// Every URL in the page is the SVG namespace (no `src`, `href`, `url(` or
/// `@import` to fetch anything with).
pub fn assert_no_url(page: &str) {
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
pub fn open(dir: &Path, name: &str, stats: &Stats) -> (usize, String, String) {
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
