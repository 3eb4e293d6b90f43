//! `capgraph options` (SPEC §4 "Options"): what-ifs on top of a week's
//! status side by side, and the recovery each late capability needs.

mod common;

use serde_json::json;

use common::{run, write, CHAIN};

/// On CHAIN (CAP target day 70): P1 25 days late, P3 12 days late.
/// Status alone: P1 0–55, comp 55, P2 55–75, P3 0–72, CAP max(75, 72) = 75
/// (2025-03-17), 5 days late; portfolio finish 75.
const WEEK: &str = r#"{"as_of": "2025-01-22", "updates": [
    {"id": "P1", "delay_days": 25}, {"id": "P3", "delay_days": 12}]}"#;

#[test]
fn options_are_set_side_by_side_with_the_recovery_needed() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(dir.path(), "chain.json", CHAIN);
    let status = write(dir.path(), "week.json", WEEK);
    let got = run(&[
        "options",
        portfolio.to_str().unwrap(),
        "--status",
        status.to_str().unwrap(),
        "--option",
        "A: P1=-10",
        "--option",
        "B: P3=10, P1=-10",
        "--format",
        "json",
    ])
    .expect_code(0)
    .json();
    // A: P1 15 days late: P1 0–45, P2 45–65; P3 still 0–72: CAP 72
    // (2025-03-14), margin 70 − 72 = −2, 3 days earlier; finish 72.
    // B: P1 as in A, P3 12 + 10 = 22 late: 0–82; CAP 82 (2025-03-24),
    // margin −12, 7 days later; finish 82.
    // Recovery of CAP (late 75 − 70 = 5): driving path P1 → comp → P2 → CAP
    // (CAP binds to P2 at 75, not to P3 at 72), float 0 each; P3's float to
    // CAP is LS 75 − 72 = 3 < 5: close behind.
    let step = |id: &str, kind: &str, float: i64| json!({"id": id, "kind": kind, "float_to_target": float, "complete": false});
    assert_eq!(
        got,
        json!({
            "schema": "capgraph.options/1",
            "portfolio": "Chain",
            "as_of": "2025-01-22",
            "status": {"finish": "2025-03-17", "finish_day": 75,
                       "capabilities": [{"id": "CAP", "target": "2025-03-12",
                                         "finish": "2025-03-17", "margin_days": -5}]},
            "options": [
                {"name": "A", "deltas": [{"id": "P1", "delay_days": -10}],
                 "finish": "2025-03-14", "finish_day": 72, "finish_change_days": -3,
                 "capabilities": [{"id": "CAP", "finish": "2025-03-14", "margin_days": -2,
                                   "change_days": -3}]},
                {"name": "B", "deltas": [{"id": "P1", "delay_days": -10},
                                         {"id": "P3", "delay_days": 10}],
                 "finish": "2025-03-24", "finish_day": 82, "finish_change_days": 7,
                 "capabilities": [{"id": "CAP", "finish": "2025-03-24", "margin_days": -12,
                                   "change_days": 7}]}
            ],
            "recovery": [{"id": "CAP", "target": "2025-03-12", "finish": "2025-03-17",
                          "late_days": 5,
                          "driving_path": [step("P1", "project", 0),
                                           step("comp", "component", 0),
                                           step("P2", "project", 0),
                                           step("CAP", "capability", 0)],
                          "close_behind": [step("P3", "project", 3)]}]
        })
    );

    let text = run(&[
        "options",
        portfolio.to_str().unwrap(),
        "--status",
        status.to_str().unwrap(),
        "--option",
        "A: P1=-10",
        "--option",
        "B: P3=10, P1=-10",
    ])
    .expect_code(0)
    .stdout
    .clone();
    assert!(
        text.contains("P1 10 days earlier, P3 10 days later"),
        "{text}"
    );
    let row = text
        .lines()
        .find(|l| l.starts_with("  CAP "))
        .expect("CAP's row");
    let cells: Vec<&str> = row
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells,
        [
            "CAP",
            "2025-03-12",
            "-5d",
            "-2d (3d earlier)",
            "-12d (7d later)"
        ],
        "{text}"
    );
    assert!(
        text.contains("- CAP, 5 days late: P1 0d → comp 0d → P2 0d → CAP. Close behind: P3 3d."),
        "{text}"
    );
}

