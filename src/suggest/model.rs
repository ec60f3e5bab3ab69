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

mod thresholds;
pub use thresholds::thresholds;

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
mod tests;
