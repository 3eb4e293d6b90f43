//! `capgraph schedule` and `capgraph path` on the sample portfolio, compared
//! figure by figure with the independent Python oracle (tests/oracle/cpm.py,
//! written from the SPEC alone). The oracle's JSON is committed, so these
//! tests need no Python: regenerate it with the commands in tests/oracle/README.md.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use common::{read_json, run};

const PORTFOLIO: &str = "fixtures/digital-backbone.json";

/// Every difference between two lists of objects keyed by `"id"`, as
/// `list id.field: capgraph X, oracle Y` lines (missing ids included).
fn diff_by_id(list: &str, ours: &Value, oracle: &Value, out: &mut Vec<String>) {
    let index = |v: &Value| -> BTreeMap<String, Value> {
        v.as_array()
            .unwrap_or_else(|| panic!("{list} is not an array"))
            .iter()
            .map(|item| {
                (
                    item["id"].as_str().expect("an id").to_string(),
                    item.clone(),
                )
            })
            .collect()
    };
    let (ours_by_id, oracle_by_id) = (index(ours), index(oracle));
    let ids: BTreeSet<&String> = ours_by_id.keys().chain(oracle_by_id.keys()).collect();
    for id in ids {
        match (ours_by_id.get(id), oracle_by_id.get(id)) {
            (Some(a), Some(b)) => diff_fields(&format!("{list} {id}."), a, b, &[], out),
            (None, _) => out.push(format!("{list} {id}: missing from capgraph")),
            (_, None) => out.push(format!("{list} {id}: not in the oracle")),
        }
    }
    // The order of the list is part of the contract too.
    let order = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].to_string())
            .collect()
    };
    if order(ours) != order(oracle) {
        out.push(format!(
            "{list} order: capgraph {:?}, oracle {:?}",
            order(ours),
            order(oracle)
        ));
    }
}

/// Every field of two objects that differs, except those in `skip`, as
/// `{prefix}field: capgraph X, oracle Y` lines.
fn diff_fields(prefix: &str, ours: &Value, oracle: &Value, skip: &[&str], out: &mut Vec<String>) {
    let keys: BTreeSet<&String> = ours
        .as_object()
        .unwrap()
        .keys()
        .chain(oracle.as_object().unwrap().keys())
        .filter(|key| !skip.contains(&key.as_str()))
        .collect();
    for key in keys {
        if ours.get(key) != oracle.get(key) {
            out.push(format!(
                "{prefix}{key}: capgraph {:?}, oracle {:?}",
                ours.get(key),
                oracle.get(key)
            ));
        }
    }
}

/// Runs capgraph with `args` (plus `--status fixtures/STATUS`), compares its
/// JSON with the committed oracle JSON field by field (the `lists` by id),
/// and returns capgraph's JSON.
fn compare_with_oracle(args: &[&str], status: Option<&str>, oracle: &str, lists: &[&str]) -> Value {
    let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    args.extend(["--format".to_string(), "json".to_string()]);
    if let Some(status) = status {
        args.extend(["--status".to_string(), format!("fixtures/{status}")]);
    }
    let ours = run(&args).expect_code(0).json();
    let oracle_json = read_json(Path::new(oracle));
    let mut differences = Vec::new();
    diff_fields("", &ours, &oracle_json, lists, &mut differences);
    for list in lists {
        diff_by_id(list, &ours[list], &oracle_json[list], &mut differences);
    }
    assert!(
        differences.is_empty(),
        "capgraph {}: {} difference(s) with {oracle}:\n{}",
        args.join(" "),
        differences.len(),
        differences.join("\n")
    );
    ours
}

fn schedule_matches_the_oracle(status: Option<&str>, oracle: &str) {
    let ours = compare_with_oracle(
        &["schedule", PORTFOLIO],
        status,
        oracle,
        &["nodes", "capabilities"],
    );
    // The comparison must have had something to compare.
    assert!(ours["nodes"].as_array().unwrap().len() > 50);
    assert!(ours["capabilities"].as_array().unwrap().len() >= 8);
}

fn path_matches_the_oracle(target: &str, status: Option<&str>, oracle: &str) {
    let ours = compare_with_oracle(
        &["path", PORTFOLIO, "--to", target],
        status,
        oracle,
        &["nodes"],
    );
    assert!(ours["nodes"].as_array().unwrap().len() > 5);
}

#[test]
fn baseline_schedule_matches_the_oracle() {
    schedule_matches_the_oracle(None, "tests/oracle/schedule-baseline.json");
}

