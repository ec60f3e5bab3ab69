//! Numbers as the page shows them (tables and charts alike).

/// A coefficient (kappa, alpha) to three places, or "undefined".
pub fn coefficient(x: Option<f64>) -> String {
    match x {
        Some(x) if x.is_finite() => format!("{x:.3}"),
        _ => "undefined".to_string(),
    }
}

/// A share as a percentage to one place, or "—".
pub fn percent(x: Option<f64>) -> String {
    match x {
        Some(x) if x.is_finite() => format!("{:.1}%", x * 100.0),
        _ => "—".to_string(),
    }
}

/// `part` of `whole` as a percentage to one place ("—" of nothing).
pub fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "—".to_string();
    }
    percent(Some(part as f64 / whole as f64))
}

/// A time spent: "850 ms", "4.2 s", "1 min 5 s"; "—" when unknown.
pub fn duration(ms: Option<u64>) -> String {
    match ms {
        None => "—".to_string(),
        Some(ms) if ms < 1_000 => format!("{ms} ms"),
        Some(ms) if ms < 59_950 => format!("{:.1} s", ms as f64 / 1000.0),
        Some(ms) => {
            let s = (ms + 500) / 1000;
            format!("{} min {} s", s / 60, s % 60)
        }
    }
}

/// A count in at most five characters: exact up to 99999, then "123k",
/// "12M".
pub fn count(n: u64) -> String {
    match n {
        0..=99_999 => n.to_string(),
        100_000..=99_999_999 => format!("{}k", n / 1000),
        _ => format!("{}M", n / 1_000_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coefficients_and_shares() {
        assert_eq!(coefficient(Some(0.81234)), "0.812");
        assert_eq!(coefficient(Some(-0.05)), "-0.050");
        assert_eq!(coefficient(None), "undefined");
        assert_eq!(coefficient(Some(f64::NAN)), "undefined");
        assert_eq!(percent(Some(0.5)), "50.0%");
        assert_eq!(percent(None), "—");
        assert_eq!(share(1, 3), "33.3%");
        assert_eq!(share(1, 0), "—");
    }

    #[test]
    fn durations() {
        assert_eq!(duration(None), "—");
        assert_eq!(duration(Some(850)), "850 ms");
        assert_eq!(duration(Some(4_240)), "4.2 s");
        assert_eq!(duration(Some(65_400)), "1 min 5 s");
        assert_eq!(duration(Some(59_949)), "59.9 s");
        assert_eq!(duration(Some(59_999)), "1 min 0 s");
    }

    #[test]
    fn counts_stay_short() {
        assert_eq!(count(0), "0");
        assert_eq!(count(99_999), "99999");
        assert_eq!(count(123_456), "123k");
        assert_eq!(count(1_234_567_890), "1234M");
    }
}
