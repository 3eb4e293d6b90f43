//! The built-in layout (drawn where Graphviz is not installed), checked on
//! its geometry: the title, one box per domain holding that domain's items,
//! every line of text inside its item's shape, no two items overlapping, and
//! a legend of labelled examples; left to right and top down (the briefing's
//! small diagrams).

use std::collections::BTreeMap;
use std::process::{Command, Output};

use capgraph::render::diagram::built_in::metrics::text_width;

mod common;

const BACKBONE: &str = "fixtures/digital-backbone.json";
const HOSTILE: &str = "fixtures/hostile-labels.json";

/// Runs capgraph with a PATH holding no program, so that Graphviz cannot be found.
fn capgraph_without_graphviz(args: &[&str]) -> Output {
    let empty = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args(args)
        .env("PATH", empty.path())
        .output()
        .expect("the binary runs")
}

#[derive(Debug, Clone, Copy)]
struct Box2 {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Box2 {
    fn holds(&self, other: &Box2) -> bool {
        other.left >= self.left - 0.01
            && other.right <= self.right + 0.01
            && other.top >= self.top - 0.01
            && other.bottom <= self.bottom + 0.01
    }

    fn overlaps(&self, other: &Box2) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }
}

fn number(node: roxmltree::Node, name: &str) -> f64 {
    node.attribute(name)
        .unwrap_or_else(|| panic!("no {name} on {node:?}"))
        .parse()
        .unwrap()
}

fn numbers(text: &str) -> Vec<f64> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect()
}

/// The room for text in an item's shape: a project's rectangle; a
/// component's cylinder below its top ellipse; a capability's hexagon
/// between its points (the ends of its top edge).
fn text_room(group: roxmltree::Node) -> (Box2, Box2) {
    let shape = group
        .children()
        .find(|n| n.is_element() && !n.has_tag_name("title"))
        .unwrap();
    match shape.tag_name().name() {
        "rect" => {
            let (x, y, w, h) = (
                number(shape, "x"),
                number(shape, "y"),
                number(shape, "width"),
                number(shape, "height"),
            );
            let outline = Box2 {
                left: x,
                top: y,
                right: x + w,
                bottom: y + h,
            };
            (outline, outline)
        }
        "polygon" => {
            let points = numbers(shape.attribute("points").unwrap());
            let xs: Vec<f64> = points.iter().step_by(2).copied().collect();
            let ys: Vec<f64> = points.iter().skip(1).step_by(2).copied().collect();
            let top = ys.iter().copied().fold(f64::INFINITY, f64::min);
            let bottom = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let top_edge: Vec<f64> = xs
                .iter()
                .zip(&ys)
                .filter(|(_, y)| (**y - top).abs() < 0.01)
                .map(|(x, _)| *x)
                .collect();
            let outline = Box2 {
                left: xs.iter().copied().fold(f64::INFINITY, f64::min),
                top,
                right: xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                bottom,
            };
            let room = Box2 {
                left: top_edge.iter().copied().fold(f64::INFINITY, f64::min),
                right: top_edge.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                ..outline
            };
            (outline, room)
        }
        "path" => {
            // M x,y+ry a rx,ry 0 0 1 w,0 v body a rx,ry 0 0 1 -w,0 z
            let d = numbers(shape.attribute("d").unwrap());
            let (x, top_centre, ry, w, body) = (d[0], d[1], d[3], d[7], d[9]);
            let outline = Box2 {
                left: x,
                top: top_centre - ry,
                right: x + w,
                bottom: top_centre + body + ry,
            };
            let room = Box2 {
                top: top_centre + ry,
                ..outline
            };
            (outline, room)
        }
        other => panic!("unexpected shape {other}"),
    }
}

/// The domain of every item of a portfolio file, read independently of capgraph.
fn domains_in_file(path: &str) -> BTreeMap<String, Option<String>> {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut domains = BTreeMap::new();
    for section in ["projects", "components", "capabilities"] {
        for entry in json[section].as_array().into_iter().flatten() {
            domains.insert(
                entry["id"].as_str().unwrap().to_string(),
                entry["domain"].as_str().map(str::to_string),
            );
        }
    }
    domains
}

