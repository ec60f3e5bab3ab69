//! Never lose a label, in a real terminal (tmux): SIGTERM, SIGINT, SIGHUP
//! and SIGQUIT end a session cleanly (terminal restored, store released,
//! every label there); Ctrl-Z and SIGTSTP suspend it and `fg` brings it
//! back with working keys; a terminal that goes away without a SIGHUP ends
//! it within a second or two; keys typed while the screen loads are
//! applied in order. These tests fail (not skip) without tmux.

mod tmux_common;

use serde_json::Value;
use std::process::Command;
use std::time::{Duration, Instant};
use tmux_common::{command_line, jsonl, Tmux, BIN};

/// Full-width punctuation, `　　` indents, Extension B, emoji, half-width
/// kana, a tab and ESC; `{n}` makes each file's text its own.
const REPORT: &str = concat!(
    "一、{n}年工作成效\n",
    "　　全年儿童免疫规划疫苗接种率达到98.5%，居民电子健康档案建档率93%（第{n}份）。\n",
    "　　𠀀字、emoji😀、ｶﾞ、制表\t符与\u{1b}[31m转义序列照原样保存——同比下降12.5%。\n",
    "二、存在问题\n",
    "　　基层医疗人才匮乏，乡村医生老龄化严重（平均年龄58岁）。\n",
);

/// How long a session may take to end after a signal or a lost terminal.
const PROMPT: Duration = Duration::from_secs(2);

/// A corpus of `files` reports and a labels dir with the schema.
struct Dir {
    root: tempfile::TempDir,
}

impl Dir {
    fn new(files: usize) -> Dir {
        let root = tempfile::tempdir().unwrap();
        let corpus = root.path().join("corpus");
        std::fs::create_dir_all(&corpus).unwrap();
        std::fs::create_dir_all(root.path().join("labels")).unwrap();
        for n in 0..files {
            let text = REPORT.replace("{n}", &(2000 + n).to_string());
            std::fs::write(corpus.join(format!("报告{n:04}.txt")), text).unwrap();
        }
        std::fs::copy("labels/schema.toml", root.path().join("labels/schema.toml")).unwrap();
        Dir { root }
    }

    fn path(&self, name: &str) -> String {
        self.root.path().join(name).to_str().unwrap().to_owned()
    }

    /// The common flags and `rest`.
    fn args(&self, rest: &[&str]) -> Vec<String> {
        let mut args = vec![
            "--corpus".to_owned(),
            self.path("corpus"),
            "--labels".to_owned(),
            self.path("labels"),
        ];
        args.extend(rest.iter().map(|s| s.to_string()));
        args
    }

