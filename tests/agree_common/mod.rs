//! Shared by the `biaozhu agree` tests (`agree_*cli.rs`): a report of four
//! paragraphs, labels put in sled stores, and the command run on them.
#![allow(dead_code)]

use biaozhu::corpus::identity::content_hash;
use biaozhu::store::{Label, LabelStore, SledStore};
use std::path::Path;
use std::process::Command;

pub const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");
pub const PARAS: [&str; 4] = [
    "一、总体情况",
    "　　全年儿童免疫规划疫苗接种率达到98.5%，投入资金1,160万元。",
    "　　基层人才匮乏（平均年龄58岁）。",
    "　　𠀀字与emoji😀。",
];

pub fn put(labels: &Path, who: &str, para: u32, section: &str, indicators: &[&str]) {
    let mut s = SledStore::open(labels, who).unwrap();
    let mut l = Label::new("r.txt", para, &content_hash(PARAS[para as usize]));
    l.section = Some(section.to_owned());
    l.indicators = indicators.iter().map(|s| s.to_string()).collect();
    l.duration_ms = Some(1000 * (para as u64 + 1));
    l.done = true;
    s.put("r.txt", para, Some(&l), "section").unwrap();
}

pub fn agree(root: &Path, args: &[&str]) -> (String, Option<i32>) {
    let out = Command::new(BIN)
        .arg("--corpus")
        .arg(root.join("corpus"))
        .arg("--labels")
        .arg(root.join("labels"))
        .arg("agree")
        .args(args)
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.code())
}

pub fn setup() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("corpus")).unwrap();
    std::fs::write(root.path().join("corpus/r.txt"), PARAS.join("\n")).unwrap();
    root
}

pub fn close(v: &serde_json::Value, x: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!((got - x).abs() < 1e-9, "{got} != {x}");
}
