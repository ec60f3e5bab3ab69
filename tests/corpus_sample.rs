//! The bar of the corpus issue, checked on the five real sample reports.

use biaozhu::corpus::{self, Corpus, CorpusOptions, Paragraph};
use regex::Regex;
use std::path::Path;

fn sample() -> Corpus {
    corpus::load(Path::new("corpus"), &CorpusOptions::default()).expect("sample corpus loads")
}

fn doc<'a>(c: &'a Corpus, prefix: &str) -> Vec<&'a Paragraph> {
    c.paragraphs()
        .filter(|p| p.doc.starts_with(prefix))
        .collect()
}

fn raw(prefix: &str) -> String {
    let entry = std::fs::read_dir("corpus")
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(entry).unwrap()
}

#[test]
fn all_five_reports_read_as_utf8_in_order() {
    let c = sample();
    let docs: Vec<&str> = c.reports().map(|r| r.doc.as_str()).collect();
    assert_eq!(docs.len(), 5);
    let mut sorted = docs.clone();
    sorted.sort();
    assert_eq!(docs, sorted);
    for r in c.reports() {
        assert_eq!(r.encoding.map(|e| e.name()), Some("UTF-8"), "{}", r.doc);
        assert!(r.warnings.is_empty(), "{}: {:?}", r.doc, r.warnings);
    }
    for (i, p) in doc(&c, "002").iter().enumerate() {
        assert_eq!(p.para, i);
        assert_eq!(p.id(), format!("{}#{i}", p.doc));
    }
}

#[test]
fn no_paragraph_keeps_a_pinyin_gloss() {
    let c = sample();
    let gloss = Regex::new(
        r"\p{Han}[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[)）]",
    )
    .unwrap();
    assert!(
        gloss.is_match(&raw("000")),
        "the sample has glosses to remove"
    );
    for p in c.paragraphs() {
        assert!(!gloss.is_match(&p.text.load()), "{}: {}", p.id(), p.text);
    }
    assert_eq!(c.reports().next().unwrap().glosses_removed, 297);
    // Not pinyin: kept.
    assert!(c
        .paragraphs()
        .any(|p| p.text.load().contains("基础生命(bls)支持课程")));
}

#[test]
fn page_chunks_are_rejoined_and_real_lists_kept() {
    let c = sample();
    let marker = Regex::new(r"^\s*\d{1,3}、").unwrap();
    for prefix in ["000", "003"] {
        let paras = doc(&c, prefix);
        for p in &paras {
            // A paragraph may start with `N、` only as a real list heading.
            assert!(
                !marker.is_match(&p.text.load()) || p.heading,
                "{}: {}",
                p.id(),
                p.text
            );
        }
    }
    let joined: String = doc(&c, "000").iter().map(|p| p.text.to_string()).collect();
    // `…協調進` ends page 1, `2、展,制定了…` starts page 2.
    assert!(joined.contains("協調進展,制定了精神文明建設進展規劃"));
    let joined: String = doc(&c, "003").iter().map(|p| p.text.to_string()).collect();
    assert!(joined.contains("行风建设重点工作"));
    let reports: Vec<usize> = c.reports().map(|r| r.chunks_rejoined).collect();
    assert_eq!(reports, vec![14, 0, 0, 9, 0]);
    // 002's numbered list is a list, not viewer pages.
    let listed = doc(&c, "002")
        .into_iter()
        .find(|p| p.text == "1、聚焦高水平引领,深化健康-建设。")
        .expect("list item kept");
    assert!(listed.heading);
}

/// The heading a line of 002 starts with: marker up to the first sentence end.
fn leading_heading(marker: &Regex, line: &str) -> Option<String> {
    marker.find(line)?;
    let body = line.trim();
    let end = body
        .find(['。', '！', '？'])
        .map_or(body.len(), |i| i + '。'.len_utf8());
    let lead = &body[..end];
    (lead.chars().count() <= 50).then(|| lead.to_owned())
}

#[test]
fn every_numbered_heading_in_002_is_its_own_paragraph() {
    let c = sample();
    let paras = doc(&c, "002");
    let example = "(一)加强食品安全监管,夯实监管效能,提升监管水平。";
    assert!(paras.iter().any(|p| p.text == example && p.heading));
    let mut checked = 0;
    let marker = Regex::new(
        r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．][^\d.．])",
    )
    .unwrap();
    for line in raw("002").lines() {
        if let Some(lead) = leading_heading(&marker, line) {
            checked += 1;
            assert!(
                paras
                    .iter()
                    .any(|p| p.heading && p.text.load().trim() == lead),
                "heading not on its own: {lead}"
            );
        }
    }
    assert!(checked > 200, "only {checked} numbered headings found");
}

