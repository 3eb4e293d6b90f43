//! `capgraph weekly`: the Monday briefing into a folder (SPEC §8).

use std::time::Instant;

use crate::analysis::briefing::BriefingOptions;
use crate::cli::WeeklyArgs;
use crate::error::{Error, Result};
use crate::weekly::{build_briefing, phase, write_briefing, Diagrams, WeeklyInputs};

use super::{load_portfolio, load_status, Streams};

/// Portfolios at least this big report their phases on a terminal.
const PROGRESS_FROM_NODES: usize = 5_000;

/// Runs `weekly`.
pub fn run(args: &WeeklyArgs, streams: &mut Streams) -> Result<()> {
    if args.amber < 0 || args.erosion < 0 {
        return Err(Error::Usage(
            "--amber and --erosion must be 0 or more days".to_string(),
        ));
    }
    let started = Instant::now();
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    let progress = streams.stderr_is_terminal && portfolio.node_count() >= PROGRESS_FROM_NODES;
    phase(streams.stderr, progress, "portfolio loaded", started);
    let status = load_status(&args.status, &portfolio)?;
    let previous = args
        .previous
        .as_deref()
        .map(|p| load_status(p, &portfolio))
        .transpose()?;
    let inputs = WeeklyInputs {
        portfolio: &portfolio,
        status: &status,
        previous: previous.as_ref(),
        options: BriefingOptions {
            amber_days: args.amber,
            erosion_days: args.erosion,
        },
    };
    let files = build_briefing(&inputs, |_| Diagrams {
        files: Vec::new(),
        figures: None,
    });
    phase(streams.stderr, progress, "briefing built", started);
    let mut input_paths = vec![args.portfolio.as_path(), args.status.as_path()];
    input_paths.extend(args.previous.as_deref());
    let written = write_briefing(&args.output, &input_paths, &files)?;
    for path in written {
        let _ = writeln!(streams.stderr, "wrote {}", path.display());
    }
    Ok(())
}
