//! The weekly briefing's time charts (issue 12 item 3), checked from the
//! outside: each SVG is parsed, the x axis mapped back from pixels to dates
//! with two of its own tick labels, and the dates found for a row compared
//! with `capgraph schedule --format json` (this week's and the baseline's)
//! and with the portfolio file's targets; the trend of `weekly --history`
//! is compared with `capgraph trend --format json` and with the independent
//! oracle's schedules (tests/oracle/schedule-w4N.json); bad history input
//! gives clear errors.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use common::{generated_briefing, read_json, root, run};
use serde_json::Value;

const PORTFOLIO: &str = "fixtures/digital-backbone.json";

fn status(week: &str) -> String {
    format!("fixtures/status-2026-w{week}.json")
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The portfolio starts on 2025-01-01: day numbers of dates.
fn day(d: NaiveDate) -> f64 {
    (d - date("2025-01-01")).num_days() as f64
}

/// A tick label as a date: `2028-07-01`, `Jul 2028` or `2028`.
fn tick_date(label: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(label, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(&format!("1 {label}"), "%d %b %Y") {
        return Some(d);
    }
    let year: i32 = label.parse().ok()?;
    NaiveDate::from_ymd_opt(year, 1, 1)
}

/// A parsed chart: pixels ↔ days on the x axis, and row centres by label.
struct Chart {
    text: String,
}

impl Chart {
    fn read(path: &Path) -> Chart {
        Chart {
            text: std::fs::read_to_string(path).unwrap(),
        }
    }

    fn doc(&self) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(&self.text).expect("well-formed SVG")
    }

    fn f(node: roxmltree::Node, attribute: &str) -> f64 {
        node.attribute(attribute).unwrap().parse().unwrap()
    }

    /// The day at pixel x, from the first and last x-axis tick (labels
    /// centred under their tick).
    fn day_at(&self, x: f64) -> f64 {
        let doc = self.doc();
        let ticks: Vec<(f64, f64)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text") && n.attribute("text-anchor") == Some("middle"))
            .filter(|n| n.parent().and_then(|p| p.attribute("class")) == Some("ticks"))
            .filter_map(|n| Some((Self::f(n, "x"), day(tick_date(n.text()?)?))))
            .collect();
        assert!(ticks.len() >= 2, "two dated x ticks: {ticks:?}");
        let ((x0, d0), (x1, d1)) = (ticks[0], ticks[ticks.len() - 1]);
        d0 + (x - x0) * (d1 - d0) / (x1 - x0)
    }

    /// The row labels (y ticks, right-aligned) and their centres.
    fn rows(&self) -> Vec<(String, f64)> {
        let doc = self.doc();
        doc.descendants()
            .filter(|n| n.has_tag_name("text") && n.attribute("text-anchor") == Some("end"))
            .filter(|n| n.parent().and_then(|p| p.attribute("class")) == Some("ticks"))
            // Labels sit 0.35 × 12 px below the row's centre line.
            .map(|n| (n.text().unwrap().to_string(), Self::f(n, "y") - 4.2))
            .collect()
    }

    fn row_y(&self, label: &str) -> f64 {
        self.rows()
            .into_iter()
            .find(|(l, _)| l == label)
            .unwrap_or_else(|| panic!("row {label}"))
            .1
    }

    /// Markers centred on row `y`: (shape, hollow, day).
    fn markers(&self, y: f64) -> Vec<(&'static str, bool, f64)> {
        let doc = self.doc();
        let mut found = Vec::new();
        for n in doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("marker"))
        {
            let hollow = n.attribute("fill") == Some("#ffffff");
            if n.has_tag_name("circle") {
                if (Self::f(n, "cy") - y).abs() < 0.2 {
                    found.push(("circle", hollow, self.day_at(Self::f(n, "cx"))));
                }
            } else {
                // A diamond: "Mx,top L…": its centre is 5.5 px below the top.
                let d = n.attribute("d").unwrap();
                let first = d[1..].split(' ').next().unwrap();
                let (x, top) = first.split_once(',').unwrap();
                let (x, top): (f64, f64) = (x.parse().unwrap(), top.parse().unwrap());
                if (top + 5.5 - y).abs() < 0.2 {
                    found.push(("diamond", hollow, self.day_at(x)));
                }
            }
        }
        found
    }

    /// Rectangles of class `class` centred on row `y`: (start day, end day).
    fn bars(&self, class: &str, y: f64) -> Vec<(f64, f64)> {
        let doc = self.doc();
        doc.descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some(class))
            .filter(|n| (Self::f(*n, "y") + Self::f(*n, "height") / 2.0 - y).abs() < 0.2)
            .map(|n| {
                let x = Self::f(n, "x");
                (self.day_at(x), self.day_at(x + Self::f(n, "width")))
            })
            .collect()
    }

    /// The texts of the row-end column, by row.
    fn row_end(&self, y: f64) -> String {
        let doc = self.doc();
        doc.descendants()
            .filter(|n| n.attribute("class") == Some("row-end"))
            .find(|n| (Self::f(*n, "y") - 0.35 * 11.0 - y).abs() < 0.2)
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("a row end at y {y}"))
            .to_string()
    }
}

