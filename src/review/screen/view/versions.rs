//! The review's right pane: each annotator's version side by side,
//! colour-coded against the majority, the gold proposal and where it comes
//! from, and the label lists with the proposal highlighted and the votes.

use crate::review::queue::{Case, Choice};
use crate::review::screen::keymap::{TAKE_HINT, TAKE_HINT_SHORT};
use crate::review::screen::model::{provenance, Model, Origin};
use crate::schema::LabelDef;
use crate::schema::Schema;
use crate::text::{fit, sanitize, str_width};
use crate::tui::label_list::{grid, zh_width};
use crate::tui::style::Theme;
use ratatui::text::{Line, Span};

pub fn lines(model: &Model, theme: Theme, width: usize, height: usize) -> Vec<Line<'static>> {
    let Some(case) = model.case() else {
        return vec![Line::from(fit("nothing to review", width))];
    };
    // The take keys in the header when they fit (shortened if need be),
    // else on a row of their own below the annotators.
    let header = [
        format!("Annotators 标注  {TAKE_HINT}"),
        format!("标注  {TAKE_HINT_SHORT}"),
    ]
    .into_iter()
    .find(|h| str_width(h) <= width);
    let mut out = vec![Line::from(Span::styled(
        fit(header.as_deref().unwrap_or("Annotators 标注"), width),
        theme.title(),
    ))];
    let name_w = model
        .annotators
        .iter()
        .map(|n| str_width(n))
        .max()
        .unwrap_or(0)
        .min(12);
    for (a, name) in model.annotators.iter().enumerate() {
        out.push(version_line(model, case, a, name, name_w, theme, width));
    }
    if header.is_none() {
        out.push(Line::from(Span::styled(fit(TAKE_HINT, width), theme.dim())));
    }
    out.extend(review_lines(model, case, theme, width));
    out.push(proposal_line(model, theme, width));
    out.extend(span_lines(model, case, theme, width));
    out.push(Line::from(Span::styled(
        fit("Section 段落类型 (gold)", width),
        theme.title(),
    )));
    let n = case.versions.len();
    let draft = &model.draft.choice;
    let section_votes = |name: &str| {
        case.versions
            .iter()
            .filter(|v| v.choice.section.as_deref() == Some(name))
            .count()
    };
    let votes = |count: usize| {
        if count == 0 {
            String::new()
        } else {
            format!(" {count}/{n}")
        }
    };
    let sections = &model.schema.sections;
    let indicators = &model.schema.indicators;
    // The sections go in two columns when one would squeeze the indicators
    // into more than two.
    let left = height.saturating_sub(out.len() + 1);
    let section_rows = if left.saturating_sub(sections.len()) >= indicators.len().div_ceil(2) {
        sections.len()
    } else {
        sections.len().div_ceil(2)
    };
    out.extend(grid(
        sections,
        &|def| {
            (draft.section.as_deref() == Some(def.name.as_str())).then(|| theme.chosen(def.color))
        },
        &|def| votes(section_votes(&def.name)),
        theme,
        width,
        section_rows.max(1),
    ));
    out.push(Line::from(Span::styled(
        fit("Indicators 指标 (gold)", width),
        theme.title(),
    )));
    let budget = height.saturating_sub(out.len());
    let ind_votes = |def: &LabelDef| {
        case.versions
            .iter()
            .filter(|v| v.choice.indicators.contains(&def.name))
            .count()
    };
    // Too few rows for every indicator's name (a small terminal): only
    // those someone chose or the proposal has, by name; the help lists
    // the rest.
    let columns = indicators.len().div_ceil(budget.max(1)).max(1);
    let shown: Vec<LabelDef> = if (width / columns).saturating_sub(1) < zh_width(indicators) {
        indicators
            .iter()
            .filter(|d| ind_votes(d) > 0 || draft.indicators.contains(&d.name))
            .cloned()
            .collect()
    } else {
        indicators.clone()
    };
    out.extend(grid(
        &shown,
        &|def| {
            draft
                .indicators
                .contains(&def.name)
                .then(|| theme.chosen(def.color))
        },
        &|def| votes(ind_votes(def)),
        theme,
        width,
        budget,
    ));
    out.truncate(height);
    out
}

