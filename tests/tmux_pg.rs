//! A team on several machines sharing one PostgreSQL database (a throwaway
//! cluster, see pg_common), end to end: alice and bob label in real
//! terminals (tmux) from labels dirs of their own, the lead's `agree` and
//! `export` on a third see both; a second session of alice is refused;
//! the server stopped under a screen makes it say how many changes wait,
//! and they land when it is back. And moving a team sled → PostgreSQL →
//! sled with `import --from-store` keeps every label and history entry.

mod pg_common;
mod tmux_common;

use biaozhu::store::{Stores, With};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tmux_common::{jsonl, status_line, Tmux, BIN};

const REPORT: &str = concat!(
    "一、2023年工作成效\n",
    "　　全年儿童免疫规划疫苗接种率达到98.5%，居民电子健康档案建档率93%。\n",
    "二、存在问题\n",
    "　　基层医疗人才匮乏，乡村医生老龄化严重（平均年龄58岁）。\n",
);

/// One machine: its corpus copy and its labels dir (the schema).
struct Machine {
    root: tempfile::TempDir,
    url: String,
}

impl Machine {
    fn new(url: &str) -> Machine {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("corpus")).unwrap();
        std::fs::create_dir_all(root.path().join("labels")).unwrap();
        std::fs::write(root.path().join("corpus/报告甲.txt"), REPORT).unwrap();
        std::fs::copy("labels/schema.toml", root.path().join("labels/schema.toml")).unwrap();
        Machine {
            root,
            url: url.to_owned(),
        }
    }

    fn dir(&self, d: &str) -> String {
        self.root.path().join(d).to_str().unwrap().to_owned()
    }

    fn args(&self, rest: &[&str]) -> Vec<String> {
        let mut args: Vec<String> = vec![
            "--corpus".into(),
            self.dir("corpus"),
            "--labels".into(),
            self.dir("labels"),
            "--store".into(),
            self.url.clone(),
        ];
        args.extend(rest.iter().map(|s| s.to_string()));
        args
    }

    fn run(&self, rest: &[&str]) -> Output {
        Command::new(BIN).args(self.args(rest)).output().unwrap()
    }

    fn ok(&self, rest: &[&str]) -> Vec<u8> {
        succeeded(self.run(rest))
    }

    fn screen(&self, annotator: &str) -> Tmux {
        let args = self.args(&["--annotator", annotator, "--new-annotator"]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let t = Tmux::start(100, 30, &args);
        t.wait_for("the first frame", |s| {
            s.contains(annotator) && s.contains("工作成效")
        });
        t
    }
}

/// The output of a command that must have succeeded.
fn succeeded(out: Output) -> Vec<u8> {
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    out.stdout
}

