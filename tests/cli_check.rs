//! `capgraph check` (and the other commands' handling of bad input), run as
//! the real binary. The expectations for fixtures/invalid/ come from
//! fixtures/invalid/README.md, which was written by hand before the code.

mod common;

use std::fs;
use std::path::Path;

use serde_json::Value;

use common::{run, Run};

/// One invalid fixture and what `check --format json` must say about it.
struct Case {
    file: &'static str,
    code: &'static str,
    /// The id the problem names: the offending value where the README gives
    /// one (an unknown or wrong-kind reference), else the node.
    id: Option<&'static str>,
    /// The node whose definition holds the problem, when the README gives
    /// one that differs from `id`: the message must name it.
    node: Option<&'static str>,
    path: &'static str,
    /// Line and column, for problems found while parsing.
    position: Option<(u64, u64)>,
    /// The hint, where the README prescribes one.
    hint: Option<&'static str>,
}

const fn case(
    file: &'static str,
    code: &'static str,
    id: Option<&'static str>,
    path: &'static str,
) -> Case {
    Case {
        file,
        code,
        id,
        node: None,
        path,
        position: None,
        hint: None,
    }
}

/// Every portfolio case of fixtures/invalid/README.md with a single problem.
const PORTFOLIO_CASES: &[Case] = &[
    // Syntax level.
    Case {
        position: Some((12, 5)),
        ..case("malformed-json.json", "syntax", None, "")
    },
    case("empty.json", "unreadable", None, ""),
    Case {
        position: Some((12, 58)),
        ..case("non-utf8.json", "unreadable", None, "")
    },
    Case {
        position: Some((12, 237)),
        ..case("too-deep.json", "too-deep", None, "")
    },
    case("not-an-object.json", "not-an-object", None, ""),
    // Schema level.
    case(
        "unknown-field.json",
        "unknown-field",
        Some("P-COR-001"),
        "/projects/2/dependson",
    ),
    case(
        "missing-required-field.json",
        "missing-field",
        Some("P-CYB-002"),
        "/projects/1",
    ),
    case(
        "wrong-type.json",
        "wrong-type",
        Some("P-COR-001"),
        "/projects/2/duration_days",
    ),
    case(
        "fractional-days.json",
        "wrong-type",
        Some("P-CYB-002"),
        "/projects/1/duration_days",
    ),
    case(
        "negative-duration.json",
        "negative-duration",
        Some("P-CYB-002"),
        "/projects/1/duration_days",
    ),
    case(
        "finish-before-start.json",
        "finish-before-start",
        Some("P-CYB-002"),
        "/projects/1/finish",
    ),
    case(
        "invalid-date.json",
        "invalid-date",
        Some("CAP-ZTA"),
        "/capabilities/0/target",
    ),
    case(
        "unknown-link-type.json",
        "unknown-link-type",
        Some("P-COR-001"),
        "/projects/2/depends_on/0/type",
    ),
    case(
        "unknown-domain.json",
        "unknown-domain",
        Some("P-CYB-002"),
        "/projects/1/domain",
    ),
    case(
        "invalid-profile.json",
        "invalid-profile",
        Some("P-CYB-002"),
        "/projects/1/cost/profile",
    ),
    case(
        "invalid-year.json",
        "invalid-year",
        Some("P-CYB-002"),
        "/projects/1/cost/authorised/FY26",
    ),
    case(
        "invalid-range.json",
        "invalid-range",
        Some("P-CYB-002"),
        "/projects/1/range",
    ),
    case(
        "invalid-fiscal-year-start.json",
        "invalid-fiscal-year-start",
        None,
        "/portfolio/fiscal_year_start",
    ),
    // Graph level.
    case(
        "duplicate-id.json",
        "duplicate-id",
        Some("P-CYB-002"),
        "/projects/3/id",
    ),
    case(
        "duplicate-id-across-kinds.json",
        "duplicate-id",
        Some("pki"),
        "/projects/1/id",
    ),
    Case {
        node: Some("P-COR-001"),
        hint: Some(r#"did you mean "P-CYB-002"?"#),
        ..case(
            "unknown-reference.json",
            "unknown-reference",
            Some("P-CYB-02"),
            "/projects/2/depends_on/0",
        )
    },
    Case {
        node: Some("P-COR-001"),
        ..case(
            "wrong-kind-reference.json",
            "wrong-kind-reference",
            Some("P-CYB-001"),
            "/projects/2/uses/1",
        )
    },
    Case {
        node: Some("P-COR-001"),
        ..case(
            "wrong-kind-delivers.json",
            "wrong-kind-reference",
            Some("pki"),
            "/projects/2/delivers/1",
        )
    },
    case(
        "self-dependency.json",
        "self-dependency",
        Some("P-COR-001"),
        "/projects/2/depends_on/1",
    ),
    // The README lists the cycle's three edges; the problem points at one of
    // them (checked separately below), here the closing edge P-COM-003 → P-COM-001.
    case(
        "cycle.json",
        "cycle",
        Some("P-COM-001"),
        "/projects/0/depends_on/0",
    ),
];

/// The status cases, each checked against fixtures/invalid/status-base.json.
const STATUS_CASES: &[Case] = &[
    Case {
        hint: Some(r#"did you mean "P-COR-001"?"#),
        ..case(
            "status-unknown-id.json",
            "unknown-reference",
            Some("P-COR-01"),
            "/updates/1/id",
        )
    },
    case(
        "status-duplicate-update.json",
        "duplicate-update",
        Some("P-CYB-001"),
        "/updates/2/id",
    ),
    case(
        "status-date-before-start.json",
        "date-before-start",
        Some("P-CYB-001"),
        "/updates/0/actual_start",
    ),
    case(
        "status-finish-before-start.json",
        "finish-before-start",
        Some("P-CYB-002"),
        "/updates/0/actual_finish",
    ),
    case(
        "status-percent-out-of-range.json",
        "percent-out-of-range",
        Some("P-CYB-001"),
        "/updates/0/percent_complete",
    ),
    case(
        "status-negative-remaining.json",
        "negative-remaining",
        Some("P-CYB-001"),
        "/updates/0/remaining_days",
    ),
];

fn invalid(file: &str) -> String {
    format!("fixtures/invalid/{file}")
}

fn problems(json: &Value) -> &Vec<Value> {
    json["problems"].as_array().expect("a problems array")
}

/// Checks `json` (the output of `check --format json`) against `case`;
/// returns what does not match.
fn mismatches(case: &Case, json: &Value) -> Vec<String> {
    let problems = problems(json);
    let mut out = Vec::new();
    if json["valid"] != Value::Bool(false) {
        out.push("valid is not false".to_string());
    }
    let [problem] = problems.as_slice() else {
        return vec![format!("expected exactly one problem, got {problems:#?}")];
    };
    let expect = |field: &str, wanted: Value, out: &mut Vec<String>| {
        if problem[field] != wanted {
            out.push(format!("{field}: got {}, want {wanted}", problem[field]));
        }
    };
    expect("code", case.code.into(), &mut out);
    expect("severity", "error".into(), &mut out);
    expect("path", case.path.into(), &mut out);
    expect("id", case.id.map_or(Value::Null, Value::from), &mut out);
    if let Some((line, column)) = case.position {
        expect("line", line.into(), &mut out);
        expect("column", column.into(), &mut out);
    }
    if let Some(hint) = case.hint {
        expect("hint", hint.into(), &mut out);
    }
    if let Some(node) = case.node {
        let message = problem["message"].as_str().unwrap_or_default();
        if !message.contains(&format!("\"{node}\"")) {
            out.push(format!("message does not name {node}: {message}"));
        }
    }
    out
}

fn check_cases(cases: &[Case], args_of: impl Fn(&Case) -> Vec<String>) {
    let mut failures = Vec::new();
    for case in cases {
        let mut args = args_of(case);
        args.extend(["--format".to_string(), "json".to_string()]);
        let out = run(&args);
        out.expect_no_panic();
        if out.code != 1 {
            failures.push(format!("{}: exit code {}, want 1", case.file, out.code));
            continue;
        }
        failures.extend(
            mismatches(case, &out.json())
                .into_iter()
                .map(|m| format!("{}: {m}", case.file)),
        );
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_sample_portfolio_is_valid() {
    let out = run(&["check", "fixtures/digital-backbone.json"]);
    out.expect_code(0).expect_no_panic();
    assert!(out.stdout.contains("valid"), "{}", out.stdout);
    assert!(!out.stdout.contains("INVALID"), "{}", out.stdout);
    let out = run(&[
        "check",
        "fixtures/digital-backbone.json",
        "--format",
        "json",
    ]);
    let json = out.expect_code(0).json();
    assert_eq!(json["valid"], Value::Bool(true));
    assert_eq!(json["schema"], "capgraph.check/1");
}

#[test]
fn every_invalid_portfolio_fixture_reports_its_problem_where_the_readme_says() {
    check_cases(PORTFOLIO_CASES, |case| {
        vec!["check".to_string(), invalid(case.file)]
    });
}

#[test]
fn every_invalid_status_fixture_reports_its_problem_where_the_readme_says() {
    check_cases(STATUS_CASES, |case| {
        vec![
            "check".to_string(),
            invalid("status-base.json"),
            "--status".to_string(),
            invalid(case.file),
        ]
    });
}

#[test]
fn every_fixture_in_the_invalid_folder_is_covered() {
    let mut listed: Vec<&str> = PORTFOLIO_CASES
        .iter()
        .chain(STATUS_CASES)
        .map(|c| c.file)
        .chain(["multiple-problems.json", "status-base.json"])
        .collect();
    listed.sort_unstable();
    let mut present: Vec<String> = fs::read_dir(common::root().join("fixtures/invalid"))
        .expect("the folder exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    present.sort_unstable();
    assert_eq!(present, listed);
}

#[test]
fn the_status_base_is_valid_without_warnings() {
    let out = run(&["check", &invalid("status-base.json"), "--format", "json"]);
    let json = out.expect_code(0).json();
    assert!(problems(&json).is_empty(), "{json:#}");
}

#[test]
fn the_cycle_problem_points_at_one_of_the_cycle_edges() {
    // README: the cycle's edges are /projects/1/depends_on/0,
    // /projects/2/depends_on/0 and /projects/0/depends_on/0.
    let json = run(&["check", &invalid("cycle.json"), "--format", "json"]).json();
    let problem = &problems(&json)[0];
    let edges = [
        "/projects/1/depends_on/0",
        "/projects/2/depends_on/0",
        "/projects/0/depends_on/0",
    ];
    assert!(edges.contains(&problem["path"].as_str().unwrap()));
    assert!(problem["message"]
        .as_str()
        .unwrap()
        .contains("P-COM-001 -> P-COM-002 -> P-COM-003 -> P-COM-001"));
}

#[test]
fn several_problems_are_all_reported_in_one_run() {
    let out = run(&[
        "check",
        &invalid("multiple-problems.json"),
        "--format",
        "json",
    ]);
    let json = out.expect_code(1).json();
    let mut found: Vec<(String, String, String)> = problems(&json)
        .iter()
        .map(|p| {
            let field = |k: &str| p[k].as_str().unwrap_or_default().to_string();
            (field("code"), field("id"), field("path"))
        })
        .collect();
    found.sort();
    let strings = |(a, b, c): (&str, &str, &str)| (a.to_string(), b.to_string(), c.to_string());
    let expected = [
        (
            "negative-duration",
            "P-CYB-002",
            "/projects/1/duration_days",
        ),
        ("unknown-field", "P-COR-001", "/projects/2/ownr"),
        ("unknown-reference", "P-CYB-02", "/projects/2/depends_on/0"),
    ]
    .map(strings);
    assert_eq!(found, expected);
    // The table lists them too, with the summary.
    let out = run(&["check", &invalid("multiple-problems.json")]);
    out.expect_code(1);
    assert_eq!(out.stdout.matches("error[").count(), 3, "{}", out.stdout);
    assert!(out.stdout.contains("INVALID — 3 errors"), "{}", out.stdout);
}

#[test]
fn warnings_do_not_fail_the_check() {
    let out = run(&["check", "fixtures/warnings.json", "--format", "json"]);
    let json = out.expect_code(0).json();
    assert_eq!(json["valid"], Value::Bool(true));
    let mut codes: Vec<(&str, &str)> = problems(&json)
        .iter()
        .map(|p| {
            assert_eq!(p["severity"], "warning", "{p:#}");
            (p["code"].as_str().unwrap(), p["id"].as_str().unwrap())
        })
        .collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        [
            ("no-duration", "P-COM-009"),
            ("undelivered-capability", "CAP-SVC"),
            ("unused-component", "legacy-pabx"),
        ]
    );
    let out = run(&["check", "fixtures/warnings.json"]);
    out.expect_code(0);
    assert_eq!(out.stdout.matches("warning[").count(), 3, "{}", out.stdout);
    assert!(out.stdout.contains("valid — 0 errors, 3 warnings"));
}

/// Exactly one problem line and the summary on stdout, exit 1, nothing on
/// stderr, no panic.
fn expect_one_clear_line(out: &Run, mentions: &str) {
    out.expect_code(1).expect_no_panic();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(lines[0].starts_with("error["), "{}", lines[0]);
    assert!(lines[0].contains(mentions), "{}", lines[0]);
    assert!(lines[1].contains("INVALID — 1 error"), "{}", lines[1]);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn unreadable_files_give_one_clear_line() {
    let cases = [
        ("fixtures/invalid/no-such-file.json", "no such file"),
        ("fixtures/invalid", "directory"),
        ("fixtures/invalid/empty.json", "empty"),
        ("fixtures/invalid/non-utf8.json", "UTF-8"),
        ("fixtures/invalid/not-an-object.json", "array"),
        ("fixtures/invalid/too-deep.json", "deep"),
    ];
    for (file, mentions) in cases {
        expect_one_clear_line(&run(&["check", file]), mentions);
    }
}

#[test]
fn a_syntax_error_gives_line_and_column() {
    let out = run(&["check", &invalid("malformed-json.json")]);
    expect_one_clear_line(&out, "line 12, column 5");
}

#[test]
fn wrong_usage_exits_2() {
    for args in [
        &[][..],
        &["check"][..],
        &["check", "fixtures/digital-backbone.json", "--bogus"][..],
        &["frobnicate", "fixtures/digital-backbone.json"][..],
    ] {
        let out = run(args);
        out.expect_code(2).expect_no_panic();
    }
}

#[test]
fn an_unknown_reference_suggests_the_nearest_id() {
    let out = run(&["check", &invalid("unknown-reference.json")]);
    out.expect_code(1);
    assert!(
        out.stdout.contains(r#"did you mean "P-CYB-002"?"#),
        "{}",
        out.stdout
    );
}

/// A portfolio of plain projects, each `(id, depends_on)`, written to a
/// temporary folder.
fn write_projects(dir: &Path, projects: &[(&str, &[&str])]) -> String {
    let projects: Vec<Value> = projects
        .iter()
        .map(|(id, deps)| {
            serde_json::json!({"id": id, "name": id, "duration_days": 10, "depends_on": deps})
        })
        .collect();
    let text = serde_json::json!({
        "portfolio": {"name": "Cycles", "start": "2025-01-01"},
        "projects": projects,
    });
    let path = dir.join("cycles.json");
    fs::write(&path, text.to_string()).unwrap();
    path.display().to_string()
}

#[test]
fn each_strongly_connected_component_prints_one_cycle() {
    // Edges run from a depends_on entry to the project that lists it.
    // 1. K-1 ⇄ K-2: edges K-2 → K-1, K-1 → K-2. From the smallest id:
    //    K-1 -> K-2 -> K-1.
    // 2. M-1 → M-3 → M-2 → M-1 (ids out of order along the edges, so the
    //    text shows the edge direction): M-1 -> M-3 -> M-2 -> M-1.
    // 3. One component, two cycles through S-1: S-1 → S-2 → S-3 → S-1 and
    //    S-1 → S-5 → S-1. Breadth-first from S-1, successors in id order
    //    (S-2, S-5): S-2's successor S-3 is queued; S-5's successor is S-1,
    //    closing the shortest cycle S-1 -> S-5 -> S-1 (length 2 < 3).
    // A project outside every cycle (Z, after S-3) must not appear.
    let dir = tempfile::tempdir().unwrap();
    let file = write_projects(
        dir.path(),
        &[
            ("K-1", &["K-2"]),
            ("K-2", &["K-1"]),
            ("M-3", &["M-1"]),
            ("M-2", &["M-3"]),
            ("M-1", &["M-2"]),
            ("S-2", &["S-1"]),
            ("S-3", &["S-2"]),
            ("S-5", &["S-1"]),
            ("S-1", &["S-3", "S-5"]),
            ("Z", &["S-3"]),
        ],
    );
    let out = run(&["check", &file, "--format", "json"]);
    let json = out.expect_code(1).json();
    let mut cycles: Vec<(String, String)> = problems(&json)
        .iter()
        .map(|p| {
            assert_eq!(p["code"], "cycle", "{p:#}");
            let message = p["message"].as_str().unwrap();
            let text = message.trim_start_matches("dependency cycle: ").to_string();
            (p["id"].as_str().unwrap().to_string(), text)
        })
        .collect();
    cycles.sort();
    let expected = [
        ("K-1", "K-1 -> K-2 -> K-1"),
        ("M-1", "M-1 -> M-3 -> M-2 -> M-1"),
        ("S-1", "S-1 -> S-5 -> S-1"),
    ]
    .map(|(id, text)| (id.to_string(), text.to_string()));
    assert_eq!(cycles, expected);
    // The table shows each cycle once.
    let table = run(&["check", &file]).stdout;
    for (_, text) in &expected {
        assert_eq!(table.matches(text.as_str()).count(), 1, "{table}");
    }
}

#[test]
fn an_analysis_of_an_invalid_file_lists_its_problems_on_stderr() {
    let out = run(&["schedule", &invalid("multiple-problems.json")]);
    out.expect_code(1).expect_no_panic();
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    for code in [
        "error[negative-duration]",
        "error[unknown-reference]",
        "error[unknown-field]",
    ] {
        assert!(out.stderr.contains(code), "{code}:\n{}", out.stderr);
    }
    // A bad status file likewise.
    let out = run(&[
        "schedule",
        &invalid("status-base.json"),
        "--status",
        &invalid("status-negative-remaining.json"),
    ]);
    out.expect_code(1).expect_no_panic();
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("error[negative-remaining]"),
        "{}",
        out.stderr
    );
}

#[test]
fn output_never_overwrites_an_input_file() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("portfolio.json");
    let status = dir.path().join("status.json");
    fs::copy(
        common::root().join("fixtures/digital-backbone.json"),
        &portfolio,
    )
    .unwrap();
    fs::copy(
        common::root().join("fixtures/status-2026-w48.json"),
        &status,
    )
    .unwrap();
    let before = (fs::read(&portfolio).unwrap(), fs::read(&status).unwrap());
    let p = portfolio.display().to_string();
    let s = status.display().to_string();
    // The same file under another spelling (dir/./portfolio.json) is still the input.
    let p_again = dir
        .path()
        .join(".")
        .join("portfolio.json")
        .display()
        .to_string();
    for args in [
        vec!["schedule", &p, "-o", &p],
        vec!["schedule", &p, "-o", &p_again],
        vec!["schedule", &p, "--status", &s, "-o", &s],
        vec!["path", &p, "--to", "CAP-FMN", "-o", &p],
        vec!["check", &p, "-o", &p],
    ] {
        let out = run(&args);
        out.expect_code(2).expect_no_panic();
        assert!(out.stderr.contains("input"), "{}", out.stderr);
    }
    assert_eq!(
        (fs::read(&portfolio).unwrap(), fs::read(&status).unwrap()),
        before
    );
    // A fresh file is written.
    let report = dir.path().join("schedule.json");
    let r = report.display().to_string();
    run(&["schedule", &p, "--format", "json", "-o", &r]).expect_code(0);
    let written: Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    assert_eq!(written["schema"], "capgraph.schedule/1");
}

#[test]
fn a_status_file_is_not_called_valid_when_its_portfolio_could_not_be_read() {
    // The status base's updates are fine, but against an invalid portfolio they
    // cannot be checked: the verdict must not say "valid".
    let out = run(&[
        "check",
        &invalid("unknown-link-type.json"),
        "--status",
        &invalid("status-base.json"),
    ]);
    out.expect_code(1);
    let status_line = out
        .stdout
        .lines()
        .find(|l| l.contains("status-base.json:"))
        .unwrap_or_else(|| panic!("no verdict for the status file:\n{}", out.stdout));
    assert!(status_line.contains("not checked"), "{status_line}");
    assert!(!status_line.contains("valid —"), "{status_line}");
    let json = run(&[
        "check",
        &invalid("unknown-link-type.json"),
        "--status",
        &invalid("status-base.json"),
        "--format",
        "json",
    ])
    .json();
    let file = &json["files"][1];
    assert_eq!(file["checked"], false, "{json:#}");
    assert_eq!(file["valid"], false, "{json:#}");
    assert_eq!(json["files"][0]["checked"], true, "{json:#}");
}
