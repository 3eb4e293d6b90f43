//! `capgraph screen PORTFOLIO --status FILE` against `capgraph schedule
//! PORTFOLIO --status FILE --format json` on 100 000 generated projects and
//! their generated status file: the whole pipeline as the binary runs it
//! (read, validate, analyse, write to a writer that only counts bytes).
//!
//! Target (issue 16): screen's median at most 1.5 × schedule's.

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion};

use capgraph::cli::{Format, OutputArgs, ScheduleArgs, ScreenArgs, ScreenFormat};
use capgraph::command::{schedule, screen};

#[path = "common/count.rs"]
mod count;
#[path = "common/generated.rs"]
mod generated;

use count::stdout_bytes;
use generated::{portfolio_file, status_file};

const PROJECTS: usize = 100_000;

fn screen_100k(c: &mut Criterion) {
    let portfolio = portfolio_file(PROJECTS);
    let status = status_file(PROJECTS);
    let schedule_args = ScheduleArgs {
        portfolio: portfolio.clone(),
        status: Some(status.clone()),
        near_critical: 10,
        format: Format::Json,
        output: OutputArgs::default(),
    };
    let screen_args = ScreenArgs {
        portfolio,
        status: Some(status),
        high_float: 44,
        high_duration: 44,
        fail_on_finding: false,
        format: Some(ScreenFormat::Table),
        output: OutputArgs::default(),
    };
    let run_schedule = || stdout_bytes(|streams| schedule::run(&schedule_args, streams)).0;
    let run_screen =
        || stdout_bytes(|streams| screen::run(&screen_args, streams).map(|_code| ())).0;
    // The timed work is the real thing: the whole schedule document, and a
    // screening of the 14 checks.
    assert!(run_schedule() > 40_000_000);
    assert!(run_screen() > 1_000);

    let mut group = c.benchmark_group("screen");
    group.sample_size(10);
    group.bench_function("schedule --status --format json, 100 000 projects", |b| {
        b.iter(run_schedule)
    });
    group.bench_function("screen --status, 100 000 projects", |b| b.iter(run_screen));
    group.finish();
}

criterion_group!(benches, screen_100k);
criterion_main!(benches);
