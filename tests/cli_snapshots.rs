//! Snapshots of the text outputs people read: `check`, and the table and
//! Markdown of `schedule`, `path`, `impact`, `rank` and `common`, on the
//! fixtures. With `insta`, already the crate's snapshot tool (one
//! dev-dependency, a `.snap` file per output under tests/snapshots/, and a
//! readable difference when an output changes): the whole text is pinned, so
//! a column that loses its header or drifts out of line shows in review.
//!
//! A snapshot only says "unchanged". The figures in them were checked, not
//! just accepted:
//! - the schedule and path tables are compared here, cell by cell, with the
//!   JSON of the independent Python oracle (tests/oracle/cpm.py,
//!   path_json.py), for every project, capability and predecessor row;
//! - impact's capability table is compared with the oracle's baseline and
//!   week-48 schedules (was, now, slip, both margins);
//! - rank's table with a plain reachability count over the fixture's JSON
//!   (downstream projects, capabilities, investment; SPEC §4) and the
//!   oracle's float; common's shared-components table with a count of `uses`
//!   in the fixture and the oracle's dates;
//! - the wide-names case lines columns up in terminal columns: CJK and
//!   emoji count two (asserted below, not only pinned).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use common::{read_json, run, write};

const PORTFOLIO: &str = "fixtures/digital-backbone.json";
const WEEK_48: &str = "fixtures/status-2026-w48.json";

/// stdout of a successful run; every table in it has a header over each
/// column.
fn output(args: &[&str]) -> String {
    let out = run(args);
    out.expect_code(0).expect_no_panic();
    let lines: Vec<&str> = out.stdout.lines().collect();
    for (at, rule) in lines.iter().enumerate().skip(1) {
        if is_rule(rule) {
            for (start, end) in dash_spans(rule) {
                let header: String = lines[at - 1]
                    .chars()
                    .skip(start)
                    .take(end - start)
                    .collect();
                assert!(
                    !header.trim().is_empty(),
                    "capgraph {}: a column without a header:\n{}\n{rule}",
                    args.join(" "),
                    lines[at - 1]
                );
            }
        }
    }
    out.stdout
}

/// The dashed line under a text table's header.
fn is_rule(line: &str) -> bool {
    line.starts_with("  -") && line.chars().all(|c| c == '-' || c == ' ')
}

