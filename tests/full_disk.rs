//! A full disk: a change that cannot be saved is refused (not shown as
//! saved), nothing saved before is lost, reading works, and once space is
//! free the same store takes changes again without being reopened.
//!
//! On a real small file system: a 3 MB tmpfs mounted for the test, which
//! needs root and a machine that allows mounting (CI runs as root); where
//! mounting is not allowed the test says so and does nothing (the store's
//! own tests inject write errors instead).

use biaozhu::store::{read_store, Label, LabelStore, SledStore, With};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap().keep();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

fn label(p: u32) -> Label {
    let mut l = Label::empty("报告.txt", p, "0123456789abcdef");
    l.section = Some("achievement".into());
    l.note = Some(format!(
        "第{p}段：全年儿童免疫规划疫苗接种率达到98.5%，𠀀😀ｶﾞ"
    ));
    l.updated_at = "2026-12-01T10:00:00Z".into();
    l
}

/// Fill the file system holding `dir` with one file, as full as it goes.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let chunk = vec![7u8; 64 * 1024];
    while f.write_all(&chunk).is_ok() {}
    let small = vec![7u8; 512];
    while f.write_all(&small).is_ok() {}
    let _ = f.sync_all();
    path
}

#[test]
fn a_full_disk_refuses_changes_loses_nothing_and_recovers() {
    let Some(fs) = Tmpfs::mount("3m") else {
        eprintln!("full_disk: cannot mount a tmpfs here (not root, or not allowed): skipped");
        return;
    };
    let labels = fs.0.join("labels");
    let mut store = SledStore::open(&labels, "alice").unwrap();
    for p in 0..20 {
        store.put("报告.txt", p, Some(&label(p)), "label").unwrap();
    }
    let filler = fill(&fs.0);
    // Changes now fail, one after another (never shown as saved)…
    let mut failed = 0;
    let mut saved = Vec::new();
    for p in 20..60 {
        match store.put("报告.txt", p, Some(&label(p)), "label") {
            Ok(()) => saved.push(p),
            Err(_) => failed += 1,
        }
    }
    assert!(failed > 0, "the disk never filled");
    // …reading works on the full disk, with every saved label…
    let read = read_store(&labels, "alice", With::Labels).unwrap();
    let paras: Vec<u32> = read.labels().unwrap().iter().map(|l| l.para).collect();
    let expected: Vec<u32> = (0..20).chain(saved.iter().copied()).collect();
    assert_eq!(paras, expected);
    // …and once space is free the same store takes changes again.
    std::fs::remove_file(filler).unwrap();
    for p in 60..70 {
        store
            .put("报告.txt", p, Some(&label(p)), "label")
            .unwrap_or_else(|e| panic!("after space came back, label {p}: {e}"));
    }
    drop(store);
    let store = SledStore::open(&labels, "alice").unwrap();
    let paras: Vec<u32> = store.labels().unwrap().iter().map(|l| l.para).collect();
    let expected: Vec<u32> = (0..20).chain(saved).chain(60..70).collect();
    assert_eq!(paras, expected);
}
