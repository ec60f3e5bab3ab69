//! The question the labeling screen asks before it creates the store of an
//! annotator it has not seen while other annotators have stores, so a typo
//! (`--annotator alcie` for `alice`) does not start a stray store. Asked on
//! the terminal before the screen opens; anything but y/yes creates nothing.
//! No question on first use (no stores at all) or with `--new-annotator`.

use super::CliError;
use crate::store::Stores;
use crate::text::sanitize::{plain, plain_path};
use std::io::{BufRead, Write};
use std::path::Path;

/// How many existing annotators a message names before "… and N more".
const NAMED: usize = 12;

/// The other annotators when `annotator` has no store of its own yet while
/// they have; None when there is nothing to ask.
pub fn others_if_new(stores: &Stores, annotator: &str) -> Result<Option<Vec<String>>, CliError> {
    if stores.exists(annotator)? {
        return Ok(None);
    }
    let names = stores.names()?;
    Ok((!names.is_empty()).then_some(names))
}

/// Ask on `out`, read one line from `input`: Ok when `annotator`'s store
/// may be created (or there was nothing to ask), a usage error naming the
/// annotator when the answer was not yes (end of input is no).
pub fn confirm(
    stores: &Stores,
    annotator: &str,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let labels_dir = &stores.labels_dir;
    let Some(existing) = others_if_new(stores, annotator)? else {
        return Ok(());
    };
    write!(out, "{}", question(labels_dir, annotator, &existing))?;
    out.flush()?;
    let mut line = Vec::new();
    input.read_until(b'\n', &mut line)?;
    if !line.ends_with(b"\n") {
        // Ctrl-D: the error message goes on a line of its own.
        writeln!(out)?;
        out.flush()?;
    }
    if accepts(&String::from_utf8_lossy(&line)) {
        Ok(())
    } else {
        Err(CliError::Usage(declined(labels_dir, annotator, &existing)))
    }
}

/// `no store for annotator "alcie" in labels yet; existing: alice, bob.
/// Create it? [y/N] `
pub fn question(labels_dir: &Path, annotator: &str, existing: &[String]) -> String {
    format!(
        "no store for annotator \"{}\" in {} yet; existing: {}. Create it? [y/N] ",
        plain(annotator),
        plain_path(labels_dir),
        names(existing)
    )
}

/// The one-line message after any answer but yes.
pub fn declined(labels_dir: &Path, annotator: &str, existing: &[String]) -> String {
    format!(
        "annotator \"{}\": no store created (existing in {}: {}); \
         check --annotator, or pass --new-annotator to create it without asking",
        plain(annotator),
        plain_path(labels_dir),
        names(existing)
    )
}

/// y or yes, any case, half- or full-width (an input method left on),
/// spaces around ignored.
pub fn accepts(answer: &str) -> bool {
    let answer: String = answer.trim().chars().map(half_width).collect();
    matches!(answer.to_ascii_lowercase().as_str(), "y" | "yes")
}

/// The ASCII character a full-width form (U+FF01–U+FF5E) stands for.
fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// `alice, bob`, at most [`NAMED`] of them, then `… and N more`.
fn names(existing: &[String]) -> String {
    let mut shown_names: Vec<String> = existing.iter().take(NAMED).map(|n| plain(n)).collect();
    if existing.len() > NAMED {
        shown_names.push(format!("… and {} more", existing.len() - NAMED));
    }
    shown_names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("a{i:02}")).collect()
    }

    #[test]
    fn yes_in_its_forms_accepts_anything_else_declines() {
        for yes in [
            "y\n",
            "Y\n",
            "yes\n",
            " YES \r\n",
            "ｙ\n",
            "Ｙｅｓ\n",
            "　y",
        ] {
            assert!(accepts(yes), "{yes:?}");
        }
        for no in [
            "",
            "\n",
            "n\n",
            "no\n",
            "ye\n",
            "yess\n",
            "是\n",
            "y y\n",
            "\u{1b}y\n",
        ] {
            assert!(!accepts(no), "{no:?}");
        }
    }

    #[test]
    fn question_names_the_annotator_the_dir_and_the_others() {
        let q = question(Path::new("labels"), "alcie", &names_of(2));
        assert_eq!(
            q,
            "no store for annotator \"alcie\" in labels yet; existing: a00, a01. Create it? [y/N] "
        );
        let d = declined(Path::new("labels"), "alcie", &names_of(2));
        assert!(
            d.starts_with("annotator \"alcie\": no store created"),
            "{d}"
        );
        assert!(
            d.contains("a00, a01") && d.contains("--new-annotator"),
            "{d}"
        );
        assert!(!d.contains('\n'));
    }

    #[test]
    fn a_long_list_is_cut_and_control_characters_are_shown() {
        let q = question(Path::new("报告\u{1b}[31m"), "x", &names_of(15));
        assert!(q.contains("a11, … and 3 more."), "{q}");
        assert!(!q.contains('\u{1b}') && q.contains("报告␛[31m"), "{q}");
    }

    #[test]
    fn the_answer_is_read_from_the_input_and_end_of_input_is_no() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("alice.sled")).unwrap();
        let mut out = Vec::new();
        confirm(
            &Stores::sled(dir.path()),
            "alcie",
            &mut &b"y\nrest"[..],
            &mut out,
        )
        .unwrap();
        assert!(String::from_utf8(out).unwrap().ends_with("[y/N] "));
        let mut out = Vec::new();
        let err = confirm(&Stores::sled(dir.path()), "alcie", &mut &b""[..], &mut out).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(String::from_utf8(out).unwrap().ends_with("[y/N] \n"));
        let mut out = Vec::new();
        let err = confirm(
            &Stores::sled(dir.path()),
            "alcie",
            &mut &b"n\n"[..],
            &mut out,
        )
        .unwrap_err();
        assert!(err.to_string().contains("existing in"), "{err}");
    }

    #[test]
    fn nothing_is_asked_on_first_use_or_for_a_known_annotator() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = Vec::new();
        confirm(&Stores::sled(dir.path()), "alice", &mut &b""[..], &mut out).unwrap();
        confirm(
            &Stores::sled(&dir.path().join("missing")),
            "alice",
            &mut &b""[..],
            &mut out,
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("alice.sled")).unwrap();
        confirm(&Stores::sled(dir.path()), "alice", &mut &b""[..], &mut out).unwrap();
        // Only the gold set: still first use.
        let gold = tempfile::tempdir().unwrap();
        std::fs::create_dir(gold.path().join("gold.sled")).unwrap();
        confirm(&Stores::sled(gold.path()), "alice", &mut &b""[..], &mut out).unwrap();
        assert!(out.is_empty());
    }
}
