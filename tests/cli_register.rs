//! `capgraph import register` and `export xlsx` (SPEC §10): the round trip
//! on the sample, the workbook as openpyxl (an independent .xlsx reader and
//! writer) sees it, CSV registers with forgiving headers, and bad input
//! reported with its file and cell, never half-written.
//!
//! The openpyxl tests need Python 3 with openpyxl (`.ci/run` installs it);
//! without it they fail and say what to install, rather than skip.
//! `CAPGRAPH_PYTHON` names the interpreter (default `python3`).

mod common;

use std::path::Path;
use std::process::Command;

use common::{python, read_json, root, run, write};
use serde_json::{json, Value};

/// Runs tests/exchange/register_with_openpyxl.py; its stdout. Fails (never
/// skips) when Python or openpyxl is missing.
fn openpyxl(args: &[&str]) -> String {
    let output = Command::new(python())
        .arg(root().join("tests/exchange/register_with_openpyxl.py"))
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "this test needs Python 3 (`{}`: {e}); set CAPGRAPH_PYTHON or install python3",
                python()
            )
        });
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("No module named 'openpyxl'"),
        "this test needs openpyxl: `{} -m pip install openpyxl` (.ci/run installs it)",
        python()
    );
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "register_with_openpyxl.py {args:?} failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    stdout
}

