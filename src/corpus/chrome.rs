//! Site chrome as real pages bring it, each kind a named rule: breadcrumbs,
//! chrome split one token a line, viewer metadata, injected keyword lines,
//! site notices, collection titles. Patterns are written in Simplified
//! characters and matched on a Simplified view of the line (fast2s, one
//! character for one), so Traditional pages match too.

use super::rules::{Rule, Rules};
use regex::Regex;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("chrome rules compile")
}

/// Regexes compiled on first use: `NAME = pattern;` each.
macro_rules! regexes {
    ($($(#[$doc:meta])* $name:ident = $pattern:expr;)*) => {
        $($(#[$doc])* static $name: LazyLock<Regex> = LazyLock::new(|| re($pattern));)*
    };
}

regexes! {
    /// A whole-line breadcrumb: a location label, or crumbs joined by `>`,
    /// `>>`, `›`, `»`, `→`.
    LOCATION = r"^(当前位置|您现在的位置|你现在的位置|您的位置|你的位置|您所在的位置|你所在的位置|所在位置|现在位置|当前页面)\s*[:：]?";
    CRUMB_SEP = r"\s*(?:>>|＞＞|>|＞|›|»|→)\s*";
    /// A breadcrumb token on a line of its own.
    CRUMB_TOKEN = r"^(>>|＞＞|>|＞|›|»|→|正文|首页|网站首页|主页)$";
    /// A label whose value comes on the next line, or a label with its value
    /// that only site templates print.
    LABEL_ALONE = r"^[【\[]?(发布时间|发布日期|发文日期|更新时间|时间|日期|来源|信息来源|文章来源|稿件来源|浏览次数|浏览量|阅读次数|阅读量|点击数|点击量|点击率|访问量|访问次数|作者|发布者|发布人|发布机构|发布单位|责任编辑|编辑|审核|审核人|校对|字体|字号|分享到|相关附件|相关链接|相关文件|索引号|文号|发文机关|主题分类|成文日期|信息分类|资源描述|文档描述|内容简介|文档简介)\s*[:：]?\s*$";
    TEMPLATE_LABEL = r"^[【\[]?(发布时间|发布日期|更新时间|信息来源|文章来源|稿件来源|浏览次数|阅读次数|点击数|点击量|访问量|访问次数|责任编辑|发布机构|发布者|索引号|审核人|分享到|字体|字号)\s*[:：]";
    FOOTER = r"^(扫一扫|用手机扫|手机扫码|手机扫描|扫描二维码).{0,20}$|^([【\[]?(打印本页|打印此页|打印文章|打印正文|打印|关闭窗口|关闭本页|关闭页面|关闭|返回顶部|返回列表|返回首页|收藏本页|加入收藏|纠错)[】\]]?\s*)+$|^(上一篇|下一篇|上一条|下一条)\s*[:：]|^[0-9a-fA-F]{16,}$|^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$";
    /// The font-size switcher's tokens, chrome only right after `【字体：`.
    FONT_TOKEN = r"^[【\[]?\s*[大中小]\s*[】\]]?$|^[】\]]$|^[【\[]$";
    VIEWER_META_LABEL = r"(上传人|上传者|贡献者|文档编号|文档ID|上传时间|发布时间|更新时间|格式|页数|大小|字数|浏览量?|下载量?|下载次数|阅读量?|点击量?|来源|作者|分类|标签|评分|所需积分|积分|下载券)\s*[:：]\s*\S";
    VIEWER_META = r"^(上传人|上传者|贡献者|文档编号|文档ID|上传时间|字数|所需积分|下载券|资源描述|文档描述|内容简介|文档格式|文件大小|文件格式)\s*[:：]|^第\s*\d+\s*页\s*[/／,，]?\s*共\s*\d+\s*页$|^共\s*\d+\s*页$|^\d+\s*页$|^\d+(\.\d+)?\s*万?字$|^(?i:\d+(\.\d+)?\s*(kb|mb|gb|k|m|b))$|^(查看更多|查看全文|展开全文|阅读全文|点击查看|全文阅读|继续阅读|资源描述|文档描述|内容简介|举报|我要举报|投诉|侵权投诉|版权投诉|侵权举报|VIP|VIP专享|VIP免费|VIP专享文档|会员免费|免费下载|立即下载|付费下载|加入VIP|开通VIP|下载券|\+\s*关注|关注|已关注)\s*[:：]?$|^(发布于|IP属地\s*[:：]?)\s*\S{2,5}$";
    SITE_NOTICE = r"版权所有|版权声明|未经.{0,10}(许可|授权|同意).{0,6}(不得)?(转载|复制|摘编)|转载.{0,8}(注明|请|须|需).{0,6}(出处|来源)|(请|须)注明出处|(?i:icp)\s*(备|证)|公网安备|^(举报|投诉|监督)(电话|热线|邮箱)\s*[:：]|^(主办单位|承办单位|协办单位|技术支持|网站标识码)\s*[:：]|^(网站地图|联系我们|关于我们|网站声明|隐私政策)(\s*[|｜]\s*\S+)*$|建议使用.{0,20}浏览器|最佳分辨率|^以下是.{0,40}(小编|编辑|本站|为大家|为您|整理|收集|搜集)|仅供参考[,，。!！]?.{0,10}(欢迎|希望|大家|您)|(供|给)(大家|您)(参考|借鉴)";
    /// A collection page's title with a Chinese-numeral count: `(十五篇)`.
    TITLE_COUNT = r"[(（](精选|实用|优秀|通用|热门|最新|推荐|汇总|合集|范文|模板|必备|经典|共)?[一二三四五六七八九十两百]+篇[)）]\s*$";
    /// Words that never occur in a health report but fill injected keyword lines.
    SPAM_WORD = r"博彩|赌场|赌博网|百家乐|六合彩|时时彩|娱乐城|真人视讯|真人荷官|老虎机|棋牌游戏|开户送|注册送|代开发票|私服|外挂|菠菜|体育投注|彩票平台|彩票网";
    /// Chrome that sites glue into a line of report text: their advertising
    /// sentence, "Word version, editable after download", a page counter with a
    /// download prompt, a search form's labels.
    GLUED = r"(?:想了解更多|了解更多|查看更多|获取更多|更多)[^。！？!?\s]{0,30}?(?:请|欢迎|尽在|敬请)(?:访问|关注|登录|点击|搜索|收藏)?[^。！？!?\s]{0,30}[。！？!?]?|(?:本文|本篇|此文)(?:由|来自|来源于?)[^。！？!?\s]{0,30}?(?:网|站|文库|整理)[^。！？!?\s]{0,20}[。！？!?]?|[(（【]?(?:本文档?|本资料|此文档?|文档)?(?:为|是)?\s*(?i:word|doc|docx)\s*(?:版本?|格式|文档)?[,，、]?\s*(?:下载后|可以|可)*(?:任意|自由)?编辑(?:修改)?[)）】]?[。!！]?|[(（【](?:可编辑|可编辑版|可修改)[)）】]|下载后可(?:任意|自由)?编辑(?:修改)?[。!！]?|第\s*\d+\s*页\s*[/／,，、]?\s*共\s*\d+\s*页(?:\s*[^\s。，,]{0,8}(?:下载|阅读|查看|点击)[^\s。，,]{0,8})?|(?:站内搜索|全文检索|搜索)\s*[:：]?\s*请输入[^\s。，,]{0,8}(?:\s*(?:搜索|检索|高级搜索))*|请输入关键[词字]\s*(?:搜索|检索)(?:\s*高级搜索)?";
}

/// The Simplified view of `text` (the same characters where fast2s would
/// change their count).
pub fn simplified(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    let s = fast2s::convert(text);
    if s.chars().count() == text.chars().count() {
        s
    } else {
        text.to_owned()
    }
}

/// A run of crumbs: `首页 > 政务公开 > 正文`.
fn is_crumb_line(text: &str) -> bool {
    let seps = CRUMB_SEP.find_iter(text).count();
    if seps == 0 {
        return false;
    }
    let parts: Vec<&str> = CRUMB_SEP.split(text).collect();
    let short = parts.iter().all(|p| {
        p.chars().count() <= 40 && !p.contains(['。', '，', ',', '；', '!', '！', '?', '？'])
    });
    let words = parts
        .iter()
        .filter(|p| !p.is_empty())
        .all(|p| p.chars().any(super::clean::is_ideograph));
    let first = parts[0].trim();
    short && words && (seps >= 2 || first.ends_with("首页") || first.ends_with("主页"))
}

/// An injected keyword line: many short keywords joined by `_` or by
/// commas and `|`, nothing like a sentence.
fn is_seo_spam(text: &str) -> bool {
    if SPAM_WORD.is_match(text) && text.chars().count() <= 120 {
        return true;
    }
    if text.contains(['。', '；', '：', '、']) {
        return false;
    }
    let short_parts = |sep: &[char]| {
        let parts: Vec<&str> = text.split(sep).map(str::trim).collect();
        let all_short = parts.iter().all(|p| p.chars().count() <= 16);
        (parts.len(), all_short)
    };
    let (n, short) = short_parts(&['_', '＿']);
    if n >= 4 && short {
        return true;
    }
    let (n, short) = short_parts(&[',', '，', '|', '｜']);
    n >= 8 && short
}

/// Whether a line spaced by a PDF is a title, not a keyword tag line: it
/// has a one-character word (`年`, `的`) or starts with `关于`.
pub fn is_spaced_title(text: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    words.len() >= 3
        && (words[0] == "关于"
            || words.iter().any(|w| {
                let mut cs = w.chars();
                cs.next().is_some_and(super::clean::is_ideograph) && cs.next().is_none()
            }))
}

/// Longest line the named line rules look at: chrome is short; a longer
/// line is report text whatever it mentions.
const MAX_LINE_CHARS: usize = 150;

/// Whether the line rules look at `text` at all.
pub fn short_enough(text: &str) -> bool {
    text.len() <= MAX_LINE_CHARS || text.chars().nth(MAX_LINE_CHARS).is_none()
}

/// The rule a line (trimmed, short, its Simplified view) matches on its own.
pub fn line_rule(s: &str, rules: Rules) -> Option<Rule> {
    if !short_enough(s) {
        return None;
    }
    type Check<'a> = (Rule, &'a dyn Fn(&str) -> bool);
    let checks: [Check; 6] = [
        (Rule::Breadcrumb, &|s| {
            LOCATION.is_match(s) || is_crumb_line(s) || CRUMB_TOKEN.is_match(s)
        }),
        (Rule::SplitChrome, &|s| {
            LABEL_ALONE.is_match(s) || TEMPLATE_LABEL.is_match(s) || FOOTER.is_match(s)
        }),
        (Rule::ViewerMeta, &|s| {
            VIEWER_META.is_match(s) || VIEWER_META_LABEL.find_iter(s).count() >= 2
        }),
        (Rule::SiteNotices, &|s| SITE_NOTICE.is_match(s)),
        (Rule::TitleCount, &|s| TITLE_COUNT.is_match(s)),
        (Rule::SeoSpam, &|s| is_seo_spam(s)),
    ];
    checks
        .iter()
        .find(|(rule, check)| rules.on(*rule) && check(s))
        .map(|(rule, _)| *rule)
}

/// A label line whose value comes on the next line (`发布时间：`).
pub fn is_label_alone(s: &str) -> bool {
    LABEL_ALONE.is_match(s)
}

/// A token of the font-size switcher (`小`, `】`).
pub fn is_font_token(s: &str) -> bool {
    FONT_TOKEN.is_match(s)
}

/// The switcher's opening: `【字体：`.
pub fn opens_font_switcher(s: &str) -> bool {
    s.trim_start_matches(['【', '[']).starts_with(['字']) && s.contains(['体', '号'])
}

/// Words every kind of glued chrome holds, in both scripts: a line without
/// one is not converted and searched (`str::contains` is a SIMD scan, faster
/// here than one automaton over all of them).
const GLUED_HINTS: [&str; 11] = [
    "更多",
    "本文",
    "本篇",
    "此文",
    "编辑",
    "編輯",
    "可修改",
    "页",
    "頁",
    "请输入",
    "請輸入",
];

/// Byte ranges of chrome glued into `line` (maybe all of it), in order.
pub fn glued(line: &str) -> Vec<std::ops::Range<usize>> {
    if !GLUED_HINTS.iter().any(|h| line.contains(h)) {
        return Vec::new();
    }
    let view = simplified(line);
    let mut hits: Vec<std::ops::Range<usize>> = GLUED.find_iter(&view).map(|m| m.range()).collect();
    if hits.is_empty() {
        return hits;
    }
    if view.len() != line.len() {
        // One character for one, but not one byte for one: map by character.
        let starts: Vec<usize> = view.char_indices().map(|(b, _)| b).collect();
        let orig: Vec<usize> = line
            .char_indices()
            .map(|(b, _)| b)
            .chain([line.len()])
            .collect();
        let map = |b: usize| orig[starts.partition_point(|&s| s < b)];
        for h in &mut hits {
            *h = map(h.start)..map(h.end);
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(line: &str) -> Option<Rule> {
        line_rule(&simplified(line), Rules::all())
    }

    #[test]
    fn each_line_rule_catches_its_chrome() {
        for (line, want) in [
            ("当前位置：首页 > 新闻中心", Rule::Breadcrumb),
            ("您所在的位置", Rule::Breadcrumb),
            ("首页>>通知公告>>正文", Rule::Breadcrumb),
            ("首頁 › 衛生健康", Rule::Breadcrumb),
            ("»", Rule::Breadcrumb),
            ("发布时间：", Rule::SplitChrome),
            ("來源：", Rule::SplitChrome),
            ("【字体：", Rule::SplitChrome),
            ("扫一扫在手机打开当前页", Rule::SplitChrome),
            ("【打印本页】 【关闭窗口】", Rule::SplitChrome),
            ("下一篇：全县启动爱国卫生月活动", Rule::SplitChrome),
            ("0f1e2d3c4b5a69788796a5b4", Rule::SplitChrome),
            (
                "上传人：张三 上传时间：2023-05-01 格式：PDF",
                Rule::ViewerMeta,
            ),
            ("第1页 / 共6页", Rule::ViewerMeta),
            ("1.2MB", Rule::ViewerMeta),
            ("发布于江苏", Rule::ViewerMeta),
            ("侵權投訴", Rule::ViewerMeta),
            ("版權所有：某某網", Rule::SiteNotices),
            ("京ICP备05012345号", Rule::SiteNotices),
            ("投訴熱線：12345", Rule::SiteNotices),
            ("以下是小編整理的工作總結", Rule::SiteNotices),
            ("工作总结(精选十五篇)", Rule::TitleCount),
            ("总结_范文_计划_报告_心得", Rule::SeoSpam),
            ("百家乐,真人荷官", Rule::SeoSpam),
        ] {
            assert_eq!(rule(line), Some(want), "{line}");
        }
    }

    #[test]
    fn report_text_is_left_alone() {
        for line in [
            "患者可通过医院首页预约挂号。",
            "资金来源：中央财政补助和地方配套。",
            "信息来源于国家传染病网络直报系统。",
            "体温>37.3℃的患者须到发热门诊就诊。",
            "每千人口床位数/执业医师数分别为5.6/2.9。",
            "设立投诉举报电话，及时受理群众投诉。",
            "未经许可使用他人注册商标的行为被依法查处。",
            "加强领导,落实责任,强化督导,严格考核,注重实效,确保质量,推进落实,全面完成。",
            "依法打击非法行医和代孕行为。",
            "体育彩票公益金支持全民健身设施建设。",
            "打印机、电脑等办公设备按规定采购。",
        ] {
            assert_eq!(rule(line), None, "{line}");
        }
        assert!(!is_spaced_title("2023 卫生 计生 工作会议 工作报告"));
        assert!(is_spaced_title("关于 2023 年 卫生 工作 的 报告"));
    }

    #[test]
    fn glued_chrome_is_found_in_mid_line() {
        let line = "全年完成诊疗5万人次。本文档为Word版本，下载后可编辑。二、主要做法";
        let hits = glued(line);
        assert_eq!(hits.len(), 1);
        assert_eq!(&line[hits[0].clone()], "本文档为Word版本，下载后可编辑。");
        let trad = "工作有序推進。更多範文請訪問某某網。下一步";
        assert_eq!(&trad[glued(trad)[0].clone()], "更多範文請訪問某某網。");
        for text in [
            "查看更多患者的病历。",
            "第一页共计两项内容。",
            "请输入患者身份证号码进行查询。",
            "编辑部全年编辑出版健康教育读物3种。",
        ] {
            assert!(glued(text).is_empty(), "{text}");
        }
    }
}
