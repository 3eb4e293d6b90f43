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

#[test]
fn an_imported_p6_plan_is_screened_as_worked_out_by_hand() {
    // fixtures/p6/small.xer (worked out in tests/cli_import.rs): A1000
    // complete; A1010 (17 d, started) → A1020 (3 d, FS+3, start 01-20) →
    // A1030 (5 d, SS+1 from A1020, FF from A1010, start 01-06) → M1040 (0 d,
    // start 01-06). Schedule: A1010 EF 19, A1020 ES 22, A1030 ES 23, T = 28.
    // Population A1010, A1020, A1030, M1040 = 4; 5 links into projects.
    // 1 logic: M1040 has no successor: 1 of 4.
    // 3 lags: FS+3 into A1020, SS+1 into A1030: 2 of 5.
    // 4 relationship types: SS and FF both into A1030: 3 of 5 FS = 60 %.
    // 5 constraints: every start is below its ES (19 < 22, 5 < 23, 5 < 28): 0.
    // 10 cost loading: A1010 and A1030 have work and no cost; M1040 none: 2 of 4.
    // 11/14: only A1000 is due by as_of day 5 (baseline EF 3) and it finished
    //   on day 3: missed 0 of 1, BEI 1 ÷ 1.
    // 12: critical path A1010 → A1020 → A1030 → M1040; A1010 has an actual
    //   start, so A1020 gets +600: EF 625, but A1030 hangs on A1020's start
    //   (SS), so T = 625, a slip of 597: fails.
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("p.json");
    let status = dir.path().join("s.json");
    run(&[
        "import".as_ref(),
        "p6".as_ref(),
        root().join("fixtures/p6/small.xer").as_os_str(),
        "-o".as_ref(),
        portfolio.as_os_str(),
        "--status-out".as_ref(),
        status.as_os_str(),
    ])
    .expect_code(0);
    let json = run(&[
        "screen".as_ref(),
        portfolio.as_os_str(),
        "--status".as_ref(),
        status.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ])
    .expect_code(0)
    .json();
    let check = |number: usize| {
        let c = &json["checks"][number - 1];
        (
            c["count"].as_u64().unwrap(),
            c["population"].as_u64().unwrap(),
            c["pass"].clone(),
            c["ids"].clone(),
        )
    };
    use serde_json::json;
    assert_eq!(check(1), (1, 4, json!(false), json!(["M1040"])));
    assert_eq!(check(3), (2, 5, json!(false), json!(["A1020", "A1030"])));
    assert_eq!(check(4), (2, 5, json!(false), json!(["A1030"])));
    assert_eq!(check(5), (0, 4, json!(true), json!([])));
    assert_eq!(check(10), (2, 4, json!(false), json!(["A1010", "A1030"])));
    assert_eq!(check(11), (0, 1, json!(true), json!([])));
    assert_eq!(check(12), (1, 1, json!(false), json!(["A1020"])));
    assert_eq!(json["checks"][11]["value"], 597);
    assert_eq!(check(13).2, serde_json::Value::Null);
    assert_eq!(json["checks"][13]["value"], 1.0);
}
