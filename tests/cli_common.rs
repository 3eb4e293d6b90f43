//! `capgraph common` run as a user would: the real binary on small
//! portfolios whose figures are worked out by hand below.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{json, Value};

const SMALL: &str = "tests/data/common/small.json";

fn capgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

/// The whitespace-separated cells of the first table row starting with `first`.
fn row<'t>(text: &'t str, first: &str) -> Vec<&'t str> {
    text.lines()
        .map(str::trim_start)
        .find(|line| line.starts_with(first))
        .unwrap_or_else(|| panic!("no row {first:?} in\n{text}"))
        .split_whitespace()
        .collect()
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(&capgraph(args))).expect("valid JSON")
}

// small.json, the SET of components each project uses:
//   P-COM-001 (communication) {radio}
//   P-COM-002 (no domain)     {radio}
//   P-COR-004 (core)          {dc-mons, pki}   (pki listed twice)
//   P-CYB-001 (cyber)         {dc-mons, siem}
//   P-CYB-002 (cyber)         {pki, siem}
#[test]
fn json_reports_every_figure_of_a_small_portfolio() {
    let got = json_of(&["common", SMALL, "--format", "json"]);
    let third = 1.0 / 3.0;
    let expected = json!({
        "schema": "capgraph.common/1",
        // Every shared component has 2 users, so they come in id order.
        // radio's users are communication and no domain: one domain only.
        "shared_components": [
            { "id": "dc-mons", "users": ["P-COR-004", "P-CYB-001"], "domains": ["core", "cyber"], "cross_domain": true },
            { "id": "pki", "users": ["P-COR-004", "P-CYB-002"], "domains": ["core", "cyber"], "cross_domain": true },
            { "id": "radio", "users": ["P-COM-001", "P-COM-002"], "domains": ["communication"], "cross_domain": false },
            { "id": "siem", "users": ["P-CYB-001", "P-CYB-002"], "domains": ["cyber"], "cross_domain": false }
        ],
        // COM-001/COM-002: {radio} / {radio} = 1.
        // COR-004/CYB-001: {dc-mons} / {dc-mons, pki, siem} = 1/3,
        // COR-004/CYB-002: {pki} / {dc-mons, pki, siem} = 1/3,
        // CYB-001/CYB-002: {siem} / {dc-mons, pki, siem} = 1/3: equal, by a then b.
        "pairs": [
            { "a": "P-COM-001", "b": "P-COM-002", "shared": ["radio"], "jaccard": 1.0 },
            { "a": "P-COR-004", "b": "P-CYB-001", "shared": ["dc-mons"], "jaccard": third },
            { "a": "P-COR-004", "b": "P-CYB-002", "shared": ["pki"], "jaccard": third },
            { "a": "P-CYB-001", "b": "P-CYB-002", "shared": ["siem"], "jaccard": third }
        ],
        // Users' domains per component: dc-mons {core, cyber}, pki {core, cyber},
        // radio {communication}, siem {cyber}.
        "domain_matrix": [
            { "a": "communication", "b": "communication", "components": 1 },
            { "a": "communication", "b": "core", "components": 0 },
            { "a": "communication", "b": "cyber", "components": 0 },
            { "a": "core", "b": "core", "components": 2 },
            { "a": "core", "b": "cyber", "components": 2 },
            { "a": "cyber", "b": "cyber", "components": 3 }
        ],
        // Only the radio pair reaches Jaccard 0.5.
        "clusters": [ { "projects": ["P-COM-001", "P-COM-002"] } ],
        // CAP-FMN: COR-004, CYB-002, COM-001 deliver it (3); CAP-SOC: CYB-001, CYB-002 (2).
        "capability_overlap": [
            { "id": "CAP-FMN", "projects": ["P-COM-001", "P-COR-004", "P-CYB-002"] },
            { "id": "CAP-SOC", "projects": ["P-CYB-001", "P-CYB-002"] }
        ]
    });
    assert_eq!(got, expected);
}

