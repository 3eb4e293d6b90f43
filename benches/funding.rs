//! `capgraph funding PORTFOLIO --status FILE --format json` against
//! `capgraph schedule PORTFOLIO --status FILE --format json` on the same
//! generated portfolio of 100 000 projects (with its money fields: profiles,
//! authorisations, ceilings, legacy O&M, progress) and status file: the
//! whole pipeline as the binary runs it, output counted, not kept.
//!
//! Target (issue 13): funding's median at most 1.5 × schedule's; peak
//! memory likewise (measured with `/usr/bin/time -v` on the release binary,
//! see README "Speed").

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "support/binary.rs"]
mod binary;
#[path = "support/generated.rs"]
mod generated;

use binary::capgraph;
use generated::{portfolio_file, status_file};

const PROJECTS: usize = 100_000;

fn funding_against_schedule(c: &mut Criterion) {
    let portfolio = portfolio_file(PROJECTS);
    let status = status_file(PROJECTS);
    let args = |command: &str| {
        [
            command.into(),
            portfolio.clone().into_os_string(),
            "--status".into(),
            status.clone().into_os_string(),
            "--format".into(),
            "json".into(),
        ]
    };
    let (funding, schedule) = (args("funding"), args("schedule"));
    // The timed work is the real thing: whole documents.
    assert!(capgraph(&funding) > 10_000_000);
    assert!(capgraph(&schedule) > 40_000_000);

    let mut group = c.benchmark_group("funding");
    group.sample_size(10);
    group.bench_function("schedule --status --format json, 100 000 projects", |b| {
        b.iter(|| capgraph(&schedule))
    });
    group.bench_function("funding --status --format json, 100 000 projects", |b| {
        b.iter(|| capgraph(&funding))
    });
    group.finish();
}

criterion_group!(benches, funding_against_schedule);
criterion_main!(benches);
