//! Chart 2: section types per annotator, one stacked bar per annotator,
//! a segment per section type (in `section_names` order, then paragraphs
//! labeled without one, grey), and a legend.

use super::axis::{self, Categories};
use super::draw::{self, Drawn, Legend};
use super::{escape, format};
use crate::stats::{AnnotatorStats, Stats};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Height of one bar's row, px.
const ROW: u32 = 40;
/// Label text size, px.
const LABEL_PX: f64 = 13.0;
/// Narrowest segment that gets its count written in it, px.
const WRITTEN_MIN: f64 = 34.0;

/// The section types the chart shows: `section_names`, then any other name
/// an annotator's counts hold, in the order met.
pub fn section_order(stats: &Stats) -> Vec<&str> {
    let mut names: Vec<&str> = stats.section_names.iter().map(String::as_str).collect();
    for a in &stats.annotators {
        for name in a.sections.keys() {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    names
}

/// One bar: (colour, count) segments from the left.
fn segments(a: &AnnotatorStats, order: &[&str]) -> Vec<(RGBColor, usize)> {
    let mut out: Vec<(RGBColor, usize)> = order
        .iter()
        .enumerate()
        .map(|(i, name)| (draw::colour(i), a.sections.get(*name).copied().unwrap_or(0)))
        .collect();
    out.push((draw::NONE_GREY, a.no_section));
    out
}

/// The chart, or a sentence when there is no label.
pub fn chart(stats: &Stats) -> String {
    let order = section_order(stats);
    let bars: Vec<Vec<(RGBColor, usize)>> = stats
        .annotators
        .iter()
        .map(|a| segments(a, &order))
        .collect();
    let widest = bars
        .iter()
        .map(|b| b.iter().map(|s| s.1).sum::<usize>())
        .max()
        .unwrap_or(0);
    if widest == 0 {
        return draw::nothing("No labeled paragraphs yet, so no section types to draw.");
    }
    let names: Vec<String> = stats
        .annotators
        .iter()
        .map(|a| escape::chart_name(&a.name))
        .collect();
    let mut entries: Vec<(String, RGBColor)> = order
        .iter()
        .enumerate()
        .map(|(i, n)| (escape::chart_name(n), draw::colour(i)))
        .collect();
    entries.push(("no section type".to_string(), draw::NONE_GREY));
    let legend = Legend::new(entries, draw::WIDTH);
    let plot_height = ROW * bars.len() as u32 + 60;
    draw::svg(draw::WIDTH, plot_height + legend.height(), |root| {
        let (plot, key) = root.split_vertically(plot_height);
        draw_bars(&plot, &names, &bars, widest)?;
        legend.draw(&key)
    })
}

fn draw_bars(
    area: &draw::Area,
    names: &[String],
    bars: &[Vec<(RGBColor, usize)>],
    widest: usize,
) -> Drawn {
    let k = bars.len();
    let label_area = draw::label_width(names.iter().map(String::as_str), LABEL_PX, 16, (60, 240));
    let right_end = widest + widest / 50 + 1;
    let mut chart = ChartBuilder::on(area)
        .margin(10)
        .margin_right(60)
        .x_label_area_size(40)
        .y_label_area_size(label_area)
        .build_cartesian_2d(0..right_end, Categories(k))?;
    let name_of = |y: &f64| axis::name_from_top(names, *y);
    draw::mesh(&mut chart)
        .disable_y_mesh()
        .y_label_formatter(&name_of)
        .x_desc("labeled paragraphs")
        .draw()?;
    let px_per_unit = chart.plotting_area().dim_in_pixel().0 as f64 / right_end as f64;
    for (i, bar) in bars.iter().enumerate() {
        let y = axis::from_top(i, k);
        let mut left = 0usize;
        for &(colour, count) in bar.iter().filter(|s| s.1 > 0) {
            let right = left + count;
            let mut segment =
                Rectangle::new([(left, y + 0.18), (right, y + 0.82)], colour.filled());
            segment.set_margin(0, 0, 0, 1);
            chart.draw_series(std::iter::once(segment))?;
            if count as f64 * px_per_unit >= WRITTEN_MIN {
                let ink = draw::ink_on(colour);
                let text = Text::new(
                    format::count(count as u64),
                    ((left + right) / 2, y + 0.5),
                    draw::centred(11.0).color(&ink),
                );
                chart.draw_series(std::iter::once(text))?;
            }
            left = right;
        }
        let total = EmptyElement::at((left, y + 0.5))
            + Text::new(
                left.to_string(),
                (6, 0),
                draw::font(LABEL_PX).pos(Pos::new(HPos::Left, VPos::Center)),
            );
        chart.draw_series(std::iter::once(total))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::html::sample;

    #[test]
    fn names_only_labels_use_come_after_the_schema_order() {
        let mut stats = sample::stats(2, 3, 2);
        stats.annotators[1].sections.insert("额外".to_string(), 4);
        let order = section_order(&stats);
        assert_eq!(order.len(), 4);
        assert_eq!(order[3], "额外");
        let bar = segments(&stats.annotators[1], &order);
        assert_eq!(bar.len(), 5);
        assert_eq!(bar[3].1, 4);
        assert_eq!(bar[4], (draw::NONE_GREY, stats.annotators[1].no_section));
    }

    #[test]
    fn every_section_type_is_in_the_legend() {
        let stats = sample::stats(3, 15, 2);
        let svg = chart(&stats);
        for name in &stats.section_names {
            assert!(svg.contains(&escape::chart_name(name)), "{name}");
        }
        assert!(svg.contains("no section type"));
    }
}
