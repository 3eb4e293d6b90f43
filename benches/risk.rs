//! `capgraph risk` (SPEC §11) end to end, as the binary runs it (read,
//! validate, the deterministic schedule, the iterations, the figures, the
//! JSON written to a counting writer):
//! - the sample portfolio, 10 000 iterations (target: ≤ 0.3 s);
//! - a generated 10 000-project portfolio with `risk.default_range_pct`
//!   [−10, 30] on every project, 1 000 iterations (target: ≤ 3 s).
//!
//! Throughput in iterations; the simulation alone (no reading, no output) on
//! one thread and on two, for the scaling.
//!
//! Before timing, it prints the convergence note: the sample's P80 dates
//! at 1 000, 10 000 and 100 000 iterations, seed 1.

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fs;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use capgraph::analysis::risk::{analyse, estimates, RiskOptions};
use capgraph::model::{self, Portfolio};

#[path = "support/binary.rs"]
mod binary;
#[path = "support/generated.rs"]
mod generated;

use binary::capgraph;
use generated::portfolio_file;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/digital-backbone.json"
);

/// `capgraph risk PORTFOLIO --iterations N --format json`.
fn risk_args(portfolio: &Path, iterations: usize) -> Vec<String> {
    vec![
        "risk".to_string(),
        portfolio.display().to_string(),
        "--iterations".to_string(),
        iterations.to_string(),
        "--format".to_string(),
        "json".to_string(),
    ]
}

/// The generated portfolio of `projects` projects with default ranges.
fn generated_with_ranges(projects: usize) -> PathBuf {
    let plain = portfolio_file(projects);
    let text = fs::read_to_string(&plain).expect("generated");
    let body = text.trim_start().strip_prefix('{').expect("a JSON object");
    let path = plain.with_file_name(format!("generated-{projects}-seed-1-ranges.json"));
    fs::write(
        &path,
        format!("{{\"risk\": {{\"default_range_pct\": [-10, 30]}},{body}"),
    )
    .expect("target is writable");
    path
}

/// Prints the note on stderr: a benchmark reports to the person running it.
#[allow(clippy::print_stderr)]
fn convergence_note() {
    let portfolio = model::load_portfolio(Path::new(SAMPLE))
        .value
        .expect("the sample is valid");
    let calendar = portfolio.calendar();
    for iterations in [1_000, 10_000, 100_000] {
        let options = RiskOptions {
            iterations,
            ..RiskOptions::default()
        };
        let risk = analyse(&portfolio, &estimates(&portfolio), &options);
        let p80: Vec<String> = std::iter::once(("portfolio", &risk.finish))
            .chain(
                risk.capabilities
                    .iter()
                    .map(|c| (portfolio.id(c.node), &c.finish)),
            )
            .map(|(id, f)| format!("{id} {}", calendar.format(f.p80)))
            .collect();
        eprintln!("P80 at {iterations} iterations: {}", p80.join(", "));
    }
}

/// The simulation alone (no reading, no output) on `threads` threads.
fn simulate(portfolio: &Portfolio, iterations: usize, pool: &rayon::ThreadPool) -> i64 {
    let options = RiskOptions {
        iterations,
        ..RiskOptions::default()
    };
    let estimates = estimates(portfolio);
    pool.install(|| analyse(portfolio, &estimates, &options).finish.p80)
}

fn risk_bench(c: &mut Criterion) {
    convergence_note();
    let generated_path = generated_with_ranges(10_000);
    let sample = risk_args(Path::new(SAMPLE), 10_000);
    let generated = risk_args(&generated_path, 1_000);
    // The timed work is the real thing: every capability's figures written.
    assert!(capgraph(&sample) > 10_000);
    assert!(capgraph(&generated) > 1_000_000);
    let sample_portfolio = model::load_portfolio(Path::new(SAMPLE))
        .value
        .expect("valid");
    let generated_portfolio = model::load_portfolio(&generated_path).value.expect("valid");
    let pool = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool")
    };
    let (one, two) = (pool(1), pool(2));

    let mut group = c.benchmark_group("risk");
    group.sample_size(10);
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("capgraph risk sample, 10 000 iterations", |b| {
        b.iter(|| capgraph(&sample))
    });
    for (threads, pool) in [(1, &one), (2, &two)] {
        group.bench_function(
            format!("simulation, sample, 10 000 iterations, {threads} thread(s)"),
            |b| b.iter(|| simulate(&sample_portfolio, 10_000, pool)),
        );
    }
    group.throughput(Throughput::Elements(1_000));
    group.bench_function("capgraph risk 10 000 projects, 1 000 iterations", |b| {
        b.iter(|| capgraph(&generated))
    });
    for (threads, pool) in [(1, &one), (2, &two)] {
        group.bench_function(
            format!("simulation, 10 000 projects, 1 000 iterations, {threads} thread(s)"),
            |b| b.iter(|| simulate(&generated_portfolio, 1_000, pool)),
        );
    }
    group.finish();
}

criterion_group!(benches, risk_bench);
criterion_main!(benches);
