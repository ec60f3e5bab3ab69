//! Property tests of the corpus reader: decoding never panics on any bytes,
//! and segmentation keeps every non-whitespace character, respects the length
//! limit and gives stable, hashed, consecutively numbered paragraphs.

use biaozhu::corpus::boilerplate;
use biaozhu::corpus::clean::{clean, CleanOptions};
use biaozhu::corpus::decode::{decode, SourceEncoding};
use biaozhu::corpus::document::{build, CorpusOptions, Document};
use biaozhu::corpus::identity::content_hash;
use biaozhu::corpus::{Rules, SegmentOptions};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Pieces of report-like text: ideographs (Extension B too), full- and
/// half-width punctuation, digits, heading markers, pinyin glosses, web
/// chrome, odd whitespace, controls, emoji and combining marks.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    // words
    "卫生", "衛生", "医疗", "醫療", "工作", "服务", "服務", "疫苗", "接种率", "达到", "健康", "社区", "鄉鎮", "万元", "年",
    "全市", "深化", "改革", "加强", "监管", "总结", "计划", "𠀀", "𠮷", "𪚥",
    // full-width punctuation
    "，", "。", "、", "；", "：", "？", "！", "（", "）", "「", "」", "《", "》", "％", "“", "”", "——", "……",
    "〞",
    // half-width punctuation
    ",", ".", ";", ":", "(", ")", "!", "?", "%", "-", "/",
    // digits and numbers
    "0", "1", "2", "7", "12", "98.5", "2023", "1.5", "123", "1000",
    // heading and point markers
    "一、", "十一、", "（一）", "(二)", "（3）", "(12)", "1.", "1．", "1、", "12、", "一是", "二是", "十是",
    // pinyin glosses and look-alikes
    "(wèi)", "（chuàng）", "(xiāng)", "(zhèn)", "(bls)", "(wèi", "（ü）",
    // whitespace of every kind
    " ", "  ", "　　", "　", "\t", "\u{a0}", "\u{2028}", "\u{85}", "\r",
    // controls, bidi, BOM
    "\u{1b}", "\u{1b}[31m", "\u{7f}", "\u{feff}", "\u{202e}", "\u{0}", "\u{9b}",
    // emoji, half-width katakana, combining marks
    "👍", "👍🏽", "👨\u{200d}👩\u{200d}👧", "🇨🇳", "ｶﾞ", "e\u{301}", "\u{301}", "\u{20dd}",
];

/// Web chrome that the boilerplate rules know: rarer, as most lines holding
/// one become boilerplate and are not segmented.
#[rustfmt::skip]
const CHROME: &[&str] = &[
    "分享", "首页", "温馨提示", "下载文档", "http://", "www.", ".com", ".docx", "_第1页", "版权说明", "ID:",
    "大小:", "(实用14篇)", "本站", "当前位置：", ">", "发布时间：", "【字体：", "小", "】", "第1页 / 共6页",
    "上传人：", "版權所有", "(十五篇)", "Word版本，下载后可编辑", "请输入关键词", "_", "?(wèi)", "l(xiāng)",
];

/// Line breaks, some starting page-chunk or heading lines.
#[rustfmt::skip]
const BREAKS: &[&str] = &[
    "\n", "\n", "\r\n", "\n\n", "\n1、", "\n2、", "\n3、", "\n2、", "\n　　", "\n一、", "\n（一）",
    "\n 1、", "\n（\n一）", "\n8.5\n7.9\n", "\n>\n", "\n小\n中\n",
];

fn ideograph() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::char::range('\u{4e00}', '\u{9fff}'),
        1 => proptest::char::range('\u{3400}', '\u{4dbf}'),
        1 => proptest::char::range('\u{20000}', '\u{2a6df}'),
    ]
    .prop_map(String::from)
}

/// A token that does not break the line; `chrome` weighs web chrome.
fn token(chrome: u32) -> impl Strategy<Value = String> {
    prop_oneof![
        200 => prop::sample::select(TOKENS).prop_map(str::to_owned),
        100 => ideograph(),
        chrome => prop::sample::select(CHROME).prop_map(str::to_owned),
        15 => any::<char>()
            .prop_filter("no line feed", |&c| c != '\n')
            .prop_map(String::from),
    ]
}

/// Free text: tokens with line breaks, short lines or very long ones.
fn free_text() -> impl Strategy<Value = String> {
    let line_weight = prop_oneof![Just(4u32), Just(40), Just(400)];
    let chrome_weight = prop_oneof![Just(1u32), Just(20)];
    (line_weight, chrome_weight).prop_flat_map(|(weight, chrome)| {
        proptest::collection::vec(
            prop_oneof![
                weight => token(chrome),
                1 => prop::sample::select(BREAKS).prop_map(str::to_owned),
            ],
            0..1200,
        )
        .prop_map(|parts| parts.concat())
    })
}

