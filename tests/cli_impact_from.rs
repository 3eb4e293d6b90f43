//! `capgraph impact --from FILE` (SPEC §4): last week against this week, and
//! what-ifs on top of this week; the real binary on a small hand-worked
//! portfolio and on the fixtures.

mod common;

use std::path::Path;

use serde_json::json;

use common::{run, write, CHAIN};

/// Last week: P1 10 days late, P3 5 days late. P1 0–40, comp 40, P2
/// 40–60, P3 0–65, CAP max(60, 65) = 65 (2025-03-07), margin 70 − 65 = 5.
const WEEK_1: &str = r#"{"as_of": "2025-01-15", "updates": [
    {"id": "P1", "delay_days": 10},
    {"id": "P3", "delay_days": 5, "note": "slow"}]}"#;

/// This week: P1 25 days late (changed), P3's update withdrawn.
/// P1 0–55, comp 55, P2 55–75, P3 0–60, CAP max(75, 60) = 75 (2025-03-17).
const WEEK_2: &str = r#"{"as_of": "2025-01-22", "updates": [
    {"id": "P1", "delay_days": 25}]}"#;

struct Files {
    _dir: tempfile::TempDir,
    portfolio: String,
    week_1: String,
    week_2: String,
}

fn files() -> Files {
    let dir = tempfile::tempdir().unwrap();
    let path = |name, text| write(dir.path(), name, text).display().to_string();
    Files {
        portfolio: path("chain.json", CHAIN),
        week_1: path("w1.json", WEEK_1),
        week_2: path("w2.json", WEEK_2),
        _dir: dir,
    }
}

#[test]
fn from_last_week_the_sources_are_the_changed_and_withdrawn_updates() {
    let f = files();
    let got = run(&[
        "impact",
        &f.portfolio,
        "--from",
        &f.week_1,
        "--status",
        &f.week_2,
        "--format",
        "json",
    ])
    .expect_code(0)
    .json();
    // Slips (this week − last week): P1, comp, P2 40 → 55 / 60 → 75: +15;
    // CAP 65 → 75: +10; P3 65 → 60: −5 (not impacted). Finish 65 → 75.
    // Dates: day 40 = 2025-02-10, 55 = 2025-02-25, 60 = 2025-03-02,
    // 65 = 2025-03-07, 75 = 2025-03-17.
    // Exposure: P1 and P2, unfinished, both upstream of CAP (late by 5).
    assert_eq!(
        got,
        json!({
            "schema": "capgraph.impact/2",
            "reference": "2025-01-15",
            "sources": [{"id": "P1", "delay_days": 25},
                        {"id": "P3", "delay_days": 5, "note": "slow", "removed": true}],
            "finish_slip_days": 10,
            "impacted": [
                {"id": "P1", "kind": "project", "slip_days": 15, "reference_finish": "2025-02-10",
                 "new_finish": "2025-02-25", "via": null},
                {"id": "P2", "kind": "project", "slip_days": 15, "reference_finish": "2025-03-02",
                 "new_finish": "2025-03-17", "via": "comp"},
                {"id": "comp", "kind": "component", "slip_days": 15,
                 "reference_finish": "2025-02-10", "new_finish": "2025-02-25", "via": "P1"},
                {"id": "CAP", "kind": "capability", "slip_days": 10,
                 "reference_finish": "2025-03-07", "new_finish": "2025-03-17", "via": "P2"}
            ],
            "capabilities": [{"id": "CAP", "slip_days": 10, "target": "2025-03-12",
                              "reference_finish": "2025-03-07", "new_finish": "2025-03-17",
                              "reference_margin_days": 5, "margin_days": -5,
                              "chain": ["P1", "comp", "P2", "CAP"]}],
            "relays": [],
            "exposure": {"projects": 2, "investment": 3500000,
                         "late_capability_projects": 2, "late_capability_investment": 3500000}
        })
    );

    let text = run(&[
        "impact",
        &f.portfolio,
        "--from",
        &f.week_1,
        "--status",
        &f.week_2,
    ])
    .expect_code(0)
    .stdout
    .clone();
    assert!(
        text.starts_with(
            "Impact of the status as of 2025-01-22 against the status as of 2025-01-15 on Chain\n"
        ),
        "{text}"
    );
    assert!(text.contains("25 days late (was: 10 days late)"), "{text}");
    assert!(text.contains("withdrawn (was: 5 days late)"), "{text}");
    assert!(text.contains("The portfolio finish slips 10 days, from 2025-03-07 to 2025-03-17."));
}

#[test]
fn the_same_week_twice_has_no_sources_and_moves_nothing() {
    let f = files();
    let got = run(&[
        "impact",
        &f.portfolio,
        "--from",
        &f.week_1,
        "--status",
        &f.week_1,
        "--format",
        "json",
    ])
    .expect_code(0)
    .json();
    assert_eq!(got["sources"], json!([]));
    assert_eq!(got["impacted"], json!([]));
    assert_eq!(got["finish_slip_days"], json!(0));
}

