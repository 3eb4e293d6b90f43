//! The weekly briefing tells a story that holds up in committee (issue 11):
//! every late or at-risk capability adds up (baseline lateness + this week's
//! slip = forecast lateness, and the change since last week), old news is
//! marked as such, exposure is the defensible SPEC §4 figure, chains are
//! listed worst first, the impact diagram says what it leaves out, and the
//! headline agrees with itself at scale. Expected figures come from the
//! independent Python oracle (tests/oracle: cpm.py schedules, exposure.py)
//! or straight from the fixture files.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{generated_briefing, read_json, run};
use serde_json::Value;

const PORTFOLIO: &str = "fixtures/digital-backbone.json";
const W48: &str = "fixtures/status-2026-w48.json";
const W47: &str = "fixtures/status-2026-w47.json";

struct Briefing {
    markdown: String,
    summary: Value,
    impact_svg: String,
}

fn weekly(dir: &Path, previous: bool) -> Briefing {
    let out = dir.to_str().unwrap();
    let mut args = vec!["weekly", PORTFOLIO, "--status", W48, "-o", out];
    if previous {
        args.extend(["--previous", W47]);
    }
    run(&args).expect_code(0);
    Briefing {
        markdown: fs::read_to_string(dir.join("briefing.md")).unwrap(),
        summary: serde_json::from_str(&fs::read_to_string(dir.join("summary.json")).unwrap())
            .unwrap(),
        // Graphviz writes "-" in text as "&#45;".
        impact_svg: fs::read_to_string(dir.join("impact.svg"))
            .or_else(|_| fs::read_to_string(dir.join("impact.dot")))
            .unwrap()
            .replace("&#45;", "-"),
    }
}

