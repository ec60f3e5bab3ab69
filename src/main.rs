#![forbid(unsafe_code)]

use clap::Parser;
use std::io::Write;

fn main() {
    let cli = biaozhu::cli::Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = biaozhu::cli::run(cli, &mut out).and_then(|()| out.flush().map_err(Into::into));
    if let Err(err) = result {
        // What was written before the failure still goes out (a report's
        // lines, `check`'s verdict per store).
        let _ = out.flush();
        let code = err.exit_code();
        if code != 0 {
            eprintln!("biaozhu: {}", biaozhu::cli::message(&err));
        }
        std::process::exit(code);
    }
}
