//! Agreement between annotators, and adjudication into a gold set: the
//! queue of disagreements (`queue`) and the review screen (`screen`).

pub mod agreement;
pub mod gold;
pub mod items;
pub mod queue;
pub mod report;
pub mod screen;
pub mod span_agreement;
pub mod votes;
