//! The span mode in a real terminal (tmux), on a paragraph with `𠀀`, an
//! emoji, full-width punctuation and a tab before its values: a suggestion
//! taken as proposed, one taken with another indicator (after a wrong key
//! undone), one rejected, one chosen with word and character motions; then
//! quit and export — exact offsets and texts in native (code points),
//! doccano (UTF-16 units) and Prodigy (character tokens). Fails (not skips)
//! without tmux.

mod tmux_common;

use tmux_common::{export, labels_dir, status_line, Tmux};

const TEXT: &str = "𠀀😀（试点）全市儿童免疫规划疫苗接种率达到98.5%，家庭医生签约率45.2%，投入资金5000万元，其中\t诊疗1.2万人次。";

/// Code-point offsets of `part` in TEXT.
fn at(part: &str) -> (u32, u32) {
    let byte = TEXT.find(part).unwrap();
    let start = TEXT[..byte].chars().count() as u32;
    (start, start + part.chars().count() as u32)
}

/// UTF-16 offsets of `part` in TEXT.
fn at16(part: &str) -> (u32, u32) {
    let byte = TEXT.find(part).unwrap();
    let start = TEXT[..byte].encode_utf16().count() as u32;
    (start, start + part.encode_utf16().count() as u32)
}

#[test]
fn spans_marked_by_keyboard_export_with_exact_offsets() {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(
        corpus.path().join("report.txt"),
        format!("一、工作成效\n\n{TEXT}\n\n二、下一步打算\n"),
    )
    .unwrap();
    let labels = labels_dir();
    let dir = labels.path().to_str().unwrap();
    let corpus_dir = corpus.path().to_str().unwrap();
    let t = Tmux::start_kept(
        120,
        30,
        &[
            "--corpus",
            corpus_dir,
            "--labels",
            dir,
            "--annotator",
            "spans",
        ],
    );
    t.wait_for("the first frame", |s| s.contains("Section"));
    t.keys(&["j"]);
    t.wait_for("the paragraph", |s| s.contains(">𠀀😀"));

    t.keys(&["s"]);
    t.wait_for("the span mode", |s| {
        status_line(s).contains("span mode: 4 suggested")
    });
    // Taken as proposed: 98.5% → vaccination_rate (1).
    t.keys(&["Enter"]);
    t.wait_for("the first span", |s| {
        s.contains("“98.5%” 1 疫苗接种") && s.contains("saved")
    });
    // 45.2%: first a wrong indicator (7), undone, then funds (8).
    t.keys(&["7"]);
    t.wait_for("the wrong span", |s| s.contains("“45.2%” 7"));
    t.keys(&["u"]);
    t.wait_for("the undo", |s| !s.contains("“45.2%”"));
    t.keys(&["k"]);
    t.keys(&["8"]);
    t.wait_for("45.2% as funds", |s| s.contains("“45.2%” 8 资金投入"));
    // 5000万元 rejected: the cursor goes on to 1.2万人次.
    t.keys(&["n"]);
    t.wait_for("the rejection", |s| {
        status_line(s).contains("rejected “5000万元”")
    });
    // 1.2万人次 by motions: a word back (诊疗) and forth, select, a word,
    // a character back and forth, then inspections (9).
    t.keys(&["C-Left", "C-Right", "Space", "C-Right", "Left", "Right"]);
    t.wait_for("the selection", |s| {
        status_line(s).contains("SPAN select 6")
    });
    t.keys(&["9"]);
    let screen = t.wait_for("the third span", |s| {
        s.contains("“1.2万人次” 9 监督检查") && s.contains("saved")
    });
    assert!(screen.contains("Spans 数值 3"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for("normal mode", |s| {
        status_line(s).contains("left the span mode")
    });
    t.keys(&["q"]);
    assert_eq!(t.exit_status(), Some(0), "the screen ends on q");

    let expected = [
        ("98.5%", "vaccination_rate"),
        ("45.2%", "funds"),
        ("1.2万人次", "inspections"),
    ];
    let native = export(corpus_dir, dir, &[]);
    let record = native.iter().find(|r| r["text"] == TEXT).unwrap();
    let spans = record["spans"].as_array().unwrap();
    assert_eq!(spans.len(), 3, "{record}");
    for (span, (part, label)) in spans.iter().zip(expected) {
        let (s, e) = at(part);
        assert_eq!(span["start"], s, "{span}");
        assert_eq!(span["end"], e, "{span}");
        assert_eq!(span["label"], label);
        assert_eq!(span["text"], part);
        let shown: String = TEXT
            .chars()
            .skip(s as usize)
            .take((e - s) as usize)
            .collect();
        assert_eq!(shown, part);
    }

    let doccano = export(
        corpus_dir,
        dir,
        &["--format", "doccano", "--doccano-task", "spans"],
    );
    let line = doccano.iter().find(|r| r["text"] == TEXT).unwrap();
    let units: Vec<u16> = TEXT.encode_utf16().collect();
    for (span, (part, label)) in line["label"].as_array().unwrap().iter().zip(expected) {
        let (s, e) = at16(part);
        assert_eq!(span[0], s, "{span}");
        assert_eq!(span[1], e, "{span}");
        assert_eq!(span[2], label);
        assert_eq!(
            String::from_utf16(&units[s as usize..e as usize]).unwrap(),
            part
        );
    }

    let prodigy = export(corpus_dir, dir, &["--format", "prodigy"]);
    let task = prodigy
        .iter()
        .find(|r| r["text"] == TEXT && r["spans"].as_array().is_some_and(|s| !s.is_empty()))
        .unwrap();
    let tokens = task["tokens"].as_array().unwrap();
    for (span, (part, label)) in task["spans"].as_array().unwrap().iter().zip(expected) {
        assert_eq!(span["label"], label);
        let first = span["token_start"].as_u64().unwrap() as usize;
        let last = span["token_end"].as_u64().unwrap() as usize;
        let joined: String = tokens[first..=last]
            .iter()
            .map(|t| t["text"].as_str().unwrap())
            .collect();
        assert_eq!(joined, part, "{span}");
        let (s, e) = at(part);
        assert_eq!(span["start"], s, "Prodigy's start: code points");
        assert_eq!(span["end"], e);
    }
}