/// `N name  k 中文  1 8 (`: annotator `a`'s version, each part green where
/// it agrees with the majority and red (underlined) where it differs.
fn version_line(
    model: &Model,
    case: &Case,
    a: usize,
    name: &str,
    name_w: usize,
    theme: Theme,
    width: usize,
) -> Line<'static> {
    // The take key styled as a key; the name and its padding plain.
    let name = format!(
        " {}{} ",
        fit(name, name_w),
        " ".repeat(name_w.saturating_sub(str_width(name)))
    );
    let mut spans = vec![
        Span::styled((a + 1).to_string(), theme.key()),
        Span::raw(name),
    ];
    let Some(version) = case.version_of(a) else {
        spans.push(Span::styled("(no label)", theme.dim()));
        return clip(spans, width);
    };
    let majority = &case.majority;
    let judge = |agrees: bool| {
        if agrees {
            theme.agree()
        } else {
            theme.differ()
        }
    };
    // Without a majority section type every section is a minority one:
    // plain, neither agreeing nor differing.
    let section_style = match &majority.section {
        Some(section) => judge(version.choice.section.as_ref() == Some(section)),
        None => theme.plain(),
    };
    spans.push(Span::styled(
        section_text(&model.schema, &version.choice),
        section_style,
    ));
    // In the schema's order (the label pane's), names it lacks last.
    let mut names: Vec<&String> = version.choice.indicators.iter().collect();
    names.sort_by_key(|n| {
        model
            .schema
            .indicators
            .iter()
            .position(|d| &d.name == *n)
            .unwrap_or(usize::MAX)
    });
    for name in names {
        let key = model
            .schema
            .indicator(name)
            .map_or_else(|| sanitize(name).text, |d| d.key.to_string());
        let agrees = majority.indicators.contains(name);
        spans.push(Span::raw(" "));
        spans.push(Span::styled(key, judge(agrees)));
    }
    let missing = majority
        .indicators
        .iter()
        .filter(|i| !version.choice.indicators.contains(i))
        .count();
    if missing > 0 {
        spans.push(Span::styled(format!(" -{missing}"), theme.differ()));
    }
    let marked = version.choice.spans.len();
    if marked > 0 || !majority.spans.is_empty() {
        let agrees = majority.spans == version.choice.spans;
        spans.push(Span::styled(format!(" [{marked} spans]"), judge(agrees)));
    }
    clip(spans, width)
}

/// Most span rows the pane gives (the label lists need the rest).
const SPAN_ROWS: usize = 6;

/// The spans: the proposal's, each with its votes (`“98.5%” 1 疫苗接种
/// 2/3`), then the annotators' the proposal lacks (`- … 1/3`, dimmed); at
/// most [`SPAN_ROWS`] rows, then how many more.
fn span_lines(model: &Model, case: &Case, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let draft = &model.draft.choice.spans;
    let mut others: Vec<&crate::store::Span> = case
        .versions
        .iter()
        .flat_map(|v| &v.choice.spans)
        .filter(|s| !draft.contains(s))
        .collect();
    others.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    others.dedup();
    if draft.is_empty() && others.is_empty() {
        return Vec::new();
    }
    let Some(p) = model.paragraphs.get(case.index) else {
        return Vec::new();
    };
    let n = case.versions.len();
    let row = |s: &crate::store::Span, prefix: &str| {
        let votes = case
            .versions
            .iter()
            .filter(|v| v.choice.spans.contains(s))
            .count();
        let text = crate::tui::span_edit::slice(&p.text.load(), s.start as usize, s.end as usize);
        let def = model.schema.indicator(&s.label);
        let name = def.map_or_else(|| s.label.clone(), |d| format!("{} {}", d.key, d.zh));
        let line = format!("{prefix}“{text}” {name} {votes}/{n}");
        (fit(&sanitize(&line).text, width), def.and_then(|d| d.color))
    };
    let mut rows: Vec<Line<'static>> = draft
        .iter()
        .map(|s| {
            let (text, color) = row(s, "");
            Line::from(Span::styled(text, theme.span(color)))
        })
        .chain(others.iter().map(|s| {
            let (text, _) = row(s, "- ");
            Line::from(Span::styled(text, theme.dim()))
        }))
        .collect();
    let total = rows.len();
    if total > SPAN_ROWS {
        rows.truncate(SPAN_ROWS - 1);
        rows.push(Line::from(Span::styled(
            fit(
                &format!("… {} more (s: span mode)", total - rows.len()),
                width,
            ),
            theme.dim(),
        )));
    }
    let title = format!("Spans 数值 (gold {}, s edits)", draft.len());
    let mut out = vec![Line::from(Span::styled(fit(&title, width), theme.title()))];
    out.extend(rows);
    out
}