/// Lines numbered `1、` `2、` …, mostly page-sized and cut mid-sentence,
/// the shape the page-chunk rejoiner looks for.
fn paged_text() -> impl Strategy<Value = String> {
    let page = (
        proptest::collection::vec(token(1), 20..140),
        prop_oneof![Just(""), Just("。"), Just("，"), Just("”")],
        prop_oneof![Just("\n"), Just("\n\n"), Just("\r\n"), Just("\n \n")],
    );
    (
        free_text(),
        proptest::collection::vec(page, 1..8),
        free_text(),
    )
        .prop_map(|(before, pages, after)| {
            let mut text = before;
            text.push('\n');
            for (i, (body, end, gap)) in pages.into_iter().enumerate() {
                text.push_str(&format!("{}、{}{end}{gap}", i + 1, body.concat()));
            }
            text.push_str(&after);
            text
        })
}

/// Text hard-wrapped at one width (20–40 characters), as a PDF text layer
/// gives it, with free text around.
fn wrapped_text() -> impl Strategy<Value = String> {
    (
        free_text(),
        proptest::collection::vec(token(1), 40..400),
        20usize..=40,
        free_text(),
    )
        .prop_map(|(before, body, width, after)| {
            let body: Vec<char> = body.concat().chars().filter(|&c| c != '\n').collect();
            let lines: Vec<String> = body.chunks(width).map(|c| c.iter().collect()).collect();
            format!("{before}\n{}\n{after}", lines.join("\n"))
        })
}

fn report_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => free_text(), 1 => paged_text(), 1 => wrapped_text()]
}

fn options() -> impl Strategy<Value = CorpusOptions> {
    let max = prop_oneof![20usize..60, 20usize..2000];
    let segment = max
        .prop_flat_map(|max_chars| (Just(max_chars), 1..=max_chars))
        .prop_map(|(max_chars, max_heading_chars)| SegmentOptions {
            max_chars,
            max_heading_chars,
        });
    let clean = prop_oneof![
        3 => Just(CleanOptions::default()),
        1 => (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            proptest::sample::subsequence(biaozhu::corpus::rules::RULES.to_vec(), 0..=4),
        )
            .prop_map(|(glosses, page_chunks, boilerplate, off)| CleanOptions {
                glosses,
                page_chunks,
                boilerplate,
                rules: off
                    .iter()
                    .fold(Rules::all(), |rules, (rule, _, _)| rules.without(*rule)),
            }),
    ];
    (clean, segment).prop_map(|(clean, segment)| CorpusOptions { clean, segment })
}

fn non_whitespace(texts: impl IntoIterator<Item = impl AsRef<str>>) -> Vec<char> {
    texts
        .into_iter()
        .flat_map(|t| t.as_ref().chars().collect::<Vec<_>>())
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Everything `build` promises about the document it made from `text`.
fn check_document(
    doc_name: &str,
    text: &str,
    opts: &CorpusOptions,
    doc: &Document,
) -> Result<(), TestCaseError> {
    let cleaned = clean(text, &opts.clean);
    let expected = non_whitespace(cleaned.lines.iter().map(String::as_str));
    let got = non_whitespace(doc.paragraphs.iter().map(|p| p.text.to_string()));
    prop_assert!(
        got == expected,
        "segmentation lost or changed characters:\n got {:?}\nwant {:?}",
        got.iter().collect::<String>(),
        expected.iter().collect::<String>()
    );
    let max = opts.segment.max_chars;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        prop_assert_eq!(p.para, i);
        prop_assert_eq!(&p.doc, doc_name);
        prop_assert_eq!(&p.id(), &format!("{doc_name}#{i}"));
        prop_assert!(
            !p.text.load().trim().is_empty(),
            "empty paragraph {}",
            p.id()
        );
        prop_assert_eq!(&p.hash, &content_hash(&p.text.load()));
        prop_assert!(!(p.heading && p.suggested.is_some()), "{}", p.id());
        let len = p.text.load().chars().count();
        prop_assert!(
            len <= max,
            "{} has {len} > {max} chars: {:?}",
            p.id(),
            p.text
        );
        if p.suggested.is_some() {
            prop_assert!(opts.clean.boilerplate);
            prop_assert!(p.text.load().trim().chars().count() <= boilerplate::MAX_CHARS);
        }
    }
    let r = &doc.report;
    prop_assert_eq!(&r.doc, doc_name);
    prop_assert_eq!(r.paragraphs, doc.paragraphs.len());
    prop_assert_eq!(
        r.headings,
        doc.paragraphs.iter().filter(|p| p.heading).count()
    );
    prop_assert_eq!(
        r.boilerplate,
        doc.paragraphs
            .iter()
            .filter(|p| p.suggested.is_some())
            .count()
    );
    prop_assert_eq!(r.glosses_removed, cleaned.glosses_removed);
    prop_assert_eq!(r.chunks_rejoined, cleaned.chunks_rejoined);
    Ok(())
}

