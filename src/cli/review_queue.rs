//! `biaozhu review --queue`: the review queue as JSON lines, most
//! disagreement first, without opening the screen and without writing
//! anything (no automatic gold, no gold store created).

use super::review_cmd::{load, Request};
use super::{CliError, Config};
use crate::review::queue::{auto_gold, by_disagreement, Case, Choice, Decider};
use crate::store::{Label, Span};
use serde::Serialize;

/// What a label says, as the queue's JSON writes it.
#[derive(Serialize)]
struct Said<'a> {
    section: Option<&'a str>,
    indicators: &'a [String],
    spans: &'a [Span],
}

impl<'a> Said<'a> {
    fn of(choice: &'a Choice) -> Said<'a> {
        Said {
            section: choice.section.as_deref(),
            indicators: &choice.indicators,
            spans: &choice.spans,
        }
    }
}

#[derive(Serialize)]
struct Vote<'a> {
    annotator: &'a str,
    #[serde(flatten)]
    said: Said<'a>,
}

#[derive(Serialize)]
struct NoteOut<'a> {
    annotator: &'a str,
    note: &'a str,
}

#[derive(Serialize)]
struct Decided<'a> {
    #[serde(flatten)]
    said: Said<'a>,
    reviewer: Option<&'a str>,
    updated_at: &'a str,
    source: Option<&'a str>,
}

/// One line of the queue.
#[derive(Serialize)]
struct Record<'a> {
    id: String,
    doc: &'a str,
    para: usize,
    disagreement: f64,
    reasons: Vec<&'static str>,
    flagged: bool,
    flagged_by: Vec<&'a str>,
    notes: Vec<NoteOut<'a>>,
    votes: Vec<Vote<'a>>,
    proposal: Said<'a>,
    decided: Option<Decided<'a>>,
}

/// Print the queue `biaozhu review` would open with (the same annotators,
/// the same `--review-unanimous`), one JSON line per case.
pub fn print(
    config: &Config,
    request: &Request,
    out: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    let loaded = load(config)?;
    let paragraphs = &loaded.paragraphs;
    let mut gold = if config.stores.gold_exists()? {
        super::labels::read_gold(config, paragraphs)?.labels
    } else {
        vec![None; paragraphs.len()]
    };
    if !request.review_unanimous {
        // What the screen does first, in memory only: settled paragraphs
        // get automatic gold (they leave the queue), automatic gold of
        // paragraphs no longer settled is withdrawn (they show undecided).
        let by = Decider {
            reviewer: "",
            at: "",
            duration_ms: 0,
        };
        for (i, label) in auto_gold(&loaded.cases, &loaded.annotators, paragraphs, &gold, by) {
            gold[i] = label.map(Box::new);
        }
    }
    let queue: Vec<&Case> = loaded
        .cases
        .iter()
        .filter(|c| request.review_unanimous || !c.is_settled())
        .collect();
    for i in by_disagreement(&queue) {
        let case = queue[i];
        let record = record(
            case,
            &loaded.annotators,
            paragraphs,
            gold[case.index].as_deref(),
        );
        serde_json::to_writer(&mut *out, &record).map_err(std::io::Error::from)?;
        writeln!(out)?;
    }
    Ok(())
}

fn record<'a>(
    case: &'a Case,
    annotators: &'a [String],
    paragraphs: &'a [crate::corpus::Paragraph],
    gold: Option<&'a Label>,
) -> Record<'a> {
    let p = &paragraphs[case.index];
    let name = |a: usize| annotators[a].as_str();
    Record {
        id: p.id(),
        doc: &p.doc,
        para: p.para,
        disagreement: case.disagreement,
        reasons: case.reasons.iter().map(|r| r.as_str()).collect(),
        flagged: !case.flagged.is_empty(),
        flagged_by: case.flagged.iter().map(|&a| name(a)).collect(),
        notes: case
            .notes
            .iter()
            .map(|n| NoteOut {
                annotator: name(n.annotator),
                note: &n.text,
            })
            .collect(),
        votes: case
            .versions
            .iter()
            .map(|v| Vote {
                annotator: name(v.annotator),
                said: Said::of(&v.choice),
            })
            .collect(),
        proposal: Said::of(&case.majority),
        decided: gold.map(|g| Decided {
            said: Said {
                section: g.section.as_deref(),
                indicators: &g.indicators,
                spans: &g.spans,
            },
            reviewer: g.reviewer.as_deref(),
            updated_at: &g.updated_at,
            source: g.source.as_deref(),
        }),
    }
}
