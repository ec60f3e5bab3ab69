//! Who is acting: the name given on the command line, else the login
//! name (from the environment, else /etc/passwd).

use super::CliError;

/// The person acting: `name` (given with `flag`), else the login name;
/// checked as an annotator name.
pub fn person(name: Option<&str>, flag: &str) -> Result<String, CliError> {
    let name = match name {
        Some(name) => name.to_owned(),
        None => login_name().ok_or_else(|| {
            CliError::Usage(format!("no name to work as: pass {flag} NAME or set $USER"))
        })?,
    };
    crate::store::validate_annotator(&name)?;
    Ok(name)
}

/// Who is logged in: `$USER`, `$LOGNAME`, else the name of this process's
/// uid in /etc/passwd (containers and `su` often leave `$USER` unset).
fn login_name() -> Option<String> {
    let from_env = ["USER", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|u| !u.is_empty());
    from_env.or_else(passwd_name)
}

#[cfg(unix)]
fn passwd_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_owned())
    })
}

#[cfg(not(unix))]
fn passwd_name() -> Option<String> {
    None
}