    fn run(&self, rest: &[&str]) -> Vec<u8> {
        let out = Command::new(BIN).args(self.args(rest)).output().unwrap();
        assert!(
            out.status.success(),
            "{rest:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// (para, section) of each exported record of `annotator`.
    fn labels_of(&self, annotator: &str) -> Vec<(u64, String)> {
        jsonl(&self.run(&["export", "--annotator", annotator]))
            .iter()
            .map(|r| (para(r), r["section"].as_str().unwrap_or("").to_owned()))
            .collect()
    }
}

fn para(record: &Value) -> u64 {
    record["para"].as_u64().unwrap()
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// The labeling screen of `annotator` under `sh`: its stderr to `err`,
/// then the shell prints its exit status and the terminal's modes.
fn annotate_under_sh(dir: &Dir, annotator: &str, err: &str) -> Tmux {
    let args = dir.args(&["--annotator", annotator, "--new-annotator"]);
    Tmux::start_command(100, 30, &after(&command_line(&strs(&args)), err))
}

/// Prints `modes: icanon echo ` when the terminal is in canonical mode with
/// echo, as `stty -a` says them (the command line itself does not contain
/// `modes:`).
const MODES: &str = "printf 'mode%s: %s\\n' s \"$(stty -a | tr ' ' '\\n' \
     | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' ')\"";

/// `cmd` with stderr to `err`, then `exit=N` and [`MODES`] printed; the
/// shell then waits, so that the pane stays as biaozhu left it.
fn after(cmd: &str, err: &str) -> String {
    format!("{cmd} 2>'{err}'; echo \"exit=$?\"; {MODES}; exec sleep 600")
}

fn kill(signal: &str, pid: u32) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} {pid}");
}

/// The terminal as the shell had it: out of the alternate screen, cursor
/// shown, canonical mode and echo on.
fn assert_restored(t: &Tmux, screen: &str) {
    assert!(screen.contains("modes: icanon echo"), "{screen}");
    let flags = (t.pane_var("alternate_on"), t.pane_var("cursor_flag"));
    assert_eq!(
        flags,
        ("0".into(), "1".into()),
        "alternate screen, cursor: {screen}"
    );
}

#[test]
fn term_int_hup_and_quit_end_the_session_cleanly_and_lose_nothing() {
    let dir = Dir::new(1);
    let err = dir.path("stderr");
    let signals = [
        ("TERM", 15, "h"),
        ("INT", 2, "a"),
        ("HUP", 1, "p"),
        ("QUIT", 3, "o"),
    ];
    for (i, (signal, number, key)) in signals.into_iter().enumerate() {
        // Each session opens the store the one before held: released.
        let t = annotate_under_sh(&dir, "alice", &err);
        let before = format!("all {i}/");
        t.wait_for(&before, |s| s.contains(&before));
        t.type_text(key);
        t.keys(&["Enter"]);
        let labeled = format!("all {}/", i + 1);
        t.wait_for(&labeled, |s| s.contains(&labeled) && s.contains("saved"));

        let sent = Instant::now();
        kill(signal, t.child_pid());
        let screen = t.wait_for("the shell after biaozhu", |s| s.contains("modes:"));
        assert!(sent.elapsed() < PROMPT, "SIG{signal}: {:?}", sent.elapsed());
        assert!(
            screen.contains(&format!("exit={}", 128 + number)),
            "SIG{signal}: {screen}"
        );
        assert_restored(&t, &screen);
        let said = std::fs::read_to_string(&err).unwrap();
        assert_eq!(
            said.trim(),
            format!("biaozhu: ended by SIG{signal}; every change shown was saved")
        );
    }
    let sections = ["heading", "achievement", "problem", "overview"];
    let expected: Vec<(u64, String)> = (0..4).map(|i| (i, sections[i as usize].into())).collect();
    assert_eq!(dir.labels_of("alice"), expected);
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_resumes_with_working_keys() {
    let dir = Dir::new(1);
    // An interactive bash: job control, as at a terminal.
    let t = Tmux::start_command(
        100,
        30,
        "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color LANG=C.UTF-8 \
         PS1='bash$ ' bash --norc --noprofile -i",
    );
    t.wait_for("the prompt", |s| s.contains("bash$"));
    let args = dir.args(&["--annotator", "alice", "--new-annotator"]);
    t.type_text(&command_line(&strs(&args)));
    t.keys(&["Enter"]);
    t.wait_for("the screen", |s| s.contains("all 0/"));
    t.type_text("h");
    t.wait_for("saved", |s| s.contains("saved"));
    let pid = t.child_pid();

    for how in ["Ctrl-Z", "SIGTSTP"] {
        if how == "Ctrl-Z" {
            t.keys(&["C-z"]);
        } else {
            kill("TSTP", pid);
        }
        t.wait_for("the job stopped", |s| s.contains("Stopped"));
        assert_eq!(t.pane_var("alternate_on"), "0", "{how}");
        assert_eq!(t.pane_var("cursor_flag"), "1", "{how}");
        t.keys(&["clear", "Enter"]);
        t.type_text(MODES);
        t.keys(&["Enter"]);
        let screen = t.wait_for("stty", |s| s.contains("modes:"));
        assert!(screen.contains("modes: icanon echo"), "{how}: {screen}");
        t.keys(&["fg", "Enter"]);
        t.wait_for("the screen again", |s| {
            s.contains("工作成效") && s.contains("saved") && !s.contains("bash$")
        });
        assert_eq!(t.pane_var("alternate_on"), "1", "{how}");
    }
    // Keys work: accept, then q.
    t.keys(&["Enter"]);
    t.wait_for("accepted", |s| s.contains("all 1/"));
    t.keys(&["q"]);
    t.wait_for("the prompt after q", |s| {
        s.contains("bash$") && !s.contains("Stopped") && !s.contains("all 1/")
    });
    assert_eq!(t.pane_var("alternate_on"), "0");
    assert_eq!(t.pane_var("cursor_flag"), "1");
    assert_eq!(dir.labels_of("alice"), vec![(0, "heading".to_owned())]);
}

#[test]
fn a_lost_terminal_without_sighup_ends_the_session_and_releases_the_store() {
    let dir = Dir::new(1);
    let err = dir.path("stderr");
    let args = dir.args(&["--annotator", "alice", "--new-annotator"]);
    // The shell ignores SIGHUP and leads the session: the kernel sends
    // SIGHUP to it alone, so biaozhu gets none when the terminal goes.
    let cmd = format!("trap '' HUP; {} 2>'{err}'", command_line(&strs(&args)));
    let t = Tmux::start_command(100, 30, &cmd);
    t.wait_for("the screen", |s| s.contains("all 0/"));
    t.type_text("h");
    t.keys(&["Enter"]);
    t.wait_for("accepted", |s| s.contains("all 1/") && s.contains("saved"));
    let pid = t.child_pid();

    let gone = Instant::now();
    t.tmux(&["kill-server"]);
    let proc_dir = format!("/proc/{pid}");
    while std::path::Path::new(&proc_dir).exists() && gone.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = gone.elapsed();
    eprintln!("lost terminal: biaozhu ended {took:?} after the tmux server went");
    assert!(
        took < PROMPT,
        "biaozhu still ran {took:?} after its terminal went"
    );
    let said = std::fs::read_to_string(&err).unwrap();
    assert!(said.contains("the terminal went away"), "{said}");

    // The store is free: a new session opens it, with the label there.
    let t = Tmux::start(100, 30, &strs(&args));
    t.wait_for("the label made before", |s| s.contains("all 1/"));
    t.keys(&["q"]);
    assert!(t.wait_exit());
    assert_eq!(dir.labels_of("alice"), vec![(0, "heading".to_owned())]);
}

#[test]
fn keys_typed_while_the_screen_loads_are_applied_in_order() {
    // Enough reports that the screen takes a moment to come up.
    let dir = Dir::new(400);
    let args = dir.args(&["--annotator", "alice", "--new-annotator"]);
    let t = Tmux::start(100, 30, &strs(&args));
    // At once, before the first frame: heading, accept, problem, accept.
    t.keys(&["h", "Enter", "p", "Enter"]);
    assert!(
        !t.screen().contains("all "),
        "the keys went in after the first frame: the corpus is too small"
    );
    t.wait_for("both accepted", |s| s.contains("all 2/"));
    t.keys(&["q"]);
    assert!(t.wait_exit());
    assert_eq!(
        dir.labels_of("alice"),
        vec![(0, "heading".to_owned()), (1, "problem".to_owned())]
    );
}

/// Two annotators' labels imported: paragraph 1 of the first report in
/// dispute (achievement / problem), the rest unanimous.
fn imported(dir: &Dir) {
    let paragraphs = jsonl(&dir.run(&["corpus", "--jsonl"]));
    for name in ["alice", "bob"] {
        let lines: Vec<String> = paragraphs
            .iter()
            .map(|p| {
                let section = match (para(p), name) {
                    (1, "alice") => "achievement",
                    (1, _) => "problem",
                    _ => "heading",
                };
                serde_json::json!({"doc": p["doc"], "para": p["para"], "text": p["text"],
                    "hash": p["hash"], "annotator": name, "section": section,
                    "indicators": [], "done": true, "updated_at": "2026-11-22T10:00:00Z"})
                .to_string()
            })
            .collect();
        let file = dir.path(&format!("{name}.jsonl"));
        std::fs::write(&file, lines.join("\n") + "\n").unwrap();
        dir.run(&["import", &file]);
    }
}

#[test]
fn the_review_screen_ends_cleanly_on_sigterm_with_its_decision_saved() {
    let dir = Dir::new(1);
    imported(&dir);
    let err = dir.path("stderr");
    let args = dir.args(&["review", "--reviewer", "lead"]);
    let t = Tmux::start_command(100, 30, &after(&command_line(&strs(&args)), &err));
    t.wait_for("the queue", |s| s.contains("decided 0/1"));
    t.keys(&["F1", "Enter"]);
    t.wait_for("decided", |s| {
        s.contains("decided 1/1") && s.contains("saved")
    });
    let sent = Instant::now();
    kill("TERM", t.child_pid());
    let screen = t.wait_for("the shell after biaozhu", |s| s.contains("modes:"));
    assert!(sent.elapsed() < PROMPT, "{:?}", sent.elapsed());
    assert!(screen.contains("exit=143"), "{screen}");
    assert!(
        screen.contains("biaozhu review: 1 of 1 paragraphs in the queue decided"),
        "{screen}"
    );
    assert_restored(&t, &screen);
    let said = std::fs::read_to_string(&err).unwrap();
    assert!(said.contains("ended by SIGTERM"), "{said}");
    let gold = jsonl(&dir.run(&["export", "--gold"]));
    let decided = gold.iter().find(|r| para(r) == 1).expect("gold for 1");
    assert_eq!(decided["section"], "achievement");
    assert_eq!(decided["source"], "adjudicated");
}
