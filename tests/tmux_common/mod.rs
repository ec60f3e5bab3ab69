//! The tmux harness of the end-to-end tests: one tmux server (own socket)
//! per test, keys in with `send-keys`, the screen back with `capture-pane`.
//! The tests fail (not skip) without tmux.
#![allow(dead_code)]

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_biaozhu");

/// JSON lines (a command's stdout), parsed.
pub fn jsonl(bytes: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `biaozhu export` of `labels` on `corpus` with `extra` flags, which must
/// succeed: its JSON lines.
pub fn export(corpus: &str, labels: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let args = ["export", "--corpus", corpus, "--labels", labels];
    jsonl(&succeed(args.iter().chain(extra)))
}

/// `biaozhu` with `args`, which must succeed: its stdout.
pub fn succeed<S: AsRef<std::ffi::OsStr>>(args: impl IntoIterator<Item = S>) -> Vec<u8> {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// `files` reports with Chinese text, full-width punctuation and the odd
/// characters of DESIGN.md §3 (Extension B, emoji, half-width kana, a
/// tab, an ESC), 3 paragraphs each: `报告00.txt`, `报告01.txt`, …
pub fn reports(files: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..files {
        let text = [
            format!("一、总体情况（第{i}号）"),
            format!("\u{3000}\u{3000}全年儿童免疫规划疫苗接种率达到98.{i}%，𠀀😀ｶﾞ居民健康档案建档率93%。"),
            format!("\u{3000}\u{3000}“十四五”期间，投入资金{i}万元；\t新建乡镇卫生院\u{1b}[31m三所！"),
        ]
        .join("\n");
        std::fs::write(dir.path().join(format!("报告{i:02}.txt")), text).unwrap();
    }
    dir
}

/// A labels dir with the repository's schema.
pub fn labels_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("labels/schema.toml", dir.path().join("schema.toml")).unwrap();
    dir
}

/// `biaozhu annotate`'s arguments on the repository's corpus.
pub fn annotate_args<'a>(labels: &'a std::path::Path, annotator: &'a str) -> Vec<&'a str> {
    vec![
        "--corpus",
        "corpus",
        "--labels",
        labels.to_str().unwrap(),
        "--annotator",
        annotator,
    ]
}

/// The status line of a captured screen: its last non-blank row.
pub fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// biaozhu with `args` as a shell command line, in UTF-8 and xterm-256color.
/// Without suggestions (`--no-suggest`) unless `args` set `--control-share`:
/// a pre-fill would change what the other tests' keys do; the tests of
/// suggestions set the share (0: every paragraph suggested).
pub fn command_line(args: &[&str]) -> String {
    let mut line: Vec<&str> = Vec::new();
    if !args.contains(&"--control-share") && !args.contains(&"--no-suggest") {
        line.push("--no-suggest");
    }
    line.extend_from_slice(args);
    program_line(BIN, &line)
}

/// `program` with `args` as a shell command line, in UTF-8 and
/// xterm-256color, the screens reading the whole corpus before their first
/// frame (a test hook: these tests' first keys must meet every file even
/// on a loaded machine; the tests of reading in the background set
/// `BIAOZHU_TEST_READ_DELAY_MS`, which turns it off).
pub fn program_line(program: &str, args: &[&str]) -> String {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    format!(
        "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color BIAOZHU_TEST_READ_ALL_FIRST=1 '{program}' {}",
        quoted.join(" ")
    )
}

/// The tmux commands that keep the pane when its program ends.
const KEEP: [&str; 6] = [";", "set-option", "-t", "0", "remain-on-exit", "on"];

/// One tmux server (own socket) with one session running biaozhu.
pub struct Tmux {
    socket: String,
    /// Where the shell writes the program's exit status (start_kept).
    exit_file: Option<std::path::PathBuf>,
}

impl Tmux {
    pub fn start(width: u16, height: u16, args: &[&str]) -> Tmux {
        Tmux::start_with(width, height, args, &[])
    }

    /// [`Tmux::start`], and the pane stays when the program ends, so its
    /// last words and exit status can be read ([`Tmux::exit_status`]).
    ///
    /// The exit status is written to a file by the shell that runs it:
    /// tmux 3.3 may mark the pane dead (its terminal closed) before it has
    /// reaped the process, and then never shows `pane_dead_status`.
    /// The shell stays a moment after the program: when the pane's process
    /// ends right after its last words (a missing corpus dir fails at
    /// once), tmux 3.3 may mark the pane dead before it has read them, and
    /// shows a blank pane.
    pub fn start_kept(width: u16, height: u16, args: &[&str]) -> Tmux {
        static K: AtomicUsize = AtomicUsize::new(0);
        let file = std::env::temp_dir().join(format!(
            "biaozhu-test-exit-{}-{}",
            std::process::id(),
            K.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_file(&file);
        let cmd = format!(
            "{}; echo $? > '{}'; sleep 0.3",
            command_line(args),
            file.display()
        );
        let mut t = Tmux::launch(width, height, &cmd, &KEEP);
        t.exit_file = Some(file);
        t
    }

    /// `program` (e.g. `strace`) with `args` in a new tmux session.
    pub fn start_program(width: u16, height: u16, program: &str, args: &[&str]) -> Tmux {
        let cmd = format!("exec {}", program_line(program, args));
        Tmux::launch(width, height, &cmd, &[])
    }

    /// `tmux new-session` running biaozhu with `args`, then the tmux
    /// commands `then` in the same call.
    fn start_with(width: u16, height: u16, args: &[&str], then: &[&str]) -> Tmux {
        let cmd = format!("exec {}", command_line(args));
        Tmux::launch(width, height, &cmd, then)
    }

    /// `tmux new-session` running the shell command `cmd` (see
    /// [`command_line`]), the pane kept when it ends.
    pub fn start_command(width: u16, height: u16, cmd: &str) -> Tmux {
        Tmux::launch(width, height, cmd, &KEEP)
    }

    fn launch(width: u16, height: u16, cmd: &str, then: &[&str]) -> Tmux {
        static N: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "biaozhu-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .arg(cmd)
            .args(then)
            .status()
            .expect("tmux is installed (.ci/run installs it)");
        assert!(status.success(), "tmux new-session failed");
        Tmux {
            socket,
            exit_file: None,
        }
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Literal text (each char a key press).
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "0", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "0"])
    }

    /// Wait until the screen satisfies `ok`, and is still the same a
    /// moment later (a capture can catch a frame half drawn); panic with
    /// the screen if not.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if ok(&screen) {
                std::thread::sleep(Duration::from_millis(30));
                if self.screen() == screen {
                    return screen;
                }
                continue;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn pane_pid(&self) -> u32 {
        self.tmux(&["display-message", "-p", "-t", "0", "#{pane_pid}"])
            .trim()
            .parse()
            .unwrap()
    }

    /// `kill -9` the program in the pane; true if the signal was sent.
    pub fn kill9(&self) -> bool {
        Command::new("kill")
            .args(["-9", &self.pane_pid().to_string()])
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Wait up to 10 s for the program to end; whether it did.
    pub fn wait_exit(&self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.alive() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        !self.alive()
    }

    /// The exit status of the program in a kept pane ([`Tmux::start_kept`]),
    /// waiting up to 10 s for it to end; None if it did not.
    pub fn exit_status(&self) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(file) = &self.exit_file {
                let written = std::fs::read_to_string(file).unwrap_or_default();
                if written.ends_with('\n') {
                    return written.trim().parse().ok();
                }
            } else {
                let state = self.tmux(&[
                    "display-message",
                    "-p",
                    "-t",
                    "0",
                    "#{pane_dead} #{pane_dead_status}",
                ]);
                if let Some(status) = state.trim().strip_prefix("1 ") {
                    return status.parse().ok();
                }
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A pane variable (`alternate_on`, `cursor_flag`, …).
    pub fn pane_var(&self, name: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "0", &format!("#{{{name}}}")])
            .trim()
            .to_owned()
    }

    /// The pid of biaozhu when it runs under a shell in the pane (the
    /// shell's child), waiting up to 10 s for it.
    pub fn child_pid(&self) -> u32 {
        let shell = self.pane_pid();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let children = format!("/proc/{shell}/task/{shell}/children");
            let found = std::fs::read_to_string(children).unwrap_or_default();
            if let Some(pid) = found.split_whitespace().next() {
                return pid.parse().unwrap();
            }
            assert!(Instant::now() < deadline, "no biaozhu under the shell");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn alive(&self) -> bool {
        Command::new("tmux")
            .args(["-L", &self.socket, "has-session", "-t", "0"])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
        if let Some(file) = &self.exit_file {
            let _ = std::fs::remove_file(file);
        }
    }
}
