//! `biaozhu check` and `biaozhu repair` from the command line: a store
//! whose sled files are damaged is named (exit 1) and rebuilt from its
//! journal with every label; a store in use is checked by its journal.

use biaozhu::corpus::identity::content_hash;
use biaozhu::store::{Label, LabelStore, SledStore};
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");
const PARAS: [&str; 3] = [
    "一、总体情况",
    "　　全年儿童免疫规划疫苗接种率达到98.5%，投入资金1,160万元。",
    "　　𠀀字与emoji😀、ｶﾞ。",
];

fn setup() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("corpus")).unwrap();
    std::fs::write(root.path().join("corpus/r.txt"), PARAS.join("\n")).unwrap();
    let labels = root.path().join("labels");
    for who in ["alice", "bob"] {
        let mut s = SledStore::open(&labels, who).unwrap();
        for (p, text) in PARAS.iter().enumerate() {
            let mut l = Label::new("r.txt", p as u32, &content_hash(text));
            l.section = Some("achievement".into());
            l.note = Some(format!("{who}：第{p}段"));
            s.put("r.txt", p as u32, Some(&l), "section").unwrap();
        }
    }
    root
}

fn run(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .arg("--corpus")
        .arg(root.join("corpus"))
        .arg("--labels")
        .arg(root.join("labels"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_damaged_store_is_named_and_repaired_with_every_label() {
    let root = setup();
    let (code, out, _) = run(root.path(), &["check"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "alice: sound, 3 labels\nbob: sound, 3 labels\n");
    let before = run(root.path(), &["export"]).1;

    // alice's sled `db` zeroed (a lost disk block).
    let db = root.path().join("labels/alice.sled/db");
    let len = std::fs::metadata(&db).unwrap().len() as usize;
    std::fs::write(&db, vec![0u8; len]).unwrap();
    // Readers read the journal: export is whole even now.
    let (code, now, err) = run(root.path(), &["export"]);
    assert_eq!((code, now), (0, before.clone()), "{err}");
    let (code, out, err) = run(root.path(), &["check"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("alice: DAMAGED: ")
            && out
                .contains("`biaozhu repair --annotator alice` rebuilds the store from its journal")
            && out.contains("bob: sound, 3 labels"),
        "{out}"
    );
    assert!(err.contains("1 of 2 stores damaged: alice"), "{err}");

    let (code, out, err) = run(root.path(), &["repair"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "alice: store rebuilt from its journal (3 labels); the damaged copy is kept as "
        ) && out.contains("alice.sled.damaged-")
            && out.contains("bob: sound, nothing to repair"),
        "{out}"
    );
    assert_eq!(run(root.path(), &["check"]).0, 0);
    assert_eq!(run(root.path(), &["export"]).1, before);
    // The store works again: a new label goes in.
    let mut s = SledStore::open(&root.path().join("labels"), "alice").unwrap();
    let mut l = Label::new("r.txt", 0, &content_hash(PARAS[0]));
    l.section = Some("heading".into());
    s.put("r.txt", 0, Some(&l), "section").unwrap();
    assert_eq!(s.labels().unwrap().len(), 3);
}

#[test]
fn a_store_in_use_is_checked_by_its_journal() {
    let root = setup();
    let _held = SledStore::open(&root.path().join("labels"), "alice").unwrap();
    let (code, out, _) = run(root.path(), &["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("alice: in use: pid ") && out.contains("its journal is sound (3 labels)"),
        "{out}"
    );
    let (code, _, err) = run(root.path(), &["repair", "--annotator", "alice"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("alice.sled\" is in use"), "{err}");
    let (code, _, err) = run(root.path(), &["repair", "--annotator", "carol"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("the stores there are: alice, bob"), "{err}");
}
