//! `capgraph impact`.

use crate::cli::ImpactArgs;
use crate::error::{Error, Result};

use super::Streams;

/// Runs `impact`.
pub fn run(_args: &ImpactArgs, _streams: &mut Streams) -> Result<()> {
    Err(Error::Usage("`impact` is not built yet".to_string()))
}
