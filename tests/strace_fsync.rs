//! Every label change is on stable storage before the frame that shows
//! it: the labeling screen runs under `strace` in tmux, and between the
//! read of each label key and the next frame written to the terminal
//! there is an `fdatasync` of the store's journal (after the journal
//! write). Fails, not skips, without strace (`.ci/run` installs it).

mod tmux_common;

use std::process::Command;
use tmux_common::{Tmux, BIN};

const REPORT: &str = concat!(
    "一、2023年工作成效\n",
    "　　全年儿童免疫规划疫苗接种率达到98.5%，𠀀字、emoji😀、ｶﾞ、制表\t符。\n",
    "二、存在问题\n",
    "　　基层医疗人才匮乏（平均年龄58岁）。\n",
);

#[test]
fn each_change_is_fdatasynced_before_the_frame_that_shows_it() {
    assert!(
        Command::new("strace").arg("-V").output().is_ok(),
        "strace is not installed (.ci/run installs it)"
    );
    let root = tempfile::tempdir().unwrap();
    let corpus = root.path().join("corpus");
    let labels = root.path().join("labels");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("报告.txt"), REPORT).unwrap();
    let trace = root.path().join("trace.txt");
    let args = [
        "-f",
        "-e",
        "trace=read,write,fdatasync,fsync,openat",
        "-s",
        "16",
        "-o",
        trace.to_str().unwrap(),
        BIN,
        "--corpus",
        corpus.to_str().unwrap(),
        "--labels",
        labels.to_str().unwrap(),
        "--annotator",
        "alice",
        // The screen changes only on keys: with suggestions a model that
        // arrives redraws it on its own, and such a frame could fall
        // between a key's read and its write (keys are read on a thread).
        "--no-suggest",
    ];
    let t = Tmux::start_program(100, 24, "strace", &args);
    t.wait_for("the first frame", |s| s.contains("工作成效"));
    // Section, indicator, accept, section, undo: five changes.
    for key in ["h", "1", "Enter", "a", "u"] {
        if key == "Enter" {
            t.keys(&["Enter"]);
        } else {
            t.type_text(key);
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    t.keys(&["q"]);
    assert!(t.wait_exit());
    let trace = std::fs::read_to_string(&trace).unwrap();
    let mut journal_fd = None;
    // The key read last: its name, whether its journal line was written
    // and synced since, and whether a frame was drawn before that (one
    // the main thread was already drawing when the input thread read the
    // key, on a loaded machine: allowed only if a frame after the sync
    // follows before the next key).
    let mut after_key: Option<(String, bool, bool, bool)> = None;
    let mut checked = 0;
    let mut syncs = 0;
    let early = |key: &str, trace: &str| -> ! {
        panic!(
            "key {key:?}: a frame was drawn before the journal was written and \
             fdatasync'ed, and none after it\n{trace}"
        )
    };
    for line in trace.lines() {
        let call = line.split_once(' ').map_or("", |(_, c)| c.trim_start());
        if call.starts_with("openat(") && call.contains("alice.journal\", O_WRONLY") {
            journal_fd = call.rsplit("= ").next().map(|fd| fd.trim().to_owned());
        }
        let fd = journal_fd.as_deref().unwrap_or("-");
        if let Some(read) = call.strip_prefix("read(0, \"") {
            if let Some((key, _, _, true)) = after_key.take() {
                early(&key, &trace);
            }
            let key = read.split('"').next().unwrap_or("").to_owned();
            after_key = Some((key, false, false, false));
        } else if call.starts_with(&format!("write({fd}, ")) {
            if let Some((_, written, _, _)) = after_key.as_mut() {
                *written = true;
            }
        } else if call.starts_with(&format!("fdatasync({fd})")) {
            syncs += 1;
            if let Some((_, written, synced, _)) = after_key.as_mut() {
                *synced = *written;
            }
        } else if call.starts_with("write(1, ") {
            if let Some((key, written, synced, drawn_early)) = after_key.as_mut() {
                if key != "q" {
                    if *written && *synced {
                        checked += 1;
                        after_key = None;
                    } else {
                        *drawn_early = true;
                    }
                }
            }
        }
    }
    if let Some((key, _, _, true)) = &after_key {
        if key != "q" {
            early(key, &trace);
        }
    }
    // Five changes, five syncs; each frame after a key came after its
    // sync (keys read together under load make one frame for several).
    assert_eq!(syncs, 5, "{trace}");
    assert!(checked >= 1, "{trace}");
}
