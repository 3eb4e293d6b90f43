//! `capgraph diagram` end to end: the golden DOT of a small portfolio, SVG
//! drawn by Graphviz (parsed as XML), the views, hostile labels through DOT,
//! SVG and Mermaid, and the fallback when Graphviz is missing.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

const SMALL: &str = "tests/data/diagram-small.json";
const BACKBONE: &str = "fixtures/digital-backbone.json";
const HOSTILE: &str = "fixtures/hostile-labels.json";

fn capgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs with an empty PATH, so that Graphviz cannot be found.
fn capgraph_without_graphviz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args(args)
        .env("PATH", "")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "capgraph failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// The ids of every node in a portfolio file, read independently of capgraph.
fn ids_in_file(path: &str, keep: impl Fn(&str, &serde_json::Value) -> bool) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut ids = BTreeSet::new();
    for (section, kind) in [
        ("projects", "project"),
        ("components", "component"),
        ("capabilities", "capability"),
    ] {
        for entry in json[section].as_array().into_iter().flatten() {
            if keep(kind, entry) {
                ids.insert(entry["id"].as_str().unwrap().to_string());
            }
        }
    }
    ids
}

/// The portfolio node names declared in DOT text (legend nodes left out).
/// Node statements are the lines `"NAME"[label=...` of capgraph's DOT.
fn dot_nodes(dot: &str) -> BTreeSet<String> {
    dot.lines()
        .map(str::trim_start)
        .filter(|line| line.starts_with('"') && line.contains("\"[label=<"))
        .map(|line| {
            let end = line.find("\"[label=<").unwrap();
            line[1..end].replace("\\\"", "\"").replace("\\\\", "\\")
        })
        .filter(|name| !name.starts_with("legend: "))
        .collect()
}

/// Parses SVG as XML (Graphviz's SVG names the SVG 1.1 DTD).
fn parse_svg(svg: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(svg, options).expect("the SVG is well-formed XML")
}

/// For each `<g class="node …">` of a Graphviz SVG: its text lines.
fn svg_node_texts(svg: &str) -> Vec<Vec<String>> {
    let document = parse_svg(svg);
    document
        .descendants()
        .filter(|n| {
            // "node", or "node n12" for an item (the explorer's tag).
            n.has_tag_name("g")
                && n.attribute("class")
                    .is_some_and(|c| c.split_whitespace().next() == Some("node"))
        })
        .map(|g| {
            g.descendants()
                .filter(|n| n.has_tag_name("text"))
                .map(|t| t.text().unwrap_or("").to_string())
                .collect()
        })
        .collect()
}

/// Text without any whitespace (Graphviz turns runs of spaces into no-break
/// spaces, and wrapping splits lines at spaces).
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn small_portfolio_dot_matches_the_reviewed_golden_file() {
    let dot = stdout(&capgraph(&["diagram", SMALL]));
    insta::assert_snapshot!("small_portfolio_dot", dot);
}

#[test]
fn default_view_svg_parses_and_shows_every_node() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backbone.svg");
    let output = capgraph(&["diagram", BACKBONE, "-o", target.to_str().unwrap()]);
    stdout(&output);
    let svg = std::fs::read_to_string(&target).unwrap();
    // The first text line of each node is its id (legend entries are plain words).
    let shown: BTreeSet<String> = svg_node_texts(&svg)
        .into_iter()
        .filter_map(|lines| lines.first().cloned())
        .collect();
    let expected = ids_in_file(BACKBONE, |_, _| true);
    let missing: Vec<&String> = expected.difference(&shown).collect();
    assert!(
        missing.is_empty(),
        "nodes missing from the SVG: {missing:?}"
    );
    assert_eq!(expected.len(), 49 + 18 + 8);
}

