//! A PostgreSQL server as `--store postgres://…` names it: parsed and
//! checked once, shown everywhere without its password, connected with TLS
//! only when the URL asks for it (`sslmode=require`).

use crate::store::StoreError;
use postgres::config::SslMode;
use postgres::{Client, NoTls};
use std::str::FromStr;
use std::time::Duration;

/// How long a connection attempt may take when the URL does not say
/// (`connect_timeout=`): an unreachable server is reported within it.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// A checked PostgreSQL URL.
#[derive(Clone)]
pub struct PgTarget {
    config: postgres::Config,
    /// The URL without its password, for every message.
    shown: String,
    tls: bool,
}

impl std::fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the password: only the shown form.
        write!(f, "PgTarget({})", self.shown)
    }
}

impl PgTarget {
    /// Whether `value` names a PostgreSQL server (`postgres://` or
    /// `postgresql://`).
    pub fn is_url(value: &str) -> bool {
        value.starts_with("postgres://") || value.starts_with("postgresql://")
    }

    /// Parse `url` (a `postgres://` URL as libpq takes it).
    pub fn parse(url: &str) -> Result<PgTarget, StoreError> {
        let shown = without_password(url);
        let bad = |reason: String| StoreError::BadTarget {
            value: shown.clone(),
            reason,
        };
        if !Self::is_url(url) {
            return Err(bad(
                "a PostgreSQL store is named by a postgres:// URL".into()
            ));
        }
        let mut config = postgres::Config::from_str(url)
            .map_err(|e| bad(format!("not a PostgreSQL URL: {e}")))?;
        if config.get_hosts().is_empty() {
            return Err(bad("the URL names no host (postgres://user@host/db)".into()));
        }
        if config.get_user().is_none() {
            return Err(bad("the URL names no user (postgres://user@host/db)".into()));
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config.application_name("biaozhu");
        // A password kept out of the command line (and `ps`).
        if config.get_password().is_none() {
            if let Some(password) = std::env::var_os("PGPASSWORD") {
                config.password(password.as_encoded_bytes());
            }
        }
        // A connection whose peer vanished is noticed in about a minute.
        config.keepalives_idle(Duration::from_secs(30));
        let tls = config.get_ssl_mode() == SslMode::Require;
        Ok(PgTarget { config, shown, tls })
    }

    /// The URL without its password.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// A new connection (TLS when the URL says `sslmode=require`), with
    /// `synchronous_commit` on: a commit returns once the server has the
    /// change on stable storage.
    pub fn connect(&self) -> Result<Client, StoreError> {
        let connected = if self.tls {
            let connector = native_tls::TlsConnector::new().map_err(|e| StoreError::Database {
                target: self.shown.clone(),
                op: "setting up TLS",
                reason: e.to_string(),
            })?;
            self.config
                .connect(postgres_native_tls::MakeTlsConnector::new(connector))
        } else {
            self.config.connect(NoTls)
        };
        let mut client = connected.map_err(|e| self.fault("connecting", &e))?;
        // Committed means on the server's disk; and the server notices a
        // vanished client (whose session's lock it holds) within a minute.
        client
            .batch_execute(
                "SET synchronous_commit = on; SET tcp_keepalives_idle = 30; \
                 SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3",
            )
            .map_err(|e| self.fault("connecting", &e))?;
        Ok(client)
    }

    /// `e`, met while doing `op`, as a [`StoreError`]: the server out of
    /// reach ([`StoreError::Unreachable`], with nothing kept yet) or an
    /// error it answered with.
    pub fn fault(&self, op: &'static str, e: &postgres::Error) -> StoreError {
        if is_lost(e) {
            StoreError::Unreachable {
                target: self.shown.clone(),
                reason: reason(e),
                kept: String::new(),
            }
        } else {
            StoreError::Database {
                target: self.shown.clone(),
                op,
                reason: reason(e),
            }
        }
    }
}

/// Whether `e` means the connection is gone or could not be made (no
/// answer, the server shutting down or starting up), rather than an
/// answer: the change may be sent again later.
pub fn is_lost(e: &postgres::Error) -> bool {
    match e.code() {
        None => e.as_db_error().is_none(),
        // 08: connection exception; 57P01–57P03: shutting down, crashed,
        // cannot connect now.
        Some(code) => {
            let code = code.code();
            code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03")
        }
    }
}

/// The server's message, or the client's error with its cause.
fn reason(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return format!("{} ({})", db.message(), db.code().code());
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        source = cause.source();
    }
    crate::text::sanitize::plain(&text)
}

/// `url` with the password left out (`postgres://user:secret@h/db` →
/// `postgres://user@h/db`, `?password=…` dropped), cut to 200 characters.
pub fn without_password(url: &str) -> String {
    let mut shown = url.to_owned();
    if let Some(scheme_end) = shown.find("://") {
        let rest = &shown[scheme_end + 3..];
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        if let Some(at) = rest[..authority_end].rfind('@') {
            if let Some(colon) = rest[..at].find(':') {
                let start = scheme_end + 3 + colon;
                shown.replace_range(start..scheme_end + 3 + at, "");
            }
        }
    }
    if let Some(query) = shown.find('?') {
        let kept: Vec<&str> = shown[query + 1..]
            .split('&')
            .filter(|p| !p.to_ascii_lowercase().starts_with("password="))
            .collect();
        let base = shown[..query].to_owned();
        shown = if kept.is_empty() {
            base
        } else {
            format!("{base}?{}", kept.join("&"))
        };
    }
    crate::text::sanitize::plain(&shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_never_shown() {
        assert_eq!(
            without_password("postgres://alice:s3cret@db.example:5432/labels"),
            "postgres://alice@db.example:5432/labels"
        );
        assert_eq!(
            without_password("postgresql://alice@h/db?password=s3cret&sslmode=require"),
            "postgresql://alice@h/db?sslmode=require"
        );
        assert_eq!(without_password("postgres://h/db"), "postgres://h/db");
        let err = PgTarget::parse("postgres://alice:s3cret@h:notaport/db").unwrap_err();
        assert!(!err.to_string().contains("s3cret"), "{err}");
        assert!(err.to_string().contains("alice@h"), "{err}");
        let target = PgTarget::parse("postgres://alice:s3cret@h/db").unwrap();
        assert!(!format!("{target:?}").contains("s3cret"));
    }

    #[test]
    fn tls_only_when_asked() {
        assert!(!PgTarget::parse("postgres://a@h/db").unwrap().tls);
        assert!(
            PgTarget::parse("postgres://a@h/db?sslmode=require")
                .unwrap()
                .tls
        );
        let err = PgTarget::parse("postgres://a@h/db?sslmode=sometimes").unwrap_err();
        assert!(err.to_string().contains("not a PostgreSQL URL"), "{err}");
        let err = PgTarget::parse("postgres:///db").unwrap_err();
        assert!(err.to_string().contains("no host"), "{err}");
    }
}
