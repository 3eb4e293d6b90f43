//! `check` (reading and validating, `model::load_portfolio`) on inputs that
//! once took minutes or overflowed the stack, beside the clean file they
//! come from (issue 10: each within about twice the clean file's time):
//! - the generated 60 000-project portfolio, clean;
//! - the same with 500 references mistyped (each gets a did-you-mean hint;
//!   was 51 s);
//! - the same with 20 000 references to ids that do not exist (was 299 s;
//!   each hint compares the id with its 128 neighbours in two sorted orders);
//! - the same without any `duration_days` (60 000 warnings; was 6.1 s);
//! - 20 000 two-project cycles (40 000 projects; was 12.4 s);
//! - a path of 88 000 projects ending in a two-project cycle, and one
//!   cycle of 100 000 projects (both overflowed the stack).
//!
//! And commands whose output is large by nature, or was slow for no reason
//! (run as the binary, output counted; issue 10):
//! - `schedule --format json` on a chain through 1 000 capabilities (each
//!   capability's driving path lists the whole chain before it: 10⁶ ids;
//!   on 10 000 it was 2.66 GB of memory for 1.9 GB of output, now 49 MB);
//! - `common --format json` on one component used by 1 000 projects
//!   (499 500 pairs, streamed; was buffered whole: 9.2 GB for 10 000);
//! - `rank` on a chain of 100 000 projects (was 6.8 s of CPU: a node with
//!   one successor now takes its successor's totals);
//! - `diagram --format dot` on a name of 1 000 000 characters (its
//!   wrapping recounted the characters for every line cut: 1.5 s);
//! - long chains in the reports for people, which write a long driving path
//!   or impact chain as its first and last steps (render/text/chain.rs):
//!   the `schedule` table on a chain through 10 000 capabilities (was 1.2 GB
//!   of table, 4.4 GB peak), `diagram --format html` on a chain through
//!   2 000 capabilities (was 54 MB), `impact --chains 0` and `weekly` on a
//!   chain of 40 000 projects (weekly: 3.3 s of CPU, 61 % walking whole
//!   impact chains to find one step), `weekly` on a chain through 2 000
//!   capabilities (was 192 s, 3.9 GB, a 1.36 GB briefing.html), and on a
//!   chain through 2 000 late capabilities (each needs a recovery: round 7
//!   worked out only those the briefing lists).
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

#[path = "support/binary.rs"]
mod binary;
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
/// last digit changed, a digit added), 500 in all.
fn mistyped(clean: &Value) -> Value {
    rewrite_references(clean, 40, 500, |id| {
        let mut id = id.to_string();
        let last = id.pop().unwrap();
        id.push(if last == '9' { '0' } else { '9' });
        id.push('7');
        id
    })
}

/// The generated portfolio with 20 000 plain references (every other one)
/// naming ids that do not exist: `ZZ-` before the id, three edits from it,
/// so each hint weighs its neighbours in full.
fn unknown(clean: &Value) -> Value {
    rewrite_references(clean, 2, 20_000, |id| format!("ZZ-{id}"))
}

