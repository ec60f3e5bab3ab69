//! Counts in messages and reports: `1 paragraph`, `2 paragraphs`,
//! `1,234,567 labels`.

/// `n` and `noun`, plural when `n` is not 1 (`noun` + `s`, or `es` after
/// s, x, sh, ch), with thousands separated.
pub fn plural(n: usize, noun: &str) -> String {
    let ending = if n == 1 {
        ""
    } else if ["s", "x", "sh", "ch"].iter().any(|e| noun.ends_with(e)) {
        "es"
    } else {
        "s"
    };
    format!("{} {noun}{ending}", thousands(n))
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(plural(1, "paragraph"), "1 paragraph");
        assert_eq!(plural(0, "paragraph"), "0 paragraphs");
        assert_eq!(plural(1_234_567, "label"), "1,234,567 labels");
        assert_eq!(plural(2, "gloss"), "2 glosses");
        assert_eq!(plural(1, "gloss"), "1 gloss");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }
}