/// `k 中文` of the section type (its name if the schema lacks it; `-` for
/// none).
fn section_text(schema: &Schema, choice: &Choice) -> String {
    match &choice.section {
        None => "-".to_owned(),
        Some(name) => match schema.section(name) {
            Some(def) => format!("{} {}", def.key, def.zh),
            None => sanitize(name).text,
        },
    }
}

/// Why the case is queued, who flagged it, the first row of each note
/// (Ctrl-E shows them in full), and the decision already made.
fn review_lines(model: &Model, case: &Case, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let line =
        |text: String, style| Line::from(Span::styled(fit(&sanitize(&text).text, width), style));
    let name = |a: usize| model.annotators[a].as_str();
    let mut out = Vec::new();
    if !case.reasons.is_empty() {
        let why: Vec<&str> = case.reasons.iter().map(|r| r.as_str()).collect();
        out.push(line(format!("queued: {}", why.join(", ")), theme.dim()));
    }
    if !case.flagged.is_empty() {
        let who: Vec<&str> = case.flagged.iter().map(|&a| name(a)).collect();
        out.push(line(
            format!("flagged by {}", who.join(", ")),
            theme.error(),
        ));
    }
    for note in &case.notes {
        let first = note.text.lines().next().unwrap_or("");
        out.push(line(
            format!("{}: {first}", name(note.annotator)),
            theme.suggested(),
        ));
    }
    if !case.notes.is_empty() {
        out.push(line("Ctrl-E: notes in full".to_owned(), theme.dim()));
    }
    if let Some(gold) = model.gold.get(case.index).and_then(Option::as_ref) {
        out.push(line(format!("decided: {}", provenance(gold)), theme.ok()));
    }
    out
}

/// Where the proposal comes from; without a section type, the keys that
/// set one.
fn proposal_line(model: &Model, theme: Theme, width: usize) -> Line<'static> {
    let (text, style) = if model.draft.choice.section.is_none() && model.case().is_some() {
        (
            format!("no section type: press {}", model.section_keys()),
            theme.error(),
        )
    } else {
        match model.draft.origin {
            Origin::Majority => ("gold: the majority's version".to_owned(), theme.ok()),
            Origin::Annotator(a) => (
                format!("gold: {}'s version", model.annotators[a]),
                theme.ok(),
            ),
            Origin::Edited => ("gold: edited".to_owned(), theme.suggested()),
            Origin::Gold => ("gold: as decided".to_owned(), theme.ok()),
            Origin::Nothing => (String::new(), theme.plain()),
        }
    };
    Line::from(Span::styled(fit(&sanitize(&text).text, width), style))
}

/// The spans cut to `width` columns (a `~` marks a cut).
fn clip(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut used = 0;
    let mut out = Vec::new();
    for span in spans {
        let w = str_width(&span.content);
        if used + w > width {
            out.push(Span::styled(
                fit(&span.content, width.saturating_sub(used)),
                span.style,
            ));
            break;
        }
        used += w;
        out.push(span);
    }
    Line::from(out)
}
