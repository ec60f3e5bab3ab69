//! Likely web noise: the download buttons, file metadata, copyright notices,
//! 温馨提示 lists and site names that scrapers keep. Such paragraphs are kept
//! but carry `"suggested":"boilerplate"` for the annotation screen.

use super::chrome;
use super::rules::{Rule, RuleCounts, Rules};
use super::segment::heading_level_with;
use regex::{Regex, RegexSet};
use std::sync::LazyLock;

/// Paragraphs longer than this are report text, whatever they mention.
pub const MAX_CHARS: usize = 300;

/// The rules, each with a name for tests and the README.
const RULES: &[(&str, &str)] = &[
    (
        "viewer button or site section",
        r"^(分享|收藏|打印|下[载載](本?文[档檔])?|文[档檔][简簡]介|[评評][论論]|提交[评評][论論]|收起|展[开開]|相[关關][阅閱][读讀]|最近更新|推[荐薦][专專][题題]|相[关關][范範]文推[荐薦]|你可能[关關]注的文[档檔]|[温溫]馨提示|返回[顶頂]部|上一[篇页頁]|下一[篇页頁])\s*[:：]?$",
    ),
    ("site name with home link", r"^\S{1,16}\s*首[页頁]$"),
    (
        "file metadata",
        r"^(ID|大小|[页頁][数數]|格式|[时時][间間]|作者|[来來]源|[浏瀏][览覽]|[下][载載]|上[传傳]者?)\s*[:：]\s*\S",
    ),
    ("comment counter", r"^\d+\s*/\s*\d+$"),
    ("viewer page title", r"_第\d+[页頁]\s*$"),
    (
        "essay-site page title",
        r"[(（](实用|精选|精選|优秀|優秀|通用|热门|熱門|最新)?\d+篇[)）]\s*$",
    ),
    (
        "viewer reading prompt",
        r"已[阅閱][读讀]\d+[页頁]|[还還]剩\d+[页頁]|[继繼][续續]免[费費][阅閱][读讀]",
    ),
    (
        "site chrome phrase",
        r"版[权權][说說]明|版[权權][归歸][属屬]|免[责責][声聲]明|[转轉][载載][请請]保留|[链鏈]接地址|[网網]站客服|下[载載]收益|由[会會][员員]分享|可在[线線][阅閱][读讀]|分享[赚賺][钱錢]|本站|小[编編][为為]大家|[范範]文[网網]|文[库庫][网網]|[网網][络絡]整理",
    ),
    (
        "web address",
        r"(?i)https?://|www\.|\.(com|cn|net)([/:|]|$)",
    ),
    ("file name", r"(?i)\.(docx?|pdf|pptx?|xlsx?|wps|txt)\s*$"),
    (
        "keyword tag line",
        r"^[\p{Han}A-Za-z0-9]{1,8}( [\p{Han}A-Za-z0-9]{1,8}){3,}$",
    ),
];

static SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(RULES.iter().map(|(_, re)| *re)).expect("boilerplate rules compile")
});

/// A line that opens a block of site notices: the numbered list under it is noise.
static NOTICE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([温溫]馨提示|版[权權][说說]明|免[责責][声聲]明)").expect("compiles")
});

/// A numbered list item, optionally bulleted: `• 1. …`, `2、…`.
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[•·●▪\-]?\s*\d{1,2}\s*[.．、]").expect("compiles"));

/// `text` trimmed, if it is short enough to be noise.
fn candidate(text: &str) -> Option<&str> {
    let text = text.trim();
    (text.chars().count() <= MAX_CHARS).then_some(text)
}

/// The names of the rules `text` matches (empty when it looks like report text).
pub fn matching_rules(text: &str) -> Vec<&'static str> {
    candidate(text).map_or_else(Vec::new, |text| {
        SET.matches(text).iter().map(|i| RULES[i].0).collect()
    })
}

/// Whether `text` on its own looks like web noise.
pub fn is_boilerplate(text: &str) -> bool {
    candidate(text).is_some_and(|text| SET.is_match(text))
}

/// Why a line is suggested boilerplate: the base rules (`--no-boilerplate`
/// turns them off with the rest) or a named rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noise {
    Base,
    Rule(Rule),
}

/// Index of the keyword tag line rule in [`RULES`].
const TAG_LINE: usize = RULES.len() - 1;

/// What the base rules and the named line rules say of `text` on its own
/// (`spaced` is set when only the spaced-title rule kept it from being a
/// keyword tag line).
fn judge_line(text: &str, rules: Rules, spaced: &mut bool) -> Option<Noise> {
    if SET.is_match(text) {
        // Which ones matched (an overlapping search) only when it may matter.
        let tag_only = rules.on(Rule::SpacedTitle)
            && text.contains(' ')
            && SET.matches(text).iter().all(|i| i == TAG_LINE);
        if !(tag_only && rules.on(Rule::SpacedTitle) && chrome::is_spaced_title(text)) {
            return Some(Noise::Base);
        }
        *spaced = true;
    }
    if !chrome::short_enough(text) {
        return None;
    }
    chrome::line_rule(&chrome::simplified(text), rules).map(Noise::Rule)
}

