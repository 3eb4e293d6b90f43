//! Runs the `capgraph` binary as a user would (the release build cargo made
//! for this bench), counting what it writes to stdout: like `> /dev/null`,
//! but checkable.

use std::ffi::OsStr;
use std::io::Read;
use std::process::{Command, Stdio};

/// Runs `capgraph ARGS`; the number of bytes written to stdout. Panics, with
/// its stderr, when the run fails.
pub fn capgraph<S: AsRef<OsStr>>(args: &[S]) -> usize {
    let mut child = Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the capgraph binary runs");
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
        "capgraph {:?} failed: {}",
        args.iter()
            .map(|a| a.as_ref().to_string_lossy())
            .collect::<Vec<_>>(),
        String::from_utf8_lossy(&output.stderr)
    );
    count
}
