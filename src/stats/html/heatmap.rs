//! Chart 4: a confusion table of section types as a heatmap. Agreeing cells
//! (the diagonal) are shaded green, disagreeing ones red, each against the
//! largest of its kind; every non-zero cell has its count written in it.
//! Rows are named in full ("3 问题与不足"); columns by the rows' numbers, so
//! long Chinese names need not be squeezed under narrow columns.

use super::axis::{self, Categories};
use super::draw::{self, Drawn};
use super::{escape, format};
use crate::review::report::Confusion;
use plotters::prelude::*;

const LABEL_PX: f64 = 13.0;
const AGREE: RGBColor = RGBColor(0x1a, 0x7f, 0x37);
const DISAGREE: RGBColor = RGBColor(0xc6, 0x28, 0x28);

/// How the axes are named: rows, columns.
pub struct Axes<'a> {
    pub rows: &'a str,
    pub columns: &'a str,
}

/// The count at `row`, `column`, 0 where the table is short.
fn at(c: &Confusion, row: usize, column: usize) -> u64 {
    c.counts
        .get(row)
        .and_then(|r| r.get(column))
        .copied()
        .unwrap_or(0)
}

/// The largest count on the diagonal and off it.
fn largest(c: &Confusion) -> (u64, u64) {
    let k = c.categories.len();
    let mut most = (0, 0);
    for row in 0..k {
        for column in 0..k {
            let n = at(c, row, column);
            if row == column {
                most.0 = most.0.max(n);
            } else {
                most.1 = most.1.max(n);
            }
        }
    }
    most
}

/// White shaded towards `full` by `t` (0..=1).
fn shade(full: RGBColor, t: f64) -> RGBColor {
    let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * t).round() as u8;
    RGBColor(mix(full.0), mix(full.1), mix(full.2))
}

/// A cell's fill: white for 0, else at least a tint of `full`.
fn cell_colour(n: u64, most: u64, full: RGBColor) -> RGBColor {
    if n == 0 || most == 0 {
        return WHITE;
    }
    shade(full, 0.12 + 0.88 * (n as f64 / most as f64))
}

/// The heatmap, or `empty` when the table has no count.
pub fn chart(c: &Confusion, axes: Axes, empty: &str) -> String {
    let k = c.categories.len();
    let most = largest(c);
    if k == 0 || most == (0, 0) {
        return draw::nothing(empty);
    }
    let rows: Vec<String> = c
        .categories
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {}", i + 1, escape::chart_name(n)))
        .collect();
    let cell: u32 = if k > 16 { 32 } else { 44 };
    // Room for the names and, left of them, the axis description.
    let label_area = draw::label_width(rows.iter().map(String::as_str), LABEL_PX, 40, (80, 300));
    let width = label_area + cell * k as u32 + 40;
    let height = cell * k as u32 + 70;
    draw::svg(width, height, |root| {
        draw_cells(root, c, &rows, label_area, most, &axes)
    })
}

fn draw_cells(
    area: &draw::Area,
    c: &Confusion,
    rows: &[String],
    label_area: u32,
    most: (u64, u64),
    axes: &Axes,
) -> Drawn {
    let k = rows.len();
    let mut chart = ChartBuilder::on(area)
        .margin(10)
        .margin_right(20)
        .x_label_area_size(50)
        .y_label_area_size(label_area)
        .build_cartesian_2d(Categories(k), Categories(k))?;
    let row_name = |y: &f64| axis::name_from_top(rows, *y);
    let column_name = |x: &f64| (x.floor() as usize + 1).to_string();
    draw::mesh(&mut chart)
        .disable_mesh()
        .x_label_formatter(&column_name)
        .y_label_formatter(&row_name)
        .x_desc(axes.columns)
        .y_desc(axes.rows)
        .draw()?;
    for row in 0..k {
        let y = axis::from_top(row, k);
        for column in 0..k {
            let n = at(c, row, column);
            let (full, kind_most) = if row == column {
                (AGREE, most.0)
            } else {
                (DISAGREE, most.1)
            };
            let fill = cell_colour(n, kind_most, full);
            let x = column as f64;
            let corners = [(x, y), (x + 1.0, y + 1.0)];
            let outline = if row == column { AGREE } else { draw::GRID };
            chart.draw_series([
                Rectangle::new(corners, fill.filled()),
                Rectangle::new(corners, outline.stroke_width(1)),
            ])?;
            if n > 0 {
                let ink = draw::ink_on(fill);
                let centre = (x + 0.5, y + 0.5);
                let text = Text::new(format::count(n), centre, draw::centred(12.0).color(&ink));
                chart.draw_series(std::iter::once(text))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(counts: Vec<Vec<u64>>) -> Confusion {
        let categories = (0..counts.len()).map(|i| format!("类{i}")).collect();
        Confusion { categories, counts }
    }

    const AXES: Axes = Axes {
        rows: "rows",
        columns: "columns",
    };

    #[test]
    fn empty_and_all_zero_tables_say_so() {
        let empty = chart(&table(vec![]), AXES, "nothing here");
        assert_eq!(empty, "<p class=\"empty\">nothing here</p>");
        let zeros = chart(&table(vec![vec![0, 0], vec![0, 0]]), AXES, "nothing here");
        assert_eq!(zeros, "<p class=\"empty\">nothing here</p>");
    }

    #[test]
    fn every_row_is_named_and_every_count_written() {
        let svg = chart(&table(vec![vec![7, 2], vec![2, 9]]), AXES, "");
        assert!(svg.starts_with("<svg"), "{svg}");
        for text in ["1 类0", "2 类1", ">\n7\n<", ">\n2\n<", ">\n9\n<"] {
            assert!(svg.contains(text), "{text}");
        }
    }

    #[test]
    fn a_short_table_reads_as_zeros() {
        let ragged = Confusion {
            categories: vec!["甲".into(), "乙".into()],
            counts: vec![vec![3]],
        };
        assert_eq!(at(&ragged, 0, 0), 3);
        assert_eq!(at(&ragged, 1, 1), 0);
        assert!(chart(&ragged, AXES, "").starts_with("<svg"));
    }

    #[test]
    fn shades_grow_with_the_count() {
        assert_eq!(cell_colour(0, 10, AGREE), WHITE);
        let light = cell_colour(1, 10, AGREE);
        let dark = cell_colour(10, 10, AGREE);
        assert_eq!(dark, AGREE);
        assert!(light.0 > dark.0 && light != WHITE);
    }
}