/// [`judge_line`] for a piece cut from a long line.
pub fn judge(text: &str, rules: Rules) -> Option<Noise> {
    let text = candidate(text)?;
    judge_line(text, rules, &mut false)
}

/// Classify the lines of a document (see [`classify_with`]) with every
/// rule on: whether each is noise.
pub fn classify(lines: &[String]) -> Vec<bool> {
    let mut counts = RuleCounts::default();
    classify_with(lines, Rules::all(), &mut counts)
        .iter()
        .map(Option::is_some)
        .collect()
}

/// Longest line that can be a token of split chrome or a chrome block.
const SHORT_CHARS: usize = 8;

/// Classify the lines of a document, using context: the numbered items under
/// a 温馨提示 / 版权说明 header are noise too, and so (named rules) are a
/// label's value on the line after it, the font switcher's tokens, crumbs
/// between `>` lines, and short lines in a block with chrome. Blank lines
/// are not noise and do not end a notice block. Counts the spaced titles
/// kept.
pub fn classify_with(
    lines: &[String],
    rules: Rules,
    counts: &mut RuleCounts,
) -> Vec<Option<Noise>> {
    let mut in_notice = false;
    let mut spaced = 0;
    let mut noise: Vec<Option<Noise>> = lines
        .iter()
        .map(|line| {
            let Some(text) = candidate(line) else {
                in_notice = false;
                return None;
            };
            if text.is_empty() {
                return None;
            }
            if NOTICE_HEADER.is_match(text) {
                in_notice = true;
                return Some(Noise::Base);
            }
            if in_notice && LIST_ITEM.is_match(text) {
                return Some(Noise::Base);
            }
            in_notice = false;
            let mut kept = false;
            let judged = judge_line(text, rules, &mut kept);
            spaced += usize::from(kept && judged.is_none());
            judged
        })
        .collect();
    counts.add(Rule::SpacedTitle, spaced);
    let idx: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let short = |i: usize| {
        let t = lines[i].trim();
        t.chars().count() <= SHORT_CHARS
            && !super::clean::ends_sentence(t)
            && heading_level_with(t, rules).is_none()
    };
    if rules.on(Rule::SplitChrome) || rules.on(Rule::Breadcrumb) {
        split_tokens(lines, &idx, rules, &mut noise);
    }
    if rules.on(Rule::ChromeBlock) {
        let tiny = |i: usize| lines[i].trim().chars().count() <= 4;
        blocks(&idx, &short, &tiny, &mut noise);
    }
    noise
}

/// Context of chrome split one token a line: a label's value, the font
/// switcher's tokens, the crumbs on either side of a `>` line.
fn split_tokens(lines: &[String], idx: &[usize], rules: Rules, noise: &mut [Option<Noise>]) {
    // Only short lines can be tokens or labels; longer ones stay empty.
    let simple: Vec<String> = idx
        .iter()
        .map(|&i| {
            let t = lines[i].trim();
            if t.len() <= 120 {
                chrome::simplified(t)
            } else {
                String::new()
            }
        })
        .collect();
    let mark = |noise: &mut [Option<Noise>], k: usize, rule: Rule| {
        if noise[idx[k]].is_none() {
            noise[idx[k]] = Some(Noise::Rule(rule));
        }
    };
    for k in 0..idx.len() {
        let s = simple[k].as_str();
        if rules.on(Rule::SplitChrome) {
            if chrome::is_label_alone(s)
                && k + 1 < idx.len()
                && is_label_value(&lines[idx[k + 1]], rules)
            {
                mark(noise, k + 1, Rule::SplitChrome);
            }
            if chrome::opens_font_switcher(s) {
                let tokens = simple[k + 1..].iter().take(5);
                for (j, _) in (k + 1..).zip(tokens.take_while(|t| chrome::is_font_token(t))) {
                    mark(noise, j, Rule::SplitChrome);
                }
            }
        }
        if rules.on(Rule::Breadcrumb) && matches!(s, ">" | ">>" | "＞" | "›" | "»" | "→") {
            for j in [k.wrapping_sub(1), k + 1] {
                if j < idx.len() && lines[idx[j]].trim().chars().count() <= 30 {
                    mark(noise, j, Rule::Breadcrumb);
                }
            }
        }
    }
}

/// Whether `line` can be the value of a chrome label on the line before:
/// short (up to 40 characters) and no numbered heading.
fn is_label_value(line: &str, rules: Rules) -> bool {
    let value = line.trim();
    value.chars().count() <= 40 && heading_level_with(value, rules).is_none()
}

