//! biaozhu (标注): label Chinese government work reports in the terminal.
#![forbid(unsafe_code)]

pub mod alloc;
pub mod annotate;
pub mod attach;
pub mod cli;
pub mod corpus;
pub mod export;
pub mod import;
pub mod review;
pub mod schema;
pub mod spans;
pub mod stats;
pub mod store;
pub mod suggest;
pub mod text;
pub mod threads;
pub mod tui;