#[test]
fn week_47_schedule_matches_the_oracle() {
    schedule_matches_the_oracle(
        Some("status-2026-w47.json"),
        "tests/oracle/schedule-w47.json",
    );
}

#[test]
fn week_48_schedule_matches_the_oracle() {
    schedule_matches_the_oracle(
        Some("status-2026-w48.json"),
        "tests/oracle/schedule-w48.json",
    );
}

#[test]
fn float_to_cap_fmn_matches_the_oracle() {
    path_matches_the_oracle("CAP-FMN", None, "tests/oracle/path-CAP-FMN-baseline.json");
}

#[test]
fn float_to_cap_fmn_in_week_48_matches_the_oracle() {
    path_matches_the_oracle(
        "CAP-FMN",
        Some("status-2026-w48.json"),
        "tests/oracle/path-CAP-FMN-w48.json",
    );
}

#[test]
fn float_to_cap_tdl_matches_the_oracle() {
    path_matches_the_oracle("CAP-TDL", None, "tests/oracle/path-CAP-TDL-baseline.json");
}

#[test]
fn float_to_cap_tdl_in_week_47_matches_the_oracle() {
    path_matches_the_oracle(
        "CAP-TDL",
        Some("status-2026-w47.json"),
        "tests/oracle/path-CAP-TDL-w47.json",
    );
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    for format in ["json", "table", "md"] {
        let args = [
            "schedule",
            PORTFOLIO,
            "--status",
            "fixtures/status-2026-w48.json",
            "--format",
            format,
        ];
        let first = common::capgraph(&args);
        let second = common::capgraph(&args);
        assert!(first.status.success());
        assert!(!first.stdout.is_empty());
        assert_eq!(first.stdout, second.stdout, "--format {format}");
    }
    let args = ["path", PORTFOLIO, "--to", "CAP-FMN", "--format", "json"];
    assert_eq!(
        common::capgraph(&args).stdout,
        common::capgraph(&args).stdout
    );
}

/// The capability rows of a text report: (id, marked LATE).
fn capability_rows(text: &str) -> BTreeMap<String, bool> {
    text.lines()
        .filter_map(|line| {
            let id = line
                .trim_start_matches('|')
                .split_whitespace()
                .next()?
                .to_string();
            id.starts_with("CAP-").then(|| (id, line.contains("LATE")))
        })
        .collect()
}

#[test]
fn table_and_markdown_mark_the_late_capabilities() {
    // Baseline margins from the oracle (tests/oracle/schedule-baseline.json):
    // CAP-CDM −36, CAP-PCN −28, CAP-TDL −15, CAP-ZTA −13 are late;
    // CAP-BLOS, CAP-CLOUD, CAP-FMN, CAP-XDOM are on time.
    let oracle = read_json(Path::new("tests/oracle/schedule-baseline.json"));
    let expected: BTreeMap<String, bool> = oracle["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let late = c["margin_days"].as_i64().is_some_and(|m| m < 0);
            (c["id"].as_str().unwrap().to_string(), late)
        })
        .collect();
    assert_eq!(expected.values().filter(|late| **late).count(), 4);
    for format in ["table", "md"] {
        let out = run(&["schedule", PORTFOLIO, "--format", format]);
        out.expect_code(0);
        let rows = capability_rows(&out.stdout);
        // Driving-path cells may start with a capability id too; keep the
        // first row of each capability, which is its table row.
        let rows: BTreeMap<String, bool> = expected
            .keys()
            .map(|id| (id.clone(), rows.get(id).copied().unwrap_or(false)))
            .collect();
        assert_eq!(rows, expected, "--format {format}:\n{}", out.stdout);
        assert!(out.stdout.contains("4 late of 8"), "--format {format}");
    }
    let md = run(&["schedule", PORTFOLIO, "--format", "md"]).stdout;
    assert!(
        md.contains("| CAP-CDM |") && md.contains("| LATE |"),
        "{md}"
    );
}

