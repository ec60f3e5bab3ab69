//! Label Studio's JSON task list: one task per paragraph, one annotation per
//! annotator who labeled it — the shape Label Studio exports and its
//! importer (`POST /api/projects/<id>/import`, or the UI) accepts.
//!
//! - `id`: a stable integer from the paragraph id (see [`Task::id`]).
//! - `data`: `text` (the paragraph) plus `paragraph_id`, `doc`, `para`,
//!   `hash`, which Label Studio keeps and shows as columns.
//! - `annotations[]`: `completed_by` = `{"email": "<annotator>@biaozhu.local",
//!   "first_name": "<annotator>"}`. Label Studio's importer accepts
//!   `completed_by` only as a member's numeric id or an object with the
//!   `email` of a member of the organization (a bare name is rejected), so
//!   create users with those emails before importing — or start Label Studio
//!   with `ALLOW_IMPORT_TASKS_WITH_UNKNOWN_EMAILS=true`, and the annotations
//!   are then attributed to the importing user. `ground_truth` and
//!   `was_cancelled` are false, `lead_time` is `duration_ms` in seconds (left out when unknown),
//!   `updated_at` the label's.
//! - `result[]`, each with a stable `id` (10 hex digits of xxh3 of paragraph,
//!   annotator and item) and `to_name: "text"`:
//!   `{"from_name":"section","type":"choices","value":{"choices":[section]}}`,
//!   `{"from_name":"indicators","type":"choices","value":{"choices":[…]}}`
//!   (when there are any), and per span
//!   `{"from_name":"label","type":"labels","value":{"start","end","text","labels":[label]}}`
//!   with **code-point** offsets (`end` exclusive): what Label Studio stores
//!   for `<Text>` regions and what Python slicing of `data.text` expects.
//!   [`label_config`] writes the matching labeling config.
//! - The gold set (`export --gold`): its annotation is `ground_truth: true`
//!   and `completed_by` the reviewer (`<reviewer>@biaozhu.local`; `gold@…`
//!   when the label names none), and the task's `data` adds `source`,
//!   `annotators`, `reviewer` — `data` is what Label Studio's importer keeps
//!   whole (shown as columns, usable in filters).
//!
//! Names not in the schema are exported as they are (add them to the
//! labeling config to see them in Label Studio).

use super::chars::CharIndex;
use super::Provenance;
use crate::corpus::Paragraph;
use crate::schema::{LabelDef, Schema};
use crate::store::{Label, Suggested, GOLD};
use serde::Serialize;
use std::fmt::Write;
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task<'a> {
    /// Stable: the top 53 bits of xxh3-64 of the paragraph id (a JSON-safe
    /// integer). Label Studio's importer assigns its own ids; its converter
    /// and scripts reading exports expect one.
    pub id: u64,
    pub data: Data<'a>,
    pub annotations: Vec<Annotation<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Data<'a> {
    pub text: &'a str,
    /// The paragraph id (`doc#para`); not `id`, which converters overwrite
    /// with the task id.
    pub paragraph_id: String,
    pub doc: &'a str,
    pub para: usize,
    pub hash: &'a str,
    /// With the gold set's annotation: `source`, `annotators`, `reviewer`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub gold: Option<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annotation<'a> {
    pub completed_by: CompletedBy<'a>,
    pub result: Vec<ResultItem<'a>>,
    pub was_cancelled: bool,
    pub ground_truth: bool,
    pub updated_at: &'a str,
    /// Seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_time: Option<f64>,
    /// What biaozhu's screen pre-filled (absent when nothing was
    /// suggested); Label Studio keeps unknown annotation keys out of its
    /// UI, scripts reading the export see it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested: Option<&'a Suggested>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompletedBy<'a> {
    pub email: String,
    pub first_name: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultItem<'a> {
    pub id: String,
    pub from_name: &'static str,
    pub to_name: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub value: Value<'a>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value<'a> {
    Choices {
        choices: Vec<&'a str>,
    },
    Labels {
        /// Code points, `end` exclusive.
        start: u32,
        end: u32,
        text: &'a str,
        labels: Vec<&'a str>,
    },
}

/// The task of `paragraph` with one annotation per `(annotator, label)`.
pub fn task<'a>(
    paragraph: &'a Paragraph,
    text: &'a str,
    labels: &[(&'a str, &'a Label)],
) -> Task<'a> {
    Task {
        id: xxh3_64(paragraph.id().as_bytes()) >> 11,
        data: Data {
            text,
            paragraph_id: paragraph.id(),
            doc: &paragraph.doc,
            para: paragraph.para,
            hash: &paragraph.hash,
            gold: labels
                .iter()
                .find_map(|&(who, label)| Provenance::of(who, label)),
        },
        annotations: labels
            .iter()
            .map(|&(annotator, label)| annotation(paragraph, text, annotator, label))
            .collect(),
    }
}

