//! The witnesses of the stats page tests (tests/stats_html.rs) checked: a
//! page that fetches is seen by both; proxied request lines name their host.

mod stats_html_common;

use stats_html_common::chromium::{chromium, proxied_host, url_host, ONE_BROWSER};
use stats_html_common::write_page;

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