/// Checks one built-in drawing of `portfolio`; returns how many items it has.
fn check_drawing(svg: &str, portfolio: &str, legend_words: &[&str]) -> usize {
    let document = roxmltree::Document::parse(svg).expect("well-formed SVG");
    let root = document.root_element();
    let class = |n: &roxmltree::Node, first: &str| {
        n.has_tag_name("g")
            && n.attribute("class")
                .is_some_and(|c| c.split_whitespace().next() == Some(first))
    };
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(portfolio).unwrap()).unwrap();

    // The title: the portfolio's name, in the biggest type of the drawing.
    let name = json["portfolio"]["name"].as_str().unwrap();
    let title = root
        .children()
        .find(|n| n.has_tag_name("text"))
        .expect("a title");
    assert_eq!(title.text(), Some(name));
    let biggest = root
        .descendants()
        .filter_map(|n| n.attribute("font-size"))
        .map(|s| s.parse::<f64>().unwrap())
        .fold(0.0, f64::max);
    assert_eq!(number(title, "font-size"), biggest);

    // One box per domain, named.
    let mut lanes: BTreeMap<String, Box2> = BTreeMap::new();
    for cluster in root.descendants().filter(|n| class(n, "cluster")) {
        let rect = cluster.children().find(|n| n.has_tag_name("rect")).unwrap();
        let label = cluster.children().find(|n| n.has_tag_name("text")).unwrap();
        let (x, y) = (number(rect, "x"), number(rect, "y"));
        let lane = Box2 {
            left: x,
            top: y,
            right: x + number(rect, "width"),
            bottom: y + number(rect, "height"),
        };
        // The domain's name inside its box.
        let px = number(label, "font-size");
        let text = label.text().unwrap();
        let (lx, ly) = (number(label, "x"), number(label, "y"));
        assert!(
            lane.holds(&Box2 {
                left: lx,
                top: ly - px,
                right: lx + text_width(text, px, true),
                bottom: ly,
            }),
            "the name {text} sticks out of its box"
        );
        lanes.insert(text.to_string(), lane);
    }
    let domains = domains_in_file(portfolio);

    // Items: inside their domain's box, text inside the shape, no overlap.
    let mut outlines: Vec<(String, Box2)> = Vec::new();
    for group in root.descendants().filter(|n| class(n, "node")) {
        let texts: Vec<roxmltree::Node> = group
            .children()
            .filter(|n| n.has_tag_name("text"))
            .collect();
        let id = texts[0].text().unwrap().to_string();
        let (outline, room) = text_room(group);
        for text in &texts {
            let px = number(*text, "font-size");
            let bold = text.attribute("font-weight") == Some("bold");
            let content = text.text().unwrap_or("");
            let width = text_width(content, px, bold);
            let (x, baseline) = (number(*text, "x"), number(*text, "y"));
            assert_eq!(text.attribute("text-anchor"), Some("middle"));
            // Ascent up to 0.8 em above the baseline, descent 0.25 em below.
            let extent = Box2 {
                left: x - width / 2.0,
                right: x + width / 2.0,
                top: baseline - 0.8 * px,
                bottom: baseline + 0.25 * px,
            };
            assert!(
                room.holds(&extent),
                "{id}: \"{content}\" ({width:.1} wide) is not inside its shape ({room:?}, text {extent:?})"
            );
        }
        match domains
            .get(&id)
            .unwrap_or_else(|| panic!("{id} is not in {portfolio}"))
        {
            Some(domain) => assert!(
                lanes[domain].holds(&outline),
                "{id} is outside the box of its domain {domain}"
            ),
            None => assert!(lanes.values().all(|lane| !lane.overlaps(&outline))),
        }
        outlines.push((id, outline));
    }
    for (k, (a, outline)) in outlines.iter().enumerate() {
        for (b, other) in &outlines[k + 1..] {
            assert!(!outline.overlaps(other), "{a} and {b} overlap");
        }
    }
    // Domain boxes do not overlap either, and every domain shown has one.
    let lane_list: Vec<&Box2> = lanes.values().collect();
    for (k, lane) in lane_list.iter().enumerate() {
        for other in &lane_list[k + 1..] {
            assert!(!lane.overlaps(other));
        }
    }
    for (id, _) in &outlines {
        if let Some(domain) = &domains[id] {
            assert!(lanes.contains_key(domain), "no box for {domain}");
        }
    }

    // The legend: labelled examples.
    let legend = root
        .descendants()
        .find(|n| class(n, "legend"))
        .expect("a legend");
    let words: Vec<&str> = legend
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for word in legend_words {
        assert!(words.contains(word), "the legend lacks {word:?}: {words:?}");
    }
    outlines.len()
}