const BOMS: &[&[u8]] = &[b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"];

/// Bytes a reader may meet: anything; anything without NUL (so detection
/// runs); a BOM and then anything; Chinese text in GB18030 or Big5 with bytes
/// flipped.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let corrupted = |encoding: &'static encoding_rs::Encoding| {
        (
            free_text(),
            proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        )
            .prop_map(move |(text, flips)| {
                let mut bytes = encoding.encode(&text).0.into_owned();
                if !bytes.is_empty() {
                    for (at, b) in flips {
                        let i = at.index(bytes.len());
                        bytes[i] = b;
                    }
                }
                bytes
            })
    };
    prop_oneof![
        3 => proptest::collection::vec(any::<u8>(), 0..4000),
        2 => proptest::collection::vec(1u8..=255, 0..4000),
        1 => (
            prop::sample::select(BOMS),
            proptest::collection::vec(any::<u8>(), 0..4000),
        )
            .prop_map(|(bom, rest)| [bom, &rest[..]].concat()),
        1 => corrupted(encoding_rs::GB18030),
        1 => corrupted(encoding_rs::BIG5),
    ]
}

proptest! {
    #[test]
    fn any_bytes_decode_clean_and_build_without_panicking(bytes in file_bytes()) {
        if let Ok(decoded) = decode(&bytes) {
            prop_assert!(!decoded.text.contains('\r'));
            if !bytes.contains(&0) && !bytes.starts_with(b"\xEF\xBB\xBF") {
                if let Ok(s) = std::str::from_utf8(&bytes) {
                    prop_assert_eq!(decoded.encoding, SourceEncoding::Utf8);
                    prop_assert_eq!(&decoded.text, &s.replace("\r\n", "\n").replace('\r', "\n"));
                }
            }
            let opts = CorpusOptions::default();
            let doc = build("f.txt", &decoded.text, decoded.encoding, &opts);
            prop_assert_eq!(doc.report.encoding, Some(decoded.encoding));
            check_document("f.txt", &decoded.text, &opts, &doc)?;
        }
    }

    #[test]
    fn segmentation_keeps_every_character_within_the_limit(
        text in report_text(),
        opts in options(),
    ) {
        let doc = build("sub/report.txt", &text, SourceEncoding::Utf8, &opts);
        check_document("sub/report.txt", &text, &opts, &doc)?;
        // Without glosses and page chunks, the rules' joins lose nothing
        // but whitespace (tables add `|` between rows).
        if !opts.clean.glosses && !opts.clean.page_chunks {
            let text_chars: Vec<char> = non_whitespace([text.as_str()]).into_iter().filter(|&c| c != '|').collect();
            let para_chars: Vec<char> = non_whitespace(doc.paragraphs.iter().map(|p| p.text.to_string()))
                .into_iter()
                .filter(|&c| c != '|')
                .collect();
            prop_assert!(text_chars == para_chars, "a join lost characters");
        }
        // The same text always gives the same paragraphs.
        prop_assert_eq!(&build("sub/report.txt", &text, SourceEncoding::Utf8, &opts), &doc);
    }
}

/// `SegmentOptions::max_chars` says no paragraph is longer, but a line
/// classified as boilerplate is pushed whole, unsplit.
#[test]
fn boilerplate_paragraphs_respect_max_chars() {
    let opts = CorpusOptions {
        segment: SegmentOptions {
            max_chars: 20,
            max_heading_chars: 10,
        },
        ..CorpusOptions::default()
    };
    let text = "http://www.example.com/abcdefghijklmnopqrstuvwxyz\n";
    let doc = build("a.txt", text, SourceEncoding::Utf8, &opts);
    for p in &doc.paragraphs {
        assert!(p.text.load().chars().count() <= 20, "{p:?}");
    }
    // With the default limit, leading whitespace alone does it.
    let text = format!("{}分享\n", " ".repeat(1000));
    let doc = build(
        "a.txt",
        &text,
        SourceEncoding::Utf8,
        &CorpusOptions::default(),
    );
    for p in &doc.paragraphs {
        assert!(
            p.text.load().chars().count() <= 1000,
            "{} chars",
            p.text.load().chars().count()
        );
    }
}
