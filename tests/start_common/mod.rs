//! Fixtures of the start-up tests (`annotate_start`, `tmux_stray`): a
//! corpus of one report with full-width punctuation, `　　` indents,
//! Extension B, emoji and half-width kana, and an empty labels dir beside it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub const REPORT: &str = concat!(
    "一、2023年工作成效\n",
    "　　全年儿童免疫规划疫苗接种率达到98.5%，居民电子健康档案建档率93%（同比提高2.1个百分点）。\n",
    "　　报告乙类传染病1,203例——同比下降12.5%；𠀀字、emoji😀、ｶﾞ照原样保存！\n",
    "二、存在问题\n",
    "　　基层医疗人才匮乏，《基本公共卫生服务规范》落实不到位。\n",
);

pub struct Dirs {
    pub root: tempfile::TempDir,
    pub corpus: PathBuf,
    pub labels: PathBuf,
}

/// `corpus/` holding [`REPORT`]; `labels/` not created.
pub fn dirs() -> Dirs {
    let root = tempfile::tempdir().unwrap();
    let corpus = root.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("卫健委报告.txt"), REPORT).unwrap();
    let labels = root.path().join("labels");
    Dirs {
        root,
        corpus,
        labels,
    }
}

/// Whether `annotator` has a store in `labels`.
pub fn has_store(labels: &Path, annotator: &str) -> bool {
    labels.join(format!("{annotator}.sled")).exists()
}

/// Give `annotator` a store in `labels`, as a labeling session would.
pub fn make_store(labels: &Path, annotator: &str) {
    std::fs::create_dir_all(labels).unwrap();
    biaozhu::store::SledStore::open(labels, annotator).unwrap();
    assert!(has_store(labels, annotator));
}

/// The arguments that point biaozhu at `dirs`, as `annotator`.
pub fn args<'a>(dirs: &'a Dirs, annotator: &'a str) -> Vec<&'a str> {
    vec![
        "--corpus",
        dirs.corpus.to_str().unwrap(),
        "--labels",
        dirs.labels.to_str().unwrap(),
        "--annotator",
        annotator,
    ]
}
