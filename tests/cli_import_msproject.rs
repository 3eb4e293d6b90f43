//! `capgraph import msproject`: a small hand-made MSPDI file whose every
//! figure is worked out by hand below, the bad inputs of issue 14, and
//! MPXJ's MSPDI test files of ../shared/data (skipped, with a message,
//! when absent).

// A skipped test says why on stderr.
#![allow(clippy::print_stderr)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{root, run};

const SMALL: &str = "fixtures/msproject/small.xml";

fn import(xml: &Path, dir: &Path) -> (common::Run, PathBuf, PathBuf) {
    common::import_schedule("msproject", xml, dir)
}

fn json(path: &Path) -> serde_json::Value {
    common::read_json(path)
}

/// fixtures/msproject/small.xml, worked out by hand. Project start
/// 2025-01-06 (a Monday) = day 0; status date 2025-01-13 08:00 (day 7).
/// Calendar 1 (the project's): Monday–Friday 08–12 and 13–17, 40 h a week;
/// calendar 2: every day 08–16, 56 h a week (W = 7, exact).
/// Summary tasks 1 "Depot" › 9 "Civil works" and › 5 "Fit-out" become no
/// node; their names are the wbs path. Task 8 is inactive (no node).
/// - 2 Survey (cal 2) complete: 01-06 08:00 → 01-08 16:00, a finish at the
///   day's end, so 01-09; duration 3. Cost 150000 hundredths = 1 500.
/// - 3 Foundations (cal 1) in progress since 01-09: 80 h = 80 × 7 / 40 =
///   14 days; 64 h remaining = 11.2 → 11 days. FS from 2.
/// - 4 Steel frame (cal 2) 40 h = 5 days; FS from 3 with a lag of 9600
///   tenths of a minute = 16 h on the project calendar: 16 × 7 / 40 = 2.8
///   → 3 days; start no earlier than 01-27 → `start`. Cost 2 500.50.
/// - 6 Cabling (cal 2) 16 h = 2 days; SS from 4 with 14400 tenths of a
///   minute in elapsed days (LagFormat 8) = 24 h = 1 day exactly; its
///   "must finish on" constraint is left out; the link from summary 9 too.
/// - 7 Handover, a milestone: FF from 6, FS from 4.
/// - The link 2 → 8 (inactive) is left out: 2 links left out in all.
///
/// Schedule with the status: 2 days 0–3; 3 ES 3 (actual), EF = max(3 + 14,
/// 7 + 11) = 18 (01-24); 4 ES = max(18 + 3, 21) = 21 (01-27), EF 26
/// (02-01); 6 ES 22 (01-28), EF 24 (01-30); 7 ES = max(26, 24 − 0) = 26
/// (02-01). MS Project's own dates in the file: 2 actual (01-06, 01-09);
/// 3 started 01-09, early finish 01-22 17:00 = 01-23 (ten working days),
/// one day before capgraph's (the 5-day calendar's approximation); 4
/// 01-27 → 01-31 16:00 = 02-01; 6 01-28 → 01-29 16:00 = 01-30; 7 01-31
/// 16:00 = 02-01. So 5 of 5 starts and 4 of 5 finishes exact, all within
/// ±7 days; the 4 on the 7-day calendar all exact.
#[test]
fn small_mspdi_imports_as_worked_out_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let (result, portfolio, status) = import(&root().join(SMALL), dir.path());
    result.expect_code(0).expect_no_panic();
    let p = json(&portfolio);
    assert_eq!(
        p["portfolio"]["name"],
        "Depot upgrade (small MS Project sample)"
    );
    assert_eq!(p["portfolio"]["start"], "2025-01-06");
    assert_eq!(p["portfolio"]["currency"], "EUR");
    let projects = p["projects"].as_array().unwrap();
    let ids: Vec<&str> = projects.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["2", "3", "4", "6", "7"]);
    let by = |id: &str| projects.iter().find(|n| n["id"] == id).unwrap();
    assert_eq!(by("2")["name"], "Survey & setting out");
    assert_eq!(by("2")["duration_days"], 3);
    assert_eq!(by("2")["cost"]["investment"], 1500.0);
    assert_eq!(by("2")["attributes"]["wbs"], "Depot / Civil works");
    assert_eq!(by("3")["duration_days"], 14);
    assert_eq!(by("3")["depends_on"], serde_json::json!(["2"]));
    assert_eq!(by("4")["start"], "2025-01-27");
    assert_eq!(by("4")["cost"]["investment"], 2500.5);
    assert_eq!(
        by("4")["depends_on"],
        serde_json::json!([{"id": "3", "lag_days": 3}])
    );
    assert_eq!(
        by("6")["depends_on"],
        serde_json::json!([{"id": "4", "type": "SS", "lag_days": 1}])
    );
    assert_eq!(by("6")["attributes"]["wbs"], "Depot / Fit-out");
    assert_eq!(by("7")["duration_days"], 0);
    assert_eq!(
        by("7")["depends_on"],
        serde_json::json!([{"id": "6", "type": "FF"}, "4"])
    );
    assert_eq!(
        json(&status),
        serde_json::json!({"as_of": "2025-01-13", "updates": [
            {"id": "2", "actual_start": "2025-01-06", "actual_finish": "2025-01-09"},
            {"id": "3", "actual_start": "2025-01-09", "remaining_days": 11}]})
    );
    let schedule = run(&[
        "schedule".as_ref(),
        portfolio.as_os_str(),
        "--status".as_ref(),
        status.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ])
    .expect_code(0)
    .json();
    let dates = |id: &str| {
        let node = schedule["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()
            .clone();
        (node["early_start"].clone(), node["early_finish"].clone())
    };
    assert_eq!(dates("3"), ("2025-01-09".into(), "2025-01-24".into()));
    assert_eq!(dates("4"), ("2025-01-27".into(), "2025-02-01".into()));
    assert_eq!(dates("6"), ("2025-01-28".into(), "2025-01-30".into()));
    assert_eq!(dates("7"), ("2025-02-01".into(), "2025-02-01".into()));
    let stderr = &result.stderr;
    for line in [
        "MS Project project Depot upgrade (small MS Project sample), data date 2025-01-13: 9 activities read",
        "mapped: 5 projects (4 activities, 1 milestones of duration 0); links FS 3, SS 1, FF 1, SF 0\n  ids: the tasks' unique ids (UID)\n",
        "status: 1 complete, 1 in progress",
        "costs: 2 activities with a budgeted cost, 4000.50 in all",
        "start on or after constraints kept as start: 1\n",
        "summary tasks (no node): 3 (1, 9, 5)",
        "links to or from those: 2",
        "constraints MFO (must finish on): 1 (6)",
        "inactive tasks (no node): 1 (8)",
        "round(h ÷ H × 7 ÷ W) days): 1 (3)",
        "all activities (5 activities): early starts 5 exact (100.0 %), 5 within ±7 days (100.0 %); \
         early finishes 4 exact (80.0 %), 5 within ±7 days (100.0 %)",
        "on 7-day calendars (4 activities): early starts 4 exact (100.0 %), 4 within ±7 days (100.0 %); \
         early finishes 4 exact (100.0 %), 4 within ±7 days (100.0 %)",
    ] {
        assert!(stderr.contains(line), "missing {line:?} in\n{stderr}");
    }
}

