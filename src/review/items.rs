//! From annotators' labels to rating matrices, as DESIGN.md §1 defines the
//! items: a paragraph with a section type from at least two annotators. Over
//! the same items, each annotator with a section there gives an indicator set
//! (an empty set is a rating).

use super::agreement::Ratings;
use crate::schema::Schema;
use crate::store::Label;
use std::collections::{BTreeSet, HashMap};

/// The rating matrices of the agreement report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Items {
    /// Rater names, the columns of every matrix.
    pub annotators: Vec<String>,
    /// Section names: schema order first, then names only labels use.
    pub sections: Vec<String>,
    /// Indicator names: schema order first, then names only labels use.
    pub indicators: Vec<String>,
    /// Paragraph index of each item.
    pub paragraphs: Vec<usize>,
    /// Per item, each annotator's section (index into `sections`).
    pub section_ratings: Vec<Ratings>,
    /// Per item, each annotator's indicator set (indices into `indicators`).
    pub indicator_ratings: Vec<Vec<Option<BTreeSet<u32>>>>,
}

/// Names in schema order, then the others in order of first appearance.
struct Names {
    list: Vec<String>,
    index: HashMap<String, u32>,
}

impl Names {
    fn new(schema_names: impl Iterator<Item = String>) -> Names {
        let mut names = Names {
            list: Vec::new(),
            index: HashMap::new(),
        };
        for n in schema_names {
            names.id(&n);
        }
        names
    }

    fn id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(name.to_owned());
        self.index.insert(name.to_owned(), i);
        i
    }
}

/// Build the items. `labels[a]` is annotator `a`'s labels attached to the
/// paragraphs (parallel to the corpus paragraphs).
pub fn build(annotators: &[String], labels: &[Vec<Option<Label>>], schema: &Schema) -> Items {
    let mut sections = Names::new(schema.sections.iter().map(|d| d.name.clone()));
    let mut indicators = Names::new(schema.indicators.iter().map(|d| d.name.clone()));
    let paragraphs = labels.iter().map(Vec::len).max().unwrap_or(0);
    let mut items = Items {
        annotators: annotators.to_vec(),
        ..Items::default()
    };
    for p in 0..paragraphs {
        let rated: Vec<Option<&Label>> = labels
            .iter()
            .map(|l| {
                l.get(p)
                    .and_then(Option::as_ref)
                    .filter(|l| l.section.is_some())
            })
            .collect();
        if rated.iter().flatten().count() < 2 {
            continue;
        }
        let section_row: Ratings = rated
            .iter()
            .map(|l| l.and_then(|l| l.section.as_deref()).map(|s| sections.id(s)))
            .collect();
        let indicator_row = rated
            .iter()
            .map(|l| l.map(|l| l.indicators.iter().map(|i| indicators.id(i)).collect()))
            .collect();
        items.paragraphs.push(p);
        items.section_ratings.push(section_row);
        items.indicator_ratings.push(indicator_row);
    }
    items.sections = sections.list;
    items.indicators = indicators.list;
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(section: Option<&str>, indicators: &[&str]) -> Option<Label> {
        let mut l = Label::empty("d", 0, "h");
        l.section = section.map(str::to_owned);
        l.indicators = indicators.iter().map(|s| s.to_string()).collect();
        Some(l)
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
        let items = build(&names, &labels, &schema);
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
            vec![vec![
                Some(BTreeSet::from([funds])),
                Some(BTreeSet::new()),
                None
            ]]
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
        let items = build(&names, &labels, &schema);
        assert_eq!(items.sections.last().unwrap(), "retired");
        assert_eq!(items.indicators.last().unwrap(), "old");
        assert_eq!(items.sections.len(), schema.sections.len() + 1);
    }
}
