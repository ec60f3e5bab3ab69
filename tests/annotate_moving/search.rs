//! Search: by text with counts and n/N, by label, and the matches highlighted (moved from annotate_moving.rs).

use super::*;
use biaozhu::annotate::search::{occurrences, parse, Query};

#[test]
fn search_counts_matches_and_n_moves_between_them() {
    let mut m = common::model();
    search(&mut m, "家庭医生");
    assert_eq!(m.cursor, 2);
    assert_eq!(m.message.as_deref(), Some("“家庭医生” 1/2"));
    update(&mut m, Action::SearchNext);
    assert_eq!(m.cursor, 8);
    assert_eq!(m.message.as_deref(), Some("“家庭医生” 2/2"));
    update(&mut m, Action::SearchNext);
    assert_eq!(m.message.as_deref(), Some("“家庭医生” 1/2: search wrapped"));
    search(&mut m, "ｶﾞ");
    assert_eq!((m.cursor, m.message.as_deref()), (4, Some("“ｶﾞ” 1/1")));
    search(&mut m, "不存在的词");
    assert_eq!(m.message.as_deref(), Some("“不存在的词” not found"));
}

#[test]
fn occurrences_are_character_ranges() {
    assert_eq!(occurrences("𠀀字𠀀😀𠀀", "𠀀"), vec![0..1, 2..3, 4..5]);
    assert_eq!(occurrences("ｶﾞｶﾞ", "ｶﾞ"), vec![0..2, 2..4]);
    assert!(occurrences("文本", "").is_empty());
}

#[test]
fn label_searches_parse_names_chinese_names_and_the_special_words() {
    let schema = Schema::default_schema();
    let problem = schema
        .sections
        .iter()
        .find(|s| s.name == "problem")
        .unwrap();
    assert_eq!(
        parse(":problem", &schema),
        Ok(Query::Section("problem".into()))
    );
    assert_eq!(
        parse(&format!(":{}", problem.zh), &schema),
        Ok(Query::Section("problem".into()))
    );
    assert_eq!(
        parse(":vaccination_rate", &schema),
        Ok(Query::Indicator("vaccination_rate".into()))
    );
    assert_eq!(parse("：none", &schema), Ok(Query::NoSection));
    assert_eq!(parse(":noind", &schema), Ok(Query::NoIndicator));
    assert_eq!(parse(":flagged", &schema), Ok(Query::Flagged));
    assert_eq!(parse(":noted", &schema), Ok(Query::Noted));
    assert_eq!(parse(":skipped", &schema), Ok(Query::Skipped));
    assert_eq!(parse("问题", &schema), Ok(Query::Text("问题".into())));
    assert!(parse(":问题（不存在）", &schema)
        .unwrap_err()
        .contains("no section type or indicator"));
}

#[test]
fn search_by_label_finds_and_counts_labeled_paragraphs() {
    let mut m = common::model();
    let problem = section(&m, "problem");
    let vacc = indicator(&m, "vaccination_rate");
    for at in ["3", "5", "b.txt:2"] {
        go(&mut m, at);
        act(&mut m, Action::SetSection(problem));
    }
    act(&mut m, Action::ToggleIndicator(vacc));
    update(&mut m, Action::ToggleFlag);
    update(&mut m, Action::StartNote);
    type_line(&mut m, "数字存疑😀");
    go(&mut m, "报告甲:1");
    search(&mut m, ":problem");
    assert_eq!(
        (m.cursor, m.message.as_deref()),
        (2, Some("“:problem” 1/3"))
    );
    update(&mut m, Action::SearchNext);
    assert_eq!(
        (m.cursor, m.message.as_deref()),
        (4, Some("“:problem” 2/3"))
    );
    update(&mut m, Action::SearchPrev);
    assert_eq!(m.cursor, 2);
    search(&mut m, ":vaccination_rate");
    assert_eq!(
        (m.cursor, m.message.as_deref()),
        (8, Some("“:vaccination_rate” 1/1"))
    );
    search(&mut m, ":flagged");
    assert!(m.message.as_deref().unwrap().starts_with("“:flagged” 1/1"));
    search(&mut m, ":noted");
    assert!(m.message.as_deref().unwrap().starts_with("“:noted” 1/1"));
    search(&mut m, ":noind");
    assert!(
        m.message.as_deref().unwrap().contains("/8"),
        "{:?}",
        m.message
    );
    search(&mut m, ":none");
    assert!(
        m.message.as_deref().unwrap().contains("/6"),
        "{:?}",
        m.message
    );
    assert!(m.label(m.cursor).is_none_or(|l| l.section.is_none()));
    // An unknown label name says so and keeps the last search.
    search(&mut m, ":nonsense");
    assert!(m.message.as_deref().unwrap().contains("“:nonsense”"));
    assert_eq!(m.last_search.as_deref(), Some(":none"));
}

#[test]
fn matches_are_highlighted_the_current_one_most() {
    use ratatui::style::Modifier;
    let mut m = common::model();
    search(&mut m, "签约");
    assert_eq!(m.cursor, 2);
    let term = common::draw(&mut m, 100, 30);
    let buf = term.backend().buffer();
    // Cells of the text pane showing 签 underlined (a match), reversed (the current one).
    let mut found = Vec::new();
    for y in 1..29 {
        for x in 0..58 {
            let cell = &buf[(x, y)];
            if cell.symbol() == "签" {
                found.push(cell.style().add_modifier);
            }
        }
    }
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .any(|m| m.contains(Modifier::REVERSED | Modifier::UNDERLINED)));
    // 签 in the text pane is only where the search found it.
    assert!(found.iter().all(|m| m.contains(Modifier::UNDERLINED)));
    // No search, no marks in the text pane (left of the label pane).
    let mut m = common::model();
    let term = common::draw(&mut m, 100, 30);
    let buf = term.backend().buffer();
    for y in 1..29 {
        for x in 0..58 {
            let style = buf[(x, y)].style().add_modifier;
            assert!(!style.contains(Modifier::UNDERLINED), "({x}, {y})");
        }
    }
}