#[test]
fn path_to_an_unknown_id_is_invalid_input_with_a_hint() {
    // "CAP-FMM" is one substitution from "CAP-FMN" and far from the others.
    let out = run(&["path", PORTFOLIO, "--to", "CAP-FMM"]);
    out.expect_code(1).expect_no_panic();
    assert!(out.stderr.contains("CAP-FMM"), "{}", out.stderr);
    assert!(
        out.stderr.contains(r#"did you mean "CAP-FMN"?"#),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    // An id like nothing in the portfolio: still exit 1, named, no panic.
    let out = run(&["path", PORTFOLIO, "--to", "NOPE"]);
    out.expect_code(1).expect_no_panic();
    assert!(out.stderr.contains("NOPE"), "{}", out.stderr);
}

#[test]
fn a_transposed_id_suggests_the_id_it_was_typed_for() {
    // "CAP-FNM" swaps two letters of "CAP-FMN". Plain Levenshtein counts
    // that as 2 edits, the same as "CAP-CDM" (F→C, N→D), which would win
    // the tie by byte order; a transposition is one typo.
    let out = run(&["path", PORTFOLIO, "--to", "CAP-FNM"]);
    out.expect_code(1);
    assert!(
        out.stderr.contains(r#"did you mean "CAP-FMN"?"#),
        "{}",
        out.stderr
    );
}

#[test]
fn a_negative_near_critical_threshold_is_wrong_usage() {
    for args in [
        &["schedule", PORTFOLIO, "--near-critical", "-1"][..],
        &["schedule", PORTFOLIO, "--near-critical=-1"][..],
    ] {
        let out = run(args);
        out.expect_code(2).expect_no_panic();
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_near_critical_threshold_of_zero_marks_nothing_near_critical() {
    let out = run(&[
        "schedule",
        PORTFOLIO,
        "--near-critical",
        "0",
        "--format",
        "json",
    ]);
    let json = out.expect_code(0).json();
    let near = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["near_critical"] == Value::Bool(true))
        .count();
    assert_eq!(near, 0);
}

/// A(10) → C(10) ← B(15). A is finished: it ran days 0–10 (2025-01-01 to
/// 2025-01-11). C starts on day 15 (B), so A has 15 − 10 = 5 days of total
/// float: near-critical by the number (≤ 10), but finished work is never
/// near-critical (SPEC §7).
const FINISHED: &str = r#"{"portfolio": {"name": "Done", "start": "2025-01-01"},
  "projects": [{"id": "A", "name": "Finished", "duration_days": 10},
               {"id": "B", "name": "Long", "duration_days": 15},
               {"id": "C", "name": "After", "duration_days": 10, "depends_on": ["A", "B"]}]}"#;
const FINISHED_STATUS: &str = r#"{"as_of": "2025-01-20", "updates": [
  {"id": "A", "actual_start": "2025-01-01", "actual_finish": "2025-01-11"}]}"#;

#[test]
fn finished_work_is_complete_and_never_near_critical() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("done.json");
    let status = dir.path().join("status.json");
    std::fs::write(&portfolio, FINISHED).unwrap();
    std::fs::write(&status, FINISHED_STATUS).unwrap();
    let (p, s) = (portfolio.to_str().unwrap(), status.to_str().unwrap());

    let got = run(&["schedule", p, "--status", s, "--format", "json"])
        .expect_code(0)
        .json();
    let node = |id: &str| {
        got["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(node("A")["total_float"], 5);
    assert_eq!(node("A")["complete"], true);
    assert_eq!(node("A")["near_critical"], false);
    assert_eq!(node("B")["complete"], false);
    assert_eq!(node("B")["critical"], true);

    // The table shows A as done, without float.
    let text = run(&["schedule", p, "--status", s])
        .expect_code(0)
        .stdout
        .clone();
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("A "))
        .expect("A's row");
    assert!(row.trim_end().ends_with("-  done"), "{row}");
    // B and C are critical (total float 0); A is done.
    assert!(
        text.contains("2 critical, 0 near-critical (float ≤ 10 days), 1 done"),
        "{text}"
    );

    // path: A's float to C would be 5 days (LS 15 − 10 = 5); it is done.
    let got = run(&["path", p, "--to", "C", "--status", s, "--format", "json"])
        .expect_code(0)
        .json();
    assert_eq!(
        got["nodes"],
        serde_json::json!([{"id": "B", "float_to_target": 0, "complete": false},
                           {"id": "A", "float_to_target": 5, "complete": true}])
    );
    let text = run(&["path", p, "--to", "C", "--status", s])
        .expect_code(0)
        .stdout
        .clone();
    let row = text
        .lines()
        .find(|l| l.starts_with("  A "))
        .expect("A's row");
    assert!(row.contains(" done "), "{row}");
}

#[test]
fn the_finished_cloud_project_is_not_near_critical_in_week_48() {
    // P-COR-001 reports an actual_finish in week 48 (total float 1 day).
    let got = run(&[
        "schedule",
        PORTFOLIO,
        "--status",
        "fixtures/status-2026-w48.json",
        "--format",
        "json",
    ])
    .expect_code(0)
    .json();
    let node = got["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "P-COR-001")
        .unwrap();
    assert_eq!(node["complete"], true);
    assert_eq!(node["near_critical"], false);
}
