//! Linear classifiers on the sparse features: one softmax over the section
//! types (single choice) and one logistic regression per indicator (multi
//! choice), each fitted by stochastic gradient descent.
//!
//! Besides the hashed features, each label weighs its own keyword hits
//! (`ln(1 + hits)`) with a weight of its own plus one shared by every label
//! of the kind: from the first labels on, a keyword counts for the labels
//! nobody has used yet, and as labels come in the model learns how far to
//! trust each label's words.
//!
//! Why not a crate: linfa-logistic and linfa-bayes fit on dense `ndarray`
//! matrices (samples × features), and 10,000 paragraphs × 65,536 hashed
//! features as f64 is 5 GB; see README "Dependencies, and why".

use super::features::{Features, BUCKETS};
use super::patterns::Hits;

/// How a head turns scores into probabilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// One class of several (softmax, cross-entropy).
    Softmax,
    /// Each class on its own (sigmoid, log loss).
    Sigmoid,
}

/// One head: a weight per (bucket, class), a bias per class, and the
/// keyword weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    classes: usize,
    loss: Loss,
    /// `weights[bucket * classes + class]`.
    weights: Vec<f32>,
    bias: Vec<f32>,
    /// Per class, the weights of its own keyword evidence ([`evidence`]).
    words: Vec<[f32; EVIDENCE]>,
    /// Added to every class's `words` weights.
    shared_words: [f32; EVIDENCE],
}

/// What a head learns from one example: for [`Loss::Softmax`] the class
/// (None: the example is left out), for [`Loss::Sigmoid`] every class's 0/1.
#[derive(Debug, Clone)]
pub enum Target<'a> {
    Class(Option<usize>),
    Set(&'a [usize]),
}

/// The step size at the first epoch, and how it decays.
const LEARNING_RATE: f32 = 0.2;
/// L2 shrinkage per step of the weights a step touches.
const L2: f32 = 1e-4;
/// Gradient steps aimed at (epochs = this / examples, within the bounds).
const STEPS: usize = 40_000;
const MIN_EPOCHS: usize = 3;
const MAX_EPOCHS: usize = 40;
/// A class whose gradient on an example is smaller than this leaves the
/// hashed weights as they are (sparse updates).
const MIN_GRADIENT: f32 = 1e-3;
/// The most a positive example weighs ([`positive_weights`]).
const MAX_POSITIVE_WEIGHT: f32 = 4.0;
/// The keyword weights start here: a hit counts before anything is learned.
const START_WORDS: f32 = 1.0;

/// Keyword evidence per class: its hits, and its hits in a paragraph with
/// a figure.
const EVIDENCE: usize = 2;

/// Class `k`'s keyword evidence in `features` (`hits` its kind's hits):
/// `ln(1 + hits)`, and the same again when the paragraph has a figure.
fn evidence(hits: &[u16], k: usize, numeric: bool) -> [f32; EVIDENCE] {
    let x = hits.get(k).map_or(0.0, |&h| (1.0 + f32::from(h)).ln());
    [x, if numeric { x } else { 0.0 }]
}

fn hits_of(hits: &Hits, loss: Loss) -> &[u16] {
    match loss {
        Loss::Softmax => &hits.sections,
        Loss::Sigmoid => &hits.indicators,
    }
}

