//! Inter-annotator agreement coefficients (pure, no I/O).
//!
//! Percent agreement, Fleiss' kappa, Cohen's kappa, Krippendorff's alpha
//! (nominal, and with an arbitrary distance such as MASI over indicator sets),
//! and confusion counts. Every function is linear in items × raters (plus
//! categories² or distinct values² where a coefficient needs it), and none ever
//! returns NaN: where a coefficient is undefined the answer is `None`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One item (paragraph): each rater's rating or None (missing). Categories are small integers.
pub type Ratings = Vec<Option<u32>>;

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
    let mut buf: Vec<u32> = Vec::new();
    let mut sum = 0.0;
    let mut count = 0u64;
    for item in items {
        buf.clear();
        buf.extend(item.iter().flatten().copied());
        let m = buf.len() as u64;
        if m < 2 {
            continue;
        }
        let mut agreeing = 0u64; // ordered pairs i != j with equal ratings
        for_each_group(&mut buf, |_, c| agreeing += c * (c - 1));
        sum += agreeing as f64 / (m * (m - 1)) as f64;
        count += 1;
    }
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
    let mut buf: Vec<u32> = Vec::new();
    let mut totals: HashMap<u32, u64> = HashMap::new();
    let mut n_items = 0u64;
    let mut sum_sq: u128 = 0; // Σ_i Σ_j n_ij²
    for item in items {
        if item.len() as u64 != raters || item.iter().any(Option::is_none) {
            continue;
        }
        buf.clear();
        buf.extend(item.iter().flatten().copied());
        for_each_group(&mut buf, |&c, k| {
            sum_sq += u128::from(k) * u128::from(k);
            *totals.entry(c).or_insert(0) += k;
        });
        n_items += 1;
    }
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
    let mut ma: HashMap<u32, u64> = HashMap::new();
    let mut mb: HashMap<u32, u64> = HashMap::new();
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
    let mut buf: Vec<u32> = Vec::new();
    let mut totals: HashMap<u32, u64> = HashMap::new();
    let mut n = 0u64; // pairable values
    let mut d_o = 0.0; // Σ_u (m_u² − Σ_c n_uc²) / (m_u − 1)
    for item in items {
        buf.clear();
        buf.extend(item.iter().flatten().copied());
        let m = buf.len() as u64;
        if m < 2 {
            continue;
        }
        let mut sq = 0u64;
        for_each_group(&mut buf, |&c, k| {
            sq += k * k;
            *totals.entry(c).or_insert(0) += k;
        });
        d_o += (m * m - sq) as f64 / (m - 1) as f64;
        n += m;
    }
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
    let mut buf: Vec<&T> = Vec::new();
    let mut groups: Vec<(&T, u64)> = Vec::new();
    let mut totals: BTreeMap<&T, u64> = BTreeMap::new();
    let mut n = 0u64;
    let mut d_o = 0.0; // Σ_u (1/(m_u − 1)) Σ_{i≠j} δ(v_i, v_j)
    for item in items {
        buf.clear();
        buf.extend(item.iter().flatten());
        let m = buf.len() as u64;
        if m < 2 {
            continue;
        }
        groups.clear();
        for_each_group(&mut buf, |&v, k| groups.push((v, k)));
        let within = pair_sum(&groups, &distance);
        d_o += within / (m - 1) as f64;
        for &(v, k) in &groups {
            *totals.entry(v).or_insert(0) += k;
        }
        n += m;
    }
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

