//! The critical path method (SPEC §2, §3, §7): early and late dates, total and
//! free float, binding links, driving paths and the critical path.
//!
//! # Complexity
//! One forward and one backward pass in topological order: O(V + E) time,
//! O(V) memory. A driving path costs O(in-degree) per step.

use std::cmp::Reverse;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::model::{Basis, Link, LinkType, NodeKind, Portfolio, Update};

/// Options of a schedule computation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleOptions {
    /// A node with 0 < total float ≤ this many days is near-critical.
    pub near_critical_days: i64,
}

impl Default for ScheduleOptions {
    fn default() -> Self {
        ScheduleOptions {
            near_critical_days: 10,
        }
    }
}

/// The dates (as day offsets) and floats of one node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NodeTimes {
    pub es: i64,
    pub ef: i64,
    pub ls: i64,
    pub lf: i64,
    pub total_float: i64,
    pub free_float: i64,
    /// d′ = max(0, d + delay): the duration the links' bounds use.
    pub planned_duration: i64,
    /// Fixed by an `actual_start` or `actual_finish`: binds to nothing.
    pub fixed: bool,
    /// Complete: fixed by an `actual_finish` (never near-critical).
    pub complete: bool,
    pub critical: bool,
    pub near_critical: bool,
}

impl NodeTimes {
    /// EF − ES: the duration the backward pass uses.
    pub fn effective_duration(&self) -> i64 {
        self.ef - self.es
    }
}

/// A full schedule of a portfolio under one scenario.
///
/// A schedule keeps the portfolio it was computed on (`'p`), and everything
/// that needs the portfolio's names, targets or links takes it from there:
/// [`Schedule::capabilities`], [`Schedule::driving_path`] and the renderers
/// take the schedule alone, so a schedule of one portfolio cannot be read or
/// written with another portfolio's names. This does not compile:
///
/// ```compile_fail,E0061
/// use capgraph::{load_portfolio, Schedule, ScheduleOptions};
/// use std::path::Path;
///
/// let sample = Path::new("fixtures/digital-backbone.json");
/// let mine = load_portfolio(sample).value.unwrap();
/// let other = load_portfolio(sample).value.unwrap();
/// let schedule = Schedule::compute(&mine, &ScheduleOptions::default());
/// // The schedule brings `mine`; `other` has no place to go.
/// let capabilities = schedule.capabilities(&other);
/// ```
///
/// The corrected call takes the schedule alone:
///
/// ```
/// use capgraph::{load_portfolio, Schedule, ScheduleOptions};
/// use std::path::Path;
///
/// let mine = load_portfolio(Path::new("fixtures/digital-backbone.json"))
///     .value
///     .unwrap();
/// let schedule = Schedule::compute(&mine, &ScheduleOptions::default());
/// assert!(std::ptr::eq(schedule.portfolio(), &mine));
/// assert!(!schedule.capabilities().is_empty());
/// ```
#[derive(Clone)]
pub struct Schedule<'p> {
    portfolio: &'p Portfolio,
    times: Vec<NodeTimes>,
    /// T: the largest early finish (0 for an empty portfolio).
    pub finish: i64,
    /// The driving path of the node with the largest EF, first node first.
    pub critical_path: Vec<NodeIndex>,
}

/// A capability's forecast against its target. Its driving path is not
/// held here: the paths of a chain through 10 000 capabilities have 10⁸
/// steps together. [`Schedule::capability_steps`] gives every capability's
/// path, one step per node, to follow when a path is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapabilityDate {
    pub node: NodeIndex,
    pub finish: i64,
    pub target: Option<i64>,
    /// target − finish: negative means late.
    pub margin: Option<i64>,
}

/// The lower bound a link P → S puts on ES(S) (SPEC §3 and §7: FF and SF
/// links bound ES with the successor's d′).
pub fn link_bound(link: &Link, predecessor: &NodeTimes, successor_planned: i64) -> i64 {
    let from = if link.link_type.from_start() {
        predecessor.es
    } else {
        predecessor.ef
    };
    let to_finish = if link.link_type.to_finish() {
        successor_planned
    } else {
        0
    };
    from + i64::from(link.lag) - to_finish
}

