//! The journal: a second, independent record of every change to a store,
//! in a file of its own beside it (`<labels>/<store>.journal`).
//!
//! Every commit a store makes (the tree writes of one label change, or of
//! one `put_many`/`park_many` chunk) is first appended to the journal as
//! lines (see [`line`]) and synced to stable storage (`fdatasync`), then
//! applied to sled. So the journal always holds every change the screen
//! has shown as saved, and:
//!
//! - **readers** (`export`, `agree`, `review`, …) read a store from its
//!   journal ([`Replica`]) without taking the store's lock, so they work
//!   while a session holds it, and see every change committed before they
//!   began (a commit counts once its commit line is in the file);
//! - **opening** a store replays any commit the journal has and sled lost
//!   (a crash between the two writes, a power cut before sled's own sync);
//! - a store whose journal is missing or does not match sled gets a fresh
//!   one written from its contents (the old file is kept aside).
//!
//! The journal is created from the store's whole contents (labels, parked
//! labels and history, in commits of up to 4096 writes) when a store is
//! first opened by a build with journals, and appended to from then on.

mod file;
pub mod line;
pub(crate) mod replica;
pub mod scan;

pub use file::{Appended, JournalFile};
pub use line::Tree;
pub use replica::{scan_error, Replica};

use std::path::{Path, PathBuf};

/// The journal of store `store` (an annotator's name, or the gold set's)
/// under `labels_dir`: `<labels_dir>/<store>.journal`.
pub fn path_of(labels_dir: &Path, store: &str) -> PathBuf {
    labels_dir.join(format!("{store}.journal"))
}
