//! `capgraph funding` on the sample portfolio, compared figure by figure with
//! the independent Python oracle (tests/oracle/funding.py, written from SPEC
//! §9 alone, summing day by day). The oracle's JSON is committed, so these
//! tests need no Python: regenerate it with the commands in tests/oracle/README.md.

mod common;

use serde_json::Value;

use common::{read_json, run};

const PORTFOLIO: &str = "fixtures/digital-backbone.json";
const STATUS: &str = "fixtures/status-2026-w48.json";

/// Every difference between two JSON values, numbers within a relative
/// 1e-9 plus a millionth of a currency unit (the oracle adds day by day,
/// capgraph year by year: a difference of large equal sums is a rounding
/// residue, not a figure).
fn differences(path: &str, ours: &Value, oracle: &Value, out: &mut Vec<String>) {
    match (ours, oracle) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => differences(&format!("{path}/{key}"), x, y, out),
                    _ => out.push(format!("{path}/{key}: only in one of them")),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                differences(&format!("{path}/{i}"), x, y, out);
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            if (a - b).abs() > 1e-9 * a.abs().max(b.abs()) + 1e-6 {
                out.push(format!("{path}: capgraph {a}, oracle {b}"));
            }
        }
        (a, b) if a != b => out.push(format!("{path}: capgraph {a}, oracle {b}")),
        _ => {}
    }
}

/// Runs `funding ARGS --format json` and compares it with the oracle's file.
fn compare_with_oracle(args: &[&str], oracle_file: &str) {
    let mut full = vec!["funding"];
    full.extend(args);
    full.extend(["--format", "json"]);
    let run = run(&full);
    run.expect_code(0);
    let ours: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let mut oracle = read_json(&common::root().join("tests/oracle").join(oracle_file));
    // The oracle does not group (`groups` follow --by); compared below.
    oracle["groups"] = ours["groups"].clone();
    let mut out = Vec::new();
    differences("", &ours, &oracle, &mut out);
    assert!(
        out.is_empty(),
        "{} differences from the oracle, first ones:\n{}",
        out.len(),
        out[..out.len().min(20)].join("\n")
    );
}

#[test]
fn baseline_funding_matches_the_oracle() {
    compare_with_oracle(&[PORTFOLIO], "funding-baseline.json");
}

#[test]
fn this_weeks_funding_matches_the_oracle() {
    compare_with_oracle(&[PORTFOLIO, "--status", STATUS], "funding-w48.json");
}

#[test]
fn a_horizon_cut_by_until_matches_the_oracle_and_reports_what_it_leaves_out() {
    compare_with_oracle(
        &[PORTFOLIO, "--status", STATUS, "--until", "2027"],
        "funding-w48-until-2027.json",
    );
    let r = run(&["funding", PORTFOLIO, "--until", "2027", "--format", "json"]);
    r.expect_code(0);
    assert!(r
        .stderr
        .contains("investment 2028, investment 2029, O&M 2028 and O&M 2029"));
    assert!(r.stderr.contains("authorisations after the horizon"));
}

