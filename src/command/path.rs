//! `capgraph path`.

use crate::cli::PathArgs;
use crate::error::{Error, Result};

use super::Streams;

/// Runs `path`.
pub fn run(_args: &PathArgs, _streams: &mut Streams) -> Result<()> {
    Err(Error::Usage("`path` is not built yet".to_string()))
}
