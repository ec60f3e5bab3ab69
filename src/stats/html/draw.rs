//! What every chart shares: the font, the colours, an SVG drawn into a
//! string, a legend.

use super::escape;
use crate::text::str_width;
use plotters::chart::{ChartContext, MeshStyle};
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::error::Error;

/// Fonts that have the Chinese glyphs, first choice first: Linux (Noto,
/// Source Han, WenQuanYi), macOS (PingFang), Windows (Microsoft YaHei).
/// The page's CSS and every SVG text use this list.
pub const FONT_FAMILY: &str = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, \
     Microsoft YaHei, WenQuanYi Micro Hei, sans-serif";

/// Width of every chart, in px (the page's column).
pub const WIDTH: u32 = 1000;

/// A drawing area of an SVG drawn into a string.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// What a drawing step returns.
pub type Drawn = Result<(), Box<dyn Error>>;

/// Text in [`FONT_FAMILY`] at `px` pixels (plotters writes
/// `font-size` as the size it is given over 1.24).
pub fn font(px: f64) -> TextStyle<'static> {
    (FONT_FAMILY, px * 1.24).into_font().color(&INK)
}

/// `font` anchored at its centre.
pub fn centred(px: f64) -> TextStyle<'static> {
    font(px).pos(Pos::new(HPos::Center, VPos::Center))
}

/// Text and axes.
pub const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
/// Text that says something is missing.
pub const FAINT: RGBColor = RGBColor(0x88, 0x88, 0x88);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(0xe6, 0xe6, 0xe6);
/// Paragraphs without a section type, undefined values.
pub const NONE_GREY: RGBColor = RGBColor(0xbd, 0xbd, 0xbd);

/// Distinct colours (D3's category20 without its greys, the saturated ten
/// first): annotators and section types take them in order; past the
/// eighteenth they repeat, and the legend still names each.
const PALETTE: [RGBColor; 18] = [
    RGBColor(0x1f, 0x77, 0xb4),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x2c, 0xa0, 0x2c),
    RGBColor(0xd6, 0x27, 0x28),
    RGBColor(0x94, 0x67, 0xbd),
    RGBColor(0x8c, 0x56, 0x4b),
    RGBColor(0xe3, 0x77, 0xc2),
    RGBColor(0xbc, 0xbd, 0x22),
    RGBColor(0x17, 0xbe, 0xcf),
    RGBColor(0x39, 0x3b, 0x79),
    RGBColor(0xae, 0xc7, 0xe8),
    RGBColor(0xff, 0xbb, 0x78),
    RGBColor(0x98, 0xdf, 0x8a),
    RGBColor(0xff, 0x98, 0x96),
    RGBColor(0xc5, 0xb0, 0xd5),
    RGBColor(0xc4, 0x9c, 0x94),
    RGBColor(0xf7, 0xb6, 0xd2),
    RGBColor(0x9e, 0xda, 0xe5),
];

/// The `i`th colour of the palette.
pub fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Text colour on a `fill`: white on dark colours, [`INK`] on light ones.
pub fn ink_on(fill: RGBColor) -> RGBColor {
    let luma = 0.299 * f64::from(fill.0) + 0.587 * f64::from(fill.1) + 0.114 * f64::from(fill.2);
    if luma < 150.0 {
        WHITE
    } else {
        INK
    }
}

/// The mesh every chart starts from: grid lines at the labels only, text in
/// the page's fonts.
pub fn mesh<'a, 'b, 's, X, Y, XT, YT>(
    chart: &'b mut ChartContext<'a, SVGBackend<'s>, Cartesian2d<X, Y>>,
) -> MeshStyle<'a, 'b, X, Y, SVGBackend<'s>>
where
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
{
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .label_style(font(13.0))
        .axis_desc_style(font(13.0));
    mesh
}

/// An estimate of how wide `s` draws at `px` pixels: wide (Chinese)
/// characters about 1 em, narrow ones about 0.55 em, a little generous.
pub fn text_width(s: &str, px: f64) -> u32 {
    (str_width(s) as f64 * px * 0.56).ceil() as u32
}

/// The widest of `names` at `px`, plus `pad`, between `min` and `max`.
pub fn label_width<'a>(
    names: impl IntoIterator<Item = &'a str>,
    px: f64,
    pad: u32,
    (min, max): (u32, u32),
) -> u32 {
    let widest = names
        .into_iter()
        .map(|n| text_width(n, px))
        .max()
        .unwrap_or(0);
    (widest + pad).clamp(min, max)
}