/// `capgraph schedule --format json`, with this status or without (baseline):
/// node id → (es, ef), and the document.
fn schedule(status: Option<&str>) -> (Times, Value) {
    let mut args = vec!["schedule", PORTFOLIO, "--format", "json"];
    if let Some(s) = status {
        args.extend(["--status", s]);
    }
    let json = run(&args).expect_code(0).json();
    let times = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().to_string(),
                (n["es"].as_f64().unwrap(), n["ef"].as_f64().unwrap()),
            )
        })
        .collect();
    (times, json)
}

fn weekly(dir: &Path, extra: &[&str]) {
    let mut args = vec![
        "weekly".to_string(),
        PORTFOLIO.to_string(),
        "--status".to_string(),
        status("48"),
        "-o".to_string(),
        dir.to_str().unwrap().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    run(&args).expect_code(0);
}

fn close(found: f64, expected: f64, what: &str) {
    // Coordinates are written to 0.1 px; a day is about 1.3 px here.
    assert!(
        (found - expected).abs() <= 0.5,
        "{what}: the chart says day {found:.2}, expected {expected}"
    );
}

/// Week 48's briefing chart `file`, and the schedules to check it with:
/// this week's times and JSON, and the baseline's times.
type Times = BTreeMap<String, (f64, f64)>;
fn week_48_chart(file: &str) -> (Chart, Times, Value, Times) {
    let dir = tempfile::tempdir().unwrap();
    weekly(dir.path(), &[]);
    let chart = Chart::read(&dir.path().join(file));
    let (now, json) = schedule(Some(&status("48")));
    let (baseline, _) = schedule(None);
    (chart, now, json, baseline)
}

#[test]
fn the_milestone_chart_puts_each_capability_at_its_dates() {
    let (chart, now, now_json, baseline) = week_48_chart("milestones.svg");
    let portfolio = read_json(&root().join(PORTFOLIO));
    let targets: BTreeMap<&str, &str> = portfolio["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["target"].as_str().unwrap()))
        .collect();
    // One row per capability (the sample has 8, all with targets), worst
    // margin first: CAP-PCN (−67d) on top, CAP-CLOUD (+161d) at the bottom.
    let rows = chart.rows();
    assert_eq!(rows.len(), 8);
    assert_eq!(rows[0].0, "CAP-PCN");
    assert_eq!(rows[7].0, "CAP-CLOUD");
    let margins: BTreeMap<&str, i64> = now_json["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap(),
                c["margin_days"].as_i64().unwrap(),
            )
        })
        .collect();
    for (id, y) in rows {
        let markers = chart.markers(y);
        let find = |shape: &str, hollow: bool| {
            markers
                .iter()
                .find(|m| m.0 == shape && m.1 == hollow)
                .unwrap_or_else(|| panic!("{id}: a {shape} in {markers:?}"))
                .2
        };
        close(
            find("circle", true),
            baseline[&id].1,
            &format!("{id} baseline"),
        );
        close(find("circle", false), now[&id].1, &format!("{id} forecast"));
        close(
            find("diamond", true),
            day(date(targets[id.as_str()])),
            &format!("{id} target"),
        );
        let margin = margins[id.as_str()];
        let written = if margin > 0 {
            format!("+{margin}d")
        } else {
            format!("{margin}d")
        };
        assert_eq!(chart.row_end(y), written, "{id}");
    }
    // By hand for the worst row: CAP-PCN, target 2028-05-31 (day 1246),
    // forecast 2028-08-06 (day 1313): 67 days late.
    let y = chart.row_y("CAP-PCN");
    assert_eq!(chart.row_end(y), "-67d");
    close(chart.markers(y)[2].2, 1313.0, "CAP-PCN forecast by hand");
}

