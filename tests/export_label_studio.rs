//! `biaozhu export --format label-studio` from the command line: one task
//! per paragraph with an annotation per annotator, code-point offsets,
//! unique and stable result ids.

mod export_common;

use export_common::{labeled, slice, SPAN};
use serde_json::Value;
use std::collections::BTreeSet;

#[test]
fn label_studio_groups_annotators_into_one_task() {
    let (fx, start) = labeled();
    let tasks = fx.export(&["--format", "label-studio"]);
    assert_eq!(tasks.len(), 3, "one task per labeled paragraph");
    for t in &tasks {
        assert_eq!(
            t["data"]["text"],
            fx.text(t["data"]["paragraph_id"].as_str().unwrap())
        );
    }
    let t = &tasks[0];
    let annotations = t["annotations"].as_array().unwrap();
    let who: Vec<&Value> = annotations
        .iter()
        .map(|a| &a["completed_by"]["email"])
        .collect();
    assert_eq!(who, ["alice@biaozhu.local", "bob@biaozhu.local"]);
    let alice = annotations[0]["result"].as_array().unwrap();
    let section = &alice[0];
    assert_eq!(
        (&section["from_name"], &section["to_name"], &section["type"]),
        (
            &Value::from("section"),
            &Value::from("text"),
            &Value::from("choices")
        )
    );
    assert_eq!(
        section["value"]["choices"],
        serde_json::json!(["achievement"])
    );
    assert_eq!(alice[1]["from_name"], "indicators");
    assert_eq!(
        alice[1]["value"]["choices"],
        serde_json::json!(["retired_indicator", "vaccination_rate"])
    );
    let span = &alice[2];
    assert_eq!(
        (&span["from_name"], &span["type"]),
        (&Value::from("label"), &Value::from("labels"))
    );
    let v = &span["value"];
    let (a, b) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
    assert_eq!(a, start as u64, "code points");
    assert_eq!(slice(t["data"]["text"].as_str().unwrap(), a, b), SPAN);
    assert_eq!(v["text"], SPAN);
    assert_eq!(v["labels"], serde_json::json!(["vaccination_rate"]));
    let ids: BTreeSet<&str> = tasks
        .iter()
        .flat_map(|t| t["annotations"].as_array().unwrap())
        .flat_map(|a| a["result"].as_array().unwrap())
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 7, "result ids are unique");
    assert_eq!(annotations[0]["ground_truth"], false);
    assert_eq!(annotations[0]["lead_time"], 4.2);
    // Stable: the same export twice is the same bytes.
    assert_eq!(
        fx.run(&["--format", "label-studio"]).stdout,
        fx.run(&["--format", "label-studio"]).stdout
    );
}
