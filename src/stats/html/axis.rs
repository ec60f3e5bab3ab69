//! An axis of categories (bars, histogram buckets, table rows): category
//! `i` spans `i..i + 1` and is labeled at its middle. Not plotters'
//! segmented axis: with a single segment that one maps everything to the
//! edge of the image.

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use std::ops::Range;

/// `k` categories along an axis.
#[derive(Debug, Clone, Copy)]
pub struct Categories(pub usize);

impl Ranged for Categories {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.0.max(1) as f64;
        limit.0 + (f64::from(limit.1 - limit.0) * value / span).round() as i32
    }

    /// The middles of the categories; no light (minor) points.
    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            return Vec::new();
        }
        (0..self.0).map(|i| i as f64 + 0.5).collect()
    }

    fn range(&self) -> Range<f64> {
        0.0..self.0.max(1) as f64
    }
}

/// Where the `i`th of `k` categories starts on a vertical axis that lists
/// them from the top.
pub fn from_top(i: usize, k: usize) -> f64 {
    k.saturating_sub(i + 1) as f64
}

/// The category of `names` that `at` falls in, on an axis listing them
/// from the top (see [`from_top`]); empty outside.
pub fn name_from_top(names: &[String], at: f64) -> String {
    let row = at.floor();
    if row < 0.0 || row >= names.len() as f64 {
        return String::new();
    }
    names[names.len() - 1 - row as usize].clone()
}

/// The category of `names` that `at` falls in, on an axis listing them
/// from the left; empty outside.
pub fn name_at(names: &[String], at: f64) -> String {
    let column = at.floor();
    if column < 0.0 || column >= names.len() as f64 {
        return String::new();
    }
    names[column as usize].clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::coord::ranged1d::BoldPoints;

    #[test]
    fn categories_map_evenly_and_are_labeled_at_their_middles() {
        let axis = Categories(4);
        assert_eq!(axis.range(), 0.0..4.0);
        assert_eq!(axis.map(&0.0, (100, 500)), 100);
        assert_eq!(axis.map(&1.0, (100, 500)), 200);
        assert_eq!(axis.map(&4.0, (500, 100)), 100);
        assert_eq!(axis.key_points(BoldPoints(10)), [0.5, 1.5, 2.5, 3.5]);
        // One category, or none, still spans the whole axis.
        assert_eq!(Categories(1).map(&1.0, (0, 300)), 300);
        assert_eq!(Categories(0).range(), 0.0..1.0);
        assert!(Categories(0).key_points(BoldPoints(10)).is_empty());
    }

    #[test]
    fn names_from_the_top_or_the_left() {
        let names = vec!["甲".to_string(), "乙".to_string(), "丙".to_string()];
        assert_eq!(from_top(0, 3), 2.0);
        assert_eq!(from_top(2, 3), 0.0);
        assert_eq!(name_from_top(&names, from_top(0, 3) + 0.5), "甲");
        assert_eq!(name_from_top(&names, 0.5), "丙");
        assert_eq!(name_from_top(&names, 3.5), "");
        assert_eq!(name_from_top(&names, -0.5), "");
        assert_eq!(name_at(&names, 0.5), "甲");
        assert_eq!(name_at(&names, 3.0), "");
    }
}