/// The (start, end) character positions of each run of dashes.
fn dash_spans(rule: &str) -> Vec<(usize, usize)> {
    let rule: Vec<char> = rule.chars().collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < rule.len() {
        if rule[i] == '-' {
            let start = i;
            while i < rule.len() && rule[i] == '-' {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    spans
}

/// stdout and stderr of a run that ends with `code` (check reports on stderr
/// or stdout depending on the outcome; both are read by people).
fn report(args: &[&str], code: i32) -> String {
    let out = run(args);
    out.expect_code(code).expect_no_panic();
    format!("{}{}", out.stdout, out.stderr)
}

#[test]
fn check_reports() {
    insta::assert_snapshot!("check_valid", report(&["check", PORTFOLIO], 0));
    insta::assert_snapshot!(
        "check_valid_with_status",
        report(&["check", PORTFOLIO, "--status", WEEK_48], 0)
    );
    insta::assert_snapshot!(
        "check_warnings",
        report(&["check", "fixtures/warnings.json"], 0)
    );
    insta::assert_snapshot!(
        "check_multiple_problems",
        report(&["check", "fixtures/invalid/multiple-problems.json"], 1)
    );
    insta::assert_snapshot!(
        "check_status_unknown_id",
        report(
            &[
                "check",
                "fixtures/invalid/status-base.json",
                "--status",
                "fixtures/invalid/status-unknown-id.json"
            ],
            1
        )
    );
}

#[test]
fn schedule_tables() {
    for (name, args) in [
        ("schedule_baseline_table", vec!["schedule", PORTFOLIO]),
        (
            "schedule_w48_table",
            vec!["schedule", PORTFOLIO, "--status", WEEK_48],
        ),
        (
            "schedule_w48_md",
            vec!["schedule", PORTFOLIO, "--status", WEEK_48, "--format", "md"],
        ),
    ] {
        insta::assert_snapshot!(name, output(&args));
    }
}

#[test]
fn path_tables() {
    for format in ["table", "md"] {
        insta::assert_snapshot!(
            format!("path_cap_fmn_w48_{format}"),
            output(&[
                "path", PORTFOLIO, "--to", "CAP-FMN", "--status", WEEK_48, "--format", format
            ])
        );
    }
}

#[test]
fn impact_tables() {
    for format in ["table", "md"] {
        insta::assert_snapshot!(
            format!("impact_w48_{format}"),
            output(&["impact", PORTFOLIO, "--status", WEEK_48, "--format", format])
        );
    }
    insta::assert_snapshot!(
        "impact_delay_table",
        output(&["impact", PORTFOLIO, "--delay", "P-CYB-001=30"])
    );
}

#[test]
fn rank_tables() {
    for format in ["table", "md"] {
        insta::assert_snapshot!(
            format!("rank_{format}"),
            output(&["rank", PORTFOLIO, "--format", format])
        );
    }
}

#[test]
fn common_tables() {
    for format in ["table", "md"] {
        insta::assert_snapshot!(
            format!("common_{format}"),
            output(&["common", PORTFOLIO, "--format", format])
        );
    }
}

/// The rows of the text table whose header line starts with `first`
/// (after trimming), each as header → cell. Columns are cut at the dashes
/// of the rule under the header, so names with spaces stay whole; the
/// fixture's text is one terminal column per character.
fn table(text: &str, first: &str) -> Vec<BTreeMap<String, String>> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(first) && l.contains("  "))
        .unwrap_or_else(|| panic!("no table starting with {first:?} in:\n{text}"));
    let spans = dash_spans(lines[at + 1]);
    let cut = |line: &str, (start, end): (usize, usize), last: bool| -> String {
        let chars: Vec<char> = line.chars().collect();
        // Right-aligned cells may start left of their dashes by nothing; a
        // left-aligned last cell may run past them.
        let end = if last {
            chars.len()
        } else {
            end.min(chars.len())
        };
        chars
            .get(start.min(chars.len())..end)
            .map(|c| c.iter().collect::<String>().trim().to_string())
            .unwrap_or_default()
    };
    let headers: Vec<String> = spans
        .iter()
        .enumerate()
        .map(|(n, s)| cut(lines[at], *s, n + 1 == spans.len()))
        .collect();
    assert!(
        headers.iter().all(|h| !h.is_empty()),
        "a column without a header: {headers:?}"
    );
    lines[at + 2..]
        .iter()
        .take_while(|l| !l.trim().is_empty())
        .map(|line| {
            headers
                .iter()
                .zip(&spans)
                .enumerate()
                .map(|(n, (h, s))| (h.clone(), cut(line, *s, n + 1 == spans.len())))
                .collect()
        })
        .collect()
}

fn by_id(oracle: &Value, list: &str) -> BTreeMap<String, Value> {
    oracle[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap().to_string(), n.clone()))
        .collect()
}

/// A margin in days as the tables write it: "+143d", "-10d", "0d".
fn days(n: i64) -> String {
    if n > 0 {
        format!("+{n}d")
    } else {
        format!("{n}d")
    }
}

