//! Inter-annotator agreement coefficients (pure, no I/O).
//!
//! Percent agreement, Fleiss' kappa, Cohen's kappa, Krippendorff's alpha
//! (nominal, and with an arbitrary distance such as MASI over indicator sets),
//! and confusion counts. Every function is linear in items × raters (plus
//! categories² or distinct values² where a coefficient needs it), and none ever
//! returns NaN: where a coefficient is undefined the answer is `None`.

use std::collections::BTreeMap;

/// One item (paragraph): each rater's rating or None (missing). Categories are small integers.
pub type Ratings = Vec<Option<u32>>;

/// A set of labels (indicators): sorted, no repeats. Compared as a
/// `BTreeSet` is (element by element), so it groups and orders the same.
pub type LabelSet = Vec<u32>;

/// Sorts `buf` and calls `f(value, count)` for each run of equal values.
fn for_each_group<T: Ord>(buf: &mut [T], mut f: impl FnMut(&T, u64)) {
    buf.sort_unstable();
    let mut i = 0;
    while i < buf.len() {
        let mut j = i + 1;
        while j < buf.len() && buf[j] == buf[i] {
            j += 1;
        }
        f(&buf[i], (j - i) as u64);
        i = j;
    }
}

/// Calls `f` with the ratings of each item that has at least two (the
/// pairable ones), gathered into one reused buffer, missing ratings left out.
fn for_each_pairable<T, I>(items: impl IntoIterator<Item = I>, mut f: impl FnMut(&mut [T]))
where
    I: IntoIterator<Item = Option<T>>,
{
    let mut buf: Vec<T> = Vec::new();
    for item in items {
        buf.clear();
        buf.extend(item.into_iter().flatten());
        if buf.len() >= 2 {
            f(&mut buf);
        }
    }
}

/// `num / den`, or None when the quotient would not be a finite number.
fn ratio(num: f64, den: f64) -> Option<f64> {
    if den == 0.0 {
        return None;
    }
    let q = num / den;
    q.is_finite().then_some(q)
}

/// Share of agreeing rater pairs, averaged over items with >= 2 ratings; None if no such item.
pub fn percent_agreement(items: &[Ratings]) -> Option<f64> {
    let mut sum = 0.0;
    let mut count = 0u64;
    for_each_pairable(items.iter().map(|r| r.iter().copied()), |ratings| {
        let m = ratings.len() as u64;
        let mut agreeing = 0u64; // ordered pairs i != j with equal ratings
        for_each_group(ratings, |_, c| agreeing += c * (c - 1));
        sum += agreeing as f64 / (m * (m - 1)) as f64;
        count += 1;
    });
    ratio(sum, count as f64)
}

/// Fleiss' kappa over the items rated by every rater (items with any None are skipped);
/// None when undefined (no complete items, fewer than 2 raters, or expected agreement
/// == 1, i.e. one category only).
///
/// The number of raters is the longest item's length; an item is complete when it has
/// that length and no missing rating.
pub fn fleiss_kappa(items: &[Ratings]) -> Option<f64> {
    let raters = items.iter().map(Vec::len).max().unwrap_or(0) as u64;
    if raters < 2 {
        return None;
    }
    let complete = items
        .iter()
        .filter(|item| item.len() as u64 == raters && item.iter().all(Option::is_some));
    let mut totals: BTreeMap<u32, u64> = BTreeMap::new();
    let mut n_items = 0u64;
    let mut sum_sq: u128 = 0; // Σ_i Σ_j n_ij²

    // A complete item has `raters` >= 2 ratings: every one is pairable.
    for_each_pairable(complete.map(|r| r.iter().copied()), |ratings| {
        for_each_group(ratings, |&c, k| {
            sum_sq += u128::from(k) * u128::from(k);
            *totals.entry(c).or_insert(0) += k;
        });
        n_items += 1;
    });
    if n_items == 0 || totals.len() < 2 {
        // No complete item, or a single category: expected agreement is 1.
        return None;
    }
    let nn = n_items * raters; // total ratings

    // P̄ = (Σ n_ij² − N n) / (N n (n − 1)); P̄e = Σ_j T_j² / (N n)².
    let p_bar = ratio(
        (sum_sq - u128::from(nn)) as f64,
        (u128::from(nn) * u128::from(raters - 1)) as f64,
    )?;
    let sum_t2: u128 = totals
        .values()
        .map(|&t| u128::from(t) * u128::from(t))
        .sum();
    let nn2 = u128::from(nn) * u128::from(nn);
    let p_e = ratio(sum_t2 as f64, nn2 as f64)?;
    // κ = (P̄ − P̄e) / (1 − P̄e), with 1 − P̄e = (N n)² − Σ T² over (N n)², exact in integers.
    ratio(p_bar - p_e, (nn2 - sum_t2) as f64 / nn2 as f64)
}

