#![forbid(unsafe_code)]

use clap::Parser;
use std::io::Write;

fn main() {
    let cli = biaozhu::cli::Cli::parse();
    if cli.opens_a_screen() {
        // A screen gives freed memory back within 10 ms (this process
        // run again with mimalloc told so; see `alloc`).
        biaozhu::alloc::purge_freed_memory_soon();
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = biaozhu::cli::run(cli, &mut out);
    // What was printed goes out even when the command failed after it.
    let flushed = out.flush();
    let result = result.and_then(|()| flushed.map_err(Into::into));
    if let Err(err) = result {
        // What was written before the failure still goes out (a report's
        // lines, `check`'s verdict per store).
        let _ = out.flush();
        let code = err.exit_code();
        if code != 0 {
            // Not eprintln!, which panics when stderr is gone (a hang-up).
            let _ = writeln!(
                std::io::stderr(),
                "biaozhu: {}",
                biaozhu::cli::message(&err)
            );
        }
        std::process::exit(code);
    }
}