#[test]
fn top_cuts_pairs_but_not_clusters() {
    let got = json_of(&[
        "common",
        SMALL,
        "--format",
        "json",
        "--top",
        "2",
        "--min-jaccard",
        "0.3",
    ]);
    let pairs: Vec<(&str, &str)> = got["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["a"].as_str().unwrap(), p["b"].as_str().unwrap()))
        .collect();
    assert_eq!(
        pairs,
        vec![("P-COM-001", "P-COM-002"), ("P-COR-004", "P-CYB-001")]
    );
    // At 0.3 the three 1/3 pairs chain COR-004, CYB-001 and CYB-002 together,
    // though only one of them is among the top 2 pairs.
    assert_eq!(
        got["clusters"],
        json!([
            { "projects": ["P-COR-004", "P-CYB-001", "P-CYB-002"] },
            { "projects": ["P-COM-001", "P-COM-002"] }
        ])
    );
}

#[test]
fn min_shared_drops_pairs_but_clusters_ignore_it() {
    let got = json_of(&["common", SMALL, "--format", "json", "--min-shared", "2"]);
    // No pair shares two components.
    assert_eq!(got["pairs"], json!([]));
    assert_eq!(
        got["clusters"],
        json!([{ "projects": ["P-COM-001", "P-COM-002"] }])
    );
}

#[test]
fn out_of_range_options_are_wrong_usage() {
    for bad in [
        &["--min-shared", "0"][..],
        &["--min-jaccard", "1.5"],
        &["--min-jaccard=-0.1"],
        &["--min-jaccard", "NaN"],
        &["--top", "-1"],
        &["--format", "xml"],
    ] {
        let mut args = vec!["common", SMALL];
        args.extend_from_slice(bad);
        let output = capgraph(&args);
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
        assert!(output.stdout.is_empty(), "{bad:?}");
    }
    // The bounds themselves are fine.
    for good in [
        &["--min-jaccard", "0"][..],
        &["--min-jaccard", "1"],
        &["--top", "0"],
    ] {
        let mut args = vec!["common", SMALL];
        args.extend_from_slice(good);
        assert_eq!(capgraph(&args).status.code(), Some(0), "{good:?}");
    }
}

#[test]
fn an_invalid_portfolio_exits_1_without_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(
        &path,
        r#"{ "portfolio": { "name": "x", "start": "2025-01-01" },
             "projects": [ { "id": "P", "name": "p", "uses": ["nowhere"] } ] }"#,
    )
    .unwrap();
    let output = capgraph(&["common", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

#[test]
fn table_shows_sections_in_order_with_three_decimals_and_cut_lists() {
    let text = stdout(&capgraph(&["common", SMALL, "--top", "1"]));
    let order = [
        "Shared components",
        "Strongest overlaps",
        "Domain matrix",
        "Clusters",
        "Capabilities delivered by several projects",
    ];
    let positions: Vec<usize> = order.iter().map(|t| text.find(t).expect(t)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    // The best pair only; the other three are counted.
    assert_eq!(
        row(&text, "P-COM-001"),
        ["P-COM-001", "P-COM-002", "1", "1.000", "radio"]
    );
    assert!(!text.contains("0.333"), "{text}");
    assert!(
        text.contains("… and 3 more (use --format json or --top)"),
        "{text}"
    );
    // The grid: core row is communication 0, core 2, cyber 2.
    assert_eq!(row(&text, "core "), ["core", "0", "2", "2"]);
    // dc-mons is available 2025-06-01 (day 151). pki is provided by P-CYB-001,
    // which uses dc-mons and takes 100 days: day 251 = 2025-09-09
    // (2025-09-01 is day 243). radio: in service from the start.
    // The Overlaps column (new with SPEC §5 infrastructure): "counted".
    assert_eq!(
        row(&text, "dc-mons"),
        [
            "dc-mons",
            "2",
            "counted",
            "core,",
            "cyber",
            "yes",
            "—",
            "2025-06-01"
        ]
    );
    assert_eq!(
        row(&text, "pki"),
        [
            "pki",
            "2",
            "counted",
            "core,",
            "cyber",
            "yes",
            "P-CYB-001",
            "2025-09-09"
        ]
    );
    assert_eq!(
        row(&text, "radio"),
        [
            "radio",
            "2",
            "counted",
            "communication",
            "no",
            "—",
            "2025-01-01"
        ]
    );
    let all = stdout(&capgraph(&["common", SMALL]));
    assert_eq!(
        row(&all, "P-COR-004"),
        ["P-COR-004", "P-CYB-001", "1", "0.333", "dc-mons"]
    );
    assert!(!all.contains("more (use"), "{all}");
}

#[test]
fn markdown_has_the_same_sections_as_tables() {
    let text = stdout(&capgraph(&["common", SMALL, "--format", "md"]));
    for heading in [
        "## Shared components",
        "## Strongest overlaps",
        "## Domain matrix",
        "## Clusters",
        "## Capabilities delivered by several projects",
    ] {
        assert!(text.contains(heading), "{heading}: {text}");
    }
    assert!(
        text.contains("| P-COM-001 | P-COM-002 | 1 | 1.000 | radio |"),
        "{text}"
    );
    assert!(text.contains("| core | 0 | 2 | 2 |"), "{text}");
    assert!(
        text.contains("| CAP-FMN | 3 | P-COM-001, P-COR-004, P-CYB-002 |"),
        "{text}"
    );
}

/// A hub: 4 projects, threshold max(3, ⌈4/10⌉) = 3, and "hub" has 4 users.
#[test]
fn table_marks_hub_components() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hub.json");
    let uses = [
        ("A", json!(["hub", "rare"])),
        ("B", json!(["hub", "rare"])),
        ("C", json!(["hub"])),
        ("D", json!(["hub"])),
    ];
    let projects: Vec<Value> = uses
        .iter()
        .map(|(id, uses)| json!({ "id": id, "name": id, "duration_days": 1, "uses": uses }))
        .collect();
    let portfolio = json!({
        "portfolio": { "name": "hubs", "start": "2025-01-01" },
        "components": [ { "id": "hub", "name": "h" }, { "id": "rare", "name": "r" } ],
        "projects": projects
    });
    std::fs::write(&path, portfolio.to_string()).unwrap();
    let text = stdout(&capgraph(&["common", path.to_str().unwrap()]));
    // hub: 4 users; rare: 2 (A, B), both without domain.
    // The Overlaps column (SPEC §5): both count towards pairs.
    assert_eq!(
        row(&text, "hub "),
        ["hub", "4", "HUB", "counted", "no", "—", "2025-01-01"]
    );
    assert_eq!(
        row(&text, "rare "),
        ["rare", "2", "counted", "no", "—", "2025-01-01"]
    );
    // The rule is stated (4 projects: a tenth is 1, at least 3).
    assert!(
        text.contains(
            "1 of them hubs. A hub is used by a tenth of the projects or more, and by at least 3 (here: 3 or more of 4 projects)"
        ),
        "{text}"
    );
}

#[test]
fn output_file_and_stdout_agree_and_runs_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("common.json");
    let first = capgraph(&["common", SMALL, "--format", "json"]);
    let written = capgraph(&[
        "common",
        SMALL,
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(written.status.code(), Some(0));
    assert!(written.stdout.is_empty());
    assert_eq!(std::fs::read(&out).unwrap(), first.stdout);
    // One worker thread or two: same bytes.
    let single = Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args(["common", SMALL, "--format", "json"])
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .unwrap();
    assert_eq!(single.stdout, first.stdout);
    // Never over an input.
    let over = capgraph(&["common", SMALL, "-o", SMALL]);
    assert_eq!(over.status.code(), Some(2));
    assert!(Path::new(SMALL).exists());
}

/// Ids with `|`, `<`, `&` and non-Latin text must not break the Markdown
/// tables: every row has as many unescaped cell separators as the header.
#[test]
fn markdown_tables_survive_hostile_labels() {
    let text = stdout(&capgraph(&[
        "common",
        "fixtures/hostile-labels.json",
        "--format",
        "md",
    ]));
    let separators = |line: &str| {
        line.replace("\\\\", "")
            .replace("\\|", "")
            .matches('|')
            .count()
    };
    let mut rows = 0;
    let mut expected = 0;
    for line in text.lines() {
        if !line.starts_with('|') {
            expected = 0;
            continue;
        }
        if expected == 0 {
            expected = separators(line);
        }
        assert_eq!(separators(line), expected, "{line}\n{text}");
        rows += 1;
    }
    // Domain matrix: header, rule, 3 domains; capabilities: header, rule, 1 row.
    assert_eq!(rows, 5 + 3, "{text}");
    assert!(!text.contains("<FMN>"), "{text}");
}

#[test]
fn an_empty_portfolio_gives_empty_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.json");
    std::fs::write(
        &path,
        r#"{ "portfolio": { "name": "e", "start": "2025-01-01" } }"#,
    )
    .unwrap();
    let got = json_of(&["common", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        got,
        json!({ "schema": "capgraph.common/1", "shared_components": [], "pairs": [],
                "domain_matrix": [], "clusters": [], "capability_overlap": [] })
    );
}
