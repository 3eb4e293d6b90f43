//! Single points of failure (SPEC §4 "Ranking"): for every project and
//! component, how many projects and capabilities lie downstream of it, what
//! those projects are worth, and how much float it has.
//!
//! Counting what each node reaches is an all-sources reachability problem.
//! Rather than one graph search per source, the sources are taken 1 024 at a
//! time (in topological order) and each node gets a 1 024-bit set of the
//! chunk's sources that reach it: in topological order a node's set is the
//! union of its predecessors' sets, plus its own bit. The sums are then read
//! off the sets without visiting each (source, node) pair: every 64-bit word
//! is cut into 8 bytes, and a node's weight (1 project, 1 capability, its
//! investment) is added to a table cell per (byte position, byte value); a
//! source's total is the sum of the 128 cells whose value has its bit set.
//! Chunks are independent and run in parallel (rayon), each thread reusing
//! its buffers; each chunk's figures come from one thread in a fixed order,
//! so the result does not depend on the number of threads.
//!
//! A node with a single successor needs no set: what it reaches is that
//! successor and what the successor reaches, so its totals are the
//! successor's plus the successor's own weight, filled in backwards from
//! the sets' results. A chain of 100 000 projects thus costs one pass
//! instead of 100 000 × 100 000 / 64 word operations.
//!
//! For this week (a schedule with a status), nodes fixed by an actual start
//! or finish cannot be moved by anything upstream: their set keeps only their
//! own bit, so the count stops at them; finished nodes are not ranked.
//!
//! # Complexity
//! With V nodes, E links and S ≤ V sources with two or more successors:
//! time O(V + E) for the rest plus O(S · (V + E) / 64) word
//! operations for the sets plus O(S · V / 8) table additions for the sums
//! (both with small constants, the sets only from each chunk's first source
//! on); memory O(V) per thread (a 128-byte set per node, and 512 KiB of
//! tables). A search per source would cost O(S · (V + E)) pair visits.

use petgraph::graph::NodeIndex;
use rayon::prelude::{IndexedParallelIterator, IntoParallelRefIterator, ParallelIterator};

use crate::model::{NodeKind, Portfolio, Relation};

use super::portfolio_ref::PortfolioRef;
use super::schedule::Schedule;

/// What one project or component holds up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankEntry {
    pub node: NodeIndex,
    /// Projects reachable downstream, not counting the node itself.
    pub downstream_projects: usize,
    pub downstream_capabilities: usize,
    /// Sum of the downstream projects' `cost.investment` (missing counts 0).
    pub downstream_investment: f64,
    /// Total float in the schedule given.
    pub total_float: i64,
}

/// Told how far a ranking got, for a progress display; called from the
/// ranking's worker threads with the number of nodes just done.
pub trait RankProgress: Sync {
    fn ranked(&self, nodes: usize);
}

/// No progress display.
impl RankProgress for () {
    fn ranked(&self, _nodes: usize) {}
}

/// Words per node set: a chunk holds `WORDS * 64` sources.
const WORDS: usize = 16;
const CHUNK: usize = WORDS * 64;
type Bits = [u64; WORDS];

/// A weight to add up: one project (with its investment) or one capability.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    projects: u32,
    capabilities: u32,
    investment: f64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.projects += other.projects;
        self.capabilities += other.capabilities;
        self.investment += other.investment;
    }
}

/// The graph in topological positions, as compact arrays.
struct Layout {
    /// Predecessors of position v: `predecessors[first[v]..first[v + 1]]`.
    first: Vec<u32>,
    predecessors: Vec<u32>,
    /// The weight of each position, if it counts.
    weight: Vec<Option<Tally>>,
    /// Positions fixed by an actual: nothing upstream reaches past them.
    blocked: Vec<bool>,
}

