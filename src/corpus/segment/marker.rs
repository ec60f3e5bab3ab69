//! Numbered markers that can start a paragraph: section headings (`一、`
//! `（一）` `1.` `1、` `（1）`) and enumerated points (`一是`).

use super::take_while;
use crate::corpus::rules::{Rule, Rules};

/// Kinds of numbered marker that can start a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    /// `一、` `（一）` `(一)` `1.` `1、` `（1）`: a section heading.
    Heading,
    /// `一是` `二是`: an enumerated point, a split point but not a heading.
    Point,
}

/// Chinese numerals of headings.
const NUMERALS: &str = "一二三四五六七八九十";

/// The financial forms (`壹、` `貳、`) Traditional reports number with (the
/// `traditional-numerals` rule).
const FINANCIAL: &str = "壹贰貳叁參肆伍陆陸柒捌玖拾";

/// Whether `c` numbers a heading under `rules`.
fn is_numeral(c: char, rules: Rules) -> bool {
    NUMERALS.contains(c) || (FINANCIAL.contains(c) && rules.on(Rule::TraditionalNumerals))
}

/// Whether `marker` is written with a financial numeral.
pub(super) fn is_financial(marker: &str) -> bool {
    marker.contains(|c| FINANCIAL.contains(c))
}

/// The marker `s` starts with, and its length in bytes (financial numerals
/// only with the `traditional-numerals` rule on).
pub(super) fn marker_at(s: &str, rules: Rules) -> Option<(Marker, usize)> {
    let numerals = take_while(s, |c| is_numeral(c, rules));
    if numerals > 0 && numerals <= 9 {
        let rest = &s[numerals..];
        if rest.starts_with('、') {
            return Some((Marker::Heading, numerals + '、'.len_utf8()));
        }
        if rest.starts_with('是') && numerals <= 6 {
            return Some((Marker::Point, numerals + '是'.len_utf8()));
        }
        return None;
    }
    if let Some(inner) = s.strip_prefix(['(', '（']) {
        let open = s.len() - inner.len();
        let n = take_while(inner, |c| is_numeral(c, rules));
        let n = if n > 0 && n <= 9 {
            n
        } else {
            let d = take_while(inner, |c| c.is_ascii_digit());
            if d == 0 || d > 2 {
                return None;
            }
            d
        };
        let close = inner[n..].chars().next()?;
        return matches!(close, ')' | '）').then(|| (Marker::Heading, open + n + close.len_utf8()));
    }
    let digits = take_while(s, |c| c.is_ascii_digit());
    if digits == 0 || digits > 2 {
        return None;
    }
    let mut rest = s[digits..].chars();
    let sep = rest.next()?;
    let next = rest.next();
    let ok = match sep {
        '、' => true,
        '.' | '．' => next.is_some_and(|c| !c.is_ascii_digit() && c != '.' && c != '．'),
        _ => false,
    };
    ok.then(|| (Marker::Heading, digits + sep.len_utf8()))
}

/// Nesting level of a numbered heading: `一、` 1, `（一）` 2, `1.`/`1、` 3,
/// `（1）` 4; `None` for text that does not start with a heading marker.
pub fn heading_level(text: &str) -> Option<u8> {
    heading_level_with(text, Rules::all())
}

/// [`heading_level`] under `rules` (the corpus reader's).
pub fn heading_level_with(text: &str, rules: Rules) -> Option<u8> {
    let body = text.trim_start();
    let (Marker::Heading, _) = marker_at(body, rules)? else {
        return None;
    };
    let mut chars = body.chars();
    Some(match (chars.next()?, chars.next()?) {
        ('(' | '（', c) if c.is_ascii_digit() => 4,
        ('(' | '（', _) => 2,
        (c, _) if c.is_ascii_digit() => 3,
        _ => 1,
    })
}

/// The value of a Chinese numeral of at most two places (`三` 3, `十四` 14,
/// `貳拾` 20).
fn numeral_value(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "一壹二贰貳三叁參四肆五伍六陆陸七柒八捌九玖"
            .chars()
            .position(|d| d == c)
            .map(|p| {
                [
                    1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 9, 9,
                ][p]
            })
    };
    let ten = |c: char| matches!(c, '十' | '拾');
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [d] => digit(*d).or(ten(*d).then_some(10)),
        [t, d] if ten(*t) => digit(*d).map(|d| 10 + d),
        [d, t] if ten(*t) => digit(*d).map(|d| d * 10),
        [a, t, b] if ten(*t) => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// A Chinese-numbered section marker `s` starts with: its kind (0 `一、`,
/// 1 `（一）`) and number.
pub(super) fn numbered(s: &str, rules: Rules) -> Option<(u8, u32)> {
    let (Marker::Heading, len) = marker_at(s, rules)? else {
        return None;
    };
    let m = &s[..len];
    if let Some(n) = m.strip_suffix('、') {
        return numeral_value(n).map(|v| (0, v));
    }
    let inner = m
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    (inner.len() < m.len()).then_some(())?;
    numeral_value(inner).map(|v| (1, v))
}
