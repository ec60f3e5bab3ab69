//! Who holds a store: `<labels>/<store>.holder`, written by the process
//! that opened the store (under its lock) and removed when it closes it,
//! so the "in use" message can say who, which process and since when.
//!
//! `{"pid":4242,"command":"biaozhu --annotator alice","user":"alice",
//! "since":"2026-12-02T19:20:01.123Z"}`. The lock, not this file, decides
//! whether a store is in use: a file left by a process killed with
//! `kill -9` is replaced by the next holder.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The holder file of store `store` under `labels_dir`.
pub fn path_of(labels_dir: &Path, store: &str) -> PathBuf {
    labels_dir.join(format!("{store}.holder"))
}

/// What the holder file says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    pub command: String,
    #[serde(default)]
    pub user: String,
    pub since: String,
}

impl Holder {
    /// This process, now.
    pub(crate) fn this_process() -> Holder {
        // A database URL on the command line may hold a password: never kept.
        let mut command: Vec<String> = std::env::args()
            .map(|arg| match arg.split_once("://") {
                Some(_) => crate::store::pg::target::without_password(&arg),
                None => arg,
            })
            .collect();
        if let Some(first) = command.first_mut() {
            if let Some(name) = Path::new(first).file_name() {
                *first = name.to_string_lossy().into_owned();
            }
        }
        Holder {
            pid: std::process::id(),
            command: command.join(" "),
            user: std::env::var("USER").unwrap_or_default(),
            since: super::now_rfc3339(),
        }
    }

    /// For a message: `pid 4242 (biaozhu --annotator alice, user alice)
    /// since 2026-12-02 19:20:01 UTC (3 min ago)`, untrusted parts shown
    /// safely.
    pub fn describe(&self) -> String {
        let plain = crate::text::sanitize::plain;
        let user = if self.user.is_empty() {
            String::new()
        } else {
            format!(", user {}", plain(&self.user))
        };
        let since = match humantime::parse_rfc3339(&self.since) {
            Ok(at) => {
                let shown = humantime::format_rfc3339_seconds(at).to_string();
                let shown = shown.replace('T', " ").replace('Z', " UTC");
                match std::time::SystemTime::now().duration_since(at) {
                    Ok(ago) => format!("{shown} ({} ago)", short(ago)),
                    Err(_) => shown,
                }
            }
            Err(_) => plain(&self.since),
        };
        format!(
            "pid {} (`{}`{user}) since {since}",
            self.pid,
            plain(&self.command)
        )
    }
}

/// A duration to the minute or second, e.g. `2h 5min`, `40s`.
fn short(d: std::time::Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}min", s / 60),
        _ => format!("{}h {}min", s / 3600, s % 3600 / 60),
    }
}

/// The holder file of a store, written while this process holds it;
/// removed when dropped.
#[derive(Debug)]
pub struct HolderFile(PathBuf);

impl HolderFile {
    /// Say this process holds store `store` (best effort: a holder file
    /// that cannot be written only makes a later "in use" message vaguer).
    pub fn write(labels_dir: &Path, store: &str) -> HolderFile {
        let path = path_of(labels_dir, store);
        let tmp = path.with_extension(format!("holder.{}", std::process::id()));
        let json = serde_json::to_vec(&Holder::this_process()).expect("a holder serializes");
        if std::fs::write(&tmp, json).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        HolderFile(path)
    }
}

impl Drop for HolderFile {
    fn drop(&mut self) {
        // Only our own: a later holder may have replaced it.
        if read_file(&self.0).is_some_and(|h| h.pid == std::process::id()) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

fn read_file(path: &Path) -> Option<Holder> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// Who holds store `store` under `labels_dir`, as its holder file says.
pub fn read(labels_dir: &Path, store: &str) -> Option<Holder> {
    read_file(&path_of(labels_dir, store))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_read_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let file = HolderFile::write(dir.path(), "alice");
        let holder = read(dir.path(), "alice").unwrap();
        assert_eq!(holder.pid, std::process::id());
        let shown = holder.describe();
        assert!(shown.contains(&format!("pid {}", holder.pid)), "{shown}");
        assert!(shown.contains(" UTC (0s ago)"), "{shown}");
        drop(file);
        assert_eq!(read(dir.path(), "alice"), None);
    }

    #[test]
    fn untrusted_parts_are_shown_safely() {
        let holder = Holder {
            pid: 1,
            command: format!("biaozhu \u{1b}]0;owned\u{7} {}", "x".repeat(500)),
            user: "\u{202e}evil".into(),
            since: "not a time\u{1b}".into(),
        };
        let shown = holder.describe();
        assert!(
            !shown.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{shown}"
        );
        assert!(
            shown.contains('…') && shown.chars().count() < 500,
            "{shown}"
        );
    }
}
