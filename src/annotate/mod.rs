//! The annotation screen: Action → pure update → effects; pure render.

pub mod action;
pub mod keymap;
pub mod model;
pub mod update;
pub mod view;

pub use action::Action;
pub use model::Model;
pub use update::update;
pub use view::render;
