use super::*;
use crate::corpus::identity::content_hash;
use crate::review::screen::{update, Action};
use crate::schema::Schema;
use crate::store::{GoldSource, Label};
use crate::tui::reading::{batch, document};

/// A label on `doc`#`para` (text `text`) saying `section`.
fn label(doc: &str, para: u32, text: &str, section: &str) -> Label {
    let mut l = Label::empty(doc, para, &content_hash(text));
    l.section = Some(section.into());
    l.updated_at = "2026-11-22T10:00:00Z".into();
    l
}

/// Gold decided by `source` on `doc`#`para`.
fn gold(doc: &str, para: u32, text: &str, section: &str, source: GoldSource) -> Label {
    Label {
        source: Some(source.as_str().into()),
        reviewer: Some("lead".into()),
        annotators: vec!["alice".into(), "bob".into()],
        done: true,
        ..label(doc, para, text, section)
    }
}

const AT: &str = "2026-12-03T08:00:00Z";

/// The screen before the first document, alice's and bob's labels and
/// `gold` waiting.
fn model(alice: Vec<Label>, bob: Vec<Label>, gold: Vec<Label>, auto: bool) -> Model {
    let names = vec!["alice".to_owned(), "bob".to_owned()];
    let mut m = Model::new(
        Schema::default_schema(),
        "lead".into(),
        names,
        vec![],
        vec![],
        vec![],
    );
    m.reading = Some(Reading::new(
        3,
        vec![alice, bob],
        gold,
        auto.then(|| AT.to_owned()),
    ));
    m
}

/// What the shell writes for `effects` (see [`crate::tui::reading::written`]).
fn written(model: &mut Model, effects: Vec<Effect>) -> Vec<(String, String, u32, bool)> {
    crate::tui::reading::written(effects, |seq| update(model, Action::Saved(seq)))
}

fn w(action: &str, doc: &str, para: u32, label: bool) -> (String, String, u32, bool) {
    (action.into(), doc.into(), para, label)
}

const A: [&str; 3] = [
    "一、总体情况",
    "　　全年儿童免疫规划疫苗接种率达到98.5%，𠀀😀ｶﾞ。",
    "　　“十四五”期间，投入资金1,160万元；新建乡镇卫生院三所！",
];
const B: [&str; 2] = [
    "二、存在问题",
    "　　基层医疗人才匮乏，乡村医生老龄化严重（平均年龄58岁）。",
];

/// alice and bob agree on A#0, A#2 and B#0, differ on A#1 and B#1.
fn labels() -> (Vec<Label>, Vec<Label>) {
    let alice = vec![
        label("a.txt", 0, A[0], "heading"),
        label("a.txt", 1, A[1], "achievement"),
        label("a.txt", 2, A[2], "plan"),
        label("b.txt", 0, B[0], "heading"),
        label("b.txt", 1, B[1], "problem"),
    ];
    let bob = vec![
        label("a.txt", 0, A[0], "heading"),
        label("a.txt", 1, A[1], "indicator_report"),
        label("a.txt", 2, A[2], "plan"),
        label("b.txt", 0, B[0], "heading"),
        label("b.txt", 1, B[1], "other"),
    ];
    (alice, bob)
}

#[test]
fn cases_join_per_document_and_unanimous_ones_go_to_gold_as_they_come() {
    let (alice, bob) = labels();
    let mut m = model(alice, bob, vec![], true);
    let effects = update(
        &mut m,
        Action::Read(batch(vec![document("a.txt", &A)], 1, false)),
    );
    // a.txt in: its one disagreement on screen, its unanimous ones written.
    assert_eq!(m.paragraphs.len(), 3);
    assert_eq!(m.cases.len(), 1);
    assert_eq!(
        m.paragraph().map(|p| p.text.to_string()),
        Some(A[1].to_owned())
    );
    assert_eq!(m.progress(), (0, 1));
    assert_eq!(m.reading.as_ref().unwrap().status(), "reading 1/3 files");
    // Both in one write, flushed once.
    assert!(
        matches!(&effects[..], [Effect::PersistMany { labels, .. }] if labels.len() == 2),
        "{effects:?}"
    );
    assert_eq!(
        written(&mut m, effects),
        [
            w("unanimous", "a.txt", 0, true),
            w("unanimous", "a.txt", 2, true)
        ]
    );
    assert!(m.unsaved.is_empty());
    assert_eq!(m.save, crate::tui::ledger::SaveMark::Saved);
    let g = m.gold[2].as_deref().unwrap();
    assert_eq!(g.source.as_deref(), Some("unanimous"));
    assert_eq!(g.updated_at, AT);
    assert_eq!(g.reviewer.as_deref(), Some("lead"));
    assert_eq!(m.unanimous_gold, 2);
    assert_eq!(m.message, None, "said once reading is done");
    // b.txt, then the end: the queue grows, the report is said.
    let effects = update(
        &mut m,
        Action::Read(batch(vec![document("b.txt", &B)], 3, true)),
    );
    assert_eq!(written(&mut m, effects), [w("unanimous", "b.txt", 0, true)]);
    assert_eq!(m.cases.iter().map(|c| c.index).collect::<Vec<_>>(), [1, 4]);
    assert!(m.reading.is_none());
    assert_eq!(m.auto.report(), ["3 unanimous paragraphs written to gold"]);
    assert_eq!(
        m.message.as_deref(),
        Some("3 unanimous paragraphs written to gold")
    );
    assert_eq!(m.unanimous_gold, 3);
}

