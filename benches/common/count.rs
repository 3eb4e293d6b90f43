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
