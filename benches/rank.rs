//! `capgraph rank` on synthetic portfolios: the ranking alone (bitsets over
//! a topological order, parallel chunks) on 10 000 and 100 000 projects, and
//! the whole command on 10 000. Target: 10 000 projects ≤ 2 s (release
//! build, 2 cores).

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::atomic::AtomicUsize;

use criterion::{criterion_group, criterion_main, Criterion};

use capgraph::analysis::rank::rank;
use capgraph::analysis::schedule::{Schedule, ScheduleOptions};
use capgraph::cli::{Format, OutputArgs, RankArgs};
use capgraph::command::{self, Streams};
use capgraph::model::portfolio_from_str;

#[path = "common/synthetic.rs"]
mod synthetic;

fn rank_only(c: &mut Criterion) {
    let mut group = c.benchmark_group("rank");
    group.sample_size(10);
    for projects in [10_000, 100_000] {
        let text = synthetic::portfolio_json(projects);
        let portfolio = portfolio_from_str(&text, "synthetic.json")
            .value
            .expect("valid synthetic portfolio");
        let schedule = Schedule::compute(&portfolio, None, &ScheduleOptions::default());
        group.bench_function(format!("ranking, {projects} projects"), |b| {
            b.iter(|| rank(&portfolio, &schedule, &AtomicUsize::new(0)).len())
        });
    }
    let args = RankArgs {
        portfolio: synthetic::portfolio_file(10_000),
        top: Some(20),
        format: Format::Table,
        output: OutputArgs::default(),
    };
    group.bench_function("command end to end, 10 000 projects", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            let mut err = Vec::new();
            let mut streams = Streams {
                stdout: &mut out,
                stderr: &mut err,
                stderr_is_terminal: false,
            };
            command::rank::run(&args, &mut streams).expect("rank runs");
            out.len()
        })
    });
    group.finish();
}

criterion_group!(benches, rank_only);
criterion_main!(benches);
