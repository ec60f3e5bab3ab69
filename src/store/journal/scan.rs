//! Reading a journal's complete commits, in order, from an offset.

use super::line::{self, Line, LineError, Tree};
use std::io::BufRead;

/// One write of a commit, owned.
#[derive(Debug, Clone, PartialEq)]
pub struct Write {
    pub tree: Tree,
    pub key: Vec<u8>,
    /// None: the key is removed.
    pub value: Option<Vec<u8>>,
}

/// A complete commit.
#[derive(Debug)]
pub struct Commit {
    pub number: u64,
    pub writes: Vec<Write>,
    /// The offset just after its commit line.
    pub end: u64,
}

/// Where a scan stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanEnd {
    /// The offset just after the last complete commit (the start offset
    /// when there was none).
    pub end: u64,
    /// The last complete commit's number, if any was read.
    pub last: Option<u64>,
    /// Bytes after `end` that are not a complete commit: the tail of an
    /// append cut short by a crash (never shown saved).
    pub torn: bool,
    /// The store named by the header (scans from offset 0 only).
    pub store: Option<String>,
}

/// A journal that cannot be read.
#[derive(Debug)]
pub enum ScanError {
    Io(std::io::Error),
    /// A damaged or foreign line with complete commits after it.
    Damaged {
        line: u64,
        offset: u64,
        why: String,
    },
}

impl From<std::io::Error> for ScanError {
    fn from(e: std::io::Error) -> Self {
        ScanError::Io(e)
    }
}

/// Read the complete commits of the journal `input`, positioned at byte
/// `offset` (0: its start, where the header must be; else just after a
/// commit line), handing each to `each` in order; `after` is the number
/// of the commit before `offset` (None at the start). Writes to trees
/// `keep` refuses are checked, counted and not handed on. What follows the
/// last complete commit and fails to read is a torn tail; a line that
/// fails to read with a sound commit line after it is damage.
pub fn scan<R: BufRead, E: From<ScanError>>(
    mut input: R,
    offset: u64,
    after: Option<u64>,
    keep: impl Fn(Tree) -> bool,
    mut each: impl FnMut(Commit) -> Result<(), E>,
) -> Result<ScanEnd, E> {
    let mut end = ScanEnd {
        end: offset,
        last: after,
        torn: false,
        store: None,
    };
    let mut at = offset;
    let mut line_no = 0u64;
    let mut buf = Vec::with_capacity(4096);
    // The writes of the commit being read (None: a write not kept).
    let mut pending: Vec<Option<Write>> = Vec::new();
    // The first line that failed, kept until we know whether a complete
    // commit follows it (damage) or not (a torn tail).
    let mut failed: Option<(u64, u64, String)> = None;
    let mut want_header = offset == 0;
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf).map_err(ScanError::Io)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let start = at;
        at += n as u64;
        if buf.last() != Some(&b'\n') {
            // The end of the file in the middle of a line.
            failed.get_or_insert((line_no, start, "the line has no end".into()));
            break;
        }
        let decoded = line::decode(&buf[..buf.len() - 1]);
        let fail = |why: String| Some((line_no, start, why));
        let problem = match decoded {
            Err(LineError::Version(v)) => {
                return Err(ScanError::Damaged {
                    line: line_no,
                    offset: start,
                    why: LineError::Version(v).to_string(),
                }
                .into())
            }
            Err(e) => fail(e.to_string()),
            Ok(Line::Header { store, .. }) if want_header => {
                want_header = false;
                end.store = Some(store);
                end.end = at;
                None
            }
            Ok(_) if want_header => fail("the first line is not a journal header".into()),
            Ok(Line::Header { .. }) => fail("a second header".into()),
            Ok(Line::Write {
                commit,
                tree,
                key,
                value,
            }) => {
                if commit != next(end.last) {
                    fail(format!(
                        "write of commit {commit} where {} was due",
                        next(end.last)
                    ))
                } else {
                    pending.push(keep(tree).then(|| Write {
                        tree,
                        key,
                        value: value.map(|v| v.into_owned()),
                    }));
                    None
                }
            }
            Ok(Line::Commit { .. }) if failed.is_some() => {
                // A sound commit line after a bad line: the file goes on
                // past it, so the bad line is damage, not a torn tail.
                let (line, offset, why) = failed.take().expect("a failed line");
                return Err(ScanError::Damaged { line, offset, why }.into());
            }
            Ok(Line::Commit { commit, writes }) => {
                if commit != next(end.last) || writes != pending.len() as u64 {
                    fail(format!(
                        "commit {commit} of {writes} writes where commit {} with {} was due",
                        next(end.last),
                        pending.len()
                    ))
                } else {
                    end.last = Some(commit);
                    end.end = at;
                    each(Commit {
                        number: commit,
                        writes: pending.drain(..).flatten().collect(),
                        end: at,
                    })?;
                    None
                }
            }
        };
        if let Some(problem) = problem {
            failed.get_or_insert(problem);
            pending.clear();
        }
    }
    end.torn = failed.is_some() || !pending.is_empty();
    if want_header && end.torn {
        // Not even a header: nothing in this file is a journal.
        let (line, offset, why) = failed.unwrap_or((1, 0, "no header".into()));
        return Err(ScanError::Damaged { line, offset, why }.into());
    }
    Ok(end)
}

/// The number the commit after `last` gets.
pub fn next(last: Option<u64>) -> u64 {
    last.map_or(0, |c| c + 1)
}
