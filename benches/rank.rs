//! `capgraph rank` on portfolios from `capgraph generate`: the ranking alone (bitsets over
//! a topological order, parallel chunks) on 10 000 and 100 000 projects, and
//! the whole command on 10 000. Target: 10 000 projects ≤ 2 s (release
//! build, 2 cores).

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion};

use capgraph::analysis::rank::rank;
use capgraph::analysis::schedule::{Schedule, ScheduleOptions};
use capgraph::model::load_portfolio;

#[path = "support/binary.rs"]
mod binary;
#[path = "support/generated.rs"]
mod generated;

fn rank_only(c: &mut Criterion) {
    let mut group = c.benchmark_group("rank");
    group.sample_size(10);
    for projects in [10_000, 100_000] {
        let path = generated::portfolio_file(projects);
        let portfolio = load_portfolio(&path)
            .value
            .expect("valid generated portfolio");
        let schedule = Schedule::compute(&portfolio, &ScheduleOptions::default());
        group.bench_function(format!("ranking, {projects} projects"), |b| {
            b.iter(|| rank(&schedule, &()).entries().len())
        });
    }
    let path = generated::portfolio_file(10_000);
    let args = [
        "rank".as_ref(),
        path.as_os_str(),
        "--top".as_ref(),
        "20".as_ref(),
    ];
    group.bench_function("command end to end, 10 000 projects", |b| {
        b.iter(|| binary::capgraph(&args))
    });
    group.finish();
}

criterion_group!(benches, rank_only);
criterion_main!(benches);
