//! Agreement between annotators and (later) adjudication into a gold set.

pub mod agreement;
pub mod items;
pub mod report;
