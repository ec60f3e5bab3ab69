//! The review's right pane: each annotator's version side by side,
//! colour-coded against the majority, the gold proposal and where it comes
//! from, and the label lists with the proposal highlighted and the votes.

use crate::annotate::view::fit::fit;
use crate::annotate::view::label_pane::grid;
use crate::annotate::view::style::Theme;
use crate::review::queue::{Case, Choice};
use crate::review::screen::model::{Model, Origin};
use crate::schema::Schema;
use crate::text::str_width;
use ratatui::text::{Line, Span};

pub fn lines(model: &Model, theme: Theme, width: usize, height: usize) -> Vec<Line<'static>> {
    let Some(case) = model.case() else {
        return vec![Line::from(fit("nothing to review", width))];
    };
    let mut out = vec![Line::from(Span::styled(
        fit("Annotators 标注 (Alt-N takes N)", width),
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
    for v in &case.versions {
        if let Some(note) = &v.note {
            let text = format!(
                "  {} note: {}",
                v.annotator + 1,
                crate::text::sanitize(note).text
            );
            out.push(Line::from(Span::styled(
                fit(&text, width),
                theme.suggested(),
            )));
        }
    }
    out.push(proposal_line(model, theme, width));
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
        &|def| draft.section.as_deref() == Some(def.name.as_str()),
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
    out.extend(grid(
        indicators,
        &|def| draft.indicators.contains(&def.name),
        &|def| {
            votes(
                case.versions
                    .iter()
                    .filter(|v| v.choice.indicators.contains(&def.name))
                    .count(),
            )
        },
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
    let head = format!(
        "{} {}{} ",
        a + 1,
        fit(name, name_w),
        " ".repeat(name_w.saturating_sub(str_width(name)))
    );
    let mut spans = vec![Span::styled(head, theme.key())];
    let Some(version) = case.version_of(a) else {
        spans.push(Span::styled("(no label)", theme.dim()));
        return clip(spans, width);
    };
    let majority = case.majority.as_ref();
    let judge = |agrees: bool| match majority {
        Some(_) if agrees => theme.agree(),
        Some(_) => theme.differ(),
        None => theme.plain(),
    };
    let section_agrees = majority.is_some_and(|m| m.section == version.choice.section);
    spans.push(Span::styled(
        section_text(&model.schema, &version.choice),
        judge(section_agrees),
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
            .map_or_else(|| name.clone(), |d| d.key.to_string());
        let agrees = majority.is_some_and(|m| m.indicators.contains(name));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(key, judge(agrees)));
    }
    if let Some(m) = majority {
        let missing = m
            .indicators
            .iter()
            .filter(|i| !version.choice.indicators.contains(i))
            .count();
        if missing > 0 {
            spans.push(Span::styled(format!(" -{missing}"), theme.differ()));
        }
    }
    let marked = version.choice.spans.len();
    if marked > 0 || majority.is_some_and(|m| !m.spans.is_empty()) {
        let agrees = majority.is_some_and(|m| m.spans == version.choice.spans);
        spans.push(Span::styled(format!(" [{marked} spans]"), judge(agrees)));
    }
    clip(spans, width)
}

/// `k 中文` of the section type (its name if the schema lacks it; `-` for
/// none).
fn section_text(schema: &Schema, choice: &Choice) -> String {
    match &choice.section {
        None => "-".to_owned(),
        Some(name) => match schema.section(name) {
            Some(def) => format!("{} {}", def.key, def.zh),
            None => name.clone(),
        },
    }
}

/// Where the proposal comes from, or the decision already made.
fn proposal_line(model: &Model, theme: Theme, width: usize) -> Line<'static> {
    let (text, style) = match model.draft.origin {
        Origin::Majority => ("gold: the majority's version".to_owned(), theme.ok()),
        Origin::Annotator(a) => (
            format!("gold: {}'s version", model.annotators[a]),
            theme.ok(),
        ),
        Origin::Edited => ("gold: edited".to_owned(), theme.suggested()),
        Origin::Nothing => (
            "no majority: Alt-N or a section key".to_owned(),
            theme.error(),
        ),
        Origin::Gold => {
            let gold = model.case().and_then(|c| model.gold[c.index].as_ref());
            let source = gold.and_then(|g| g.source.clone()).unwrap_or_default();
            let who = gold.and_then(|g| g.reviewer.clone()).unwrap_or_default();
            (format!("decided: {source} ({who})"), theme.ok())
        }
    };
    Line::from(Span::styled(
        fit(&crate::text::sanitize(&text).text, width),
        style,
    ))
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
