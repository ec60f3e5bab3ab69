//! The adjudication screen (`biaozhu review`): Action → pure update →
//! effects; pure render. It shares the annotation screen's layout, text
//! pane, label lists, help and effects.

pub mod action;
pub mod keymap;
pub mod model;
pub mod update;
pub mod view;

pub use action::Action;
pub use model::Model;
pub use update::update;
pub use view::render;
