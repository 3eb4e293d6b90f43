//! `capgraph risk` against the independent Monte Carlo of tests/oracle/risk.py
//! (SPEC §11 written from the text alone, on cpm.py's schedule, with Python's
//! own generator). Both run 20 000 iterations; they share no random numbers,
//! so they agree statistically: shares within 0.02 (about four standard
//! errors of the difference), rank correlations within 0.04, means within
//! 4 days. The oracle's JSON is committed, so this needs no Python.

mod common;

use std::path::Path;

use serde_json::Value;

use common::{read_json, run};

const PORTFOLIO: &str = "fixtures/digital-backbone.json";
const SHARE: f64 = 0.02;
const CORRELATION: f64 = 0.04;
const MEAN_DAYS: f64 = 4.0;

fn number(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The share of iterations finishing on or before `day`, from capgraph's curve.
fn share_by(curve: &[Value], day: i64) -> f64 {
    curve
        .iter()
        .take_while(|step| step[0].as_i64().unwrap() <= day)
        .last()
        .map_or(0.0, |step| number(&step[1]))
}

/// Differences between one of capgraph's finish distributions and the oracle's.
fn compare_finish(what: &str, ours: &Value, oracle: &Value, out: &mut Vec<String>) {
    let curve = ours["cumulative"].as_array().expect("cumulative");
    for (p, key) in [
        (0.1, "p10_day"),
        (0.5, "p50_day"),
        (0.8, "p80_day"),
        (0.9, "p90_day"),
    ] {
        // The oracle's Pp is the first day reaching p: capgraph's curve
        // should reach about p there, and not yet the day before.
        let day = oracle[key].as_i64().unwrap();
        let (at, before) = (share_by(curve, day), share_by(curve, day - 1));
        if at < p - SHARE || before > p + SHARE {
            out.push(format!(
                "{what} {key}: oracle {day}, capgraph's share by then {at:.4} (day before {before:.4}), capgraph's own {}",
                ours[key]
            ));
        }
    }
    for key in ["deterministic_probability", "target_probability"] {
        match (ours[key].as_f64(), oracle[key].as_f64()) {
            (Some(a), Some(b)) if (a - b).abs() <= SHARE => {}
            (None, None) => {}
            (a, b) => out.push(format!("{what} {key}: capgraph {a:?}, oracle {b:?}")),
        }
    }
    if ours["deterministic_day"] != oracle["deterministic_day"] {
        out.push(format!("{what} deterministic_day differs"));
    }
    let (a, b) = (number(&ours["mean_day"]), number(&oracle["mean_day"]));
    if (a - b).abs() > MEAN_DAYS {
        out.push(format!("{what} mean_day: capgraph {a}, oracle {b}"));
    }
}

fn compare(oracle_file: &str, extra: &[&str]) {
    let oracle = read_json(Path::new(oracle_file));
    let mut args = vec![
        "risk",
        PORTFOLIO,
        "--iterations",
        "20000",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let r = run(&args);
    r.expect_code(0);
    let ours = r.json();
    let mut out = Vec::new();
    assert_eq!(ours["varying_projects"], oracle["varying_projects"]);
    compare_finish("finish", &ours["finish"], &oracle["finish"], &mut out);
    let caps = ours["capabilities"].as_array().unwrap();
    let oracle_caps = oracle["capabilities"].as_array().unwrap();
    assert_eq!(caps.len(), oracle_caps.len());
    for (c, o) in caps.iter().zip(oracle_caps) {
        let id = c["id"].as_str().unwrap();
        assert_eq!(c["id"], o["id"]);
        compare_finish(id, c, o, &mut out);
        for d in c["drivers"].as_array().unwrap() {
            let driver = d["id"].as_str().unwrap();
            let theirs = o["drivers"][driver].as_f64().unwrap_or(0.0);
            if (number(&d["share"]) - theirs).abs() > SHARE {
                out.push(format!(
                    "{id} driver {driver}: capgraph {}, oracle {theirs}",
                    d["share"]
                ));
            }
        }
    }
    for n in ours["nodes"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        let theirs = number(&oracle["criticality"][id]);
        if (number(&n["criticality"]) - theirs).abs() > SHARE {
            out.push(format!(
                "criticality {id}: capgraph {}, oracle {theirs}",
                n["criticality"]
            ));
        }
    }
    let tornado = ours["sensitivity"].as_array().unwrap();
    let oracle_tornado = oracle["sensitivity"].as_array().unwrap();
    assert_eq!(
        tornado[0]["id"], oracle_tornado[0]["id"],
        "the tornado's first bar"
    );
    for s in tornado {
        let id = s["id"].as_str().unwrap();
        // Bars below the oracle's tenth may be missing from its list.
        let theirs = oracle_tornado
            .iter()
            .find(|o| o["id"] == s["id"])
            .map_or_else(
                || number(&oracle_tornado[9]["correlation"]),
                |o| number(&o["correlation"]),
            );
        if (number(&s["correlation"]) - theirs).abs() > CORRELATION {
            out.push(format!(
                "sensitivity {id}: capgraph {}, oracle {theirs}",
                s["correlation"]
            ));
        }
    }
    assert!(out.is_empty(), "{oracle_file}:\n{}", out.join("\n"));
}

#[test]
fn triangular_agrees_with_the_oracle() {
    compare("tests/oracle/risk-triangular.json", &[]);
}

#[test]
fn pert_agrees_with_the_oracle() {
    compare("tests/oracle/risk-pert.json", &["--distribution", "pert"]);
}

#[test]
fn the_copula_agrees_with_the_oracle() {
    compare(
        "tests/oracle/risk-triangular-r05.json",
        &["--correlation", "0.5"],
    );
}

#[test]
fn a_status_file_agrees_with_the_oracle() {
    compare(
        "tests/oracle/risk-triangular-w48.json",
        &["--status", "fixtures/status-2026-w48.json"],
    );
}
