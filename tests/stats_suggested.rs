//! `biaozhu stats` compares labels made with suggestions against labels
//! made on control paragraphs (suggestions withheld): labels imported with
//! their `suggested` provenance, figures worked by hand, text and --json.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");

fn run(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(BIN)
        .args(["--corpus", dir.join("corpus").to_str().unwrap()])
        .args(["--labels", dir.join("labels").to_str().unwrap()])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn agreement_with_and_without_suggestions_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    std::fs::write(
        dir.path().join("corpus/r.txt"),
        "第一段：疫苗接种率达到98.5%。\n\n第二段：签约率45.2%。\n\n第三段：下一步，明年继续。\n\n第四段：存在问题，人才不足。\n",
    )
    .unwrap();
    let paragraphs: Vec<serde_json::Value> =
        String::from_utf8(run(dir.path(), &["corpus", "--jsonl"]).stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    assert_eq!(paragraphs.len(), 4);
    // alice and bob: paragraphs 0 and 1 with a model's pre-fill (agree on
    // 0, differ on 1); 2 and 3 on control paragraphs (agree on both).
    let plan = [
        ("alice", ["achievement", "achievement", "plan", "problem"]),
        (
            "bob",
            ["achievement", "indicator_report", "plan", "problem"],
        ),
    ];
    let mut lines = Vec::new();
    for (who, sections) in plan {
        for (i, p) in paragraphs.iter().enumerate() {
            let suggested = if i < 2 {
                serde_json::json!({"section": "achievement", "indicators": [], "source": "model", "model_labels": 40})
            } else {
                serde_json::json!({"section": null, "indicators": [], "source": "control", "model_labels": 0})
            };
            lines.push(
                serde_json::json!({
                    "id": p["id"], "doc": p["doc"], "para": p["para"], "text": p["text"],
                    "annotator": who, "section": sections[i], "indicators": [], "spans": [],
                    "flags": [], "note": null, "updated_at": "2026-12-01T10:00:00Z",
                    "duration_ms": 1000, "done": true, "suggested": suggested,
                })
                .to_string(),
            );
        }
    }
    let file = dir.path().join("in.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    std::fs::create_dir(dir.path().join("labels")).unwrap();
    run(dir.path(), &["import", file.to_str().unwrap()]);

    let json: serde_json::Value =
        serde_json::from_slice(&run(dir.path(), &["stats", "--json"]).stdout).unwrap();
    let s = &json["suggestions"];
    // Pre-filled: 4 labels, 2 pairs, 1 agrees: 50 %. Control: 4 labels,
    // 2 pairs, both agree: 100 %.
    assert_eq!(s["suggested"]["labels"], 4, "{s}");
    assert_eq!(s["suggested"]["pair_items"], 2);
    assert_eq!(s["suggested"]["pair_agreement"], 0.5);
    assert_eq!(s["control"]["labels"], 4);
    assert_eq!(s["control"]["pair_agreement"], 1.0);
    assert_eq!(s["unrecorded"]["labels"], 0);
    let text = String::from_utf8(run(dir.path(), &["stats"]).stdout).unwrap();
    assert!(text.contains("Suggestions (section type)"), "{text}");
    let row = text.lines().find(|l| l.contains("pre-filled")).unwrap();
    assert!(row.contains("50%"), "{row}");
    let row = text
        .lines()
        .find(|l| l.contains("control (withheld)"))
        .unwrap();
    assert!(row.contains("100%"), "{row}");
    assert!(text.lines().all(|l| l.chars().count() <= 80));
}
