//! `capgraph diagram`.

use crate::cli::DiagramArgs;
use crate::error::{Error, Result};

use super::Streams;

/// Runs `diagram`.
pub fn run(_args: &DiagramArgs, _streams: &mut Streams) -> Result<()> {
    Err(Error::Usage("`diagram` is not built yet".to_string()))
}
