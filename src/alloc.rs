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
