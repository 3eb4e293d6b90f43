//! Load benchmark: read and validate a generated 100 000-project portfolio
//! (`model::load_portfolio`, the first step of every command).
//!
//! The file is generated once under `target/bench-data/`, outside the timed
//! loop. Target: median at most 0.5 s on the reference machine (2 cores).

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

use capgraph::model;

#[path = "support/generated.rs"]
mod generated;

use generated::portfolio_file;

const PROJECTS: usize = 100_000;

fn load(c: &mut Criterion) {
    let path = portfolio_file(PROJECTS);

    // Check once that the timed work is the real thing: a valid portfolio.
    let checked = model::load_portfolio(&path);
    assert!(
        checked.problems.is_empty(),
        "generated portfolio has problems"
    );
    let nodes = checked.value.expect("valid").node_count();
    assert_eq!(nodes, PROJECTS + PROJECTS / 20 + PROJECTS / 10);

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("load_portfolio_100k", |b| {
        b.iter(|| black_box(model::load_portfolio(black_box(&path))))
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
