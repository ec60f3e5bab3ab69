//! `--split TRAIN/DEV/TEST --seed N`: documents into train/dev/test.
//!
//! Split by document, so no report lands in two splits. Deterministic for a
//! seed: documents are ordered by xxh3-64 of their path with the seed as
//! xxh3's seed (ties by path), then laid end to end by their record counts;
//! a document goes to the split whose share of the total contains the
//! middle of its stretch. The record counts of the splits thus approach the
//! ratios as closely as whole documents allow, and a 0 share gets nothing.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// The splits, in file order.
pub const SPLITS: [&str; 3] = ["train", "dev", "test"];

/// Percentages of train, dev, test; they sum to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratios(pub [u32; 3]);

impl std::str::FromStr for Ratios {
    type Err = String;

    /// `"80/10/10"`: three whole numbers summing to 100. The error says what
    /// is wrong (the caller names the value).
    fn from_str(s: &str) -> Result<Ratios, String> {
        let parts: Vec<&str> = s.split('/').collect();
        let [train, dev, test] = parts[..] else {
            return Err(format!(
                "expected three numbers TRAIN/DEV/TEST such as 80/10/10, got {} part(s)",
                parts.len()
            ));
        };
        let mut out = [0u32; 3];
        for (slot, part) in out.iter_mut().zip([train, dev, test]) {
            let digits = part.trim();
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("{part:?} is not a whole number of percent"));
            }
            *slot = digits
                .parse()
                .map_err(|_| format!("{part:?} is too large"))?;
        }
        let sum: u64 = out.iter().map(|&p| u64::from(p)).sum();
        if sum != 100 {
            return Err(format!("the parts sum to {sum}, not 100"));
        }
        Ok(Ratios(out))
    }
}

/// Which split (index into [`SPLITS`]) each document goes to; `docs` are
/// `(path, records)`, the result is parallel to them.
pub fn assign(docs: &[(&str, usize)], ratios: Ratios, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| (xxh3_64_with_seed(docs[i].0.as_bytes(), seed), docs[i].0));
    let total: u128 = docs.iter().map(|d| d.1 as u128).sum();
    let [train, dev, _] = ratios.0.map(u128::from);
    let bounds = [train, train + dev];
    let mut out = vec![0; docs.len()];
    let mut before: u128 = 0;
    for i in order {
        let weight = docs[i].1 as u128;
        // The middle of this document's stretch, as a share of the total:
        // (before + weight/2) / total < bound/100, in whole numbers.
        let middle = (2 * before + weight) * 100;
        out[i] = bounds
            .iter()
            .position(|&b| middle < 2 * total * b)
            .unwrap_or(2);
        before += weight;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!("80/10/10".parse(), Ok(Ratios([80, 10, 10])));
        assert_eq!("100/0/0".parse(), Ok(Ratios([100, 0, 0])));
        for bad in [
            "80/10",
            "80/10/5",
            "a/b/c",
            "-10/60/50",
            "",
            "80/10/10/0",
            "4294967296/0/0",
        ] {
            assert!(bad.parse::<Ratios>().is_err(), "{bad}");
        }
    }

    #[test]
    fn approaches_the_ratios_and_is_deterministic() {
        let names: Vec<String> = (0..200).map(|i| format!("{i:03}.txt")).collect();
        let docs: Vec<(&str, usize)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), 5 + i % 17))
            .collect();
        let total: usize = docs.iter().map(|d| d.1).sum();
        let split = assign(&docs, Ratios([80, 10, 10]), 7);
        assert_eq!(split, assign(&docs, Ratios([80, 10, 10]), 7));
        assert_ne!(split, assign(&docs, Ratios([80, 10, 10]), 8));
        let mut counts = [0usize; 3];
        for (d, s) in docs.iter().zip(&split) {
            counts[*s] += d.1;
        }
        for (got, want) in counts.iter().zip([80, 10, 10]) {
            let share = *got as f64 * 100.0 / total as f64;
            assert!((share - want as f64).abs() < 2.0, "{counts:?}");
        }
        let all_train = assign(&docs, Ratios([100, 0, 0]), 1);
        assert!(all_train.iter().all(|&s| s == 0));
        let no_dev = assign(&docs, Ratios([50, 0, 50]), 1);
        assert!(!no_dev.contains(&1));
    }
}
