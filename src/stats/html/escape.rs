//! Untrusted text (annotator, section, indicator and document names come
//! from imported data) made safe for the page.
//!
//! Every name first goes through [`plain`]: control characters and bidi
//! overrides become visible stand-ins, and it is cut to a length. Then:
//! for HTML, [`html`] escapes it; for a chart, the name is handed to plotters
//! as it is, because plotters' SVG backend escapes `<`, `>`, `&`, `"` and `'`
//! in every text and attribute it writes (a test below holds it to that).

use crate::text::sanitize::{plain, plain_upto};

/// Longest name a chart shows, in characters (axes and legends stay
/// readable; the tables show up to [`crate::text::sanitize::PLAIN_MAX`]).
pub const CHART_NAME_MAX: usize = 24;

/// `s` with `&`, `<`, `>`, `"` and `'` escaped, for HTML text and
/// attribute values. Trusted text only; names go through [`name`].
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// An untrusted name for the HTML page: stand-ins, cut, escaped.
pub fn name(s: &str) -> String {
    html(&plain(s))
}

/// An untrusted name for a chart: stand-ins and cut to [`CHART_NAME_MAX`];
/// not escaped (plotters escapes what it writes).
pub fn chart_name(s: &str) -> String {
    plain_upto(s, CHART_NAME_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            html("<script>a&b</script> \"x\" 'y' ]]>"),
            "&lt;script&gt;a&amp;b&lt;/script&gt; &quot;x&quot; &#39;y&#39; ]]&gt;"
        );
        assert_eq!(html("标题（下一步）"), "标题（下一步）");
    }

    #[test]
    fn names_lose_controls_and_bidi_overrides() {
        assert_eq!(name("王\u{1b}[31m<b>\u{202e}五"), "王␛[31m&lt;b&gt;⇄五");
        assert_eq!(chart_name("a\u{202e}b\nc"), "a⇄b␤c");
        let long = "长".repeat(CHART_NAME_MAX + 3);
        assert_eq!(chart_name(&long).chars().count(), CHART_NAME_MAX + 1);
    }

    /// The reason [`chart_name`] does not escape: plotters does, in text
    /// and in attributes.
    #[test]
    fn plotters_escapes_svg_text() {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (200, 50)).into_drawing_area();
            let style = ("x\"y", 12).into_font();
            root.draw(&Text::new("<script>&\"]]>'", (5, 5), style))
                .unwrap();
            root.present().unwrap();
        }
        assert!(
            svg.contains("&lt;script&gt;&amp;&quot;]]&gt;&apos;"),
            "{svg}"
        );
        assert!(svg.contains("font-family=\"x&quot;y\""), "{svg}");
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("]]>"));
    }
}
