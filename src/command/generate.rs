//! `capgraph generate --projects N [--seed S] [--status] [-o FILE]`: a
//! synthetic portfolio, or the status file matching it, for demos and benchmarks.

use crate::cli::GenerateArgs;
use crate::error::Result;
use crate::generate::{write_portfolio, write_status, GenerateOptions};

use super::output::emit;
use super::Streams;

/// Runs `generate`.
pub fn run(args: &GenerateArgs, streams: &mut Streams) -> Result<()> {
    let options = GenerateOptions {
        projects: args.projects,
        seed: args.seed,
    };
    let mut bytes = Vec::new();
    if args.status {
        write_status(&options, &mut bytes)
    } else {
        write_portfolio(&options, &mut bytes)
    }
    .expect("writing to memory cannot fail");
    emit(args.output.output.as_deref(), &[], &bytes, streams)
}
