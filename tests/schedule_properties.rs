//! Properties of the schedule engine on random acyclic portfolios, each
//! checked against a separate, deliberately simple computation written here:
//! longest paths by recursion over predecessors (finish-to-start only), and a
//! fixed-point iteration over every link constraint (all four link types).

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use capgraph::analysis::schedule::{Schedule, ScheduleOptions};
use capgraph::model::{portfolio_from_str, status_from_str, Basis, Portfolio, Status};

const LINK_TYPES: [&str; 4] = ["FS", "SS", "FF", "SF"];

/// One link of the random portfolio: `from` → `to` (from < to, so acyclic).
#[derive(Debug, Clone, Copy)]
struct Link {
    from: usize,
    to: usize,
    link_type: usize,
    lag: i64,
}

/// A random acyclic portfolio of projects `N00`, `N01`, … (ids sort like
/// their indices).
#[derive(Debug, Clone)]
struct Net {
    durations: Vec<i64>,
    /// "Start no earlier than" as a day offset.
    starts: Vec<Option<i64>>,
    links: Vec<Link>,
}

fn id(i: usize) -> String {
    format!("N{i:02}")
}

fn day_zero() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
}

impl Net {
    fn json(&self) -> String {
        let projects: Vec<serde_json::Value> = (0..self.durations.len())
            .map(|i| {
                let depends_on: Vec<serde_json::Value> = self
                    .links
                    .iter()
                    .filter(|l| l.to == i)
                    .map(|l| {
                        serde_json::json!({"id": id(l.from), "type": LINK_TYPES[l.link_type],
                                           "lag_days": l.lag})
                    })
                    .collect();
                let mut project = serde_json::json!({
                    "id": id(i), "name": format!("project {i}"),
                    "duration_days": self.durations[i], "depends_on": depends_on,
                });
                if let Some(start) = self.starts[i] {
                    let date = day_zero() + Duration::days(start);
                    project["start"] = date.format("%Y-%m-%d").to_string().into();
                }
                project
            })
            .collect();
        serde_json::json!({
            "portfolio": {"name": "random", "start": "2025-01-01"},
            "projects": projects,
        })
        .to_string()
    }

    fn portfolio(&self) -> Portfolio {
        let checked = portfolio_from_str(&self.json(), "random.json");
        assert_eq!(checked.error_count(), 0, "{:#?}", checked.problems);
        checked.value.expect("a valid portfolio")
    }

    fn predecessors(&self, node: usize) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(move |l| l.to == node)
    }
}

/// Random portfolios: 1..=12 nodes, durations 0..50, each lower → higher
/// pair linked with probability about 1/3.
fn nets(all_link_types: bool) -> impl Strategy<Value = Net> {
    (1usize..=12).prop_flat_map(move |n| {
        let pairs = n * (n - 1) / 2;
        let (types, lags) = if all_link_types {
            (0usize..4, -5i64..=10)
        } else {
            (0usize..1, 0i64..=0)
        };
        let starts = if all_link_types {
            proptest::collection::vec(proptest::option::weighted(0.2, 0i64..60), n).boxed()
        } else {
            Just(vec![None; n]).boxed()
        };
        (
            proptest::collection::vec(0i64..50, n),
            starts,
            proptest::collection::vec((0u8..3, types, lags), pairs),
        )
            .prop_map(move |(durations, starts, choices)| {
                let mut links = Vec::new();
                let mut k = 0;
                for to in 0..n {
                    for from in 0..to {
                        let (coin, link_type, lag) = choices[k];
                        k += 1;
                        if coin == 0 {
                            links.push(Link {
                                from,
                                to,
                                link_type,
                                lag,
                            });
                        }
                    }
                }
                Net {
                    durations,
                    starts,
                    links,
                }
            })
    })
}

fn schedule<'s, 'p: 's>(basis: impl Into<Basis<'s, 'p>>) -> Schedule<'p> {
    Schedule::compute(basis, &ScheduleOptions::default())
}

