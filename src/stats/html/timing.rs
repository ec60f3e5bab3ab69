//! Chart 3: time per paragraph, a histogram per annotator (small
//! multiples, each on its own scale), with the median and p90 in each
//! panel's title.

use super::axis::{self, Categories};
use super::draw::{self, Drawn};
use super::{escape, format};
use crate::stats::{AnnotatorStats, Stats};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const COLUMNS: usize = 2;
const PANEL_HEIGHT: u32 = 250;

/// The buckets' names from their upper bounds (ms): "<2s", "2–5s", …,
/// "30s–1min", "1–2min", "≥2min"; one more name than bounds.
pub fn bucket_names(bounds_ms: &[u64]) -> Vec<String> {
    let (Some(first), Some(last)) = (bounds_ms.first(), bounds_ms.last()) else {
        return vec!["all".to_string()];
    };
    let mut names = vec![format!("<{}", span(*first))];
    for pair in bounds_ms.windows(2) {
        let (from, to) = (split(pair[0]), split(pair[1]));
        names.push(if from.1 == to.1 {
            format!("{}–{}{}", from.0, to.0, to.1)
        } else {
            format!("{}–{}", span(pair[0]), span(pair[1]))
        });
    }
    names.push(format!("≥{}", span(*last)));
    names
}

/// A bound as a number and its unit: (2, "s"), (1, "min"), (500, "ms").
fn split(ms: u64) -> (String, &'static str) {
    if ms >= 60_000 && ms.is_multiple_of(60_000) {
        ((ms / 60_000).to_string(), "min")
    } else if ms >= 1_000 && ms.is_multiple_of(1_000) {
        ((ms / 1_000).to_string(), "s")
    } else if ms >= 1_000 {
        (format!("{:.1}", ms as f64 / 1000.0), "s")
    } else {
        (ms.to_string(), "ms")
    }
}

fn span(ms: u64) -> String {
    let (n, unit) = split(ms);
    n + unit
}

/// The panel title: the name, the median and the p90.
fn title(a: &AnnotatorStats) -> String {
    format!(
        "{} · median {} · p90 {} · {} timed",
        escape::chart_name(&a.name),
        format::duration(a.median_ms),
        format::duration(a.p90_ms),
        a.timed
    )
}

/// The charts, or a sentence when there is no annotator.
pub fn chart(stats: &Stats) -> String {
    let n = stats.annotators.len();
    if n == 0 {
        return draw::nothing("No annotators yet, so no times to draw.");
    }
    let names = bucket_names(&stats.histogram_bounds_ms);
    let rows = n.div_ceil(COLUMNS);
    draw::svg(draw::WIDTH, PANEL_HEIGHT * rows as u32, |root| {
        let panels = root.split_evenly((rows, COLUMNS));
        for (i, (a, panel)) in stats.annotators.iter().zip(panels).enumerate() {
            draw_panel(&panel, a, &names, draw::colour(i))?;
        }
        Ok(())
    })
}

fn draw_panel(area: &draw::Area, a: &AnnotatorStats, names: &[String], colour: RGBColor) -> Drawn {
    let buckets = a.histogram.len().max(names.len());
    let top = a.histogram.iter().copied().max().unwrap_or(0);
    let mut chart = ChartBuilder::on(area)
        .margin(10)
        .caption(title(a), draw::font(14.0))
        .x_label_area_size(30)
        .y_label_area_size(48)
        .build_cartesian_2d(Categories(buckets), 0..top + top / 6 + 1)?;
    let name_of = |x: &f64| match axis::name_at(names, *x) {
        name if name.is_empty() && *x >= 0.0 => format!("bucket {}", *x as usize + 1),
        name => name,
    };
    draw::mesh(&mut chart)
        .disable_x_mesh()
        .y_labels(5)
        .x_label_formatter(&name_of)
        .x_label_style(draw::font(11.0))
        .y_desc("labels")
        .draw()?;
    if top == 0 {
        let (width, height) = area.dim_in_pixel();
        area.draw(&Text::new(
            "no timed labels",
            (width as i32 / 2, height as i32 / 2),
            draw::centred(13.0).color(&draw::FAINT),
        ))?;
        return Ok(());
    }
    let above = draw::font(11.0).pos(Pos::new(HPos::Center, VPos::Bottom));
    for (i, &count) in a.histogram.iter().enumerate().filter(|c| *c.1 > 0) {
        let x = i as f64;
        let bar = Rectangle::new([(x + 0.1, 0), (x + 0.9, count)], colour.filled());
        let label = EmptyElement::at((x + 0.5, count))
            + Text::new(count.to_string(), (0, -2), above.clone());
        chart.draw_series(std::iter::once(bar))?;
        chart.draw_series(std::iter::once(label))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::HISTOGRAM_BOUNDS_MS;

    #[test]
    fn bucket_names_from_the_bounds() {
        assert_eq!(
            bucket_names(&HISTOGRAM_BOUNDS_MS),
            [
                "<2s",
                "2–5s",
                "5–10s",
                "10–20s",
                "20–30s",
                "30s–1min",
                "1–2min",
                "≥2min"
            ]
        );
        assert_eq!(bucket_names(&[]), ["all"]);
        assert_eq!(
            bucket_names(&[500, 1_500]),
            ["<500ms", "500ms–1.5s", "≥1.5s"]
        );
    }
}