#[test]
fn the_gantt_draws_the_critical_path_then_each_late_capabilitys_chain() {
    let (chart, now, json, baseline) = week_48_chart("driving-chains.svg");
    // The expected rows, from the schedule's own lists: the critical path,
    // then the driving path of each late capability (most late first, then
    // id), each node once.
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let mut expected = ids(&json["critical_path"]);
    let mut late: Vec<(i64, String, Vec<String>)> = json["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["margin_days"].as_i64().unwrap() < 0)
        .map(|c| {
            (
                c["margin_days"].as_i64().unwrap(),
                c["id"].as_str().unwrap().to_string(),
                ids(&c["driving_path"]),
            )
        })
        .collect();
    late.sort();
    for (_, _, path) in late {
        for id in path {
            if !expected.contains(&id) {
                expected.push(id);
            }
        }
    }
    let rows = chart.rows();
    let labels: Vec<&str> = rows.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, expected);
    for (id, y) in &rows {
        let (es, ef) = now[id];
        let (bes, bef) = baseline[id];
        if id.starts_with("P-") {
            let bar = chart.bars("bar", *y);
            assert_eq!(bar.len(), 1, "{id}");
            close(bar[0].0, es, &format!("{id} start"));
            close(bar[0].1, ef, &format!("{id} finish"));
            let ghost = chart.bars("ghost", *y);
            assert_eq!(ghost.len(), 1, "{id}");
            close(ghost[0].0, bes, &format!("{id} baseline start"));
            close(ghost[0].1, bef, &format!("{id} baseline finish"));
        } else {
            let dots = chart.markers(*y);
            let forecast = dots.iter().find(|m| m.0 == "circle" && !m.1).unwrap();
            close(forecast.2, ef, &format!("{id} date"));
        }
        let slip = (ef - bef) as i64;
        let written = if slip > 0 {
            format!("+{slip}d")
        } else {
            format!("{slip}d")
        };
        assert_eq!(chart.row_end(*y), written, "{id} slip");
    }
    // By hand: P-CYB-002 reported 42 days late in week 48 (its update),
    // which is the first step of CAP-PCN's chain.
    assert!(labels.contains(&"P-CYB-002"));
}

