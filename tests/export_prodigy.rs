//! `biaozhu export --format prodigy` from the command line: section,
//! indicators and spans tasks, Prodigy's hashes and bookkeeping fields,
//! one token per character.

mod export_common;

use export_common::{labeled, slice, SPAN};

#[test]
fn prodigy_tasks() {
    let (fx, start) = labeled();
    let tasks = fx.export(&["--format", "prodigy"]);
    // alice#1: section, indicators, spans; bob#1: section, indicators;
    // alice#2: section (not done, no indicators); bob#3: section, indicators.
    let kinds: Vec<String> = tasks
        .iter()
        .map(|t| {
            format!(
                "{}/{}",
                t["meta"]["annotator"].as_str().unwrap(),
                t["meta"]["kind"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "alice/section",
            "alice/indicators",
            "alice/spans",
            "bob/section",
            "bob/indicators",
            "alice/section",
            "bob/section",
            "bob/indicators"
        ]
    );
    for t in &tasks {
        let id = t["meta"]["id"].as_str().unwrap();
        assert_eq!(t["text"], fx.text(id));
        assert_eq!(t["answer"], "accept");
        for key in ["_input_hash", "_task_hash"] {
            let h = t[key].as_i64().unwrap();
            assert!(i32::try_from(h).is_ok(), "{key} {h}");
        }
        assert!(t["_timestamp"].as_i64().unwrap() > 1_700_000_000);
        assert_eq!(
            t["_annotator_id"],
            format!("biaozhu-{}", t["meta"]["annotator"].as_str().unwrap())
        );
        assert_eq!(t["_session_id"], t["_annotator_id"]);
        for key in ["doc", "para", "id", "hash"] {
            assert!(!t["meta"][key].is_null(), "meta.{key}");
        }
    }
    let section = &tasks[0];
    assert_eq!(section["_view_id"], "choice");
    assert_eq!(section["config"]["choice_style"], "single");
    assert_eq!(section["accept"], serde_json::json!(["achievement"]));
    let options = section["options"].as_array().unwrap();
    assert!(options.contains(&serde_json::json!({"id": "achievement", "text": "工作成效"})));
    // Every annotator's task on one paragraph asks the same question.
    assert_eq!(tasks[0]["_task_hash"], tasks[3]["_task_hash"]);
    assert_eq!(tasks[0]["_input_hash"], tasks[2]["_input_hash"]);
    let indicators = &tasks[1];
    assert_eq!(indicators["config"]["choice_style"], "multiple");
    let last = indicators["options"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last,
        serde_json::json!({"id": "retired_indicator", "text": "retired_indicator"})
    );
    // The unknown section of bob's last label is an option too.
    assert!(tasks[6]["options"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!({"id": "old_problem", "text": "old_problem"})));

    let spans = &tasks[2];
    assert_eq!(spans["_view_id"], "spans_manual");
    let text = spans["text"].as_str().unwrap();
    let tokens = spans["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), text.chars().count());
    let joined: String = tokens.iter().map(|t| t["text"].as_str().unwrap()).collect();
    assert_eq!(joined, text);
    for (i, t) in tokens.iter().enumerate() {
        assert_eq!(
            (t["id"].as_u64(), t["start"].as_u64(), t["end"].as_u64()),
            (Some(i as u64), Some(i as u64), Some(i as u64 + 1))
        );
        assert_eq!(t["ws"], false);
    }
    let s = &spans["spans"][0];
    let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
    assert_eq!(a, start as u64);
    assert_eq!(slice(text, a, b), SPAN);
    assert_eq!(s["text"], SPAN);
    assert_eq!(s["token_start"], a);
    assert_eq!(s["token_end"], b - 1);
    assert_eq!(s["label"], "vaccination_rate");
}