#[test]
fn the_13747_char_line_of_001_becomes_many_paragraphs() {
    let c = sample();
    let text = raw("001");
    let long = text.lines().max_by_key(|l| l.chars().count()).unwrap();
    // 13,747 bytes, 4,897 characters, on one line.
    assert_eq!(long.len(), 13747);
    let from_long: Vec<&Paragraph> = doc(&c, "001")
        .into_iter()
        .filter(|p| long.contains(p.text.load().trim()))
        .collect();
    assert!(from_long.len() >= 20, "{} paragraphs", from_long.len());
    assert!(from_long
        .iter()
        .all(|p| p.text.load().chars().count() <= 1000));
    assert!(from_long
        .iter()
        .any(|p| p.heading && p.text.load().starts_with("一、关注民生")));
}

#[test]
fn viewer_and_site_chrome_is_suggested_boilerplate() {
    let chrome: &[(&str, &[&str])] = &[
        (
            "000",
            &[
                "2022年市級文明單位申報匯報材料(衛生局)_第1頁",
                "2022年市級文明單位申報匯報材料(衛生局)_第5頁",
                "已閱讀5頁,還剩3頁未讀, 繼續免費閱讀",
                "下載本文檔",
                "版權說明:本文檔由用戶提供并上傳,收益歸屬內容提供方,若內容存在侵權,請進行舉報或認領",
                "文檔簡介",
                "溫馨提示",
                "• 4. 未經權益所有人同意不得將文件中的內容挪作商業或盈利用途。",
                "評論",
                "0/150",
                "提交評論",
            ],
        ),
        (
            "001",
            &[
                "分享",
                "2023年卫生计生工作会议上的工作报告.docx",
                "下载文档",
                "ID:698656",
                "大小:30.23KB",
                "页数:17页",
                "格式:DOCX",
                "时间:2023-04-14",
                "收藏 分享赚钱",
                "温馨提示:",
                "网站客服:3074922707",
                "2023 卫生 计生 工作会议 工作报告",
                "此文档下载收益归作者所有",
                "你可能关注的文档",
                "收起",
                "展开",
            ],
        ),
        (
            "002",
            &[
                "县卫生健康局工作总结和工作思路(实用14篇)",
                "时间:2023-12-28 00:33:44 作者:灵魂曲",
                "相关范文推荐",
            ],
        ),
        ("003", &[]),
        (
            "004",
            &[
                "蚂蚁范文网 首页",
                "时间:2022-03-23 09:18:02 来源:蚂蚁范文网",
                "来源:网络整理 免责声明:本文仅限学习分享,如产生版权问题,请联系我们及时删除。",
                "由:蚂蚁范文网互联网用户整理提供,链接地址:",
                "http://m.csmayi.cn/duwu/fanwen/265205.html",
                "转载请保留,谢谢!",
                "相关阅读",
                "最近更新",
                "推荐专题",
            ],
        ),
    ];
    let c = sample();
    for (prefix, lines) in chrome {
        let paras = doc(&c, prefix);
        for line in *lines {
            let p = paras
                .iter()
                .find(|p| p.text.load().trim() == *line)
                .unwrap_or_else(|| panic!("{prefix}: no paragraph {line}"));
            assert!(p.suggested.is_some(), "{}: not boilerplate: {line}", p.id());
        }
        // The first line of every file is site chrome.
        assert!(paras[0].suggested.is_some(), "{}", paras[0].text);
    }
    // The temp notice list of 001 and the site line of 003.
    assert!(doc(&c, "001")
        .iter()
        .any(|p| p.text.load().starts_with("3. 下载前") && p.suggested.is_some()));
    assert!(doc(&c, "003")[0].text.load().contains("由会员分享"));
    // Report text is not.
    for p in c.paragraphs().filter(|p| p.heading) {
        assert!(p.suggested.is_none(), "{}", p.text);
    }
    assert!(c.paragraphs().filter(|p| p.suggested.is_some()).count() < 80);
}

#[test]
fn hashes_are_of_the_text() {
    let c = sample();
    for p in c.paragraphs() {
        assert_eq!(p.hash, corpus::identity::content_hash(&p.text.load()));
    }
}
