//! The text report's block comparing labels made with suggestions and
//! without ([`crate::stats::suggested`]).

use super::heading;
use crate::stats::Stats;
use std::fmt::{self, Write};

/// Labels made with suggestions against labels made without: agreement
/// between annotators and with gold, per condition.
pub(super) fn suggestions(s: &mut String, st: &Stats) -> fmt::Result {
    let g = &st.suggestions;
    if g.suggested.labels + g.control.labels == 0 {
        return Ok(());
    }
    heading(s, "Suggestions (section type)")?;
    writeln!(
        s,
        "  {:<22}{:>8}{:>8}{:>8}{:>8}{:>8}{:>8}",
        "", "labels", "pairs", "agree", "kappa", "gold", "agree"
    )?;
    let pct = |x: Option<f64>| x.map_or("-".to_owned(), |v| format!("{:.0}%", v * 100.0));
    let k = |x: Option<f64>| x.map_or("-".to_owned(), |v| format!("{v:.2}"));
    for (name, c) in [
        ("pre-filled", &g.suggested),
        ("control (withheld)", &g.control),
        ("not recorded", &g.unrecorded),
    ] {
        writeln!(
            s,
            "  {name:<22}{:>8}{:>8}{:>8}{:>8}{:>8}{:>8}",
            c.labels,
            c.pair_items,
            pct(c.pair_agreement),
            k(c.pair_kappa),
            c.gold_items,
            pct(c.gold_agreement)
        )?;
    }
    Ok(())
}
