//! `capgraph impact` end to end (read, validate, two schedules, chains,
//! report), run as the binary, with one delay on the portfolio that
//! `capgraph generate --projects 100000` writes. Target: median ≤ 1.5 s
//! (release build, 2 cores).

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "support/binary.rs"]
mod binary;
#[path = "support/generated.rs"]
mod generated;

use binary::capgraph;

fn impact_end_to_end(c: &mut Criterion) {
    let mut group = c.benchmark_group("impact");
    group.sample_size(10);
    // On the portfolio of `capgraph generate --projects 100000` (six waves,
    // so float absorbs most delays): 200 days on the hub component
    // C-CYB-0001 slip about 950 nodes; P-CYB-016450 (a project of the first
    // wave) slips only itself.
    let generated = generated::portfolio_file(100_000);
    let cases = [
        ("C-CYB-0001=200", "table"),
        ("C-CYB-0001=200", "json"),
        ("P-CYB-016450=30", "json"),
    ];
    for (delay, format) in cases {
        let args = [
            "impact".as_ref(),
            generated.as_os_str(),
            "--delay".as_ref(),
            delay.as_ref(),
            "--format".as_ref(),
            format.as_ref(),
        ];
        group.bench_function(format!("{delay}, 100 000 projects, {format}"), |b| {
            b.iter(|| capgraph(&args))
        });
    }
    group.finish();
}

criterion_group!(benches, impact_end_to_end);
criterion_main!(benches);