#[test]
fn a_what_if_on_top_of_a_week_adds_to_its_delays() {
    let f = files();
    let got = run(&[
        "impact",
        &f.portfolio,
        "--from",
        &f.week_1,
        "--delay",
        "P3=10",
        "--delay",
        "P1=5",
        "--format",
        "json",
    ])
    .expect_code(0)
    .json();
    // Reference: week 1 (P1 0–40, P2 40–60, P3 0–65, CAP 65). What-if: P1
    // 10 + 5 = 15 days late: P1 0–45, comp 45, P2 45–65; P3 5 + 10 = 15:
    // P3 0–75; CAP max(65, 75) = 75, bound by P3 alone.
    // Slips: CAP 10, P3 10, P1 5, P2 5, comp 5 (by slip, then id).
    // Sources: the delays as given. Exposure: P1, P2, P3 (1 000 000 +
    // 2 500 000 + 7 000 000), all upstream of CAP, late by 70 − 75 = 5.
    assert_eq!(got["reference"], json!("2025-01-15"));
    assert_eq!(
        got["sources"],
        json!([{"id": "P1", "delay_days": 5}, {"id": "P3", "delay_days": 10}])
    );
    let impacted: Vec<(&str, i64, Option<&str>)> = got["impacted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap(),
                e["slip_days"].as_i64().unwrap(),
                e["via"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        impacted,
        [
            ("CAP", 10, Some("P3")),
            ("P3", 10, None),
            ("P1", 5, None),
            ("P2", 5, Some("comp")),
            ("comp", 5, Some("P1"))
        ]
    );
    assert_eq!(got["capabilities"][0]["chain"], json!(["P3", "CAP"]));
    assert_eq!(got["capabilities"][0]["reference_margin_days"], json!(5));
    assert_eq!(got["capabilities"][0]["margin_days"], json!(-5));
    assert_eq!(
        got["exposure"],
        json!({"projects": 3, "investment": 10500000,
               "late_capability_projects": 3, "late_capability_investment": 10500000})
    );
}

#[test]
fn a_delay_on_finished_work_moves_nothing_and_says_so() {
    let f = files();
    let dir = tempfile::tempdir().unwrap();
    // P1 ran days 0–30 and is complete; a delay of 10 cannot move its finish.
    let done = write(
        dir.path(),
        "done.json",
        r#"{"as_of": "2025-02-05", "updates": [
            {"id": "P1", "actual_start": "2025-01-01", "actual_finish": "2025-01-31"}]}"#,
    );
    let result = run(&[
        "impact",
        &f.portfolio,
        "--from",
        done.to_str().unwrap(),
        "--delay",
        "P1=10",
        "--format",
        "json",
    ]);
    let got = result.expect_code(0).json();
    assert_eq!(got["impacted"], json!([]));
    assert_eq!(got["finish_slip_days"], json!(0));
    assert_eq!(got["sources"], json!([{"id": "P1", "delay_days": 10}]));
    assert!(
        result.stderr.contains("P1 finished on 2025-01-31")
            && result.stderr.contains("cannot move its finish"),
        "{}",
        result.stderr
    );
}

#[test]
fn wrong_uses_of_from_are_refused() {
    let f = files();
    let cases: [(&[&str], i32, &str); 4] = [
        (
            &["impact", &f.portfolio, "--from", &f.week_1],
            2,
            "--from needs",
        ),
        (
            &[
                "impact",
                &f.portfolio,
                "--from",
                &f.week_1,
                "--status",
                &f.week_2,
                "--delay",
                "P1=3",
            ],
            2,
            "",
        ),
        (
            &[
                "impact",
                &f.portfolio,
                "--from",
                &f.week_1,
                "--delay",
                "P1=3",
                "--delay",
                "P1=4",
            ],
            2,
            "twice",
        ),
        (
            &[
                "impact",
                &f.portfolio,
                "--from",
                "no-such-file.json",
                "--delay",
                "P1=3",
            ],
            1,
            "no-such-file.json",
        ),
    ];
    for (args, code, message) in cases {
        let result = run(args);
        result.expect_code(code).expect_no_panic();
        assert!(
            result.stderr.contains(message),
            "{args:?}: {}",
            result.stderr
        );
        assert!(result.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn the_sample_weeks_compare_as_last_week_against_this_week() {
    let got = run(&[
        "impact",
        "fixtures/digital-backbone.json",
        "--from",
        "fixtures/status-2026-w47.json",
        "--status",
        "fixtures/status-2026-w48.json",
        "--format",
        "json",
    ])
    .expect_code(0)
    .json();
    assert_eq!(got["reference"], json!("2026-11-16"));
    // Of week 48's fifteen updates, four repeat week 47 word for word; the
    // other eleven are new or changed, and week 47 has none that week 48 drops.
    let w47 = common::read_json(Path::new("fixtures/status-2026-w47.json"));
    let w48 = common::read_json(Path::new("fixtures/status-2026-w48.json"));
    let repeated: Vec<&serde_json::Value> = w48["updates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| w47["updates"].as_array().unwrap().contains(u))
        .collect();
    assert_eq!(repeated.len(), 4);
    let sources = got["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 15 - repeated.len());
    for source in sources {
        assert!(!repeated.contains(&source), "{source}");
        assert!(source.get("removed").is_none(), "{source}");
    }
}

#[test]
fn with_both_weeks_invalid_every_problem_of_both_files_is_reported() {
    // Last week delays an id the portfolio lacks; this week gives a delay as
    // text. Both files are read in one run: each problem with its file and
    // JSON path, then one line naming both files; exit 1 (invalid input,
    // SPEC §6), nothing analysed.
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(dir.path(), "chain.json", CHAIN);
    let last = write(
        dir.path(),
        "last.json",
        r#"{"as_of": "2025-01-15", "updates": [{"id": "P9", "delay_days": 10}]}"#,
    );
    let this = write(
        dir.path(),
        "this.json",
        r#"{"as_of": "2025-01-22", "updates": [{"id": "P1", "delay_days": "ten"}]}"#,
    );
    let (last, this) = (last.display().to_string(), this.display().to_string());
    let result = run(&[
        "impact",
        &portfolio.display().to_string(),
        "--from",
        &last,
        "--status",
        &this,
    ]);
    // Last week's first (the older file), then this week's.
    common::assert_invalid_files(
        &result,
        &[(&last, "/updates/0/id"), (&this, "/updates/0/delay_days")],
    );
}