impl Linear {
    /// Fit a head of `classes` classes on `examples` (features and target).
    pub fn fit<'a>(classes: usize, loss: Loss, examples: &[(&'a Features, Target<'a>)]) -> Linear {
        Linear::fit_steps(classes, loss, examples, STEPS)
    }

    /// [`Linear::fit`] aiming at `steps` gradient steps.
    fn fit_steps<'a>(
        classes: usize,
        loss: Loss,
        examples: &[(&'a Features, Target<'a>)],
        steps: usize,
    ) -> Linear {
        let used: Vec<(&Features, Vec<f32>)> = examples
            .iter()
            .filter_map(|(f, t)| {
                let mut y = vec![0.0; classes];
                match t {
                    Target::Class(Some(c)) if *c < classes => y[*c] = 1.0,
                    Target::Class(_) => return None,
                    Target::Set(set) => set
                        .iter()
                        .filter(|&&c| c < classes)
                        .for_each(|&c| y[c] = 1.0),
                }
                Some((*f, y))
            })
            .collect();
        let mut model = Linear {
            classes,
            loss,
            weights: vec![0.0; BUCKETS * classes],
            bias: prior_bias(classes, loss, &used),
            words: vec![[0.0; EVIDENCE]; classes],
            shared_words: [START_WORDS, 0.0],
        };
        if used.is_empty() {
            return model;
        }
        let weights = positive_weights(classes, loss, &used);
        let epochs = (steps / used.len()).clamp(MIN_EPOCHS, MAX_EPOCHS);
        let mut order: Vec<usize> = (0..used.len()).collect();
        let mut rng = 0x2545_f491_4f6c_dd1d_u64 ^ used.len() as u64;
        let mut p = vec![0.0f32; classes];
        for epoch in 0..epochs {
            shuffle(&mut order, &mut rng);
            let rate = LEARNING_RATE / (1.0 + epoch as f32 * 0.3);
            for &i in &order {
                // A label being saved in this process goes first.
                crate::threads::give_way();
                let (features, y) = &used[i];
                model.probabilities_into(features, &mut p);
                model.step(features, y, &p, &weights, rate);
            }
        }
        model
    }

    /// One gradient step on one example, `p` its probabilities now.
    fn step(&mut self, features: &Features, y: &[f32], p: &[f32], weights: &[f32], rate: f32) {
        let c = self.classes;
        let g: Vec<f32> = p
            .iter()
            .zip(y)
            .zip(weights)
            .map(|((p, y), w)| if *y > 0.0 { (p - y) * w } else { p - y })
            .collect();
        let shrink = 1.0 - rate * L2;
        // Sparse: only the classes whose gradient is not negligible (most
        // indicators of most paragraphs, once learned) touch the weights.
        let active: Vec<(usize, f32)> = g
            .iter()
            .copied()
            .enumerate()
            .filter(|&(_, gk)| gk.abs() >= MIN_GRADIENT)
            .collect();
        if !active.is_empty() {
            for &(bucket, value) in &features.hashed {
                let row = &mut self.weights[bucket as usize * c..(bucket as usize + 1) * c];
                for &(k, gk) in &active {
                    row[k] = row[k] * shrink - rate * gk * value;
                }
            }
        }
        let hits = hits_of(&features.hits, self.loss);
        let mut shared = [0.0; EVIDENCE];
        for (k, &gk) in g.iter().enumerate() {
            self.bias[k] -= rate * gk;
            let x = evidence(hits, k, features.numeric);
            for ((w, s), x) in self.words[k].iter_mut().zip(&mut shared).zip(x) {
                if x > 0.0 {
                    *w -= rate * gk * x;
                    *s += gk * x;
                }
            }
        }
        for (w, s) in self.shared_words.iter_mut().zip(shared) {
            *w -= rate * s / c as f32;
        }
    }

    /// The probability of each class for `features`.
    pub fn probabilities(&self, features: &Features) -> Vec<f32> {
        let mut p = vec![0.0; self.classes];
        self.probabilities_into(features, &mut p);
        p
    }

    fn probabilities_into(&self, features: &Features, p: &mut [f32]) {
        let c = self.classes;
        p.copy_from_slice(&self.bias);
        for &(bucket, value) in &features.hashed {
            let row = &self.weights[bucket as usize * c..(bucket as usize + 1) * c];
            for (z, w) in p.iter_mut().zip(row) {
                *z += w * value;
            }
        }
        let hits = hits_of(&features.hits, self.loss);
        for (k, z) in p.iter_mut().enumerate() {
            let x = evidence(hits, k, features.numeric);
            for ((shared, own), x) in self.shared_words.iter().zip(&self.words[k]).zip(x) {
                *z += (shared + own) * x;
            }
        }
        match self.loss {
            Loss::Sigmoid => p.iter_mut().for_each(|z| *z = sigmoid(*z)),
            Loss::Softmax => {
                let max = p.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let mut sum = 0.0;
                for z in p.iter_mut() {
                    *z = (*z - max).exp();
                    sum += *z;
                }
                p.iter_mut().for_each(|z| *z /= sum);
            }
        }
    }
}

/// Examples at most that [`thresholds`] cross-validates on (evenly taken).
const CALIBRATION_EXAMPLES: usize = 1000;
/// The thresholds tried, and the fewest positives a class needs in the
/// held-out scores before its threshold leaves the default.
const CANDIDATES: [f32; 10] = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
const MIN_POSITIVES: usize = 3;