#[test]
fn two_annotators_on_one_database_and_the_leads_agree_sees_both() {
    let Some(cluster) = pg_common::Cluster::start() else {
        return;
    };
    let url = cluster.new_database();
    let (alice_pc, bob_pc, lead_pc) = (Machine::new(&url), Machine::new(&url), Machine::new(&url));
    let alice = alice_pc.screen("alice");
    let bob = bob_pc.screen("bob");
    alice.type_text("h");
    alice.keys(&["Enter"]);
    alice.type_text("a1");
    alice.wait_for("alice's label saved", |s| status_line(s).contains("saved"));
    bob.type_text("h");
    bob.keys(&["Enter"]);
    bob.type_text("p");
    bob.wait_for("bob's label saved", |s| status_line(s).contains("saved"));

    let agree: Value = serde_json::from_slice(&lead_pc.ok(&["agree", "--json"])).unwrap();
    assert_eq!(agree["annotators"], serde_json::json!(["alice", "bob"]));
    assert_eq!(agree["section"]["items"], 2);
    assert_eq!(agree["section"]["percent_agreement"], 0.5);
    let records = jsonl(&lead_pc.ok(&["export"]));
    assert_eq!(records.len(), 4);
    let stats: Value = serde_json::from_slice(&lead_pc.ok(&["stats", "--json"])).unwrap();
    assert_eq!(stats["annotators"][0]["labeled"], 2);
    // The review queue: the paragraph alice and bob labeled differently.
    let queue = jsonl(&lead_pc.ok(&["review", "--queue"]));
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert_eq!(queue[0]["id"], "报告甲.txt#1");
    let check = String::from_utf8(lead_pc.ok(&["check"])).unwrap();
    assert!(check.contains("alice: sound, 2 labels"), "{check}");

    // A second session of alice, from another machine: refused, exit 2.
    let args = lead_pc.args(&["--annotator", "alice", "--new-annotator"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let second = Tmux::start_kept(100, 30, &args);
    assert_eq!(second.exit_status(), Some(2), "{}", second.screen());
    let said = second.screen().replace('\n', "");
    assert!(said.contains("of \"alice\""), "{said}");
    assert!(said.contains("quit that session (q)"), "{said}");

    // The server goes away under bob's screen: his two changes (Enter, f)
    // are not shown saved, the screen says they wait, and they land when
    // the server is back (the screen tries again every second).
    cluster.stop();
    bob.keys(&["Enter"]);
    bob.type_text("f");
    let screen = bob.wait_for("the change waiting", |s| {
        status_line(s).contains("NOT SAVED (2 changes wait, Ctrl-R): cannot reach")
    });
    assert!(!status_line(&screen).contains(" saved"), "{screen}");
    let outbox = Path::new(&bob_pc.dir("labels")).join("bob.outbox");
    let kept = std::fs::read_to_string(&outbox).unwrap_or_default();
    assert_eq!(
        kept.lines().count(),
        2,
        "both kept on bob's machine: {kept}"
    );
    cluster.start_again();
    bob.wait_for("saved once the server is back", |s| {
        status_line(s).ends_with("saved")
    });
    let records = jsonl(&lead_pc.ok(&["export", "--annotator", "bob"]));
    let plan = records.iter().find(|r| r["para"] == 2).unwrap();
    assert_eq!(plan["section"], "plan");
    bob.keys(&["q"]);
    alice.keys(&["q"]);
}

/// Every store's labels, parked labels and history under `stores`.
fn everything(stores: &Stores) -> Vec<(String, Vec<String>)> {
    let mut names = stores.names().unwrap();
    if stores.gold_exists().unwrap() {
        names.push("gold".into());
    }
    names
        .into_iter()
        .map(|name| {
            let read = stores.read(&name, With::History).unwrap();
            let mut all: Vec<String> = read
                .labels()
                .unwrap()
                .iter()
                .chain(&read.parked().unwrap())
                .map(|l| serde_json::to_string(l).unwrap())
                .collect();
            all.extend(
                read.history()
                    .unwrap()
                    .iter()
                    .map(|h| serde_json::to_string(h).unwrap()),
            );
            (name, all)
        })
        .collect()
}

#[test]
fn moving_a_team_to_postgres_and_back_keeps_every_label_and_history_entry() {
    let Some(cluster) = pg_common::Cluster::start() else {
        return;
    };
    let url = cluster.new_database();
    let machine = Machine::new(&url);
    let sled_dir = PathBuf::from(machine.dir("labels"));
    // A team's stores: two annotators (one with a parked label), gold.
    let sled = Stores::sled(&sled_dir);
    for (name, section) in [("alice", "plan"), ("bob", "problem")] {
        let mut store = sled.open(name).unwrap();
        for para in 0..4u32 {
            let mut l = biaozhu::store::Label::new("报告甲.txt", para, "0123456789abcdef");
            l.section = Some(section.into());
            store.put("报告甲.txt", para, Some(&l), "section").unwrap();
        }
        store.put("报告甲.txt", 3, None, "undo").unwrap();
        if name == "bob" {
            let mut gone = biaozhu::store::Label::new("旧.txt", 0, "fedcba9876543210");
            gone.text = Some("已删除的段落".into());
            store.park(&gone).unwrap();
        }
    }
    let mut gold = sled.open_gold("lead").unwrap();
    let mut decided = biaozhu::store::Label::new("报告甲.txt", 0, "0123456789abcdef");
    decided.source = Some("adjudicated".into());
    decided.reviewer = Some("lead".into());
    gold.put("报告甲.txt", 0, Some(&decided), "adjudicated")
        .unwrap();
    drop(gold);
    let before = everything(&sled);

    let from = format!("sled:{}", sled_dir.display());
    let said = String::from_utf8(machine.ok(&["import", "--from-store", &from])).unwrap();
    assert!(
        said.contains("alice: 3 labels, 0 parked labels, 5 history entries"),
        "{said}"
    );
    let pg = Stores {
        labels_dir: sled_dir.clone(),
        backend: biaozhu::store::Backend::parse(&url).unwrap().0,
    };
    assert_eq!(everything(&pg), before);
    // Again: the stores there are not empty now, nothing is changed.
    let again = machine.run(&["import", "--from-store", &from]);
    assert_eq!(again.status.code(), Some(2), "{again:?}");

    let back_dir = machine.root.path().join("back");
    let back = format!("sled:{}", back_dir.display());
    succeeded(
        Command::new(BIN)
            .args(["--store", &back, "import", "--from-store", &url])
            .output()
            .unwrap(),
    );
    assert_eq!(everything(&Stores::sled(&back_dir)), before);
    // The moved stores go on counting their history.
    let mut alice = Stores::sled(&back_dir).open("alice").unwrap();
    alice.put("报告甲.txt", 0, None, "undo").unwrap();
    assert_eq!(alice.history().unwrap().last().unwrap().seq, 5);
}
