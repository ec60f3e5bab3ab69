//! From annotators' votes (their labels, see [`super::votes`]) to rating matrices, as DESIGN.md §1 defines the
//! items: a paragraph with a section type from at least two annotators. Over
//! the same items, each annotator with a section there gives an indicator set
//! (an empty set is a rating).

use super::agreement::{LabelSet, Ratings};
use super::votes::{Sheet, Vote, Votes};

/// The rating matrices of the agreement report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Items {
    /// Rater names, the columns of every matrix.
    pub annotators: Vec<String>,
    /// Section names: schema order first, then names only labels use,
    /// sorted ([`Votes::sections`]).
    pub sections: Vec<String>,
    /// Indicator names, ordered the same way.
    pub indicators: Vec<String>,
    /// Paragraph index of each item.
    pub paragraphs: Vec<usize>,
    /// Per item, each annotator's section (index into `sections`).
    pub section_ratings: Vec<Ratings>,
    /// Per item, each annotator's indicator set (indices into `indicators`).
    pub indicator_ratings: Vec<Vec<Option<LabelSet>>>,
}

/// Build the items from the annotators' votes.
pub fn build(votes: &Votes) -> Items {
    let paragraphs = votes.sheets.iter().map(Vec::len).max().unwrap_or(0);
    let mut items = Items {
        annotators: votes.annotators.clone(),
        sections: votes.sections.clone(),
        indicators: votes.indicators.clone(),
        ..Items::default()
    };
    for p in 0..paragraphs {
        if votes
            .sheets
            .iter()
            .filter(|s| rated(s, p).is_some())
            .count()
            < 2
        {
            continue;
        }
        let section_row: Ratings = votes
            .sheets
            .iter()
            .map(|s| rated(s, p).and_then(|v| v.section))
            .collect();
        let indicator_row = votes
            .sheets
            .iter()
            .map(|s| rated(s, p).map(|v| v.indicators.clone()))
            .collect();
        items.paragraphs.push(p);
        items.section_ratings.push(section_row);
        items.indicator_ratings.push(indicator_row);
    }
    items
}

/// An annotator's vote on paragraph `p` if it has a section type.
fn rated(sheet: &Sheet, p: usize) -> Option<&Vote> {
    sheet
        .get(p)
        .and_then(Option::as_ref)
        .filter(|v| v.section.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Schema;
    use crate::store::Label;

    fn label(section: Option<&str>, indicators: &[&str]) -> crate::attach::Slot {
        let mut l = Label::empty("d", 0, "h");
        l.section = section.map(str::to_owned);
        l.indicators = indicators.iter().map(|s| s.to_string()).collect();
        Some(Box::new(l))
    }

    #[test]
    fn items_need_two_sections() {
        let schema = Schema::default_schema();
        let names = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
        let labels = vec![
            vec![
                label(Some("plan"), &["funds"]),
                label(Some("plan"), &[]),
                None,
            ],
            vec![label(Some("problem"), &[]), None, label(None, &["funds"])],
            vec![None, None, label(Some("other"), &[])],
        ];
        let items = build(&Votes::from_labels(&schema, &names, &labels, None));
        assert_eq!(items.paragraphs, vec![0]);
        let plan = items.sections.iter().position(|s| s == "plan").unwrap() as u32;
        let problem = items.sections.iter().position(|s| s == "problem").unwrap() as u32;
        assert_eq!(
            items.section_ratings,
            vec![vec![Some(plan), Some(problem), None]]
        );
        let funds = items.indicators.iter().position(|s| s == "funds").unwrap() as u32;
        assert_eq!(
            items.indicator_ratings,
            vec![vec![Some(vec![funds]), Some(vec![]), None]]
        );
    }

    #[test]
    fn names_outside_the_schema_get_their_own_categories() {
        let schema = Schema::default_schema();
        let names = vec!["a".to_owned(), "b".to_owned()];
        let labels = vec![
            vec![label(Some("retired"), &["old"])],
            vec![label(Some("retired"), &[])],
        ];
        let items = build(&Votes::from_labels(&schema, &names, &labels, None));
        assert_eq!(items.sections.last().unwrap(), "retired");
        assert_eq!(items.indicators.last().unwrap(), "old");
        assert_eq!(items.sections.len(), schema.sections.len() + 1);
    }
}
