//! Runs the `capgraph` binary as a user would (the release build cargo made
//! for this bench), counting what it writes to stdout: like `> /dev/null`,
//! but checkable.
//!
//! `CAPGRAPH_BENCH_BINARY=/path/to/capgraph` times that binary instead (an
//! older commit's build, say), on the same data: the files are still written
//! by this build's generator (`support/generated.rs`). With criterion's
//! baselines that compares two builds:
//! `CAPGRAPH_BENCH_BINARY=/tmp/capgraph-old cargo bench --bench NAME -- --save-baseline old`,
//! then `cargo bench --bench NAME -- --baseline old`. Bench functions that call
//! the library instead of this module time this tree either way.

use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::process::{Command, Stdio};

/// The binary the benches time: `CAPGRAPH_BENCH_BINARY` when set, else the
/// release build of this tree.
fn binary() -> OsString {
    std::env::var_os("CAPGRAPH_BENCH_BINARY")
        .unwrap_or_else(|| OsString::from(env!("CARGO_BIN_EXE_capgraph")))
}

/// Runs `capgraph ARGS`; the number of bytes written to stdout. Panics, with
/// its stderr, when the run fails.
pub fn capgraph<S: AsRef<OsStr>>(args: &[S]) -> usize {
    let binary = binary();
    let mut child = Command::new(&binary)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("running {}: {e}", binary.to_string_lossy()));
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut count = 0;
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        match stdout.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => count += n,
            Err(e) => panic!("reading capgraph's output: {e}"),
        }
    }
    let output = child.wait_with_output().expect("capgraph finishes");
    assert!(
        output.status.success(),
        "{} {:?} failed: {}",
        binary.to_string_lossy(),
        args.iter()
            .map(|a| a.as_ref().to_string_lossy())
            .collect::<Vec<_>>(),
        String::from_utf8_lossy(&output.stderr)
    );
    count
}
