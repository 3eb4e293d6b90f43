//! `capgraph common --format json --top 1000` on generated portfolios of
//! 20 000 and 100 000 projects: the whole command (load, validate, analyse,
//! render) and the analysis alone.
//!
//! The portfolios are those of `capgraph generate --projects N --seed 1`
//! (3 domains, 1–6 components per project, and about ten components each used
//! by a tenth of the projects); the files are kept in `target/bench-data/`
//! for timing the release binary by hand.

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

use capgraph::analysis::common::{analyse, CommonOptions};
#[path = "support/binary.rs"]
mod binary;
#[path = "support/generated.rs"]
mod generated;

use generated::portfolio_file;

fn command(c: &mut Criterion, projects: usize) {
    let path = portfolio_file(projects);
    let args = [
        "common".as_ref(),
        path.as_os_str(),
        "--top".as_ref(),
        "1000".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ];
    let mut group = c.benchmark_group("common");
    group.sample_size(10);
    group.bench_function(format!("command json top 1000, {projects} projects"), |b| {
        b.iter(|| binary::capgraph(black_box(&args)))
    });
    let portfolio = capgraph::model::load_portfolio(&path)
        .value
        .expect("a valid portfolio");
    let options = CommonOptions {
        top: Some(1000),
        ..CommonOptions::default()
    };
    group.bench_function(format!("analysis top 1000, {projects} projects"), |b| {
        b.iter(|| black_box(analyse(&portfolio, &options)))
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    command(c, 20_000);
    command(c, 100_000);
}

criterion_group!(common_benches, benches);
criterion_main!(common_benches);
