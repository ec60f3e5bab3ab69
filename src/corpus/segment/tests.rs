use super::*;

fn texts(pieces: &[Piece]) -> Vec<(&str, bool)> {
    pieces
        .iter()
        .map(|p| (p.text.as_str(), p.heading))
        .collect()
}

#[test]
fn markers() {
    for (s, m) in [
        ("一、加强", Some(Marker::Heading)),
        ("十一、工作打算", Some(Marker::Heading)),
        ("（一）加强", Some(Marker::Heading)),
        ("(二)抓基础", Some(Marker::Heading)),
        ("1.积极推进", Some(Marker::Heading)),
        ("12、聚焦", Some(Marker::Heading)),
        ("（3）开展", Some(Marker::Heading)),
        ("一是扎实推进", Some(Marker::Point)),
        ("2.0新模式", None),
        ("1.5万元", None),
        ("2021年", None),
        ("统一、规范", None),
        ("(xxxx-xxxx)", None),
    ] {
        assert_eq!(marker_at(s, Rules::all()).map(|(k, _)| k), m, "{s}");
    }
}

#[test]
fn heading_levels() {
    assert_eq!(heading_level("　　一、总体情况"), Some(1));
    assert_eq!(heading_level("（二）抓基础"), Some(2));
    assert_eq!(heading_level("3.开展检查"), Some(3));
    assert_eq!(heading_level("(4)其他"), Some(4));
    assert_eq!(heading_level("一是扎实推进"), None);
    assert_eq!(heading_level("正文。"), None);
}

#[test]
fn short_lines_stay_whole() {
    let opts = SegmentOptions::default();
    assert_eq!(
        texts(&split_line("　　这次会议的主要任务是，总结工作。  ", &opts)),
        vec![("　　这次会议的主要任务是，总结工作。", false)]
    );
    assert!(split_line(" 　\t", &opts).is_empty());
}

#[test]
fn heading_lead_separated() {
    let opts = SegmentOptions::default();
    assert_eq!(
        texts(&split_line(
            "（一）加强食品安全监管，夯实监管效能，提升监管水平。",
            &opts
        )),
        vec![("（一）加强食品安全监管，夯实监管效能，提升监管水平。", true)]
    );
    assert_eq!(
        texts(&split_line(
            "  1.积极推进便民事项进大厅。按照“转变作风”要求。",
            &opts
        )),
        vec![
            ("  1.积极推进便民事项进大厅。", true),
            ("按照“转变作风”要求。", false)
        ]
    );
    assert_eq!(
        texts(&split_line(
            "一、关注民生 (一)突出“一个中心〞 一是公立医院改革。",
            &opts
        )),
        vec![
            ("一、关注民生", true),
            ("(一)突出“一个中心〞", true),
            ("一是公立医院改革。", false)
        ]
    );
    assert_eq!(
        texts(&split_line(
            "一、工作目标2018 年是开局之年。从 2018 年开始",
            &opts
        )),
        vec![
            ("一、工作目标2018 年是开局之年。", true),
            ("从 2018 年开始", false)
        ]
    );
    let long = format!("一、{}。", "很长".repeat(40));
    assert_eq!(
        texts(&split_line(&long, &opts)),
        vec![(long.as_str(), false)]
    );
}

#[test]
fn long_line_split_at_markers_then_sentences() {
    let opts = SegmentOptions {
        max_chars: 30,
        max_heading_chars: 20,
    };
    let line = "同志们：这次会议很重要。一、关注民生 (一)深化改革 一是公立医院改革取得新突破。组建了管理委员会。二是分级诊疗迈出新步伐，制定了方案。统一、规范。";
    let pieces = split_line(line, &opts);
    assert_eq!(
        texts(&pieces),
        vec![
            ("同志们：这次会议很重要。", false),
            ("一、关注民生", true),
            ("(一)深化改革", true),
            ("一是公立医院改革取得新突破。组建了管理委员会。", false),
            ("二是分级诊疗迈出新步伐，制定了方案。统一、规范。", false),
        ]
    );
}

#[test]
fn no_piece_exceeds_the_limit() {
    let opts = SegmentOptions {
        max_chars: 7,
        max_heading_chars: 5,
    };
    let line = "甲乙丙丁戊己庚辛壬癸，子丑寅卯辰巳午未申酉戌亥。ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let pieces = split_line(line, &opts);
    assert!(
        pieces.iter().all(|p| p.text.chars().count() <= 7),
        "{pieces:?}"
    );
    let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(joined, line);
}

#[test]
fn a_zero_limit_still_ends() {
    let opts = SegmentOptions {
        max_chars: 0,
        max_heading_chars: 0,
    };
    let joined: String = split_line("卫生。健康", &opts)
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(joined, "卫生。健康");
}

#[test]
fn spaces_after_the_marker_and_traditional_numerals() {
    let opts = SegmentOptions::default();
    assert_eq!(
        texts(&split_line("一、  总体情况", &opts)),
        vec![("一、  总体情况", true)]
    );
    assert_eq!(
        texts(&split_line(
            "壹、工作回顧 　　本年度衛生工作穩步推進。",
            &opts
        )),
        vec![("壹、工作回顧", true), ("本年度衛生工作穩步推進。", false)]
    );
    assert_eq!(heading_level("貳、存在問題"), Some(1));
    assert_eq!(heading_level("（參）加強監管"), Some(2));
    // Not numerals: a word that merely starts with one.
    assert_eq!(marker_at("拾金不昧", Rules::all()), None);
}

