//! `capgraph screen PORTFOLIO --status FILE` against `capgraph schedule
//! PORTFOLIO --status FILE --format json` on 100 000 generated projects and
//! their generated status file: the whole pipeline as the binary runs it
//! (read, validate, analyse, write), stdout counted.
//!
//! Target (issue 16): screen's median at most 1.5 × schedule's.

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "support/binary.rs"]
mod binary;
#[path = "support/generated.rs"]
mod generated;

use binary::capgraph;
use generated::{portfolio_file, status_file};

const PROJECTS: usize = 100_000;

fn screen_100k(c: &mut Criterion) {
    let portfolio = portfolio_file(PROJECTS);
    let status = status_file(PROJECTS);
    let schedule = [
        "schedule".as_ref(),
        portfolio.as_os_str(),
        "--status".as_ref(),
        status.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ];
    let screen = [
        "screen".as_ref(),
        portfolio.as_os_str(),
        "--status".as_ref(),
        status.as_os_str(),
    ];
    // The timed work is the real thing: the whole schedule document, and a
    // screening table of the 14 checks.
    assert!(capgraph(&schedule) > 40_000_000);
    assert!(capgraph(&screen) > 1_000);

    let mut group = c.benchmark_group("screen");
    group.sample_size(10);
    group.bench_function("schedule --status --format json, 100 000 projects", |b| {
        b.iter(|| capgraph(&schedule))
    });
    group.bench_function("screen --status, 100 000 projects", |b| {
        b.iter(|| capgraph(&screen))
    });
    group.finish();
}

criterion_group!(benches, screen_100k);
criterion_main!(benches);
