//! `capgraph impact` and `capgraph rank` end to end: the real binary on small
//! hand-worked portfolios and on the fixtures.

mod common;

use std::process::{Command, Output};

use serde_json::{json, Value};

use common::{write, CHAIN};

fn capgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("capgraph runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 errors")
}

fn json_of(args: &[&str]) -> Value {
    let output = capgraph(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

#[test]
fn a_delay_travels_through_a_component_into_a_capability() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(dir.path(), "chain.json", CHAIN);
    let got = json_of(&[
        "impact",
        portfolio.to_str().unwrap(),
        "--delay",
        "P1=25",
        "--format",
        "json",
    ]);
    // P1 +25: P1 ends day 55 (2025-02-25) instead of 30 (2025-01-31); comp
    // alike; P2 days 55–75 (2025-03-17) instead of 30–50 (2025-02-20); CAP
    // max(75, 60) = 75 instead of 60 (2025-03-02): slip 15, margin 70 − 75 = −5.
    // Finish 60 → 75. Exposure: P1 and P2, 1 000 000 + 2 500 000.
    // Impacted by slip, then id in byte order ("P1" < "P2" < "comp").
    // impact/2 (was impact/1): each impacted node names the node before it
    // on its chain (`via`) instead of the whole chain, finishes are
    // "reference" finishes, the capability carries both margins (70 − 60 =
    // 10 before) and its whole chain; both projects are unfinished and
    // upstream of CAP, which slipped and is late: the whole exposure is
    // late-capability exposure.
    let expected = json!({
        "schema": "capgraph.impact/2",
        "reference": null,
        "sources": [{"id": "P1", "delay_days": 25}],
        "finish_slip_days": 15,
        "impacted": [
            {"id": "P1", "kind": "project", "slip_days": 25, "reference_finish": "2025-01-31",
             "new_finish": "2025-02-25", "via": null},
            {"id": "P2", "kind": "project", "slip_days": 25, "reference_finish": "2025-02-20",
             "new_finish": "2025-03-17", "via": "comp"},
            {"id": "comp", "kind": "component", "slip_days": 25, "reference_finish": "2025-01-31",
             "new_finish": "2025-02-25", "via": "P1"},
            {"id": "CAP", "kind": "capability", "slip_days": 15, "reference_finish": "2025-03-02",
             "new_finish": "2025-03-17", "via": "P2"}
        ],
        "capabilities": [{"id": "CAP", "slip_days": 15, "target": "2025-03-12",
                          "reference_finish": "2025-03-02", "new_finish": "2025-03-17",
                          "reference_margin_days": 10, "margin_days": -5,
                          "chain": ["P1", "comp", "P2", "CAP"]}],
        "relays": [],
        "exposure": {"projects": 2, "investment": 3500000,
                     "late_capability_projects": 2, "late_capability_investment": 3500000}
    });
    assert_eq!(got, expected);
}

#[test]
fn the_table_explains_the_chain_and_the_days_absorbed() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(dir.path(), "chain.json", CHAIN);
    let output = capgraph(&["impact", portfolio.to_str().unwrap(), "--delay", "P1=25"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("The portfolio finish slips 15 days, from 2025-03-02 to 2025-03-17."),
        "{text}"
    );
    assert!(
        text.contains(
            "EUR 3 500 000 of investment is exposed in the 2 unfinished projects that slipped; \
             the slip of every one of them reaches a late capability."
        ),
        "{text}"
    );
    // P2 had 10 days of float to CAP (50 vs 60): 10 of its 25 days absorbed.
    assert!(
        text.contains(
            "P1 +25d → comp +25d → P2 +25d → CAP +15d (float absorbed 10d), target missed by 5d"
        ),
        "{text}"
    );
    // The chains to P2 and comp are prefixes of CAP's: not printed on their own.
    assert!(!text.contains("\n  P1 +25d → comp +25d\n"), "{text}");
    let markdown = stdout(&capgraph(&[
        "impact",
        portfolio.to_str().unwrap(),
        "--delay",
        "P1=25",
        "--format",
        "md",
    ]));
    assert!(markdown.starts_with("# Impact of delaying P1 by 25 days on Chain\n"));
    // The margin before the delay (70 − 60 = +10d) beside the new one.
    assert!(markdown.contains(
        "| CAP | Capability | 2025-03-12 | 2025-03-02 | 2025-03-17 | +15d | +10d | -5d |"
    ));
}

#[test]
fn a_status_file_gives_its_updates_as_sources_with_their_notes() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(dir.path(), "chain.json", CHAIN);
    // P3 forecast to finish 2025-03-22 = day 80: CAP 80 (slip 20), margin −10.
    // P1 finished on day 20 (2025-01-21, 10 days early): comp 20, P2 20–40,
    // which P3 hides at CAP. Sources by id: P1, P3.
    let status = write(
        dir.path(),
        "status.json",
        r#"{"as_of": "2025-02-01", "updates": [
            {"id": "P3", "forecast_finish": "2025-03-22", "note": "supplier late"},
            {"id": "P1", "actual_finish": "2025-01-21"}]}"#,
    );
    let got = json_of(&[
        "impact",
        portfolio.to_str().unwrap(),
        "--status",
        status.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        got["sources"],
        json!([{"id": "P1", "actual_finish": "2025-01-21"},
               {"id": "P3", "forecast_finish": "2025-03-22", "note": "supplier late"}])
    );
    assert_eq!(got["finish_slip_days"], json!(20));
    let impacted: Vec<(&str, i64)> = got["impacted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["slip_days"].as_i64().unwrap()))
        .collect();
    assert_eq!(impacted, [("CAP", 20), ("P3", 20)]);
    assert_eq!(got["impacted"][0]["via"], json!("P3"));
    assert_eq!(got["impacted"][1]["via"], json!(null));
    assert_eq!(got["capabilities"][0]["margin_days"], json!(-10));
    assert_eq!(got["capabilities"][0]["chain"], json!(["P3", "CAP"]));
    // P3 alone: unfinished, upstream of CAP (late by 10 days).
    assert_eq!(
        got["exposure"],
        json!({"projects": 1, "investment": 7000000,
               "late_capability_projects": 1, "late_capability_investment": 7000000})
    );
}

#[test]
fn a_gain_shows_as_a_negative_finish_slip_with_nothing_impacted() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(dir.path(), "chain.json", CHAIN);
    // P3 −15: P3 ends day 45; CAP max(50 via P2, 45) = 50: 10 days earlier.
    let got = json_of(&[
        "impact",
        portfolio.to_str().unwrap(),
        "--delay=P3=-15",
        "--format",
        "json",
    ]);
    assert_eq!(got["finish_slip_days"], json!(-10));
    assert_eq!(got["impacted"], json!([]));
    assert_eq!(got["capabilities"], json!([]));
    assert_eq!(got["relays"], json!([]));
    assert_eq!(
        got["exposure"],
        json!({"projects": 0, "investment": 0,
               "late_capability_projects": 0, "late_capability_investment": 0})
    );
}