/// Imports the small file changed by `edit`; it must be refused with
/// `expected` in the message and nothing written.
fn expect_refused(edit: impl Fn(&str) -> String, expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(root().join(SMALL)).unwrap();
    let bad = dir.path().join("bad.xml");
    fs::write(&bad, edit(&text)).unwrap();
    let (result, portfolio, status) = import(&bad, dir.path());
    result.expect_code(1).expect_no_panic();
    for e in expected {
        assert!(
            result.stderr.contains(e),
            "missing {e:?} in\n{}",
            result.stderr
        );
    }
    assert!(
        !portfolio.exists() && !status.exists(),
        "an output was written"
    );
}

/// The line of the first occurrence of `needle` in the small file.
fn line_of(needle: &str) -> usize {
    let text = fs::read_to_string(root().join(SMALL)).unwrap();
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn a_file_that_is_not_mspdi_is_refused() {
    expect_refused(
        |_| {
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n"
                .to_string()
        },
        &[
            "bad.xml:2:1",
            "not an MS Project XML (MSPDI) file: the root element is <svg>",
        ],
    );
    expect_refused(
        |_| "{\"portfolio\": {}}".to_string(),
        &["not an MS Project XML (MSPDI) file"],
    );
}

#[test]
fn a_truncated_file_is_refused() {
    expect_refused(
        |t| t[..t.find("<UID>4</UID>").unwrap()].to_string(),
        &["the file ends inside <Task>", "it is truncated"],
    );
}

#[test]
fn link_problems_are_all_named_with_their_lines() {
    // Two problems in one file: task 3's link from task 2 gets an unknown
    // type, task 7's link from 6 names a task the file lacks.
    let type_line = line_of("<PredecessorUID>2</PredecessorUID><Type>1</Type>");
    let missing_line = line_of("<PredecessorUID>6</PredecessorUID>");
    let first_2 = "<PredecessorUID>2</PredecessorUID><Type>1</Type>";
    expect_refused(
        |t| {
            t.replacen(first_2, "<PredecessorUID>2</PredecessorUID><Type>7</Type>", 1)
                .replace("<PredecessorUID>6</PredecessorUID>", "<PredecessorUID>66</PredecessorUID>")
        },
        &[
            &format!(
                "bad.xml:{type_line}:1 Task/PredecessorLink/Type: link 2 → task 3 (Foundations): unknown link type \"7\""
            ),
            &format!(
                "bad.xml:{missing_line}:1 Task/PredecessorLink/PredecessorUID: task 7 (Handover): a link from task 66, which the file does not have"
            ),
        ],
    );
}

#[test]
fn a_bad_date_and_a_bad_duration_are_named() {
    expect_refused(
        |t| {
            t.replace("<ActualStart>2025-01-09T08:00:00", "<ActualStart>2025-01-32T08:00:00")
                .replace("<Duration>PT40H0M0S", "<Duration>forty hours")
        },
        &[
            "Task/ActualStart: task 3 (Foundations): ActualStart \"2025-01-32T08:00:00\" is not a date",
            "Task/Duration: task 4 (Steel frame): Duration \"forty hours\" is not a duration",
        ],
    );
}

#[test]
fn another_project_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("p.json");
    let result = run(&[
        "import".as_ref(),
        "msproject".as_ref(),
        root().join(SMALL).as_os_str(),
        "-o".as_ref(),
        portfolio.as_os_str(),
        "--project".as_ref(),
        "Harbour".as_ref(),
    ]);
    result.expect_code(1).expect_no_panic();
    assert!(
        result.stderr.contains(
            "no project \"Harbour\" in the file: an MS Project XML file holds one project, \"Depot upgrade (small MS Project sample)\""
        ),
        "{}",
        result.stderr
    );
    assert!(!portfolio.exists());
}