pub fn annotation<'a>(
    paragraph: &'a Paragraph,
    text: &'a str,
    annotator: &'a str,
    label: &'a Label,
) -> Annotation<'a> {
    let id = |item: &str| {
        let mut h = Xxh3::new();
        for part in [paragraph.id().as_str(), annotator, item] {
            h.update(part.as_bytes());
            h.update(&[0]);
        }
        format!("{:010x}", h.digest() >> 24)
    };
    let choices = |from_name: &'static str, choices: Vec<&'a str>| ResultItem {
        id: id(from_name),
        from_name,
        to_name: "text",
        kind: "choices",
        value: Value::Choices { choices },
    };
    let mut result = Vec::new();
    if let Some(section) = &label.section {
        result.push(choices("section", vec![section.as_str()]));
    }
    if !label.indicators.is_empty() {
        let chosen = label.indicators.iter().map(String::as_str).collect();
        result.push(choices("indicators", chosen));
    }
    if !label.spans.is_empty() {
        let chars = CharIndex::new(text);
        for (i, span) in label.spans.iter().enumerate() {
            let Some((start, end)) = chars.clamp(span) else {
                continue;
            };
            result.push(ResultItem {
                id: id(&format!("label/{i}")),
                from_name: "label",
                to_name: "text",
                kind: "labels",
                value: Value::Labels {
                    start,
                    end,
                    text: chars.slice(start, end),
                    labels: vec![span.label.as_str()],
                },
            });
        }
    }
    // The gold set's annotation is its reviewer's, and the ground truth.
    let gold = annotator == GOLD;
    let by = match &label.reviewer {
        Some(reviewer) if gold => reviewer.as_str(),
        _ => annotator,
    };
    Annotation {
        completed_by: CompletedBy {
            email: format!("{by}@biaozhu.local"),
            first_name: by,
        },
        result,
        was_cancelled: false,
        ground_truth: gold,
        updated_at: &label.updated_at,
        lead_time: label.duration_ms.map(|ms| ms as f64 / 1000.0),
        suggested: label.suggested.as_deref(),
    }
}

/// A Label Studio labeling config for `schema`: the text, the section
/// (single choice), the indicators (multiple choice) and span labels (the
/// indicators), with the names the export uses and the Chinese names as hints.
pub fn label_config(schema: &Schema) -> String {
    let mut out = String::from("<View>\n  <Text name=\"text\" value=\"$text\"/>\n");
    let list = |out: &mut String, tag: &str, defs: &[LabelDef]| {
        for d in defs {
            let _ = writeln!(
                out,
                "    <{tag} value=\"{}\" hint=\"{}\"/>",
                xml_escape(&d.name),
                xml_escape(&d.zh)
            );
        }
    };
    out.push_str("  <Choices name=\"section\" toName=\"text\" choice=\"single\">\n");
    list(&mut out, "Choice", &schema.sections);
    out.push_str(
        "  </Choices>\n  <Choices name=\"indicators\" toName=\"text\" choice=\"multiple\">\n",
    );
    list(&mut out, "Choice", &schema.indicators);
    out.push_str("  </Choices>\n  <Labels name=\"label\" toName=\"text\">\n");
    list(&mut out, "Label", &schema.indicators);
    out.push_str("  </Labels>\n</View>\n");
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_paragraph;
    use crate::store::Span;

    #[test]
    fn one_task_many_annotations() {
        let text = "𠀀😀接种率达到98.5%";
        let p = test_paragraph("d", 0, text);
        let mut a = Label::empty("d", 0, "h");
        a.section = Some("achievement".into());
        a.spans = vec![Span {
            start: 2,
            end: 5,
            label: "vaccination_rate".into(),
        }];
        a.duration_ms = Some(5200);
        let mut b = a.clone();
        b.indicators = vec!["vaccination_rate".into()];
        b.spans.clear();
        let pt = p.text.load();
        let t = task(&p, &pt, &[("alice", &a), ("bob", &b)]);
        assert_eq!(t.annotations.len(), 2);
        assert!(t.id < 1 << 53);
        assert_eq!(t.id, task(&p, &p.text.load(), &[("carol", &a)]).id);
        assert_eq!(t.annotations[0].lead_time, Some(5.2));
        let alice = &t.annotations[0].result;
        assert_eq!(alice.len(), 2);
        assert_eq!(
            alice[1].value,
            Value::Labels {
                start: 2,
                end: 5,
                text: "接种率",
                labels: vec!["vaccination_rate"]
            }
        );
        assert_eq!(alice[0].id.len(), 10);
        assert_ne!(alice[0].id, t.annotations[1].result[0].id);
        assert_eq!(t.annotations[1].result[1].from_name, "indicators");
        assert_eq!(t.annotations[1].completed_by.email, "bob@biaozhu.local");
        let config = label_config(&Schema::default_schema());
        assert!(config.contains("<Choice value=\"achievement\" hint=\"工作成效\"/>"));
    }

    #[test]
    fn gold_is_the_reviewers_ground_truth() {
        let p = test_paragraph("d", 0, "一、总体情况");
        let mut l = crate::export::test_gold(Label::empty("d", 0, "h"), "unanimous");
        l.section = Some("heading".into());
        let t = serde_json::to_value(task(&p, &p.text.load(), &[("gold", &l)])).unwrap();
        let a = &t["annotations"][0];
        assert_eq!(a["ground_truth"], true);
        assert_eq!(
            a["completed_by"],
            serde_json::json!({"email": "lead@biaozhu.local", "first_name": "lead"})
        );
        assert_eq!(t["data"]["source"], "unanimous");
        assert_eq!(t["data"]["annotators"], serde_json::json!(["alice", "bob"]));
        assert_eq!(t["data"]["reviewer"], "lead");
        // Annotators' tasks: no provenance, not ground truth.
        let t = serde_json::to_value(task(&p, &p.text.load(), &[("alice", &l)])).unwrap();
        assert_eq!(t["annotations"][0]["ground_truth"], false);
        assert_eq!(t["annotations"][0]["completed_by"]["first_name"], "alice");
        assert!(t["data"].get("source").is_none(), "{t}");
        // No reviewer named: the annotation is gold's.
        l.reviewer = None;
        let pt = p.text.load();
        let a = annotation(&p, &pt, "gold", &l);
        assert_eq!(a.completed_by.email, "gold@biaozhu.local");
    }
}
