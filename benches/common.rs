//! `capgraph common --format json --top 1000` on generated portfolios of
//! 20 000 and 100 000 projects: the whole command (load, validate, analyse,
//! render) and the analysis alone.
//!
//! Until `capgraph generate` lands, the portfolios come from the small
//! deterministic generator below (splitmix64): 3 domains, N/20 components,
//! 1–6 components per project, and 3 hub components each used by about a
//! tenth of the projects. The files are kept in `target/bench-data/` for
//! timing the release binary by hand.

use std::fs;
use std::hint::black_box;
use std::io;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};

use capgraph::analysis::common::{analyse, CommonOptions};
use capgraph::cli::{CommonArgs, Format, OutputArgs};
use capgraph::command::{common, Streams};

/// splitmix64: tiny, fast and the same on every machine.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const DOMAINS: [&str; 3] = ["communication", "core", "cyber"];
const HUBS: usize = 3;

/// A portfolio of `projects` projects, as JSON.
fn generate(projects: usize, seed: u64) -> Value {
    let mut rng = SplitMix(seed);
    let components = (projects / 20).max(HUBS + 1);
    let capabilities = (projects / 50).max(1);
    let component_list: Vec<Value> = (0..components)
        .map(|c| json!({ "id": format!("C-{c:06}"), "name": format!("Component {c}"), "domain": DOMAINS[c % 3] }))
        .collect();
    let capability_list: Vec<Value> = (0..capabilities)
        .map(|c| json!({ "id": format!("CAP-{c:05}"), "name": format!("Capability {c}") }))
        .collect();
    let project_list: Vec<Value> = (0..projects)
        .map(|p| {
            let mut uses: Vec<String> = (0..1 + rng.below(6))
                .map(|_| format!("C-{:06}", rng.below(components)))
                .collect();
            for hub in 0..HUBS {
                if rng.below(10) == 0 {
                    uses.push(format!("C-{hub:06}"));
                }
            }
            let mut project = json!({
                "id": format!("P-{p:06}"),
                "name": format!("Project {p}"),
                "domain": DOMAINS[rng.below(3)],
                "duration_days": 30 + rng.below(400),
                "uses": uses,
                "delivers": [format!("CAP-{:05}", rng.below(capabilities))],
            });
            if p > 0 && rng.below(3) == 0 {
                project["depends_on"] = json!([format!("P-{:06}", rng.below(p))]);
            }
            project
        })
        .collect();
    json!({
        "portfolio": { "name": format!("Generated {projects}"), "start": "2025-01-01" },
        "domains": DOMAINS,
        "components": component_list,
        "capabilities": capability_list,
        "projects": project_list,
    })
}

/// Writes the generated portfolio under `target/bench-data/` (once).
fn portfolio_file(projects: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    fs::create_dir_all(&dir).expect("target is writable");
    let path = dir.join(format!("common-{projects}.json"));
    if !path.exists() {
        fs::write(&path, generate(projects, 1).to_string()).expect("target is writable");
    }
    path
}

fn command(c: &mut Criterion, projects: usize) {
    let args = CommonArgs {
        portfolio: portfolio_file(projects),
        min_shared: 1,
        min_jaccard: 0.5,
        top: Some(1000),
        format: Format::Json,
        output: OutputArgs::default(),
    };
    let mut group = c.benchmark_group("common");
    group.sample_size(10);
    group.bench_function(format!("command json top 1000, {projects} projects"), |b| {
        b.iter(|| {
            let mut stdout = io::sink();
            let mut stderr = io::sink();
            let mut streams = Streams {
                stdout: &mut stdout,
                stderr: &mut stderr,
                stderr_is_terminal: false,
            };
            common::run(black_box(&args), &mut streams).expect("the command succeeds");
        })
    });
    let portfolio = capgraph::model::load_portfolio(&args.portfolio)
        .value
        .expect("a valid portfolio");
    let options = CommonOptions {
        top: Some(1000),
        ..CommonOptions::default()
    };
    group.bench_function(format!("analysis top 1000, {projects} projects"), |b| {
        b.iter(|| black_box(analyse(&portfolio, &options)))
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    command(c, 20_000);
    command(c, 100_000);
}

criterion_group!(common_benches, benches);
criterion_main!(common_benches);