/// Cohen's kappa for two raters over the items both rated: `pairs` of (a, b).
/// None when undefined (no items, or p_e == 1).
pub fn cohen_kappa(pairs: &[(u32, u32)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let mut ma: BTreeMap<u32, u64> = BTreeMap::new();
    let mut mb: BTreeMap<u32, u64> = BTreeMap::new();
    let mut agree = 0u64;
    for &(a, b) in pairs {
        *ma.entry(a).or_insert(0) += 1;
        *mb.entry(b).or_insert(0) += 1;
        if a == b {
            agree += 1;
        }
    }
    let n = pairs.len() as u128;
    let n2 = n * n;
    let chance: u128 = ma
        .iter()
        .map(|(c, &x)| u128::from(x) * u128::from(mb.get(c).copied().unwrap_or(0)))
        .sum();
    if chance >= n2 {
        return None; // p_e == 1: both raters used one and the same category
    }
    // κ = (p_o − p_e) / (1 − p_e) = (N·agree − Σ a_c b_c) / (N² − Σ a_c b_c)
    let num = (n * u128::from(agree)) as f64 - chance as f64;
    ratio(num, (n2 - chance) as f64)
}

/// Krippendorff's alpha, nominal metric, missing ratings allowed (items with < 2 ratings
/// are not pairable and drop out). None when undefined (fewer than 2 pairable values,
/// or D_e == 0 — one category only).
pub fn krippendorff_alpha_nominal(items: &[Ratings]) -> Option<f64> {
    krippendorff_alpha_nominal_iter(items.iter().map(|r| r.iter().copied()))
}

/// [`krippendorff_alpha_nominal`] over items given as iterators of ratings:
/// for ratings derived on the fly (such as the presence of one indicator in
/// each set) without building a matrix first.
pub fn krippendorff_alpha_nominal_iter<I>(items: impl IntoIterator<Item = I>) -> Option<f64>
where
    I: IntoIterator<Item = Option<u32>>,
{
    let mut totals: BTreeMap<u32, u64> = BTreeMap::new();
    let mut n = 0u64; // pairable values
    let mut d_o = 0.0; // Σ_u (m_u² − Σ_c n_uc²) / (m_u − 1)
    for_each_pairable(items, |ratings| {
        let m = ratings.len() as u64;
        let mut sq = 0u64;
        for_each_group(ratings, |&c, k| {
            sq += k * k;
            *totals.entry(c).or_insert(0) += k;
        });
        d_o += (m * m - sq) as f64 / (m - 1) as f64;
        n += m;
    });
    if n < 2 {
        return None;
    }
    let n = u128::from(n);
    let sum_t2: u128 = totals
        .values()
        .map(|&t| u128::from(t) * u128::from(t))
        .sum();
    let d_e = n * n - sum_t2; // Σ over ordered pairs of distinct values
    if d_e == 0 {
        return None;
    }
    // α = 1 − (n − 1) D_o / D_e
    ratio((n - 1) as f64 * d_o, d_e as f64).map(|q| 1.0 - q)
}

/// For each of `labels` labels, [`krippendorff_alpha_nominal`] of its
/// presence in each rater's set (1 present, 0 absent; a missing set is a
/// missing rating), all in one pass over the items: the answer is the same,
/// bit for bit, as one [`krippendorff_alpha_nominal_iter`] per label, for a
/// cost linear in the items and the labels they use. Labels `>= labels`
/// are ignored.
pub fn krippendorff_alpha_presence(
    items: &[Vec<Option<LabelSet>>],
    labels: usize,
) -> Vec<Option<f64>> {
    // Per label: Σ_u (m_u² − k0² − k1²) / (m_u − 1) over the items where it
    // is present somewhere (0 elsewhere), and its total presence count.
    let mut d_o = vec![0.0f64; labels];
    let mut present = vec![0u64; labels];
    let mut n = 0u64; // pairable values: the same for every label
    let mut counts: Vec<u32> = Vec::new();
    for item in items {
        let m = item.iter().flatten().count() as u64;
        if m < 2 {
            continue;
        }
        n += m;
        counts.clear();
        counts.extend(
            item.iter()
                .flatten()
                .flatten()
                .filter(|&&l| (l as usize) < labels),
        );
        counts.sort_unstable();
        for run in counts.chunk_by(|a, b| a == b) {
            let (k1, l) = (run.len() as u64, run[0] as usize);
            let k0 = m - k1;
            d_o[l] += (m * m - (k0 * k0 + k1 * k1)) as f64 / (m - 1) as f64;
            present[l] += k1;
        }
    }
    if n < 2 {
        return vec![None; labels];
    }
    let n = u128::from(n);
    (0..labels)
        .map(|l| {
            let (t1, t0) = (u128::from(present[l]), n - u128::from(present[l]));
            let d_e = n * n - (t0 * t0 + t1 * t1);
            if d_e == 0 {
                return None;
            }
            ratio((n - 1) as f64 * d_o[l], d_e as f64).map(|q| 1.0 - q)
        })
        .collect()
}

/// Krippendorff's alpha with any distance over arbitrary values (used with MASI over
/// indicator sets). Same missing-data and None rules as [`krippendorff_alpha_nominal`].
///
/// Bound: `T: Ord` (equal values are grouped and counted, so the cost is linear in the
/// number of ratings plus distinct values² distance calls). The distance is assumed
/// symmetric; `distance(a, a)` is still evaluated (it is 0 for a proper distance).
pub fn krippendorff_alpha<T: Ord>(
    items: &[Vec<Option<T>>],
    distance: impl Fn(&T, &T) -> f64,
) -> Option<f64> {
    let mut groups: Vec<(&T, u64)> = Vec::new();
    let mut totals: BTreeMap<&T, u64> = BTreeMap::new();
    let mut n = 0u64;
    let mut d_o = 0.0; // Σ_u (1/(m_u − 1)) Σ_{i≠j} δ(v_i, v_j)
    for_each_pairable(
        items.iter().map(|r| r.iter().map(Option::as_ref)),
        |ratings| {
            let m = ratings.len() as u64;
            groups.clear();
            for_each_group(ratings, |&v, k| groups.push((v, k)));
            let within = pair_sum(&groups, &distance);
            d_o += within / (m - 1) as f64;
            for &(v, k) in &groups {
                *totals.entry(v).or_insert(0) += k;
            }
            n += m;
        },
    );
    if n < 2 {
        return None;
    }
    let all: Vec<(&T, u64)> = totals.into_iter().collect();
    let d_e = pair_sum(&all, &distance);
    if d_e.is_nan() || d_e <= 0.0 || d_e.is_infinite() {
        return None;
    }
    ratio((n - 1) as f64 * d_o, d_e).map(|q| 1.0 - q)
}

/// Σ over ordered pairs of distinct positions i ≠ j of δ(v_i, v_j), where the values
/// come grouped as (value, count); δ assumed symmetric.
fn pair_sum<T>(groups: &[(&T, u64)], distance: &impl Fn(&T, &T) -> f64) -> f64 {
    let mut s = 0.0;
    for (i, &(a, na)) in groups.iter().enumerate() {
        if na >= 2 {
            let same = distance(a, a);
            if same != 0.0 {
                s += (na * (na - 1)) as f64 * same;
            }
        }
        for &(b, nb) in &groups[i + 1..] {
            s += 2.0 * (na as f64) * (nb as f64) * distance(a, b);
        }
    }
    s
}

/// MASI distance (Passonneau 2006) between two sets (sorted, no repeats): 1 - J * M,
/// J = Jaccard (|A∩B|/|A∪B|), M = 1 if A == B, 2/3 if one is a subset of the other, 1/3
/// if they intersect otherwise, 0 if disjoint. Two empty sets: distance 0.
pub fn masi_distance(a: &[u32], b: &[u32]) -> f64 {
    let inter = intersection_len(a, b);
    let union = a.len() + b.len() - inter;
    if union == 0 {
        return 0.0;
    }
    let m = if inter == a.len() && inter == b.len() {
        1.0
    } else if inter == a.len() || inter == b.len() {
        2.0 / 3.0
    } else if inter > 0 {
        1.0 / 3.0
    } else {
        0.0
    };
    1.0 - (inter as f64 / union as f64) * m
}

/// |A∩B| of two sorted sets (or multisets: an element in common as often
/// as both have it), by merging.
pub(super) fn intersection_len<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A confusion count of two raters: counts[a][b] over items both rated (size = number
/// of categories). Pairs with a category `>= categories` are ignored.
pub fn confusion(pairs: &[(u32, u32)], categories: usize) -> Vec<Vec<u64>> {
    let mut counts = vec![vec![0u64; categories]; categories];
    for &(a, b) in pairs {
        let (a, b) = (a as usize, b as usize);
        if a < categories && b < categories {
            counts[a][b] += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests;
