//! Labels out as training data. Every record's `text` is the corpus
//! paragraph the label is attached to; every span's `text` its slice.

pub mod native;

pub use native::{native_record, NativeRecord};
