//! Load benchmark: read and validate a generated 100 000-project portfolio
//! (`model::load_portfolio`, the first step of every command), as the
//! generator writes it and with the keys of every object sorted (as `jq -S`
//! or Python's `sort_keys=True` write it): reading must cost the same
//! whatever the order of the keys.
//!
//! The files are written once under `target/bench-data/`, outside the timed
//! loop. Target: median at most 0.5 s on the reference machine (2 cores).

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

use capgraph::model;

#[path = "support/generated.rs"]
mod generated;

use generated::{key_sorted_copy, portfolio_file};

const PROJECTS: usize = 100_000;

fn load(c: &mut Criterion) {
    let path = portfolio_file(PROJECTS);
    let sorted = key_sorted_copy(&path);

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for (name, path) in [
        ("load_portfolio_100k", &path),
        ("load_portfolio_100k, key-sorted", &sorted),
    ] {
        // Check once that the timed work is the real thing: a valid portfolio.
        let checked = model::load_portfolio(path);
        assert!(
            checked.problems.is_empty(),
            "generated portfolio has problems"
        );
        let nodes = checked.value.expect("valid").node_count();
        assert_eq!(nodes, PROJECTS + PROJECTS / 20 + PROJECTS / 10);
        group.bench_function(name, |b| {
            b.iter(|| black_box(model::load_portfolio(black_box(path))))
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
