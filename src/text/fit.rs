//! Cutting UI strings to a display width (never through a wide character).

use crate::text::{char_width, str_width};

/// `s` cut to at most `width` columns, with `~` marking a cut.
pub fn fit(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('~');
    }
    out
}

/// `s` padded with spaces to exactly `width` columns (cut first if longer).
pub fn pad(s: &str, width: usize) -> String {
    let s = fit(s, width);
    let w = str_width(&s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_splits_a_wide_char() {
        assert_eq!(fit("免疫接种", 8), "免疫接种");
        assert_eq!(fit("免疫接种", 7), "免疫接~");
        assert_eq!(fit("免疫接种", 6), "免疫~");
        assert_eq!(fit("免疫", 1), "~");
        assert_eq!(fit("免疫", 0), "");
        assert_eq!(pad("卫生", 6), "卫生  ");
    }
}
