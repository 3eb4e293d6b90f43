//! `capgraph rank`.

use crate::cli::RankArgs;
use crate::error::{Error, Result};

use super::Streams;

/// Runs `rank`.
pub fn run(_args: &RankArgs, _streams: &mut Streams) -> Result<()> {
    Err(Error::Usage("`rank` is not built yet".to_string()))
}
