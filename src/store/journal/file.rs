//! Writing a journal: creating one (atomically, from a store's contents)
//! and appending commits, each on stable storage before `append` returns.

use super::line::{self, Tree};
use std::fs::{File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// Writes per commit when a journal is created from a store's contents.
const DUMP_COMMIT: usize = 4096;

/// A journal open for appending, by the process that holds its store.
#[derive(Debug)]
pub struct JournalFile {
    file: File,
    path: PathBuf,
    /// Its length: where the next commit goes.
    len: u64,
    next_commit: u64,
}

/// Where a commit ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appended {
    pub commit: u64,
    /// The journal's length before and after it.
    pub from: u64,
    pub to: u64,
}

impl JournalFile {
    /// Open the journal at `path` to append after its complete commits:
    /// `len` is the offset just after the last one (a torn tail beyond it is
    /// cut off), `next_commit` the number the next gets.
    pub fn open(path: &Path, len: u64, next_commit: u64) -> io::Result<JournalFile> {
        let file = OpenOptions::new().write(true).open(path)?;
        if file.metadata()?.len() != len {
            file.set_len(len)?;
            file.sync_all()?;
        }
        Ok(JournalFile {
            file,
            path: path.to_owned(),
            len,
            next_commit,
        })
    }

    /// Create the journal of store `store` at `path` holding `writes` (a
    /// store's whole contents), replacing any journal there: written to a
    /// temporary file, synced, then renamed into place.
    pub fn create(
        path: &Path,
        store: &str,
        writes: impl IntoIterator<Item = io::Result<(Tree, Vec<u8>, Vec<u8>)>>,
    ) -> io::Result<JournalFile> {
        let tmp = path.with_extension("journal.tmp");
        let mut file = File::create(&tmp)?;
        let mut buf = Vec::with_capacity(1 << 20);
        line::header(&mut buf, store);
        let mut commit = 0u64;
        let mut in_commit = 0usize;
        let mut len = 0u64;
        let mut flush = |buf: &mut Vec<u8>, file: &mut File| -> io::Result<()> {
            file.write_all(buf)?;
            len += buf.len() as u64;
            buf.clear();
            Ok(())
        };
        for write in writes {
            let (tree, key, value) = write?;
            line::write(&mut buf, commit, tree, &key, Some(&value));
            in_commit += 1;
            if in_commit == DUMP_COMMIT {
                line::commit(&mut buf, commit, in_commit as u64);
                commit += 1;
                in_commit = 0;
            }
            if buf.len() >= 1 << 20 {
                flush(&mut buf, &mut file)?;
            }
        }
        if in_commit > 0 {
            line::commit(&mut buf, commit, in_commit as u64);
            commit += 1;
        }
        flush(&mut buf, &mut file)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        sync_dir(path)?;
        JournalFile::open(path, len, commit)
    }

    /// Append one commit of `writes` (tree, key, value or None to remove)
    /// and sync it to stable storage (`fdatasync`). On failure the journal
    /// is cut back to where it was, so a commit is in it whole or not at
    /// all.
    pub fn append<'a>(
        &mut self,
        writes: impl IntoIterator<Item = (Tree, &'a [u8], Option<&'a [u8]>)>,
    ) -> io::Result<Appended> {
        let commit = self.next_commit;
        let mut buf = Vec::with_capacity(4096);
        let mut count = 0u64;
        for (tree, key, value) in writes {
            line::write(&mut buf, commit, tree, key, value);
            count += 1;
        }
        line::commit(&mut buf, commit, count);
        let from = self.len;
        let written = self.write_at_end(&buf);
        if let Err(e) = written {
            // Best effort: a failed append must not leave half a commit
            // (readers and the next open would take it as a torn tail
            // anyway).
            let _ = self.rollback(from);
            return Err(e);
        }
        self.len += buf.len() as u64;
        self.next_commit += 1;
        Ok(Appended {
            commit,
            from,
            to: self.len,
        })
    }

    fn write_at_end(&mut self, buf: &[u8]) -> io::Result<()> {
        use std::io::{Seek, SeekFrom};
        self.file.seek(SeekFrom::Start(self.len))?;
        self.file.write_all(buf)?;
        self.file.sync_data()
    }

    /// Take back the commit `appended` (the store could not apply it): the
    /// journal is cut back to where it was before it.
    pub fn take_back(&mut self, appended: Appended) -> io::Result<()> {
        self.rollback(appended.from)?;
        self.next_commit = appended.commit;
        Ok(())
    }

    fn rollback(&mut self, to: u64) -> io::Result<()> {
        self.file.set_len(to)?;
        self.file.sync_data()?;
        self.len = to;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Its length: the offset just after the last commit.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether it holds nothing (not even a header).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of the last commit, if any.
    pub fn last_commit(&self) -> Option<u64> {
        self.next_commit.checked_sub(1)
    }
}

/// Sync the directory holding `path`, so a rename into it is durable.
fn sync_dir(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => File::open(dir)?.sync_all(),
        _ => File::open(".")?.sync_all(),
    }
}
