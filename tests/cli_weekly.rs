//! `capgraph weekly` on the sample portfolio: files, one source of truth
//! with the other commands, escaping, folders, and "since last week" parts.

mod common;

use std::fs;
use std::path::Path;

use common::run;
use serde_json::Value;

const PORTFOLIO: &str = "fixtures/digital-backbone.json";
const W48: &str = "fixtures/status-2026-w48.json";
const W47: &str = "fixtures/status-2026-w47.json";

fn weekly(dir: &Path, previous: bool) -> common::Run {
    let dir = dir.to_str().expect("utf-8 temp path").to_string();
    let mut args = vec!["weekly", PORTFOLIO, "--status", W48, "-o", &dir];
    if previous {
        args.extend(["--previous", W47]);
    }
    run(&args)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn writes_every_file_into_a_new_nested_folder() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("a/b/briefing");
    let r = weekly(&dir, true);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for name in ["briefing.md", "briefing.html", "summary.json"] {
        let bytes = fs::read(dir.join(name)).unwrap_or_else(|_| panic!("{name} written"));
        assert!(!bytes.is_empty(), "{name} is empty");
    }
    // No temporary file is left behind.
    let leftovers: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn summary_figures_equal_the_schedule_impact_and_common_outputs() {
    let temp = tempfile::tempdir().unwrap();
    assert_eq!(weekly(temp.path(), true).code, 0);
    let summary = json(&fs::read_to_string(temp.path().join("summary.json")).unwrap());
    assert_eq!(summary["schema"], "capgraph.weekly/1");

    let schedule = run(&["schedule", PORTFOLIO, "--status", W48, "--format", "json"]);
    assert_eq!(schedule.code, 0);
    assert_eq!(summary["schedule"], json(&schedule.stdout));

    let impact = run(&["impact", PORTFOLIO, "--status", W48, "--format", "json"]);
    assert_eq!(impact.code, 0);
    let impact = json(&impact.stdout);
    assert_eq!(summary["impact"], impact);
    // The headline repeats the impact's own figures.
    assert_eq!(
        summary["headline"]["finish_slip_days"],
        impact["finish_slip_days"]
    );
    assert_eq!(
        summary["headline"]["investment_exposed"],
        impact["exposure"]["investment"]
    );
    assert_eq!(
        summary["headline"]["projects_exposed"],
        impact["exposure"]["projects"]
    );

    // Every shared component at risk that `common` lists has the same users and domains.
    let common = run(&["common", PORTFOLIO, "--format", "json"]);
    assert_eq!(common.code, 0, "{}", common.stderr);
    let common = json(&common.stdout);
    let shared = common["shared_components"].as_array().unwrap();
    let mut compared = 0;
    for component in summary["shared_components_at_risk"].as_array().unwrap() {
        if let Some(entry) = shared.iter().find(|s| s["id"] == component["id"]) {
            assert_eq!(component["users"], entry["users"], "{}", component["id"]);
            assert_eq!(
                component["domains"], entry["domains"],
                "{}",
                component["id"]
            );
            assert_eq!(
                component["cross_domain"], entry["cross_domain"],
                "{}",
                component["id"]
            );
            compared += 1;
        }
    }
    assert!(compared >= 5, "only {compared} components compared");

    // Capability margins and RAG agree with the schedule: red below 0, amber below 30.
    let schedule = json(&schedule.stdout);
    for capability in summary["capabilities"].as_array().unwrap() {
        let in_schedule = schedule["capabilities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == capability["id"])
            .unwrap();
        assert_eq!(capability["margin_days"], in_schedule["margin_days"]);
        let margin = capability["margin_days"].as_i64().unwrap();
        let rag = if margin < 0 {
            "red"
        } else if margin < 30 {
            "amber"
        } else {
            "green"
        };
        assert_eq!(capability["rag"], rag, "{}", capability["id"]);
    }
}

#[test]
fn sample_headline_figures_match_the_oracle() {
    // From tests/oracle (Python, written from the SPEC): baseline finish
    // 2029-02-13, week 48 finish 2029-02-28, week 47 finish 2029-02-19;
    // capabilities late in week 48: CDM, FMN, PCN, TDL, ZTA (5); XDOM +8 is
    // amber; BLOS and CLOUD green. Exposure (SPEC §4, tests/oracle/exposure.py):
    // 38 unfinished projects slipped, EUR 793 250 000. (Was 40 projects, EUR
    // 850 350 000: the finished P-COM-014 and P-COR-001, EUR 57 100 000, no
    // longer count as exposed.)
    let temp = tempfile::tempdir().unwrap();
    assert_eq!(weekly(temp.path(), true).code, 0);
    let summary = json(&fs::read_to_string(temp.path().join("summary.json")).unwrap());
    let h = &summary["headline"];
    assert_eq!(h["baseline_finish"], "2029-02-13");
    assert_eq!(h["finish"], "2029-02-28");
    assert_eq!(h["finish_slip_days"], 15);
    assert_eq!(h["previous_finish"], "2029-02-19");
    assert_eq!(h["finish_change_since_last_week_days"], 9);
    assert_eq!(
        (
            h["capabilities_late"].as_u64(),
            h["capabilities_at_risk"].as_u64(),
            h["capabilities_on_track"].as_u64()
        ),
        (Some(5), Some(1), Some(2))
    );
    assert_eq!(h["projects_exposed"], 38);
    assert_eq!(h["investment_exposed"], 793_250_000);
    // CAP-FMN: +4 last week, −10 now (oracle).
    let fmn = summary["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "CAP-FMN")
        .unwrap();
    assert_eq!(fmn["previous_margin_days"], 4);
    assert_eq!(fmn["margin_days"], -10);
    assert_eq!(fmn["margin_change_days"], -14);
    // Float erosion ≥ 10 days, w47 → w48 (oracle): P-COM-004 and
    // transmission-net 55 → 38, legacy-wan 69 → 52, P-COM-011 257 → 240.
    let erosion: Vec<(String, i64, i64)> = summary["critical_path"]["erosion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["previous_total_float"].as_i64().unwrap(),
                e["total_float"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut expected = vec![
        ("P-COM-004".to_string(), 55, 38),
        ("P-COM-011".to_string(), 257, 240),
        ("legacy-wan".to_string(), 69, 52),
        ("transmission-net".to_string(), 55, 38),
    ];
    expected.sort();
    let mut got = erosion.clone();
    got.sort();
    assert_eq!(got, expected);
}

#[test]
fn since_last_week_parts_appear_only_with_previous() {
    let without = tempfile::tempdir().unwrap();
    let with = tempfile::tempdir().unwrap();
    assert_eq!(weekly(without.path(), false).code, 0);
    assert_eq!(weekly(with.path(), true).code, 0);
    let read = |dir: &Path, name: &str| fs::read_to_string(dir.join(name)).unwrap();
    for name in ["briefing.md", "briefing.html"] {
        assert!(
            !read(without.path(), name).contains("Since last week"),
            "{name}"
        );
        assert!(
            !read(without.path(), name).contains("than last week"),
            "{name}"
        );
        assert!(
            read(with.path(), name).contains("Since last week"),
            "{name}"
        );
        assert!(read(with.path(), name).contains("than last week"), "{name}");
    }
    let summary = json(&read(without.path(), "summary.json"));
    assert!(summary["headline"].get("previous_finish").is_none());
    assert!(summary["critical_path"].get("erosion").is_none());
    assert!(summary["capabilities"][0]
        .get("margin_change_days")
        .is_none());
    let summary = json(&read(with.path(), "summary.json"));
    assert!(summary["headline"].get("previous_finish").is_some());
    assert!(summary["critical_path"].get("entered").is_some());
}

#[test]
fn user_text_is_escaped_in_html_and_markdown() {
    let temp = tempfile::tempdir().unwrap();
    let status = temp.path().join("status.json");
    fs::write(
        &status,
        r#"{"as_of": "2026-11-23", "updates": [{"id": "P-CYB-002", "delay_days": 42,
            "note": "<script>alert(\"x\")</script> & 'quotes' | *bold* [link](javascript:x)"}]}"#,
    )
    .unwrap();
    let out = temp.path().join("out");
    let r = run(&[
        "weekly",
        PORTFOLIO,
        "--status",
        status.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = fs::read_to_string(out.join("briefing.html")).unwrap();
    assert_only_explorer_scripts(&html);
    assert!(
        html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;")
    );
    let md = fs::read_to_string(out.join("briefing.md")).unwrap();
    assert!(!md.contains("<script"), "raw script tag in Markdown");
    assert!(md.contains("&lt;script&gt;"));
    assert!(md.contains("\\| \\*bold\\* \\[link\\]"));
}

/// The page's only scripts are the diagrams' explorer: its figures (JSON,
/// where `<` is written `\u003c`) and one copy of its script.
fn assert_only_explorer_scripts(html: &str) {
    let data = html
        .matches("<script type=\"application/json\" class=\"cg-data\">")
        .count();
    let script = html.matches("<script>\n/* capgraph explorer:").count();
    assert_eq!(
        script,
        usize::from(data > 0),
        "one copy of the explorer's script"
    );
    assert_eq!(
        html.matches("<script").count(),
        data + script,
        "a script that is not the explorer's"
    );
}

#[test]
fn the_html_references_nothing_outside_itself() {
    let temp = tempfile::tempdir().unwrap();
    assert_eq!(weekly(temp.path(), true).code, 0);
    let html = fs::read_to_string(temp.path().join("briefing.html")).unwrap();
    for needle in ["http://", "https://", "<link", "@import", "src=\""] {
        assert!(!html.contains(needle), "the HTML contains {needle}");
    }
    assert_only_explorer_scripts(&html);
    assert!(html.contains("<style>"));
    assert!(html.contains("@page { size: A4"));
}

#[test]
fn an_unwritable_folder_is_a_clear_error() {
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("plain-file");
    fs::write(&file, "x").unwrap();
    // A folder inside a regular file cannot be created, even by root.
    let r = weekly(&file.join("briefing"), false);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("cannot write"), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
    // A folder that is a regular file.
    let r = weekly(&file, false);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn refuses_to_write_into_an_input_file() {
    let before = fs::read(common::root().join(W48)).unwrap();
    let r = run(&["weekly", PORTFOLIO, "--status", W48, "-o", W48]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("input file"), "{}", r.stderr);
    assert_eq!(fs::read(common::root().join(W48)).unwrap(), before);
}

#[test]
fn a_week_of_many_updates_draws_those_that_start_the_chains_shown() {
    // 60 independent projects P00…P59, each updated +30 days; P00 delivers
    // CAP, whose target it now misses. 61 items slipped (the 60 updates and
    // CAP); 60 updates do not fit the diagram's 40 items, so they are drawn
    // only as the starts of chains: first the chain into the late CAP
    // (P00 → CAP, 2 items), then the other chains worst first (all +30 days:
    // by id), one item each, while 40 fit: P01…P38. Shown: 40 items that
    // slipped, 39 of the 60 updates.
    let dir = tempfile::tempdir().expect("temp dir");
    let projects: Vec<String> = (0..60)
        .map(|i| {
            let delivers = if i == 0 {
                r#", "delivers": ["CAP"]"#
            } else {
                ""
            };
            format!(r#"{{"id": "P{i:02}", "name": "p", "duration_days": 10{delivers}}}"#)
        })
        .collect();
    let portfolio = common::write(
        dir.path(),
        "many.json",
        &format!(
            r#"{{"portfolio": {{"name": "Many updates", "start": "2025-01-01"}},
                "capabilities": [{{"id": "CAP", "name": "c", "target": "2025-01-20"}}],
                "projects": [{}]}}"#,
            projects.join(",")
        ),
    );
    let updates: Vec<String> = (0..60)
        .map(|i| format!(r#"{{"id": "P{i:02}", "delay_days": 30}}"#))
        .collect();
    let status = common::write(
        dir.path(),
        "status.json",
        &format!(
            r#"{{"as_of": "2025-01-03", "updates": [{}]}}"#,
            updates.join(",")
        ),
    );
    let out = dir.path().join("out");
    let paths = [&portfolio, &status, &out].map(|p| p.to_str().expect("utf-8").to_string());
    run(&["weekly", &paths[0], "--status", &paths[1], "-o", &paths[2]]).expect_code(0);
    let markdown = fs::read_to_string(out.join("briefing.md")).expect("briefing.md");
    let caption = markdown
        .lines()
        .find(|l| l.contains("How this week's updates travel"))
        .expect("the impact diagram's caption");
    assert!(
        caption.contains("It shows 40 of the 61 items that slipped: the 39 of the 60 updates that start a chain drawn and every chain into a late capability, then the worst other chains as space allows; summary.json lists the rest."),
        "{caption}"
    );
    let diagram = fs::read_to_string(out.join("impact.svg"))
        .or_else(|_| fs::read_to_string(out.join("impact.dot")))
        .expect("the impact diagram");
    let shown =
        |id: &str| diagram.contains(&format!(">{id}<")) || diagram.contains(&format!("\"{id}\""));
    assert!(shown("P00") && shown("CAP") && shown("P01") && shown("P38"));
    assert!(!shown("P39") && !shown("P59"));
}

#[test]
fn with_both_weeks_invalid_every_problem_of_both_files_is_reported() {
    // As `impact --from --status` (cli_impact_from.rs): last week names an
    // id the portfolio lacks, this week gives a delay as text; one run
    // reports both files' problems (last week's first), then one line naming
    // both; exit 1, no folder written.
    let dir = tempfile::tempdir().expect("temp dir");
    let (last, this) = common::invalid_sample_weeks(dir.path(), "2026-11-16", "2026-11-23");
    let out = dir.path().join("out");
    let out_text = out.display().to_string();
    let result = run(&[
        "weekly",
        PORTFOLIO,
        "--status",
        &this,
        "--previous",
        &last,
        "-o",
        &out_text,
    ]);
    assert!(!out.exists());
    common::assert_invalid_files(
        &result,
        &[(&last, "/updates/0/id"), (&this, "/updates/0/delay_days")],
    );
}

#[test]
fn every_invalid_history_file_is_reported_in_one_run() {
    // Two --history files, both invalid (an id the portfolio lacks; a delay
    // as text): both files' problems, in the order given, then one line
    // naming both; exit 1, no folder written.
    let dir = tempfile::tempdir().expect("temp dir");
    let (w45, w46) = common::invalid_sample_weeks(dir.path(), "2026-11-02", "2026-11-09");
    let out = dir.path().join("out");
    let out_text = out.display().to_string();
    let result = run(&[
        "weekly",
        PORTFOLIO,
        "--status",
        W48,
        "--history",
        &w45,
        "--history",
        &w46,
        "-o",
        &out_text,
    ]);
    assert!(!out.exists());
    common::assert_invalid_files(
        &result,
        &[(&w45, "/updates/0/id"), (&w46, "/updates/0/delay_days")],
    );
}