#[test]
fn weekly_history_puts_the_trend_of_the_four_weeks_into_the_briefing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("w49");
    // This week 49, last week 48, history 46 and 47 (and 48 again: the
    // --previous file, taken once).
    let mut args = vec![
        "weekly".to_string(),
        PORTFOLIO.to_string(),
        "--status".to_string(),
        status("49"),
        "--previous".to_string(),
        status("48"),
        "--history".to_string(),
    ];
    args.extend(["47", "46", "48"].map(status));
    args.extend(["-o".to_string(), out.to_str().unwrap().to_string()]);
    run(&args).expect_code(0);

    let mut trend_args = vec!["trend".to_string(), PORTFOLIO.to_string()];
    trend_args.extend(["46", "47", "48", "49"].map(status));
    let mut json_args = trend_args.clone();
    json_args.extend(["--format".to_string(), "json".to_string()]);
    let trend = run(&json_args).expect_code(0).json();
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["trend"], trend);
    assert_eq!(summary["trend"]["weeks"].as_array().unwrap().len(), 4);

    // The chart is `trend --format svg`'s, byte for byte.
    let svg = dir.path().join("trend.svg");
    let mut svg_args = trend_args.clone();
    svg_args.extend(["-o".to_string(), svg.to_str().unwrap().to_string()]);
    run(&svg_args).expect_code(0);
    assert_eq!(
        std::fs::read(out.join("trend.svg")).unwrap(),
        std::fs::read(&svg).unwrap()
    );

    // Section 10, against the oracle's schedules of weeks 46 and 49
    // (tests/oracle/cpm.py): CAP-FMN 2028-06-13 → 2028-07-17, 34 days later.
    let md = std::fs::read_to_string(out.join("briefing.md")).unwrap();
    assert!(md.contains("## 10. Trend"), "{md}");
    assert!(md.contains("## 11. Diagrams"));
    assert!(md.contains("](trend.svg)"));
    let html = std::fs::read_to_string(out.join("briefing.html")).unwrap();
    assert!(html.contains("Milestone trend: Digital Backbone"));
    let first = read_json(&root().join("tests/oracle/schedule-w46.json"));
    let last = read_json(&root().join("tests/oracle/schedule-w49.json"));
    // The trend stays in the annexes: the capabilities table of section 2
    // keeps its columns (the print budget of the briefing proper).
    let section2 = &md[md.find("## 2. Capabilities").unwrap()..md.find("## 3.").unwrap()];
    assert!(!section2.contains("Since 2026-"), "{section2}");
    let finishes = |oracle: &Value| -> BTreeMap<String, i64> {
        oracle["capabilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["id"].as_str().unwrap().to_string(),
                    c["finish_day"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let (before, after) = (finishes(&first), finishes(&last));
    assert_eq!(after["CAP-FMN"] - before["CAP-FMN"], 34);
    // Section 10's last column: how far each forecast moved from the first
    // week to this one (positive: later), CAP-FMN +34d.
    let section10 = &md[md.find("## 10. Trend").unwrap()..md.find("## 11.").unwrap()];
    for (id, finish) in &after {
        let moved = finish - before[id];
        let cell = if moved > 0 {
            format!("+{moved}d")
        } else {
            format!("{moved}d")
        };
        let row = section10
            .lines()
            .find(|l| l.starts_with(&format!("| {id} ")))
            .unwrap_or_else(|| panic!("{id} row"));
        assert!(
            row.trim_end().ends_with(&format!("| {cell} |")),
            "{id}: {cell} in {row}"
        );
    }
    // The year of every week's as_of is 2026: the table's week columns.
    let section10 = &md[md.find("## 10. Trend").unwrap()..];
    for week in trend["weeks"].as_array().unwrap() {
        let as_of = week["as_of"].as_str().unwrap();
        assert_eq!(date(as_of).year(), 2026);
        assert!(section10.contains(as_of), "{as_of}");
    }
}

#[test]
fn without_history_the_trend_section_says_how_to_get_it() {
    let dir = tempfile::tempdir().unwrap();
    weekly(dir.path(), &[]);
    let md = std::fs::read_to_string(dir.path().join("briefing.md")).unwrap();
    let section = &md[md.find("## 10. Trend").unwrap()..md.find("## 11.").unwrap()];
    assert!(section.contains("--history"), "{section}");
    assert!(!dir.path().join("trend.svg").exists());
    assert!(!md.contains("Since 2026-"));
}

fn weekly_with_history(dir: &Path, history: &[&str]) -> common::Run {
    let mut args = vec![
        "weekly".to_string(),
        PORTFOLIO.to_string(),
        "--status".to_string(),
        status("48"),
        "-o".to_string(),
        dir.join("out").to_str().unwrap().to_string(),
        "--history".to_string(),
    ];
    args.extend(history.iter().map(|s| s.to_string()));
    run(&args)
}

#[test]
fn bad_history_files_are_clear_errors_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // A status file of another portfolio: its ids are unknown here.
    let other = dir.path().join("other.json");
    std::fs::write(
        &other,
        r#"{"as_of": "2026-11-02", "updates": [{"id": "X-1", "delay_days": 3}]}"#,
    )
    .unwrap();
    let result = weekly_with_history(dir.path(), &[&status("46"), other.to_str().unwrap()]);
    result.expect_code(1).expect_no_panic();
    assert!(result.stderr.contains("other.json"), "{}", result.stderr);
    assert!(result.stderr.contains("\"X-1\""), "{}", result.stderr);

    // Unreadable.
    let missing = dir.path().join("missing.json");
    let result = weekly_with_history(dir.path(), &[missing.to_str().unwrap()]);
    result.expect_code(1).expect_no_panic();
    assert!(result.stderr.contains("missing.json"), "{}", result.stderr);

    // The same week twice (a copy of week 47 under another name).
    let twin = dir.path().join("again.json");
    std::fs::copy(root().join(status("47")), &twin).unwrap();
    let result = weekly_with_history(dir.path(), &[&status("47"), twin.to_str().unwrap()]);
    result.expect_code(1).expect_no_panic();
    assert!(
        result.stderr.contains("both as of 2026-11-16")
            && result.stderr.contains("again.json")
            && result.stderr.contains(&status("47")),
        "{}",
        result.stderr
    );

    // A week after this week's status is not history.
    let result = weekly_with_history(dir.path(), &[&status("49")]);
    result.expect_code(2).expect_no_panic();
    assert!(
        result.stderr.contains("after this week's --status"),
        "{}",
        result.stderr
    );
    assert!(!dir.path().join("out").exists());
}

/// The smallest text of a chart printed on A4, in pt: the chart is scaled
/// to the page's width (210 − 2 × 13 mm = 695 CSS px) and to the 240 mm
/// (907 px) a figure may take in height, whichever is smaller.
fn smallest_printed_pt(svg: &str) -> f64 {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let size = |a: &str| -> f64 { root.attribute(a).unwrap().parse().unwrap() };
    let scale = (695.0 / size("width")).min(907.0 / size("height")).min(1.0);
    let smallest = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.ancestors()
                .find_map(|a| a.attribute("font-size"))
                .unwrap()
                .parse::<f64>()
                .unwrap()
        })
        .fold(f64::INFINITY, f64::min);
    // 1 CSS px = 0.75 pt.
    smallest * scale * 0.75
}

