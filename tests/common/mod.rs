//! Fixtures shared by the annotation tests: a small Chinese corpus with the
//! odd characters of DESIGN.md §3.
#![allow(dead_code)]

use biaozhu::annotate::Model;
use biaozhu::corpus::{document::build, CorpusOptions, Paragraph, SourceEncoding};
use biaozhu::schema::Schema;
use biaozhu::tui::terminal::Screen;

/// Two documents: headings, a boilerplate line, full-width punctuation at
/// row edges, `　　` indents, Extension B, emoji, half-width kana, a tab, ESC.
pub const DOC_A: &str = concat!(
    "分享\n",
    "一、2023年工作成效\n",
    "　　全区卫生健康系统坚持以人民健康为中心，全年儿童免疫规划疫苗接种率达到98.5%，居民电子健康档案建档率93%，家庭医生签约服务覆盖率达到45.2%。新建村卫生室12所，投入资金1,160万元。\n",
    "（一）疾病预防控制\n",
    "　　严格执行传染病网络直报制度，报告乙类传染病1,203例——同比下降12.5%。“四个最严”要求落实到位；𠀀字、emoji😀、ｶﾞ、制表\t符与\u{1b}[31m转义序列都照原样保存。\n",
    "二、存在问题\n",
    "　　基层医疗人才匮乏，乡村医生老龄化严重（平均年龄58岁），《基本公共卫生服务规范》落实不到位。\n",
);

pub const DOC_B: &str = concat!(
    "三、下一步打算\n",
    "　　继续深化医改，推进家庭医生签约服务扩面提质，力争孕产妇系统管理率达到90%以上。\n",
);

pub fn paragraphs() -> Vec<Paragraph> {
    let opts = CorpusOptions::default();
    let mut out = build("a/报告甲.txt", DOC_A, SourceEncoding::Utf8, &opts).paragraphs;
    out.extend(build("b.txt", DOC_B, SourceEncoding::Utf8, &opts).paragraphs);
    out
}

pub fn model() -> Model {
    let paras = paragraphs();
    let n = paras.len();
    Model::new(
        Schema::default_schema(),
        "alice".to_owned(),
        paras,
        vec![None; n],
    )
}

/// Step `m` to the paragraph with the odd characters (𠀀, ｶﾞ, emoji, ESC).
pub fn to_odd(m: &mut Model) {
    let odd = m
        .paragraphs
        .iter()
        .position(|p| p.text.load().contains('𠀀'))
        .unwrap();
    while m.cursor < odd {
        biaozhu::annotate::update(m, biaozhu::annotate::Action::Next);
    }
}

/// `model` resized to `width`×`height` and drawn on a test terminal.
pub fn draw<S: Screen>(
    model: &mut S,
    width: u16,
    height: u16,
) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    model.update(S::resized(width, height));
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal.draw(|f| model.render(f)).unwrap();
    terminal
}

/// `model` drawn at `width`×`height`, as text ([`buffer_text`]).
pub fn screen<S: Screen>(model: &mut S, width: u16, height: u16) -> String {
    buffer_text(draw(model, width, height).backend().buffer())
}

/// The screen as text: one line per row, wide characters once, trailing
/// spaces trimmed.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut lines = Vec::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            skip = biaozhu::text::str_width(symbol).saturating_sub(1);
        }
        lines.push(line.trim_end().to_owned());
    }
    lines.join("\n")
}

/// An annotator's (section, indicators).
type Version = (&'static str, &'static [&'static str]);

/// Three annotators' labels on [`paragraphs`] for the review screen:
/// paragraph 2 — two say achievement (indicators differ), one
/// indicator_report; 4 — three different sections (no majority); 6 —
/// unanimous problem; 8 — two say plan (one adds maternal_child), the third
/// has no label.
pub fn review_labels() -> Vec<Vec<Option<biaozhu::store::Label>>> {
    let paras = paragraphs();
    let label = |i: usize, section: &str, indicators: &[&str]| {
        let p = &paras[i];
        Some(biaozhu::store::Label {
            section: Some(section.to_owned()),
            indicators: indicators.iter().map(|s| s.to_string()).collect(),
            done: true,
            updated_at: "2026-11-22T10:00:00Z".to_owned(),
            ..biaozhu::store::Label::empty(&p.doc, p.para as u32, &p.hash)
        })
    };
    let mut out = vec![vec![None; paras.len()]; 3];
    let rows: [(usize, [Version; 3]); 3] = [
        (
            2,
            [
                ("achievement", &["vaccination_rate", "funds"]),
                ("achievement", &["vaccination_rate"]),
                ("indicator_report", &["vaccination_rate", "health_records"]),
            ],
        ),
        (
            4,
            [
                ("outbreak", &[]),
                ("problem", &["infectious_disease"]),
                ("other", &[]),
            ],
        ),
        (6, [("problem", &[]), ("problem", &[]), ("problem", &[])]),
    ];
    for (i, versions) in rows {
        for (a, (section, indicators)) in versions.iter().enumerate() {
            out[a][i] = label(i, section, indicators);
        }
    }
    out[0][8] = label(8, "plan", &[]);
    out[1][8] = label(8, "plan", &["maternal_child"]);
    out
}

/// The review screen on [`review_labels`] as `biaozhu review` opens it:
/// the unanimous paragraph 6 already in gold, not in the queue.
pub fn review_model() -> biaozhu::review::screen::Model {
    review_model_of(review_labels())
}

/// The review screen on `labels` (alice, bob, carol on [`paragraphs`]).
pub fn review_model_of(
    labels: Vec<Vec<Option<biaozhu::store::Label>>>,
) -> biaozhu::review::screen::Model {
    use biaozhu::review::queue::{auto_gold, cases, Decider};
    let paras = paragraphs();
    let annotators: Vec<String> = ["alice", "bob", "carol"].map(String::from).to_vec();
    let all = cases(&biaozhu::attach::slots_each(&labels));
    let mut gold = vec![None; paras.len()];
    let by = Decider {
        reviewer: "lead",
        at: "2026-11-23T08:00:00Z",
        duration_ms: 0,
    };
    for (i, l) in auto_gold(&all, &annotators, &paras, &gold.clone(), by) {
        gold[i] = l.map(Box::new);
    }
    let queue = all.into_iter().filter(|c| !c.is_settled()).collect();
    let mut model = biaozhu::review::screen::Model::new(
        Schema::default_schema(),
        "lead".to_owned(),
        annotators,
        paras,
        queue,
        gold,
    );
    model.unanimous_gold = 1;
    model
}

/// `update`, and the store's "saved" for each write it asks for, as the
/// shell does before the next key.
pub fn act(m: &mut Model, action: biaozhu::annotate::Action) -> Vec<biaozhu::tui::effect::Effect> {
    let effects = biaozhu::annotate::update(m, action);
    for effect in &effects {
        if let biaozhu::tui::effect::Effect::Persist { seq, .. } = effect {
            biaozhu::annotate::update(m, biaozhu::annotate::Action::Saved(*seq));
        }
    }
    effects
}
