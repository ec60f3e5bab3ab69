//! Chart 5: agreement per indicator, Krippendorff's alpha on
//! present/absent as a bar per indicator; an alpha that cannot be computed
//! is written "undefined". Bars are green from 0.8, amber from 0.667, red
//! below (Krippendorff's usual thresholds, drawn as lines).

use super::axis::{self, Categories};
use super::draw::{self, Drawn};
use super::{escape, format};
use crate::review::report::PerLabel;
use crate::stats::Stats;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const ROW: u32 = 30;
const LABEL_PX: f64 = 13.0;
const GOOD: RGBColor = RGBColor(0x2c, 0xa0, 0x2c);
const TENTATIVE: RGBColor = RGBColor(0xe6, 0xa1, 0x17);
const POOR: RGBColor = RGBColor(0xd6, 0x27, 0x28);
const THRESHOLDS: [f64; 2] = [2.0 / 3.0, 0.8];

/// The indicators in `indicator_names` order, then the others the map
/// holds.
fn rows(stats: &Stats) -> Vec<(&str, &PerLabel)> {
    let map = &stats.indicator_agreement;
    let mut out: Vec<(&str, &PerLabel)> = stats
        .indicator_names
        .iter()
        .filter_map(|n| map.get_key_value(n))
        .map(|(n, p)| (n.as_str(), p))
        .collect();
    for (n, p) in map {
        if !stats.indicator_names.contains(n) {
            out.push((n, p));
        }
    }
    out
}

fn bar_colour(alpha: f64) -> RGBColor {
    if alpha >= THRESHOLDS[1] {
        GOOD
    } else if alpha >= THRESHOLDS[0] {
        TENTATIVE
    } else {
        POOR
    }
}

/// The x axis's left end: 0, or below the lowest alpha in steps of 0.2,
/// not below -1 (a lower alpha's bar stops there, its value written).
fn left_end(alphas: impl Iterator<Item = f64>) -> f64 {
    let lowest = alphas.filter(|a| a.is_finite()).fold(0.0, f64::min);
    ((lowest * 5.0).floor() / 5.0).max(-1.0)
}

/// The chart, or a sentence when there is no indicator.
pub fn chart(stats: &Stats) -> String {
    let rows = rows(stats);
    if rows.is_empty() {
        return draw::nothing("No indicators were rated, so no agreement to draw.");
    }
    let names: Vec<String> = rows
        .iter()
        .map(|(n, p)| {
            let items = if p.items == 1 { "item" } else { "items" };
            format!("{} ({} {items})", escape::chart_name(n), p.items)
        })
        .collect();
    let height = ROW * rows.len() as u32 + 60;
    let alphas: Vec<Option<f64>> = rows
        .iter()
        .map(|(_, p)| p.krippendorff_alpha.filter(|a| a.is_finite()))
        .collect();
    draw::svg(draw::WIDTH, height, |root| draw_bars(root, &names, &alphas))
}

fn draw_bars(area: &draw::Area, names: &[String], alphas: &[Option<f64>]) -> Drawn {
    let k = names.len();
    let left = left_end(alphas.iter().flatten().copied());
    let label_area = draw::label_width(names.iter().map(String::as_str), LABEL_PX, 16, (80, 360));
    let mut chart = ChartBuilder::on(area)
        .margin(10)
        .margin_right(70)
        .x_label_area_size(40)
        .y_label_area_size(label_area)
        .build_cartesian_2d(left..1.0, Categories(k))?;
    let name_of = |y: &f64| axis::name_from_top(names, *y);
    draw::mesh(&mut chart)
        .disable_y_mesh()
        .y_label_formatter(&name_of)
        .x_label_formatter(&|x: &f64| format!("{x:.1}"))
        .x_desc("Krippendorff's alpha (present/absent)")
        .draw()?;
    let height = k.max(1) as f64;
    for t in THRESHOLDS {
        let line = PathElement::new([(t, 0.0), (t, height)], draw::FAINT.stroke_width(1));
        chart.draw_series(std::iter::once(line))?;
    }
    let zero = PathElement::new([(0.0, 0.0), (0.0, height)], draw::INK.stroke_width(1));
    chart.draw_series(std::iter::once(zero))?;
    let beside = draw::font(12.0).pos(Pos::new(HPos::Left, VPos::Center));
    for (i, alpha) in alphas.iter().enumerate() {
        let y = axis::from_top(i, k);
        let (end, text, ink) = match *alpha {
            Some(alpha) => {
                let end = alpha.max(left);
                let bar =
                    Rectangle::new([(0.0, y + 0.2), (end, y + 0.8)], bar_colour(alpha).filled());
                chart.draw_series(std::iter::once(bar))?;
                (end.max(0.0), format::coefficient(Some(alpha)), draw::INK)
            }
            None => (0.0, format::coefficient(None), draw::FAINT),
        };
        let label =
            EmptyElement::at((end, y + 0.5)) + Text::new(text, (6, 0), beside.clone().color(&ink));
        chart.draw_series(std::iter::once(label))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_reaches_below_the_lowest_alpha_but_not_past_minus_one() {
        assert_eq!(left_end([0.5, 0.9].into_iter()), 0.0);
        assert_eq!(left_end([-0.05].into_iter()), -0.2);
        assert_eq!(left_end([-3.0, f64::NAN].into_iter()), -1.0);
    }

    #[test]
    fn thresholds_colour_the_bars() {
        assert_eq!(bar_colour(0.85), GOOD);
        assert_eq!(bar_colour(0.7), TENTATIVE);
        assert_eq!(bar_colour(0.2), POOR);
    }

    #[test]
    fn undefined_alphas_say_so() {
        let mut stats = crate::stats::html::sample::stats(2, 2, 1);
        stats.indicator_agreement.insert(
            "其他".to_string(),
            PerLabel {
                items: 0,
                krippendorff_alpha: None,
            },
        );
        let svg = chart(&stats);
        assert!(svg.contains("undefined"));
        assert!(svg.contains("其他 (0 items)"));
        let order: Vec<&str> = rows(&stats).iter().map(|r| r.0).collect();
        assert_eq!(order.last(), Some(&"其他"));
    }
}
