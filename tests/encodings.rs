//! The same text saved as UTF-8, UTF-8 with BOM and CRLF, GB18030, and
//! UTF-16LE gives identical paragraph texts; Big5 too; bad files are skipped
//! with a warning while the good ones load.

use biaozhu::corpus::{self, decode::decode, Corpus, CorpusOptions, DocReport, Document};
use encoding_rs::{BIG5, GB18030};
use std::fs;
use std::path::Path;

/// The five sample reports: (file name, text with LF line endings).
fn samples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir("corpus")
        .expect("sample corpus dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let decoded = decode(&fs::read(&p).unwrap()).expect("sample decodes");
            (name, decoded.text)
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 5, "five sample reports");
    out
}

fn utf8(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

fn utf8_bom_crlf(text: &str) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    out
}

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, used, unmappable) = GB18030.encode(text);
    assert_eq!(used, GB18030);
    assert!(!unmappable, "text has characters GB18030 cannot encode");
    bytes.into_owned()
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

fn load(dir: &Path) -> Corpus {
    corpus::load(dir, &CorpusOptions::default()).expect("corpus loads")
}

/// A report with the encoding blanked, to compare the rest.
fn without_encoding(r: &DocReport) -> DocReport {
    DocReport {
        encoding: None,
        ..r.clone()
    }
}

#[test]
fn sample_reports_read_the_same_in_four_encodings() {
    let samples = samples();
    let tmp = tempfile::tempdir().unwrap();
    type Encoder = fn(&str) -> Vec<u8>;
    let variants: [(&str, Encoder, &str); 4] = [
        ("utf8", utf8, "UTF-8"),
        ("utf8-bom-crlf", utf8_bom_crlf, "UTF-8 (BOM)"),
        ("gb18030", gb18030, "GB18030"),
        ("utf16le", utf16le, "UTF-16LE"),
    ];
    let mut loaded: Vec<(&str, Corpus)> = Vec::new();
    for (sub, encode, name) in variants {
        let dir = tmp.path().join(sub);
        fs::create_dir(&dir).unwrap();
        for (file, text) in &samples {
            fs::write(dir.join(file), encode(text)).unwrap();
        }
        let c = load(&dir);
        assert_eq!(c.documents.len(), samples.len(), "{sub}");
        for r in c.reports() {
            assert_eq!(r.encoding.map(|e| e.name()), Some(name), "{sub}/{}", r.doc);
            assert!(r.warnings.is_empty(), "{sub}/{}: {:?}", r.doc, r.warnings);
            assert!(r.paragraphs > 0, "{sub}/{}", r.doc);
        }
        loaded.push((sub, c));
    }
    let (base_name, base) = &loaded[0];
    for (sub, c) in &loaded[1..] {
        for (a, b) in base.documents.iter().zip(&c.documents) {
            assert_eq!(a.report.doc, b.report.doc);
            assert_eq!(
                without_encoding(&a.report),
                without_encoding(&b.report),
                "{base_name} vs {sub}: {}",
                a.report.doc
            );
            assert_eq!(
                a.paragraphs.len(),
                b.paragraphs.len(),
                "{base_name} vs {sub}: {}",
                a.report.doc
            );
            for (p, q) in a.paragraphs.iter().zip(&b.paragraphs) {
                assert_eq!(p.text, q.text, "{base_name} vs {sub}: {}", p.id());
                assert_eq!(p.heading, q.heading, "{base_name} vs {sub}: {}", p.id());
                assert_eq!(p.suggested, q.suggested, "{base_name} vs {sub}: {}", p.id());
                assert_eq!(p.hash, q.hash, "{base_name} vs {sub}: {}", p.id());
                assert_eq!(p, q, "{base_name} vs {sub}");
            }
        }
    }
    // The UTF-8 copies read like the sample corpus itself.
    let original = load(Path::new("corpus"));
    let originals: Vec<&Document> = original.documents.iter().collect();
    let copies: Vec<&Document> = base.documents.iter().collect();
    assert_eq!(originals, copies);
}

/// A short Traditional Chinese report passage, with full-width punctuation.
const BIG5_REPORT: &str = concat!(
    "　　一、加強衛生事業建設\n",
    "　　今年以來，全縣衛生系統堅持“以人民健康為中心”，深化醫藥衛生體制改革。全縣醫療機構門診量達到三十二萬人次，比上年增長百分之六。\n",
    "　　（一）完善基層醫療服務網絡。結合區域衛生規劃調整，設置了村級社區衛生服務站，為廣大農民提供“六位一體”的社區衛生服務。\n",
    "　　二是提升公共衛生服務水準。疫苗接種率達到百分之九十八，家庭醫生簽約服務覆蓋全部鄉鎮。\n",
);

#[test]
fn big5_report_reads_like_its_utf8_copy() {
    let (bytes, used, unmappable) = BIG5.encode(BIG5_REPORT);
    assert_eq!(used, BIG5);
    assert!(!unmappable, "the passage is all Big5");
    let tmp = tempfile::tempdir().unwrap();
    let (big5_dir, utf8_dir) = (tmp.path().join("big5"), tmp.path().join("utf8"));
    fs::create_dir(&big5_dir).unwrap();
    fs::create_dir(&utf8_dir).unwrap();
    fs::write(big5_dir.join("report.txt"), &bytes).unwrap();
    fs::write(utf8_dir.join("report.txt"), BIG5_REPORT).unwrap();
    let (big5, utf8) = (load(&big5_dir), load(&utf8_dir));
    let big5_report = &big5.documents[0].report;
    assert_eq!(big5_report.encoding.map(|e| e.name()), Some("Big5"));
    assert_eq!(
        utf8.documents[0].report.encoding.map(|e| e.name()),
        Some("UTF-8")
    );
    assert!(
        big5_report.warnings.is_empty(),
        "{:?}",
        big5_report.warnings
    );
    assert_eq!(big5.documents[0].paragraphs, utf8.documents[0].paragraphs);
    let texts: Vec<String> = big5.paragraphs().map(|p| p.text.to_string()).collect();
    assert!(texts.len() >= 4, "{texts:?}");
    assert!(texts
        .iter()
        .any(|t| t.contains("“以人民健康為中心”，深化醫藥衛生")));
    assert!(big5
        .paragraphs()
        .any(|p| p.heading && p.text == "　　一、加強衛生事業建設"));
}

