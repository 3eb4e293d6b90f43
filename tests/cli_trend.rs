//! `capgraph trend` on the sample portfolio and its four weekly statuses:
//! every week's figures compared with the independent oracle's schedules
//! (tests/oracle/schedule-w4N.json, from tests/oracle/cpm.py), the order of
//! the weeks, the error for a week given twice, and the milestone trend SVG.

mod common;

use common::{read_json, root, run};

const PORTFOLIO: &str = "fixtures/digital-backbone.json";
const WEEKS: [&str; 4] = ["46", "47", "48", "49"];

fn status(week: &str) -> String {
    format!("fixtures/status-2026-w{week}.json")
}

#[test]
fn each_week_matches_the_oracles_schedule_in_as_of_order() {
    // Given out of order: 48, 46, 49, 47.
    let mut args = vec!["trend".to_string(), PORTFOLIO.to_string()];
    args.extend(["48", "46", "49", "47"].map(status));
    args.extend(["--format".to_string(), "json".to_string()]);
    let json = run(&args).expect_code(0).json();
    assert_eq!(json["schema"], "capgraph.trend/1");
    let weeks = json["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 4);
    for (week, number) in weeks.iter().zip(WEEKS) {
        let oracle = read_json(&root().join(format!("tests/oracle/schedule-w{number}.json")));
        let status = read_json(&root().join(status(number)));
        assert_eq!(week["as_of"], status["as_of"]);
        assert_eq!(week["finish"], oracle["finish"], "week {number}");
        assert_eq!(week["finish_day"], oracle["finish_day"], "week {number}");
        let ours = week["capabilities"].as_array().unwrap();
        let theirs = oracle["capabilities"].as_array().unwrap();
        assert_eq!(ours.len(), theirs.len());
        for (a, b) in ours.iter().zip(theirs) {
            for field in ["id", "finish", "finish_day", "target", "margin_days"] {
                assert_eq!(a[field], b[field], "week {number} {} {field}", a["id"]);
            }
        }
    }
}

#[test]
fn the_table_shows_each_weeks_forecast_and_margin() {
    let mut args = vec!["trend".to_string(), PORTFOLIO.to_string()];
    args.extend(WEEKS.map(status));
    let result = run(&args);
    let table = &result.expect_code(0).stdout;
    // CAP-FMN (target 2028-06-30) per the oracle: 2028-06-13 (+17d) in week
    // 46, 2028-07-17 (−17d) in week 49: 34 days later.
    let row = table
        .lines()
        .find(|l| l.trim_start().starts_with("CAP-FMN"))
        .unwrap();
    assert!(row.contains("2028-06-13 (+17d)"), "{row}");
    assert!(row.contains("2028-07-17 (-17d)"), "{row}");
    assert!(row.trim_end().ends_with("+34d"), "{row}");
    assert!(table.contains("2029-02-19 in the first week, 2029-03-05 in the last (+14d)"));
}

#[test]
fn the_same_as_of_twice_is_an_error_naming_both_files() {
    let copy = tempfile::tempdir().unwrap();
    let twin = copy.path().join("again.json");
    std::fs::copy(root().join(status("47")), &twin).unwrap();
    let result = run(&[
        "trend",
        PORTFOLIO,
        &status("46"),
        &status("47"),
        twin.to_str().unwrap(),
    ]);
    result.expect_code(1);
    assert!(result.stderr.contains(&status("47")), "{}", result.stderr);
    assert!(result.stderr.contains("again.json"), "{}", result.stderr);
    assert!(
        result.stderr.contains("both as of 2026-11-16"),
        "{}",
        result.stderr
    );
}

#[test]
fn one_status_file_is_wrong_usage() {
    run(&["trend", PORTFOLIO, &status("47")]).expect_code(2);
}

#[test]
fn the_svg_chart_has_a_line_and_a_target_per_capability_and_the_diagonal() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("trend.svg");
    let mut args = vec!["trend".to_string(), PORTFOLIO.to_string()];
    args.extend(WEEKS.map(status));
    args.extend(["-o".to_string(), svg.to_str().unwrap().to_string()]);
    run(&args).expect_code(0);
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
    let with_class = |class: &str| {
        doc.descendants()
            .filter(|n| n.attribute("class") == Some(class))
            .collect::<Vec<_>>()
    };
    // 8 capabilities and the portfolio finish, 4 weeks each.
    let series = with_class("series");
    assert_eq!(series.len(), 9);
    for line in &series {
        let polyline = line
            .children()
            .find(|c| c.has_tag_name("polyline"))
            .unwrap();
        assert_eq!(polyline.attribute("points").unwrap().split(' ').count(), 4);
    }
    assert!(series.iter().any(|s| s
        .attribute("data-name")
        .unwrap()
        .starts_with("CAP-FMN  margin -17d")));
    // Every capability of the sample has a target.
    assert_eq!(with_class("marker").len(), 8);
    assert_eq!(with_class("guide").len(), 1);
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for expected in [
        "Milestone trend: Digital Backbone",
        "Report date (status as of)",
        "Forecast finish",
        "2026-11-16",
        "forecast = report date",
        "CAP-PCN",
    ] {
        assert!(texts.contains(&expected), "{expected} missing");
    }
}

#[test]
fn every_invalid_week_is_reported_in_one_run() {
    // The first file and the third are invalid (an id the portfolio lacks; a
    // delay as text), the second valid: one run names the problems of both
    // invalid files, in the order given, then one line naming both; exit 1.
    let dir = tempfile::tempdir().expect("temp dir");
    let (first, third) = common::invalid_sample_weeks(dir.path(), "2026-11-09", "2026-11-23");
    let result = run(&["trend", PORTFOLIO, &first, &status("47"), &third]);
    common::assert_invalid_files(
        &result,
        &[(&first, "/updates/0/id"), (&third, "/updates/0/delay_days")],
    );
}