/// `clean` with every `step`th plain `depends_on` reference, `count` in
/// all, rewritten by `rewrite`.
fn rewrite_references(
    clean: &Value,
    step: usize,
    count: usize,
    rewrite: impl Fn(&str) -> String,
) -> Value {
    let mut value = clean.clone();
    let mut changed = 0;
    let references = value["projects"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|p| p["depends_on"].as_array_mut().into_iter().flatten())
        .filter(|link| link.is_string())
        .step_by(step);
    for link in references.take(count) {
        *link = Value::String(rewrite(link.as_str().unwrap()));
        changed += 1;
    }
    assert_eq!(changed, count);
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
            "20 000 unknown references",
            write("unknown", &unknown(&clean)),
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

/// P0 → C0 → P1 → C1 → …: project i delivers capability i, on which
/// project i + 1 depends.
fn chain_through_capabilities(n: usize) -> Value {
    chain_through_targets(n, None)
}

/// [`chain_through_capabilities`] with every capability's target `target`
/// (a date): those past it are late, each with its own recovery, story and
/// chain into the impact diagram.
fn chain_through_targets(n: usize, target: Option<&str>) -> Value {
    let projects: Vec<Value> = (0..n)
        .map(|i| {
            let after = if i == 0 {
                vec![]
            } else {
                vec![format!("C{:06}", i - 1)]
            };
            json!({ "id": format!("P{i:06}"), "name": "p", "duration_days": 1,
                    "depends_on": after, "delivers": [format!("C{i:06}")] })
        })
        .collect();
    let capabilities: Vec<Value> = (0..n)
        .map(|i| {
            let mut capability = json!({ "id": format!("C{i:06}"), "name": "c" });
            if let Some(target) = target {
                capability["target"] = json!(target);
            }
            capability
        })
        .collect();
    json!({ "portfolio": { "name": "P", "start": "2025-01-01" },
            "capabilities": capabilities, "projects": projects })
}

/// One component K used by `n` projects.
fn hub(n: usize) -> Value {
    let projects: Vec<Value> = (0..n)
        .map(
            |i| json!({ "id": format!("P{i:06}"), "name": "p", "duration_days": 1, "uses": ["K"] }),
        )
        .collect();
    json!({ "portfolio": { "name": "P", "start": "2025-01-01" },
            "components": [{ "id": "K", "name": "k" }], "projects": projects })
}

/// P0 → P1 → … → P(n−1).
fn chain(n: usize) -> Value {
    projects(
        (0..n)
            .map(|i| {
                let after = if i == 0 {
                    vec![]
                } else {
                    vec![format!("P{:06}", i - 1)]
                };
                project(format!("P{i:06}"), after)
            })
            .collect(),
    )
}

fn long_name() -> Value {
    json!({ "portfolio": { "name": "P", "start": "2025-01-01" },
            "projects": [
                { "id": "A", "name": "N".repeat(1_000_000), "duration_days": 10 },
                { "id": "B", "name": "b", "duration_days": 5, "depends_on": ["A"] }] })
}

fn large_outputs(c: &mut Criterion) {
    let chain_caps = write(
        "chain-through-capabilities",
        &chain_through_capabilities(1_000),
    );
    let hub = write("hub", &hub(1_000));
    let chain_40k = write("chain-40000", &chain(40_000));
    let chain = write("chain", &chain(100_000));
    let long_name = write("long-name", &long_name());
    let chain_caps_10k = write(
        "chain-through-10000-capabilities",
        &chain_through_capabilities(10_000),
    );
    let chain_caps_2k = write(
        "chain-through-2000-capabilities",
        &chain_through_capabilities(2_000),
    );
    // Capability i finishes on day i + 1 (+ 30 with the delay): all but the
    // first 365 are late against 2026-01-01.
    let late_caps_2k = write(
        "chain-through-2000-late-capabilities",
        &chain_through_targets(2_000, Some("2026-01-01")),
    );
    let cases: Vec<(&str, Vec<&std::ffi::OsStr>, usize)> = vec![
        (
            "schedule --format json, chain through 1 000 capabilities",
            vec![
                "schedule".as_ref(),
                chain_caps.as_os_str(),
                "--format".as_ref(),
                "json".as_ref(),
            ],
            // 1 000 · 1 001 driving-path ids of 11 bytes and more.
            11_000_000,
        ),
        (
            "common --format json, one component used by 1 000 projects",
            vec![
                "common".as_ref(),
                hub.as_os_str(),
                "--format".as_ref(),
                "json".as_ref(),
            ],
            // 499 500 pairs of some 110 bytes.
            50_000_000,
        ),
        (
            "rank, chain of 100 000 projects",
            vec![
                "rank".as_ref(),
                chain.as_os_str(),
                "--format".as_ref(),
                "json".as_ref(),
            ],
            // 100 000 entries.
            10_000_000,
        ),
        (
            "diagram --format dot, a name of 1 000 000 characters",
            vec![
                "diagram".as_ref(),
                long_name.as_os_str(),
                "--format".as_ref(),
                "dot".as_ref(),
            ],
            1_000_000,
        ),
        (
            "schedule (table), chain through 10 000 capabilities",
            vec!["schedule".as_ref(), chain_caps_10k.as_os_str()],
            // 10 000 rows of some 100 bytes, each path at most 8 steps.
            1_000_000,
        ),
        (
            "diagram --format html, chain through 2 000 capabilities",
            vec![
                "diagram".as_ref(),
                chain_caps_2k.as_os_str(),
                "--format".as_ref(),
                "html".as_ref(),
            ],
            // 4 000 items in the page's SVG and panel figures.
            1_000_000,
        ),
        (
            "impact --chains 0, chain of 40 000 projects",
            vec![
                "impact".as_ref(),
                chain_40k.as_os_str(),
                "--delay".as_ref(),
                "P000000=30".as_ref(),
                "--chains".as_ref(),
                "0".as_ref(),
            ],
            // One chain, shortened.
            100,
        ),
    ];
    let mut group = c.benchmark_group("pathological output");
    group.sample_size(10);
    for (name, args, at_least) in &cases {
        // Check once that the timed work is the real thing.
        let written = binary::capgraph(args);
        assert!(written > *at_least, "{name}: {written} bytes");
        group.bench_function(*name, |b| b.iter(|| binary::capgraph(args)));
    }
    // The weekly briefing of a long chain, into a folder.
    let status = portfolio_file(0).with_file_name("pathological-chain-status.json");
    std::fs::write(
        &status,
        r#"{"as_of": "2025-02-01", "updates": [{"id": "P000000", "delay_days": 30}]}"#,
    )
    .unwrap();
    let folder = tempfile::tempdir().unwrap();
    for (name, portfolio) in [
        ("weekly, chain of 40 000 projects", &chain_40k),
        ("weekly, chain through 10 000 capabilities", &chain_caps_10k),
        (
            "weekly, chain through 2 000 late capabilities",
            &late_caps_2k,
        ),
    ] {
        let out = folder.path().join(name.replace([' ', ','], "-"));
        let args: Vec<&std::ffi::OsStr> = vec![
            "weekly".as_ref(),
            portfolio.as_os_str(),
            "--status".as_ref(),
            status.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
            "--force".as_ref(),
        ];
        binary::capgraph(&args);
        // Sized by its rows, not rows × chain length.
        let briefing = std::fs::metadata(out.join("briefing.md")).unwrap().len();
        assert!(
            briefing < 2_000_000,
            "{name}: briefing.md of {briefing} bytes"
        );
        group.bench_function(name, |b| b.iter(|| binary::capgraph(&args)));
    }
    group.finish();
}

criterion_group!(benches, pathological, large_outputs);
criterion_main!(benches);
