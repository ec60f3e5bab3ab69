//! Suggestions on the labeling screen in a real terminal (tmux): the
//! pre-fill shown as suggested with its scores, Enter taking it whole,
//! an indicator key editing it, and the provenance exported; `--no-suggest`
//! and a control share of 100 % pre-fill nothing (the control marked).
//! Chinese text with full-width punctuation, `𠀀` and an emoji. Fails (not
//! skips) without tmux.

mod tmux_common;

use tmux_common::{export, labels_dir, status_line, Tmux};

const REPORT: &str = "一、工作成效\n\n𠀀😀全市儿童免疫规划疫苗接种率达到98.5%，家庭医生签约率45.2%，居民电子健康档案建档率93%。\n\n二、下一步打算\n\n明年将继续推进家庭医生签约服务，存在问题是基层人才不足。\n";

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.txt"), REPORT).unwrap();
    dir
}

/// Label the first two paragraphs with Enter (the second after toggling
/// `3`), quit, and return the export.
fn session(extra: &[&str], check: impl Fn(&Tmux)) -> Vec<serde_json::Value> {
    let corpus = corpus();
    let labels = labels_dir();
    let (c, l) = (
        corpus.path().to_str().unwrap(),
        labels.path().to_str().unwrap(),
    );
    let mut args = vec!["--corpus", c, "--labels", l, "--annotator", "sug"];
    args.extend_from_slice(extra);
    let t = Tmux::start_kept(100, 30, &args);
    t.wait_for("the first frame", |s| s.contains("Section"));
    check(&t);
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), Some(0));
    export(c, l, &[])
}

#[test]
fn the_prefill_is_shown_scored_taken_by_enter_and_its_provenance_exported() {
    let records = session(&["--control-share", "0"], |t| {
        // The heading: suggested heading (structure), Enter takes it.
        // Waited for whole: a capture can catch a frame half drawn.
        t.wait_for("the suggested heading", |s| {
            s.contains("suggested: Enter takes")
                && s.contains("h*标题 heading")
                && s.contains(".80")
        });
        t.keys(&["Enter"]);
        // The values paragraph: three indicators suggested with scores.
        t.wait_for("the indicators", |s| {
            s.contains(">𠀀😀") && s.contains("1*疫苗接种") && s.contains(".88")
        });
        // No section suggested here: choose achievement, drop 3, accept.
        t.keys(&["a", "3", "Enter"]);
        t.wait_for("saved", |s| {
            status_line(s).contains("saved") && s.contains("二、下一步打算")
        });
    });
    let heading = records.iter().find(|r| r["para"] == 0).unwrap();
    assert_eq!(heading["section"], "heading");
    assert_eq!(heading["suggested"]["source"], "pattern");
    assert_eq!(heading["suggested"]["section"], "heading");
    let values = records.iter().find(|r| r["para"] == 1).unwrap();
    assert_eq!(values["section"], "achievement");
    let inds: Vec<&str> = values["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        inds.contains(&"vaccination_rate") && !inds.contains(&"family_doctor"),
        "{inds:?}"
    );
    let suggested: Vec<&str> = values["suggested"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        suggested.contains(&"family_doctor"),
        "what was shown is kept: {suggested:?}"
    );
}

#[test]
fn no_suggest_and_the_control_share_prefill_nothing() {
    let records = session(&["--no-suggest"], |t| {
        let s = t.screen();
        assert!(!s.contains("suggested"), "{s}");
        t.keys(&["h", "Enter"]);
        t.wait_for("saved", |s| status_line(s).contains("saved"));
    });
    assert_eq!(records[0]["section"], "heading");
    assert!(records[0].get("suggested").is_none(), "{}", records[0]);

    let records = session(&["--control-share", "100"], |t| {
        let s = t.screen();
        assert!(!s.contains("suggested"), "{s}");
        t.keys(&["h", "Enter"]);
        t.wait_for("saved", |s| status_line(s).contains("saved"));
    });
    assert_eq!(
        records[0]["suggested"]["source"], "control",
        "{}",
        records[0]
    );
}