/// Capability id → margin in days, from an oracle schedule.
fn oracle_margins(file: &str) -> BTreeMap<String, i64> {
    read_json(Path::new(file))["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["margin_days"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_capability_story_adds_up_against_the_oracle_schedules() {
    let dir = tempfile::tempdir().unwrap();
    let b = weekly(dir.path(), true);
    let baseline = oracle_margins("tests/oracle/schedule-baseline.json");
    let now = oracle_margins("tests/oracle/schedule-w48.json");
    let last = oracle_margins("tests/oracle/schedule-w47.json");
    for c in b.summary["capabilities"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let margin = c["margin_days"].as_i64().unwrap();
        let base = c["baseline_margin_days"].as_i64().unwrap();
        let slip = c["slip_days"].as_i64().unwrap();
        assert_eq!(margin, now[id], "{id}: margin");
        assert_eq!(base, baseline[id], "{id}: baseline margin");
        assert_eq!(margin, base - slip, "{id}: baseline − slip ≠ margin");
        assert_eq!(c["previous_margin_days"].as_i64().unwrap(), last[id]);
        assert_eq!(
            c["margin_change_days"].as_i64().unwrap(),
            now[id] - last[id],
            "{id}: change since last week"
        );
    }
    // CAP-CDM, the case the committee challenged: 59 days late, 36 of them
    // already in the baseline (oracle), so this week's updates added 23.
    assert_eq!((now["CAP-CDM"], baseline["CAP-CDM"]), (-59, -36));
    let story = b
        .markdown
        .lines()
        .find(|l| l.starts_with("CAP-CDM is forecast"))
        .expect("a CAP-CDM story");
    assert!(story.contains("59 days late"), "{story}");
    assert!(
        story.contains("36 days of it were already in the baseline plan"),
        "{story}"
    );
    assert!(story.contains("this week's updates add 23 days"), "{story}");
    // Since last week: -59 − (-45) = 14 days later (oracle w47 margin).
    assert_eq!(last["CAP-CDM"], -45);
    assert!(
        story.contains("Since last week it moved 14 days later"),
        "{story}"
    );
    // CAP-FMN was on track in the baseline (+23) and is 10 days late now.
    let story = b
        .markdown
        .lines()
        .find(|l| l.starts_with("CAP-FMN is forecast"))
        .unwrap();
    assert!(
        story.contains("10 days late")
            && story.contains("had 23 days to spare")
            && story.contains("add 33 days"),
        "{story}"
    );
}

#[test]
fn the_capabilities_table_shows_the_baseline_margin() {
    let dir = tempfile::tempdir().unwrap();
    let b = weekly(dir.path(), false);
    let header = b
        .markdown
        .lines()
        .find(|l| l.starts_with("| Capability |"))
        .unwrap();
    assert!(header.contains("| Margin | Baseline margin |"), "{header}");
    let pcn = b
        .markdown
        .lines()
        .find(|l| l.starts_with("| CAP-PCN |"))
        .unwrap();
    // Oracle: -67 now, -28 in the baseline.
    assert!(pcn.contains("| -67d | -28d |"), "{pcn}");
}

/// The updates of a status file, by id, as JSON values.
fn updates(file: &str) -> BTreeMap<String, Value> {
    read_json(Path::new(file))["updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["id"].as_str().unwrap().to_string(), u.clone()))
        .collect()
}

#[test]
fn old_news_is_marked_unchanged_and_listed_after_what_is_new_or_changed() {
    let dir = tempfile::tempdir().unwrap();
    let b = weekly(dir.path(), true);
    let (this, last) = (updates(W48), updates(W47));
    let listed = b.summary["updates"].as_array().unwrap();
    assert_eq!(listed.len(), this.len());
    let mut seen_unchanged = false;
    for entry in listed {
        let id = entry["update"]["id"].as_str().unwrap();
        // Straight from the two files: identical objects are old news.
        let expected = match last.get(id) {
            None => "new",
            Some(before) if *before == this[id] => "unchanged",
            Some(_) => "changed",
        };
        assert_eq!(entry["since_last_week"], expected, "{id}");
        if expected == "changed" {
            assert_eq!(
                entry["previous_update"], last[id],
                "{id}: last week's value"
            );
        }
        if expected == "unchanged" {
            seen_unchanged = true;
            assert_eq!(
                entry["moved_since_last_week"],
                serde_json::json!([]),
                "{id}"
            );
            assert_eq!(entry["finish_change_since_last_week_days"], 0, "{id}");
        } else {
            assert!(
                !seen_unchanged,
                "{id} is new or changed but listed after old news"
            );
        }
    }
    // The count: four of week 48's schedule updates are last week's
    // (the progress-only updates added for the money work are all new).
    let unchanged = listed
        .iter()
        .filter(|e| e["since_last_week"] == "unchanged")
        .count();
    assert_eq!(unchanged, 4);
    // The table shows last week's value: "42 days late, was 28 days late".
    let row = b
        .markdown
        .lines()
        .find(|l| l.starts_with("| P-CYB-002 |"))
        .unwrap();
    assert!(row.contains("| changed | 42 days late, "), "{row}");
    assert!(row.contains(", was 28 days late |"), "{row}");
}

#[test]
fn exposure_counts_only_unfinished_projects_and_names_the_late_capability_share() {
    let dir = tempfile::tempdir().unwrap();
    let b = weekly(dir.path(), false);
    let h = &b.summary["headline"];
    // tests/oracle/exposure.py on week 48:
    // {"projects": 38, "investment": 793250000,
    //  "late_capability_projects": 26, "late_capability_investment": 562400000}
    assert_eq!(h["projects_exposed"], 38);
    assert_eq!(h["investment_exposed"], 793_250_000);
    assert_eq!(h["late_capability_projects_exposed"], 26);
    assert_eq!(h["late_capability_investment_exposed"], 562_400_000);
    assert!(
        b.markdown.contains("EUR 562 400 000 in 26 unfinished projects whose slip reaches a late capability; EUR 793 250 000 in all 38 unfinished projects that slipped"),
        "{}",
        b.markdown
    );
}

#[test]
fn chains_are_listed_worst_first() {
    let dir = tempfile::tempdir().unwrap();
    let b = weekly(dir.path(), false);
    let section: Vec<&str> = b
        .markdown
        .split("## 4. Impact chains")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("### "))
        .filter(|l| l.starts_with("- "))
        .collect();
    // Group of each chain: 0 ends in a late capability (with its lateness),
    // 1 in another capability, 2 elsewhere.
    let group = |line: &str| -> (u8, i64) {
        if let Some(rest) = line.split("target missed by ").nth(1) {
            (0, -rest.trim_end_matches('d').parse::<i64>().unwrap())
        } else if line.contains("target still met") {
            (1, 0)
        } else {
            (2, 0)
        }
    };
    let groups: Vec<(u8, i64)> = section.iter().map(|l| group(l)).collect();
    let mut sorted = groups.clone();
    sorted.sort_by_key(|(g, late)| (*g, *late));
    assert_eq!(groups, sorted, "not worst first:\n{}", section.join("\n"));
    // The committee's example: CAP-PCN (67 days late) first, CAP-BLOS (met) after every late one.
    assert!(section[0].contains("CAP-PCN") && section[0].contains("missed by 67d"));
    let blos = section.iter().position(|l| l.contains("CAP-BLOS")).unwrap();
    assert!(groups[..blos].iter().all(|(g, _)| *g == 0));
}

#[test]
fn the_impact_diagram_shows_every_update_and_late_chain_and_says_what_it_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let b = weekly(dir.path(), false);
    let impact = run(&["impact", PORTFOLIO, "--status", W48, "--format", "json"]).json();
    let slipped = impact["impacted"].as_array().unwrap().len();
    let must_show: Vec<String> = updates(W48)
        .into_keys()
        .chain(
            impact["capabilities"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["margin_days"].as_i64().is_some_and(|m| m < 0))
                .flat_map(|c| c["chain"].as_array().unwrap().clone())
                .map(|id| id.as_str().unwrap().to_string()),
        )
        .collect();
    for id in &must_show {
        assert!(
            b.impact_svg.contains(&format!(">{id}<"))
                || b.impact_svg.contains(&format!("\"{id}\"")),
            "{id} is missing from the impact diagram"
        );
    }
    let caption = b
        .markdown
        .lines()
        .find(|l| l.contains("How this week's updates travel"))
        .unwrap();
    let shown = caption
        .split("It shows ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .unwrap();
    if shown == "all" {
        assert!(
            caption.contains(&format!("all {slipped} items")),
            "{caption}"
        );
    } else {
        assert!(
            caption.contains(&format!("of the {slipped} items that slipped")),
            "{caption}"
        );
        assert!(caption.contains("summary.json lists the rest"), "{caption}");
    }
}

#[test]
fn the_headline_agrees_with_itself_on_a_large_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let out = generated_briefing(dir.path(), 3000);
    let markdown = fs::read_to_string(out.join("briefing.md")).unwrap();
    let summary: Value =
        serde_json::from_str(&fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let h = &summary["headline"];
    let flagged = (h["capabilities_late"].as_u64().unwrap()
        + h["capabilities_at_risk"].as_u64().unwrap()) as usize;
    let headline = markdown.split("## 2.").next().unwrap();
    let told = headline
        .lines()
        .filter(|l| l.contains(" is forecast ") || l.contains(" is at risk with "))
        .count();
    let more: usize = headline
        .lines()
        .find_map(|l| l.split("… and ").nth(1))
        .and_then(|t| t.split(' ').next())
        .map_or(0, |n| n.parse().unwrap());
    assert!(
        flagged > 8,
        "the generated portfolio should flag many capabilities"
    );
    assert_eq!(
        told + more,
        flagged,
        "stories + \"… and N more\" ≠ late + at risk"
    );
}

#[test]
fn the_briefing_speaks_a_committees_words() {
    let dir = tempfile::tempdir().unwrap();
    let b = weekly(dir.path(), true);
    let text = b.markdown.to_lowercase();
    for word in [
        " node ",
        " nodes ",
        " scenario ",
        "day 0",
        "d absorbed",
        "fs-",
    ] {
        assert!(!text.contains(word), "the briefing says {word:?}");
    }
}

#[test]
fn recovery_and_options_section_states_the_days_to_win_and_the_options_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b");
    run(&[
        "weekly",
        PORTFOLIO,
        "--status",
        W48,
        "--option",
        "faster crypto: P-CYB-002=-30",
        "-o",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let markdown = fs::read_to_string(out.join("briefing.md")).unwrap();
    let section = markdown
        .split("## 7. Recovery and options")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    // Every capability late in the oracle's week-48 schedule has its line,
    // with its lateness as the days to win.
    for (id, margin) in oracle_margins("tests/oracle/schedule-w48.json") {
        let line = section.lines().find(|l| l.starts_with(&format!("- {id},")));
        if margin < 0 {
            let line = line.unwrap_or_else(|| panic!("no recovery line for {id}"));
            assert!(line.contains(&format!("{} days late", -margin)), "{line}");
        } else {
            assert!(line.is_none(), "{id} is not late");
        }
    }
    // The option's row: moving P-CYB-002 30 days earlier brings CAP-PCN
    // from -67 to -37 (tests/oracle/cpm.py on week 48 with P-CYB-002's
    // delay_days 42 → 12, the new fields stripped, gives CAP-PCN -37).
    let row = section
        .lines()
        .find(|l| l.starts_with("| faster crypto |"))
        .unwrap();
    assert!(row.contains("CAP-PCN -30d, margin -37d"), "{row}");
}

/// Days between a node's early finish in two oracle schedules.
fn oracle_slip(from: &str, to: &str, id: &str) -> i64 {
    let finish = |file: &str| {
        let schedule = read_json(Path::new(file));
        let node = schedule["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()
            .clone();
        chrono::NaiveDate::parse_from_str(node["early_finish"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap()
    };
    (finish(to) - finish(from)).num_days()
}

#[test]
fn a_progress_report_on_the_way_does_not_take_the_credit_for_a_slip() {
    // Week 48's update of P-COM-001 reports progress only (percent, cost and a
    // note: no date), yet P-COM-001 finishes 39 days late: what reached it came
    // from P-CYB-002 through crypto-devices. Oracle schedules: P-CYB-002
    // 2027-05-21 → 2027-07-02 (+42), P-COM-001 2027-05-24 → 2027-07-02 (+39),
    // CAP-PCN 2028-06-28 → 2028-08-06 (+39): 3 days absorbed by P-COM-001's float.
    // Since last week (w47 → w48): P-CYB-002 +14, CAP-PCN +14.
    let base = "tests/oracle/schedule-baseline.json";
    let (w47, w48) = (
        "tests/oracle/schedule-w47.json",
        "tests/oracle/schedule-w48.json",
    );
    assert_eq!(oracle_slip(base, w48, "P-CYB-002"), 42);
    assert_eq!(oracle_slip(base, w48, "CAP-PCN"), 39);
    assert_eq!(oracle_slip(w47, w48, "P-CYB-002"), 14);
    assert_eq!(oracle_slip(w47, w48, "CAP-PCN"), 14);
    let p_com_001 = &updates(W48)["P-COM-001"];
    for field in [
        "delay_days",
        "actual_start",
        "actual_finish",
        "forecast_finish",
        "remaining_days",
    ] {
        assert!(p_com_001.get(field).is_none(), "P-COM-001 sets {field}");
    }

    let dir = tempfile::tempdir().unwrap();
    let b = weekly(dir.path(), true);
    let story = b
        .markdown
        .lines()
        .find(|l| l.starts_with("CAP-PCN is forecast"))
        .unwrap();
    assert!(
        story.contains(
            "this week's updates add 39 days: P-CYB-002 slipped 42 days (crypto devices late \
             from supplier: second production lot failed acceptance testing), of which 39 days \
             reached CAP-PCN through crypto-devices, P-COM-001 and P-COM-012 (float absorbed \
             3 days)."
        ),
        "{story}"
    );
    assert!(
        story.contains(
            "Since last week it moved 14 days later: P-CYB-002 slipped 14 days, all of which \
             reached CAP-PCN through crypto-devices, P-COM-001 and P-COM-012."
        ),
        "{story}"
    );
    // The updates table credits the same update: P-COM-001 moved nothing itself,
    // and CAP-PCN is among what P-CYB-002 moved since last week.
    let entry = |id: &str| {
        b.summary["updates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["update"]["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(entry("P-COM-001")["moved"], serde_json::json!([]));
    let moved = entry("P-CYB-002")["moved_since_last_week"].clone();
    assert!(
        moved.as_array().unwrap().iter().any(|m| m == "CAP-PCN"),
        "{moved}"
    );
    let row = b
        .markdown
        .lines()
        .find(|l| l.starts_with("| P-COM-001 |"))
        .unwrap();
    assert!(
        row.ends_with("| nothing itself: a progress report |"),
        "{row}"
    );
}