#[test]
fn gold_follows_its_moved_paragraph_orphans_are_parked_stale_auto_gold_withdrawn() {
    let (alice, bob) = labels();
    // The corpus now: b.txt's two paragraphs swapped; gold stored then:
    // B#1 adjudicated (now at #0), A#1 automatic (no longer unanimous),
    // A#2 on text since rewritten, gone.txt's.
    let stored = vec![
        gold("a.txt", 1, A[1], "achievement", GoldSource::Unanimous),
        gold(
            "a.txt",
            2,
            "　　改写之前。",
            "plan",
            GoldSource::Adjudicated,
        ),
        gold("b.txt", 1, B[1], "problem", GoldSource::Adjudicated),
        gold(
            "gone.txt",
            4,
            "　　没了。",
            "other",
            GoldSource::Adjudicated,
        ),
    ];
    let mut alice = alice;
    let mut bob = bob;
    for l in alice.iter_mut().chain(bob.iter_mut()) {
        if l.doc == "b.txt" {
            l.para = 1 - l.para;
        }
    }
    let mut m = model(alice, bob, stored, true);
    let effects = update(
        &mut m,
        Action::Read(batch(vec![document("a.txt", &A)], 1, false)),
    );
    assert_eq!(
        written(&mut m, effects),
        [
            w("orphan", "a.txt", 2, true),
            w("unanimous", "a.txt", 0, true),
            w("unanimous-withdrawn", "a.txt", 1, false),
            w("unanimous", "a.txt", 2, true),
        ]
    );
    assert!(m.gold[1].is_none(), "back in the queue, undecided");
    let b_now = [B[1], B[0]];
    let effects = update(
        &mut m,
        Action::Read(batch(vec![document("b.txt", &b_now)], 2, false)),
    );
    // The old key goes first, then the new one; B[0] (now #1) unanimous.
    assert_eq!(
        written(&mut m, effects),
        [
            w("relocate", "b.txt", 1, false),
            w("relocate", "b.txt", 0, true),
            w("unanimous", "b.txt", 1, true),
        ]
    );
    let moved = m.gold[3].as_deref().unwrap();
    assert_eq!(
        (moved.para, moved.source.as_deref()),
        (0, Some("adjudicated"))
    );
    let effects = update(&mut m, Action::Read(batch(vec![], 3, true)));
    assert_eq!(written(&mut m, effects), [w("orphan", "gone.txt", 4, true)]);
    assert_eq!(
        m.message.as_deref(),
        Some(
            "3 unanimous paragraphs written to gold; \
             1 paragraph no longer unanimous: back in the queue"
        )
    );
    // The queue: A#1 (undecided) and B#0 (decided before, moved).
    assert_eq!(m.cases.iter().map(|c| c.index).collect::<Vec<_>>(), [1, 3]);
    assert_eq!(m.progress(), (1, 2));
}

#[test]
fn with_review_unanimous_nothing_is_written_and_every_case_is_queued() {
    let (alice, bob) = labels();
    let mut m = model(alice, bob, vec![], false);
    let effects = update(
        &mut m,
        Action::Read(batch(
            vec![document("a.txt", &A), document("b.txt", &B)],
            3,
            true,
        )),
    );
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(m.cases.len(), 5);
    assert!(m.gold.iter().all(Option::is_none));
    assert_eq!(m.unanimous_gold, 0);
    assert_eq!(m.message, None);
    // Most disagreement first, ties in corpus order.
    assert_eq!(m.order, [1, 4, 0, 2, 3]);
}

#[test]
fn a_decision_while_reading_is_saved_and_its_case_stays_on_screen() {
    let (alice, bob) = labels();
    let mut m = model(alice, bob, vec![], false);
    let effects = update(
        &mut m,
        Action::Read(batch(vec![document("a.txt", &A)], 1, false)),
    );
    assert!(effects.is_empty());
    // The disagreement first: alice's version taken and decided.
    assert_eq!(m.order, [1, 0, 2]);
    assert_eq!(m.pos, 0);
    update(&mut m, Action::Take(0));
    let effects = update(&mut m, Action::Decide);
    assert_eq!(
        written(&mut m, effects),
        [w("adjudicate", "a.txt", 1, true)]
    );
    let at = m.order[m.pos];
    // b.txt's disagreement goes before the case on screen; it stays there.
    update(
        &mut m,
        Action::Read(batch(vec![document("b.txt", &B)], 2, false)),
    );
    assert_eq!(m.order, [1, 4, 0, 2, 3]);
    assert_eq!(m.order[m.pos], at);
    assert_eq!(m.progress(), (1, 5));
}