#[test]
fn the_schedule_table_agrees_with_the_oracle() {
    for (status, oracle) in [
        (None, "tests/oracle/schedule-baseline.json"),
        (Some(WEEK_48), "tests/oracle/schedule-w48.json"),
    ] {
        let mut args = vec!["schedule", PORTFOLIO];
        args.extend(status.map(|s| ["--status", s]).into_iter().flatten());
        let text = output(&args);
        let oracle = read_json(Path::new(oracle));
        let nodes = by_id(&oracle, "nodes");

        let projects = table(&text, "ID         Name");
        let in_oracle = nodes.values().filter(|n| n["kind"] == "project").count();
        assert_eq!(projects.len(), in_oracle, "every project has a row");
        for row in &projects {
            let node = &nodes[&row["ID"]];
            assert_eq!(row["Start"], node["early_start"].as_str().unwrap());
            assert_eq!(row["Finish"], node["early_finish"].as_str().unwrap());
            let (es, ef) = (node["es"].as_i64().unwrap(), node["ef"].as_i64().unwrap());
            assert_eq!(row["Days"], (ef - es).to_string(), "{}", row["ID"]);
            let done = node["complete"] == true;
            let expected_float = |key: &str| {
                if done {
                    "-".to_string()
                } else {
                    node[key].to_string()
                }
            };
            assert_eq!(row["Total float"], expected_float("total_float"));
            assert_eq!(row["Free float"], expected_float("free_float"));
            let expected_status = if done {
                "done"
            } else if node["critical"] == true {
                "critical"
            } else if node["near_critical"] == true {
                "near-critical"
            } else {
                ""
            };
            assert_eq!(row["Status"], expected_status, "{}", row["ID"]);
        }

        let capabilities = table(&text, "Capability");
        let in_oracle = by_id(&oracle, "capabilities");
        assert_eq!(capabilities.len(), in_oracle.len());
        for row in &capabilities {
            let c = &in_oracle[&row["Capability"]];
            assert_eq!(row["Target"], c["target"].as_str().unwrap());
            assert_eq!(row["Forecast"], c["finish"].as_str().unwrap());
            assert_eq!(row["Margin"], days(c["margin_days"].as_i64().unwrap()));
            let late = c["margin_days"].as_i64().unwrap() < 0;
            assert_eq!(row["Status"], if late { "LATE" } else { "on time" });
        }
    }
}

#[test]
fn the_path_table_agrees_with_the_oracle() {
    let text = output(&["path", PORTFOLIO, "--to", "CAP-FMN", "--status", WEEK_48]);
    let oracle = read_json(Path::new("tests/oracle/path-CAP-FMN-w48.json"));
    let nodes = by_id(&oracle, "nodes");
    let rows = table(&text, "ID ");
    assert_eq!(rows.len(), nodes.len(), "every predecessor has a row");
    for row in &rows {
        let node = &nodes[&row["ID"]];
        let expected = if node["complete"] == true {
            "done".to_string()
        } else {
            format!("{}d", node["float_to_target"])
        };
        assert_eq!(row["Float"], expected, "{}", row["ID"]);
    }
}

#[test]
fn the_impact_capability_table_agrees_with_the_oracle_schedules() {
    // Was: the baseline schedule; Now: week 48's; both from the oracle.
    let text = output(&["impact", PORTFOLIO, "--status", WEEK_48]);
    let was = by_id(
        &read_json(Path::new("tests/oracle/schedule-baseline.json")),
        "capabilities",
    );
    let now = by_id(
        &read_json(Path::new("tests/oracle/schedule-w48.json")),
        "capabilities",
    );
    let rows = table(&text, "ID         Name");
    let slipped: Vec<&String> = now
        .keys()
        .filter(|id| now[*id]["finish_day"] != was[*id]["finish_day"])
        .collect();
    assert_eq!(rows.iter().map(|r| &r["ID"]).collect::<Vec<_>>(), slipped);
    for row in &rows {
        let (before, after) = (&was[&row["ID"]], &now[&row["ID"]]);
        let day = |c: &Value| c["finish_day"].as_i64().unwrap();
        let margin = |c: &Value| c["margin_days"].as_i64().unwrap();
        assert_eq!(row["Target"], after["target"].as_str().unwrap());
        assert_eq!(row["Was"], before["finish"].as_str().unwrap());
        assert_eq!(row["Now"], after["finish"].as_str().unwrap());
        assert_eq!(row["Slip"], days(day(after) - day(before)));
        assert_eq!(row["Margin was"], days(margin(before)));
        assert_eq!(row["Margin"], days(margin(after)));
    }
}

