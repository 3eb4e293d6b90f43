//! `capgraph schedule`.

use crate::cli::ScheduleArgs;
use crate::error::{Error, Result};

use super::Streams;

/// Runs `schedule`.
pub fn run(_args: &ScheduleArgs, _streams: &mut Streams) -> Result<()> {
    Err(Error::Usage("`schedule` is not built yet".to_string()))
}
