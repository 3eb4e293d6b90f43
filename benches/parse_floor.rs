//! `check`'s reading and validation against the physical floor: parsing
//! the same file once with serde_json into `serde::de::IgnoredAny` (read,
//! UTF-8 check, tokenise, nothing kept). Issue 10's target: loading a
//! portfolio (what `capgraph check` does before printing) takes at most
//! twice the floor, on the 100 000-project portfolio of `capgraph generate`
//! and on the same file pretty-printed as `python3 -m json.tool` writes it
//! (four-space indent, one member per line, keys in the generator's order),
//! on both with the keys of every object sorted (as `jq -S`, Python's
//! `sort_keys=True` or a `serde_json::Value` round trip write them: the
//! lists before `portfolio`, `depends_on` before `id`; the reader must cost
//! the same whatever the order), and on the file written with every link
//! as an object `{id, type, lag_days}` and every name 80 characters long
//! (made through a `serde_json::Value`, so its keys are sorted too), compact
//! and pretty. `schedule --format json` (the binary, writing its whole
//! document) is measured against the same floor: issue 10's target is at
//! most 3×.
//!
//! `least check` is a lower bound for `check` (see `support/least_check.rs`):
//! the least reading, resolving and ordering any check must do.
//!
//! The files are written once under `target/bench-data/`, outside the
//! timed loops.

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};

use capgraph::model;

#[path = "support/binary.rs"]
mod binary;
#[path = "support/generated.rs"]
mod generated;
#[path = "support/least_check.rs"]
mod least_check;

use binary::capgraph;
use generated::{key_sorted_copy, portfolio_file, pretty_copy};

const PROJECTS: usize = 100_000;

/// The floor: read the file and parse it, keeping nothing.
fn parse_only(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).expect("readable UTF-8");
    let _: serde::de::IgnoredAny = serde_json::from_str(&text).expect("well-formed JSON");
    text.len()
}

fn read_value(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `path` with every `depends_on` and `uses` link written as an object
/// (`"P-1"` becomes `{"id": "P-1", "type": "FS", "lag_days": 0}`, the same
/// link) and every name cut or padded to 80 characters.
fn objects_copy(path: &Path) -> PathBuf {
    let mut value = read_value(path);
    for list in ["components", "capabilities", "projects"] {
        for node in value[list].as_array_mut().into_iter().flatten() {
            let name = node["name"].as_str().unwrap_or_default();
            let long: String = format!("{name} {}", "x".repeat(80))
                .chars()
                .take(80)
                .collect();
            node["name"] = long.into();
            for field in ["depends_on", "uses"] {
                let links = node.get_mut(field).and_then(|l| l.as_array_mut());
                for link in links.into_iter().flatten() {
                    if let Some(id) = link.as_str() {
                        *link = serde_json::json!({"id": id, "type": "FS", "lag_days": 0});
                    }
                }
            }
        }
    }
    let objects = path.with_extension("objects.json");
    std::fs::write(&objects, serde_json::to_vec(&value).unwrap()).unwrap();
    objects
}

fn parse_floor(c: &mut Criterion) {
    let compact = portfolio_file(PROJECTS);
    let pretty = pretty_copy(&compact);
    let sorted = key_sorted_copy(&compact);
    let sorted_pretty = pretty_copy(&sorted);
    let objects = objects_copy(&compact);
    let objects_pretty = pretty_copy(&objects);

    let mut group = c.benchmark_group("parse_floor");
    group.sample_size(10);
    let files = [
        ("compact", &compact),
        ("pretty", &pretty),
        ("key-sorted", &sorted),
        ("key-sorted, pretty", &sorted_pretty),
        ("objects, 80-character names", &objects),
        ("objects, 80-character names, pretty", &objects_pretty),
    ];
    for (label, path) in files {
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
        // The least any `check` must do: how close to the floor it can get.
        group.bench_function(format!("least check (lower bound), {label}"), |b| {
            b.iter(|| black_box(least_check::least_check(black_box(path))))
        });
        group.bench_function(format!("load_portfolio (check), {label}"), |b| {
            b.iter(|| black_box(model::load_portfolio(black_box(path))))
        });
        let schedule = [
            "schedule".as_ref(),
            path.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ];
        group.bench_function(format!("schedule --format json (binary), {label}"), |b| {
            b.iter(|| capgraph(&schedule))
        });
    }
    group.finish();
}

criterion_group!(benches, parse_floor);
criterion_main!(benches);
