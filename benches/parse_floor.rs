//! `check`'s reading and validation against the physical floor: parsing
//! the same file once with serde_json into `serde::de::IgnoredAny` (read,
//! UTF-8 check, tokenise, nothing kept). Issue 10's target: loading a
//! portfolio (what `capgraph check` does before printing) takes at most
//! twice the floor, on the 100 000-project portfolio of `capgraph generate`
//! and on the same file pretty-printed as `python3 -m json.tool` writes it
//! (four-space indent, one member per line).
//!
//! The files are written once under `target/bench-data/`, outside the
//! timed loops.

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use serde::Serialize;

use capgraph::model;

#[path = "support/generated.rs"]
mod generated;

use generated::portfolio_file;

const PROJECTS: usize = 100_000;

/// The floor: read the file and parse it, keeping nothing.
fn parse_only(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).expect("readable UTF-8");
    let _: serde::de::IgnoredAny = serde_json::from_str(&text).expect("well-formed JSON");
    text.len()
}

/// `path` pretty-printed with a four-space indent, as `python3 -m json.tool` does.
fn pretty_copy(path: &Path) -> PathBuf {
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut text = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut text, formatter);
    value.serialize(&mut serializer).unwrap();
    let pretty = path.with_extension("pretty.json");
    std::fs::write(&pretty, text).unwrap();
    pretty
}

fn parse_floor(c: &mut Criterion) {
    let compact = portfolio_file(PROJECTS);
    let pretty = pretty_copy(&compact);

    let mut group = c.benchmark_group("parse_floor");
    group.sample_size(10);
    for (label, path) in [("compact", &compact), ("pretty", &pretty)] {
        // Check once that the timed work is the real thing: a valid portfolio.
        let checked = model::load_portfolio(path);
        assert!(
            checked.problems.is_empty(),
            "{:?}",
            checked.problems.first()
        );
        group.bench_function(format!("parse only (IgnoredAny), {label}"), |b| {
            b.iter(|| black_box(parse_only(black_box(path))))
        });
        group.bench_function(format!("load_portfolio (check), {label}"), |b| {
            b.iter(|| black_box(model::load_portfolio(black_box(path))))
        });
    }
    group.finish();
}

criterion_group!(benches, parse_floor);
criterion_main!(benches);