/// The latest finish a link P → S allows P, given S's late start and late
/// finish and P's effective duration (SPEC §3 backward pass).
pub fn link_latest_finish(
    link: &Link,
    successor_ls: i64,
    successor_lf: i64,
    predecessor_duration: i64,
) -> i64 {
    let lag = i64::from(link.lag);
    match link.link_type {
        LinkType::FS => successor_ls - lag,
        LinkType::SS => successor_ls - lag + predecessor_duration,
        LinkType::FF => successor_lf - lag,
        LinkType::SF => successor_lf - lag + predecessor_duration,
    }
}

/// How much of the backward pass to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackwardPass {
    /// Late dates, total and free float, critical and near-critical.
    Full { near_critical_days: i64 },
    /// Late dates, total float and critical only: what a criticality index
    /// needs (free float and near-critical are left at their defaults).
    TotalFloat,
}

/// The forward pass with status updates (SPEC §2, §3, §7) into `times`
/// (indexed by node; every entry is overwritten, so a buffer can be reused
/// from one schedule to the next). `duration` gives each node's planned
/// duration d before its update; `updates` is [`Basis::updates_by_node`]'s table.
/// Returns the portfolio finish T (0 for an empty portfolio).
///
/// # Complexity
/// O(V + E), no allocation.
pub fn forward_pass(
    portfolio: &Portfolio,
    updates: &[Option<&Update>],
    as_of: i64,
    duration: impl Fn(NodeIndex) -> i64,
    times: &mut [NodeTimes],
) -> i64 {
    let mut finish = 0;
    for &node in portfolio.topological_order() {
        let n = portfolio.node(node);
        let update = updates[node.index()];
        let delay = update.and_then(|u| u.delay_days).unwrap_or(0);
        let planned = (duration(node) + delay).max(0);
        let actual_start = update.and_then(|u| u.actual_start);
        let actual_finish = update.and_then(|u| u.actual_finish);
        let es = match (actual_start, actual_finish) {
            (Some(start), _) => start,
            (None, Some(finish)) => (finish - planned).max(0),
            (None, None) => {
                let mut es = n.start.unwrap_or(0).max(0);
                for l in portfolio.incoming(node) {
                    es = es.max(link_bound(&l.link, &times[l.node.index()], planned));
                }
                es
            }
        };
        let ef = match actual_finish {
            Some(finish) => finish,
            None => {
                let forecast = update.and_then(|u| u.forecast_finish).unwrap_or(i64::MIN);
                let remaining = update
                    .and_then(|u| u.remaining_days)
                    .map_or(i64::MIN, |r| as_of + r);
                (es + planned).max(forecast).max(remaining)
            }
        };
        finish = finish.max(ef);
        times[node.index()] = NodeTimes {
            es,
            ef,
            planned_duration: planned,
            fixed: actual_start.is_some() || actual_finish.is_some(),
            complete: actual_finish.is_some(),
            ..NodeTimes::default()
        };
    }
    finish
}

/// The backward pass (SPEC §3, §7) over `times` filled by [`forward_pass`],
/// with portfolio finish `finish`.
///
/// # Complexity
/// O(V + E), no allocation.
pub fn backward_pass(
    portfolio: &Portfolio,
    finish: i64,
    pass: BackwardPass,
    times: &mut [NodeTimes],
) {
    for &node in portfolio.topological_order().iter().rev() {
        let own = times[node.index()];
        let duration = own.effective_duration();
        let mut lf = finish;
        let mut free = finish - own.ef;
        for l in portfolio.outgoing(node) {
            let successor = &times[l.node.index()];
            lf = lf.min(link_latest_finish(
                &l.link,
                successor.ls,
                successor.lf,
                duration,
            ));
            if let BackwardPass::Full { .. } = pass {
                free =
                    free.min(successor.es - link_bound(&l.link, &own, successor.planned_duration));
            }
        }
        let ls = lf - duration;
        let total_float = ls - own.es;
        let t = &mut times[node.index()];
        t.lf = lf;
        t.ls = ls;
        t.total_float = total_float;
        t.critical = total_float <= 0;
        if let BackwardPass::Full { near_critical_days } = pass {
            t.free_float = free.min(total_float);
            // Finished work has no float left to lose (SPEC §7).
            t.near_critical = !t.complete && total_float > 0 && total_float <= near_critical_days;
        }
    }
}

