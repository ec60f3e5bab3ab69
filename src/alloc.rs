//! The program's memory allocator: mimalloc instead of the system's.
//!
//! Chosen because of the store: sled 0.34 allocates and frees
//! on every insert and every page it reads (node copies, log buffers), and
//! decoding a store's values allocates each label's strings. Measured on
//! the 2-core machine of README "Figures" (issues 4 and 5), with glibc's
//! allocator → mimalloc: `biaozhu export -o FILE` of 1,000,000 labels from
//! 4 stores 3.8 s → 2.9 s; `biaozhu agree --json` over 3 × 1,000,000
//! labels 6.8 s → 5.8 s; `import` of 1,002,000 records 11.5 s → 10.7 s.
//!
//! It applies to every program linking this library (the binary, tests,
//! benches). `#[global_allocator]` needs no unsafe code here.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The environment variable mimalloc reads its purge delay from (ms:
/// how long freed memory is kept before it goes back to the system).
pub const PURGE_DELAY: &str = "MIMALLOC_PURGE_DELAY";

/// The purge delay a screen runs with: mimalloc 3's default is 1 s, and
/// a screen reading a million paragraphs frees and allocates steadily for
/// the 15 s the files take (labels decoded, placed and dropped; gold
/// written), so pages freed a moment ago are still held while new ones
/// are taken. Measured on the million-paragraph review (README
/// "Figures", issue 18): peak memory 508–512 MB with the default, 466 MB
/// with 10 ms, 458–467 MB with 0.
const SCREEN_PURGE_DELAY_MS: &str = "10";

/// Run this program again in place of this process — same process id,
/// terminal, arguments and environment — with [`PURGE_DELAY`] set to
/// [`SCREEN_PURGE_DELAY_MS`], unless the environment sets a delay already.
/// mimalloc reads its options once, when the process starts, and setting
/// one from inside needs its `unsafe` C interface (the crate forbids
/// `unsafe`); the environment is its documented way. Returns when the
/// program is not run again: the delay is set, or the new image could
/// not be started (the screen then runs with mimalloc's default).
pub fn purge_freed_memory_soon() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os(PURGE_DELAY).is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let arg0 = args.next().unwrap_or_else(|| exe.clone().into_os_string());
    // Returns only on failure.
    let _ = std::process::Command::new(&exe)
        .arg0(arg0)
        .args(args)
        .env(PURGE_DELAY, SCREEN_PURGE_DELAY_MS)
        .exec();
}
