//! Weekly briefing benchmark: the whole briefing (three schedules, impact,
//! comparisons, Markdown, HTML and summary JSON) for a generated portfolio
//! and its generated status file, 10 000 and 100 000 projects. Diagrams are
//! left out here: drawing them is Graphviz's work, timed end to end instead
//! (see the weekly issue's closing note). Target: 10 000 projects ≤ 3 s.

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

use capgraph::briefing::figures::BriefingOptions;
use capgraph::briefing::{build_briefing, Diagrams, WeeklyInputs};
use capgraph::generate::{write_portfolio, write_status, GenerateOptions};
use capgraph::model::{self, Portfolio};

/// A generated portfolio, this week's status text and last week's: every
/// other update of this week, so the comparison has work to do.
fn generated(projects: usize) -> (Portfolio, String, String) {
    let options = GenerateOptions { projects, seed: 1 };
    let mut portfolio = Vec::new();
    write_portfolio(&options, &mut portfolio).expect("in memory");
    let portfolio = model::portfolio_from_str(std::str::from_utf8(&portfolio).unwrap(), "p.json")
        .value
        .expect("valid generated portfolio");
    let mut text = Vec::new();
    write_status(&options, &mut text).expect("in memory");
    let this_week = String::from_utf8(text).expect("UTF-8");
    let mut last_week: serde_json::Value = serde_json::from_str(&this_week).expect("JSON");
    let mut keep = false;
    last_week["updates"]
        .as_array_mut()
        .expect("updates")
        .retain(|_| {
            keep = !keep;
            keep
        });
    (portfolio, this_week, last_week.to_string())
}

fn weekly(c: &mut Criterion) {
    let mut group = c.benchmark_group("weekly");
    group.sample_size(10);
    for projects in [10_000, 100_000] {
        let (portfolio, this_week, last_week) = generated(projects);
        let status = model::status_from_str(&this_week, &portfolio, "s.json")
            .value
            .expect("valid generated status");
        let mut weeks = model::Weeks::new(status);
        weeks
            .last_week_from_str(&last_week, "p.json")
            .value
            .expect("valid last week");
        let inputs = WeeklyInputs {
            weeks: &weeks,
            what_ifs: Vec::new(),
            options: BriefingOptions::default(),
            marking: None,
        };
        group.bench_function(format!("briefing_{projects}"), |b| {
            b.iter(|| {
                let weekly = build_briefing(&inputs, |_| Diagrams {
                    files: Vec::new(),
                    figures: None,
                })
                .expect("no what-ifs");
                let mut summary = Vec::new();
                weekly.write_summary(&mut summary).expect("in memory");
                black_box((weekly.files.len(), summary.len()))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, weekly);
criterion_main!(benches);
