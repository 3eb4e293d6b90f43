//! The Money section of the weekly briefing against `capgraph funding`: the
//! figures in summary.json are funding's JSON itself, and the sentences and
//! tables of briefing.md are recomputed here from that JSON.

mod common;

use std::fs;

use common::run;
use serde_json::Value;

const PORTFOLIO: &str = "fixtures/digital-backbone.json";
const W48: &str = "fixtures/status-2026-w48.json";

/// `EUR 38.2 M`, `EUR 25 M`, `EUR 511.5 k` (one decimal, `.0` dropped).
fn short(amount: f64) -> String {
    let (scaled, unit) = if amount.abs() >= 1e6 {
        (amount / 1e6, "M")
    } else {
        (amount / 1e3, "k")
    };
    let text = format!("{scaled:.1}");
    format!("EUR {} {unit}", text.strip_suffix(".0").unwrap_or(&text))
}

struct Briefing {
    markdown: String,
    /// money.svg, the chart beside the briefing.
    chart: String,
    summary: Value,
    funding: Value,
}

fn briefing() -> Briefing {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().to_str().unwrap();
    run(&["weekly", PORTFOLIO, "--status", W48, "-o", dir]).expect_code(0);
    let funding = run(&["funding", PORTFOLIO, "--status", W48, "--format", "json"]);
    funding.expect_code(0);
    Briefing {
        markdown: fs::read_to_string(temp.path().join("briefing.md")).unwrap(),
        chart: fs::read_to_string(temp.path().join("money.svg")).unwrap(),
        summary: serde_json::from_str(
            &fs::read_to_string(temp.path().join("summary.json")).unwrap(),
        )
        .unwrap(),
        funding: serde_json::from_str(&funding.stdout).unwrap(),
    }
}

#[test]
fn the_money_figures_are_funding_s_own() {
    let b = briefing();
    assert_eq!(b.summary["money"]["funding"], b.funding);
    // The chart is written beside the briefing and listed with the diagrams.
    assert!(b.chart.starts_with("<svg") && b.chart.contains("Cumulative, this week"));
    assert!(b.summary["diagrams"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == "money.svg"));
    assert!(b.markdown.contains("money.svg"));
}

#[test]
fn the_sentences_add_up_from_funding_s_project_years() {
    let b = briefing();
    let years = b.funding["years"].as_array().unwrap();
    let projects = b.funding["projects"].as_array().unwrap();
    // Per year: Σ of the projects' falls (baseline − this week > 0), and
    // the projects by fall.
    // (year, Σ falls, (project, fall) largest first)
    type Move = (String, f64, Vec<(String, f64)>);
    let mut moves: Vec<Move> = Vec::new();
    for y in years {
        let label = y["year"].as_str().unwrap();
        let mut falls: Vec<(String, f64)> = projects
            .iter()
            .filter_map(|p| {
                let year = p["years"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|py| py["year"] == label)?;
                let shift = year["shift"].as_f64().unwrap();
                (shift < 0.0).then(|| (p["id"].as_str().unwrap().to_string(), -shift))
            })
            .collect();
        falls.sort_by(|a, b| b.1.total_cmp(&a.1));
        let total: f64 = falls.iter().map(|f| f.1).sum();
        if total > 0.0 {
            moves.push((label.to_string(), total, falls));
        }
    }
    moves.sort_by(|a, b| b.1.total_cmp(&a.1));
    assert!(
        moves.len() >= 2,
        "the sample moves money out of two years at least"
    );
    for (year, total, falls) in &moves[..2] {
        let sentence = format!("{} of {year}'s investment moves into", short(*total));
        assert!(
            b.markdown.contains(&sentence),
            "missing: {sentence}\n{}",
            b.markdown
        );
        let named = format!("mainly {} ({})", falls[0].0, short(falls[0].1));
        assert!(b.markdown.contains(&named), "missing: {named}");
    }
    // Years above the investment ceiling.
    let mut above = 0;
    for t in b.funding["totals"].as_array().unwrap() {
        if let Some(excess) = t["excess_investment"].as_f64().filter(|x| *x > 0.0) {
            above += 1;
            let sentence = format!(
                "{} is now {} above the investment ceiling",
                t["year"].as_str().unwrap(),
                short(excess)
            );
            assert!(b.markdown.contains(&sentence), "missing: {sentence}");
        }
    }
    assert!(above > 0, "the sample has a year above its ceiling");
    // Cost of delay, one sentence per capability whose slip costs.
    for c in b.funding["capabilities"].as_array().unwrap() {
        let cost = c["cost_of_delay"].as_f64().unwrap();
        if cost > 0.0 {
            let sentence = format!(
                "The {}-day slip of {} (",
                c["slip_days"],
                c["id"].as_str().unwrap()
            );
            assert!(b.markdown.contains(&sentence), "missing: {sentence}");
            assert!(b.markdown.contains(&format!("running: {}.", short(cost))));
        }
    }
}

#[test]
fn earned_value_per_domain_is_funding_s() {
    let b = briefing();
    let ev = &b.funding["earned_value"];
    for d in ev["domains"].as_array().unwrap() {
        let row = b
            .markdown
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", d["id"].as_str().unwrap())))
            .unwrap_or_else(|| panic!("a row for {}", d["id"]));
        let spi = format!("{:.2}", d["spi"].as_f64().unwrap());
        let cpi = format!("{:.2}", d["cpi"].as_f64().unwrap());
        let bac = format!("{:.1}", d["bac"].as_f64().unwrap() / 1e6);
        assert!(row.contains(&format!("| {spi} | {cpi} |")), "{row}");
        assert!(row.contains(&format!("| {bac} |")), "{row}");
    }
}
