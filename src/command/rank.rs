//! `capgraph rank PORTFOLIO [--top K]`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::analysis::rank::{rank, RankEntry};
use crate::analysis::schedule::{Schedule, ScheduleOptions};
use crate::cli::{Format, RankArgs};
use crate::error::Result;
use crate::model::{NodeKind, Portfolio};
use crate::render::json::rank as rank_json;
use crate::render::text::rank as rank_report;
use crate::render::text::table::Style;

use super::output::emit;
use super::{load_portfolio, Streams};

/// Portfolios with at least this many projects and components show progress
/// (on a terminal): below it the ranking takes well under a second.
const PROGRESS_FROM: usize = 20_000;

/// Runs `rank`.
pub fn run(args: &RankArgs, streams: &mut Streams) -> Result<()> {
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    let schedule = Schedule::compute(&portfolio, None, &ScheduleOptions::default());
    let mut entries = rank_with_progress(&portfolio, &schedule, streams);
    let ranked = entries.len();
    if let Some(top) = args.top {
        entries.truncate(top);
    }
    let mut text = Vec::new();
    match args.format {
        Format::Json => rank_json::write_rank(&portfolio, &entries, &mut text),
        Format::Table => {
            rank_report::write_rank(&portfolio, &entries, ranked, Style::Plain, &mut text)
        }
        Format::Md => {
            rank_report::write_rank(&portfolio, &entries, ranked, Style::Markdown, &mut text)
        }
    }
    .expect("writing to memory cannot fail");
    emit(
        args.output.output.as_deref(),
        &[args.portfolio.as_path()],
        &text,
        streams,
    )
}

/// Ranks on a worker thread while this one shows how far it got, when
/// stderr is a terminal and the portfolio is large; else ranks directly.
fn rank_with_progress(
    portfolio: &Portfolio,
    schedule: &Schedule,
    streams: &mut Streams,
) -> Vec<RankEntry> {
    let done = AtomicUsize::new(0);
    let total = portfolio
        .graph()
        .node_weights()
        .filter(|n| n.kind != NodeKind::Capability)
        .count();
    if !streams.stderr_is_terminal || total < PROGRESS_FROM {
        return rank(portfolio, schedule, &done);
    }
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| rank(portfolio, schedule, &done));
        while !worker.is_finished() {
            let _ = write!(
                streams.stderr,
                "\rcapgraph rank: {} of {total} projects and components",
                done.load(Ordering::Relaxed)
            );
            let _ = streams.stderr.flush();
            std::thread::sleep(Duration::from_millis(100));
        }
        // Clear the progress line.
        let _ = write!(streams.stderr, "\r\x1b[2K");
        worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}