#[test]
fn the_whole_sample_keeps_title_domains_legend_and_text_in_its_boxes() {
    let output = capgraph_without_graphviz(&["diagram", BACKBONE, "--format", "svg"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let svg = String::from_utf8(output.stdout).unwrap();
    let items = check_drawing(
        &svg,
        BACKBONE,
        &[
            "Legend",
            "project",
            "shared component",
            "capability",
            "depends on",
            "used by",
            "provides",
            "delivers",
        ],
    );
    assert_eq!(items, domains_in_file(BACKBONE).len());
    assert!(svg.contains("<text") && !svg.contains("graphviz"));
}

#[test]
fn an_impact_highlight_and_hostile_labels_stay_inside_their_boxes() {
    let output = capgraph_without_graphviz(&[
        "diagram",
        BACKBONE,
        "--format",
        "svg",
        "--highlight",
        "impact",
        "--status",
        "fixtures/status-2026-w48.json",
    ]);
    assert!(output.status.success());
    let svg = String::from_utf8(output.stdout).unwrap();
    // The highlight's lines ("+39d · finish …") make the boxes bigger; its
    // caption goes under the title.
    check_drawing(
        &svg,
        BACKBONE,
        &["updated this week (or delayed)", "finish slipped"],
    );
    assert!(svg.contains("items slipped"));
    let output = capgraph_without_graphviz(&["diagram", HOSTILE, "--format", "svg"]);
    assert!(output.status.success());
    check_drawing(
        &String::from_utf8(output.stdout).unwrap(),
        HOSTILE,
        &["project"],
    );
}

#[test]
fn the_briefing_draws_top_down_and_says_the_built_in_layout_drew_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("briefing");
    let output = capgraph_without_graphviz(&[
        "weekly",
        BACKBONE,
        "--status",
        "fixtures/status-2026-w48.json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Said once on the terminal, not once per diagram.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.matches("built-in layout drew the diagrams").count(),
        1,
        "{stderr}"
    );
    let said = "The diagrams were drawn by capgraph's built-in layout, because Graphviz was not found on this computer.";
    for file in ["briefing.md", "briefing.html"] {
        // HTML writes the apostrophe as &#39;.
        let text = std::fs::read_to_string(out.join(file))
            .unwrap()
            .replace("&#39;", "'");
        assert!(
            text.contains(said),
            "{file} does not say what drew its diagrams"
        );
        assert!(!text.contains("drawn by Graphviz"));
    }
    let mut capabilities = 0;
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("capability-") {
            capabilities += 1;
            let svg = std::fs::read_to_string(&path).unwrap();
            check_drawing(&svg, BACKBONE, &["capability", "delivers"]);
            // Top down: the capability (the sink) is the lowest item.
            let document = roxmltree::Document::parse(&svg).unwrap();
            let id = name
                .trim_start_matches("capability-")
                .trim_end_matches(".svg");
            let lowest = document
                .descendants()
                .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("node ")))
                .map(|g| {
                    let texts: Vec<_> = g.children().filter(|n| n.has_tag_name("text")).collect();
                    (
                        number(*texts.last().unwrap(), "y"),
                        texts[0].text().unwrap().to_string(),
                    )
                })
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .unwrap();
            assert_eq!(lowest.1, id);
        }
    }
    assert!(capabilities > 0);
}