#[test]
fn glossary_entries_are_not_headings() {
    let opts = SegmentOptions::default();
    for line in [
        "1.“家庭医生签约服务”：是指以全科医生为核心的服务。",
        "2.\"基本公共卫生服务\":指政府提供的服务。",
        "（三）「醫聯體」：是指區域內醫療機構的聯合體。",
    ] {
        assert_eq!(
            texts(&split_line(line, &opts)),
            vec![(line, false)],
            "{line}"
        );
    }
    // A quoted heading without a colon still is one.
    assert_eq!(
        texts(&split_line("一、“放管服”改革", &opts)),
        vec![("一、“放管服”改革", true)]
    );
}

#[test]
fn several_numbered_sections_in_a_short_line_are_split() {
    let opts = SegmentOptions::default();
    let line = "一、工作回顾。全年完成任务。二、存在问题。人才不足。三、下步打算。深化改革。";
    let (pieces, cut) = split_line_with(line, &opts, Rules::all());
    assert!(cut);
    assert_eq!(
        texts(&pieces),
        vec![
            ("一、工作回顾。", true),
            ("全年完成任务。", false),
            ("二、存在问题。", true),
            ("人才不足。", false),
            ("三、下步打算。", true),
            ("深化改革。", false),
        ]
    );
    // Off, or markers out of sequence, or a single one: the line stays.
    assert!(!split_line_with(line, &opts, Rules::all().without(Rule::Sections)).1);
    for line in [
        "（七）加强宣传引导，做好（三）类人群的服务。",
        "全年完成任务。一、二类疫苗接种率达到95%。",
        "一、工作回顾。全年完成任务。三、下步打算。深化改革。",
    ] {
        assert!(!split_line_with(line, &opts, Rules::all()).1, "{line}");
    }
}

/// Pieces of `line` under all rules but `off`, with the rule that decided
/// each.
fn read_without(line: &str, off: Option<Rule>) -> Vec<(String, bool, Option<Rule>)> {
    let rules = off.map_or(Rules::all(), |r| Rules::all().without(r));
    split_line_with(line, &SegmentOptions::default(), rules)
        .0
        .into_iter()
        .map(|p| (p.text, p.heading, p.rule))
        .collect()
}

fn piece(text: &str, heading: bool, rule: Option<Rule>) -> (String, bool, Option<Rule>) {
    (text.to_owned(), heading, rule)
}

#[test]
fn heading_spaces_rule_catches_leaves_and_switches_off() {
    let r = Some(Rule::HeadingSpaces);
    assert_eq!(
        read_without("一、  总体情况", None),
        vec![piece("一、  总体情况", true, r)]
    );
    assert_eq!(
        read_without("（二）\u{3000}加强监管 全年检查120家。", None),
        vec![
            piece("（二）\u{3000}加强监管", true, r),
            piece("全年检查120家。", false, None)
        ]
    );
    // Left alone: no space (no rule needed), and a space before a number,
    // which was a heading already.
    assert_eq!(
        read_without("一、总体情况", None),
        vec![piece("一、总体情况", true, None)]
    );
    assert_eq!(
        read_without("1. 2023年工作回顾", None),
        vec![piece("1. 2023年工作回顾", true, None)]
    );
    // Off: the old reading, one paragraph of text.
    assert_eq!(
        read_without("一、  总体情况", r),
        vec![piece("一、  总体情况", false, None)]
    );
}

#[test]
fn traditional_numerals_rule_catches_leaves_and_switches_off() {
    let r = Some(Rule::TraditionalNumerals);
    let line = "壹、工作回顧 　　本年度衛生工作穩步推進。";
    assert_eq!(
        read_without(line, None),
        vec![
            piece("壹、工作回顧", true, r),
            piece("本年度衛生工作穩步推進。", false, None)
        ]
    );
    assert_eq!(
        read_without("（拾壹）其他工作", None),
        vec![piece("（拾壹）其他工作", true, r)]
    );
    // Left alone: words that start with a financial numeral.
    for line in [
        "拾金不昧的好作風。",
        "陸續開展義診活動。",
        "貳拾萬元用於設備更新。",
    ] {
        let got = read_without(line, None);
        assert!(got.iter().all(|p| p.2.is_none()), "{line}: {got:?}");
    }
    assert_eq!(heading_level_with("貳、存在問題", Rules::all()), Some(1));
    // Off: the old reading, no heading.
    let off = Rules::all().without(Rule::TraditionalNumerals);
    assert_eq!(heading_level_with("貳、存在問題", off), None);
    assert_eq!(marker_at("（參）加強", off), None);
    assert_eq!(read_without(line, r), vec![piece(line, false, None)]);
}

#[test]
fn glossary_rule_catches_leaves_and_switches_off() {
    let r = Some(Rule::Glossary);
    let line = "1.“家庭医生签约服务”：是指以全科医生为核心的服务。";
    assert_eq!(read_without(line, None), vec![piece(line, false, r)]);
    // Left alone: a quoted heading without a colon, and a colon heading
    // whose term is not quoted.
    assert_eq!(
        read_without("一、“放管服”改革", None),
        vec![piece("一、“放管服”改革", true, None)]
    );
    assert_eq!(
        read_without("2.工作目标：全面推进", None),
        vec![piece("2.工作目标：全面推进", true, None)]
    );
    // Off: the old reading, the entry's lead taken as a heading.
    assert_eq!(read_without(line, r), vec![piece(line, true, None)]);
}