/// JSON with every object's keys sorted, pretty-printed: the canonical
/// form in which two portfolios are compared byte for byte.
fn canonical(value: &Value) -> String {
    fn sorted(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                let mut out = serde_json::Map::new();
                for key in keys {
                    out.insert(key.clone(), sorted(&map[key]));
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    // Keys inserted in sorted order print in sorted order with or without
    // serde_json's preserve_order feature.
    serde_json::to_string_pretty(&sorted(value)).unwrap()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn export_then_import_gives_back_the_sample_portfolio_and_status() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("register.xlsx");
    let back = dir.path().join("back.json");
    let status_back = dir.path().join("status.json");
    run(&[
        "export",
        "xlsx",
        "fixtures/digital-backbone.json",
        "--status",
        "fixtures/status-2026-w48.json",
        "-o",
        path(&xlsx),
    ])
    .expect_code(0)
    .expect_no_panic();
    let imported = run(&[
        "import",
        "register",
        path(&xlsx),
        "-o",
        path(&back),
        "--status-out",
        path(&status_back),
    ]);
    imported.expect_code(0).expect_no_panic();
    // 49 projects, 18 components, 8 capabilities and 15 updates are the
    // sample files' own counts (projects/components/capabilities arrays,
    // updates of status-2026-w48.json).
    assert!(
        imported.stderr.contains(
            "49 projects (Projects), 18 components (Components), 8 capabilities (Capabilities), 15 status updates (Status)"
        ),
        "{}",
        imported.stderr
    );
    assert_eq!(
        canonical(&read_json(&back)),
        canonical(&read_json(Path::new("fixtures/digital-backbone.json")))
    );
    assert_eq!(
        canonical(&read_json(&status_back)),
        canonical(&read_json(Path::new("fixtures/status-2026-w48.json")))
    );
    run(&["check", path(&back)]).expect_code(0);

    // The same records give the same bytes: exporting the imported files
    // again writes the very same workbook.
    let again = dir.path().join("again.xlsx");
    run(&[
        "export",
        "xlsx",
        path(&back),
        "--status",
        path(&status_back),
        "-o",
        path(&again),
    ])
    .expect_code(0);
    assert_eq!(
        std::fs::read(&xlsx).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

#[test]
fn openpyxl_opens_the_export_and_sees_the_template_headers_and_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.xlsx");
    let xlsx = dir.path().join("register.xlsx");
    let schedule = dir.path().join("schedule.json");
    run(&["import", "register", "--template", path(&template)]).expect_code(0);
    let status = "fixtures/status-2026-w48.json";
    let portfolio = "fixtures/digital-backbone.json";
    run(&[
        "export",
        "xlsx",
        portfolio,
        "--status",
        status,
        "-o",
        path(&xlsx),
    ])
    .expect_code(0);
    run(&[
        "schedule",
        portfolio,
        "--status",
        status,
        "--format",
        "json",
        "-o",
        path(&schedule),
    ])
    .expect_code(0);
    // The script asserts that every template sheet is in the export and
    // that the export's headers start with the template's.
    let report: Value = serde_json::from_str(&openpyxl(&["inspect", path(&template), path(&xlsx)]))
        .expect("the script prints JSON");
    for sheet in [
        "Portfolio",
        "Projects",
        "Components",
        "Capabilities",
        "Status",
    ] {
        assert!(report.get(sheet).is_some(), "{sheet} missing: {report}");
    }
    let projects = &report["Projects"];
    assert_eq!(projects["template_headers"][0], "Id");
    assert_eq!(projects["template_headers"][3], "Duration days");
    let headers: Vec<&str> = projects["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    let at = |name: &str| headers.iter().position(|h| *h == name).unwrap();
    // The figures as openpyxl reads them equal `schedule --format json` with
    // the same status: dates as date cells, float as a number, critical as
    // a boolean.
    let figures = read_json(&schedule);
    let nodes = figures["nodes"].as_array().expect("schedule nodes");
    let rows = projects["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 49);
    for row in rows {
        let id = row[0].as_str().unwrap();
        let node = nodes.iter().find(|n| n["id"] == id).expect("scheduled");
        assert_eq!(row[at("Early start")], node["early_start"], "{id}");
        assert_eq!(row[at("Early finish")], node["early_finish"], "{id}");
        assert_eq!(
            row[at("Total float days")].as_f64(),
            node["total_float"].as_f64(),
            "{id}"
        );
        assert_eq!(row[at("Critical")], node["critical"], "{id}");
    }
    // A date field is a date cell, an amount a number (P-COM-001 of the sample).
    let first = &rows[0];
    assert_eq!(first[0], "P-COM-001");
    assert_eq!(first[at("Start")], "2025-03-03");
    assert_eq!(first[at("Investment")].as_f64(), Some(74_600_000.0));
    assert_eq!(first[at("Uses")], "legacy-wan; dc-mons; crypto-devices FF");
}

#[test]
fn a_register_written_by_openpyxl_reads_with_date_cells_lists_and_attributes() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("built.xlsx");
    let out = dir.path().join("p.json");
    openpyxl(&["build", path(&xlsx), "good"]);
    run(&["import", "register", path(&xlsx), "-o", path(&out)])
        .expect_code(0)
        .expect_no_panic();
    // Worked out from the cells the script writes: date cells become ISO
    // dates, "2,500,000" an amount, the line break separates two links,
    // "ff-5" an FF link with lag −5, the Site column an attribute (7 stays
    // a number), the singular sheet name "Project" the projects.
    let expected = json!({
      "portfolio": {"name": "Built by openpyxl", "start": "2025-01-01"},
      "domains": ["core", "cyber"],
      "ceilings": {"investment": {"2025": 5000000}},
      "components": [{"id": "pki", "name": "PKI", "provided_by": "P-1", "infrastructure": false}],
      "capabilities": [{"id": "CAP-1", "name": "Mission network", "target": "2026-06-30"}],
      "projects": [
        {"id": "P-1", "name": "Core network", "domain": "core", "duration_days": 100,
         "start": "2025-02-03", "cost": {"investment": 1500000},
         "delivers": ["CAP-1"], "attributes": {"Site": "Mons"}},
        {"id": "P-2", "name": "Identity", "domain": "cyber", "duration_days": 40,
         "cost": {"investment": 2500000},
         "depends_on": [{"id": "P-1", "type": "SS", "lag_days": 10},
                        {"id": "P-3", "type": "FF", "lag_days": -5}],
         "uses": [{"id": "pki", "type": "FS", "lag_days": -20}],
         "delivers": ["CAP-1"], "attributes": {"Site": 7}},
        {"id": "P-3", "name": "Cloud", "domain": "core", "duration_days": 60,
         "uses": ["pki"], "delivers": ["CAP-1"]}
      ]
    });
    assert_eq!(canonical(&read_json(&out)), canonical(&expected));
}

#[test]
fn bad_cells_of_a_workbook_are_named_by_sheet_and_cell_all_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("bad.xlsx");
    let out = dir.path().join("p.json");
    openpyxl(&["build", path(&xlsx), "bad"]);
    let result = run(&["import", "register", path(&xlsx), "-o", path(&out)]);
    result.expect_code(1).expect_no_panic();
    // Row 12 of sheet "Project": E the start 2025-02-30 (no such day),
    // F the investment "lots", G the lag "+x".
    let file = path(&xlsx);
    for expected in [
        format!("error[invalid-date] {file} Project!E12: \"2025-02-30\" is not a date"),
        format!("error[wrong-type] {file} Project!F12: \"lots\" is not a number"),
        format!("error[wrong-type] {file} Project!G12: the lag \"+x\" in \"P-1 SS+x\" is not a whole number of days"),
    ] {
        assert!(result.stderr.contains(&expected), "{expected}\nin\n{}", result.stderr);
    }
    assert!(
        !out.exists(),
        "nothing is written from a register with problems"
    );
}

/// A CSV register of three files, headers spelt as people spell them.
fn csv_register(dir: &Path, projects: &str) -> Vec<String> {
    let files = [
        write(dir, "projects.csv", projects),
        write(dir, "components.csv", "id,NAME,provided_by\npki,PKI,P-1\n"),
        write(
            dir,
            "capabilities.csv",
            "Id,Name,Target\nCAP-1,Mission network,2026-06-30\n",
        ),
    ];
    files
        .iter()
        .map(|p| p.to_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_csv_register_reads_forgiving_headers_and_takes_its_start_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.json");
    let files = csv_register(
        dir.path(),
        "Id,Name,Duration_days,O&M per year,Depends on,USES,Delivers,Programme office\n\
         P-1,Core network,100,\"1,200,000\",,,CAP-1,Mons\n\
         P-2,Identity,50,,P-1 SS+30; P-1 FF,pki FS-60,CAP-1,\n",
    );
    let mut args = vec!["import", "register"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["-o", path(&out), "--start", "2025-01-01"]);
    let result = run(&args);
    result.expect_code(0).expect_no_panic();
    assert!(
        result
            .stderr
            .contains("attributes from columns: projects!\"Programme office\""),
        "{}",
        result.stderr
    );
    let expected = json!({
      "portfolio": {"name": "projects", "start": "2025-01-01"},
      "components": [{"id": "pki", "name": "PKI", "provided_by": "P-1"}],
      "capabilities": [{"id": "CAP-1", "name": "Mission network", "target": "2026-06-30"}],
      "projects": [
        {"id": "P-1", "name": "Core network", "duration_days": 100,
         "cost": {"om_per_year": 1200000}, "delivers": ["CAP-1"],
         "attributes": {"Programme office": "Mons"}},
        {"id": "P-2", "name": "Identity", "duration_days": 50,
         "depends_on": [{"id": "P-1", "type": "SS", "lag_days": 30}, {"id": "P-1", "type": "FF"}],
         "uses": [{"id": "pki", "type": "FS", "lag_days": -60}], "delivers": ["CAP-1"]}
      ]
    });
    assert_eq!(canonical(&read_json(&out)), canonical(&expected));
}

#[test]
fn bad_csv_cells_are_all_reported_with_file_and_cell_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.json");
    // Row 2: E2 a date that is no date, F2 an unknown link type.
    // Row 3: F3 a lag that is no number, F3 also a link to an unknown id
    // (P-9; "did you mean P-1"), G3 a use of an unknown component.
    let files = csv_register(
        dir.path(),
        "Id,Name,Domain,Duration days,Start,Depends on,Uses,Delivers\n\
         P-1,Core,core,100,31/03/2025,P-2 XX+3,pki,CAP-1\n\
         P-2,Identity,core,50,2025-01-01,P-1 SS+x;P-9,pkj,CAP-1\n",
    );
    let mut args = vec!["import", "register"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["-o", path(&out)]);
    let result = run(&args);
    result.expect_code(1).expect_no_panic();
    let projects = &files[0];
    for expected in [
        format!("error[invalid-date] {projects} projects!E2: \"31/03/2025\" is not a date"),
        format!("error[unknown-link-type] {projects} projects!F2: unknown link type \"XX\" in \"P-2 XX+3\""),
        format!("error[wrong-type] {projects} projects!F3: the lag \"+x\" in \"P-1 SS+x\" is not a whole number of days"),
        format!("error[unknown-reference] {projects} projects!F3: \"P-2\" depends on \"P-9\""),
        format!("error[unknown-reference] {projects} projects!G3: \"P-2\" uses \"pkj\""),
    ] {
        assert!(result.stderr.contains(&expected), "{expected}\nin\n{}", result.stderr);
    }
    assert!(
        result.stderr.contains("hint: did you mean \"P-1\"?"),
        "{}",
        result.stderr
    );
    assert!(!out.exists());
}

#[test]
fn a_csv_without_an_id_column_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.json");
    let file = write(dir.path(), "projects.csv", "Name,Duration days\nCore,100\n");
    let result = run(&[
        "import",
        "register",
        path(&file),
        "-o",
        path(&out),
        "--start",
        "2025-01-01",
    ]);
    result.expect_code(1).expect_no_panic();
    let expected = format!(
        "error[missing-field] {} projects!A1: the Projects sheet has no Id column (its headers: Name, Duration days)",
        path(&file)
    );
    assert!(result.stderr.contains(&expected), "{}", result.stderr);
    assert!(!out.exists());
}

#[test]
fn the_template_reads_back_as_an_empty_register_its_examples_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.xlsx");
    let out = dir.path().join("p.json");
    run(&["import", "register", "--template", path(&template)]).expect_code(0);
    let result = run(&[
        "import",
        "register",
        path(&template),
        "-o",
        path(&out),
        "--start",
        "2025-01-01",
    ]);
    result.expect_code(0).expect_no_panic();
    // Four sheets of rows (Projects, Components, Capabilities, Status),
    // each with one explanation row and two example rows.
    assert!(
        result
            .stderr
            .contains("skipped: 4 explanation rows and 8 example rows"),
        "{}",
        result.stderr
    );
    let portfolio = read_json(&out);
    assert_eq!(portfolio["projects"], json!([]));
    assert_eq!(portfolio["portfolio"]["start"], "2025-01-01");
}

#[test]
fn a_file_that_is_no_workbook_and_an_output_over_the_input_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let not_xlsx = write(dir.path(), "register.xlsx", "Id,Name\n");
    let out = dir.path().join("p.json");
    let result = run(&["import", "register", path(&not_xlsx), "-o", path(&out)]);
    result.expect_code(1).expect_no_panic();
    assert!(
        result
            .stderr
            .contains("not a readable spreadsheet workbook"),
        "{}",
        result.stderr
    );
    let csv = write(dir.path(), "projects.csv", "Id,Name\nP-1,Core\n");
    run(&["import", "register", path(&csv), "-o", path(&csv)]).expect_code(2);
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "Id,Name\nP-1,Core\n"
    );
}