/// `label-join` (with `split-chrome`): for each chrome line that is a label
/// alone (`发布时间：`, not the font switcher's `【字体：`), the index of the
/// next non-blank line when that is its value: chrome only as the label's
/// value (not on its own, as a hex id or another label is); the two are
/// read as one paragraph.
pub fn label_joins(lines: &[String], noise: &[Option<Noise>], rules: Rules) -> Vec<Option<usize>> {
    let mut joins = vec![None; lines.len()];
    if !(rules.on(Rule::LabelJoin) && rules.on(Rule::SplitChrome)) {
        return joins;
    }
    let label = |i: usize| {
        let t = lines[i].trim();
        (t.len() <= 120)
            .then(|| chrome::simplified(t))
            .filter(|s| chrome::is_label_alone(s) && !chrome::opens_font_switcher(s))
    };
    let idx: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    for w in idx.windows(2) {
        let (i, j) = (w[0], w[1]);
        if noise[i].is_some()
            && noise[j].is_some()
            && is_label_value(&lines[j], rules)
            && label(i).is_some()
            && label(j).is_none()
            && judge(&lines[j], rules).is_none()
        {
            joins[i] = Some(j);
        }
    }
    joins
}

/// `chrome-block`: in a run of short lines (blank lines aside) holding two
/// chrome lines, the short lines between them are chrome, and those out to
/// the page's top or bottom; a run of three or more short lines at the top
/// or bottom of a page, half of them 4 characters or less, is chrome whole.
fn blocks(
    idx: &[usize],
    short: &dyn Fn(usize) -> bool,
    tiny: &dyn Fn(usize) -> bool,
    noise: &mut [Option<Noise>],
) {
    let mut k = 0;
    while k < idx.len() {
        let start = k;
        while k < idx.len() && (noise[idx[k]].is_some() || short(idx[k])) {
            k += 1;
        }
        let run = &idx[start..k];
        let marked = run.iter().filter(|&&i| noise[i].is_some()).count();
        let tiny = run.iter().filter(|&&i| tiny(i)).count();
        let (top, bottom) = (start == 0, k == idx.len());
        let span = if run.len() < 3 || marked == run.len() {
            None
        } else if marked >= 2 {
            // Between its chrome lines, and on to the page's edge; not the
            // short lines leading into report text (a title, a signature).
            let first = run.iter().position(|&i| noise[i].is_some()).unwrap_or(0);
            let last = run.iter().rposition(|&i| noise[i].is_some()).unwrap_or(0);
            Some((
                if top { 0 } else { first },
                if bottom { run.len() - 1 } else { last },
            ))
        } else {
            ((top || bottom) && tiny * 2 >= run.len()).then(|| (0, run.len() - 1))
        };
        if let Some((from, to)) = span {
            for &i in &run[from..=to] {
                if noise[i].is_none() {
                    noise[i] = Some(Noise::Rule(Rule::ChromeBlock));
                }
            }
        }
        k = k.max(start + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines_match() {
        for line in [
            "分享",
            "下载文档",
            "下載本文檔",
            "ID:698656",
            "大小:30.23KB",
            "时间:2023-12-28 00:33:44 作者:灵魂曲",
            "收藏 分享赚钱",
            "0/150",
            "提交評論",
            "2022年市級文明單位申報匯報材料(衛生局)_第1頁",
            "已閱讀5頁,還剩3頁未讀, 繼續免費閱讀",
            "蚂蚁范文网 首页",
            "http://m.csmayi.cn/duwu/fanwen/265205.html",
            "2023年卫生计生工作会议上的工作报告.docx",
            "2023 卫生 计生 工作会议 工作报告",
            "转载请保留,谢谢!",
            "县卫生健康局工作总结和工作思路(实用14篇)",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn report_text_does_not_match() {
        for line in [
            "(一)加强食品安全监管,夯实监管效能,提升监管水平。",
            "  一、巩固推进基层医疗卫生体制改革",
            "区卫生局年度工作总结暨下一步卫生监督工作安排",
            "全年组织对xxx名医师、xxx名护士参加定期考核。",
            "1、聚焦高水平引领,深化健康-建设。",
            "二是分享经验，下载并学习先进做法。",
        ] {
            assert!(!is_boilerplate(line), "{line}: {:?}", matching_rules(line));
        }
    }

    #[test]
    fn notice_lists_are_noise_until_the_list_ends() {
        let lines: Vec<String> = [
            "溫馨提示",
            "",
            "  • 4. 未經權益所有人同意不得將文件中的內容挪作商業或盈利用途。",
            "2. 下载前请仔细阅读文档内容。",
            "一、加强领导",
            "1. 健全组织。",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            classify(&lines),
            vec![true, false, true, true, false, false]
        );
    }
}
