//! TLS when the URL asks for it (`sslmode=require`), and only then: a
//! throwaway server that takes TLS connections only (`hostssl` in
//! pg_hba.conf) with a certificate of a CA made here, which the client
//! trusts through `SSL_CERT_FILE` (OpenSSL's CA file). A store opens
//! over TLS with `?sslmode=require`; without it no TLS is tried and the
//! server refuses, naming the URL without its password. Needs the
//! `openssl` command (in Debian's base image).

mod pg_common;

use biaozhu::store::{Backend, Label, StoreError, Stores, With};
use std::path::Path;
use std::process::Command;

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the openssl command");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CA, and a certificate for `localhost` it signed: ca.crt, server.crt,
/// server.key in `dir`.
fn certificates(dir: &Path) {
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-days",
            "2",
            "-subj",
            "/CN=biaozhu test CA",
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ],
    );
    std::fs::write(dir.join("san.ext"), "subjectAltName=DNS:localhost\n").unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "san.ext",
        ],
    );
}

#[test]
fn tls_when_the_url_asks_for_it_and_only_then() {
    let certs = tempfile::tempdir().unwrap();
    certificates(certs.path());
    let Some(cluster) = pg_common::Cluster::start_configured(|data| {
        for file in ["server.crt", "server.key"] {
            std::fs::copy(certs.path().join(file), data.join(file)).unwrap();
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            data.join("server.key"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        let mut conf = std::fs::read_to_string(data.join("postgresql.conf")).unwrap();
        conf.push_str("\nssl = on\n");
        std::fs::write(data.join("postgresql.conf"), conf).unwrap();
        std::fs::write(
            data.join("pg_hba.conf"),
            "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostssl all all ::1/128 trust\n",
        )
        .unwrap();
    }) else {
        return;
    };
    // The only test in this binary: the CA file is this process's.
    std::env::set_var("SSL_CERT_FILE", certs.path().join("ca.crt"));
    let labels = tempfile::tempdir().unwrap();
    let stores = |url: &str| Stores {
        labels_dir: labels.path().to_owned(),
        backend: Backend::parse(url).unwrap().0,
    };
    let base = format!(
        "postgres://biaozhu:s3cret@localhost:{}/postgres",
        cluster.port
    );

    let plain = stores(&base);
    let err = plain.open("alice").err().expect("no TLS: refused");
    let said = err.to_string();
    assert!(matches!(err, StoreError::Database { .. }), "{said}");
    assert!(said.contains("no encryption"), "{said}");
    assert!(!said.contains("s3cret"), "{said}");

    let tls = stores(&format!("{base}?sslmode=require"));
    let mut store = tls.open("alice").unwrap();
    let mut label = Label::new("报告.txt", 0, "0123456789abcdef");
    label.section = Some("plan".into());
    store.put("报告.txt", 0, Some(&label), "section").unwrap();
    drop(store);
    let read = tls.read("alice", With::Labels).unwrap();
    assert_eq!(read.labels().unwrap(), [label]);
}