#[test]
fn focus_with_depth_one_shows_the_direct_neighbours() {
    // P-COR-014 uses private-cloud and dc-brunssum and delivers CAP-CLOUD;
    // P-COR-017 depends on it. Nothing else links to it directly.
    let dot = stdout(&capgraph(&[
        "diagram",
        BACKBONE,
        "--focus",
        "P-COR-014",
        "--depth",
        "1",
    ]));
    let expected: BTreeSet<String> = [
        "P-COR-014",
        "private-cloud",
        "dc-brunssum",
        "CAP-CLOUD",
        "P-COR-017",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(dot_nodes(&dot), expected);
}

#[test]
fn focus_without_depth_follows_every_ancestor_and_descendant() {
    // In the small portfolio P-B is used by nothing but depends on pki (provided
    // by P-A) and is followed by P-C (SS+5), which delivers CAP-X.
    // P-D and P-E hang off pki on another branch: not ancestors, not descendants.
    let dot = stdout(&capgraph(&["diagram", SMALL, "--focus", "P-B"]));
    let expected: BTreeSet<String> = ["P-A", "pki", "P-B", "P-C", "CAP-X"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(dot_nodes(&dot), expected);
}

#[test]
fn domain_and_kind_select_exactly_those_nodes() {
    let dot = stdout(&capgraph(&[
        "diagram",
        BACKBONE,
        "--domain",
        "cyber",
        "--kind",
        "component",
    ]));
    let expected = ids_in_file(BACKBONE, |kind, e| {
        kind == "component" && e["domain"] == "cyber"
    });
    assert!(!expected.is_empty());
    assert_eq!(dot_nodes(&dot), expected);

    let dot = stdout(&capgraph(&[
        "diagram",
        BACKBONE,
        "--domain",
        "core",
        "--domain",
        "communication",
        "--kind",
        "capability",
    ]));
    let expected = ids_in_file(BACKBONE, |kind, e| {
        kind == "capability" && (e["domain"] == "core" || e["domain"] == "communication")
    });
    assert_eq!(dot_nodes(&dot), expected);
}

#[test]
fn unknown_focus_is_invalid_input_with_a_suggestion() {
    let output = capgraph(&["diagram", BACKBONE, "--focus", "P-COR-41"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("P-COR-41"), "{stderr}");
    assert!(stderr.contains("did you mean"), "{stderr}");
}

#[test]
fn hostile_labels_render_through_dot_intact() {
    let output = capgraph(&["diagram", HOSTILE, "--format", "svg"]);
    let svg = stdout(&output);
    let nodes = svg_node_texts(&svg);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(HOSTILE).unwrap()).unwrap();
    for section in ["projects", "components", "capabilities"] {
        for entry in json[section].as_array().unwrap() {
            let id = entry["id"].as_str().unwrap();
            let name = entry["name"].as_str().unwrap();
            let node = nodes
                .iter()
                .find(|lines| lines.first().map(String::as_str) == Some(id))
                .unwrap_or_else(|| panic!("no node shows the id {id:?} as written"));
            assert_eq!(
                squeeze(&node[1..].concat()),
                squeeze(name),
                "the name of {id:?} is altered"
            );
        }
    }
}

/// Undoes the Mermaid label escapes capgraph uses.
fn mermaid_unescape(label: &str) -> String {
    label
        .replace("<b>", "")
        .replace("</b>", "")
        .replace("<br/>", "\n")
        .replace("#quot;", "\"")
        .replace("#lt;", "<")
        .replace("#gt;", ">")
        .replace("#35;", "#")
        .replace("#96;", "`")
        .replace("#amp;", "&")
}

#[test]
fn hostile_labels_are_escaped_in_mermaid() {
    let text = stdout(&capgraph(&["diagram", HOSTILE, "--format", "mermaid"]));
    assert!(text.contains("flowchart LR"));
    // Node lines: `n0("...")`, `n1[("...")]`, `n2{{"..."}}`.
    let mut labels = Vec::new();
    for line in text.lines().map(str::trim) {
        if !(line.starts_with('n') && line[1..].starts_with(|c: char| c.is_ascii_digit()))
            || line.contains("-->")
        {
            continue;
        }
        let Some(open) = line.find('"') else { continue };
        let close = line.rfind('"').unwrap();
        let label = &line[open + 1..close];
        assert!(!label.contains('"'), "raw quote in {line}");
        let markup_free = label
            .replace("<b>", "")
            .replace("</b>", "")
            .replace("<br/>", "");
        assert!(
            !markup_free.contains('<') && !markup_free.contains('>'),
            "raw markup in {line}"
        );
        labels.push(mermaid_unescape(label));
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(HOSTILE).unwrap()).unwrap();
    let mut count = 0;
    for section in ["projects", "components", "capabilities"] {
        for entry in json[section].as_array().unwrap() {
            let id = entry["id"].as_str().unwrap();
            let name = entry["name"].as_str().unwrap();
            let expected = squeeze(&format!("{id}{name}"));
            assert!(
                labels.iter().any(|l| squeeze(l) == expected),
                "no Mermaid label reads {id:?} {name:?}"
            );
            count += 1;
        }
    }
    assert_eq!(labels.len(), count);
}

#[test]
fn without_graphviz_a_small_view_is_drawn_by_the_embedded_layout() {
    let output = capgraph_without_graphviz(&["diagram", SMALL, "--format", "svg"]);
    let svg = stdout(&output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("built-in layout drew the diagrams"),
        "{stderr}"
    );
    let document = parse_svg(&svg);
    // layout-rs writes each line as a <tspan>.
    let text: String = document
        .descendants()
        .filter(|n| {
            n.is_text()
                && n.parent()
                    .is_some_and(|p| p.has_tag_name("text") || p.has_tag_name("tspan"))
        })
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n");
    for id in ids_in_file(SMALL, |_, _| true) {
        assert!(
            text.lines().any(|l| l == id),
            "{id} missing from the embedded SVG"
        );
    }
}

/// A valid portfolio of `n` projects in a chain.
fn chain_portfolio(dir: &Path, n: usize) -> String {
    let projects: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let mut p = serde_json::json!({ "id": format!("P-{i:04}"), "name": format!("Project {i}"), "duration_days": 10 });
            if i > 0 {
                p["depends_on"] = serde_json::json!([format!("P-{:04}", i - 1)]);
            }
            p
        })
        .collect();
    let json = serde_json::json!({ "portfolio": { "name": "chain", "start": "2025-01-01" }, "projects": projects });
    let path = dir.join("chain.json");
    std::fs::write(&path, serde_json::to_string(&json).unwrap()).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn without_graphviz_a_big_view_fails_with_exit_3_and_the_install_hint() {
    let dir = tempfile::tempdir().unwrap();
    let path = chain_portfolio(dir.path(), 150);
    let output = capgraph_without_graphviz(&["diagram", &path, "--format", "svg"]);
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
    assert!(stderr.contains("brew install graphviz"), "{stderr}");
    assert!(stderr.contains("--format dot"), "{stderr}");
    assert!(output.stdout.is_empty());
    // PNG has no embedded fallback, even for a small view.
    let output = capgraph_without_graphviz(&["diagram", SMALL, "--format", "png"]);
    assert_eq!(output.status.code(), Some(3));
    // DOT and Mermaid need nothing.
    assert!(capgraph_without_graphviz(&["diagram", &path])
        .status
        .success());
    assert!(
        capgraph_without_graphviz(&["diagram", &path, "--format", "mermaid"])
            .status
            .success()
    );
}

#[test]
fn format_follows_the_output_extension() {
    let dir = tempfile::tempdir().unwrap();
    let mmd = dir.path().join("small.mmd");
    stdout(&capgraph(&["diagram", SMALL, "-o", mmd.to_str().unwrap()]));
    assert!(std::fs::read_to_string(&mmd)
        .unwrap()
        .contains("flowchart LR"));
    let png = dir.path().join("small.png");
    stdout(&capgraph(&["diagram", SMALL, "-o", png.to_str().unwrap()]));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let output = capgraph(&[
        "diagram",
        SMALL,
        "-o",
        dir.path().join("small.txt").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn big_views_warn_that_they_are_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = chain_portfolio(dir.path(), 301);
    let output = capgraph(&["diagram", &path]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success());
    assert!(
        stderr.contains("301 nodes") && stderr.contains("--focus"),
        "{stderr}"
    );
    // Beyond 100 nodes, link labels go beside the edge; the chain has none anyway,
    // so check the plain output has no `label=` on edges.
    let dot = String::from_utf8(output.stdout).unwrap();
    assert!(!dot
        .lines()
        .any(|l| l.contains("->") && l.contains(" label=") && !l.contains("legend")));
}

#[test]
fn critical_highlight_stresses_the_critical_path() {
    // Small portfolio by hand: P-A 0–100, pki at 100, P-B 100–150 (the latest
    // finish, T = 150), P-C SS+5: 105–145, P-D 100–130, P-E 130–140.
    // Critical path P-A → pki → P-B (float 0); P-C float 150 − 145 = 5, P-D
    // float 140 − 130 = 10 (P-E must start by 140): near-critical at the default 10.
    let dot = stdout(&capgraph(&["diagram", SMALL, "--highlight", "critical"]));
    let line = |id: &str| {
        dot.lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{id}\"[label=")))
            .unwrap_or_else(|| panic!("no node line for {id}"))
            .to_string()
    };
    for id in ["P-A", "pki", "P-B"] {
        assert!(
            line(id).contains("fillcolor=\"#f8d3cc\"") && line(id).contains("penwidth=3"),
            "{}",
            line(id)
        );
    }
    for id in ["P-C", "P-D"] {
        assert!(line(id).contains("fillcolor=\"#fdebbd\""), "{}", line(id));
    }
    assert!(
        line("P-B").contains("finish 2025-05-31 · float to portfolio finish 0d"),
        "{}",
        line("P-B")
    );
    assert!(
        line("P-C").contains("finish 2025-05-26 · float to portfolio finish 5d"),
        "{}",
        line("P-C")
    );
    // A capability with a target is labelled with its margin in its RAG
    // colour: CAP-X ends with P-C at day 145 (2025-05-26), 35 days before its
    // target 2025-06-30: on track (35 ≥ the 30 days of amber), green.
    assert!(
        line("CAP-X").contains("forecast 2025-05-26 · target 2025-06-30<BR/>margin 35d (on track)")
            && line("CAP-X").contains("fillcolor=\"#e3f4e8\""),
        "{}",
        line("CAP-X")
    );
    // Without a target, a capability keeps its float.
    assert!(
        line("CAP-Y").contains("float to portfolio finish 20d")
            && !line("CAP-Y").contains("#f8d3cc"),
        "{}",
        line("CAP-Y")
    );
    let mut bold_edges: Vec<&str> = dot
        .lines()
        .filter(|l| l.contains("->") && l.contains("penwidth=2.5"))
        .map(str::trim_start)
        .collect();
    bold_edges.sort_unstable();
    assert_eq!(bold_edges.len(), 2, "{bold_edges:?}");
    assert!(
        bold_edges[0].starts_with("\"P-A\" -> \"pki\""),
        "{bold_edges:?}"
    );
    assert!(
        bold_edges[1].starts_with("\"pki\" -> \"P-B\""),
        "{bold_edges:?}"
    );
}

