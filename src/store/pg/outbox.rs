//! Changes the database server did not take (it could not be reached), kept
//! on this machine until it answers again: `<labels>/<store>.outbox`, one
//! JSON line per change, each appended and `fdatasync`ed before the put
//! that made it returns. The next write, the screen's retry (every second)
//! or the next opening of the store sends them, oldest first, in one
//! transaction; the file is removed once the server has them. A change
//! keeps its own key (`change`), so one sent twice is applied once.

use super::change::Pending;
use crate::store::StoreError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The outbox of store `store` under `labels_dir`.
pub fn path_of(labels_dir: &Path, store: &str) -> PathBuf {
    labels_dir.join(format!("{store}.outbox"))
}

#[derive(Debug)]
pub struct Outbox {
    path: PathBuf,
    pending: Vec<Pending>,
}

impl Outbox {
    /// The outbox at `path` as the file has it (none: empty). A last line
    /// cut short (a crash while appending it) was never reported saved
    /// anywhere, and is dropped.
    pub fn open(path: PathBuf) -> Result<Outbox, StoreError> {
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(source) => {
                return Err(StoreError::Io {
                    path,
                    op: "reading the outbox",
                    source,
                })
            }
        };
        let mut pending = Vec::new();
        for (n, line) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
            let Some(line) = line.strip_suffix(b"\n") else {
                break;
            };
            let change = serde_json::from_slice(line).map_err(|e| StoreError::Journal {
                path: path.clone(),
                line: n as u64 + 1,
                reason: format!("not a waiting change: {e}"),
            })?;
            pending.push(change);
        }
        Ok(Outbox { path, pending })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn len(&self) -> usize {
        self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// The waiting changes, oldest first.
    pub fn pending(&self) -> &[Pending] {
        &self.pending
    }

    /// Keep `change`: appended and on stable storage when this returns.
    pub fn push(&mut self, change: Pending) -> Result<(), StoreError> {
        let io = |source| StoreError::Io {
            path: self.path.clone(),
            op: "keeping a change in the outbox",
            source,
        };
        let mut line = serde_json::to_vec(&change).expect("a change serializes");
        line.push(b'\n');
        let created = !self.path.exists();
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(io)?;
        file.write_all(&line).map_err(io)?;
        file.sync_data().map_err(io)?;
        if created {
            // The new file's name on stable storage too.
            if let Some(dir) = self.path.parent() {
                std::fs::File::open(dir)
                    .and_then(|d| d.sync_all())
                    .map_err(io)?;
            }
        }
        self.pending.push(change);
        Ok(())
    }

    /// The server has every waiting change: forget them.
    pub fn clear(&mut self) -> Result<(), StoreError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(StoreError::Io {
                    path: self.path.clone(),
                    op: "emptying the outbox",
                    source,
                })
            }
        }
        self.pending.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Label;

    fn change(n: u64) -> Pending {
        let mut label = Label::empty("a.txt", n as u32, "0123456789abcdef");
        label.updated_at = "2026-11-22T10:00:00Z".into();
        Pending {
            change: format!("s:{n}"),
            doc: "a.txt".into(),
            para: n as u32,
            label: Some(label),
            action: "section".into(),
            park: false,
        }
    }

    #[test]
    fn kept_across_reopen_and_a_torn_line_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_of(dir.path(), "alice");
        let mut outbox = Outbox::open(path.clone()).unwrap();
        assert!(outbox.is_empty());
        outbox.push(change(1)).unwrap();
        outbox.push(change(2)).unwrap();
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        file.write_all(b"{\"change\":\"s:3\",\"do").unwrap();
        let reopened = Outbox::open(path.clone()).unwrap();
        assert_eq!(reopened.pending(), [change(1), change(2)]);
        let mut reopened = reopened;
        reopened.clear().unwrap();
        assert!(!path.exists());
        assert!(Outbox::open(path).unwrap().is_empty());
    }
}
