//! `capgraph weekly`.

use crate::cli::WeeklyArgs;
use crate::error::{Error, Result};

use super::Streams;

/// Runs `weekly`.
pub fn run(_args: &WeeklyArgs, _streams: &mut Streams) -> Result<()> {
    Err(Error::Usage("`weekly` is not built yet".to_string()))
}
