//! `capgraph export FORMAT` on a portfolio of 100 000 projects from
//! `capgraph generate`, beside `capgraph schedule --format json` on the same
//! file: the whole pipeline as the binary runs it (read, validate, schedule,
//! write). Target (issue 14): every format at most 2× `schedule --format json`.
//!
//! Single-file formats go to stdout, counted; neo4j-csv writes its two files
//! into a temporary folder.

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "support/binary.rs"]
mod binary;
#[path = "support/generated.rs"]
mod generated;

use binary::capgraph;
use generated::portfolio_file;

const PROJECTS: usize = 100_000;

fn export_100k(c: &mut Criterion) {
    let path = portfolio_file(PROJECTS);
    let folder = tempfile::tempdir().expect("a temporary folder");
    let neo4j = folder.path().join("neo4j");
    let portfolio = path.to_str().expect("a UTF-8 path");
    // Check once that the timed work is the real thing: every node and link
    // written (well over 20 MB for each single-file format).
    for format in ["graphml", "node-link", "cypher"] {
        assert!(
            capgraph(&["export", format, portfolio]) > 20_000_000,
            "{format}"
        );
    }

    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("schedule --format json, 100 000 projects", |b| {
        b.iter(|| capgraph(&["schedule", portfolio, "--format", "json"]))
    });
    for format in ["graphml", "node-link", "cypher"] {
        group.bench_function(format!("export {format}, 100 000 projects"), |b| {
            b.iter(|| capgraph(&["export", format, portfolio]))
        });
    }
    group.bench_function("export neo4j-csv, 100 000 projects", |b| {
        b.iter(|| {
            capgraph(&[
                "export",
                "neo4j-csv",
                portfolio,
                "-o",
                neo4j.to_str().expect("a UTF-8 path"),
            ])
        })
    });
    group.finish();
}

criterion_group!(benches, export_100k);
criterion_main!(benches);
