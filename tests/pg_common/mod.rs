//! A throwaway PostgreSQL cluster for tests and benches: `initdb` into a
//! temp dir, the server on a free port of 127.0.0.1 (and its socket in the
//! temp dir), stopped and removed when dropped.
//!
//! PostgreSQL refuses to run as root; run as root (this machine, CI), the
//! cluster is made and run as the `postgres` user (Debian's package makes
//! it) through `runuser`.
//!
//! The binaries: `$BIAOZHU_PG_BINDIR` if set, else `pg_config --bindir`, else the newest
//! `/usr/lib/postgresql/*/bin`, else `initdb` on the PATH. None found: the
//! tests that need a server print a loud SKIP — unless
//! `BIAOZHU_REQUIRE_PG` is set (`.ci/run` sets it), when they fail.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The variable that turns a missing PostgreSQL into a failure.
pub const REQUIRE: &str = "BIAOZHU_REQUIRE_PG";

/// Names the binaries' dir, overriding the search (a dir without them:
/// as if there were no PostgreSQL here).
pub const BINDIR: &str = "BIAOZHU_PG_BINDIR";

/// The user tests connect as (a superuser, trust auth on 127.0.0.1 only).
const USER: &str = "biaozhu";

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
    /// Run the binaries as this user (when this process is root).
    run_as: Option<String>,
    /// The shells watching each server started.
    watchdogs: std::sync::Mutex<Vec<std::process::Child>>,
}

