//! The model in the loop: a thread that receives labels over a channel,
//! retrains when they change and publishes the new [`Suggester`]. The
//! caller never waits for training: [`Trainer::feed`] only sends, and
//! [`Trainer::current`] takes a lock just long enough to clone an `Arc`.
//! Labels that arrive while a model trains are taken together for the next
//! one, so a fast annotator costs one retraining per batch, not per key.

use super::patterns::Patterns;
use super::{Example, Suggester};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

enum Message {
    /// The label under `key` is now this (None: removed, or says nothing).
    Label(String, Option<Example>),
    Stop,
}

/// A background trainer and the suggester it keeps current.
/// [`Suggester::train`] on a pool of its own with one thread fewer than
/// the machine has cores (at least one), each thread run only when its
/// core is otherwise idle ([`crate::threads::run_when_idle`]): the screen's
/// keystrokes and saves never wait for a model to train (on 2 cores, a
/// model trained on both at normal priority made the p99 of a save 6×
/// slower; on one, 3×).
pub fn train_beside_the_screen(patterns: Arc<Patterns>, examples: &[&Example]) -> Suggester {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    let pool = POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        rayon::ThreadPoolBuilder::new()
            .num_threads(cores.saturating_sub(1).max(1))
            .thread_name(|i| format!("suggest-train-{i}"))
            .start_handler(|_| {
                crate::threads::run_when_idle();
            })
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(|| Suggester::train(patterns, examples)),
        None => Suggester::train(patterns, examples),
    }
}

pub struct Trainer {
    sender: Sender<Message>,
    current: Arc<Mutex<Arc<Suggester>>>,
    /// Messages sent, and messages the published suggester includes.
    sent: AtomicU64,
    applied: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Trainer {
    /// Start the thread with `patterns` and the labels so far (each under a
    /// key of the caller's choosing, e.g. annotator and paragraph id: a
    /// later label under the same key replaces it). Until the first model
    /// is trained the suggester uses patterns alone.
    pub fn start(patterns: Arc<Patterns>, labels: Vec<(String, Example)>) -> Trainer {
        let current = Arc::new(Mutex::new(Arc::new(Suggester::with_patterns(
            patterns.clone(),
        ))));
        let applied = Arc::new(AtomicU64::new(0));
        let (sender, receiver) = channel::<Message>();
        let sent = AtomicU64::new(0);
        let trainer_current = current.clone();
        let trainer_applied = applied.clone();
        let thread = std::thread::Builder::new()
            .name("suggest-trainer".into())
            .spawn(move || {
                crate::threads::run_when_idle();
                let mut examples: BTreeMap<String, Example> = labels.into_iter().collect();
                let mut count = 0u64;
                let mut changed = true;
                loop {
                    if changed {
                        let all: Vec<&Example> = examples.values().collect();
                        let trained = Arc::new(train_beside_the_screen(patterns.clone(), &all));
                        *lock(&trainer_current) = trained;
                        trainer_applied.store(count, Ordering::Release);
                        changed = false;
                    }
                    // Wait for a message, then take every one waiting.
                    let Ok(first) = receiver.recv() else { return };
                    for message in std::iter::once(first).chain(receiver.try_iter()) {
                        match message {
                            Message::Stop => return,
                            Message::Label(key, Some(example)) => {
                                examples.insert(key, example);
                            }
                            Message::Label(key, None) => {
                                examples.remove(&key);
                            }
                        }
                        count += 1;
                        changed = true;
                    }
                }
            })
            .expect("the trainer thread starts");
        Trainer {
            sender,
            current,
            sent,
            applied,
            thread: Some(thread),
        }
    }

    /// The label under `key` is now `example` (None: it was removed or
    /// says nothing to learn from). Returns at once.
    pub fn feed(&self, key: impl Into<String>, example: Option<Example>) {
        self.sent.fetch_add(1, Ordering::AcqRel);
        // The thread only ends on Stop, sent on drop.
        let _ = self.sender.send(Message::Label(key.into(), example));
    }

    /// The newest suggester (patterns alone until a model is trained).
    pub fn current(&self) -> Arc<Suggester> {
        lock(&self.current).clone()
    }

    /// Wait until the suggester includes every label fed so far, at most
    /// `timeout`; whether it does (for tests, benchmarks and commands that
    /// want the model of every label before they suggest).
    pub fn settle(&self, timeout: Duration) -> bool {
        let start = Instant::now();
        let target = self.sent.load(Ordering::Acquire);
        loop {
            if self.applied.load(Ordering::Acquire) >= target {
                return true;
            }
            if start.elapsed() >= timeout {
                return false;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

impl Drop for Trainer {
    fn drop(&mut self) {
        let _ = self.sender.send(Message::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The lock, even if a thread panicked holding it (the value is an `Arc`
/// swapped whole, never half written).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