#[test]
fn without_a_status_date_no_status_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(root().join(SMALL)).unwrap();
    // No status date, no current date, no actual dates: nothing to be as_of.
    let text = text
        .replace("  <StatusDate>2025-01-13T08:00:00</StatusDate>\n", "")
        .replace("  <CurrentDate>2025-01-13T08:00:00</CurrentDate>\n", "");
    let text = text
        .lines()
        .filter(|l| !l.contains("<ActualStart>") && !l.contains("<ActualFinish>"))
        .collect::<Vec<_>>()
        .join("\n");
    let xml = dir.path().join("plan.xml");
    fs::write(&xml, text).unwrap();
    let (result, portfolio, status) = import(&xml, dir.path());
    result.expect_code(0).expect_no_panic();
    assert!(portfolio.exists());
    assert!(!status.exists());
    assert!(
        result
            .stderr
            .contains("status.json not written: the file has no data date"),
        "{}",
        result.stderr
    );
}

/// MPXJ's MSPDI test file `name` in ../shared/data, when present.
fn shared_mspdi(name: &str) -> Option<PathBuf> {
    common::shared_data(&format!("mpxj/{name}"))
}

/// Counts of links by type in `portfolio`: FS, SS, FF, SF.
fn link_types(portfolio: &serde_json::Value) -> [usize; 4] {
    let mut counts = [0; 4];
    for project in portfolio["projects"].as_array().unwrap() {
        for link in project["depends_on"].as_array().into_iter().flatten() {
            let t = link["type"].as_str().unwrap_or("FS");
            counts[["FS", "SS", "FF", "SF"]
                .iter()
                .position(|x| *x == t)
                .unwrap()] += 1;
        }
    }
    counts
}

