//! A portfolio that is one long chain must not make every row of a report as
//! long as the portfolio (issue 10): the reports for people shorten a long
//! driving path or impact chain to its first and last steps, so their size
//! grows with the number of rows, not with rows × chain length.
//!
//! Measured by doubling: a chain through n capabilities, then 2n. Each
//! capability's driving path runs back through every capability before it,
//! so writing paths whole makes the output about 4× as large for 2n (the sum
//! of 1…n path lengths is n(n+1)/2); shortened, about 2× (each row holds at
//! most eight steps; ids have the same width at both sizes).

mod common;

use std::path::Path;

use common::{chain_through_capabilities, run, write};

/// The bytes `capgraph ARGS` writes on the portfolio of `n` chained capabilities.
fn output_size(dir: &Path, n: usize, args: &[&str]) -> usize {
    let file = write(
        dir,
        &format!("chain-{n}.json"),
        &chain_through_capabilities(n),
    );
    let mut all = vec![args[0], file.to_str().expect("a UTF-8 path")];
    all.extend(&args[1..]);
    let r = run(&all);
    r.expect_code(0);
    r.stdout.len()
}

/// Asserts that the output of `args` on 2n chained capabilities is at most
/// 2.3× its size on n (linear: about 2×; whole paths: about 4×).
fn grows_linearly(args: &[&str]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let small = output_size(dir.path(), 150, args);
    let large = output_size(dir.path(), 300, args);
    let ratio = large as f64 / small as f64;
    assert!(
        ratio < 2.3,
        "capgraph {args:?}: {small} bytes for 150 capabilities, {large} for 300 (×{ratio:.2})"
    );
}

#[test]
fn the_schedule_table_grows_linearly_on_a_chain() {
    grows_linearly(&["schedule"]);
    grows_linearly(&["schedule", "--format", "md"]);
}

#[test]
fn the_impact_report_of_every_chain_grows_linearly() {
    // Every capability slipped: each is the end of a chain from P000000.
    grows_linearly(&["impact", "--delay", "P000000=10", "--chains", "0"]);
}

#[test]
fn the_explorer_page_grows_linearly_on_a_chain() {
    // Each capability's side panel holds its driving path; with a delay,
    // each item that slipped holds its slip chain.
    grows_linearly(&["diagram", "--format", "html"]);
}

/// The briefing of a chain through 300 capabilities (target 2026-01-01)
/// with a delay of 30 days at its start, written into `dir/out`; its
/// Markdown and its impact diagram (SVG, or DOT without a renderer).
fn chain_briefing(dir: &Path) -> (String, String) {
    let file = write(dir, "chain-300.json", &chain_through_capabilities(300));
    let status = write(
        dir,
        "status.json",
        r#"{"as_of": "2025-01-10", "updates": [{"id": "P000000", "delay_days": 30}]}"#,
    );
    let out = dir.join("out");
    let paths = [&file, &status, &out].map(|p| p.to_str().expect("a UTF-8 path").to_string());
    run(&["weekly", &paths[0], "--status", &paths[1], "-o", &paths[2]]).expect_code(0);
    let markdown = std::fs::read_to_string(out.join("briefing.md")).expect("briefing.md");
    let impact = std::fs::read_to_string(out.join("impact.svg"))
        .or_else(|_| std::fs::read_to_string(out.join("impact.dot")))
        .expect("the impact diagram");
    (markdown, impact)
}

#[test]
fn the_impact_diagram_draws_the_most_late_chains_and_says_how_many_it_leaves_out() {
    // Capability i finishes on day 3(i + 1) + 30 against its target, day
    // 365: late from i = 111 on (3 · 112 + 30 = 366), so 300 − 111 = 189
    // chains run into late capabilities. Cut to its first four and last
    // three steps, the first chain (into C000299, the most late) has 7
    // items; each next one, into the capability before, adds two (its last
    // three steps C(i − 1), P(i), C(i) end at a capability already shown):
    // 7 + 2k ≤ 40 gives 16 more, 17 chains (into C000299 … C000283), 39
    // items; C000282 is shown as a step of the last one.
    let dir = tempfile::tempdir().expect("temp dir");
    let (markdown, impact) = chain_briefing(dir.path());
    let caption = markdown
        .lines()
        .find(|l| l.contains("How this week's updates travel"))
        .expect("the impact diagram's caption");
    assert!(
        caption.contains(
            "It shows 39 of the 600 items that slipped: every update and 17 of the 189 chains into a late capability, the most late first (the other 172 are not drawn); summary.json lists the rest."
        ),
        "{caption}"
    );
    let shown =
        |id: &str| impact.contains(&format!(">{id}<")) || impact.contains(&format!("\"{id}\""));
    assert!(
        shown("C000299") && shown("C000283") && shown("C000282"),
        "{impact}"
    );
    assert!(!shown("C000281") && !shown("C000200"));
}

