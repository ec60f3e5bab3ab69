//! What the end-to-end benches share.

#![allow(dead_code)]

pub mod labeled;

use std::path::PathBuf;

/// Where an end-to-end bench builds its corpus and stores:
/// `BIAOZHU_BENCH_DIR` if set (kept between runs, so the stores are built
/// once), else a temp dir removed with the returned guard.
pub fn bench_root() -> (Option<tempfile::TempDir>, PathBuf) {
    match std::env::var_os("BIAOZHU_BENCH_DIR") {
        Some(dir) => (None, PathBuf::from(dir)),
        None => {
            let tmp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
            let root = tmp.path().to_owned();
            (Some(tmp), root)
        }
    }
}