/// Expected figures counted by reading the XML files (Python's
/// ElementTree, not capgraph): tasks that are neither the project summary
/// (UID 0) nor summary tasks, and their PredecessorLink types (0 FF, 1 FS,
/// 2 SF, 3 SS).
#[test]
fn mpxj_mspdi_test_files_import_with_their_counts() {
    let cases: [(&str, usize, [usize; 4]); 3] = [
        // Tasks 1–5; 2←1 FS, 3←2 SS, 4←3 FF, 5←4 SF.
        ("mspdirelations.xml", 5, [1, 1, 1, 1]),
        // 16 tasks; 2←1, 4←3, 6←5, 8←7, 10←9 FS, 12←11 SF, 14←13 SS, 16←15 FF.
        ("task-links-project2016-mspdi.xml", 16, [5, 1, 1, 1]),
        // 20 tasks less UID 0 and the summaries 1, 6, 19: 16; 10←9, 12←11,
        // 14←13 FS, 16←15 SS, 18←17 FF, 21←20 SF.
        ("sample.xml", 16, [3, 1, 1, 1]),
    ];
    for (name, tasks, links) in cases {
        let Some(xml) = shared_mspdi(name) else {
            eprintln!(
                "skipped: ../shared/data/mpxj/{name} is absent (see ../shared/data/README.md)"
            );
            continue;
        };
        let dir = tempfile::tempdir().unwrap();
        let (result, portfolio, _) = import(&xml, dir.path());
        result.expect_code(0).expect_no_panic();
        let p = json(&portfolio);
        assert_eq!(p["projects"].as_array().unwrap().len(), tasks, "{name}");
        assert_eq!(link_types(&p), links, "{name}");
        run(&["check".as_ref(), portfolio.as_os_str()]).expect_code(0);
        assert!(
            result.stderr.contains("against MS Project's own dates"),
            "{name}: {}",
            result.stderr
        );
    }
    // sample.xml: lags of ±8 working hours (LinkLag ±4800 tenths of a
    // minute) on the 40-hour standard week: 8 × 7 / 40 = 1.4 → ±1 day;
    // task 21's start-no-earlier-than 2003-01-06 lies before the project
    // start 2003-01-07 and binds nothing.
    if let Some(xml) = shared_mspdi("sample.xml") {
        let dir = tempfile::tempdir().unwrap();
        let (result, portfolio, _) = import(&xml, dir.path());
        let p = json(&portfolio);
        let by = |id: &str| {
            p["projects"]
                .as_array()
                .unwrap()
                .iter()
                .find(|n| n["id"] == id)
                .unwrap()
                .clone()
        };
        assert_eq!(
            by("12")["depends_on"],
            serde_json::json!([{"id": "11", "lag_days": 1}])
        );
        assert_eq!(
            by("14")["depends_on"],
            serde_json::json!([{"id": "13", "lag_days": -1}])
        );
        assert_eq!(by("21").get("start"), None);
        assert_eq!(by("20")["start"], "2003-01-08");
        assert!(
            result
                .stderr
                .contains("start on or after constraints kept as start: 3"),
            "{}",
            result.stderr
        );
    }
}
