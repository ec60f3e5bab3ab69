//! The paths a command is given (`--labels DIR`, `-o FILE`), checked
//! before any work, and file-system failures on them turned into messages
//! that name the path: `--labels x: x is a file, not a directory`
//! instead of `File exists (os error 17)`.

use super::CliError;
use crate::text::sanitize::plain_path;
use std::io;
use std::path::{Path, PathBuf};

/// How a command uses the labels dir.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Labels {
    /// Reads stores (export, agree, review --queue): the dir must exist and
    /// be readable.
    Read,
    /// May create it and stores in it (import, the screens): it must be a
    /// directory or not exist yet below a directory.
    Write,
    /// Reads only the schema from it (the stores are on a database
    /// server): missing is fine (the default schema).
    Schema,
}

/// Whether an I/O failure on a path the user gave is bad input (exit 2:
/// the path is wrong or not allowed) rather than a runtime failure.
pub fn is_input_fault(kind: io::ErrorKind) -> bool {
    use io::ErrorKind::*;
    matches!(
        kind,
        NotFound
            | PermissionDenied
            | NotADirectory
            | IsADirectory
            | AlreadyExists
            | ReadOnlyFilesystem
            | InvalidFilename
    )
}

/// `flag path: what` as a usage error (exit 2).
fn usage(flag: &str, path: &Path, what: &str) -> CliError {
    CliError::Usage(format!("{flag} {}: {what}", plain_path(path)))
}

/// The first existing ancestor of `path` (itself included) when it is not
/// a directory: the file in the way.
fn file_in_the_way(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .find_map(|a| std::fs::metadata(a).ok().map(|m| (a, m)))
        .filter(|(_, m)| !m.is_dir())
        .map(|(a, _)| a.to_owned())
}

/// Why `dir` cannot be a directory: a file is in the way.
fn not_a_dir(flag: &str, dir: &Path, file: &Path) -> CliError {
    if file == dir {
        usage(flag, dir, "is a file, not a directory")
    } else {
        usage(
            flag,
            dir,
            &format!("{} is a file, not a directory", plain_path(file)),
        )
    }
}

/// `--labels DIR` checked for `how` it is used, before anything is read
/// or created.
pub fn check_labels(dir: &Path, how: Labels) -> Result<(), CliError> {
    const FLAG: &str = "--labels";
    if let Some(file) = file_in_the_way(dir) {
        return Err(not_a_dir(FLAG, dir, &file));
    }
    match (std::fs::read_dir(dir), how) {
        (Ok(_), _) => Ok(()),
        (Err(e), Labels::Read) if e.kind() == io::ErrorKind::NotFound => Err(usage(
            FLAG,
            dir,
            "no such labels dir, so no stores to read (label with `biaozhu`, or bring \
             labels in with `biaozhu import FILE`)",
        )),
        (Err(e), Labels::Write | Labels::Schema) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        (Err(e), _) => Err(usage(
            FLAG,
            dir,
            &format!("cannot read the labels dir: {}", io_reason(&e)),
        )),
    }
}

/// `-o FILE`: the directory it goes into must exist.
pub fn check_output_file(path: &Path) -> Result<(), CliError> {
    let parent = parent_of(path);
    if let Some(file) = file_in_the_way(parent) {
        return Err(not_a_dir("-o", path, &file));
    }
    if !parent.exists() {
        return Err(usage(
            "-o",
            path,
            &format!("directory {} does not exist", plain_path(parent)),
        ));
    }
    if path.is_dir() {
        return Err(usage("-o", path, "is a directory (-o names a file)"));
    }
    Ok(())
}

/// `-o DIR` with `--split`: created if missing, below a directory.
pub fn check_output_dir(dir: &Path) -> Result<(), CliError> {
    if let Some(file) = file_in_the_way(dir) {
        return Err(not_a_dir("-o", dir, &file));
    }
    Ok(())
}

/// The directory `path` is in (`.` for a bare name).
pub fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// An I/O failure on `path` while `doing` something, naming the path:
/// exit 2 when the path is at fault ([`is_input_fault`]), else 1.
pub fn io_error(doing: &str, path: &Path, e: io::Error) -> CliError {
    let message = format!("{doing} {}: {}", plain_path(path), io_reason(&e));
    if is_input_fault(e.kind()) {
        CliError::Usage(message)
    } else {
        CliError::Io(io::Error::new(e.kind(), message))
    }
}

/// The OS's words for `e` without the `(os error N)` tail.
fn io_reason(e: &io::Error) -> String {
    let full = e.to_string();
    match full.rfind(" (os error ") {
        Some(at) if full.ends_with(')') => full[..at].to_owned(),
        _ => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_the_way_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, "").unwrap();
        assert_eq!(file_in_the_way(&file), Some(file.clone()));
        assert_eq!(file_in_the_way(&file.join("a/b")), Some(file.clone()));
        assert_eq!(file_in_the_way(&dir.path().join("new/x")), None);
        let err = check_labels(&file.join("labels"), Labels::Write).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(
            err.to_string().ends_with("/f is a file, not a directory"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_labels_dir_is_fine_to_write_not_to_read() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("labels");
        assert!(check_labels(&missing, Labels::Write).is_ok());
        let err = check_labels(&missing, Labels::Read).unwrap_err();
        assert!(err.to_string().contains("no such labels dir"), "{err}");
        assert!(check_labels(dir.path(), Labels::Read).is_ok());
    }

    #[test]
    fn io_errors_name_the_path_and_drop_the_os_error_number() {
        let e = io::Error::from_raw_os_error(2);
        let err = io_error("writing", Path::new("out/x.jsonl"), e);
        assert_eq!(err.exit_code(), 2);
        assert_eq!(
            err.to_string(),
            "writing out/x.jsonl: No such file or directory"
        );
        let full = io_error("writing", Path::new("x"), io::Error::other("disk on fire"));
        assert_eq!(full.exit_code(), 1);
    }
}
