//! Each annotator against the gold set (`labels/gold.sled`): over the
//! paragraphs where both the annotator and gold have a section type, how
//! many there are, the share where the annotator's section type is gold's,
//! and Cohen's kappa annotator vs gold. Pure.

use super::agreement::cohen_kappa;
use super::report::Report;
use super::votes::{Vote, Votes};

/// One annotator against gold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VersusGold {
    /// Paragraphs where both have a section type.
    pub items: usize,
    /// Share of `items` where the section types are the same; `None` when
    /// there are no items.
    pub agreement: Option<f64>,
    /// Cohen's kappa; `None` when undefined (no items, or one and the same
    /// section type throughout).
    pub kappa: Option<f64>,
}

/// `mine` against `gold`, both parallel to the corpus paragraphs (and
/// their section indices into the same names).
pub fn versus_gold(mine: &[Option<Vote>], gold: &[Option<Vote>]) -> VersusGold {
    fn section(v: &Option<Vote>) -> Option<u32> {
        v.as_ref()?.section
    }
    let ratings: Vec<(u32, u32)> = mine
        .iter()
        .zip(gold)
        .filter_map(|(m, g)| Some((section(m)?, section(g)?)))
        .collect();
    let agree = ratings.iter().filter(|(m, g)| m == g).count();
    VersusGold {
        items: ratings.len(),
        agreement: (!ratings.is_empty()).then(|| agree as f64 / ratings.len() as f64),
        kappa: cohen_kappa(&ratings),
    }
}

/// Fill in `report`'s per-annotator figures against the gold set of
/// `votes` (as given to [`report`](super::report::report)); nothing when
/// it has none.
pub fn add_gold(report: &mut Report, votes: &Votes) {
    let Some(gold) = &votes.gold else {
        return;
    };
    for (figures, mine) in report.per_annotator.iter_mut().zip(&votes.sheets) {
        let v = versus_gold(mine, gold);
        figures.gold_items = Some(v.items);
        figures.gold_agreement = v.agreement;
        figures.gold_kappa = v.kappa;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Votes with section types "x" (0) and "y" (1).
    fn labels(sections: &[Option<&str>]) -> Vec<Option<Vote>> {
        sections
            .iter()
            .map(|s| {
                Some(Vote {
                    section: s.map(|s| u32::from(s == "y")),
                    ..Vote::default()
                })
            })
            .collect()
    }

    #[test]
    fn agreement_and_kappa_against_gold_by_hand() {
        // Paragraphs 0..6; the annotator has no section type on 5, gold none
        // on 4.
        let mine = labels(&[Some("x"), Some("x"), Some("y"), Some("y"), Some("x"), None]);
        let gold = labels(&[Some("x"), Some("y"), Some("y"), Some("y"), None, Some("x")]);
        let v = versus_gold(&mine, &gold);
        // Items 0..4: (x,x) (x,y) (y,y) (y,y): 3 of 4 agree. Marginals:
        // annotator x 2, y 2; gold x 1, y 3. p_o = 3/4, p_e = (2·1 + 2·3)/16
        // = 1/2, kappa = (3/4 − 1/2) / (1 − 1/2) = 1/2.
        assert_eq!(v.items, 4);
        assert_eq!(v.agreement, Some(0.75));
        assert!((v.kappa.unwrap() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn undefined_is_none_never_nan() {
        let nothing = versus_gold(&labels(&[Some("x"), None]), &labels(&[None, Some("x")]));
        assert_eq!(
            nothing,
            VersusGold {
                items: 0,
                agreement: None,
                kappa: None
            }
        );
        // One section type throughout: agreement 1, kappa undefined.
        let same = versus_gold(&labels(&[Some("x"); 3]), &labels(&[Some("x"); 3]));
        assert_eq!(
            (same.items, same.agreement, same.kappa),
            (3, Some(1.0), None)
        );
        // Shorter label lists (an annotator with no paragraphs) are fine.
        assert_eq!(versus_gold(&[], &labels(&[Some("x")])).items, 0);
    }
}
