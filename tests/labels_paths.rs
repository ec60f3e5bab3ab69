//! Every command with a bad `--labels`, `--corpus` or `-o` path: one line
//! naming the path at fault, exit 2, nothing created (issue 12).

mod import_common;

use import_common::*;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

/// The commands that use the labels dir, with the arguments they need
/// (`import` gets a file of one good record).
fn commands(s: &Setup) -> Vec<Vec<String>> {
    let file = write(s, "in.jsonl", &[heading("erin")]);
    [
        vec!["export"],
        vec!["agree"],
        vec!["import", file.to_str().unwrap()],
        vec!["review", "--queue"],
        vec!["annotate", "--annotator", "erin", "--new-annotator"],
    ]
    .into_iter()
    .map(|v| v.into_iter().map(str::to_owned).collect())
    .collect()
}

fn run_with(s: &Setup, labels: &Path, args: &[String]) -> Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    biaozhu(&s.corpus, labels, &args)
}

/// One line, exit 2, containing `needle`.
fn refused(run: &Run, needle: &str, what: &str) {
    assert_eq!(run.code, Some(2), "{what}: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{what}: {}", run.stderr);
    assert!(run.stderr.contains(needle), "{what}: {}", run.stderr);
}

#[test]
fn a_labels_path_that_is_a_file_is_named() {
    let s = setup();
    let file = s.root.path().join("labels.txt");
    std::fs::write(&file, "").unwrap();
    for args in commands(&s) {
        let run = run_with(&s, &file, &args);
        let name = file.display().to_string();
        refused(
            &run,
            &format!("--labels {name}: is a file, not a directory"),
            &args[0],
        );
        let through = file.join("labels");
        let run = run_with(&s, &through, &args);
        refused(
            &run,
            &format!(
                "--labels {}: {name} is a file, not a directory",
                through.display()
            ),
            &args[0],
        );
    }
}

#[test]
fn a_missing_labels_dir_is_refused_by_readers_and_made_by_import() {
    let s = setup();
    let missing = s.root.path().join("nowhere");
    for args in commands(&s) {
        let run = run_with(&s, &missing, &args);
        match args[0].as_str() {
            "import" => {
                assert_eq!(run.code, Some(0), "{}", run.stderr);
                assert!(missing.join("erin.sled").is_dir());
                std::fs::remove_dir_all(&missing).unwrap();
            }
            // No terminal here: refused after the path checks, creating
            // nothing.
            "annotate" => {
                refused(&run, "needs a terminal", "annotate");
                assert!(!missing.exists());
            }
            reader => refused(
                &run,
                &format!("--labels {}: no such labels dir", missing.display()),
                reader,
            ),
        }
    }
}

#[test]
fn export_from_a_labels_dir_without_labels_says_so() {
    let s = setup();
    std::fs::create_dir_all(&s.labels).unwrap();
    let run = biaozhu(&s.corpus, &s.labels, &["export"]);
    refused(&run, "no annotator has labels there", "export");
    fill(&s.labels);
    assert_eq!(biaozhu(&s.corpus, &s.labels, &["export"]).code, Some(0));
}

#[test]
fn a_bad_corpus_path_is_named() {
    let s = setup();
    fill(&s.labels);
    let file = s.root.path().join("corpus.txt");
    std::fs::write(&file, "").unwrap();
    let missing = s.root.path().join("nocorpus");
    let mut all = commands(&s);
    all.push(vec!["corpus".into()]);
    for args in all {
        for (corpus, why) in [(&missing, "No such file"), (&file, "is not a directory")] {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = biaozhu(corpus, &s.labels, &args);
            refused(&run, &format!("corpus dir {}", corpus.display()), args[0]);
            assert!(run.stderr.contains(why), "{}", run.stderr);
        }
    }
}

#[test]
fn export_output_into_a_missing_dir_or_through_a_file_is_named() {
    let s = setup();
    fill(&s.labels);
    let missing = s.root.path().join("nodir/x.jsonl");
    let run = biaozhu(
        &s.corpus,
        &s.labels,
        &["export", "-o", missing.to_str().unwrap()],
    );
    refused(
        &run,
        &format!(
            "-o {}: directory {} does not exist",
            missing.display(),
            missing.parent().unwrap().display()
        ),
        "export -o",
    );
    let file = s.root.path().join("f");
    std::fs::write(&file, "").unwrap();
    let through = file.join("x.jsonl");
    for split in [false, true] {
        let mut args = vec!["export", "-o", through.to_str().unwrap()];
        if split {
            args.extend(["--split", "80/10/10"]);
        }
        let run = biaozhu(&s.corpus, &s.labels, &args);
        refused(
            &run,
            &format!("-o {}: {} is a file", through.display(), file.display()),
            "export -o through a file",
        );
    }
    let run = biaozhu(
        &s.corpus,
        &s.labels,
        &["export", "-o", s.root.path().to_str().unwrap()],
    );
    refused(&run, "is a directory (-o names a file)", "export -o DIR");
}

/// Whether this process runs as root (uid 0), for whom permission bits
/// do not bite.
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// `biaozhu args` as an unprivileged user: directly when not root; as root
/// through `setpriv` as uid 65534 (nobody); None when root and there is no
/// setpriv, so permission checks cannot be tested.
fn unprivileged(s: &Setup, labels: &Path, args: &[String]) -> Option<Run> {
    let mut cmd = if is_root() {
        let ok = Command::new("setpriv").arg("--version").output().is_ok();
        if !ok {
            return None;
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN]);
        c
    } else {
        Command::new(BIN)
    };
    Some(run(cmd
        .arg("--corpus")
        .arg(&s.corpus)
        .arg("--labels")
        .arg(labels)
        .args(args)))
}

#[test]
fn an_unreadable_or_read_only_labels_dir_is_named() {
    let s = setup();
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    // The unprivileged user must reach the corpus and the input file.
    mode(s.root.path(), 0o755).unwrap();
    let unreadable = s.root.path().join("unreadable");
    let read_only = s.root.path().join("read_only");
    std::fs::create_dir(&unreadable).unwrap();
    std::fs::create_dir(&read_only).unwrap();
    mode(&unreadable, 0o000).unwrap();
    mode(&read_only, 0o555).unwrap();
    for args in commands(&s) {
        let Some(run) = unprivileged(&s, &unreadable, &args) else {
            eprintln!("skipped: running as root without setpriv, so permission bits do not bite");
            return;
        };
        refused(
            &run,
            &format!(
                "--labels {}: cannot read the labels dir: Permission denied",
                unreadable.display()
            ),
            &args[0],
        );
        let run = unprivileged(&s, &read_only, &args).unwrap();
        match args[0].as_str() {
            "import" => refused(
                &run,
                // The store's own message (src/store), naming the store.
                &format!(
                    "\"{}\": opening the store: Permission denied",
                    read_only.join("erin.sled").display()
                ),
                "import",
            ),
            "annotate" => refused(&run, "needs a terminal", "annotate"),
            "export" => refused(&run, "no annotator has labels there", "export"),
            "review" => refused(&run, "review needs labels from at least two", "review"),
            // Nothing to compare: said on stdout, as with an empty dir.
            _ => assert_eq!(run.code, Some(0), "{}", run.stderr),
        }
    }
}
