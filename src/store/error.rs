//! What can go wrong with a label store, in words a user can act on.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// Another process (or another open handle) holds the store's lock.
    /// `holder` says who (see `store::holder`), when known.
    #[error(
        "\"{path}\" is in use by another biaozhu session of \"{annotator}\"{holder}; \
         reading commands (export, agree, stats, review --queue, corpus) work meanwhile; \
         to change this store, quit that session (q) and try again"
    )]
    Locked {
        path: PathBuf,
        annotator: String,
        /// `: pid 42 (…) since …`, or empty.
        holder: String,
    },

    #[error("invalid annotator name \"{name}\": {reason}")]
    InvalidAnnotator { name: String, reason: String },

    #[error("invalid document path {doc:?}: {reason}")]
    InvalidDoc { doc: String, reason: &'static str },

    /// `put(doc, para, label)` with a label for another paragraph.
    #[error(
        "label for \"{label_doc}\" #{label_para} cannot be stored as \"{doc}\" #{para}: \
         doc and para must match"
    )]
    Mismatch {
        doc: String,
        para: u32,
        label_doc: String,
        label_para: u32,
    },

    /// A stored key or value that does not decode (bad JSON, wrong shape,
    /// malformed key).
    #[error("\"{path}\": bad entry at {key}: {reason}")]
    BadValue {
        path: PathBuf,
        key: String,
        reason: String,
    },

    /// A value written by a newer (or unknown) biaozhu.
    #[error(
        "\"{path}\": entry at {key} has schema version {version}, \
         this biaozhu reads versions 1 to {supported}; use a newer biaozhu"
    )]
    UnsupportedVersion {
        path: PathBuf,
        key: String,
        version: String,
        supported: u64,
    },

    /// A store's journal that cannot be read (see `store::journal`).
    #[error("\"{path}\" line {line}: {reason}")]
    Journal {
        path: PathBuf,
        line: u64,
        reason: String,
    },

    /// A file system or database failure.
    #[error("\"{path}\": {op}: {source}")]
    Io {
        path: PathBuf,
        op: &'static str,
        #[source]
        source: std::io::Error,
    },

    /// A `--store` / `BIAOZHU_STORE` value that is not a store this build
    /// can open (quoted without any password).
    #[error("--store {value}: {reason}")]
    BadTarget { value: String, reason: String },

    /// The database server answered with an error, or a value it holds
    /// does not decode. `target` is the URL without its password.
    #[error("{target}: {op}: {reason}")]
    Database {
        target: String,
        op: &'static str,
        reason: String,
    },

    /// The database server cannot be reached: the change was not saved on
    /// it. `kept` says where it waits (durably, on this machine) to be sent
    /// when the server answers again.
    #[error("cannot reach {target} ({reason}){kept}")]
    Unreachable {
        target: String,
        reason: String,
        /// `; 1 change kept in labels/alice.outbox, sent when it answers`, or empty.
        kept: String,
    },

    /// `copy_in` into a store that holds something already.
    #[error(
        "\"{path}\" already holds labels or history; moving stores between backends \
         (import --from-store) fills empty stores only"
    )]
    NotEmpty { path: PathBuf },
}