impl Layout {
    fn new(portfolio: &Portfolio, schedule: &Schedule) -> Layout {
        let order = portfolio.topological_order();
        let mut position = vec![0u32; order.len()];
        for (i, node) in order.iter().enumerate() {
            position[node.index()] = i as u32;
        }
        let mut first = Vec::with_capacity(order.len() + 1);
        let mut predecessors = Vec::with_capacity(portfolio.link_count());
        let mut weight = Vec::with_capacity(order.len());
        let mut blocked = Vec::with_capacity(order.len());
        for &node in order {
            blocked.push(schedule.times(node).fixed);
            first.push(predecessors.len() as u32);
            predecessors.extend(portfolio.predecessors(node).map(|p| position[p.index()]));
            let n = portfolio.node(node);
            weight.push(match n.kind {
                NodeKind::Project => Some(Tally {
                    projects: 1,
                    capabilities: 0,
                    investment: n.investment.unwrap_or(0.0),
                }),
                NodeKind::Capability => Some(Tally {
                    projects: 0,
                    capabilities: 1,
                    investment: 0.0,
                }),
                NodeKind::Component => None,
            });
        }
        first.push(predecessors.len() as u32);
        Layout {
            first,
            predecessors,
            weight,
            blocked,
        }
    }

    fn predecessors(&self, v: usize) -> &[u32] {
        &self.predecessors[self.first[v] as usize..self.first[v + 1] as usize]
    }
}

/// One thread's reusable buffers.
struct Buffers {
    sets: Vec<Bits>,
    /// `tables[w][k][b]`: the total weight of nodes whose word w has byte value b at byte k.
    tables: Vec<[[Tally; 256]; 8]>,
}

impl Buffers {
    fn new(nodes: usize) -> Buffers {
        Buffers {
            sets: vec![[0; WORDS]; nodes],
            tables: vec![[[Tally::default(); 256]; 8]; WORDS],
        }
    }
}

/// The ranked projects and components of one portfolio, most holding up
/// first, with the portfolio they were ranked on: read and rendered alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking<'p> {
    portfolio: PortfolioRef<'p>,
    entries: Vec<RankEntry>,
    ranked: usize,
}

impl<'p> Ranking<'p> {
    /// The portfolio ranked.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.portfolio.0
    }

    /// The entries, ranked (after any [`Ranking::top`] cut).
    pub fn entries(&self) -> &[RankEntry] {
        &self.entries
    }

    /// How many projects and components were ranked, before any cut.
    pub fn ranked(&self) -> usize {
        self.ranked
    }

    /// Keeps the first `k` entries.
    pub fn top(&mut self, k: usize) {
        self.entries.truncate(k);
    }

    /// The rows of the ranking's table: a component whose figures equal
    /// those of the project providing it shares that project's row.
    pub fn table_rows(&self) -> Vec<RankRow<'_>> {
        table_rows(self.portfolio.0, &self.entries)
    }
}

/// Ranks every project and component (SPEC §4): by downstream projects (most
/// first), then downstream capabilities, then id; the float is `schedule`'s,
/// the portfolio the schedule's. With a schedule under a status, nodes with
/// an actual start or finish stop the count (neither counted downstream nor
/// passed through), and finished nodes are not ranked. `progress` hears of
/// the nodes done.
pub fn rank<'p>(schedule: &Schedule<'p>, progress: &dyn RankProgress) -> Ranking<'p> {
    let portfolio = schedule.portfolio();
    let entries = rank_entries(portfolio, schedule, progress);
    Ranking {
        portfolio: PortfolioRef(portfolio),
        ranked: entries.len(),
        entries,
    }
}

