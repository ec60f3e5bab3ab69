//! Where the numeric values are in a paragraph. Pure.
//!
//! A value is a number — Arabic or full-width digits, decimals, thousands
//! commas, or Chinese numerals (`三百`, `两`) — with an optional range
//! (`80-90%`), multiplier (`万`, `亿`), approximation (`余`, `多`) and a unit
//! or sign (`%`, `‰`, `个百分点`, `万元`, `人次`, `家`, `所`, …); a `以上`/`以下`
//! after it is not part of it. Left out: anything followed by a date or time
//! word (`年`, `月`, `日`, `号`, `时`) or a letter or `x` (`20xx`,
//! `H7N9`); ordinals (`第三`); outline numbers (`1.`, `（三）`, `2、` at the
//! start of a clause); numbers in brackets (`〔2022〕`); bare four-digit
//! years and year-like decimals (`2021.10`); long digit runs (phone
//! numbers); Chinese numerals without a unit, the generic ones (`一个`,
//! `一次`, `一批`), ordinals (`二次供水`) and slogans (`“三个代表”`,
//! `一人一档`).

use regex::Regex;
use std::sync::LazyLock;

/// A value found: code-point offsets, `end` exclusive, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Units and signs, longest first where one is the start of another.
const UNITS: &str = "个百分点|個百分點|百分点|百分點|平方米|平方公里|万人次|萬人次|人次|万元|萬元|亿元|億元|元|场次|場次|剂次|劑次|个|個|%|％|‰|人|家|所|名|张|張|例|起|台|户|戶|种|種|次|期|床|项|項|篇|份|辆|輛|支|批|间|間|吨|噸|公里|千克|公斤|岁|歲|天|小时|小時|分钟|分鐘|剂|劑|套|处|處|条|條|本|块|塊|盒|箱|位|队|隊|组|組|班|场|場|轮|輪|册|冊|所次|米";

static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    let arabic = r"(?:[0-9０-９]{1,3}(?:,[0-9]{3})+|[0-9０-９]+)(?:[.．][0-9０-９]+)?";
    let chinese = r"[零〇一二三四五六七八九十百千两兩]+";
    let number = format!(r"(?:{arabic}|{chinese})");
    let pattern = format!(
        r"(?P<num>{number})(?:\s?[-~～—–至到]\s?{number})?(?P<mult>[万萬亿億])?(?P<approx>余|餘|多)?\s?(?P<unit>{UNITS})?"
    );
    Regex::new(&pattern).expect("the value pattern compiles")
});

/// What may not follow a value: a date or time word, an order or rank.
const NOT_AFTER: &[&str] = &[
    "年", "月", "日", "号", "號", "时", "時", "点", "點", "届", "屆", "级", "級", "版", "楼", "樓",
    "层", "層", "路", "周年", "季度", "线", "線",
];

/// Units too generic after a bare `一` (an article: 一个中心, 一次性).
const GENERIC_ONE: &[&str] = &[
    "个", "個", "次", "项", "項", "批", "种", "種", "起", "支", "张", "張", "条", "條", "场", "場",
    "位", "本", "块", "塊", "期", "处", "處", "套", "组", "組", "班", "轮", "輪",
];

/// The values of `text`, in order.
pub fn find(text: &str) -> Vec<Value> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let char_at = |byte: usize| chars.partition_point(|&(b, _)| b < byte);
    let mut out = Vec::new();
    for m in VALUE.captures_iter(text) {
        let whole = m.get(0).expect("group 0");
        let num = &m["num"];
        let unit = m.name("unit").map(|u| u.as_str());
        let before = text[..whole.start()].chars().next_back();
        let after = &text[whole.end()..];
        let chinese = !num
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        if !keep(num, unit, chinese, m.name("mult").is_some(), before, after) {
            continue;
        }
        // A trailing space before a missing unit is not part of the value.
        let value = whole.as_str().trim_end();
        let start = char_at(whole.start());
        out.push(Value {
            start,
            end: start + value.chars().count(),
            text: value.to_owned(),
        });
    }
    out
}

fn keep(
    num: &str,
    unit: Option<&str>,
    chinese: bool,
    multiplied: bool,
    before: Option<char>,
    after: &str,
) -> bool {
    let next = after.chars().next();
    if NOT_AFTER.iter().any(|w| after.starts_with(w))
        || next.is_some_and(|c| {
            c.is_ascii_alphanumeric() || matches!(c, 'x' | 'X' | 'ｘ' | 'Ｘ' | '×')
        })
    {
        return false;
    }
    if before.is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                '第' | '〔' | '[' | '［' | '【' | '.' | '．' | 'x' | 'X' | '-' | '/' | '／'
            )
    }) {
        return false;
    }
    // Outline numbers: `1.`, `2、`, `（三）`, `(4)`.
    let closes = matches!(before, Some('（' | '(')) && matches!(next, Some('）' | ')'));
    if closes || (unit.is_none() && matches!(next, Some('.' | '．' | '、'))) {
        return false;
    }
    if chinese {
        let generic = num == "一" && unit.is_some_and(|u| GENERIC_ONE.contains(&u));
        // `二次供水`, `二期工程`: second, not two.
        let ordinal = num == "二" && unit.is_some_and(|u| matches!(u, "次" | "期"));
        // Slogans: `“三个代表”`, `“五位一体”`, `一人一档`, `千万家`.
        let slogan = matches!(before, Some('“' | '"' | '「' | '『' | '〝' | '‘'))
            || next.is_some_and(|c| "零〇一二三四五六七八九十两兩".contains(c))
            || num.starts_with(['千', '百', '零']);
        return unit.is_some() && !generic && !ordinal && !slogan && !after.starts_with('性');
    }
    if unit.is_some() || multiplied {
        return !year_like(num) || unit.is_some_and(|u| u != "年");
    }
    // A bare number: a decimal that is not a date, never a year or a
    // phone-length digit run.
    let digits = num
        .chars()
        .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    num.contains(['.', '．']) && !year_like(num) && digits < 7
}

/// `2022`, `2021.10`: a year, or a year and a month.
fn year_like(num: &str) -> bool {
    let int: String = num.chars().take_while(|c| c.is_ascii_digit()).collect();
    int.len() == 4 && (int.starts_with("19") || int.starts_with("20")) && {
        let frac = num.split(['.', '．']).nth(1);
        frac.is_none_or(|f| f.len() <= 2)
    }
}
