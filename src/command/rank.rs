//! `capgraph rank PORTFOLIO [--status FILE] [--top K]`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::analysis::rank::{rank, RankProgress, Ranking};
use crate::analysis::schedule::{Schedule, ScheduleOptions};
use crate::cli::{Format, RankArgs};
use crate::error::Result;
use crate::model::NodeKind;
use crate::render::json::rank as rank_json;
use crate::render::text::rank as rank_report;
use crate::render::text::table::Style;

use super::output::emit;
use super::{basis, load_portfolio, load_status, Streams};

/// Portfolios with at least this many projects and components show progress
/// (on a terminal): below it the ranking takes well under a second.
const PROGRESS_FROM: usize = 20_000;

/// Runs `rank`.
pub fn run(args: &RankArgs, streams: &mut Streams) -> Result<()> {
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    let status = args
        .status
        .as_deref()
        .map(|path| load_status(path, &portfolio))
        .transpose()?;
    let schedule = Schedule::compute(
        basis(&portfolio, status.as_ref()),
        &ScheduleOptions::default(),
    );
    let mut ranking = rank_with_progress(&schedule, streams);
    if let Some(top) = args.top {
        ranking.top(top);
    }
    let report = rank_report::RankReport {
        ranking: &ranking,
        as_of: status.as_ref().and_then(|s| s.as_of_date.as_deref()),
    };
    let mut text = Vec::new();
    match args.format {
        Format::Json => rank_json::write_rank(&ranking, &mut text),
        Format::Table => report.write(Style::Plain, &mut text),
        Format::Md => report.write(Style::Markdown, &mut text),
    }
    .expect("writing to memory cannot fail");
    let mut inputs = vec![args.portfolio.as_path()];
    inputs.extend(args.status.as_deref());
    emit(args.output.output.as_deref(), &inputs, &text, streams)
}

/// Counts the nodes ranked so far, for the progress line.
struct Counter(AtomicUsize);

impl RankProgress for Counter {
    fn ranked(&self, nodes: usize) {
        self.0.fetch_add(nodes, Ordering::Relaxed);
    }
}

/// Ranks on a worker thread while this one shows how far it got, when
/// stderr is a terminal and the portfolio is large; else ranks directly.
fn rank_with_progress<'p>(schedule: &Schedule<'p>, streams: &mut Streams) -> Ranking<'p> {
    let portfolio = schedule.portfolio();
    let total = portfolio
        .nodes()
        .filter(|n| n.kind != NodeKind::Capability)
        .count();
    if !streams.stderr_is_terminal || total < PROGRESS_FROM {
        return rank(schedule, &());
    }
    let done = Counter(AtomicUsize::new(0));
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| rank(schedule, &done));
        while !worker.is_finished() {
            let _ = write!(
                streams.stderr,
                "\rcapgraph rank: {} of {total} projects and components",
                done.0.load(Ordering::Relaxed)
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