/// Draw an SVG of `width` × `height` px with `draw`, into a string: the
/// `<svg>` element, or, should plotters fail, a sentence that says so.
pub fn svg(width: u32, height: u32, draw: impl FnOnce(&Area) -> Drawn) -> String {
    let mut out = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        root.fill(&WHITE)
            .map_err(Box::<dyn Error>::from)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present().map_err(Box::<dyn Error>::from))
    };
    match drawn {
        Ok(()) => out,
        Err(e) => format!(
            "<p class=\"empty\">This chart could not be drawn: {}</p>",
            escape::name(&e.to_string())
        ),
    }
}

/// A sentence in place of a chart with nothing to draw.
pub fn nothing(why: &str) -> String {
    format!("<p class=\"empty\">{}</p>", escape::html(why))
}

/// Legend text size, px.
const LEGEND_PX: f64 = 13.0;
/// Height of one legend row, px.
const LEGEND_ROW: u32 = 22;
/// Swatch width and the gap after it, px.
const SWATCH: u32 = 14;
const SWATCH_GAP: u32 = 6;

/// Names with their colours, laid out in as many columns as fit.
pub struct Legend {
    entries: Vec<(String, RGBColor)>,
    columns: usize,
    column_width: u32,
}

impl Legend {
    /// A legend for `entries` (names for a chart: [`escape::chart_name`])
    /// across `width` px.
    pub fn new(entries: Vec<(String, RGBColor)>, width: u32) -> Self {
        let column_width = label_width(
            entries.iter().map(|(n, _)| n.as_str()),
            LEGEND_PX,
            SWATCH + SWATCH_GAP + 18,
            (90, width.max(90)),
        );
        let columns = ((width / column_width) as usize).clamp(1, entries.len().max(1));
        Legend {
            entries,
            columns,
            column_width,
        }
    }

    /// The height it takes, px.
    pub fn height(&self) -> u32 {
        let rows = self.entries.len().div_ceil(self.columns);
        rows as u32 * LEGEND_ROW + 10
    }

    /// Draw it at the top left of `area`.
    pub fn draw(&self, area: &Area) -> Drawn {
        for (i, (name, colour)) in self.entries.iter().enumerate() {
            let x = 10 + (i % self.columns) as i32 * self.column_width as i32;
            let y = 5 + (i / self.columns) as i32 * LEGEND_ROW as i32;
            let swatch = [(x, y + 4), (x + SWATCH as i32, y + 4 + SWATCH as i32)];
            area.draw(&Rectangle::new(swatch, colour.filled()))?;
            let style = font(LEGEND_PX).pos(Pos::new(HPos::Left, VPos::Center));
            let at = (x + (SWATCH + SWATCH_GAP) as i32, y + 4 + SWATCH as i32 / 2);
            area.draw(&Text::new(name.as_str(), at, style))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_drawing_becomes_a_sentence() {
        let page = svg(100, 100, |_| Err("bad <thing>".into()));
        assert_eq!(
            page,
            "<p class=\"empty\">This chart could not be drawn: bad &lt;thing&gt;</p>"
        );
    }

    #[test]
    fn legend_fits_columns_to_the_width() {
        let entries = (0..12).map(|i| (format!("标注员{i}"), colour(i))).collect();
        let legend = Legend::new(entries, WIDTH);
        assert!(
            legend.columns > 1 && legend.columns < 12,
            "{}",
            legend.columns
        );
        assert!(legend.columns as u32 * legend.column_width <= WIDTH);
        let rows = 12usize.div_ceil(legend.columns) as u32;
        assert_eq!(legend.height(), rows * LEGEND_ROW + 10);
        let drawn = svg(WIDTH, legend.height(), |a| legend.draw(a));
        assert_eq!(drawn.matches("标注员").count(), 12);
    }

    #[test]
    fn ink_stands_out_on_its_fill() {
        assert_eq!(ink_on(colour(0)), WHITE);
        assert_eq!(ink_on(colour(11)), INK);
        assert_eq!(ink_on(WHITE), INK);
    }

    #[test]
    fn palette_repeats_past_its_end() {
        assert_eq!(colour(0), colour(PALETTE.len()));
        assert_ne!(colour(0), colour(1));
    }

    #[test]
    fn svg_text_uses_the_cjk_fonts() {
        let drawn = svg(100, 40, |a| {
            a.draw(&Text::new("标题", (5, 5), font(12.0)))?;
            Ok(())
        });
        assert!(drawn.contains(&format!("font-family=\"{FONT_FAMILY}\"")));
        assert!(drawn.contains("font-size=\"12\""), "{drawn}");
    }
}
