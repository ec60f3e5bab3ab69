//! What the labeling screen (`annotate`) and the review screen
//! (`review::screen`) share. Each screen holds its own model, update,
//! keymap and view; these are the parts both use.

pub mod clock;
pub mod effect;
pub mod frame;
pub mod help;
pub mod key;
pub mod keymap;
pub mod label_list;
pub mod layout;
pub mod ledger;
pub mod status;
pub mod style;
pub mod text_pane;
pub mod undo;
