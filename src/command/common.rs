//! `capgraph common`.

use crate::cli::CommonArgs;
use crate::error::{Error, Result};

use super::Streams;

/// Runs `common`.
pub fn run(_args: &CommonArgs, _streams: &mut Streams) -> Result<()> {
    Err(Error::Usage("`common` is not built yet".to_string()))
}
