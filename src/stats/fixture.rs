//! The hand-worked example the stats tests share: three annotators on six
//! paragraphs and a gold set (figures/tests.rs works each figure out).

use super::figures::{stats, Inputs};
use super::Stats;
use crate::review::gold::add_gold;
use crate::review::items::build;
use crate::review::report::report;
use crate::review::votes::{unix_seconds, Marks, Vote, Votes};
use std::collections::BTreeMap;

pub const HEADING: u32 = 0;
pub const PROBLEM: u32 = 1;
pub const PLAN: u32 = 2;
pub const FUNDS: u32 = 0;
pub const VACC: u32 = 1;
pub const DAY1: &str = "2026-11-22T10:00:00Z";
pub const DAY2: &str = "2026-11-23T23:59:59.500Z";

pub fn vote(
    section: u32,
    indicators: &[u32],
    done: bool,
    ms: Option<u64>,
    at: &str,
) -> Option<Vote> {
    Some(Vote {
        section: Some(section),
        indicators: indicators.to_vec(),
        done,
        duration_ms: ms,
        at: unix_seconds(at),
        marks: 0,
        spans: 0,
    })
}

pub fn marked(mut v: Option<Vote>, mark: u8) -> Option<Vote> {
    v.as_mut().unwrap().marks |= mark;
    v
}

/// Three annotators on six paragraphs (x.txt: 4, y.txt: 2), and a gold
/// set; every figure below is worked out by hand in the comments.
pub fn votes() -> Votes {
    let a = vec![
        vote(HEADING, &[], true, Some(1000), DAY1),
        vote(PROBLEM, &[FUNDS], true, Some(3000), DAY1),
        vote(PLAN, &[], false, None, DAY2),
        marked(
            vote(PROBLEM, &[FUNDS, VACC], true, Some(9000), DAY2),
            Marks::FLAGGED,
        ),
        None,
        vote(HEADING, &[], true, Some(130_000), DAY2),
    ];
    let b = vec![
        vote(HEADING, &[], true, Some(2000), DAY1),
        vote(PLAN, &[], true, Some(4000), DAY1),
        vote(PLAN, &[], true, Some(6000), DAY1),
        None,
        None,
        marked(vote(HEADING, &[], true, Some(5000), DAY1), Marks::NOTED),
    ];
    let c = vec![
        vote(HEADING, &[], true, Some(1500), DAY2),
        vote(PROBLEM, &[], true, Some(1500), DAY2),
        None,
        None,
        None,
        None,
    ];
    let mut gold = vec![None; 6];
    gold[0] = marked(vote(HEADING, &[], true, Some(0), DAY2), Marks::AUTO_GOLD);
    gold[1] = vote(PROBLEM, &[FUNDS], true, Some(0), DAY2);
    Votes {
        annotators: vec!["a".into(), "b".into(), "c".into()],
        sections: vec!["heading".into(), "problem".into(), "plan".into()],
        indicators: vec!["funds".into(), "vaccination_rate".into()],
        sheets: vec![a, b, c],
        gold: Some(gold),
        orphaned: vec![2, 0, 0],
        spans: Vec::new(),
    }
}

pub fn docs() -> Vec<(String, usize)> {
    vec![("x.txt".into(), 4), ("y.txt".into(), 2)]
}

pub fn computed(by_doc: bool) -> Stats {
    let votes = votes();
    let mut r = report(&build(&votes), &votes);
    add_gold(&mut r, &votes);
    stats(&Inputs {
        votes: &votes,
        report: &r,
        docs: &docs(),
        gold_exists: true,
        zh: BTreeMap::from([("heading".into(), "标题".into())]),
        by_doc,
    })
}
