//! `capgraph import p6` on the real 3 994-activity P6 export of
//! ../shared/data (read, map, validate, schedule for the fidelity count,
//! write both files), as the binary runs it. Target (issue 14): ≤ 0.5 s.
//! Skipped, with a message, when the file is absent.

// A skipped bench says why on stderr.
#![allow(clippy::print_stderr)]

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "support/binary.rs"]
mod binary;

use binary::capgraph;

fn import_p6(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let Some(xer) = [
        root.join("../shared/data/p6/sp10-cost-loaded.xer"),
        PathBuf::from("/work/shared/data/p6/sp10-cost-loaded.xer"),
    ]
    .into_iter()
    .find(|p| p.exists()) else {
        eprintln!("import bench skipped: ../shared/data/p6/sp10-cost-loaded.xer is absent");
        return;
    };
    let folder = tempfile::tempdir().expect("a temporary folder");
    let portfolio = folder.path().join("portfolio.json");
    let status = folder.path().join("status.json");
    let args = [
        "import".as_ref(),
        "p6".as_ref(),
        xer.as_os_str(),
        "-o".as_ref(),
        portfolio.as_os_str(),
        "--status-out".as_ref(),
        status.as_os_str(),
    ];
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("import p6, 3 994 activities", |b| {
        b.iter(|| capgraph(&args))
    });
    group.finish();
}

criterion_group!(benches, import_p6);
criterion_main!(benches);
