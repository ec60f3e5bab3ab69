//! A label whose paragraph text left the corpus is kept (parked) when the
//! screen opens, reported, and never overwritten by a new label on the
//! paragraph that now has its index.

use biaozhu::cli::{startup_frame, Cli};
use biaozhu::corpus::identity::content_hash;
use biaozhu::store::{Label, LabelStore, SledStore};
use clap::Parser;

#[test]
fn orphans_are_parked_not_overwritten() {
    let root = tempfile::tempdir().unwrap();
    let corpus = root.path().join("corpus");
    let labels = root.path().join("labels");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("r.txt"),
        "一、总体情况\n　　旧的段落，已被改写。\n",
    )
    .unwrap();
    {
        let mut s = SledStore::open(&labels, "dana").unwrap();
        let mut l = Label::new("r.txt", 1, &content_hash("　　旧的段落，已被改写。"));
        l.section = Some("achievement".into());
        s.put("r.txt", 1, Some(&l), "section").unwrap();
    }
    std::fs::write(
        corpus.join("r.txt"),
        "一、总体情况\n　　新的段落：疫苗接种率98.5%。\n",
    )
    .unwrap();
    let args = [
        "biaozhu",
        "--corpus",
        corpus.to_str().unwrap(),
        "--labels",
        labels.to_str().unwrap(),
        "--annotator",
        "dana",
    ];
    let frame = startup_frame(Cli::parse_from(args), 120, 40).unwrap();
    let status: String = (0..120)
        .map(|x| frame[(x, 39)].symbol().to_owned())
        .collect();
    assert!(status.contains("1 labels kept aside"), "{status}");
    let mut s = SledStore::open(&labels, "dana").unwrap();
    assert!(s.labels().unwrap().is_empty());
    let parked = s.parked().unwrap();
    assert_eq!(parked.len(), 1);
    assert_eq!(parked[0].section.as_deref(), Some("achievement"));
    // Labeling the new text at the same index leaves the orphan alone.
    let mut l = Label::new("r.txt", 1, &content_hash("　　新的段落：疫苗接种率98.5%。"));
    l.section = Some("indicator_report".into());
    s.put("r.txt", 1, Some(&l), "section").unwrap();
    assert_eq!(s.parked().unwrap().len(), 1);
    assert!(s.history().unwrap().iter().any(|e| e.action == "orphan"));
}