#[test]
fn fiscal_years_from_april_match_the_oracle() {
    // The sample with "fiscal_year_start": "04-01" (the oracle's file was
    // made from the same edit).
    let text = std::fs::read_to_string(common::root().join(PORTFOLIO)).unwrap();
    let april = text.replacen(
        "\"currency\": \"EUR\"",
        "\"currency\": \"EUR\", \"fiscal_year_start\": \"04-01\"",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("april.json");
    std::fs::write(&path, april).unwrap();
    let status = common::root().join(STATUS);
    compare_with_oracle(
        &[path.to_str().unwrap(), "--status", status.to_str().unwrap()],
        "funding-w48-april.json",
    );
}

#[test]
fn groups_add_up_to_the_totals() {
    // By domain every project has a domain: the groups' years add up to the
    // portfolio's. By capability groups may overlap, so only each group's
    // years are checked against its members' project years.
    let r = run(&["funding", PORTFOLIO, "--status", STATUS, "--format", "json"]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let totals = doc["totals"].as_array().unwrap();
    for (i, total) in totals.iter().enumerate() {
        for field in ["baseline", "current", "om"] {
            let sum: f64 = doc["groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g["years"][i][field].as_f64().unwrap())
                .sum();
            let expected = total[field].as_f64().unwrap();
            assert!(
                (sum - expected).abs() <= 1e-6 * expected.max(1.0),
                "{field} {i}"
            );
        }
    }
    let ids: Vec<&str> = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["communication", "core", "cyber"]);
    let r = run(&[
        "funding",
        PORTFOLIO,
        "--by",
        "capability",
        "--format",
        "json",
    ]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["groups"].as_array().unwrap().len(), 8);
}

#[test]
fn the_csv_holds_the_json_figures_for_spreadsheets() {
    let json = run(&["funding", PORTFOLIO, "--status", STATUS, "--format", "json"]);
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    let csv = run(&[
        "funding", PORTFOLIO, "--status", STATUS, "--format", "csv", "--unit", "M",
    ]);
    csv.expect_code(0);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert!(lines[0].starts_with("scope,id,year,baseline,current,shift,om_baseline,om,"));
    let columns = lines[0].split(',').count();
    assert!(lines.iter().all(|l| l.split(',').count() == columns));
    // The 2027 portfolio row, in millions to the cent.
    let row: Vec<&str> = lines
        .iter()
        .find(|l| l.starts_with("portfolio,,2027,"))
        .unwrap()
        .split(',')
        .collect();
    let t2027 = &doc["totals"][2];
    let current: f64 = row[4].parse().unwrap();
    assert!((current - t2027["current"].as_f64().unwrap() / 1e6).abs() < 1e-8);
    let ceiling: f64 = row[12].parse().unwrap();
    assert_eq!(ceiling, 400.0);
    // One row per project year of the JSON.
    let project_years: usize = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["years"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("project,")).count(),
        project_years
    );
}

#[test]
fn tables_round_to_the_unit_asked_for() {
    let r = run(&["funding", PORTFOLIO, "--status", STATUS, "--unit", "M"]);
    r.expect_code(0);
    assert!(r.stdout.contains("Amounts in EUR M"));
    // 2028: ceiling 225 M; this week's excess rounded to whole millions.
    let line = r
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("2028 "))
        .unwrap();
    assert!(line.contains(" 225 "), "{line}");
    let md = run(&["funding", PORTFOLIO, "--format", "md"]);
    assert!(md
        .stdout
        .starts_with("# Digital Backbone — money by fiscal year"));
    assert!(md.stdout.contains("| Year | Baseline |"));
}

#[test]
fn wrong_until_is_wrong_usage() {
    run(&["funding", PORTFOLIO, "--until", "2020"]).expect_code(2);
    run(&["funding", PORTFOLIO, "--until", "12000"]).expect_code(2);
}

#[test]
fn huge_amounts_and_far_years_give_figures_without_panic() {
    // 1e300 of investment and O&M, a ceiling and an authorisation far after
    // the schedule (kept: the horizon is widened to them), one million days.
    let text = r#"{"portfolio": {"name": "Huge", "start": "2025-01-01"},
        "ceilings": {"investment": {"2999": 1e300}},
        "capabilities": [{"id": "C", "name": "c", "legacy_om_per_year": 1e300}],
        "projects": [
          {"id": "A", "name": "a", "duration_days": 1000000,
           "cost": {"investment": 1e300, "om_per_year": 1e300, "profile": "bell",
                    "authorised": {"2030": 1e300}}, "delivers": ["C"]},
          {"id": "B", "name": "b", "duration_days": 0,
           "cost": {"investment": 1e300, "profile": [1e300, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 1]}}]}"#;
    let status = r#"{"as_of": "2026-01-01", "updates": [
        {"id": "A", "delay_days": 1000000, "percent_complete": 100, "actual_cost": 1e300}]}"#;
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("huge.json");
    let status_path = dir.path().join("status.json");
    std::fs::write(&portfolio, text).unwrap();
    std::fs::write(&status_path, status).unwrap();
    for format in ["json", "table", "csv", "md"] {
        let r = run(&[
            "funding",
            portfolio.to_str().unwrap(),
            "--status",
            status_path.to_str().unwrap(),
            "--format",
            format,
        ]);
        r.expect_no_panic().expect_code(0);
    }
    let r = run(&[
        "funding",
        portfolio.to_str().unwrap(),
        "--status",
        status_path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let years = doc["years"].as_array().unwrap();
    // The horizon reaches the 1e6 + 1e6-day schedule's finish + 5 (year 7500 or so).
    let last: i64 = years.last().unwrap()["year"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(last > 7000, "{last}");
    let ceiling_year = years.iter().position(|y| y["year"] == "2999").unwrap();
    assert_eq!(doc["totals"][ceiling_year]["ceiling_investment"], 1e300);
}