/// The incoming links of `node` that bind in `times`: whose bound equals its
/// ES exactly (none for a node fixed by an actual).
pub fn binding_links<'a>(
    portfolio: &'a Portfolio,
    times: &'a [NodeTimes],
    node: NodeIndex,
) -> impl Iterator<Item = (NodeIndex, EdgeIndex)> + 'a {
    let own = times[node.index()];
    portfolio
        .incoming(node)
        .iter()
        .filter(move |l| {
            !own.fixed
                && link_bound(&l.link, &times[l.node.index()], own.planned_duration) == own.es
        })
        .map(|l| (l.node, l.edge))
}

/// `node`'s step on its driving path in `times`: its binding predecessor
/// with the smallest id (`None` where the path starts).
pub fn driving_step(
    portfolio: &Portfolio,
    times: &[NodeTimes],
    node: NodeIndex,
) -> Option<NodeIndex> {
    binding_links(portfolio, times, node)
        .map(|(p, _)| p)
        .min_by_key(|p| portfolio.id_rank(*p))
}

impl<'p> Schedule<'p> {
    /// Computes the schedule of a portfolio as planned (`&Portfolio`) or
    /// with a status's updates (`&Status`, which brings its portfolio).
    pub fn compute<'s>(basis: impl Into<Basis<'s, 'p>>, options: &ScheduleOptions) -> Schedule<'p>
    where
        'p: 's,
    {
        let basis = basis.into();
        let portfolio = basis.portfolio();
        let count = portfolio.node_count();
        let updates: Vec<Option<&Update>> = basis.updates_by_node();
        let as_of = basis.as_of();
        let mut times = vec![NodeTimes::default(); count];
        let finish = forward_pass(
            portfolio,
            &updates,
            as_of,
            |node| portfolio.node(node).duration,
            &mut times,
        );
        backward_pass(
            portfolio,
            finish,
            BackwardPass::Full {
                near_critical_days: options.near_critical_days,
            },
            &mut times,
        );

        let mut schedule = Schedule {
            portfolio,
            times,
            finish,
            critical_path: Vec::new(),
        };
        // The node with the largest EF, ties to the smallest id: read in
        // node order (the times one after the other), not in id order.
        let last = (0..count)
            .map(NodeIndex::new)
            .max_by_key(|&n| (schedule.times[n.index()].ef, Reverse(portfolio.id_rank(n))));
        if let Some(last) = last {
            schedule.critical_path = schedule.driving_path(last);
        }
        schedule
    }

    /// The portfolio this schedule was computed on.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.portfolio
    }

    /// The times of one node.
    pub fn times(&self, node: NodeIndex) -> &NodeTimes {
        &self.times[node.index()]
    }

    /// All nodes' times, indexed by node index.
    pub fn all_times(&self) -> &[NodeTimes] {
        &self.times
    }

    /// The incoming links of `node` that bind: whose bound equals its ES
    /// exactly (none for a node fixed by an actual).
    pub fn binding_links(
        &self,
        node: NodeIndex,
    ) -> impl Iterator<Item = (NodeIndex, EdgeIndex)> + '_ {
        binding_links(self.portfolio, &self.times, node)
    }

    /// Walks back from `node` through binding links, choosing at each step the
    /// binding predecessor that `prefer` ranks first (then the smallest id),
    /// until a node binds to nothing or `stop` says so. First node first.
    pub fn walk_back(
        &self,
        node: NodeIndex,
        prefer: impl Fn(NodeIndex) -> bool,
        stop: impl Fn(NodeIndex) -> bool,
    ) -> Vec<NodeIndex> {
        let mut path = vec![node];
        let mut at = node;
        while !stop(at) {
            let next = self
                .binding_links(at)
                .map(|(p, _)| p)
                .min_by_key(|p| (!prefer(*p), self.portfolio.id_rank(*p)));
            match next {
                Some(p) => {
                    path.push(p);
                    at = p;
                }
                None => break,
            }
        }
        path.reverse();
        path
    }

    /// The driving path of `node` (SPEC §3): binding predecessors, smallest id first.
    pub fn driving_path(&self, node: NodeIndex) -> Vec<NodeIndex> {
        self.walk_back(node, |_| false, |_| false)
    }

    /// Every capability's finish, target and margin, by id (their driving
    /// paths: [`Schedule::capability_steps`]).
    pub fn capabilities(&self) -> Vec<CapabilityDate> {
        self.portfolio
            .nodes_of_kind(NodeKind::Capability)
            .map(|node| self.capability(node))
            .collect()
    }

    /// One capability's finish, target and margin.
    pub fn capability(&self, node: NodeIndex) -> CapabilityDate {
        let finish = self.times[node.index()].ef;
        let target = self.portfolio.node(node).target;
        CapabilityDate {
            node,
            finish,
            target,
            margin: target.map(|t| t - finish),
        }
    }

    /// The steps of every capability's driving path
    /// ([`Schedule::driving_steps_to`] the capabilities): a path is followed
    /// only when it is written ([`DrivingSteps::path`],
    /// [`DrivingSteps::back_from`]), so that the paths of a chain through
    /// 10 000 capabilities (10⁸ steps) are never held together.
    pub fn capability_steps(&self) -> DrivingSteps {
        self.driving_steps_to(self.portfolio.nodes_of_kind(NodeKind::Capability))
    }

    /// The steps of the driving paths that end at `ends`: for each node on
    /// one of them, its binding predecessor with the smallest id, as
    /// [`Schedule::driving_path`] takes it (`None` where the path starts).
    /// Only the nodes on these paths are looked at (a schedule's
    /// capabilities reach about a quarter of a generated portfolio).
    ///
    /// # Complexity
    /// O(in-degree) per node on the paths, each node once however many
    /// paths share it; O(V) memory.
    pub fn driving_steps_to(&self, ends: impl IntoIterator<Item = NodeIndex>) -> DrivingSteps {
        let count = self.times.len();
        let mut steps = DrivingSteps {
            steps: vec![None; count],
            on_path: vec![false; count],
        };
        for end in ends {
            // A node already on a path has its whole path worked out.
            let mut at = end;
            while !std::mem::replace(&mut steps.on_path[at.index()], true) {
                let step = driving_step(self.portfolio, &self.times, at);
                steps.steps[at.index()] = step;
                match step {
                    Some(previous) => at = previous,
                    None => break,
                }
            }
        }
        steps
    }
}

