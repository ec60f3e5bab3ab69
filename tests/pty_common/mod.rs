//! The binary run on a pseudo-terminal (util-linux `script`), for what a
//! screen's command checks after it has found a terminal and before the
//! screen opens. On a terminal stdout and stderr are one stream.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");

/// What the program wrote to the terminal, and its exit code.
pub struct Run {
    /// stdout and stderr as the terminal showed them (`\r\n` line ends).
    pub stderr: String,
    pub code: Option<i32>,
}

/// `biaozhu --corpus CORPUS --labels LABELS ARGS…` on a terminal of its own,
/// stdin at end of input; killed after 20 s (exit code 124) should it wait
/// for keys.
pub fn on_terminal(corpus: &Path, labels: &Path, args: &[&str]) -> Run {
    let mut words = vec![BIN, "--corpus"];
    words.push(corpus.to_str().unwrap());
    words.push("--labels");
    words.push(labels.to_str().unwrap());
    words.extend_from_slice(args);
    let line: Vec<String> = words.iter().map(|w| quote(w)).collect();
    let out = Command::new("timeout")
        .args(["20", "script", "-qec", &line.join(" "), "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("timeout and script (coreutils, util-linux) are installed");
    Run {
        stderr: String::from_utf8_lossy(&out.stdout).into_owned(),
        code: out.status.code(),
    }
}

/// `word` single-quoted for `sh`.
fn quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}
