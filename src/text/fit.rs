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

/// `s` cut on the left to at most `width` columns, with `…` marking a
/// cut: the end is kept (the innermost heading of a heading path).
pub fn fit_left(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return s.to_owned();
    }
    let mut tail = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = char_width(c);
        if used + w + 1 > width {
            break;
        }
        tail.push(c);
        used += w;
    }
    let mut out = String::new();
    if width > 0 {
        out.push('…');
    }
    out.extend(tail.into_iter().rev());
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

    #[test]
    fn cut_on_the_left_keeps_the_end() {
        assert_eq!(
            fit_left("一、成效 > （一）疾控", 100),
            "一、成效 > （一）疾控"
        );
        assert_eq!(fit_left("一、成效 > （一）疾控", 11), "…（一）疾控");
        assert_eq!(fit_left("一、成效 > （一）疾控", 9), "…一）疾控");
        assert_eq!(fit_left("一、成效 > （一）疾控", 8), "…）疾控");
        assert_eq!(fit_left("免疫", 1), "…");
        assert_eq!(fit_left("免疫", 0), "");
    }
}