/// Two schedules are equal when they are of the very same portfolio (not an
/// equal copy) and every figure is equal.
impl PartialEq for Schedule<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.portfolio, other.portfolio)
            && self.times == other.times
            && self.finish == other.finish
            && self.critical_path == other.critical_path
    }
}

impl Eq for Schedule<'_> {}

/// The figures, not the whole portfolio: its name stands for it.
impl std::fmt::Debug for Schedule<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Schedule")
            .field("portfolio", &self.portfolio.name())
            .field("times", &self.times)
            .field("finish", &self.finish)
            .field("critical_path", &self.critical_path)
            .finish()
    }
}

/// The steps of some driving paths ([`Schedule::driving_steps_to`]), by node index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrivingSteps {
    /// A node's binding predecessor on its driving path; `None` where the
    /// path starts and for a node on none of the paths.
    pub steps: Vec<Option<NodeIndex>>,
    /// Whether the node is on one of the paths.
    pub on_path: Vec<bool>,
}

impl DrivingSteps {
    /// The step before `node` on its driving path (`None` where the path
    /// starts, and for a node on none of the paths).
    pub fn previous(&self, node: NodeIndex) -> Option<NodeIndex> {
        self.steps[node.index()]
    }

    /// The whole driving path that ends at `node`, first node first.
    ///
    /// # Complexity
    /// O(length of the path).
    pub fn path(&self, node: NodeIndex) -> Vec<NodeIndex> {
        follow(&self.steps, node)
    }

    /// The driving path that ends at `node` walked back: `node` first, the
    /// path's first node last. Lazy, for readers that stop early.
    pub fn back_from(&self, node: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        std::iter::successors(Some(node), |n| self.previous(*n))
    }
}