#[test]
fn the_recovery_list_says_where_the_late_capabilities_it_leaves_out_are() {
    // 189 late capabilities (worked out above), 40 listed: 149 more, whose
    // recovery summary.json does not hold: `capgraph options` states it.
    let dir = tempfile::tempdir().expect("temp dir");
    let (markdown, _) = chain_briefing(dir.path());
    let recovery = markdown
        .split("## 7. Recovery and options")
        .nth(1)
        .expect("the recovery section");
    assert!(
        // (Markdown escapes the backticks of the command.)
        recovery.contains("… and 149 more; \\`capgraph options PORTFOLIO --status STATUS\\` states the recovery of every late capability."),
        "{recovery}"
    );
}

#[test]
fn a_shortened_chain_has_its_own_legend_entry() {
    // The chains of the impact diagram are shortened: the dashed line that
    // stands for the steps left out is explained as such, and no folded
    // chain is drawn, so "through folded nodes" is not in the legend.
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, impact) = chain_briefing(dir.path());
    assert!(impact.contains("more steps …"), "no shortened chain drawn");
    assert!(impact.contains("steps not drawn"), "{impact}");
    assert!(!impact.contains("through folded"), "{impact}");
}

#[test]
fn the_impact_diagram_of_a_long_chain_is_folded_to_the_shape_of_a_page() {
    // The 39 items drawn (worked out above) are one chain: 39 ranks of one
    // item. Left to right in one line its drawing is at least 39 times the
    // narrowest item wide; folded into rows of 3 ranks (13 rows, see
    // src/render/diagram/rows.rs) it is at most 3 widest items and the gaps
    // between them wide (Graphviz: 2 gaps of at most 0.5 in plus a label
    // such as "… 257 more steps …", 200 pt at most, and its margins), and
    // taller than wide.
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, impact) = chain_briefing(dir.path());
    if !impact.starts_with("<?xml") && !impact.starts_with("<svg") {
        return; // DOT: no renderer to lay it out here.
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document =
        roxmltree::Document::parse_with_options(&impact, options).expect("well-formed SVG");
    let length = |name: &str| -> f64 {
        let value = document.root_element().attribute(name).expect(name);
        value.trim_end_matches("pt").parse().expect("a length")
    };
    // Each item's width: the extent of its shape's points.
    let widths: Vec<f64> = document
        .descendants()
        // Items (`node n<index>`), not the legend.
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.starts_with("node n"))
        })
        .map(|g| {
            let shape = g
                .children()
                .find(|n| {
                    n.has_tag_name("polygon") || n.has_tag_name("path") || n.has_tag_name("rect")
                })
                .expect("a shape");
            let xs: Vec<f64> = match shape.attribute("points").or(shape.attribute("d")) {
                Some(points) => points
                    .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
                    .filter(|s| !s.is_empty())
                    .filter_map(|s| s.parse().ok())
                    .step_by(2)
                    .collect(),
                None => {
                    let x: f64 = shape.attribute("x").unwrap().parse().unwrap();
                    vec![
                        x,
                        x + shape.attribute("width").unwrap().parse::<f64>().unwrap(),
                    ]
                }
            };
            xs.iter().copied().fold(f64::NEG_INFINITY, f64::max)
                - xs.iter().copied().fold(f64::INFINITY, f64::min)
        })
        .collect();
    assert_eq!(widths.len(), 39);
    let widest = widths.iter().copied().fold(0.0, f64::max);
    let narrowest = widths.iter().copied().fold(f64::INFINITY, f64::min);
    let (width, height) = (length("width"), length("height"));
    assert!(39.0 * narrowest > 3.0 * widest + 2.0 * (36.0 + 200.0) + 40.0);
    assert!(
        width <= 3.0 * widest + 2.0 * (36.0 + 200.0) + 40.0,
        "{width} pt wide; the widest item {widest} pt"
    );
    assert!(height > width, "{width} × {height} pt");
}