/// MASI distance (Passonneau 2006) between two sets: 1 - J * M, J = Jaccard
/// (|A∩B|/|A∪B|), M = 1 if A == B, 2/3 if one is a subset of the other, 1/3 if they
/// intersect otherwise, 0 if disjoint. Two empty sets: distance 0.
pub fn masi_distance(a: &BTreeSet<u32>, b: &BTreeSet<u32>) -> f64 {
    let inter = a.intersection(b).count();
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
mod tests {
    use super::*;

    const EPS: f64 = 1e-9;

    fn close(got: Option<f64>, want: f64) {
        let got = got.expect("defined");
        assert!((got - want).abs() < EPS, "got {got}, want {want}");
    }

    fn nominal(a: &u32, b: &u32) -> f64 {
        if a == b {
            0.0
        } else {
            1.0
        }
    }

    /// Fleiss (1971) as in the Wikipedia "Fleiss' kappa" article: 10 subjects,
    /// 14 raters, 5 categories (rows are n_ij).
    fn fleiss_items() -> Vec<Ratings> {
        let table: [[u32; 5]; 10] = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        table
            .iter()
            .map(|row| {
                let mut item = Vec::new();
                for (cat, &k) in row.iter().enumerate() {
                    item.extend(std::iter::repeat_n(Some(cat as u32 + 1), k as usize));
                }
                assert_eq!(item.len(), 14);
                item
            })
            .collect()
    }

    #[test]
    fn fleiss_1971_worked_example() {
        // Σ n_ij² = 828, N n = 140, so P̄ = (828 − 140) / (140·13) = 172/455 ≈ 0.378;
        // column totals 20, 28, 39, 21, 32: Σ T² = 4170, P̄e = 4170/140² = 417/1960 ≈ 0.213;
        // κ = (172/455 − 417/1960) / (1 − 417/1960) = 4211/20059 ≈ 0.210.
        let k = fleiss_kappa(&fleiss_items());
        close(k, 4211.0 / 20059.0);
        assert_eq!(format!("{:.3}", k.unwrap()), "0.210");
    }

    #[test]
    fn fleiss_skips_incomplete_items() {
        let mut items = fleiss_items();
        let mut partial = items[0].clone();
        partial[3] = None;
        items.push(partial);
        close(fleiss_kappa(&items), 4211.0 / 20059.0);
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers ×
    /// 12 units, nominal data with missing values. Items are units, entries observers A–D.
    fn krippendorff_items() -> Vec<Ratings> {
        let rows = [
            "1 2 3 3 2 1 4 1 2 . . .",
            "1 2 3 3 2 2 4 1 2 5 . 3",
            ". 3 3 3 2 3 4 2 2 5 1 .",
            "1 2 3 3 2 4 4 1 2 5 1 .",
        ];
        let grid: Vec<Vec<Option<u32>>> = rows
            .iter()
            .map(|r| r.split(' ').map(|x| x.parse().ok()).collect())
            .collect();
        (0..12)
            .map(|u| grid.iter().map(|row| row[u]).collect())
            .collect()
    }

    #[test]
    fn krippendorff_2011_nominal_example() {
        // Pairable values n = 40 (unit 12 has a single value and drops out).
        // Σ_u (m_u² − Σ_c n_uc²)/(m_u − 1) = 8 (units 2: 6/3, 6: 12/3, 8: 6/3), i.e. D_o ∝ 8;
        // value totals 1:9, 2:13, 3:10, 4:5, 5:3 give n² − Σ n_c² = 1600 − 384 = 1216.
        // α = 1 − (n − 1)·8/1216 = 1 − 39/152 = 113/152 ≈ 0.7434 (published 0.743).
        let items = krippendorff_items();
        let a = krippendorff_alpha_nominal(&items);
        close(a, 113.0 / 152.0);
        assert_eq!(format!("{:.3}", a.unwrap()), "0.743");
        close(krippendorff_alpha(&items, nominal), 113.0 / 152.0);
    }

    #[test]
    fn cohen_wikipedia_example() {
        // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 → p_o = 0.7, p_e = 0.5, κ = 0.4.
        let mut pairs = Vec::new();
        pairs.extend(std::iter::repeat_n((1, 1), 20));
        pairs.extend(std::iter::repeat_n((1, 0), 5));
        pairs.extend(std::iter::repeat_n((0, 1), 10));
        pairs.extend(std::iter::repeat_n((0, 0), 15));
        close(cohen_kappa(&pairs), 0.4);
        assert_eq!(confusion(&pairs, 2), vec![vec![15, 10], vec![5, 20]]);
    }

    #[test]
    fn perfect_agreement() {
        let items: Vec<Ratings> = vec![
            vec![Some(0), Some(0), Some(0)],
            vec![Some(1), Some(1), Some(1)],
            vec![Some(2), Some(2), None],
        ];
        close(percent_agreement(&items), 1.0);
        close(fleiss_kappa(&items), 1.0);
        close(krippendorff_alpha_nominal(&items), 1.0);
        close(krippendorff_alpha(&items, nominal), 1.0);
        close(cohen_kappa(&[(0, 0), (1, 1), (2, 2)]), 1.0);
    }

    #[test]
    fn one_category_only_is_undefined() {
        let items: Vec<Ratings> = vec![vec![Some(3), Some(3)], vec![Some(3), Some(3)]];
        close(percent_agreement(&items), 1.0);
        assert_eq!(fleiss_kappa(&items), None);
        assert_eq!(krippendorff_alpha_nominal(&items), None);
        assert_eq!(krippendorff_alpha(&items, nominal), None);
        assert_eq!(cohen_kappa(&[(3, 3), (3, 3)]), None);
    }

    #[test]
    fn no_overlap_is_undefined() {
        // Each item rated by a single rater: nothing is pairable.
        let items: Vec<Ratings> = vec![vec![Some(0), None], vec![None, Some(1)]];
        assert_eq!(percent_agreement(&items), None);
        assert_eq!(fleiss_kappa(&items), None);
        assert_eq!(krippendorff_alpha_nominal(&items), None);
        assert_eq!(krippendorff_alpha(&items, nominal), None);
        assert_eq!(cohen_kappa(&[]), None);
        assert_eq!(percent_agreement(&[]), None);
        assert_eq!(fleiss_kappa(&[]), None);
        assert_eq!(krippendorff_alpha_nominal(&[]), None);
    }

    #[test]
    fn one_rater_is_undefined() {
        let items: Vec<Ratings> = vec![vec![Some(0)], vec![Some(1)], vec![Some(2)]];
        assert_eq!(percent_agreement(&items), None);
        assert_eq!(fleiss_kappa(&items), None);
        assert_eq!(krippendorff_alpha_nominal(&items), None);
        assert_eq!(krippendorff_alpha(&items, nominal), None);
    }

    #[test]
    fn small_hand_computed_cases() {
        // Two raters, 4 items: agree on 0,0,1; disagree on last (0 vs 1).
        // p_o = 3/4; marginals a: 0×3, 1×1; b: 0×2, 1×2; p_e = (6 + 2)/16 = 1/2; κ = 1/2.
        let pairs = [(0, 0), (0, 0), (1, 1), (0, 1)];
        close(cohen_kappa(&pairs), 0.5);
        let items: Vec<Ratings> = pairs.iter().map(|&(a, b)| vec![Some(a), Some(b)]).collect();
        close(percent_agreement(&items), 0.75);
        // Fleiss: Σ n_ij² = 4+4+4+2 = 14, Nn = 8: P̄ = (14−8)/8 = 3/4; totals 0:5, 1:3,
        // P̄e = 34/64; κ = (48/64 − 34/64)/(30/64) = 14/30 = 7/15.
        close(fleiss_kappa(&items), 7.0 / 15.0);
        // Krippendorff: n = 8, D_o ∝ 2 (one disagreeing unit: (4−2)/1), n² − Σ = 64 − 34 = 30,
        // α = 1 − 7·2/30 = 8/15.
        close(krippendorff_alpha_nominal(&items), 8.0 / 15.0);
        close(krippendorff_alpha(&items, nominal), 8.0 / 15.0);
        // Three raters, one item 0,0,1: agreeing ordered pairs 2 of 6.
        close(
            percent_agreement(&[vec![Some(0), Some(0), Some(1)]]),
            1.0 / 3.0,
        );
    }

    fn set(v: &[u32]) -> BTreeSet<u32> {
        v.iter().copied().collect()
    }

    #[test]
    fn masi_values() {
        assert_eq!(masi_distance(&set(&[1, 2]), &set(&[1, 2])), 0.0);
        assert!((masi_distance(&set(&[1]), &set(&[1, 2])) - 2.0 / 3.0).abs() < EPS);
        assert!((masi_distance(&set(&[1, 2]), &set(&[1])) - 2.0 / 3.0).abs() < EPS);
        assert!((masi_distance(&set(&[1, 2]), &set(&[2, 3])) - 8.0 / 9.0).abs() < EPS);
        assert_eq!(masi_distance(&set(&[1]), &set(&[2])), 1.0);
        assert_eq!(masi_distance(&set(&[]), &set(&[])), 0.0);
        assert_eq!(masi_distance(&set(&[]), &set(&[1])), 1.0);
    }

    #[test]
    fn masi_alpha_over_sets() {
        // Identical sets everywhere (with several distinct sets): α = 1.
        let items: Vec<Vec<Option<BTreeSet<u32>>>> = vec![
            vec![Some(set(&[1])), Some(set(&[1])), None],
            vec![Some(set(&[1, 2])), Some(set(&[1, 2])), Some(set(&[1, 2]))],
            vec![Some(set(&[])), Some(set(&[]))],
        ];
        close(krippendorff_alpha(&items, masi_distance), 1.0);
        // Two units: ({1},{1,2}) and ({},{}): n = 4, D_o sum = 2·(2/3)/1 = 4/3.
        // Totals {}:2, {1}:1, {1,2}:1; ordered distinct pairs: ({},{1}) 2·2·1·1 = 4,
        // ({},{1,2}) 4, ({1},{1,2}) 2·(2/3) = 4/3, so D_e sum = 28/3;
        // α = 1 − 3·(4/3)/(28/3) = 1 − 12/28 = 4/7.
        let items: Vec<Vec<Option<BTreeSet<u32>>>> = vec![
            vec![Some(set(&[1])), Some(set(&[1, 2]))],
            vec![Some(set(&[])), Some(set(&[]))],
        ];
        close(krippendorff_alpha(&items, masi_distance), 4.0 / 7.0);
        // Single set value everywhere: undefined.
        let items: Vec<Vec<Option<BTreeSet<u32>>>> = vec![vec![Some(set(&[1])), Some(set(&[1]))]];
        assert_eq!(krippendorff_alpha(&items, masi_distance), None);
    }

    #[test]
    fn confusion_ignores_out_of_range() {
        assert_eq!(
            confusion(&[(0, 1), (1, 1), (5, 0)], 2),
            vec![vec![0, 1], vec![0, 1]]
        );
    }

    #[test]
    fn large_input_is_fast_enough() {
        // 3 raters × 200k items stays well within budget (linear algorithms).
        let items: Vec<Ratings> = (0..200_000u32)
            .map(|i| {
                vec![
                    Some(i % 5),
                    Some((i / 3) % 5),
                    if i % 7 == 0 { None } else { Some(i % 4) },
                ]
            })
            .collect();
        let t = std::time::Instant::now();
        let a = krippendorff_alpha_nominal(&items).unwrap();
        let b = krippendorff_alpha(&items, nominal).unwrap();
        assert!((a - b).abs() < EPS);
        assert!(fleiss_kappa(&items).is_some());
        assert!(percent_agreement(&items).is_some());
        assert!(t.elapsed().as_secs() < 20);
    }
}
