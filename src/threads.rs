//! One job per item, each on a thread of its own (not the one-thread-per-core
//! pool): for jobs that each keep one thread busy to the end — reading or
//! writing one sled store — where a pool would leave the last one alone.

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
}
