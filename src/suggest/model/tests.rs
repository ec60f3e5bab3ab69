use super::*;

fn example(buckets: &[u32]) -> Features {
    Features {
        hashed: buckets.iter().map(|&b| (b, 1.0)).collect(),
        hits: Hits {
            sections: vec![0; 3],
            indicators: vec![0; 2],
        },
        numeric: false,
    }
}

#[test]
fn a_softmax_learns_a_separable_task() {
    // Class k has feature 10 + k, plus noise shared by all.
    let data: Vec<(Features, usize)> = (0..60)
        .map(|i| {
            (
                example(&[10 + (i % 3) as u32, 99, 200 + (i % 7) as u32]),
                i % 3,
            )
        })
        .collect();
    let examples: Vec<(&Features, Target)> = data
        .iter()
        .map(|(f, c)| (f, Target::Class(Some(*c))))
        .collect();
    let model = Linear::fit(3, Loss::Softmax, &examples);
    for k in 0..3 {
        let p = model.probabilities(&example(&[10 + k as u32, 99]));
        let best = (0..3).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
        assert_eq!(best, k, "{p:?}");
        assert!(p[k] > 0.8, "{p:?}");
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    }
}

#[test]
fn sigmoids_learn_each_label_on_its_own() {
    // Label 0 iff feature 1; label 1 iff feature 2.
    let sets: [&[usize]; 4] = [&[], &[0], &[1], &[0, 1]];
    let data: Vec<(Features, usize)> = (0..80)
        .map(|i| {
            let s = i % 4;
            let mut b = vec![50 + (i % 5) as u32];
            if s & 1 != 0 {
                b.push(1);
            }
            if s & 2 != 0 {
                b.push(2);
            }
            (example(&b), s)
        })
        .collect();
    let examples: Vec<(&Features, Target)> = data
        .iter()
        .map(|(f, s)| (f, Target::Set(sets[*s])))
        .collect();
    let model = Linear::fit(2, Loss::Sigmoid, &examples);
    let p = model.probabilities(&example(&[1, 50]));
    assert!(p[0] > 0.8 && p[1] < 0.2, "{p:?}");
    let p = model.probabilities(&example(&[2, 51]));
    assert!(p[0] < 0.2 && p[1] > 0.8, "{p:?}");
}

#[test]
fn keyword_hits_count_before_training_and_nothing_breaks_on_no_data() {
    let model = Linear::fit(2, Loss::Sigmoid, &[]);
    let mut f = example(&[]);
    f.hits.indicators = vec![3, 0];
    let p = model.probabilities(&f);
    assert!(p[0] > p[1], "{p:?}");
}

/// Indicator 0 ticked or not, per example.
fn yes_no(data: &[(Features, bool)]) -> Vec<(&Features, Target<'static>)> {
    const SETS: [&[usize]; 2] = [&[], &[0]];
    data.iter()
        .map(|(f, y)| (f, Target::Set(SETS[usize::from(*y)])))
        .collect()
}

#[test]
fn thresholds_stay_where_held_out_scores_put_them() {
    // Separable: 0.5 makes no mistake, and a tie keeps the default.
    let data: Vec<(Features, bool)> = (0..80)
        .map(|i| {
            (
                example(&[400 + (i % 7) as u32, 1 + (i % 2) as u32]),
                i % 2 == 0,
            )
        })
        .collect();
    let examples = yes_no(&data);
    assert_eq!(thresholds(2, &examples, 0.5), [0.5, 0.5]);
    // Too few positives: the default.
    let few: Vec<(&Features, Target)> = data
        .iter()
        .enumerate()
        .map(|(i, (f, _))| (f, Target::Set(if i < 2 { &[0] } else { &[] })))
        .collect();
    assert_eq!(thresholds(2, &few, 0.5), [0.5, 0.5]);
}

#[test]
fn hits_with_a_figure_are_learned_apart_and_rare_positives_weigh_more() {
    // Indicator 0 is ticked when its word is found in a paragraph with a
    // figure (1 in 10 paragraphs), not when it is found without one.
    let data: Vec<(Features, bool)> = (0..100)
        .map(|i| {
            let mut f = example(&[300 + (i % 11) as u32]);
            f.hits.indicators = vec![u16::from(i % 5 == 0), 0];
            f.numeric = i % 10 == 0;
            (f, i % 10 == 0)
        })
        .collect();
    let examples = yes_no(&data);
    let model = Linear::fit(2, Loss::Sigmoid, &examples);
    let mut f = example(&[300]);
    f.hits.indicators = vec![1, 0];
    let without = model.probabilities(&f)[0];
    f.numeric = true;
    let with = model.probabilities(&f)[0];
    assert!(with > 0.5 && without < 0.5, "{with} {without}");
    let used: Vec<(&Features, Vec<f32>)> = data
        .iter()
        .map(|(f, y)| (f, vec![f32::from(u8::from(*y)), 0.0]))
        .collect();
    let w = positive_weights(2, Loss::Sigmoid, &used);
    assert!((w[0] - (91.0f32 / 11.0).sqrt()).abs() < 1e-4, "{w:?}");
    assert_eq!(w[1], MAX_POSITIVE_WEIGHT);
    assert_eq!(positive_weights(2, Loss::Softmax, &used), [1.0, 1.0]);
}