/// The path that ends at `node`, following `steps` (one predecessor per
/// node, by node index) back to a node without one; first node first.
pub fn follow(steps: &[Option<NodeIndex>], node: NodeIndex) -> Vec<NodeIndex> {
    let mut path = vec![node];
    let mut at = node;
    while let Some(previous) = steps[at.index()] {
        path.push(previous);
        at = previous;
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{portfolio_from_str, status_from_str};

    /// A portfolio starting 2025-01-01 with these projects (JSON array text)
    /// and these capabilities.
    fn portfolio(projects: &str, capabilities: &str) -> Portfolio {
        let text = format!(
            r#"{{"portfolio": {{"name": "T", "start": "2025-01-01"}},
                "capabilities": {capabilities}, "projects": {projects}}}"#
        );
        let checked = portfolio_from_str(&text, "test.json");
        assert_eq!(checked.error_count(), 0, "{:?}", checked.problems);
        checked.value.expect("valid")
    }

    fn compute<'p>(p: &'p Portfolio, status: Option<&str>) -> Schedule<'p> {
        let status = status.map(|s| {
            let checked = status_from_str(s, p, "status.json");
            assert!(checked.problems.is_empty(), "{:?}", checked.problems);
            checked.value.expect("valid status")
        });
        let basis = status.as_ref().map_or(Basis::from(p), Basis::from);
        Schedule::compute(basis, &ScheduleOptions::default())
    }

    /// (ES, EF, LS, LF, TF, FF) of one node.
    fn figures(p: &Portfolio, s: &Schedule, id: &str) -> (i64, i64, i64, i64, i64, i64) {
        let t = s.times(p.lookup(id).expect("known id"));
        (t.es, t.ef, t.ls, t.lf, t.total_float, t.free_float)
    }

    fn ids(p: &Portfolio, path: &[NodeIndex]) -> Vec<String> {
        path.iter().map(|n| p.id(*n).to_string()).collect()
    }

    #[test]
    fn finish_to_start_with_lag() {
        // A(10) -FS+2-> B(5); C(3) alone.
        // A: ES 0 EF 10; B: ES 10+2 = 12, EF 17; C: ES 0, EF 3. T = 17.
        // Backward: B LF 17 LS 12 TF 0; A LF = LS(B) − 2 = 10, LS 0, TF 0,
        // FF = ES(B) − EF(A) − 2 = 0; C LF 17 LS 14 TF 14, FF = T − EF = 14.
        let p = portfolio(
            r#"[{"id": "A", "name": "a", "duration_days": 10},
                {"id": "B", "name": "b", "duration_days": 5, "depends_on": [{"id": "A", "lag_days": 2}]},
                {"id": "C", "name": "c", "duration_days": 3}]"#,
            "[]",
        );
        let s = compute(&p, None);
        assert_eq!(s.finish, 17);
        assert_eq!(figures(&p, &s, "A"), (0, 10, 0, 10, 0, 0));
        assert_eq!(figures(&p, &s, "B"), (12, 17, 12, 17, 0, 0));
        assert_eq!(figures(&p, &s, "C"), (0, 3, 14, 17, 14, 14));
        assert_eq!(ids(&p, &s.critical_path), ["A", "B"]);
        assert!(s.times(p.lookup("A").unwrap()).critical);
        assert!(!s.times(p.lookup("C").unwrap()).near_critical); // 14 > 10
    }

    #[test]
    fn start_to_start() {
        // A(10) -SS+3-> B(4): ES(B) = ES(A) + 3 = 3, EF 7. T = 10 (A).
        // B: LF 10 LS 6 TF 3, FF = T − EF = 3.
        // A: LF = min(T 10, LS(B) − 3 + D(A) = 6 − 3 + 10 = 13) = 10, TF 0;
        //    FF = ES(B) − ES(A) − 3 = 0.
        let p = portfolio(
            r#"[{"id": "A", "name": "a", "duration_days": 10},
                {"id": "B", "name": "b", "duration_days": 4, "depends_on": [{"id": "A", "type": "SS", "lag_days": 3}]}]"#,
            "[]",
        );
        let s = compute(&p, None);
        assert_eq!(figures(&p, &s, "A"), (0, 10, 0, 10, 0, 0));
        assert_eq!(figures(&p, &s, "B"), (3, 7, 6, 10, 3, 3));
        assert!(s.times(p.lookup("B").unwrap()).near_critical);
        assert_eq!(ids(&p, &s.critical_path), ["A"]);
    }

    #[test]
    fn finish_to_finish() {
        // A(10) -FF+2-> B(4): ES(B) ≥ EF(A) + 2 − d′(B) = 10 + 2 − 4 = 8, EF 12. T = 12.
        // B: LF 12 LS 8 TF 0. A: LF = LF(B) − 2 = 10, LS 0, TF 0.
        // FF(A) = ES(B) − bound 8 = 0.
        let p = portfolio(
            r#"[{"id": "A", "name": "a", "duration_days": 10},
                {"id": "B", "name": "b", "duration_days": 4, "depends_on": [{"id": "A", "type": "FF", "lag_days": 2}]}]"#,
            "[]",
        );
        let s = compute(&p, None);
        assert_eq!(figures(&p, &s, "B"), (8, 12, 8, 12, 0, 0));
        assert_eq!(figures(&p, &s, "A"), (0, 10, 0, 10, 0, 0));
        assert_eq!(ids(&p, &s.critical_path), ["A", "B"]);
    }

    #[test]
    fn start_to_finish() {
        // A(10) -SF+5-> B(3): ES(B) ≥ ES(A) + 5 − 3 = 2, EF 5. T = 10.
        // B: LF 10 LS 7 TF 5 FF 5. A: LF = min(10, LF(B) − 5 + 10 = 15) = 10, TF 0;
        // FF(A) = min(ES(B) − bound = 0, T − … n/a) = 0.
        let p = portfolio(
            r#"[{"id": "A", "name": "a", "duration_days": 10},
                {"id": "B", "name": "b", "duration_days": 3, "depends_on": [{"id": "A", "type": "SF", "lag_days": 5}]}]"#,
            "[]",
        );
        let s = compute(&p, None);
        assert_eq!(figures(&p, &s, "B"), (2, 5, 7, 10, 5, 5));
        assert_eq!(figures(&p, &s, "A"), (0, 10, 0, 10, 0, 0));
    }

    #[test]
    fn negative_lag_overlaps_and_never_starts_before_day_zero() {
        // A(10) -FS−4-> B(6): ES(B) = 6, EF 12 = T. A: LF = LS(B) + 4 = 10, TF 0.
        // C(2) -FS−5-> D(1): bound −3, so ES(D) = 0, which the link does not
        // equal: D is driven by nothing (its path is [D]).
        let p = portfolio(
            r#"[{"id": "A", "name": "a", "duration_days": 10},
                {"id": "B", "name": "b", "duration_days": 6, "depends_on": [{"id": "A", "lag_days": -4}]},
                {"id": "C", "name": "c", "duration_days": 2},
                {"id": "D", "name": "d", "duration_days": 1, "depends_on": [{"id": "C", "lag_days": -5}]}]"#,
            "[]",
        );
        let s = compute(&p, None);
        assert_eq!(figures(&p, &s, "B"), (6, 12, 6, 12, 0, 0));
        assert_eq!(figures(&p, &s, "A"), (0, 10, 0, 10, 0, 0));
        assert_eq!(s.times(p.lookup("D").unwrap()).es, 0);
        let d = p.lookup("D").unwrap();
        assert_eq!(ids(&p, &s.driving_path(d)), ["D"]);
    }

    #[test]
    fn start_constraint_wins_over_links() {
        // A(10) → B(5) with start 2025-01-21 = day 20: ES(B) = max(20, 10) = 20, EF 25.
        // A: LF = LS(B) = 20, LS 10, TF 10 (near-critical), FF = 20 − 10 = 10.
        // B is bound by its own start, so the critical path is [B].
        let p = portfolio(
            r#"[{"id": "A", "name": "a", "duration_days": 10},
                {"id": "B", "name": "b", "duration_days": 5, "start": "2025-01-21", "depends_on": ["A"]}]"#,
            "[]",
        );
        let s = compute(&p, None);
        assert_eq!(figures(&p, &s, "B"), (20, 25, 20, 25, 0, 0));
        assert_eq!(figures(&p, &s, "A"), (0, 10, 10, 20, 10, 10));
        assert!(s.times(p.lookup("A").unwrap()).near_critical);
        assert_eq!(ids(&p, &s.critical_path), ["B"]);
    }

    #[test]
    fn a_tie_between_binding_links_goes_to_the_smallest_id_in_byte_order() {
        // "Zeta"(10) and "alpha"(10) both → C(1): both bind at ES(C) = 10.
        // Byte order puts "Zeta" (Z = 0x5A) before "alpha" (a = 0x61).
        let p = portfolio(
            r#"[{"id": "alpha", "name": "a", "duration_days": 10},
                {"id": "Zeta", "name": "z", "duration_days": 10},
                {"id": "C", "name": "c", "duration_days": 1, "depends_on": ["alpha", "Zeta"]}]"#,
            "[]",
        );
        let s = compute(&p, None);
        assert_eq!(ids(&p, &s.critical_path), ["Zeta", "C"]);
        // Both are critical all the same.
        assert!(s.times(p.lookup("alpha").unwrap()).critical);
    }

    #[test]
    fn a_tie_for_the_last_finish_goes_to_the_smallest_id() {
        // X(7) and B(7) both finish on day 7: the critical path ends at "B".
        let p = portfolio(
            r#"[{"id": "X", "name": "x", "duration_days": 7},
                {"id": "B", "name": "b", "duration_days": 7}]"#,
            "[]",
        );
        let s = compute(&p, None);
        assert_eq!(ids(&p, &s.critical_path), ["B"]);
    }

    const SINGLE: &str = r#"[{"id": "A", "name": "a", "duration_days": 10}]"#;

    fn single_with(update: &str) -> (i64, i64) {
        let p = portfolio(SINGLE, "[]");
        let status = format!(r#"{{"as_of": "2025-01-31", "updates": [{{"id": "A", {update}}}]}}"#);
        let s = compute(&p, Some(&status));
        let t = s.times(p.lookup("A").unwrap());
        (t.es, t.ef)
    }

    #[test]
    fn each_kind_of_status_update() {
        // A(10) alone; as_of 2025-01-31 = day 30.
        assert_eq!(single_with(r#""delay_days": 5"#), (0, 15)); // d′ = 15
        assert_eq!(single_with(r#""delay_days": -15"#), (0, 0)); // d′ = max(0, −5) = 0
        assert_eq!(single_with(r#""actual_start": "2025-01-04""#), (3, 13)); // day 3 + 10
                                                                             // actual_finish day 8 without actual_start: ES = max(0, 8 − 10) = 0.
        assert_eq!(single_with(r#""actual_finish": "2025-01-09""#), (0, 8));
        // actual_finish day 20: ES = 20 − 10 = 10.
        assert_eq!(single_with(r#""actual_finish": "2025-01-21""#), (10, 20));
        assert_eq!(
            single_with(r#""actual_start": "2025-01-02", "actual_finish": "2025-01-21""#),
            (1, 20)
        );
        // forecast day 25 stretches EF; the start stays.
        assert_eq!(single_with(r#""forecast_finish": "2025-01-26""#), (0, 25));
        // a forecast earlier than ES + d′ changes nothing.
        assert_eq!(single_with(r#""forecast_finish": "2025-01-05""#), (0, 10));
        // remaining 7 from as_of day 30: EF = max(10, 37) = 37.
        assert_eq!(single_with(r#""remaining_days": 7"#), (0, 37));
        // actual_finish wins over forecast and remaining (SPEC §7).
        assert_eq!(
            single_with(
                r#""actual_finish": "2025-01-09", "forecast_finish": "2025-03-01", "remaining_days": 50"#
            ),
            (0, 8)
        );
        // delay and forecast together: EF = max(0 + 15, 25) = 25.
        assert_eq!(
            single_with(r#""delay_days": 5, "forecast_finish": "2025-01-26""#),
            (0, 25)
        );
    }

    #[test]
    fn stretched_duration_feeds_the_backward_pass() {
        // A(10) → B(5); A forecast to finish day 25, so A: ES 0, EF 25, D = 25.
        // B: ES 25 EF 30 = T. A: LF = LS(B) = 25, LS = 25 − 25 = 0, TF 0.
        let p = portfolio(
            r#"[{"id": "A", "name": "a", "duration_days": 10},
                {"id": "B", "name": "b", "duration_days": 5, "depends_on": ["A"]}]"#,
            "[]",
        );
        let s = compute(
            &p,
            Some(
                r#"{"as_of": "2025-01-31", "updates": [{"id": "A", "forecast_finish": "2025-01-26"}]}"#,
            ),
        );
        assert_eq!(figures(&p, &s, "A"), (0, 25, 0, 25, 0, 0));
        assert_eq!(figures(&p, &s, "B"), (25, 30, 25, 30, 0, 0));
    }

    #[test]
    fn a_node_fixed_by_an_actual_binds_to_nothing_and_floats_can_go_negative() {
        // A(10) → B(5); B actually started on day 5 (before A's finish).
        // B: ES 5, EF 10; A: ES 0, EF 10. T = 10.
        // B: LF 10, LS 5, TF 0. A: LF = LS(B) = 5, LS = −5, TF = −5 (critical);
        // FF(A) = ES(B) − EF(A) = −5, not clamped.
        let p = portfolio(
            r#"[{"id": "A", "name": "a", "duration_days": 10},
                {"id": "B", "name": "b", "duration_days": 5, "depends_on": ["A"]}]"#,
            "[]",
        );
        let s = compute(
            &p,
            Some(
                r#"{"as_of": "2025-01-31", "updates": [{"id": "B", "actual_start": "2025-01-06"}]}"#,
            ),
        );
        assert_eq!(figures(&p, &s, "A"), (0, 10, -5, 5, -5, -5));
        assert!(s.times(p.lookup("A").unwrap()).critical);
        let b = p.lookup("B").unwrap();
        assert_eq!(ids(&p, &s.driving_path(b)), ["B"]);
        // Even when the actual start equals the link's bound, B binds to nothing.
        let s = compute(
            &p,
            Some(
                r#"{"as_of": "2025-01-31", "updates": [{"id": "B", "actual_start": "2025-01-11"}]}"#,
            ),
        );
        assert_eq!(s.times(b).es, 10);
        assert_eq!(ids(&p, &s.driving_path(b)), ["B"]);
    }

    #[test]
    fn a_capability_that_misses_its_target() {
        // A(100) delivers CAP (target 2025-03-01 = day 59); B(30) delivers CAP too.
        // CAP: ES = EF = 100; margin = 59 − 100 = −41; driving path A → CAP.
        let p = portfolio(
            r#"[{"id": "A", "name": "a", "duration_days": 100, "delivers": ["CAP"]},
                {"id": "B", "name": "b", "duration_days": 30, "delivers": ["CAP"]}]"#,
            r#"[{"id": "CAP", "name": "cap", "target": "2025-03-01"},
                {"id": "CAP-2", "name": "none"}]"#,
        );
        let s = compute(&p, None);
        let caps = s.capabilities();
        assert_eq!(caps.len(), 2);
        assert_eq!(
            (caps[0].finish, caps[0].target, caps[0].margin),
            (100, Some(59), Some(-41))
        );
        let steps = s.capability_steps();
        assert_eq!(ids(&p, &steps.path(caps[0].node)), ["A", "CAP"]);
        // The shared steps give the paths driving_path walks, walked back
        // the same.
        for cap in &caps {
            let path = s.driving_path(cap.node);
            assert_eq!(steps.path(cap.node), path);
            let back: Vec<NodeIndex> = steps.back_from(cap.node).collect();
            assert!(back.iter().eq(path.iter().rev()));
        }
        // Only the nodes on those paths are worked out: A and CAP, and
        // CAP-2 (its own path); B (ends day 30, binds nowhere) is on none.
        let on: Vec<&str> = p
            .nodes_by_id()
            .iter()
            .filter(|n| steps.on_path[n.index()])
            .map(|n| p.id(*n))
            .collect();
        assert_eq!(on, ["A", "CAP", "CAP-2"]);
        assert_eq!(steps.steps[p.lookup("CAP").unwrap().index()], p.lookup("A"));
        // An undelivered capability without target: finish 0, no margin.
        assert_eq!((caps[1].finish, caps[1].margin), (0, None));
    }

    #[test]
    fn components_start_at_the_later_of_provider_and_availability() {
        // P(20) provides comp, available 2025-02-01 = day 31 → ES(comp) = 31.
        // U(5) uses comp → ES 31.
        let text = r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
            "components": [{"id": "comp", "name": "c", "provided_by": "P", "available": "2025-02-01"},
                           {"id": "old", "name": "o", "available": "2024-06-01"}],
            "projects": [{"id": "P", "name": "p", "duration_days": 20},
                         {"id": "U", "name": "u", "duration_days": 5, "uses": ["comp", "old"]}]}"#;
        let p = portfolio_from_str(text, "t.json").value.expect("valid");
        let s = compute(&p, None);
        assert_eq!(s.times(p.lookup("comp").unwrap()).es, 31);
        assert_eq!(s.times(p.lookup("U").unwrap()).es, 31);
        // An availability before day 0 starts at day 0.
        assert_eq!(s.times(p.lookup("old").unwrap()).es, 0);
        assert_eq!(ids(&p, &s.critical_path), ["comp", "U"]);
    }

    #[test]
    fn empty_portfolio_finishes_at_day_zero() {
        let p = portfolio("[]", "[]");
        let s = compute(&p, None);
        assert_eq!(s.finish, 0);
        assert!(s.critical_path.is_empty());
    }
}