#[test]
fn impact_highlight_stresses_what_slipped_and_the_chains() {
    // --delay P-A=10 on the small portfolio: P-A 0–110, so every node downstream
    // slips 10 days. CAP-X now finishes with P-C at 105 + 40 + 10 = 155 =
    // 2025-06-05; its target 2025-06-30 is day 180: margin 25d.
    // Chains (binding predecessor at each step): pki←P-A, P-B←pki, P-C←P-B,
    // CAP-X←P-C (155 beats P-A's 110), P-D←pki, P-E←P-D, CAP-Y←P-D: 7 links.
    let dot = stdout(&capgraph(&[
        "diagram",
        SMALL,
        "--highlight",
        "impact",
        "--delay",
        "P-A=10",
    ]));
    let line = |id: &str| {
        dot.lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{id}\"[label=")))
            .unwrap_or_else(|| panic!("no node line for {id}"))
            .to_string()
    };
    assert!(line("P-A").contains("+10d · finish 2025-04-21") && line("P-A").contains("#f1b9b0"));
    assert!(
        line("CAP-X").contains("+10d · finish 2025-06-05 · margin 25d"),
        "{}",
        line("CAP-X")
    );
    assert!(line("P-E").contains("#fbdcb8"));
    let mut bold: Vec<&str> = dot
        .lines()
        .filter(|l| l.contains("->") && l.contains("penwidth=2.5"))
        .map(|l| l.trim_start().split(" [").next().unwrap())
        .collect();
    bold.sort_unstable();
    assert_eq!(
        bold,
        [
            "\"P-A\" -> \"pki\"",
            "\"P-B\" -> \"P-C\"",
            "\"P-C\" -> \"CAP-X\"",
            "\"P-D\" -> \"CAP-Y\"",
            "\"P-D\" -> \"P-E\"",
            "\"pki\" -> \"P-B\"",
            "\"pki\" -> \"P-D\"",
        ]
    );
}

