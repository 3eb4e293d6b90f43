//! `capgraph generate --projects N [--seed S] [--status] [-o FILE]`: a
//! synthetic portfolio, or the status file matching it, for demos and benchmarks.

use crate::cli::GenerateArgs;
use crate::error::{Error, Result};
use crate::generate::{write_portfolio, write_status, GenerateOptions};

use super::output::emit_with;
use super::Streams;

/// The most projects `generate` writes: about 350 MB of JSON and 1.5 GB of
/// memory while generating; bigger portfolios than any office runs.
pub const MAX_PROJECTS: usize = 1_000_000;

/// Runs `generate`, streaming the file to its destination.
pub fn run(args: &GenerateArgs, streams: &mut Streams) -> Result<()> {
    if args.projects > MAX_PROJECTS {
        return Err(Error::Usage(format!(
            "--projects {} is more than capgraph generates ({MAX_PROJECTS}); \
             give --projects {MAX_PROJECTS} or fewer",
            args.projects
        )));
    }
    let options = GenerateOptions {
        projects: args.projects,
        seed: args.seed,
    };
    emit_with(args.output.output.as_deref(), &[], streams, |out| {
        if args.status {
            write_status(&options, out)
        } else {
            write_portfolio(&options, out)
        }
    })
}