#[test]
fn structural_impact_lists_everything_downstream_with_one_shortest_chain() {
    let dir = tempfile::tempdir().unwrap();
    // A diamond without durations: S → Y → D, S → X → D, D → E.
    let portfolio = write(
        dir.path(),
        "diamond.json",
        r#"{"portfolio": {"name": "Diamond", "start": "2025-01-01"},
            "projects": [{"id": "S", "name": "s"},
                         {"id": "Y", "name": "y", "depends_on": ["S"]},
                         {"id": "X", "name": "x", "depends_on": ["S"]},
                         {"id": "D", "name": "d", "depends_on": ["Y", "X"]},
                         {"id": "E", "name": "e", "depends_on": ["D"]}]}"#,
    );
    let got = json_of(&[
        "impact",
        portfolio.to_str().unwrap(),
        "--delay",
        "S=10",
        "--structural",
        "--format",
        "json",
    ]);
    // Depth then id; D's parent is the smaller of X and Y. impact/2 (was
    // impact/1): `via`, the parent one level up, instead of the whole chain.
    assert_eq!(
        got["impacted"],
        json!([
            {"id": "X", "kind": "project", "depth": 1, "via": "S"},
            {"id": "Y", "kind": "project", "depth": 1, "via": "S"},
            {"id": "D", "kind": "project", "depth": 2, "via": "X"},
            {"id": "E", "kind": "project", "depth": 3, "via": "D"}
        ])
    );
    assert_eq!(got["schema"], json!("capgraph.impact/2"));
    assert_eq!(got["sources"], json!([{"id": "S", "delay_days": 10}]));
}