/// The entries of [`rank`].
fn rank_entries(
    portfolio: &Portfolio,
    schedule: &Schedule,
    progress: &dyn RankProgress,
) -> Vec<RankEntry> {
    let layout = Layout::new(portfolio, schedule);
    let order = portfolio.topological_order();
    let sources: Vec<u32> = order
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            portfolio.node(**n).kind != NodeKind::Capability && !schedule.times(**n).complete
        })
        .map(|(i, _)| i as u32)
        .collect();
    let single = single_successors(&layout);
    let mut is_source = vec![false; order.len()];
    for &position in &sources {
        is_source[position as usize] = true;
    }
    let sources_among =
        |positions: &[u32]| positions.iter().filter(|&&p| is_source[p as usize]).count();
    // Sets only for what has not one successor: sources, and capabilities
    // that sources reach through.
    let needing_sets: Vec<u32> = order
        .iter()
        .enumerate()
        .filter(|(i, n)| {
            single[*i].is_none()
                && (portfolio.node(**n).kind == NodeKind::Capability
                    || !schedule.times(**n).complete)
        })
        .map(|(i, _)| i as u32)
        .collect();
    let chunks: Vec<&[u32]> = needing_sets.chunks(CHUNK).collect();
    let tallies: Vec<Vec<Tally>> = chunks
        .par_iter()
        .with_max_len(1)
        .map_init(
            || Buffers::new(order.len()),
            |buffers, chunk| {
                let tallies = tally_chunk(&layout, chunk, buffers);
                progress.ranked(sources_among(chunk));
                tallies
            },
        )
        .collect();
    let mut totals = vec![Tally::default(); order.len()];
    for (&position, tally) in needing_sets.iter().zip(tallies.iter().flatten()) {
        totals[position as usize] = *tally;
    }
    // Backwards, so that a successor's totals are known before its predecessor's.
    for v in (0..order.len()).rev() {
        if let Some(s) = single[v] {
            let s = s as usize;
            // A successor fixed by an actual stops the count.
            if !layout.blocked[s] {
                let mut total = totals[s];
                if let Some(weight) = &layout.weight[s] {
                    total.add(weight);
                }
                totals[v] = total;
            }
        }
    }
    progress.ranked(sources.len() - sources_among(&needing_sets));
    let mut entries: Vec<RankEntry> = sources
        .iter()
        .map(|&position| {
            let tally = &totals[position as usize];
            let node = order[position as usize];
            RankEntry {
                node,
                downstream_projects: tally.projects as usize,
                downstream_capabilities: tally.capabilities as usize,
                downstream_investment: tally.investment,
                total_float: schedule.times(node).total_float,
            }
        })
        .collect();
    entries.sort_by(|a, b| {
        (b.downstream_projects, b.downstream_capabilities)
            .cmp(&(a.downstream_projects, a.downstream_capabilities))
            .then_with(|| portfolio.id_rank(a.node).cmp(&portfolio.id_rank(b.node)))
    });
    entries
}

