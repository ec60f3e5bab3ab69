//! Calibrating a sigmoid head's threshold by cross-validation on the
//! labels so far.

use super::{Linear, Loss, Target, STEPS};
use crate::suggest::features::Features;

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