static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// The directory holding `initdb` and `pg_ctl`, if any.
fn bindir() -> Option<PathBuf> {
    let has = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(dir) = std::env::var_os(BINDIR) {
        let dir = PathBuf::from(dir);
        return has(&dir).then_some(dir);
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && has(&dir) {
            return Some(dir);
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|d| has(d))
        .collect();
    versions.sort_by_key(|d| {
        d.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    if let Some(dir) = versions.pop() {
        return Some(dir);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find(|d| has(d))
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A free TCP port on 127.0.0.1 (free when asked).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Cluster {
    /// A new cluster, running; None (after a loud SKIP line) when there is
    /// no PostgreSQL here and `BIAOZHU_REQUIRE_PG` is not set.
    pub fn start() -> Option<Cluster> {
        Cluster::start_configured(|_| {})
    }

    /// [`Cluster::start`], with `configure` changing the new data dir
    /// (`postgresql.conf`, `pg_hba.conf`, files) before the server first
    /// starts.
    pub fn start_configured(configure: impl FnOnce(&Path)) -> Option<Cluster> {
        let Some(bin) = bindir() else {
            if std::env::var_os(REQUIRE).is_some() {
                panic!("{REQUIRE} is set but no PostgreSQL binaries were found (pg_config --bindir, /usr/lib/postgresql/*/bin, PATH): install Debian's postgresql");
            }
            // Straight to stderr: the test harness captures eprintln!.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIP: no PostgreSQL binaries found (initdb, pg_ctl); the PostgreSQL store \
                 tests did not run. Install postgresql (apt-get install postgresql), or set \
                 {REQUIRE}=1 to make this a failure. ***\n"
            );
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("biaozhu-pg-")
            .tempdir()
            .unwrap();
        let run_as = is_root().then(|| "postgres".to_owned());
        let cluster = Cluster {
            dir,
            bin,
            port: free_port(),
            run_as,
            watchdogs: std::sync::Mutex::new(Vec::new()),
        };
        cluster.chown();
        let out = cluster
            .command("initdb")
            .args(["-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C", "-D"])
            .arg(cluster.data())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        configure(&cluster.data());
        cluster.chown();
        cluster.start_again();
        Some(cluster)
    }

    /// The cluster's dir given to the user the server runs as.
    fn chown(&self) {
        if let Some(user) = &self.run_as {
            let status = Command::new("chown")
                .args(["-R", user])
                .arg(self.dir.path())
                .status()
                .unwrap();
            assert!(
                status.success(),
                "chown {user} {}",
                self.dir.path().display()
            );
        }
    }

    /// A PostgreSQL binary, as the cluster's user.
    fn command(&self, name: &str) -> Command {
        self.command_of(self.bin.join(name))
    }

    /// A program, as the cluster's user.
    fn command_of(&self, exe: PathBuf) -> Command {
        let mut c = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(exe);
                c
            }
            None => Command::new(exe),
        };
        // In the cluster's dir: the test's own (a checkout under /root, say)
        // may be closed to the postgres user.
        c.current_dir(self.dir.path());
        c
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Start the server (again), waiting until it takes connections. It
    /// runs under a watchdog shell that stops it (fast) when this process's
    /// end closes the shell's stdin, and then removes the cluster's dir: a
    /// cluster held in a static, never dropped, goes with the test binary.
    pub fn start_again(&self) {
        let script = r#"exec 3<&0
"$0" -D "$1" -p "$2" -k "$3" -c listen_addresses=127.0.0.1 >>"$3/server.log" 2>&1 </dev/null &
pid=$!
(read _ <&3; touch "$3/.ended"; kill -INT $pid) &
w=$!
wait $pid
kill $w 2>/dev/null
if [ -e "$3/.ended" ]; then rm -rf "$3"; fi"#;
        let child = self
            .command_of(PathBuf::from("sh"))
            .args(["-c", script])
            .arg(self.bin.join("postgres"))
            .arg(self.data())
            .arg(self.port.to_string())
            .arg(self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.watchdogs.lock().unwrap().push(child);
        let start = Instant::now();
        loop {
            match postgres::Client::connect(&self.url("postgres"), postgres::NoTls) {
                Ok(_) => return,
                // It answered, up (refusing a connection without TLS, say),
                // not "starting up".
                Err(e)
                    if e.as_db_error()
                        .is_some_and(|db| db.code().code() != "57P03") =>
                {
                    return
                }
                Err(e) if start.elapsed() > Duration::from_secs(60) => {
                    panic!("the test server did not start: {e}\n{}", self.log())
                }
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// Stop the server (fast: sessions are disconnected).
    pub fn stop(&self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .args(["-m", "fast", "-w", "stop"])
            .stdin(Stdio::null())
            .output();
    }

    /// `kill -9` the server and every process of it, as a crash would.
    pub fn kill9(&self) {
        let pid_file = std::fs::read_to_string(self.data().join("postmaster.pid")).unwrap();
        let postmaster: u32 = pid_file.lines().next().unwrap().trim().parse().unwrap();
        let mut pids = children(postmaster);
        pids.push(postmaster);
        for pid in pids {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        }
        // Until it is gone.
        let start = Instant::now();
        while Path::new(&format!("/proc/{postmaster}")).exists()
            && start.elapsed() < Duration::from_secs(10)
        {
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The URL of database `db`.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://{USER}@127.0.0.1:{}/{db}", self.port)
    }

    /// A new, empty database; its URL.
    pub fn new_database(&self) -> String {
        let name = format!(
            "t{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::SeqCst)
        );
        let mut client = postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
            .expect("connecting to the test cluster");
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        self.url(&name)
    }

    /// The server's log so far (for a failing test's message).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .args(["-m", "immediate", "-w", "stop"])
            .stdin(Stdio::null())
            .output();
        for mut watchdog in self.watchdogs.lock().unwrap().drain(..) {
            drop(watchdog.stdin.take());
            let _ = watchdog.wait();
        }
    }
}

/// The processes whose parent is `pid`.
fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(child) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid …: comm may hold spaces, so after the last ')'.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(pid) {
            out.push(child);
        }
    }
    out
}

/// One cluster for a whole test binary (each test takes a database of its
/// own); None when skipped.
pub fn shared() -> Option<&'static Cluster> {
    static SHARED: std::sync::OnceLock<Option<Cluster>> = std::sync::OnceLock::new();
    SHARED.get_or_init(Cluster::start).as_ref()
}