#[test]
fn with_graphviz_the_briefing_names_graphviz_and_its_version() {
    // The version as Graphviz itself reports it: "dot - graphviz version 2.43.0 (0)".
    let version = Command::new("dot")
        .arg("-V")
        .output()
        .expect("Graphviz is installed");
    let banner = String::from_utf8_lossy(&version.stderr).to_string();
    let number = banner
        .split("version ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no version in {banner:?}"))
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("briefing");
    let output = Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args([
            "weekly",
            BACKBONE,
            "--status",
            "fixtures/status-2026-w48.json",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success());
    let said = format!("The diagrams were drawn by Graphviz (dot {number}).");
    for file in ["briefing.md", "briefing.html"] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(text.contains(&said), "{file} does not say {said:?}");
        assert!(!text.contains("Graphviz was not found"));
    }
}

#[test]
fn a_long_chain_in_the_briefing_is_folded_into_rows_read_left_to_right() {
    // A chain through 300 capabilities with a delay at its start: the
    // weekly impact diagram draws 39 items in one chain (tests/cli_long_chains.rs
    // works the 39 out), 39 ranks of one item. In one row that is a line
    // several metres long; folded (src/render/diagram/rows.rs) it is 13 rows
    // of 3 ranks (⌈√(0.75 · 39 / 4)⌉ = 3), the first row on top, each row
    // starting at the left margin.
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("chain.json");
    std::fs::write(&portfolio, common::chain_through_capabilities(300)).unwrap();
    let status = dir.path().join("status.json");
    std::fs::write(
        &status,
        r#"{"as_of": "2025-01-10", "updates": [{"id": "P000000", "delay_days": 30}]}"#,
    )
    .unwrap();
    let out = dir.path().join("briefing");
    let output = capgraph_without_graphviz(&[
        "weekly",
        portfolio.to_str().unwrap(),
        "--status",
        status.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let svg = std::fs::read_to_string(out.join("impact.svg")).unwrap();
    // Text inside its shape, no two items overlapping, a legend.
    assert_eq!(
        check_drawing(&svg, portfolio.to_str().unwrap(), &["capability"]),
        39
    );
    let document = roxmltree::Document::parse(&svg).unwrap();
    let mut items: Vec<(Box2, String)> = document
        .descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("node ")))
        .map(|g| {
            let id = g.children().find(|n| n.has_tag_name("text")).unwrap();
            (text_room(g).0, id.text().unwrap().to_string())
        })
        .collect();
    // Rows: items sorted top down; a row ends where the next item lies
    // wholly below it.
    items.sort_by(|a, b| a.0.top.total_cmp(&b.0.top));
    let mut rows: Vec<Vec<(Box2, String)>> = Vec::new();
    for item in items {
        match rows.last_mut() {
            Some(row) if item.0.top < row.iter().map(|i| i.0.bottom).fold(0.0, f64::max) => {
                row.push(item)
            }
            _ => rows.push(vec![item]),
        }
    }
    assert_eq!(rows.len(), 13, "{rows:?}");
    let left = rows[0]
        .iter()
        .map(|i| i.0.left)
        .fold(f64::INFINITY, f64::min);
    for row in &mut rows {
        assert_eq!(row.len(), 3, "{row:?}");
        row.sort_by(|a, b| a.0.left.total_cmp(&b.0.left));
        assert_eq!(row[0].0.left, left, "each row starts at the left");
    }
    // The chain read row by row, left to right: P000000 → C000000 →
    // P000001 | C000001 → (steps not drawn) → C000282 → P000283 | … | C000299.
    let read: Vec<&str> = rows.iter().flatten().map(|i| i.1.as_str()).collect();
    assert_eq!(
        &read[..5],
        ["P000000", "C000000", "P000001", "C000001", "C000282"]
    );
    assert_eq!(read[38], "C000299");
    // As wide as three items and their gaps, not 39: the folded drawing is
    // taller than wide.
    let size = |name: &str| -> f64 {
        let length = document.root_element().attribute(name).unwrap();
        length.trim_end_matches("pt").parse().unwrap()
    };
    assert!(
        size("height") > size("width"),
        "{} × {}",
        size("width"),
        size("height")
    );
}