/// A status file delaying one node.
fn delayed(portfolio: &Portfolio, node: usize, days: i64) -> Status<'_> {
    let text = format!(
        r#"{{"as_of": "2025-01-01", "updates": [{{"id": "{}", "delay_days": {days}}}]}}"#,
        id(node)
    );
    let checked = status_from_str(&text, portfolio, "status.json");
    checked.value.expect("a valid status")
}

/// (ES, EF, LS, LF, TF, FF) of node `i` in capgraph's schedule.
fn figures(portfolio: &Portfolio, s: &Schedule, i: usize) -> [i64; 6] {
    let t = s.times(portfolio.lookup(&id(i)).unwrap());
    [t.es, t.ef, t.ls, t.lf, t.total_float, t.free_float]
}

/// Longest path ending at each node's finish, by plain recursion over
/// predecessors (finish-to-start, lag 0, no start dates): d(j) + the
/// largest of 0 and every predecessor's value.
fn longest_to(net: &Net, node: usize) -> i64 {
    net.durations[node]
        + net
            .predecessors(node)
            .map(|l| longest_to(net, l.from))
            .max()
            .unwrap_or(0)
}

/// Longest path from each node's finish to the end of the network.
fn longest_from(net: &Net, node: usize) -> i64 {
    net.links
        .iter()
        .filter(|l| l.from == node)
        .map(|l| net.durations[l.to] + longest_from(net, l.to))
        .max()
        .unwrap_or(0)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn finish_to_start_networks_follow_the_longest_paths(net in nets(false)) {
        let portfolio = net.portfolio();
        let s = schedule(&portfolio);
        let n = net.durations.len();
        let finish = (0..n).map(|i| longest_to(&net, i)).max().unwrap();
        prop_assert_eq!(s.finish, finish);
        for i in 0..n {
            let [es, ef, ls, lf, tf, ff] = figures(&portfolio, &s, i);
            // EF is the longest path to the node's finish; LF is T minus the
            // longest path after it; the floats follow.
            prop_assert_eq!(ef, longest_to(&net, i), "EF of {}", id(i));
            prop_assert_eq!(es, ef - net.durations[i]);
            prop_assert_eq!(lf, finish - longest_from(&net, i), "LF of {}", id(i));
            prop_assert_eq!(ls, lf - net.durations[i]);
            prop_assert!(tf >= 0, "TF of {} is {}", id(i), tf);
            prop_assert!(ff >= 0 && ff <= tf, "FF of {} is {} (TF {})", id(i), ff, tf);
        }
        for node in &s.critical_path {
            prop_assert_eq!(s.times(*node).total_float, 0, "{} on the critical path", portfolio.id(*node));
        }
        // The critical path ends at the node with the largest EF and spans T.
        let last = *s.critical_path.last().unwrap();
        prop_assert_eq!(s.times(last).ef, finish);
        let first = s.critical_path[0];
        prop_assert_eq!(s.times(first).es, 0);
    }

    #[test]
    fn delaying_a_critical_node_moves_the_finish_by_as_much(
        net in nets(false),
        pick in any::<prop::sample::Index>(),
        days in 1i64..=30,
    ) {
        let portfolio = net.portfolio();
        let base = schedule(&portfolio);
        let critical: Vec<usize> = (0..net.durations.len())
            .filter(|i| figures(&portfolio, &base, *i)[4] == 0)
            .collect();
        let node = critical[pick.index(critical.len())];
        let late = schedule(&delayed(&portfolio, node, days));
        prop_assert_eq!(late.finish, base.finish + days, "delaying {} by {}", id(node), days);
    }

    #[test]
    fn delaying_a_node_within_its_float_moves_nothing_at_the_end(
        net in nets(false),
        pick in any::<prop::sample::Index>(),
        share in 0.0f64..=1.0,
    ) {
        let portfolio = net.portfolio();
        let base = schedule(&portfolio);
        let node = pick.index(net.durations.len());
        let float = figures(&portfolio, &base, node)[4];
        // Any delay from 0 up to the float itself, the float included.
        let days = (share * float as f64).round() as i64;
        let late = schedule(&delayed(&portfolio, node, days));
        prop_assert_eq!(late.finish, base.finish, "delaying {} by {} of {}", id(node), days, float);
    }

    #[test]
    fn the_same_input_gives_the_same_schedule(net in nets(true)) {
        // Two portfolios read from the same input: their schedules are
        // not equal as schedules (each keeps its own portfolio), but every
        // figure is.
        let (one, two) = (net.portfolio(), net.portfolio());
        let (first, second) = (schedule(&one), schedule(&two));
        prop_assert_eq!(first.all_times(), second.all_times());
        prop_assert_eq!(first.finish, second.finish);
        prop_assert_eq!(&first.critical_path, &second.critical_path);
    }

    #[test]
    fn every_link_type_matches_a_fixed_point_computation(net in nets(true)) {
        let portfolio = net.portfolio();
        let s = schedule(&portfolio);
        let expected = fixed_point(&net);
        prop_assert_eq!(s.finish, expected.finish);
        for i in 0..net.durations.len() {
            prop_assert_eq!(figures(&portfolio, &s, i), expected.figures[i], "{} in {}", id(i), net.json());
            let t = s.times(portfolio.lookup(&id(i)).unwrap());
            let tf = expected.figures[i][4];
            prop_assert_eq!(t.critical, tf <= 0);
            prop_assert_eq!(t.near_critical, tf > 0 && tf <= 10);
        }
    }
}