#[test]
fn binary_and_undecodable_files_are_skipped_with_a_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let good = "　　一、工作回顧\n　　全年疫苗接種率達到98.5%，“六位一体”服務覆蓋全市。\n";
    fs::write(dir.join("b_good.txt"), good).unwrap();
    // PNG signature and the start of an IHDR chunk: NUL bytes.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
    fs::write(dir.join("a_image.png"), png).unwrap();
    // No NUL, not UTF-8, and malformed in GB18030 and Big5 alike (0xFF never
    // leads a character in either).
    let garbage = b"\xFF\xFF\xFF\x80\x81 report \xFF\xC0";
    fs::write(dir.join("c_garbage.txt"), garbage).unwrap();

    let c = load(dir);
    let docs: Vec<&str> = c.reports().map(|r| r.doc.as_str()).collect();
    assert_eq!(docs, ["a_image.png", "b_good.txt", "c_garbage.txt"]);

    let good_doc = &c.documents[1];
    assert_eq!(good_doc.report.encoding.map(|e| e.name()), Some("UTF-8"));
    assert!(good_doc.report.warnings.is_empty());
    let texts: Vec<String> = good_doc
        .paragraphs
        .iter()
        .map(|p| p.text.to_string())
        .collect();
    assert_eq!(
        texts,
        [
            "　　一、工作回顧",
            "　　全年疫苗接種率達到98.5%，“六位一体”服務覆蓋全市。"
        ]
    );
    assert!(good_doc.paragraphs[0].heading);
    assert_eq!(
        c.paragraphs().count(),
        2,
        "only the good file has paragraphs"
    );

    for (i, why) in [(0, "binary"), (2, "malformed")] {
        let d = &c.documents[i];
        let r = &d.report;
        assert_eq!(r.encoding, None, "{}", r.doc);
        assert!(d.paragraphs.is_empty(), "{}", r.doc);
        assert_eq!(r.paragraphs, 0);
        assert_eq!(r.warnings.len(), 1, "{}: {:?}", r.doc, r.warnings);
        let w = &r.warnings[0];
        assert!(w.starts_with("skipped"), "{}: {w}", r.doc);
        assert!(w.contains(why), "{}: {w}", r.doc);
    }
    assert!(c.documents[0].report.warnings[0].contains("NUL byte at offset 8"));
}

#[test]
fn hidden_files_are_skipped_and_nested_dirs_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let text = "　　二、主要做法\n　　一是強化衛生監督執法。\n";
    fs::create_dir_all(dir.join(".git")).unwrap();
    fs::write(dir.join(".git/x"), text).unwrap();
    fs::create_dir_all(dir.join(".cache/deep")).unwrap();
    fs::write(dir.join(".cache/deep/y.txt"), text).unwrap();
    fs::write(dir.join(".hidden.txt"), text).unwrap();
    fs::create_dir_all(dir.join("sub/dir")).unwrap();
    fs::write(dir.join("sub/dir/file.txt"), text).unwrap();
    fs::create_dir_all(dir.join("sub/.hid")).unwrap();
    fs::write(dir.join("sub/.hid/z.txt"), text).unwrap();
    fs::write(dir.join("top.txt"), text).unwrap();

    let c = load(dir);
    let docs: Vec<&str> = c.reports().map(|r| r.doc.as_str()).collect();
    assert_eq!(docs, ["sub/dir/file.txt", "top.txt"]);
    let nested = &c.documents[0];
    assert_eq!(nested.paragraphs.len(), 2);
    for (i, p) in nested.paragraphs.iter().enumerate() {
        assert_eq!(p.doc, "sub/dir/file.txt");
        assert_eq!(p.para, i);
        assert_eq!(p.id(), format!("sub/dir/file.txt#{i}"));
    }
    assert_eq!(
        c.paragraphs()
            .map(|p| p.text.to_string())
            .collect::<Vec<_>>(),
        [
            "　　二、主要做法",
            "　　一是強化衛生監督執法。",
            "　　二、主要做法",
            "　　一是強化衛生監督執法。"
        ]
    );
}

/// `load` promises that only a missing or unreadable corpus dir is an error,
/// but a dangling symlink or a symlink loop anywhere under it fails the walk
/// and with it the whole load.
#[cfg(unix)]
#[test]
fn broken_symlinks_are_skipped_not_fatal() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("a.txt"), "　　正文。\n").unwrap();
    symlink("missing.txt", dir.join("dangling.txt")).unwrap();
    fs::create_dir(dir.join("sub")).unwrap();
    symlink("..", dir.join("sub/loop")).unwrap();
    let c = corpus::load(dir, &CorpusOptions::default()).expect("the good file still loads");
    assert!(c.paragraphs().any(|p| p.text == "　　正文。"));
}
