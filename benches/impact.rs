//! `capgraph impact` end to end (read, validate, two schedules, chains,
//! report) with one delay on a synthetic 100 000-project portfolio.
//! Target: median ≤ 1.5 s (release build, 2 cores).

use criterion::{criterion_group, criterion_main, Criterion};

use capgraph::cli::{Format, ImpactArgs, OutputArgs, ScenarioArgs};
use capgraph::command::{impact, Streams};

#[path = "common/synthetic.rs"]
mod synthetic;

fn run(args: &ImpactArgs) -> usize {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut streams = Streams {
        stdout: &mut out,
        stderr: &mut err,
        stderr_is_terminal: false,
    };
    impact::run(args, &mut streams).expect("impact runs");
    out.len()
}

fn impact_end_to_end(c: &mut Criterion) {
    let path = synthetic::portfolio_file(100_000);
    let mut group = c.benchmark_group("impact");
    group.sample_size(10);
    // P000000 heads the portfolio: its delay reaches a quarter of it (wide
    // impact, long report); P010000's reaches a few hundred nodes.
    let cases = [
        ("P000000=30", "table", Format::Table),
        ("P000000=30", "json", Format::Json),
        ("P010000=30", "table", Format::Table),
    ];
    for (delay, name, format) in cases {
        let args = ImpactArgs {
            portfolio: path.clone(),
            scenario: ScenarioArgs {
                status: None,
                delay: vec![delay.to_string()],
            },
            structural: false,
            chains: 20,
            format,
            output: OutputArgs::default(),
        };
        group.bench_function(format!("{delay}, 100 000 projects, {name}"), |b| {
            b.iter(|| run(&args))
        });
    }
    group.finish();
}

criterion_group!(benches, impact_end_to_end);
criterion_main!(benches);