/// The id of a link entry: `"ID"` or `{"id": "ID", …}` (SPEC §1).
fn link_id(entry: &Value) -> &str {
    entry
        .as_str()
        .or(entry["id"].as_str())
        .expect("a link names an id")
}

/// The fixture's links, predecessor → successors, read here from its JSON
/// (not through capgraph): `depends_on`, `uses`, `provided_by`, `delivers`.
fn successors(portfolio: &Value) -> BTreeMap<String, Vec<String>> {
    let mut next: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut link = |from: &str, to: &str| {
        next.entry(from.to_string())
            .or_default()
            .push(to.to_string())
    };
    for p in portfolio["projects"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        for d in p["depends_on"].as_array().into_iter().flatten() {
            link(link_id(d), id);
        }
        for c in p["uses"].as_array().into_iter().flatten() {
            link(link_id(c), id);
        }
        for c in p["delivers"].as_array().into_iter().flatten() {
            link(id, link_id(c));
        }
    }
    for c in portfolio["components"].as_array().unwrap() {
        if let Some(by) = c["provided_by"].as_str() {
            link(by, c["id"].as_str().unwrap());
        }
    }
    next
}

#[test]
fn the_rank_table_agrees_with_a_plain_reachability_count() {
    // SPEC §4: downstream projects and capabilities (not itself), their
    // investment, and the node's total float (the oracle's baseline).
    let text = output(&["rank", PORTFOLIO]);
    let portfolio = read_json(Path::new(PORTFOLIO));
    let next = successors(&portfolio);
    let investment: BTreeMap<&str, i64> = portfolio["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap(),
                p["cost"]["investment"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    let capabilities: Vec<&str> = portfolio["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let nodes = by_id(
        &read_json(Path::new("tests/oracle/schedule-baseline.json")),
        "nodes",
    );
    let rows = table(&text, "#  ID");
    assert!(
        rows.len() > 40,
        "the sample ranks all its projects and components"
    );
    for row in &rows {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack = vec![row["ID"].clone()];
        while let Some(at) = stack.pop() {
            for n in next.get(&at).into_iter().flatten() {
                if seen.insert(n.clone()) {
                    stack.push(n.clone());
                }
            }
        }
        let projects = seen.iter().filter(|n| investment.contains_key(n.as_str()));
        let money: i64 = projects.clone().map(|n| investment[n.as_str()]).sum();
        let caps = seen
            .iter()
            .filter(|n| capabilities.contains(&n.as_str()))
            .count();
        assert_eq!(
            row["Projects"],
            projects.count().to_string(),
            "{}",
            row["ID"]
        );
        assert_eq!(row["Capabilities"], caps.to_string(), "{}", row["ID"]);
        assert_eq!(
            row["Investment"].replace(' ', ""),
            money.to_string(),
            "{}",
            row["ID"]
        );
        assert_eq!(row["Float"], nodes[&row["ID"]]["total_float"].to_string());
    }
}

#[test]
fn the_shared_components_table_agrees_with_the_portfolio() {
    // Projects: how many projects list the component in `uses`; Domains:
    // theirs; Available: the component's early finish in the oracle's
    // baseline schedule.
    let text = output(&["common", PORTFOLIO]);
    let portfolio = read_json(Path::new(PORTFOLIO));
    let nodes = by_id(
        &read_json(Path::new("tests/oracle/schedule-baseline.json")),
        "nodes",
    );
    let mut users: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for p in portfolio["projects"].as_array().unwrap() {
        for c in p["uses"].as_array().into_iter().flatten() {
            users
                .entry(link_id(c))
                .or_default()
                .push(p["domain"].as_str().unwrap());
        }
    }
    let rows = table(&text, "Component");
    let shared = users.values().filter(|u| u.len() >= 2).count();
    assert_eq!(rows.len(), shared);
    for row in &rows {
        let id = row["Component"].as_str();
        let mut domains = users[id].clone();
        domains.sort_unstable();
        domains.dedup();
        assert_eq!(row["Projects"], users[id].len().to_string(), "{id}");
        assert_eq!(row["Domains"], domains.join(", "), "{id}");
        assert_eq!(
            row["Cross-domain"],
            if domains.len() > 1 { "yes" } else { "no" }
        );
        assert_eq!(
            row["Available"],
            nodes[id]["early_finish"].as_str().unwrap(),
            "{id}"
        );
    }
}

/// A small portfolio whose names are Japanese, Chinese and emoji, with a
/// long Latin one for contrast.
const WIDE_NAMES: &str = r#"{
  "portfolio": {"name": "東京 🚀 portfolio", "start": "2026-01-05"},
  "components": [{"id": "基盤", "name": "共通基盤 🔒", "provided_by": "P-1"}],
  "capabilities": [{"id": "CAP-1", "name": "能力 ✅", "target": "2026-12-31"}],
  "projects": [
    {"id": "P-1", "name": "東京データセンター移行", "domain": "core", "duration_days": 100},
    {"id": "P-2", "name": "🚀 launch", "domain": "core", "duration_days": 50, "uses": ["基盤"],
     "delivers": ["CAP-1"]},
    {"id": "P-3", "name": "Plain Latin name", "domain": "core", "duration_days": 20,
     "uses": ["基盤"]}
  ]
}"#;

/// Every line of each text table has its column separators in the same
/// terminal columns as the rule under the header.
fn assert_columns_line_up(text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    for (at, rule) in lines.iter().enumerate() {
        if !is_rule(rule) {
            continue;
        }
        let table: Vec<&str> = std::iter::once(lines[at - 1])
            .chain(
                lines[at + 1..]
                    .iter()
                    .copied()
                    .take_while(|l| !l.trim().is_empty()),
            )
            .collect();
        // Where the rule has two spaces between dashes, every row has a
        // column boundary: its prefix up to there is exactly that wide.
        let gaps: Vec<usize> = rule
            .char_indices()
            .filter(|&(i, c)| c == ' ' && rule[..i].ends_with('-'))
            .map(|(i, _)| i)
            .collect();
        for row in &table {
            for &gap in &gaps {
                let mut prefix = String::new();
                for c in row.chars() {
                    if prefix.width() >= gap {
                        break;
                    }
                    prefix.push(c);
                }
                assert_eq!(
                    prefix.width(),
                    gap,
                    "a wide character straddles a column boundary in:\n{row}\n{rule}"
                );
                let rest = &row[prefix.len()..];
                assert!(
                    rest.is_empty() || rest.starts_with(' '),
                    "no gap at column {gap}:\n{row}\n{rule}"
                );
            }
        }
    }
}

#[test]
fn wide_names_line_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "wide.json", WIDE_NAMES);
    let path = path.to_str().unwrap();
    let schedule = output(&["schedule", path]);
    let rank = output(&["rank", path]);
    assert_columns_line_up(&schedule);
    assert_columns_line_up(&rank);
    // The title's rule is as wide as the title (CJK and emoji count two).
    let mut lines = schedule.lines();
    let (title, rule) = (lines.next().unwrap(), lines.next().unwrap());
    assert_eq!(rule.width(), title.width(), "{title}\n{rule}");
    let dir_name = dir.path().display().to_string();
    insta::assert_snapshot!("wide_names_schedule", schedule.replace(&dir_name, "DIR"));
    insta::assert_snapshot!("wide_names_rank", rank.replace(&dir_name, "DIR"));
}
