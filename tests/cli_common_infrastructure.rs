//! `capgraph common` with shared infrastructure (SPEC §5): components marked
//! `"infrastructure": true` and those named by `--ignore` are listed among
//! the shared components but left out of pairs, Jaccard and clusters.

mod common;

use serde_json::json;

use common::{run, write};

/// A uses dc and k1; B uses dc and k1; C uses dc and k2; D uses dc. dc, a
/// data centre, is infrastructure.
///
/// Counting dc, every pair would share it: A–B {dc, k1} J = 2/2 = 1,
/// A–C and B–C {dc} J = 1/3, A–D, B–D and C–D {dc} J = 1/2, and all four
/// would form one cluster at Jaccard ≥ 0.5.
/// Without dc: A {k1}, B {k1}, C {k2}, D {}: the one pair A–B {k1}, J = 1,
/// and the one cluster A, B.
const HUB: &str = r#"{"portfolio": {"name": "Hub", "start": "2025-01-01"},
  "components": [{"id": "dc", "name": "Data centre", "infrastructure": true},
                 {"id": "k1", "name": "K1"}, {"id": "k2", "name": "K2"}],
  "projects": [{"id": "A", "name": "a", "uses": ["dc", "k1"]},
               {"id": "B", "name": "b", "uses": ["dc", "k1"]},
               {"id": "C", "name": "c", "uses": ["dc", "k2"]},
               {"id": "D", "name": "d", "uses": ["dc"]}]}"#;

#[test]
fn infrastructure_is_listed_but_makes_no_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(dir.path(), "hub.json", HUB);
    let p = portfolio.to_str().unwrap();
    let got = run(&["common", p, "--format", "json"])
        .expect_code(0)
        .json();
    assert_eq!(
        got,
        json!({
            "schema": "capgraph.common/1",
            "shared_components": [
                {"id": "dc", "users": ["A", "B", "C", "D"], "domains": [],
                 "cross_domain": false, "ignored": true},
                {"id": "k1", "users": ["A", "B"], "domains": [], "cross_domain": false}
            ],
            "pairs": [{"a": "A", "b": "B", "shared": ["k1"], "jaccard": 1.0}],
            "domain_matrix": [],
            "clusters": [{"projects": ["A", "B"]}],
            "capability_overlap": []
        })
    );

    // --ignore k1 as well: no component is counted, so no pair, no cluster.
    let got = run(&["common", p, "--ignore", "k1", "--format", "json"])
        .expect_code(0)
        .json();
    assert_eq!(got["pairs"], json!([]));
    assert_eq!(got["clusters"], json!([]));
    assert_eq!(got["shared_components"][1]["ignored"], json!(true));

    // The table states the hub rule (4 projects: a tenth is 1, at least 3)
    // and why dc is left out.
    let text = run(&["common", p]).expect_code(0).stdout.clone();
    assert!(
        text.contains("A hub is used by a tenth of the projects or more, and by at least 3 (here: 3 or more of 4 projects)"),
        "{text}"
    );
    let dc = text
        .lines()
        .find(|l| l.starts_with("  dc "))
        .expect("dc's row");
    assert!(
        dc.contains("HUB") && dc.contains("ignored: infrastructure"),
        "{dc}"
    );
}

#[test]
fn ignore_names_a_component_of_the_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(dir.path(), "hub.json", HUB);
    let p = portfolio.to_str().unwrap();
    let unknown = run(&["common", p, "--ignore", "k3"]);
    unknown.expect_code(1).expect_no_panic();
    assert!(
        unknown.stderr.contains("\"k3\" is not a component"),
        "{}",
        unknown.stderr
    );
    let project = run(&["common", p, "--ignore", "A"]);
    project.expect_code(1);
    assert!(
        project.stderr.contains("is a project, not a component"),
        "{}",
        project.stderr
    );
}

#[test]
fn the_sample_data_centres_and_wan_make_no_overlap() {
    let got = run(&[
        "common",
        "fixtures/digital-backbone.json",
        "--format",
        "json",
    ])
    .expect_code(0)
    .json();
    let infrastructure = ["dc-brunssum", "dc-mons", "legacy-wan"];
    let mut ignored: Vec<&str> = got["shared_components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["ignored"] == json!(true))
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    ignored.sort();
    assert_eq!(ignored, infrastructure);
    for pair in got["pairs"].as_array().unwrap() {
        for shared in pair["shared"].as_array().unwrap() {
            assert!(
                !infrastructure.contains(&shared.as_str().unwrap()),
                "{pair}"
            );
        }
    }
    // The 35-project "cluster" that the data centres made is gone.
    let largest = got["clusters"][0]["projects"].as_array().unwrap().len();
    assert!(largest < 35, "{largest}");
}
