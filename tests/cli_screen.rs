//! `capgraph screen` on the sample portfolio: the JSON compared with the
//! second implementation in tests/oracle/screen.py (committed output), the
//! exit codes, and the screening report in Markdown and HTML.

mod common;

use std::fs;

use common::{read_json, root, run};

const PORTFOLIO: &str = "fixtures/digital-backbone.json";
const W48: &str = "fixtures/status-2026-w48.json";

#[test]
fn screen_json_equals_the_oracle_with_and_without_status() {
    let cases: [(&[&str], &str); 4] = [
        (&[], "screen-baseline.json"),
        (
            &["--status", "fixtures/status-2026-w47.json"],
            "screen-w47.json",
        ),
        (&["--status", W48], "screen-w48.json"),
        (
            &[
                "--status",
                W48,
                "--high-float",
                "100",
                "--high-duration",
                "400",
            ],
            "screen-w48-limits.json",
        ),
    ];
    for (options, oracle) in cases {
        let mut args = vec!["screen", PORTFOLIO, "--format", "json"];
        args.extend_from_slice(options);
        let ours = run(&args).expect_code(0).json();
        let expected = read_json(&root().join("tests/oracle").join(oracle));
        assert_eq!(ours, expected, "{oracle}");
    }
}

#[test]
fn without_status_the_status_checks_do_not_apply() {
    let json = run(&["screen", PORTFOLIO, "--format", "json"])
        .expect_code(0)
        .json();
    assert_eq!(json["schema"], "capgraph.screen/1");
    assert_eq!(json["as_of"], serde_json::Value::Null);
    for number in [9, 11, 13, 14] {
        let check = &json["checks"][number - 1];
        assert_eq!(check["number"], number);
        assert_eq!(check["pass"], serde_json::Value::Null);
        assert_eq!(check["value"], serde_json::Value::Null);
    }
    assert_eq!(json["not_applicable"], 4);
}

#[test]
fn a_failed_check_is_a_finding_not_an_error_unless_asked() {
    // The sample fails several checks: exit 0, and 4 with --fail-on-finding.
    let plain = run(&["screen", PORTFOLIO, "--status", W48]);
    plain.expect_code(0);
    assert!(plain.stdout.contains("checks passed"));
    run(&["screen", PORTFOLIO, "--status", W48, "--fail-on-finding"]).expect_code(4);
}

#[test]
fn fail_on_finding_exits_0_when_every_applicable_check_passes() {
    // k → A → B → CAP, 10 days each, costed: every check that applies passes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clean.json");
    fs::write(
        &path,
        r#"{"portfolio": {"name": "Clean", "start": "2025-01-01"},
            "components": [{"id": "k", "name": "k"}],
            "capabilities": [{"id": "CAP", "name": "c", "target": "2030-01-01"}],
            "projects": [
              {"id": "A", "name": "a", "duration_days": 10, "cost": {"investment": 1}, "uses": ["k"]},
              {"id": "B", "name": "b", "duration_days": 10, "cost": {"investment": 1},
               "depends_on": ["A"], "delivers": ["CAP"]}]}"#,
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let result = run(&["screen", path, "--fail-on-finding"]);
    result.expect_code(0);
    assert!(result
        .stdout
        .contains("10 of 14 checks passed, 4 not applicable."));
}

#[test]
fn the_html_report_names_each_failed_check_and_what_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    run(&[
        "screen",
        PORTFOLIO,
        "--status",
        W48,
        "-o",
        report.to_str().unwrap(),
    ])
    .expect_code(0);
    let html = fs::read_to_string(&report).unwrap();
    let json = run(&["screen", PORTFOLIO, "--status", W48, "--format", "json"]).json();
    let passed = json["passed"].as_u64().unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(&format!("<p>{passed} of 14 checks passed")));
    for check in json["checks"].as_array().unwrap() {
        let heading = format!(
            "<h3>Check {}: {} — failed</h3>",
            check["number"],
            check["name"].as_str().unwrap()
        );
        assert_eq!(html.contains(&heading), check["pass"] == false, "{heading}");
        if check["pass"] == false {
            let first = check["ids"][0].as_str().unwrap();
            assert!(html.contains(&format!("<td>{first}</td>")), "{first}");
        }
    }
    // Self-contained: nothing fetched from anywhere.
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"));
}

#[test]
fn markdown_report_has_the_summary_and_the_sections() {
    let md = run(&["screen", PORTFOLIO, "--status", W48, "--format", "md"]);
    md.expect_code(0);
    assert!(md.stdout.starts_with("# Screening of Digital Backbone\n"));
    assert!(md
        .stdout
        .contains("### Check 12: critical path test — failed"));
    assert!(md.stdout.contains("| \\# | Check | Result |"));
}

#[test]
fn negative_limits_are_wrong_usage() {
    let result = run(&["screen", PORTFOLIO, "--high-float=-1"]);
    result.expect_code(2);
    assert!(result
        .stderr
        .contains("--high-float must be 0 or more days"));
}

#[test]
fn the_report_is_never_written_over_an_input() {
    run(&["screen", PORTFOLIO, "-o", PORTFOLIO]).expect_code(2);
}
