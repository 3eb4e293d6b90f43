//! Properties of `impact` on random acyclic portfolios: a delay never makes
//! anything finish earlier, never slips anything by more than itself, lists
//! exactly the nodes that slipped, and explains each slip by a chain of
//! real links from a source.

use petgraph::graph::NodeIndex;
use proptest::prelude::{
    prop_assert, prop_assert_eq, prop_oneof, proptest, Just, ProptestConfig, Strategy,
};

use capgraph::analysis::impact::Impact;
use capgraph::analysis::schedule::ScheduleOptions;
use capgraph::model::{portfolio_from_str, Portfolio, Status};

/// One link from an earlier project: (earlier index, type, lag).
type LinkSpec = (usize, &'static str, i64);

/// A project: duration, links from earlier projects, whether it uses the
/// shared component, whether it delivers the capability.
type ProjectSpec = (i64, Vec<LinkSpec>, bool, bool);

fn link_type() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("FS"), Just("SS"), Just("FF"), Just("SF")]
}

fn projects() -> impl Strategy<Value = Vec<ProjectSpec>> {
    proptest::collection::vec(
        (
            0i64..30,
            proptest::collection::vec((0usize..1000, link_type(), -5i64..10), 0..4),
            proptest::bool::weighted(0.3),
            proptest::bool::weighted(0.3),
        ),
        1..14,
    )
}

/// Portfolio JSON: projects P00, P01, … link only from lower to higher
/// index; component K is provided by P00 and used by some; capability CAP
/// is delivered by some. Links into project `delayed` are FS or SS only: an
/// FF or SF link bounds ES with the node's own duration (SPEC §7), so a
/// delay there moves the node's start earlier, and an SS successor with it.
fn portfolio_text(specs: &[ProjectSpec], delayed: usize) -> String {
    let mut projects = Vec::new();
    for (i, (duration, links, uses, delivers)) in specs.iter().enumerate() {
        let mut depends = Vec::new();
        if i > 0 {
            for (from, link_type, lag) in links {
                let link_type = match (*link_type, i == delayed) {
                    ("FF", true) => "FS",
                    ("SF", true) => "SS",
                    (t, _) => t,
                };
                depends.push(format!(
                    r#"{{"id": "P{:02}", "type": "{link_type}", "lag_days": {lag}}}"#,
                    from % i
                ));
            }
        }
        let uses = if *uses && i > 0 {
            r#", "uses": ["K"]"#
        } else {
            ""
        };
        let delivers = if *delivers {
            r#", "delivers": ["CAP"]"#
        } else {
            ""
        };
        projects.push(format!(
            r#"{{"id": "P{i:02}", "name": "p", "duration_days": {duration},
                "cost": {{"investment": {}}}, "depends_on": [{}]{uses}{delivers}}}"#,
            (i + 1) * 1000,
            depends.join(", ")
        ));
    }
    format!(
        r#"{{"portfolio": {{"name": "Random", "start": "2025-01-01"}},
            "components": [{{"id": "K", "name": "k", "provided_by": "P00"}}],
            "capabilities": [{{"id": "CAP", "name": "cap", "target": "2025-03-01"}}],
            "projects": [{}]}}"#,
        projects.join(",\n")
    )
}

fn load(text: &str) -> Portfolio {
    let checked = portfolio_from_str(text, "random.json");
    assert_eq!(checked.error_count(), 0, "{:?}", checked.problems);
    checked.value.expect("valid portfolio")
}

fn delayed_index(specs: &[ProjectSpec], pick: usize) -> usize {
    pick % specs.len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn one_delay_of_n_days_slips_every_node_by_0_to_n_days(
        specs in projects(),
        pick in 0usize..100,
        n in 0i64..60,
    ) {
        let delayed = delayed_index(&specs, pick);
        let p = load(&portfolio_text(&specs, delayed));
        let source = p.lookup(&format!("P{delayed:02}")).expect("delayed project");
        let status = Status::from_delays(&p, &[(p.id(source), n)]).expect("the portfolio's id");
        let impact = Impact::compute(&status, &ScheduleOptions::default());
        for node in p.nodes_by_id() {
            let before = impact.reference.times(*node).ef;
            let after = impact.updated.times(*node).ef;
            prop_assert!(after >= before, "{} finishes earlier: {before} → {after}", p.id(*node));
            prop_assert!(after - before <= n, "{} slips {} > {n}", p.id(*node), after - before);
            prop_assert_eq!(impact.slip(*node), after - before);
            prop_assert_eq!(impact.impacted.contains(node), after > before);
        }
        prop_assert!(impact.finish_slip >= 0 && impact.finish_slip <= n);
    }

    #[test]
    fn every_chain_starts_at_a_source_and_follows_links(
        specs in projects(),
        picks in proptest::collection::vec((0usize..100, -20i64..40), 1..4),
    ) {
        let p = load(&portfolio_text(&specs, usize::MAX));
        let mut delays: Vec<(NodeIndex, i64)> = Vec::new();
        for (pick, days) in picks {
            let node = p.lookup(&format!("P{:02}", delayed_index(&specs, pick))).expect("project");
            if !delays.iter().any(|(d, _)| *d == node) {
                delays.push((node, days));
            }
        }
        let by_id: Vec<(&str, i64)> = delays.iter().map(|&(n, d)| (p.id(n), d)).collect();
        let status = Status::from_delays(&p, &by_id).expect("the portfolio's ids");
        let impact = Impact::compute(&status, &ScheduleOptions::default());
        let sources: Vec<NodeIndex> = impact.source_nodes().collect();
        for &node in &impact.impacted {
            prop_assert!(impact.slip(node) > 0);
            let chain = impact.chain(node);
            prop_assert!(sources.contains(&chain[0]), "{} starts at {}", p.id(node), p.id(chain[0]));
            prop_assert_eq!(chain.last(), Some(&node));
            for step in chain.windows(2) {
                prop_assert!(p.graph().find_edge(step[0], step[1]).is_some(),
                    "{} → {} is no link", p.id(step[0]), p.id(step[1]));
                // Only the first node of a chain carries an update.
                prop_assert!(!sources.contains(&step[1]));
            }
        }
        // Every impacted node lies on the chain of a chain end.
        let mut told = vec![false; p.node_count()];
        for end in impact.chain_ends() {
            for node in impact.chain(end) {
                told[node.index()] = true;
            }
        }
        for &node in &impact.impacted {
            prop_assert!(told[node.index()], "{} is on no told chain", p.id(node));
        }
    }
}
