//! What the labeling screen ([`crate::annotate`]) and the review screen
//! ([`crate::review::screen`]) share. Each screen holds only its own
//! action, model, update, keymap and view; these are the parts both use.
//!
//! - The shell: [`terminal`] (the loop that runs a screen: draw, key,
//!   update, carry out the effects; signals, suspend, a lost terminal).
//! - Pure, for models and updates: [`key`] (the key type), [`keymap`]
//!   (session and help keys, command tables, label keys), [`effect`] (what
//!   an update asks of the shell), [`ledger`] (label changes on their way
//!   to disk, and the save mark), [`undo`], [`clock`] (time on a
//!   paragraph), [`layout`] (where things go, from the terminal size),
//!   [`input`] (a one-line text input: the note, the search prompt),
//!   [`fullwidth`] (keys typed with the Chinese input method on).
//! - Drawing, for views: [`style`] (the theme), [`text_pane`] (heading path
//!   and paragraph pane), [`label_list`] (the schema's labels in columns),
//!   [`help`] (the help overlay), [`status`] (the status line's gauge and
//!   frame), [`frame`] (the pane separator, the too-small message).

pub mod clock;
pub mod effect;
pub mod frame;
pub mod fullwidth;
pub mod help;
pub mod input;
pub mod key;
pub mod keymap;
pub mod label_list;
pub mod layout;
pub mod ledger;
pub mod reading;
pub mod span_edit;
pub mod span_keys;
pub mod span_paint;
pub mod status;
pub mod style;
pub mod terminal;
pub mod text_pane;
pub mod undo;
