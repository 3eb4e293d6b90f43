//! `check` (reading and validating, `model::load_portfolio`) on inputs that
//! once took minutes or overflowed the stack, beside the clean file they
//! come from (issue 10: each within about twice the clean file's time):
//! - the generated 60 000-project portfolio, clean;
//! - the same with 500 references mistyped (each gets a did-you-mean hint;
//!   was 51 s);
//! - the same without any `duration_days` (60 000 warnings; was 6.1 s);
//! - 20 000 two-project cycles (40 000 projects; was 12.4 s);
//! - a path of 88 000 projects ending in a two-project cycle, and one
//!   cycle of 100 000 projects (both overflowed the stack).
//!
//! The files are written once under `target/bench-data/`, outside the
//! timed loops.

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};

use capgraph::model;

#[path = "support/generated.rs"]
mod generated;

use generated::portfolio_file;

/// Writes `value` beside the generated files; its path.
fn write(name: &str, value: &Value) -> PathBuf {
    let path = portfolio_file(0).with_file_name(format!("pathological-{name}.json"));
    std::fs::write(&path, value.to_string()).unwrap();
    path
}

fn projects(list: Vec<Value>) -> Value {
    json!({ "portfolio": { "name": "P", "start": "2025-01-01" }, "projects": list })
}

/// The generated portfolio with every 40th plain reference mistyped (its
/// last digit changed), 500 in all.
fn mistyped(clean: &Value) -> Value {
    let mut value = clean.clone();
    let mut changed = 0;
    let references = value["projects"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|p| p["depends_on"].as_array_mut().into_iter().flatten())
        .filter(|link| link.is_string())
        .step_by(40);
    for link in references.take(500) {
        let mut id = link.as_str().unwrap().to_string();
        let last = id.pop().unwrap();
        id.push(if last == '9' { '0' } else { '9' });
        id.push('7');
        *link = Value::String(id);
        changed += 1;
    }
    assert_eq!(changed, 500);
    value
}

fn without_durations(clean: &Value) -> Value {
    let mut value = clean.clone();
    for p in value["projects"].as_array_mut().unwrap() {
        p.as_object_mut().unwrap().remove("duration_days");
    }
    value
}

fn project(id: String, after: Vec<String>) -> Value {
    json!({ "id": id, "name": "n", "duration_days": 1, "depends_on": after })
}

fn pathological(c: &mut Criterion) {
    let clean_path = portfolio_file(60_000);
    let clean: Value =
        serde_json::from_str(&std::fs::read_to_string(&clean_path).unwrap()).unwrap();
    let pairs = (0..20_000)
        .flat_map(|i| {
            let (a, b) = (format!("A{i:05}"), format!("B{i:05}"));
            [project(a.clone(), vec![b.clone()]), project(b, vec![a])]
        })
        .collect();
    let mut path: Vec<Value> = (0..88_000)
        .map(|i| {
            let after = if i == 0 {
                vec![]
            } else {
                vec![format!("P{:05}", i - 1)]
            };
            project(format!("P{i:05}"), after)
        })
        .collect();
    path.push(project("Z".into(), vec!["P87999".into(), "Y".into()]));
    path.push(project("Y".into(), vec!["Z".into()]));
    let ring = (0..100_000)
        .map(|i| {
            project(
                format!("C{i:06}"),
                vec![format!("C{:06}", (i + 99_999) % 100_000)],
            )
        })
        .collect();
    let cases: Vec<(&str, PathBuf, bool)> = vec![
        ("clean, 60 000 projects", clean_path.clone(), true),
        (
            "500 mistyped references",
            write("mistyped", &mistyped(&clean)),
            false,
        ),
        (
            "no durations",
            write("no-durations", &without_durations(&clean)),
            true,
        ),
        (
            "20 000 two-project cycles",
            write("pairs", &projects(pairs)),
            false,
        ),
        (
            "88 000-project path into a cycle",
            write("path", &projects(path)),
            false,
        ),
        (
            "one 100 000-project cycle",
            write("ring", &projects(ring)),
            false,
        ),
    ];
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for (name, path, valid) in &cases {
        // Check once that the timed work is the real thing.
        let checked = model::load_portfolio(path);
        assert_eq!(checked.value.is_some(), *valid, "{name}");
        group.bench_function(*name, |b| {
            b.iter(|| black_box(model::load_portfolio(black_box(path as &Path))))
        });
    }
    group.finish();
}

criterion_group!(benches, pathological);
criterion_main!(benches);