#[test]
fn wrong_scenarios_fail_with_the_exit_codes_of_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(dir.path(), "chain.json", CHAIN);
    let p = portfolio.to_str().unwrap();
    let status = write(
        dir.path(),
        "s.json",
        r#"{"as_of": "2025-02-01", "updates": []}"#,
    );
    let unknown_in_status = write(
        dir.path(),
        "u.json",
        r#"{"as_of": "2025-02-01", "updates": [{"id": "P9", "delay_days": 3}]}"#,
    );
    let cases: [(&[&str], i32, &str); 8] = [
        (&["impact", p], 2, "needs a scenario"),
        (&["impact", p, "--delay", "P1"], 2, "expected ID=DAYS"),
        (&["impact", p, "--delay", "P1=ten"], 2, "not a whole number"),
        (&["impact", p, "--delay", "P1=2.5"], 2, "not a whole number"),
        (
            &["impact", p, "--delay", "P1=5", "--delay", "P1=6"],
            2,
            "twice",
        ),
        (
            &[
                "impact",
                p,
                "--delay",
                "P1=5",
                "--status",
                status.to_str().unwrap(),
            ],
            2,
            "",
        ),
        (&["impact", p, "--delay", "P4=5"], 1, "did you mean"),
        (
            &["impact", p, "--status", unknown_in_status.to_str().unwrap()],
            1,
            "P9",
        ),
    ];
    for (args, code, message) in cases {
        let output = capgraph(args);
        assert_eq!(
            output.status.code(),
            Some(code),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(message),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn the_fixture_briefing_is_consistent_with_its_json() {
    let args = [
        "impact",
        "fixtures/digital-backbone.json",
        "--status",
        "fixtures/status-2026-w48.json",
    ];
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let got = json_of(&json_args);
    let sources: Vec<&str> = got["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
    // Every update is a source, also the six that only report progress.
    assert_eq!(sources.len(), 15);
    assert!(got["sources"][0].get("note").is_some());
    let impacted = got["impacted"].as_array().unwrap();
    assert!(!impacted.is_empty());
    let mut previous: Option<(i64, &str)> = None;
    for entry in impacted {
        let id = entry["id"].as_str().unwrap();
        let slip = entry["slip_days"].as_i64().unwrap();
        assert!(slip > 0);
        if let Some((s, i)) = previous {
            assert!(s > slip || (s == slip && i < id), "order at {id}");
        }
        previous = Some((slip, id));
        // Following `via` through impacted nodes and relays leads to a source.
        let chain = rebuild_chain(&got, id);
        assert!(sources.contains(&chain[0].as_str()), "{id}: {chain:?}");
    }
    // A capability's whole chain is the one `via` gives.
    for capability in got["capabilities"].as_array().unwrap() {
        let id = capability["id"].as_str().unwrap();
        assert_eq!(capability["chain"], json!(rebuild_chain(&got, id)), "{id}");
    }
    // Exposure counts unfinished projects only: P-COM-014, P-COR-001 and
    // P-CYB-001 report an actual_finish, and the first two slipped.
    let projects = impacted.iter().filter(|e| e["kind"] == "project").count();
    assert_eq!(
        got["exposure"]["projects"].as_u64(),
        Some(projects as u64 - 2)
    );

    let text = stdout(&capgraph(&args));
    assert!(text.starts_with("Impact of the status as of 2026-11-23 on Digital Backbone\n"));
    assert!(text.contains("The portfolio finish "));
    assert!(text.contains("crypto devices late from supplier"));
    // Every printed chain is a prefix of no other printed chain.
    let chains: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(" → "))
        .map(str::trim)
        .collect();
    for a in &chains {
        let ids = |line: &str| -> Vec<String> {
            line.split(" → ")
                .map(|step| step.split(' ').next().unwrap().to_string())
                .collect()
        };
        for b in &chains {
            let (x, y) = (ids(a), ids(b));
            assert!(
                a == b || !(x.len() < y.len() && y.starts_with(&x)),
                "{a} / {b}"
            );
        }
    }
}

/// The chain of `id` in an impact/2 document, first node first, rebuilt by
/// following `via` through `impacted` and `relays`.
fn rebuild_chain(document: &Value, id: &str) -> Vec<String> {
    let mut via = std::collections::HashMap::new();
    for entry in document["impacted"]
        .as_array()
        .unwrap()
        .iter()
        .chain(document["relays"].as_array().unwrap())
    {
        via.insert(
            entry["id"].as_str().unwrap().to_string(),
            entry["via"].as_str().map(str::to_string),
        );
    }
    let mut chain = vec![id.to_string()];
    while let Some(Some(previous)) = via.get(chain.last().unwrap()) {
        chain.push(previous.clone());
        assert!(chain.len() <= via.len() + 1, "a cycle of via at {id}");
    }
    chain.reverse();
    chain
}

#[test]
fn rank_lists_what_each_node_holds_up() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(dir.path(), "chain.json", CHAIN);
    let got = json_of(&["rank", portfolio.to_str().unwrap(), "--format", "json"]);
    // P1 → comp → P2 → CAP: P1 holds up P2 (2 500 000) and CAP; comp alike.
    // P3 → CAP. Float (T = 60): P2 LF = LS(CAP) = 60, LS 40, TF 40 − 30 = 10;
    // comp LF = LS(P2) = 40, TF 40 − 30 = 10; P1 LF 40, LS 10, TF 10; P3 TF 0.
    // Ties by id: "P1" < "comp", "P2" < "P3".
    assert_eq!(
        got,
        json!({"schema": "capgraph.rank/1", "nodes": [
            {"id": "P1", "kind": "project", "downstream_projects": 1, "downstream_capabilities": 1,
             "downstream_investment": 2500000, "total_float": 10},
            {"id": "comp", "kind": "component", "downstream_projects": 1, "downstream_capabilities": 1,
             "downstream_investment": 2500000, "total_float": 10},
            {"id": "P2", "kind": "project", "downstream_projects": 0, "downstream_capabilities": 1,
             "downstream_investment": 0, "total_float": 10},
            {"id": "P3", "kind": "project", "downstream_projects": 0, "downstream_capabilities": 1,
             "downstream_investment": 0, "total_float": 0}
        ]})
    );
    let top = json_of(&[
        "rank",
        portfolio.to_str().unwrap(),
        "--top",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(top["nodes"].as_array().unwrap().len(), 1);
    let out = dir.path().join("rank.md");
    let output = capgraph(&[
        "rank",
        portfolio.to_str().unwrap(),
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = std::fs::read_to_string(out).unwrap();
    // comp's figures equal those of P1, which provides it: one row (SPEC §4;
    // the JSON above still lists both). P2 is row 2.
    assert!(
        text.contains(
            "| 1 | P1 | project + component | Provider (provides comp) | 1 | 1 | 2 500 000 | 10 |"
        ),
        "{text}"
    );
    assert!(text.contains("| 2 | P2 | project | User |"), "{text}");
}

#[test]
fn chains_are_listed_worst_first_on_the_sample() {
    // SPEC §4 order. Week 48: the late capabilities by lateness (CAP-PCN 67,
    // CAP-CDM 59, CAP-TDL 57, CAP-ZTA 28, CAP-FMN 10 days late), then the
    // capabilities still on time by slip (CAP-BLOS +42d before CAP-CLOUD and
    // CAP-XDOM, +9d each, by id), then the rest.
    let text = stdout(&capgraph(&[
        "impact",
        "fixtures/digital-backbone.json",
        "--status",
        "fixtures/status-2026-w48.json",
    ]));
    let capability_ends: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(" → CAP-"))
        .filter_map(|l| l.rsplit(" → ").next()?.split(' ').next())
        .collect();
    assert_eq!(
        capability_ends,
        [
            "CAP-PCN",
            "CAP-CDM",
            "CAP-TDL",
            "CAP-ZTA",
            "CAP-FMN",
            "CAP-BLOS",
            "CAP-CLOUD",
            "CAP-XDOM"
        ],
        "{text}"
    );

    // P-COR-003 +60d: CAP-CLOUD keeps 110 days to spare, so the three
    // capabilities it makes late come first (CAP-ZTA 73, CAP-XDOM 43,
    // CAP-FMN 37 days late); today's main listed CAP-CLOUD first.
    let text = stdout(&capgraph(&[
        "impact",
        "fixtures/digital-backbone.json",
        "--delay",
        "P-COR-003=60",
    ]));
    let first: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(" → "))
        .take(4)
        .filter_map(|l| l.split(", target").next()?.rsplit(" → ").next())
        .collect();
    assert_eq!(
        first,
        [
            "CAP-ZTA +60d",
            "CAP-XDOM +60d",
            "CAP-FMN +60d",
            "CAP-CLOUD +60d"
        ],
        "{text}"
    );
}

#[test]
fn a_long_chain_gives_output_linear_in_its_length() {
    // P0 → P1 → … → P9999 → CAP: a delay on P0 slips all 10 001 nodes.
    // With whole chains per node (impact/1) this was about 10 001²/2 ids,
    // some 950 MB; with `via` each entry is one line of fixed size, about
    // 10 001 × 160 bytes, plus CAP's one whole chain (10 001 ids).
    let dir = tempfile::tempdir().unwrap();
    let n = 10_000;
    let mut projects = Vec::with_capacity(n);
    for i in 0..n {
        let depends = if i == 0 {
            String::new()
        } else {
            format!(r#", "depends_on": ["P{}"]"#, i - 1)
        };
        let delivers = if i == n - 1 {
            r#", "delivers": ["CAP"]"#
        } else {
            ""
        };
        projects.push(format!(
            r#"{{"id": "P{i}", "name": "p", "duration_days": 1{depends}{delivers}}}"#
        ));
    }
    let portfolio = write(
        dir.path(),
        "long-chain.json",
        &format!(
            r#"{{"portfolio": {{"name": "Long", "start": "2025-01-01"}},
                "capabilities": [{{"id": "CAP", "name": "c"}}],
                "projects": [{}]}}"#,
            projects.join(",\n")
        ),
    );
    let output = capgraph(&[
        "impact",
        portfolio.to_str().unwrap(),
        "--delay",
        "P0=5",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        output.stdout.len() < 3_000_000,
        "{} bytes",
        output.stdout.len()
    );
    let got: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(got["impacted"].as_array().unwrap().len(), n + 1);
    let chain = got["capabilities"][0]["chain"].as_array().unwrap();
    assert_eq!(chain.len(), n + 1);
    assert_eq!(
        got["capabilities"][0]["chain"],
        json!(rebuild_chain(&got, "CAP"))
    );
}

#[test]
fn the_sample_exposure_counts_unfinished_projects_only() {
    // Figures from tests/oracle/exposure.py (cpm.py's schedules, SPEC §4).
    let week_48 = json_of(&[
        "impact",
        "fixtures/digital-backbone.json",
        "--status",
        "fixtures/status-2026-w48.json",
        "--format",
        "json",
    ]);
    assert_eq!(
        week_48["exposure"],
        json!({"projects": 38, "investment": 793250000,
               "late_capability_projects": 26, "late_capability_investment": 562400000})
    );
    let since_47 = json_of(&[
        "impact",
        "fixtures/digital-backbone.json",
        "--from",
        "fixtures/status-2026-w47.json",
        "--status",
        "fixtures/status-2026-w48.json",
        "--format",
        "json",
    ]);
    assert_eq!(
        since_47["exposure"],
        json!({"projects": 31, "investment": 693700000,
               "late_capability_projects": 23, "late_capability_investment": 532550000})
    );
}
