//! Spans on the labeling screen's buffer (ratatui TestBackend): drawn at
//! exactly their characters when `𠀀`, an emoji, a tab and an ESC stand-in
//! come before them, with an emphasis that survives NO_COLOR; the span
//! mode's suggestions and cursor; and a span-mode snapshot. Plus a property
//! test: any span-mode keys on any paragraph leave spans whose text is the
//! paragraph's text at their offsets.

mod common;

use biaozhu::annotate::keymap::resolve;
use biaozhu::annotate::{update, Action, Model};
use biaozhu::corpus::{document::build, CorpusOptions, SourceEncoding};
use biaozhu::schema::Schema;
use biaozhu::store::{Label, Span};
use biaozhu::tui::key::Key;
use common::{buffer_text, draw};
use proptest::prelude::*;
use ratatui::style::Modifier;

const DOC: &str = concat!(
    "一、工作成效\n",
    "𠀀😀制表\t符\u{1b}[31m：全市疫苗接种率达到98.5%，家庭医生签约率45.2%。\n",
);

fn model(doc: &str) -> Model {
    let paras = build(
        "报告.txt",
        doc,
        SourceEncoding::Utf8,
        &CorpusOptions::default(),
    )
    .paragraphs;
    let n = paras.len();
    let mut m = Model::new(
        Schema::default_schema(),
        "alice".into(),
        paras,
        vec![None; n],
    );
    m.color = false;
    m
}

fn with_span(m: &mut Model, index: usize, part: &str, label: &str) {
    let p = &m.paragraphs[index];
    let byte = p.text.load().find(part).unwrap();
    let start = p.text.load()[..byte].chars().count() as u32;
    let end = start + part.chars().count() as u32;
    let mut l = Label::empty(&p.doc, p.para as u32, &p.hash);
    l.spans.push(Span {
        start,
        end,
        label: label.into(),
    });
    m.labels[index] = Some(Box::new(l));
}

/// The screen cells (x, y) showing `part` on the row that has it, and the
/// cells either side.
type Cell = (u16, u16);

fn cells(buf: &ratatui::buffer::Buffer, part: &str) -> (Vec<Cell>, Cell, Cell) {
    let text = buffer_text(buf);
    let (y, row) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(part))
        .unwrap_or_else(|| panic!("{part} not on screen:\n{text}"));
    // Columns: count widths up to the part.
    let before = &row[..row.find(part).unwrap()];
    let mut x = biaozhu::text::str_width(before) as u16;
    let first = x;
    let mut out = Vec::new();
    for c in part.chars() {
        out.push((x, y as u16));
        x += biaozhu::text::str_width(&c.to_string()) as u16;
    }
    (out, (first - 1, y as u16), (x, y as u16))
}

#[test]
fn a_span_is_marked_exactly_after_astral_emoji_tab_and_escape_without_colour() {
    let mut m = model(DOC);
    update(&mut m, Action::Next);
    with_span(&mut m, 1, "98.5%", "vaccination_rate");
    let term = draw(&mut m, 100, 30);
    let buf = term.backend().buffer();
    let (inside, before, after) = cells(buf, "98.5%");
    for (x, y) in inside {
        let s = buf[(x, y)].style();
        assert!(
            s.add_modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED),
            "({x},{y}) {s:?}"
        );
    }
    for (x, y) in [before, after] {
        assert!(
            !buf[(x, y)]
                .style()
                .add_modifier
                .contains(Modifier::UNDERLINED),
            "({x},{y}) outside the span"
        );
    }
    let text = buffer_text(buf);
    assert!(text.contains("Spans 数值 1"), "{text}");
    assert!(text.contains("“98.5%” 1 疫苗接种"), "{text}");
}

#[test]
fn the_span_mode_marks_suggestions_and_its_cursor() {
    let mut m = model(DOC);
    update(&mut m, Action::Next);
    update(&mut m, Action::StartSpans);
    let term = draw(&mut m, 100, 30);
    let buf = term.backend().buffer();
    let (first, _, _) = cells(buf, "98.5%");
    // The cursor is on the first suggestion's first character (reversed),
    // the rest of it italic and underlined, as is the other suggestion.
    assert!(buf[first[0]]
        .style()
        .add_modifier
        .contains(Modifier::REVERSED));
    for &c in &first[1..] {
        assert!(buf[c]
            .style()
            .add_modifier
            .contains(Modifier::ITALIC | Modifier::UNDERLINED));
    }
    let (second, _, _) = cells(buf, "45.2%");
    for c in second {
        assert!(buf[c].style().add_modifier.contains(Modifier::ITALIC));
    }
    let text = buffer_text(buf);
    assert!(text.starts_with("SPAN MODE  j/k value"), "{text}");
    insta::assert_snapshot!(text);
}

const KEYS: &[Key] = &[
    Key::Left,
    Key::Right,
    Key::CtrlLeft,
    Key::CtrlRight,
    Key::Home,
    Key::End,
    Key::Char('j'),
    Key::Char('k'),
    Key::Char(' '),
    Key::Enter,
    Key::Char('n'),
    Key::Delete,
    Key::Char('u'),
    Key::Char('1'),
    Key::Char('8'),
    Key::Char('s'),
    Key::Esc,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Any paragraph, any keys (span mode and out of it): no panic, and
    /// every stored span lies inside its paragraph, in order, apart.
    #[test]
    fn any_span_mode_keys_keep_spans_on_the_text(
        text in "[a-z0-9 \t\u{1}接种率达到万人次。，%．０-９𠀀😀\u{301}]{1,40}",
        keys in proptest::collection::vec(0..KEYS.len(), 0..80),
    ) {
        let mut m = model(&format!("一、工作\n{text}\n"));
        for k in keys {
            if let Some(a) = resolve(&m.mode, &m.schema, KEYS[k]) {
                if a == Action::Quit { continue; }
                update(&mut m, a);
            }
        }
        for (i, l) in m.labels.iter().enumerate() {
            let Some(l) = l else { continue };
            let len = m.paragraphs[i].text.load().chars().count() as u32;
            for w in l.spans.windows(2) {
                prop_assert!(w[0].end <= w[1].start, "{:?}", l.spans);
            }
            for s in &l.spans {
                prop_assert!(s.start < s.end && s.end <= len, "{s:?} in {len}");
            }
        }
    }
}
