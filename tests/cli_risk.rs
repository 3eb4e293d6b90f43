//! `capgraph risk` (SPEC §11) on the sample portfolio: reproducible bytes
//! whatever the threads, the document's shape and invariants, wrong usage.

mod common;

use std::process::Command;

use serde_json::Value;

use common::{root, run};

const PORTFOLIO: &str = "fixtures/digital-backbone.json";

/// stdout of `capgraph ARGS` with RAYON_NUM_THREADS set.
fn with_threads(threads: usize, args: &[&str]) -> Vec<u8> {
    let output = Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args(args)
        .current_dir(root())
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .expect("the capgraph binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

#[test]
fn the_same_seed_gives_the_same_bytes_with_one_or_two_threads() {
    for format in ["json", "table"] {
        let args = [
            "risk",
            PORTFOLIO,
            "--iterations",
            "3000",
            "--seed",
            "5",
            "--correlation",
            "0.3",
            "--format",
            format,
        ];
        let one = with_threads(1, &args);
        assert_eq!(one, with_threads(2, &args), "{format}");
        let mut other = args;
        other[5] = "6";
        assert_ne!(one, with_threads(2, &other), "{format}");
    }
}

fn finite(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The invariants of one finish distribution.
fn check_finish(what: &str, f: &Value) {
    let days: Vec<i64> = ["p10_day", "p50_day", "p80_day", "p90_day"]
        .iter()
        .map(|k| f[k].as_i64().unwrap_or_else(|| panic!("{what}.{k}")))
        .collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{what}: {days:?}");
    let mean = finite(&f["mean_day"]);
    assert!(
        (days[0] as f64) <= mean + 1.0 && mean <= days[3] as f64 + 200.0,
        "{what}"
    );
    // Pp is the first day whose cumulative share reaches p %.
    let curve = f["cumulative"].as_array().expect("cumulative");
    for (p, key) in [
        (0.1, "p10_day"),
        (0.5, "p50_day"),
        (0.8, "p80_day"),
        (0.9, "p90_day"),
    ] {
        let first = curve
            .iter()
            .find(|step| finite(&step[1]) >= p - 1e-12)
            .expect("reached");
        assert_eq!(first[0].as_i64(), f[key].as_i64(), "{what}.{key}");
    }
    let last = curve.last().expect("a step");
    assert!((finite(&last[1]) - 1.0).abs() < 1e-12, "{what}");
    let share = finite(&f["deterministic_probability"]);
    assert!((0.0..=1.0).contains(&share), "{what}");
}

#[test]
fn the_document_holds_every_figure_of_spec_11() {
    let r = run(&[
        "risk",
        PORTFOLIO,
        "--iterations",
        "2000",
        "--distribution",
        "pert",
        "--format",
        "json",
    ]);
    r.expect_code(0).expect_no_panic();
    let json = r.json();
    assert_eq!(json["schema"], "capgraph.risk/1");
    assert_eq!(json["iterations"], 2000);
    assert_eq!(json["seed"], 1);
    assert_eq!(json["distribution"], "pert");
    // Every one of the 49 projects has a range or takes the default
    // [−10, 25] %, every one of them wide enough to vary.
    assert_eq!(json["varying_projects"], 49);
    check_finish("finish", &json["finish"]);
    assert_eq!(json["finish"]["target"], Value::Null);
    let capabilities = json["capabilities"].as_array().expect("capabilities");
    assert_eq!(capabilities.len(), 8);
    let ids: Vec<&str> = capabilities
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    for c in capabilities {
        let id = c["id"].as_str().unwrap();
        check_finish(id, c);
        assert!(
            c["target"].is_string() && c["target_probability"].is_number(),
            "{id}"
        );
        let drivers = c["drivers"].as_array().expect("drivers");
        assert!(!drivers.is_empty() && drivers.len() <= 10, "{id}");
        let shares: Vec<f64> = drivers.iter().map(|d| finite(&d["share"])).collect();
        assert!(shares.windows(2).all(|w| w[0] >= w[1]), "{id}: {shares:?}");
        assert!(
            drivers.iter().all(|d| d["id"] != c["id"]),
            "{id} drives itself"
        );
    }
    // CAP-PCN is delivered by P-COM-001 alone among its predecessors' chains
    // (P-COM-001 → P-COM-012 → CAP-PCN in the schedule): always on its path.
    let pcn = capabilities.iter().find(|c| c["id"] == "CAP-PCN").unwrap();
    assert_eq!(pcn["drivers"][0]["id"], "P-COM-001");
    assert_eq!(finite(&pcn["drivers"][0]["share"]), 1.0);
    let nodes = json["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 49 + 18 + 8);
    for n in nodes {
        assert!((0.0..=1.0).contains(&finite(&n["criticality"])));
    }
    let tornado = json["sensitivity"].as_array().expect("sensitivity");
    assert_eq!(tornado.len(), 10);
    let strengths: Vec<f64> = tornado
        .iter()
        .map(|s| finite(&s["correlation"]).abs())
        .collect();
    assert!(strengths.windows(2).all(|w| w[0] >= w[1]), "{strengths:?}");
}

#[test]
fn a_status_file_applies_to_every_iteration() {
    let r = run(&[
        "risk",
        PORTFOLIO,
        "--status",
        "fixtures/status-2026-w48.json",
        "--iterations",
        "500",
        "--format",
        "json",
    ]);
    r.expect_code(0);
    let json = r.json();
    assert_eq!(json["as_of"], "2026-11-23");
    // The deterministic finish is `schedule --status`'s.
    let schedule = run(&[
        "schedule",
        PORTFOLIO,
        "--status",
        "fixtures/status-2026-w48.json",
        "--format",
        "json",
    ]);
    assert_eq!(
        json["finish"]["deterministic_day"],
        schedule.json()["finish_day"]
    );
}

#[test]
fn the_reports_for_people() {
    let r = run(&["risk", PORTFOLIO, "--iterations", "500"]);
    r.expect_code(0);
    for text in [
        "Digital Backbone — schedule risk",
        "500 iterations (seed 1), triangular distributions",
        "CAP-PCN",
        "Criticality index",
        "Sensitivity",
    ] {
        assert!(r.stdout.contains(text), "{text}:\n{}", r.stdout);
    }
    let md = run(&["risk", PORTFOLIO, "--iterations", "500", "--format", "md"]);
    md.expect_code(0);
    assert!(md.stdout.starts_with("# Digital Backbone — schedule risk"));
    assert!(md.stdout.contains("| CAP-PCN |"));
}

#[test]
fn wrong_usage_is_refused() {
    for args in [
        ["risk", PORTFOLIO, "--correlation", "1"],
        ["risk", PORTFOLIO, "--correlation", "-0.1"],
        ["risk", PORTFOLIO, "--iterations", "0"],
        ["risk", PORTFOLIO, "--distribution", "normal"],
    ] {
        let r = run(&args);
        r.expect_code(2).expect_no_panic();
    }
}

#[test]
fn the_s_curves_are_one_svg_with_a_curve_per_finish() {
    let r = run(&["risk", PORTFOLIO, "--iterations", "500", "--format", "svg"]);
    r.expect_code(0).expect_no_panic();
    let svg = roxmltree::Document::parse(&r.stdout).expect("well-formed SVG");
    let texts: Vec<&str> = svg
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    // The legend names the portfolio and each of the 8 capabilities.
    for name in [
        "Portfolio finish",
        "CAP-PCN",
        "CAP-ZTA",
        "target",
        "plan date",
    ] {
        assert!(texts.contains(&name), "{name} not in {texts:?}");
    }
}

#[test]
fn the_briefing_has_a_schedule_risk_section() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("briefing");
    let r = run(&[
        "weekly",
        PORTFOLIO,
        "--status",
        "fixtures/status-2026-w48.json",
        "-o",
        out.to_str().unwrap(),
    ]);
    r.expect_code(0);
    let md = std::fs::read_to_string(out.join("briefing.md")).unwrap();
    assert!(md.contains("Schedule risk"), "{md}");
    // One sentence per late or at-risk capability: CAP-PCN is late in week 48.
    let sentence = md
        .lines()
        .find(|l| l.starts_with("- CAP-PCN: "))
        .expect("a sentence on CAP-PCN");
    assert!(
        sentence.contains("chance of meeting 2028-05-31; P80 ")
            && sentence.contains("most of the spread comes from P-CYB-002"),
        "{sentence}"
    );
    assert!(out.join("risk.svg").exists());
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["risk"]["schema"], "capgraph.risk/1");
    assert_eq!(summary["risk"]["as_of"], "2026-11-23");
}
