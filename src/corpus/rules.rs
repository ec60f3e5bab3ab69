//! The named reading rules for real scraped pages (site chrome, PDF line
//! wraps, headings, glosses after mojibake, tables): each one is counted in
//! `biaozhu corpus`'s report and switchable off with `--rules-off NAME,…`.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// One reading rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    Breadcrumb,
    SplitChrome,
    LabelJoin,
    ChromeBlock,
    ViewerMeta,
    SeoSpam,
    SiteNotices,
    TitleCount,
    SpacedTitle,
    GluedChrome,
    HardWraps,
    HeadingBreak,
    Sections,
    HeadingSpaces,
    TraditionalNumerals,
    Glossary,
    MojibakeGloss,
    Tables,
}

/// Every rule, in report order, with its name and what it does.
pub const RULES: [(Rule, &str, &str); 18] = [
    (
        Rule::Breadcrumb,
        "breadcrumb",
        "breadcrumbs (当前位置/您的位置…, 首页 > … > 正文, crumbs one a line) marked boilerplate",
    ),
    (
        Rule::SplitChrome,
        "split-chrome",
        "chrome split one token a line: a label (发布时间：, 来源：, 责任编辑：) and its value on the next line, 【字体：小 中 大】, footers, hex ids, marked",
    ),
    (
        Rule::LabelJoin,
        "label-join",
        "a chrome label alone on its line (发布时间：, 来源：) and its value on the next joined into one boilerplate paragraph",
    ),
    (
        Rule::ChromeBlock,
        "chrome-block",
        "runs of short lines holding chrome, or at the top or bottom of a page, marked as a block",
    ),
    (
        Rule::ViewerMeta,
        "viewer-meta",
        "viewer metadata (上传人… 文档编号… on one line, 第1页 / 共6页, 查看更多, VIP, file sizes, 侵权投诉…) marked",
    ),
    (
        Rule::SeoSpam,
        "seo-spam",
        "injected keyword lines (runs of comma- or underscore-separated keywords) marked",
    ),
    (
        Rule::SiteNotices,
        "site-notices",
        "copyright and reprint notices, ICP numbers, complaint hotlines, 以下是小编…仅供参考, in either script, marked",
    ),
    (
        Rule::TitleCount,
        "title-count",
        "collection-page titles with a Chinese-numeral count ((十五篇)) marked",
    ),
    (
        Rule::SpacedTitle,
        "spaced-title",
        "a title spaced out by a PDF (关于 2023 年 卫生 工作 的 报告) is not taken for a keyword tag line",
    ),
    (
        Rule::GluedChrome,
        "glued-chrome",
        "chrome glued to report text in one line (site ads, Word版本下载后可编辑, page counters, search labels) cut off as boilerplate paragraphs",
    ),
    (
        Rule::HardWraps,
        "hard-wraps",
        "PDF text-layer lines cut at one width mid-sentence rejoined",
    ),
    (
        Rule::HeadingBreak,
        "heading-break",
        "a line ending in an open bracket （ joined with the next",
    ),
    (
        Rule::Sections,
        "sections",
        "a line holding several numbered sections (一、… 二、…) split at them whatever its length",
    ),
    (
        Rule::HeadingSpaces,
        "heading-spaces",
        "spaces after a heading's marker (一、  总体情况) belong to the marker: still a heading",
    ),
    (
        Rule::TraditionalNumerals,
        "traditional-numerals",
        "headings numbered with financial numerals (壹、 貳、 （參）) taken as headings",
    ),
    (
        Rule::Glossary,
        "glossary",
        "a numbered glossary entry (1.“X”：是指…) is not taken as a heading",
    ),
    (
        Rule::MojibakeGloss,
        "mojibake-gloss",
        "pinyin glosses after ? or a Latin letter inside Chinese text removed",
    ),
    (
        Rule::Tables,
        "tables",
        "flattened tables (one short cell a line) joined into one paragraph, cells by spaces, rows by \" | \"",
    ),
];

impl Rule {
    fn index(self) -> usize {
        RULES
            .iter()
            .position(|(r, _, _)| *r == self)
            .expect("every rule is listed")
    }

    pub fn name(self) -> &'static str {
        RULES[self.index()].1
    }

    /// The rule called `name`, as `--rules-off` spells it.
    pub fn from_name(name: &str) -> Option<Rule> {
        RULES
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(r, _, _)| *r)
    }
}

/// Which rules are on (all by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rules {
    off: u32,
}

impl Rules {
    /// Every rule on.
    pub fn all() -> Rules {
        Rules::default()
    }

    /// Every rule off.
    pub fn none() -> Rules {
        Rules {
            off: (1 << RULES.len()) - 1,
        }
    }

    pub fn on(self, rule: Rule) -> bool {
        self.off & (1 << rule.index()) == 0
    }

    pub fn turn_off(&mut self, rule: Rule) {
        self.off |= 1 << rule.index();
    }

    /// These rules with `rule` off.
    pub fn without(mut self, rule: Rule) -> Rules {
        self.turn_off(rule);
        self
    }

    /// The names of the rules turned off, in report order.
    pub fn off_names(self) -> Vec<&'static str> {
        RULES
            .iter()
            .filter(|(r, _, _)| !self.on(*r))
            .map(|(_, n, _)| *n)
            .collect()
    }

    /// `a,b,c` → those rules off; an unknown name is an error naming it
    /// and the known ones.
    pub fn parse_off(list: &str) -> Result<Rules, String> {
        let mut rules = Rules::all();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match Rule::from_name(name) {
                Some(rule) => rules.turn_off(rule),
                None => {
                    let known: Vec<&str> = RULES.iter().map(|(_, n, _)| *n).collect();
                    return Err(format!(
                        "no reading rule named {name:?} (rules: {})",
                        known.join(", ")
                    ));
                }
            }
        }
        Ok(rules)
    }
}

/// How often each rule applied in a document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleCounts([usize; RULES.len()]);

impl RuleCounts {
    pub fn add(&mut self, rule: Rule, n: usize) {
        self.0[rule.index()] += n;
    }

    pub fn get(&self, rule: Rule) -> usize {
        self.0[rule.index()]
    }

    /// Each rule with its count, in report order.
    pub fn iter(&self) -> impl Iterator<Item = (Rule, usize)> + '_ {
        RULES.iter().map(|(r, _, _)| (*r, self.get(*r)))
    }

    pub fn merge(&mut self, other: &RuleCounts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }
}

impl Serialize for RuleCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(RULES.len()))?;
        for (rule, n) in self.iter() {
            map.serialize_entry(rule.name(), &n)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_switch_off() {
        for (rule, name, _) in RULES {
            assert_eq!(Rule::from_name(name), Some(rule));
            assert_eq!(rule.name(), name);
            assert!(Rules::all().on(rule));
            assert!(!Rules::none().on(rule));
            assert!(!Rules::all().without(rule).on(rule));
        }
        let rules = Rules::parse_off("hard-wraps, tables").unwrap();
        assert_eq!(rules.off_names(), vec!["hard-wraps", "tables"]);
        let err = Rules::parse_off("tables,nope").unwrap_err();
        assert!(
            err.contains("\"nope\"") && err.contains("breadcrumb"),
            "{err}"
        );
    }
}
