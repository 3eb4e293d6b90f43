//! `capgraph rank --status` (SPEC §4 "Ranking"): this week's single points of
//! failure, on a small hand-worked portfolio and on the sample.

mod common;

use serde_json::json;

use common::{run, write, CHAIN};

#[test]
fn this_weeks_ranking_stops_at_started_work_and_leaves_out_finished_work() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(dir.path(), "chain.json", CHAIN);
    // P1 ran days 0–35 (finished); P2 started on day 35 (2025-02-05).
    // Schedule: P1 0–35, comp 35, P2 35–55 (fixed), P3 0–60, CAP
    // max(55, 60) = 60 = T. Floats: P2 LF = LS(CAP) = 60, LS 40, TF 40 − 35
    // = 5; comp LF = LS(P2) = 40, TF 5; P3 TF 0.
    // Ranked: not P1 (finished). comp reaches P2, but P2 has started: the
    // count stops there, so comp holds up nothing. P2 still holds up CAP.
    // Order: P2 and P3 (0 projects, 1 capability, by id), then comp.
    let status = write(
        dir.path(),
        "status.json",
        r#"{"as_of": "2025-02-10", "updates": [
            {"id": "P1", "actual_start": "2025-01-01", "actual_finish": "2025-02-05"},
            {"id": "P2", "actual_start": "2025-02-05"}]}"#,
    );
    let (p, s) = (portfolio.to_str().unwrap(), status.to_str().unwrap());
    let got = run(&["rank", p, "--status", s, "--format", "json"])
        .expect_code(0)
        .json();
    assert_eq!(
        got,
        json!({"schema": "capgraph.rank/1", "nodes": [
            {"id": "P2", "kind": "project", "downstream_projects": 0, "downstream_capabilities": 1,
             "downstream_investment": 0, "total_float": 5},
            {"id": "P3", "kind": "project", "downstream_projects": 0, "downstream_capabilities": 1,
             "downstream_investment": 0, "total_float": 0},
            {"id": "comp", "kind": "component", "downstream_projects": 0,
             "downstream_capabilities": 0, "downstream_investment": 0, "total_float": 5}
        ]})
    );
    let text = run(&["rank", p, "--status", s])
        .expect_code(0)
        .stdout
        .clone();
    assert!(text.contains("For the status as of 2025-02-10:"), "{text}");
    assert!(!text.contains("provides"), "{text}");
}

#[test]
fn the_finished_cloud_project_is_not_ranked_this_week() {
    // P-COR-001 (finished in week 48) ranks second without a status.
    let before = run(&["rank", "fixtures/digital-backbone.json", "--format", "json"])
        .expect_code(0)
        .json();
    assert_eq!(before["nodes"][1]["id"], "P-COR-001");
    let now = run(&[
        "rank",
        "fixtures/digital-backbone.json",
        "--status",
        "fixtures/status-2026-w48.json",
        "--format",
        "json",
    ])
    .expect_code(0)
    .json();
    let ids: Vec<&str> = now["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    // The three projects with an actual_finish in week 48 are not ranked.
    for finished in ["P-COM-014", "P-COR-001", "P-CYB-001"] {
        assert!(!ids.contains(&finished), "{finished} is ranked");
    }
    assert_eq!(ids.len(), before["nodes"].as_array().unwrap().len() - 3);
}