/// Each position's one successor, where it has exactly one (links to the
/// same successor counted once).
fn single_successors(layout: &Layout) -> Vec<Option<u32>> {
    #[derive(Clone, Copy)]
    enum Successors {
        None,
        One(u32),
        Several,
    }
    let positions = layout.blocked.len();
    let mut successors = vec![Successors::None; positions];
    for v in 0..positions {
        for &p in layout.predecessors(v) {
            let p = p as usize;
            successors[p] = match successors[p] {
                Successors::None => Successors::One(v as u32),
                Successors::One(s) if s == v as u32 => Successors::One(s),
                _ => Successors::Several,
            };
        }
    }
    successors
        .into_iter()
        .map(|s| match s {
            Successors::One(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// One row of a ranking table: an entry, and the components it provides
/// whose figures equal its own, shown in its row (SPEC §4).
#[derive(Debug, Clone, PartialEq)]
pub struct RankRow<'a> {
    pub entry: &'a RankEntry,
    /// By id.
    pub provides: Vec<NodeIndex>,
}

/// The rows of a ranking table, in the entries' order: a component whose
/// figures (downstream projects, capabilities, investment and float) equal
/// those of the project providing it, both among `entries`, joins that
/// project's row instead of having its own.
fn table_rows<'a>(portfolio: &Portfolio, entries: &'a [RankEntry]) -> Vec<RankRow<'a>> {
    let mut position: Vec<Option<usize>> = vec![None; portfolio.node_count()];
    for (i, entry) in entries.iter().enumerate() {
        position[entry.node.index()] = Some(i);
    }
    let figures = |e: &RankEntry| {
        (
            e.downstream_projects,
            e.downstream_capabilities,
            e.downstream_investment,
            e.total_float,
        )
    };
    let mut provides: Vec<Vec<NodeIndex>> = vec![Vec::new(); entries.len()];
    let mut merged = vec![false; entries.len()];
    for (i, entry) in entries.iter().enumerate() {
        if portfolio.node(entry.node).kind != NodeKind::Component {
            continue;
        }
        let provider = portfolio
            .incoming(entry.node)
            .iter()
            .find(|l| l.link.relation == Relation::Provides)
            .and_then(|l| position[l.node.index()]);
        if let Some(p) = provider.filter(|p| figures(&entries[*p]) == figures(entry)) {
            provides[p].push(entry.node);
            merged[i] = true;
        }
    }
    entries
        .iter()
        .zip(provides)
        .zip(merged)
        .filter(|(_, merged)| !merged)
        .map(|((entry, mut provides), _)| {
            provides.sort_by_key(|n| portfolio.id_rank(*n));
            RankRow { entry, provides }
        })
        .collect()
}

/// The downstream totals of up to `CHUNK` sources, given as ascending
/// topological positions; bit i of a set stands for `sources[i]`.
fn tally_chunk(layout: &Layout, sources: &[u32], buffers: &mut Buffers) -> Vec<Tally> {
    let Buffers { sets, tables } = buffers;
    for table in tables.iter_mut() {
        *table = [[Tally::default(); 256]; 8];
    }
    // Positions before the first source are reached by none of the chunk's
    // sources; their sets (left over from another chunk) are never read.
    let start = sources[0] as usize;
    let mut next_source = 0;
    for v in start..sets.len() {
        let mut set: Bits = [0; WORDS];
        // A node fixed by an actual: nothing upstream moves it or what follows it.
        let upstream: &[u32] = if layout.blocked[v] {
            &[]
        } else {
            layout.predecessors(v)
        };
        for &p in upstream {
            let p = p as usize;
            if p >= start {
                let from = &sets[p];
                for (word, bits) in set.iter_mut().zip(from) {
                    *word |= bits;
                }
            }
        }
        let mut counted = set;
        if sources.get(next_source) == Some(&(v as u32)) {
            set[next_source / 64] |= 1 << (next_source % 64);
            next_source += 1;
        }
        sets[v] = set;
        // `counted` lacks the node's own bit: a node is not its own downstream.
        let Some(weight) = &layout.weight[v] else {
            continue;
        };
        for (word, table) in counted.iter_mut().zip(tables.iter_mut()) {
            let mut bits = *word;
            let mut k = 0;
            while bits != 0 {
                let byte = (bits & 0xff) as usize;
                if byte != 0 {
                    table[k][byte].add(weight);
                }
                bits >>= 8;
                k += 1;
            }
        }
    }
    (0..sources.len())
        .map(|i| {
            let (w, k, bit) = (i / 64, (i % 64) / 8, i % 8);
            let mut total = Tally::default();
            for (byte, cell) in tables[w][k].iter().enumerate() {
                if byte & (1 << bit) != 0 {
                    total.add(cell);
                }
            }
            total
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use petgraph::Direction;

    use super::*;
    use crate::analysis::schedule::ScheduleOptions;
    use crate::model::portfolio_from_str;
    use proptest::prelude::{prop_assert_eq, proptest, ProptestConfig};

    fn ranked(text: &str) -> (Portfolio, Vec<RankEntry>) {
        let checked = portfolio_from_str(text, "test.json");
        assert_eq!(checked.error_count(), 0, "{:?}", checked.problems);
        let p = checked.value.expect("valid");
        let s = Schedule::compute(&p, &ScheduleOptions::default());
        let entries = rank_entries(&p, &s, &());
        (p, entries)
    }

    /// Each entry as (id, downstream projects, capabilities, investment, float).
    fn figures<'p>(
        p: &'p Portfolio,
        entries: &[RankEntry],
    ) -> Vec<(&'p str, usize, usize, f64, i64)> {
        entries
            .iter()
            .map(|e| {
                (
                    p.id(e.node),
                    e.downstream_projects,
                    e.downstream_capabilities,
                    e.downstream_investment,
                    e.total_float,
                )
            })
            .collect()
    }

    #[test]
    fn a_node_with_one_successor_takes_its_successors_totals() {
        // P0 → CAP0 → P1 → P2 → P3 and P1 → X (P1 has two successors, so
        // it gets a set; the others take their successor's totals + its
        // own weight). Investments 1, 2, 4, 8, 16 for P0–P3, X.
        // P3: nothing. P2: P3 → 1 project, 8. X: nothing.
        // P1: P2, P3, X → 3 projects, 4 + 8 + 16 = 28.
        // P0: CAP0, P1 and what P1 reaches → 4 projects, 1 capability,
        // 2 + 28 = 30.
        let (p, entries) = ranked(
            r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
                "capabilities": [{"id": "CAP0", "name": "c"}],
                "projects": [
                  {"id": "P0", "name": "p", "duration_days": 1, "delivers": ["CAP0"],
                   "cost": {"investment": 1}},
                  {"id": "P1", "name": "p", "duration_days": 1, "depends_on": ["CAP0"],
                   "cost": {"investment": 2}},
                  {"id": "P2", "name": "p", "duration_days": 1, "depends_on": ["P1"],
                   "cost": {"investment": 4}},
                  {"id": "P3", "name": "p", "duration_days": 1, "depends_on": ["P2"],
                   "cost": {"investment": 8}},
                  {"id": "X", "name": "x", "duration_days": 1, "depends_on": ["P1"],
                   "cost": {"investment": 16}}]}"#,
        );
        // Floats (all 1 day long): P0 0–1, P1 1–2, P2 2–3, P3 3–4 = T, X 2–3;
        // X may finish on day 4: float 1, the others 0.
        assert_eq!(
            figures(&p, &entries),
            [
                ("P0", 4, 1, 30.0, 0),
                ("P1", 3, 0, 28.0, 0),
                ("P2", 1, 0, 8.0, 0),
                ("P3", 0, 0, 0.0, 0),
                ("X", 0, 0, 0.0, 1)
            ]
        );
    }

    #[test]
    fn ranks_by_downstream_projects_then_capabilities_then_id() {
        // A(10) provides comp; B(5) and C(20) use comp; B delivers CAP; D(3) alone.
        // Downstream: A → comp, B, C, CAP: 2 projects, 1 capability, 100 + 300.
        // comp → B, C, CAP: 2 projects, 1 capability. B → CAP: 0, 1. C, D: 0, 0.
        // Schedule: A 0–10, comp 10, B 10–15, C 10–30 = T; D 0–3.
        // Float: A 0, comp 0, C 0, B 30 − 15 = 15, D 27.
        let (p, entries) = ranked(
            r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
                "components": [{"id": "comp", "name": "c", "provided_by": "A"}],
                "capabilities": [{"id": "CAP", "name": "cap"}],
                "projects": [
                  {"id": "A", "name": "a", "duration_days": 10, "cost": {"investment": 50}},
                  {"id": "B", "name": "b", "duration_days": 5, "uses": ["comp"], "delivers": ["CAP"],
                   "cost": {"investment": 100}},
                  {"id": "C", "name": "c", "duration_days": 20, "uses": ["comp"],
                   "cost": {"investment": 300}},
                  {"id": "D", "name": "d", "duration_days": 3}]}"#,
        );
        assert_eq!(
            figures(&p, &entries),
            [
                ("A", 2, 1, 400.0, 0),
                ("comp", 2, 1, 400.0, 0),
                ("B", 0, 1, 0.0, 15),
                ("C", 0, 0, 0.0, 0),
                ("D", 0, 0, 0.0, 27),
            ]
        );
    }

    /// The same figures by a plain search from each source.
    fn searched(p: &Portfolio, node: NodeIndex) -> (usize, usize, f64) {
        let mut seen = vec![false; p.node_count()];
        let mut stack = vec![node];
        let (mut projects, mut capabilities, mut investment) = (0, 0, 0.0);
        while let Some(at) = stack.pop() {
            for next in p.graph().neighbors_directed(at, Direction::Outgoing) {
                if !seen[next.index()] {
                    seen[next.index()] = true;
                    stack.push(next);
                    let n = p.node(next);
                    match n.kind {
                        NodeKind::Project => {
                            projects += 1;
                            investment += n.investment.unwrap_or(0.0);
                        }
                        NodeKind::Capability => capabilities += 1,
                        NodeKind::Component => {}
                    }
                }
            }
        }
        (projects, capabilities, investment)
    }

    /// A portfolio of `n` projects, each depending on some of the earlier
    /// ones, and of components and capabilities between them.
    fn layered(n: usize, links: &[(usize, usize)], investment: &[u32]) -> String {
        let mut projects = Vec::new();
        for i in 0..n {
            let depends: Vec<String> = links
                .iter()
                .filter(|(_, to)| to % n == i)
                .map(|(from, _)| from % n)
                .filter(|from| *from < i)
                .map(|from| format!("\"P{from}\""))
                .collect();
            let uses = if i % 3 == 2 { r#", "uses": ["K"]"# } else { "" };
            let delivers = if i % 4 == 1 {
                r#", "delivers": ["CAP"]"#
            } else {
                ""
            };
            projects.push(format!(
                r#"{{"id": "P{i}", "name": "p", "duration_days": {}, "cost": {{"investment": {}}},
                    "depends_on": [{}]{uses}{delivers}}}"#,
                i % 7,
                investment[i % investment.len()],
                depends.join(", ")
            ));
        }
        format!(
            r#"{{"portfolio": {{"name": "T", "start": "2025-01-01"}},
                "components": [{{"id": "K", "name": "k", "provided_by": "P0"}}],
                "capabilities": [{{"id": "CAP", "name": "cap"}}],
                "projects": [{}]}}"#,
            projects.join(",\n")
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn bitset_counts_equal_a_search_from_each_source(
            n in 1usize..40,
            links in proptest::collection::vec((0usize..40, 0usize..40), 0..120),
            investment in proptest::collection::vec(0u32..1_000_000, 1..5),
        ) {
            let (p, entries) = ranked(&layered(n, &links, &investment));
            prop_assert_eq!(entries.len(), n + 1);
            for e in &entries {
                prop_assert_eq!(
                    (e.downstream_projects, e.downstream_capabilities, e.downstream_investment),
                    searched(&p, e.node)
                );
            }
        }
    }

    #[test]
    fn more_sources_than_one_chunk_are_counted_alike() {
        // A chain of 2 500 projects (three chunks): P_i reaches every later one.
        let n = 2_500;
        let links: Vec<(usize, usize)> = (1..n).map(|i| (i - 1, i)).collect();
        let (p, entries) = ranked(&layered(n, &links, &[1, 2, 3]));
        for e in &entries {
            assert_eq!(
                (
                    e.downstream_projects,
                    e.downstream_capabilities,
                    e.downstream_investment
                ),
                searched(&p, e.node)
            );
        }
        // P0 reaches the 2 499 others; P0 also provides K, which reaches the
        // users P2, P5, … and through them the rest of the chain.
        let first = entries.first().expect("entries");
        assert_eq!((p.id(first.node), first.downstream_projects), ("P0", 2_499));
    }
}
