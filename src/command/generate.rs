//! `capgraph generate`.

use crate::cli::GenerateArgs;
use crate::error::{Error, Result};

use super::Streams;

/// Runs `generate`.
pub fn run(_args: &GenerateArgs, _streams: &mut Streams) -> Result<()> {
    Err(Error::Usage("`generate` is not built yet".to_string()))
}
