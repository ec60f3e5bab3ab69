//! A record's `"suggested"`: what the screen pre-filled, read and checked.

use super::diagnose::quote;
use crate::store::{Suggested, SUGGESTION_SOURCES};

/// `"suggested"`: absent or null (nothing was suggested), or
/// `{"section": name|null, "indicators": [names], "source": "pattern"|"model",
/// "model_labels": N}` (`section`, `indicators` and `model_labels` may be
/// left out).
pub(super) fn suggested(value: Option<&serde_json::Value>) -> Result<Option<Suggested>, String> {
    use serde_json::Value;
    let object = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(o)) => o,
        Some(other) => {
            return Err(format!(
                "field \"suggested\": {} is not an object such as \
                 {{\"section\":\"plan\",\"indicators\":[],\"source\":\"model\",\"model_labels\":40}}",
                shown(other)
            ))
        }
    };
    let field = |name: &str, what: &str, v: &Value| {
        format!("field \"suggested.{name}\": {} is not {what}", shown(v))
    };
    let mut out = Suggested {
        section: None,
        indicators: Vec::new(),
        source: String::new(),
        model_labels: 0,
    };
    for (key, v) in object {
        match key.as_str() {
            "section" => match v {
                Value::Null => {}
                Value::String(s) => out.section = Some(s.clone()),
                _ => return Err(field("section", "a section name or null", v)),
            },
            "indicators" => {
                let names = v
                    .as_array()
                    .ok_or_else(|| field("indicators", "a list of names", v))?;
                for n in names {
                    let n = n
                        .as_str()
                        .ok_or_else(|| field("indicators", "a list of names", v))?;
                    out.indicators.push(n.to_owned());
                }
            }
            "source" => match v.as_str() {
                Some(s) if SUGGESTION_SOURCES.contains(&s) => out.source = s.to_owned(),
                _ => {
                    return Err(field(
                        "source",
                        &format!("one of {}", SUGGESTION_SOURCES.join(", ")),
                        v,
                    ))
                }
            },
            "model_labels" => {
                out.model_labels = v
                    .as_u64()
                    .ok_or_else(|| field("model_labels", "a count (0 or more)", v))?
            }
            // Fields a later build may add (scores…) are ignored, as elsewhere.
            _ => {}
        }
    }
    if out.source.is_empty() {
        return Err(format!(
            "missing field \"suggested.source\" ({})",
            SUGGESTION_SOURCES.join(" or ")
        ));
    }
    out.indicators.sort();
    out.indicators.dedup();
    Ok(Some(out))
}

/// A JSON value for a message: a string quoted, anything else as JSON,
/// shortened either way.
fn shown(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => quote(s),
        other => quote(&other.to_string()).trim_matches('"').to_owned(),
    }
}