#[test]
fn on_the_sample_faster_crypto_recovers_cap_fmn() {
    // Checked with tests/oracle/cpm.py (week 48 plus P-CYB-002 −30 days):
    // CAP-FMN −10d → +14d (24 days earlier), CAP-PCN −67d → −37d, CAP-TDL
    // −57d → −27d, CAP-BLOS +143d → +173d; the others do not move, nor does
    // the portfolio finish (1519). CAP-FMN's driving path P-CYB-002 →
    // crypto-devices → P-COM-010, five more nodes 9 days behind.
    let got = run(&[
        "options",
        "fixtures/digital-backbone.json",
        "--status",
        "fixtures/status-2026-w48.json",
        "--option",
        "faster crypto: P-CYB-002=-30",
        "--format",
        "json",
    ])
    .expect_code(0)
    .json();
    let option = &got["options"][0];
    assert_eq!(option["finish_change_days"], 0);
    let margins: Vec<(String, i64, i64)> = option["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["margin_days"].as_i64().unwrap(),
                c["change_days"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, i64, i64)> = [
        ("CAP-BLOS", 173, -30),
        ("CAP-CDM", -59, 0),
        ("CAP-CLOUD", 161, 0),
        ("CAP-FMN", 14, -24),
        ("CAP-PCN", -37, -30),
        ("CAP-TDL", -27, -30),
        ("CAP-XDOM", 8, 0),
        ("CAP-ZTA", -28, 0),
    ]
    .iter()
    .map(|(id, m, c)| (id.to_string(), *m, *c))
    .collect();
    assert_eq!(margins, expected);
    let late: Vec<&str> = got["recovery"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        late,
        ["CAP-CDM", "CAP-FMN", "CAP-PCN", "CAP-TDL", "CAP-ZTA"]
    );
    let fmn = &got["recovery"][1];
    assert_eq!(fmn["late_days"], 10);
    let ids = |list: &serde_json::Value| -> Vec<(String, i64)> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["id"].as_str().unwrap().to_string(),
                    s["float_to_target"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let path = ids(&fmn["driving_path"]);
    assert_eq!(
        path.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
        ["P-CYB-002", "crypto-devices", "P-COM-010", "CAP-FMN"]
    );
    assert!(path.iter().all(|(_, f)| *f == 0));
    assert_eq!(
        ids(&fmn["close_behind"]),
        [
            ("P-COM-001".to_string(), 9),
            ("P-COM-009".to_string(), 9),
            ("P-COM-015".to_string(), 9),
            ("core-backbone".to_string(), 9),
            ("voip-core".to_string(), 9)
        ]
    );
}

#[test]
fn wrong_options_are_refused_with_the_exit_codes_of_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(dir.path(), "chain.json", CHAIN);
    let status = write(dir.path(), "week.json", WEEK);
    let (p, s) = (portfolio.to_str().unwrap(), status.to_str().unwrap());
    let cases: [(&[&str], i32, &str); 7] = [
        (
            &["options", p, "--status", s, "--option", "P1=-10"],
            2,
            "no ':'",
        ),
        (
            &["options", p, "--status", s, "--option", " : P1=-10"],
            2,
            "name is empty",
        ),
        (
            &["options", p, "--status", s, "--option", "A: P1=soon"],
            2,
            "whole number",
        ),
        (
            &["options", p, "--status", s, "--option", "A: P1=1,"],
            2,
            "missing",
        ),
        (
            &["options", p, "--status", s, "--option", "A: P1=1, P1=2"],
            2,
            "twice",
        ),
        (
            &[
                "options", p, "--status", s, "--option", "A: P1=1", "--option", "A: P2=1",
            ],
            2,
            "two options",
        ),
        (
            &["options", p, "--status", s, "--option", "A: P4=1"],
            1,
            "did you mean",
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
    // --status is required.
    run(&["options", p, "--option", "A: P1=1"]).expect_code(2);
}
