use super::*;
use proptest::prelude::*;

/// The default schema's detector, built once.
static DEFAULT: std::sync::LazyLock<Detector> =
    std::sync::LazyLock::new(|| Detector::new(&Schema::default_schema()));

fn detect(text: &str) -> Vec<(String, Option<String>)> {
    DEFAULT
        .detect(text)
        .into_iter()
        .map(|s| (s.text, s.label))
        .collect()
}

fn one(text: &str, value: &str, label: Option<&str>) {
    assert_eq!(
        detect(text),
        vec![(value.to_owned(), label.map(str::to_owned))],
        "{text}"
    );
}

#[test]
fn values_with_units_and_their_indicators() {
    one(
        "儿童免疫规划疫苗接种率达到98.5%。",
        "98.5%",
        Some("vaccination_rate"),
    );
    one("家庭医生签约率45.2%，", "45.2%", Some("family_doctor"));
    one("投入资金5000万元，", "5000万元", Some("funds"));
    one(
        "全年门诊诊疗1.2万人次。",
        "1.2万人次",
        Some("medical_services"),
    );
    one(
        "健康档案建档率提高2个百分点；",
        "2个百分点",
        Some("health_records"),
    );
    one("人口自然增长率3.2‰。", "3.2‰", Some("births_population"));
    one("累计投入1160余万元", "1160余万元", Some("funds"));
    one("救助2万余元", "2万余元", Some("health_poverty"));
    one("开展业务培训三百余人次", "三百余人次", Some("training"));
    one("签约覆盖率要达到30%以上", "30%", Some("family_doctor"));
    one(
        "孕产妇系统管理率达到90%以上！",
        "90%",
        Some("maternal_child"),
    );
    one("每个类别不少于 3 个药品", "3 个", Some("drug_procurement"));
    one("新建业务用房16500平方米", "16500平方米", Some("facilities"));
}

#[test]
fn forms_of_numbers() {
    one("接种率９８．５％", "９８．５％", Some("vaccination_rate"));
    one("覆盖1,234人", "1,234人", None);
    one("满意度在80-90%之间", "80-90%", Some("satisfaction"));
    one("建成两个中心", "两个", None);
    // Traditional text finds Simplified keywords, offsets unchanged.
    let text = "全年兒童疫苗接種率達到98.5%。";
    let found = DEFAULT.detect(text);
    assert_eq!(found.len(), 1);
    let s = &found[0];
    assert_eq!(s.label.as_deref(), Some("vaccination_rate"));
    let chars: Vec<char> = text.chars().collect();
    let at: String = chars[s.start as usize..s.end as usize].iter().collect();
    assert_eq!(at, "98.5%");
}

#[test]
fn never_years_dates_times_outline_or_document_numbers() {
    for text in [
        "2022年全市卫生健康工作总结",
        "2021-2025年规划",
        "10月1日起施行",
        "上午8:30开会",
        "1.加强组织领导",
        "2、完善制度",
        "（三）强化监管",
        "(4)落实责任",
        "第三，加强宣传",
        "第12号文件",
        "浙卫发〔2022〕12号",
        "咨询电话0571-88888888",
        "手机13912345678",
        "接种率达到xx%",
        "xxxx年",
        "20xx年完成",
        "H7N9防控",
        "坚持“三个代表”重要思想",
        "建设一个中心",
        "一是加强领导，二是完善制度",
        "“十四五”规划",
        "二次供水检测",
        "一人一档",
        "2021.10开始",
    ] {
        assert_eq!(detect(text), vec![], "{text}");
    }
}

#[test]
fn a_schema_keyword_list_is_used_and_a_missing_one_falls_back() {
    let text = "[[section]]\nname = \"other\"\nzh = \"其他\"\nkey = \"x\"\n\
        [[indicator]]\nname = \"beds\"\nzh = \"床位\"\nkey = \"1\"\nkeywords = [\"病床\"]\n\
        [[indicator]]\nname = \"funds\"\nzh = \"资金\"\nkey = \"2\"\n";
    let schema = Schema::parse(
        &format!("version = 1\n{text}"),
        std::path::Path::new("s.toml"),
    )
    .unwrap();
    let d = Detector::new(&schema);
    let labels: Vec<Option<String>> = d
        .detect("新增病床120张，投入资金30万元")
        .into_iter()
        .map(|s| s.label)
        .collect();
    assert_eq!(labels, [Some("beds".to_owned()), Some("funds".to_owned())]);
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "接种率",
            "达到",
            "98.5",
            "%",
            "万",
            "元",
            "余",
            "三百",
            "两",
            "个",
            "年",
            "第",
            "（",
            "）",
            "“",
            "x",
            "１",
            "．",
            "，",
            "。",
            "\n",
            "𠀀",
            "😀",
            "ｶﾞ",
            "\u{202e}",
            " ",
            "-",
            "人次",
            "資金",
        ]),
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    /// Any text: no panic, spans in order inside the text, each span's text
    /// the text at its offsets.
    #[test]
    fn offsets_hold_for_any_text(text in text()) {
        let chars: Vec<char> = text.chars().collect();
        let mut last = 0;
        for s in DEFAULT.detect(&text) {
            prop_assert!(s.start < s.end && s.end as usize <= chars.len());
            prop_assert!(s.start >= last);
            last = s.end;
            let at: String = chars[s.start as usize..s.end as usize].iter().collect();
            prop_assert_eq!(at, s.text);
        }
    }
}