/// The schedule by the letter of SPEC §3, computed by relaxing every
/// constraint until nothing changes (no topological order needed).
struct FixedPoint {
    finish: i64,
    figures: Vec<[i64; 6]>,
}

/// The bound a link puts on ES of its successor (SPEC §3, §7).
fn bound(net: &Net, l: &Link, es: &[i64]) -> i64 {
    let d = &net.durations;
    match LINK_TYPES[l.link_type] {
        "FS" => es[l.from] + d[l.from] + l.lag,
        "SS" => es[l.from] + l.lag,
        "FF" => es[l.from] + d[l.from] + l.lag - d[l.to],
        _ => es[l.from] + l.lag - d[l.to], // SF
    }
}

fn fixed_point(net: &Net) -> FixedPoint {
    let n = net.durations.len();
    let d = &net.durations;
    // Forward: ES starts at the own start (or 0) and only grows.
    let mut es: Vec<i64> = net.starts.iter().map(|s| s.unwrap_or(0).max(0)).collect();
    let mut changed = true;
    while changed {
        changed = false;
        // Links in reverse order, to need several rounds and so not to
        // follow the engine's topological order by accident.
        for l in net.links.iter().rev() {
            let b = bound(net, l, &es);
            if b > es[l.to] {
                es[l.to] = b;
                changed = true;
            }
        }
    }
    let ef: Vec<i64> = (0..n).map(|i| es[i] + d[i]).collect();
    let finish = ef.iter().copied().max().unwrap_or(0);
    // Backward: LF starts at T and only shrinks.
    let mut lf = vec![finish; n];
    changed = true;
    while changed {
        changed = false;
        for l in &net.links {
            let ls_to = lf[l.to] - d[l.to];
            let allowed = match LINK_TYPES[l.link_type] {
                "FS" => ls_to - l.lag,
                "SS" => ls_to - l.lag + d[l.from],
                "FF" => lf[l.to] - l.lag,
                _ => lf[l.to] - l.lag + d[l.from], // SF
            };
            if allowed < lf[l.from] {
                lf[l.from] = allowed;
                changed = true;
            }
        }
    }
    let figures = (0..n)
        .map(|i| {
            let ls = lf[i] - d[i];
            let tf = ls - es[i];
            // Free float: the smallest slack of the outgoing links, or
            // T − EF without successors; never more than the total float.
            let free = net
                .links
                .iter()
                .filter(|l| l.from == i)
                .map(|l| es[l.to] - bound(net, l, &es))
                .min()
                .unwrap_or(finish - ef[i]);
            [es[i], ef[i], ls, lf[i], tf, free.min(tf)]
        })
        .collect();
    FixedPoint { finish, figures }
}
