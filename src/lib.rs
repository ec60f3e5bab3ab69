//! biaozhu (标注): label Chinese government work reports in the terminal.
#![forbid(unsafe_code)]

pub mod cli;
pub mod corpus;