#[test]
fn on_a_large_portfolio_the_charts_keep_to_a_page_and_7_pt() {
    let dir = tempfile::tempdir().unwrap();
    let out = generated_briefing(dir.path(), 600);
    for file in ["milestones.svg", "driving-chains.svg"] {
        let svg = std::fs::read_to_string(out.join(file)).unwrap();
        let chart = Chart { text: svg.clone() };
        let rows = chart.rows().len();
        assert!(rows > 0 && rows <= 28, "{file}: {rows} rows");
        let pt = smallest_printed_pt(&svg);
        assert!(pt >= 7.0, "{file}: smallest text {pt:.1} pt on A4");
    }
    // More capabilities than rows: the caption says which are drawn.
    let summary = read_json(&out.join("summary.json"));
    let capabilities = summary["capabilities"].as_array().unwrap().len();
    let milestones = std::fs::read_to_string(out.join("milestones.svg")).unwrap();
    if capabilities > 28 {
        assert!(
            milestones.contains(&format!("The 28 of {capabilities} capabilities")),
            "{capabilities} capabilities"
        );
    }
}

#[test]
fn every_chart_of_the_sample_prints_at_7_pt_or_more() {
    let dir = tempfile::tempdir().unwrap();
    weekly(dir.path(), &["--history", &status("46"), &status("47")]);
    for file in [
        "milestones.svg",
        "driving-chains.svg",
        "trend.svg",
        "money.svg",
        "risk.svg",
    ] {
        let svg = std::fs::read_to_string(dir.path().join(file)).unwrap();
        let pt = smallest_printed_pt(&svg);
        assert!(pt >= 7.0, "{file}: smallest text {pt:.1} pt on A4");
    }
}
