//! The explorer page (`capgraph diagram --format html`) of the whole
//! 1 000-project portfolio of `capgraph generate` (1 150 items): the release
//! binary end to end, Graphviz's `sfdp` layout included. Target: ≤ 2 s.
//! Needs Graphviz.
//!
//! `cargo bench --bench explorer`

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "support/binary.rs"]
mod binary;
#[path = "support/generated.rs"]
mod generated;

fn bench(c: &mut Criterion) {
    let portfolio = generated::portfolio_file(1_000);
    let portfolio = portfolio.to_str().expect("a UTF-8 path");
    let mut group = c.benchmark_group("explorer 1 000 projects");
    group.sample_size(10);
    group.bench_function("diagram --format html, whole portfolio", |b| {
        b.iter(|| binary::capgraph(&["diagram", portfolio, "--format", "html"]))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
