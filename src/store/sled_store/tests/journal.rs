//! The journal beside each store: written with every change, read by
//! readers while the store is open, replayed into sled when sled lost
//! commits, rebuilt when it does not match.

mod failed_writes;
mod reading;
mod replay;
mod silent_loss;

use super::*;
use crate::store::journal::{self, Replica};
use crate::store::testing::copy_dir;
use crate::store::{read_store, With};

fn replica(dir: &Path) -> Replica {
    Replica::read(&journal::path_of(dir, "alice"), true)
        .unwrap()
        .expect("a journal")
}

/// Labels in three documents, some across pack boundaries.
fn some_labels() -> Vec<Label> {
    let mut out = Vec::new();
    for (doc, paras) in [
        ("a.txt", &[0u32, 1, 15, 16, 40][..]),
        ("报告/二.txt", &[3, 4]),
    ] {
        for &p in paras {
            let mut l = label(doc, p);
            l.note = Some(format!("第{p}段，𠀀😀ｶﾞ\t\u{1b}"));
            out.push(l);
        }
    }
    out
}
