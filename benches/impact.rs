//! `capgraph impact` end to end (read, validate, two schedules, chains,
//! report) with one delay on a synthetic 100 000-project portfolio and on
//! the one `capgraph generate --projects 100000` writes. Target: median
//! ≤ 1.5 s (release build, 2 cores).

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion};

use capgraph::cli::{Format, ImpactArgs, OutputArgs, ScenarioArgs};
use capgraph::command::impact;

#[path = "common/count.rs"]
mod count;
#[path = "common/generated.rs"]
mod generated;
#[path = "common/synthetic.rs"]
mod synthetic;

use count::stdout_bytes;

fn run(args: &ImpactArgs) -> usize {
    stdout_bytes(|streams| impact::run(args, streams)).0
}

fn impact_end_to_end(c: &mut Criterion) {
    let path = synthetic::portfolio_file(100_000);
    let mut group = c.benchmark_group("impact");
    group.sample_size(10);
    // P000000 heads the portfolio: its delay reaches a quarter of it (wide
    // impact, long report); P010000's reaches a few hundred nodes.
    let generated = generated::portfolio_file(100_000);
    // On the portfolio of `capgraph generate --projects 100000` (six waves,
    // so float absorbs most delays): 200 days on the hub component
    // C-CYB-0001 slip about 950 nodes; P-CYB-016450 (a project of the first
    // wave) slips only itself.
    let cases = [
        (&path, "P000000=30", "table", Format::Table),
        (&path, "P000000=30", "json", Format::Json),
        (&path, "P010000=30", "table", Format::Table),
        (
            &generated,
            "C-CYB-0001=200",
            "generated, json",
            Format::Json,
        ),
        (
            &generated,
            "P-CYB-016450=30",
            "generated, json",
            Format::Json,
        ),
    ];
    for (path, delay, name, format) in cases {
        let args = ImpactArgs {
            portfolio: path.clone(),
            scenario: ScenarioArgs {
                status: None,
                delay: vec![delay.to_string()],
            },
            from: None,
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
