//! `capgraph export FORMAT` on a portfolio of 100 000 projects from
//! `capgraph generate`, beside `capgraph schedule --format json` on the same
//! file: the whole pipeline as the binary runs it (read, validate, schedule,
//! write). Target (issue 14): every format at most 2× `schedule --format json`.
//!
//! Single-file formats go to a writer that only counts bytes; neo4j-csv
//! writes its two files into a temporary folder.

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion};

use capgraph::cli::{ExportArgs, ExportFormat, Format, LinksKey, OutputArgs, ScheduleArgs};
use capgraph::command::{export, schedule};

#[path = "common/count.rs"]
mod count;
#[path = "common/generated.rs"]
mod generated;

use count::stdout_bytes;
use generated::portfolio_file;

const PROJECTS: usize = 100_000;

fn export_100k(c: &mut Criterion) {
    let path = portfolio_file(PROJECTS);
    let folder = tempfile::tempdir().expect("a temporary folder");
    let schedule_args = ScheduleArgs {
        portfolio: path.clone(),
        status: None,
        near_critical: 10,
        format: Format::Json,
        output: OutputArgs::default(),
    };
    let export_args = |format: ExportFormat| ExportArgs {
        format,
        portfolio: path.clone(),
        status: None,
        links_key: LinksKey::Edges,
        output: (format == ExportFormat::Neo4jCsv).then(|| folder.path().join("neo4j")),
    };
    let run_export = |args: &ExportArgs| {
        let (bytes, stderr) = stdout_bytes(|streams| export::run(args, streams));
        assert!(stderr.is_empty(), "{stderr}");
        bytes
    };
    // Check once that the timed work is the real thing: every node and link
    // written (well over 20 MB for each single-file format).
    for format in [
        ExportFormat::Graphml,
        ExportFormat::NodeLink,
        ExportFormat::Cypher,
    ] {
        assert!(run_export(&export_args(format)) > 20_000_000, "{format:?}");
    }

    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("schedule --format json, 100 000 projects", |b| {
        b.iter(|| stdout_bytes(|streams| schedule::run(&schedule_args, streams)).0)
    });
    for (name, format) in [
        ("graphml", ExportFormat::Graphml),
        ("node-link", ExportFormat::NodeLink),
        ("cypher", ExportFormat::Cypher),
        ("neo4j-csv", ExportFormat::Neo4jCsv),
    ] {
        let args = export_args(format);
        group.bench_function(format!("export {name}, 100 000 projects"), |b| {
            b.iter(|| run_export(&args))
        });
    }
    group.finish();
}

criterion_group!(benches, export_100k);
criterion_main!(benches);
