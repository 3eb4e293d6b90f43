//! `capgraph risk` (SPEC §11) end to end, as the binary runs it (read,
//! validate, the deterministic schedule, the iterations, the figures, the
//! JSON written to a counting writer):
//! - the sample portfolio, 10 000 iterations (target: ≤ 0.3 s);
//! - a generated 10 000-project portfolio with `risk.default_range_pct`
//!   [−10, 30] on every project, 1 000 iterations (target: ≤ 3 s).
//!
//! Each with all threads and with one (scaling), throughput in iterations.
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
use capgraph::cli::{Distribution, OutputArgs, RiskArgs, RiskFormat};
use capgraph::command::risk;
use capgraph::model;

#[path = "common/count.rs"]
mod count;
#[path = "common/generated.rs"]
mod generated;

use count::stdout_bytes;
use generated::portfolio_file;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/digital-backbone.json"
);

fn args(portfolio: &Path, iterations: usize) -> RiskArgs {
    RiskArgs {
        portfolio: portfolio.to_path_buf(),
        status: None,
        iterations,
        seed: 1,
        distribution: Distribution::Triangular,
        correlation: 0.0,
        format: RiskFormat::Json,
        output: OutputArgs::default(),
    }
}

/// Runs the command; the number of bytes it wrote to stdout.
fn run(args: &RiskArgs) -> usize {
    let (bytes, stderr) = stdout_bytes(|streams| risk::run(args, streams));
    assert!(stderr.is_empty(), "{stderr}");
    bytes
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
        let risk = analyse(&portfolio, None, &estimates(&portfolio), &options);
        let p80: Vec<String> = std::iter::once(("portfolio", &risk.portfolio))
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

fn risk_bench(c: &mut Criterion) {
    convergence_note();
    let sample = args(Path::new(SAMPLE), 10_000);
    let generated = args(&generated_with_ranges(10_000), 1_000);
    // The timed work is the real thing: every capability's figures written.
    assert!(run(&sample) > 10_000);
    assert!(run(&generated) > 1_000_000);
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool");

    let mut group = c.benchmark_group("risk");
    group.sample_size(10);
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("sample, 10 000 iterations", |b| b.iter(|| run(&sample)));
    group.bench_function("sample, 10 000 iterations, 1 thread", |b| {
        b.iter(|| one_thread.install(|| run(&sample)))
    });
    group.throughput(Throughput::Elements(1_000));
    group.bench_function("10 000 projects, 1 000 iterations", |b| {
        b.iter(|| run(&generated))
    });
    group.bench_function("10 000 projects, 1 000 iterations, 1 thread", |b| {
        b.iter(|| one_thread.install(|| run(&generated)))
    });
    group.finish();
}

criterion_group!(benches, risk_bench);
criterion_main!(benches);
