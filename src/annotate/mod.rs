//! The annotation screen (`biaozhu annotate`): Action → pure update →
//! effects; pure render. What it shares with the review screen is in
//! [`crate::tui`].

pub mod action;
pub mod keymap;
pub mod model;
mod moves;
pub mod order;
pub mod prefill;
pub mod reading;
mod scroll;
pub mod search;
mod spans;
pub mod summary;
pub mod update;
pub mod view;

pub use action::Action;
pub use model::Model;
pub use update::update;
pub use view::render;
