//! `capgraph schedule PORTFOLIO --format json` on a portfolio of 100 000
//! projects from `capgraph generate`: the whole pipeline as the binary runs
//! it (read, validate, both passes, driving paths, JSON written out), and
//! the computation alone (both passes and the capabilities' driving paths).
//!
//! The file is generated once under `target/bench-data/`, outside the timed
//! loop; the JSON goes to a writer that only counts bytes. Target: whole
//! pipeline median at most 1.0 s on the reference machine (2 cores).

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

use capgraph::analysis::schedule::{Schedule, ScheduleOptions};
use capgraph::model;

#[path = "support/binary.rs"]
mod binary;
#[path = "support/generated.rs"]
mod generated;

use binary::capgraph;
use generated::portfolio_file;

const PROJECTS: usize = 100_000;

fn schedule_100k(c: &mut Criterion) {
    let path = portfolio_file(PROJECTS);

    let args = [
        "schedule".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ];
    // Check once that the timed work is the real thing: the whole document
    // (about 43 MB of JSON for this portfolio).
    assert!(capgraph(&args) > 40_000_000);
    let portfolio = model::load_portfolio(&path).value.expect("valid");
    let options = ScheduleOptions::default();

    let mut group = c.benchmark_group("schedule");
    group.sample_size(10);
    group.bench_function("schedule --format json, 100 000 projects", |b| {
        b.iter(|| capgraph(&args))
    });
    group.bench_function("compute and driving paths, 100 000 projects", |b| {
        b.iter(|| {
            let schedule = Schedule::compute(black_box(&portfolio), &options);
            black_box(schedule.capabilities())
        })
    });
    group.finish();
}

criterion_group!(benches, schedule_100k);
criterion_main!(benches);
