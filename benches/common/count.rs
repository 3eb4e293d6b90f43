//! A writer that only counts bytes: like `> /dev/null`, but checkable.

use std::io::{self, Write};

/// The number of bytes written so far.
#[derive(Default)]
pub struct Count(pub usize);

impl Write for Count {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Runs a command with stdout counted and stderr kept: the number of bytes
/// written to stdout, and what was written to stderr. Panics when it fails.
pub fn stdout_bytes(
    command: impl FnOnce(&mut capgraph::command::Streams) -> capgraph::error::Result<()>,
) -> (usize, String) {
    let mut out = Count::default();
    let mut err = Vec::new();
    let mut streams = capgraph::command::Streams {
        stdout: &mut out,
        stderr: &mut err,
        stderr_is_terminal: false,
    };
    command(&mut streams).expect("the command runs");
    (out.0, String::from_utf8_lossy(&err).into_owned())
}
