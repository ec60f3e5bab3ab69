//! The adjudication screen (`biaozhu review`): Action → pure update →
//! effects; pure render. What it shares with the labeling screen — the
//! terminal loop, key type, effects, ledger, layout, text pane, label
//! lists, help and status line — is in [`crate::tui`].

pub mod action;
pub mod keymap;
pub mod model;
pub mod reading;
mod spans;
pub mod update;
pub mod view;

pub use action::Action;
pub use model::Model;
pub use update::update;
pub use view::render;