#[test]
fn impact_highlight_without_a_scenario_is_wrong_usage() {
    let output = capgraph(&["diagram", SMALL, "--highlight", "impact"]);
    assert_eq!(output.status.code(), Some(2));
    let output = capgraph(&["diagram", SMALL, "--delay", "P-A=10"]);
    assert_eq!(output.status.code(), Some(2));
}

/// Width and height in pixels from a PNG's IHDR chunk (bytes 16..24, big-endian).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn png_pixels_scale_with_dpi_and_default_to_150() {
    // The SVG gives the drawing's size in points (1/72 inch); a PNG at D dpi
    // is that many points × D / 72 pixels (Graphviz rounds up and may add a
    // pixel of border, hence the slack of 3).
    let svg = stdout(&capgraph(&["diagram", SMALL, "--format", "svg"]));
    let document = parse_svg(&svg);
    let root = document.root_element();
    let points = |name: &str| -> f64 {
        root.attribute(name)
            .unwrap()
            .trim_end_matches("pt")
            .parse()
            .unwrap()
    };
    let (width_pt, height_pt) = (points("width"), points("height"));
    let dir = tempfile::tempdir().unwrap();
    for (dpi, extra) in [(150.0, None), (72.0, Some("72")), (300.0, Some("300"))] {
        let png = dir.path().join(format!("small-{dpi}.png"));
        let mut args = vec![
            "diagram",
            SMALL,
            "--format",
            "png",
            "-o",
            png.to_str().unwrap(),
        ];
        if let Some(dpi) = extra {
            args.extend(["--dpi", dpi]);
        }
        stdout(&capgraph(&args));
        let (width, height) = png_size(&std::fs::read(&png).unwrap());
        for (pixels, pt) in [(width, width_pt), (height, height_pt)] {
            let expected = pt * dpi / 72.0;
            assert!(
                (f64::from(pixels) - expected).abs() <= 3.0,
                "at {dpi} dpi: {pixels} px, expected {expected:.0} ({pt} pt)"
            );
        }
    }
    // --dpi says nothing to an SVG: wrong usage, not silently ignored.
    let output = capgraph(&["diagram", SMALL, "--format", "svg", "--dpi", "300"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--dpi goes with --format png"));
}

#[test]
fn mermaid_legend_examples_are_labelled_and_provides_ends_in_a_circle() {
    let mermaid = stdout(&capgraph(&["diagram", BACKBONE, "--format", "mermaid"]));
    let legend: Vec<&str> = mermaid
        .lines()
        .map(str::trim)
        .skip_while(|l| !l.starts_with("subgraph legend"))
        .skip(1)
        .take_while(|l| *l != "end")
        .collect();
    // Every legend box says something: no `[" "]` example left empty.
    assert!(!legend.is_empty());
    for line in &legend {
        assert!(!line.contains("\" \""), "an empty legend box: {line}");
    }
    // Each relation's example reads tail → head, with its kinds' shapes.
    for example in [
        r#"legend_depends_on_a("A") -->|"B depends on A"| legend_depends_on_b("B")"#,
        r#"legend_uses_a[("component")] -.->|"used by"| legend_uses_b("project")"#,
        r#"legend_provides_a("project") --o|"provides"| legend_provides_b[("component")]"#,
        r#"legend_delivers_a("project") -->|"delivers"| legend_delivers_b{{"capability"}}"#,
    ] {
        assert!(
            legend.contains(&example),
            "missing {example} in {legend:#?}"
        );
    }
    // Every `provided_by` of the file is drawn as a circle-ended link (from
    // the providing project to its component), and nothing else is.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(BACKBONE).unwrap()).unwrap();
    let provided = json["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["provided_by"].is_string())
        .count();
    let circles = mermaid
        .lines()
        .filter(|l| l.contains(" --o") && !l.contains("legend_"))
        .count();
    assert!(provided > 0);
    assert_eq!(circles, provided);
}
