//! Threads: one job per item, each on a thread of its own (not the
//! one-thread-per-core pool), for jobs that each keep one thread busy to
//! the end — reading or writing one sled store — where a pool would leave
//! the last one alone; and background work that must not slow the screen
//! ([`run_when_idle`], [`give_way`] to a [`foreground`] write).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// Whether a screen has drawn its first frame ([`first_frame_drawn`]).
static FIRST_FRAME: (Mutex<bool>, Condvar) = (Mutex::new(false), Condvar::new());

/// The longest background work waits for a screen's first frame: the
/// first frame comes in well under a second, or something is wrong with
/// it and the work should not wait on.
pub const FIRST_FRAME_WAIT: Duration = Duration::from_secs(2);

/// [`FIRST_FRAME`] already said: the screen's loop tells every frame,
/// and only the first takes the lock.
static FIRST_FRAME_SAID: AtomicBool = AtomicBool::new(false);

/// A screen drew its first frame: work held back for it may start.
pub fn first_frame_drawn() {
    if FIRST_FRAME_SAID.swap(true, Ordering::AcqRel) {
        return;
    }
    let (drawn, changed) = &FIRST_FRAME;
    *drawn.lock().unwrap_or_else(|e| e.into_inner()) = true;
    changed.notify_all();
}

/// Wait until a screen has drawn its first frame (at most `limit`): for
/// work that would take the cores the first frame needs on a small
/// machine — reading the rest of the corpus, comparing the store with its
/// journal — while the screen's first document and labels are made.
pub fn after_first_frame(limit: Duration) {
    let (drawn, changed) = &FIRST_FRAME;
    let guard = drawn.lock().unwrap_or_else(|e| e.into_inner());
    let _ = changed.wait_timeout_while(guard, limit, |drawn| !*drawn);
}

/// Foreground writes in flight in this process ([`foreground`]).
static FOREGROUND: AtomicUsize = AtomicUsize::new(0);

/// Marks a foreground write (a label saved for a keystroke) in flight
/// until dropped: background work that calls [`give_way`] waits for it.
#[must_use = "the write counts as in flight only while the guard lives"]
pub struct Foreground(());

/// Mark a foreground write in flight (see [`Foreground`]).
pub fn foreground() -> Foreground {
    FOREGROUND.fetch_add(1, Ordering::AcqRel);
    Foreground(())
}

impl Drop for Foreground {
    fn drop(&mut self) {
        FOREGROUND.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Wait while a foreground write is in flight: called by background work
/// (the suggestion model's training) between small steps, so a save runs
/// alone — on 2 cores, even a trainer on the other core, at the lowest
/// priority, slowed the slowest saves several times over (memory, the
/// kernel's page tables and the disk's queue are shared, not just cores).
/// Costs one atomic load when nothing is in flight.
pub fn give_way() {
    while FOREGROUND.load(Ordering::Acquire) > 0 {
        std::thread::sleep(Duration::from_micros(50));
    }
}

/// `job(item)` for every item, each on its own thread, results in the
/// items' order. A job's panic is passed on.
pub fn each_on_own_thread<T: Send, R: Send>(
    items: impl IntoIterator<Item = T>,
    job: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    std::thread::scope(|scope| {
        let job = &job;
        let threads: Vec<_> = items
            .into_iter()
            .map(|item| scope.spawn(move || job(item)))
            .collect();
        threads
            .into_iter()
            .map(|t| {
                t.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Let the calling thread run only when no other thread wants its core:
/// Linux's `SCHED_IDLE` (through the thread-priority crate). For
/// background work next to a screen — training the suggestion model,
/// reading stores to learn from — so a keystroke's save never waits for a
/// core (on 2 cores, training on one of them still tripled the p99 of a
/// save at normal priority). Where it cannot be set, the lowest nice
/// value is tried; failing both, the thread runs as it was (slower saves,
/// nothing worse). Whether it was lowered.
pub fn run_when_idle() -> bool {
    use thread_priority::{
        set_current_thread_priority, set_thread_priority_and_policy, thread_native_id,
        ThreadPriority,
    };
    #[cfg(target_os = "linux")]
    {
        use thread_priority::{NormalThreadSchedulePolicy, ThreadSchedulePolicy};
        let idle = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
        if set_thread_priority_and_policy(thread_native_id(), ThreadPriority::Min, idle).is_ok() {
            return true;
        }
    }
    set_current_thread_priority(ThreadPriority::Min).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_in_order_each_on_its_own_thread() {
        let ids = each_on_own_thread(0..4, |i| (i, std::thread::current().id()));
        assert_eq!(
            ids.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            [0, 1, 2, 3]
        );
        let mut threads: Vec<_> = ids.iter().map(|(_, t)| format!("{t:?}")).collect();
        threads.sort();
        threads.dedup();
        assert_eq!(threads.len(), 4);
    }

    #[test]
    #[should_panic(expected = "job 2")]
    fn a_panic_is_passed_on() {
        each_on_own_thread(0..3, |i| assert_ne!(i, 2, "job {i}"));
    }

    #[test]
    fn background_work_waits_for_a_foreground_write() {
        use std::sync::atomic::AtomicBool;
        use std::sync::Arc;
        let done = Arc::new(AtomicBool::new(false));
        let write = foreground();
        let background = {
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                give_way();
                done.store(true, Ordering::Release);
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(!done.load(Ordering::Acquire), "it waited for the write");
        drop(write);
        background.join().unwrap();
        assert!(done.load(Ordering::Acquire));
    }

    #[test]
    fn an_idle_thread_is_idle_and_others_are_not() {
        let lowered = std::thread::spawn(|| {
            let lowered = run_when_idle();
            (lowered, thread_priority::thread_schedule_policy().unwrap())
        })
        .join()
        .unwrap();
        assert!(lowered.0, "SCHED_IDLE is allowed to any thread on Linux");
        #[cfg(target_os = "linux")]
        assert_eq!(
            lowered.1,
            thread_priority::ThreadSchedulePolicy::Normal(
                thread_priority::NormalThreadSchedulePolicy::Idle
            )
        );
        // Only the calling thread: this one runs as before.
        assert_ne!(
            thread_priority::thread_schedule_policy().unwrap(),
            lowered.1
        );
    }
}
