//! The coefficients against the published worked examples (Fleiss 1971,
//! Krippendorff 2011, Cohen on Wikipedia) and hand-computed edge cases.

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

fn set(v: &[u32]) -> LabelSet {
    let mut s = v.to_vec();
    s.sort_unstable();
    s.dedup();
    s
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
    let items: Vec<Vec<Option<LabelSet>>> = vec![
        vec![Some(set(&[1])), Some(set(&[1])), None],
        vec![Some(set(&[1, 2])), Some(set(&[1, 2])), Some(set(&[1, 2]))],
        vec![Some(set(&[])), Some(set(&[]))],
    ];
    close(krippendorff_alpha(&items, |a, b| masi_distance(a, b)), 1.0);
    // Two units: ({1},{1,2}) and ({},{}): n = 4, D_o sum = 2·(2/3)/1 = 4/3.
    // Totals {}:2, {1}:1, {1,2}:1; ordered distinct pairs: ({},{1}) 2·2·1·1 = 4,
    // ({},{1,2}) 4, ({1},{1,2}) 2·(2/3) = 4/3, so D_e sum = 28/3;
    // α = 1 − 3·(4/3)/(28/3) = 1 − 12/28 = 4/7.
    let items: Vec<Vec<Option<LabelSet>>> = vec![
        vec![Some(set(&[1])), Some(set(&[1, 2]))],
        vec![Some(set(&[])), Some(set(&[]))],
    ];
    close(
        krippendorff_alpha(&items, |a, b| masi_distance(a, b)),
        4.0 / 7.0,
    );
    // Single set value everywhere: undefined.
    let items: Vec<Vec<Option<LabelSet>>> = vec![vec![Some(set(&[1])), Some(set(&[1]))]];
    assert_eq!(krippendorff_alpha(&items, |a, b| masi_distance(a, b)), None);
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

/// The one-pass presence alphas equal, bit for bit, one nominal alpha per
/// label over its presence (the definition), on random sets with missing
/// ratings and labels no set uses.
mod presence {
    use super::*;
    use proptest::prelude::*;

    fn by_definition(items: &[Vec<Option<LabelSet>>], label: u32) -> Option<f64> {
        krippendorff_alpha_nominal_iter(items.iter().map(|row| {
            row.iter()
                .map(move |set| set.as_ref().map(|s| u32::from(s.contains(&label))))
        }))
    }

    proptest! {
        #[test]
        fn equals_one_nominal_alpha_per_label(
            items in prop::collection::vec(
                prop::collection::vec(
                    prop::option::weighted(
                        0.8,
                        prop::collection::btree_set(0u32..6, 0..4).prop_map(|s| s.into_iter().collect()),
                    ),
                    3,
                ),
                0..40,
            )
        ) {
            let got = krippendorff_alpha_presence(&items, 7);
            let want: Vec<Option<f64>> = (0..7).map(|l| by_definition(&items, l)).collect();
            prop_assert_eq!(
                got.iter().map(|a| a.map(f64::to_bits)).collect::<Vec<_>>(),
                want.iter().map(|a| a.map(f64::to_bits)).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn by_hand() {
        // Three raters; item 3 has one rating (not pairable), so n = 6.
        // D_o = Σ_u (m² − k0² − k1²)/(m − 1), D_e = n² − t0² − t1²,
        // α = 1 − (n − 1)·D_o/D_e.
        // Label 0: item 1 k1 = 2 → (9 − 1 − 4)/2 = 2; item 2 k1 = 3 → 0;
        // t1 = 5, t0 = 1: D_e = 36 − 1 − 25 = 10, α = 1 − 5·2/10 = 0.
        let items = vec![
            vec![Some(set(&[0])), Some(set(&[0, 1])), Some(set(&[]))],
            vec![Some(set(&[0])), Some(set(&[0])), Some(set(&[0]))],
            vec![Some(set(&[0])), None, None],
        ];
        let alphas = krippendorff_alpha_presence(&items, 3);
        close(alphas[0], 0.0);
        // Label 1: item 1 k1 = 1 → (9 − 4 − 1)/2 = 2; t1 = 1, t0 = 5:
        // D_e = 10 again, α = 0.
        close(alphas[1], 0.0);
        // Label 2: never present, one category only: undefined.
        assert_eq!(alphas[2], None);
    }
}