/// The threshold of a sigmoid head's classes, by two-fold cross-validation
/// on `examples` (at most [`CALIBRATION_EXAMPLES`]): each half scored by a
/// head fitted on the other (an eighth of the usual steps), and the
/// threshold in [`CANDIDATES`] (up to `default`) that makes the fewest
/// mistakes (missed + wrong, which cost a key each) on those held-out
/// scores of every class together; on a tie, the one nearest `default`.
/// With fewer than [`MIN_POSITIVES`] positives, `default`. A head trained
/// on few examples of rare labels may score them low even where it is
/// right; this is how far lower the labels so far say to go.
pub fn thresholds<'a>(
    classes: usize,
    examples: &[(&'a Features, Target<'a>)],
    default: f32,
) -> Vec<f32> {
    let every = examples.len().div_ceil(CALIBRATION_EXAMPLES).max(1);
    let sample: Vec<&(&Features, Target)> = examples.iter().step_by(every).collect();
    let half = |parity: usize| -> Vec<(&'a Features, Target<'a>)> {
        sample
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .map(|(_, (f, t))| (*f, t.clone()))
            .collect()
    };
    let (even, odd) = (half(0), half(1));
    let steps = STEPS / 8;
    let (on_even, on_odd) = rayon::join(
        || Linear::fit_steps(classes, Loss::Sigmoid, &even, steps),
        || Linear::fit_steps(classes, Loss::Sigmoid, &odd, steps),
    );
    // (held-out score, positive) per class.
    let mut scored: Vec<Vec<(f32, bool)>> = vec![Vec::new(); classes];
    for (model, held_out) in [(&on_even, &odd), (&on_odd, &even)] {
        for (f, t) in held_out {
            crate::threads::give_way();
            let p = model.probabilities(f);
            for (k, s) in scored.iter_mut().enumerate() {
                let positive = match t {
                    Target::Set(set) => set.contains(&k),
                    Target::Class(c) => *c == Some(k),
                };
                s.push((p[k], positive));
            }
        }
    }
    // One threshold for every class from all their held-out scores
    // together (a rare label alone has too few positives to choose by).
    let all: Vec<(f32, bool)> = scored.into_iter().flatten().collect();
    let threshold = if all.iter().filter(|x| x.1).count() < MIN_POSITIVES {
        default
    } else {
        let mistakes = |t: f32| all.iter().filter(|&&(p, y)| (p >= t) != y).count();
        CANDIDATES
            .iter()
            .copied()
            .filter(|&t| t <= default)
            .chain(std::iter::once(default))
            .map(|t| (mistakes(t), (t - default).abs(), t))
            .min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
            .map_or(default, |(_, _, t)| t)
    };
    vec![threshold; classes]
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// The biases that give each class its share of the examples (smoothed):
/// log-priors for a softmax, log-odds for sigmoids.
fn prior_bias(classes: usize, loss: Loss, used: &[(&Features, Vec<f32>)]) -> Vec<f32> {
    let n = used.len() as f32;
    (0..classes)
        .map(|k| {
            let count: f32 = used.iter().map(|(_, y)| y[k]).sum();
            match loss {
                Loss::Softmax => ((count + 0.5) / (n + 0.5 * classes as f32)).ln(),
                Loss::Sigmoid => {
                    let share = (count + 0.5) / (n + 1.0);
                    (share / (1.0 - share)).ln()
                }
            }
        })
        .collect()
}

/// How much a positive example of each class weighs against a negative
/// one: for sigmoids, the square root of the negatives per positive
/// (within 1 and [`MAX_POSITIVE_WEIGHT`]), so a rare label's few examples
/// are not drowned by its many negatives; 1 for a softmax.
fn positive_weights(classes: usize, loss: Loss, used: &[(&Features, Vec<f32>)]) -> Vec<f32> {
    let n = used.len() as f32;
    (0..classes)
        .map(|k| match loss {
            Loss::Softmax => 1.0,
            Loss::Sigmoid => {
                let pos: f32 = used.iter().map(|(_, y)| y[k]).sum();
                ((n - pos + 1.0) / (pos + 1.0))
                    .sqrt()
                    .clamp(1.0, MAX_POSITIVE_WEIGHT)
            }
        })
        .collect()
}

/// Fisher–Yates with xorshift64: the same order for the same data.
fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let j = (*state % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
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
}
