//! What the labeling screen (`annotate`) and the review screen
//! (`review::screen`) share. Each screen holds its own model, update,
//! keymap and view; these are the parts both use.

pub mod key;
pub mod keymap;
