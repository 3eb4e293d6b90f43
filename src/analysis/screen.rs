//! Screening an implementation plan (SPEC §12): the DCMA 14-point schedule
//! assessment adapted to the portfolio, in calendar days.
//!
//! Every figure comes from [`Schedule::compute`]: the schedule under the
//! status (floats, critical path, capability finishes), the baseline without
//! it (checks 11 and 14), and the schedule with the tested project delayed by
//! 600 days (check 12). No forward pass is written here.
//!
//! # Readings the SPEC leaves open
//!
//! - **Links** are every link into a project (`depends_on` and `uses`),
//!   into complete projects too: the SPEC restricts the *population* to
//!   projects that are not complete, not the links.
//! - **Duration** (checks 8 and 10) is the planned `duration_days` of the
//!   plan (or finish − start), not stretched by a status update: the checks
//!   screen the plan as submitted.
//! - **No `cost.investment`** (check 10) means the field is absent; an
//!   explicit 0 is a stated cost.
//! - **Check 5** takes the SPEC's test literally: the project has a `start`,
//!   its ES equals that day, and every incoming link's bound is strictly lower
//!   (a project without links qualifies).
//! - **Check 9**: actual dates after `as_of` are looked for on every project
//!   (complete ones too: an actual finish in the future is the typical
//!   error); start and finish before `as_of` without the actual date are
//!   looked for on the population only (a complete project without an
//!   `actual_start` is not invalid), as DCMA splits "invalid actual" and
//!   "invalid forecast" dates. Its population is every project.
//! - **Check 11** and **check 14** look at every project whose baseline EF
//!   ≤ `as_of`, complete or not. "Complete by `as_of`" (check 14's
//!   numerator, over every project) means an `actual_finish` ≤ `as_of`.
//! - **Check 12** delays the first *project* (components and capabilities
//!   are skipped) on the critical path of the schedule under the status that
//!   has neither `actual_start` nor `actual_finish`, so that its duration d′
//!   grows by exactly 600 days (any `delay_days` it already has stays); the
//!   check passes when the portfolio finish then moves by exactly 600 days.
//!   Not applicable when the critical path has no such project.
//! - **Check 13** is worked out per capability with a target and L > 0; its
//!   value is the lowest CPLI, its offenders the capabilities below 0.95.
//! - **Value and threshold**: shares (checks 1, 3, 4, 5, 6, 8, 10, 11) are
//!   fractions (0.05 for 5 %), indices (13, 14) are plain ratios, counts
//!   (2, 7, 9) are whole numbers with threshold 0, and check 12's value is the
//!   finish's slip in days, threshold 600. Pass or fail is decided in whole
//!   numbers (count × 100 ≤ 5 × population), so exactly 5 % passes.
//! - **count** is the number of offending items (projects, links or
//!   capabilities); **ids** are the projects (capabilities for check 13) to
//!   fix, each once, in byte order: for a link check the project the link
//!   leads into, where the link is written in the file.
//! - **Not applicable** (no `--status` for 9, 11, 13, 14; or an empty
//!   population — no incomplete projects, no links, no baseline-due
//!   projects, no capability to test): count 0, population 0, value none,
//!   no ids.
//!
//! # Complexity
//! Three schedules (O(V + E) each; two of them run side by side) and one
//! pass over every project and its links: O(V + E).

use petgraph::graph::NodeIndex;

use crate::model::{Basis, LinkType, NodeKind, Portfolio, Status, Update};

use super::portfolio_ref::PortfolioRef;
use super::schedule::{link_bound, NodeTimes, Schedule, ScheduleOptions};

/// Options of a screening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenOptions {
    /// Check 6: total float above this many days is high.
    pub high_float_days: i64,
    /// Check 8: a duration above this many days is high.
    pub high_duration_days: i64,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions {
            high_float_days: 44,
            high_duration_days: 44,
        }
    }
}

/// The delay check 12 puts on the tested project, in days.
pub const CRITICAL_PATH_TEST_DAYS: i64 = 600;

/// A figure of a check, in the unit its threshold uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// A number of items.
    Count(usize),
    /// A number of days.
    Days(i64),
    /// A share of a population, as a fraction (0.05 is 5 %).
    Share(f64),
    /// An index such as CPLI or BEI (1.0 is on plan).
    Index(f64),
}

/// How a check's value must compare with its threshold to pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passes {
    AtMost,
    AtLeast,
    Exactly,
}

/// One of the 14 checks, worked out.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// 1 to 14, as numbered in SPEC §12.
    pub number: u8,
    /// The SPEC's name of the check ("logic", "leads", …).
    pub name: &'static str,
    /// Offending items (projects, links or capabilities).
    pub count: usize,
    /// What the check looked at (0 when not applicable).
    pub population: usize,
    /// `None` when the check does not apply.
    pub value: Option<Figure>,
    pub threshold: Figure,
    pub passes: Passes,
    /// `None` when the check does not apply.
    pub pass: Option<bool>,
    /// The projects (capabilities for check 13) to fix, in id order.
    pub ids: Vec<NodeIndex>,
    /// Check 12: the project that was delayed.
    pub tested: Option<NodeIndex>,
}

impl Check {
    fn new(number: u8, threshold: Figure, passes: Passes) -> Check {
        Check {
            number,
            name: CHECK_NAMES[usize::from(number) - 1],
            count: 0,
            population: 0,
            value: None,
            threshold,
            passes,
            pass: None,
            ids: Vec::new(),
            tested: None,
        }
    }

    pub fn applies(&self) -> bool {
        self.pass.is_some()
    }

    /// A share check (≤ `percent` %, or ≥ with `Passes::AtLeast`) over
    /// `population` items, `count` of which offend; `share` is the numerator
    /// the threshold compares (the offenders, or for check 4 the FS links).
    fn share(mut self, share: usize, count: usize, population: usize, percent: usize) -> Check {
        if population == 0 {
            return self;
        }
        self.count = count;
        self.population = population;
        self.value = Some(Figure::Share(share as f64 / population as f64));
        self.pass = Some(match self.passes {
            Passes::AtLeast => share * 100 >= percent * population,
            _ => share * 100 <= percent * population,
        });
        self
    }

    /// A count check: passes with no offender.
    fn zero(mut self, count: usize, population: usize) -> Check {
        if population == 0 {
            return self;
        }
        self.count = count;
        self.population = population;
        self.value = Some(Figure::Count(count));
        self.pass = Some(count == 0);
        self
    }

    fn with_ids(mut self, ids: Vec<NodeIndex>) -> Check {
        if self.applies() {
            self.ids = ids;
        }
        self
    }
}

/// The SPEC's name of each check, by number − 1.
pub const CHECK_NAMES: [&str; 14] = [
    "logic",
    "leads",
    "lags",
    "relationship types",
    "constraints",
    "high float",
    "negative float",
    "high duration",
    "invalid dates",
    "cost loading",
    "missed",
    "critical path test",
    "CPLI",
    "BEI",
];

/// The 14 checks of one plan, with the portfolio screened: read and
/// rendered alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Screening<'p> {
    portfolio: PortfolioRef<'p>,
    pub checks: Vec<Check>,
    /// `as_of` of the status, when one was given.
    pub as_of: Option<i64>,
    pub options: ScreenOptions,
}

impl<'p> Screening<'p> {
    /// The portfolio screened.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.portfolio.0
    }

    pub fn passed(&self) -> usize {
        self.checks.iter().filter(|c| c.pass == Some(true)).count()
    }

    pub fn failed(&self) -> usize {
        self.checks.iter().filter(|c| c.pass == Some(false)).count()
    }

    pub fn not_applicable(&self) -> usize {
        self.checks.iter().filter(|c| c.pass.is_none()).count()
    }
}

/// The schedules a screening reads.
struct Schedules<'a> {
    current: &'a [NodeTimes],
    baseline: &'a [NodeTimes],
}

/// Screens a portfolio, as planned or under a status, against the 14 checks.
pub fn screen<'s, 'p>(basis: impl Into<Basis<'s, 'p>>, options: &ScreenOptions) -> Screening<'p>
where
    'p: 's,
{
    let basis = basis.into();
    let (portfolio, status) = (basis.portfolio(), basis.status());
    let schedule_options = ScheduleOptions::default();
    let (current, baseline) = rayon::join(
        || Schedule::compute(basis, &schedule_options),
        || status.map(|_| Schedule::compute(portfolio, &schedule_options)),
    );
    let schedules = Schedules {
        current: current.all_times(),
        baseline: baseline.as_ref().unwrap_or(&current).all_times(),
    };
    let updates: Vec<Option<&Update>> = basis.updates_by_node();
    let projects: Vec<NodeIndex> = portfolio.nodes_of_kind(NodeKind::Project).collect();
    let complete = |n: NodeIndex| updates[n.index()].is_some_and(|u| u.actual_finish.is_some());
    let population: Vec<NodeIndex> = projects.iter().copied().filter(|n| !complete(*n)).collect();

    let mut checks = Vec::with_capacity(14);
    checks.push(logic(portfolio, &population));
    checks.extend(link_checks(portfolio, &projects));
    checks.push(constraints(portfolio, &population, schedules.current));
    let over = |limit: i64, figure: &dyn Fn(NodeIndex) -> i64| -> Vec<NodeIndex> {
        population
            .iter()
            .copied()
            .filter(|n| figure(*n) > limit)
            .collect()
    };
    let high_float = over(options.high_float_days, &|n| {
        schedules.current[n.index()].total_float
    });
    checks.push(
        Check::new(6, Figure::Share(0.05), Passes::AtMost)
            .share(high_float.len(), high_float.len(), population.len(), 5)
            .with_ids(high_float),
    );
    let negative: Vec<NodeIndex> = population
        .iter()
        .copied()
        .filter(|n| schedules.current[n.index()].total_float < 0)
        .collect();
    checks.push(
        Check::new(7, Figure::Count(0), Passes::Exactly)
            .zero(negative.len(), population.len())
            .with_ids(negative),
    );
    let long = over(options.high_duration_days, &|n| portfolio.node(n).duration);
    checks.push(
        Check::new(8, Figure::Share(0.05), Passes::AtMost)
            .share(long.len(), long.len(), population.len(), 5)
            .with_ids(long),
    );
    checks.push(invalid_dates(
        &projects,
        status,
        &updates,
        schedules.current,
    ));
    let uncosted: Vec<NodeIndex> = population
        .iter()
        .copied()
        .filter(|n| {
            let node = portfolio.node(*n);
            node.duration > 0 && node.investment.is_none()
        })
        .collect();
    checks.push(
        Check::new(10, Figure::Share(0.05), Passes::AtMost)
            .share(uncosted.len(), uncosted.len(), population.len(), 5)
            .with_ids(uncosted),
    );
    checks.push(missed(&projects, status, &updates, schedules.baseline));
    checks.push(critical_path_test(portfolio, status, &current, &updates));
    checks.push(cpli(portfolio, status, schedules.current));
    checks.push(bei(&projects, status, &updates, schedules.baseline));
    Screening {
        portfolio: PortfolioRef(portfolio),
        checks,
        as_of: status.map(|s| s.as_of),
        options: *options,
    }
}

/// Check 1: projects without a predecessor link or without any outgoing edge.
fn logic(portfolio: &Portfolio, population: &[NodeIndex]) -> Check {
    let open: Vec<NodeIndex> = population
        .iter()
        .copied()
        .filter(|n| portfolio.incoming(*n).is_empty() || portfolio.outgoing(*n).is_empty())
        .collect();
    Check::new(1, Figure::Share(0.05), Passes::AtMost)
        .share(open.len(), open.len(), population.len(), 5)
        .with_ids(open)
}

/// Checks 2, 3 and 4, over every link into a project.
fn link_checks(portfolio: &Portfolio, projects: &[NodeIndex]) -> [Check; 3] {
    let (mut links, mut leads, mut lags, mut fs) = (0, 0, 0, 0);
    let (mut lead_ids, mut lag_ids, mut type_ids) = (Vec::new(), Vec::new(), Vec::new());
    for &project in projects {
        let (mut lead, mut lag, mut other_type) = (false, false, false);
        for l in portfolio.incoming(project) {
            links += 1;
            if l.link.lag < 0 {
                leads += 1;
                lead = true;
            } else if l.link.lag > 0 {
                lags += 1;
                lag = true;
            }
            if l.link.link_type == LinkType::FS {
                fs += 1;
            } else {
                other_type = true;
            }
        }
        for (offends, ids) in [
            (lead, &mut lead_ids),
            (lag, &mut lag_ids),
            (other_type, &mut type_ids),
        ] {
            if offends {
                ids.push(project);
            }
        }
    }
    [
        Check::new(2, Figure::Count(0), Passes::Exactly)
            .zero(leads, links)
            .with_ids(lead_ids),
        Check::new(3, Figure::Share(0.05), Passes::AtMost)
            .share(lags, lags, links, 5)
            .with_ids(lag_ids),
        Check::new(4, Figure::Share(0.9), Passes::AtLeast)
            .share(fs, links - fs, links, 90)
            .with_ids(type_ids),
    ]
}

/// Check 5: projects whose own `start` sets their ES.
fn constraints(portfolio: &Portfolio, population: &[NodeIndex], times: &[NodeTimes]) -> Check {
    let constrained: Vec<NodeIndex> = population
        .iter()
        .copied()
        .filter(|&n| {
            let own = &times[n.index()];
            portfolio.node(n).start == Some(own.es)
                && portfolio.incoming(n).iter().all(|l| {
                    link_bound(&l.link, &times[l.node.index()], own.planned_duration) < own.es
                })
        })
        .collect();
    Check::new(5, Figure::Share(0.05), Passes::AtMost)
        .share(constrained.len(), constrained.len(), population.len(), 5)
        .with_ids(constrained)
}

/// Check 9: actual dates after `as_of`; start or finish before `as_of`
/// without the actual date.
fn invalid_dates(
    projects: &[NodeIndex],
    status: Option<&Status>,
    updates: &[Option<&Update>],
    times: &[NodeTimes],
) -> Check {
    let check = Check::new(9, Figure::Count(0), Passes::Exactly);
    let Some(as_of) = status.map(|s| s.as_of) else {
        return check;
    };
    let invalid: Vec<NodeIndex> = projects
        .iter()
        .copied()
        .filter(|&n| {
            let update = updates[n.index()];
            let actual_start = update.and_then(|u| u.actual_start);
            let actual_finish = update.and_then(|u| u.actual_finish);
            let future_actual =
                actual_start.is_some_and(|d| d > as_of) || actual_finish.is_some_and(|d| d > as_of);
            // Without an actual finish the project is in the population.
            let t = &times[n.index()];
            let stale_forecast = actual_finish.is_none()
                && ((actual_start.is_none() && t.es < as_of) || t.ef < as_of);
            future_actual || stale_forecast
        })
        .collect();
    check.zero(invalid.len(), projects.len()).with_ids(invalid)
}

/// The projects due by `as_of` in the baseline (EF ≤ `as_of`).
fn due(projects: &[NodeIndex], as_of: i64, baseline: &[NodeTimes]) -> Vec<NodeIndex> {
    projects
        .iter()
        .copied()
        .filter(|n| baseline[n.index()].ef <= as_of)
        .collect()
}

/// Check 11: of the projects due in the baseline, those not complete or
/// completed after their baseline EF.
fn missed(
    projects: &[NodeIndex],
    status: Option<&Status>,
    updates: &[Option<&Update>],
    baseline: &[NodeTimes],
) -> Check {
    let check = Check::new(11, Figure::Share(0.05), Passes::AtMost);
    let Some(as_of) = status.map(|s| s.as_of) else {
        return check;
    };
    let due = due(projects, as_of, baseline);
    let missed: Vec<NodeIndex> = due
        .iter()
        .copied()
        .filter(|n| {
            updates[n.index()]
                .and_then(|u| u.actual_finish)
                .is_none_or(|f| f > baseline[n.index()].ef)
        })
        .collect();
    check
        .share(missed.len(), missed.len(), due.len(), 5)
        .with_ids(missed)
}

/// Check 12: delay the first project on the critical path without an actual
/// date by 600 days; the portfolio finish must move by exactly that.
fn critical_path_test(
    portfolio: &Portfolio,
    status: Option<&Status>,
    current: &Schedule,
    updates: &[Option<&Update>],
) -> Check {
    let mut check = Check::new(12, Figure::Days(CRITICAL_PATH_TEST_DAYS), Passes::Exactly);
    let tested = current.critical_path.iter().copied().find(|&n| {
        portfolio.node(n).kind == NodeKind::Project
            && updates[n.index()]
                .is_none_or(|u| u.actual_start.is_none() && u.actual_finish.is_none())
    });
    let Some(tested) = tested else {
        return check;
    };
    // The delay that makes d′ = max(0, d + delay) grow by exactly 600 days.
    let planned = current.times(tested).planned_duration;
    let delay = planned + CRITICAL_PATH_TEST_DAYS - portfolio.node(tested).duration;
    let mut delayed = status
        .cloned()
        .unwrap_or_else(|| Status::planned(portfolio));
    match delayed.updates_mut().iter_mut().find(|u| u.node == tested) {
        Some(update) => update.delay_days = Some(delay),
        None => delayed
            .updates_mut()
            .push(Update::delay(portfolio, tested, delay)),
    }
    let slip = Schedule::compute(&delayed, &ScheduleOptions::default()).finish - current.finish;
    let pass = slip == CRITICAL_PATH_TEST_DAYS;
    check.count = usize::from(!pass);
    check.population = 1;
    check.value = Some(Figure::Days(slip));
    check.pass = Some(pass);
    check.tested = Some(tested);
    if !pass {
        check.ids = vec![tested];
    }
    check
}

/// Check 13: the critical path length index of each capability with a
/// target, (L + margin) ÷ L = (target − as_of) ÷ (EF − as_of).
fn cpli(portfolio: &Portfolio, status: Option<&Status>, times: &[NodeTimes]) -> Check {
    let mut check = Check::new(13, Figure::Index(0.95), Passes::AtLeast);
    let Some(as_of) = status.map(|s| s.as_of) else {
        return check;
    };
    let mut lowest: Option<f64> = None;
    let mut population = 0;
    let mut below = Vec::new();
    for &n in portfolio.nodes_by_id() {
        let node = portfolio.node(n);
        let Some(target) = node.target.filter(|_| node.kind == NodeKind::Capability) else {
            continue;
        };
        let length = times[n.index()].ef - as_of;
        if length <= 0 {
            continue;
        }
        population += 1;
        let index = (target - as_of) as f64 / length as f64;
        lowest = Some(lowest.map_or(index, |l: f64| l.min(index)));
        // (target − as_of) ÷ L ≥ 0.95, in whole numbers.
        if (target - as_of) * 100 < 95 * length {
            below.push(n);
        }
    }
    if let Some(lowest) = lowest {
        check.count = below.len();
        check.population = population;
        check.value = Some(Figure::Index(lowest));
        check.pass = Some(below.is_empty());
        check.ids = below;
    }
    check
}

/// Check 14: the baseline execution index, projects complete by `as_of` ÷
/// projects due by `as_of` in the baseline.
fn bei(
    projects: &[NodeIndex],
    status: Option<&Status>,
    updates: &[Option<&Update>],
    baseline: &[NodeTimes],
) -> Check {
    let mut check = Check::new(14, Figure::Index(0.95), Passes::AtLeast);
    let Some(as_of) = status.map(|s| s.as_of) else {
        return check;
    };
    let complete_by = |n: NodeIndex| {
        updates[n.index()]
            .and_then(|u| u.actual_finish)
            .is_some_and(|f| f <= as_of)
    };
    let due = due(projects, as_of, baseline);
    if due.is_empty() {
        return check;
    }
    let completed = projects.iter().filter(|n| complete_by(**n)).count();
    let behind: Vec<NodeIndex> = due.iter().copied().filter(|n| !complete_by(*n)).collect();
    check.count = behind.len();
    check.population = due.len();
    check.value = Some(Figure::Index(completed as f64 / due.len() as f64));
    check.pass = Some(completed * 100 >= 95 * due.len());
    check.ids = behind;
    check
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::status_from_str;
    use crate::model::testing::valid_portfolio;

    /// Projects `C01` … `Cnn` of 10 days and investment 1, in a chain that
    /// starts at the component `k` (in service at day 0) and delivers `CAP`:
    /// every project has a predecessor link and an outgoing edge, and there
    /// are n links (`k → C01` and n − 1 `depends_on`), all plain FS. `link`
    /// may override the link into the project at that 1-based position.
    fn chain(n: usize, link: impl Fn(usize) -> Option<&'static str>) -> Vec<String> {
        (1..=n)
            .map(|i| {
                let into = match (i, link(i)) {
                    (1, _) => r#""uses": ["k"]"#.to_string(),
                    (_, Some(fields)) => {
                        format!(r#""depends_on": [{{"id": "C{:02}", {fields}}}]"#, i - 1)
                    }
                    _ => format!(r#""depends_on": ["C{:02}"]"#, i - 1),
                };
                let out = if i == n {
                    r#", "delivers": ["CAP"]"#
                } else {
                    ""
                };
                format!(
                    r#"{{"id": "C{i:02}", "name": "c", "duration_days": 10,
                        "cost": {{"investment": 1}}, {into}{out}}}"#
                )
            })
            .collect()
    }

    /// A portfolio (start 2025-01-01) with component `k`, capability `CAP`
    /// (target `target`) and these projects.
    fn portfolio(projects: &[String], target: &str) -> Portfolio {
        valid_portfolio(&format!(
            r#""components": [{{"id": "k", "name": "k"}}],
               "capabilities": [{{"id": "CAP", "name": "cap", "target": "{target}"}}],
               "projects": [{}]"#,
            projects.join(",")
        ))
    }

    fn run<'p>(p: &'p Portfolio, status: Option<&str>) -> Screening<'p> {
        run_with(p, status, &ScreenOptions::default())
    }

    fn run_with<'p>(
        p: &'p Portfolio,
        status: Option<&str>,
        options: &ScreenOptions,
    ) -> Screening<'p> {
        let status = status.map(|s| {
            let checked = status_from_str(s, p, "status.json");
            assert!(checked.problems.is_empty(), "{:?}", checked.problems);
            checked.value.expect("valid status")
        });
        screen(status.as_ref().map_or(Basis::from(p), Basis::from), options)
    }

    /// (count, population, pass, ids) of check `number`.
    fn outcome(
        p: &Portfolio,
        s: &Screening,
        number: u8,
    ) -> (usize, usize, Option<bool>, Vec<String>) {
        let c = &s.checks[usize::from(number) - 1];
        assert_eq!(c.number, number);
        let ids = c.ids.iter().map(|n| p.id(*n).to_string()).collect();
        (c.count, c.population, c.pass, ids)
    }

    fn loose(id: &str, days: i64) -> String {
        format!(
            r#"{{"id": "{id}", "name": "x", "duration_days": {days}, "cost": {{"investment": 1}}}}"#
        )
    }

    #[test]
    fn a_clean_chain_passes_every_check_that_applies_without_status() {
        // k → C01 → … → C20 → CAP: every project linked both ways, 20 FS
        // links without lag, durations 10, all costed; C20 finishes day 200,
        // every float 0; delaying C01 by 600 moves the finish by 600.
        let p = portfolio(&chain(20, |_| None), "2030-01-01");
        let s = run(&p, None);
        assert_eq!(s.passed(), 10);
        assert_eq!(s.failed(), 0);
        // Checks 9, 11, 13 and 14 need a status.
        assert_eq!(s.not_applicable(), 4);
        for number in [9, 11, 13, 14] {
            assert_eq!(outcome(&p, &s, number), (0, 0, None, vec![]));
            assert_eq!(s.checks[usize::from(number) - 1].value, None);
        }
        assert_eq!(outcome(&p, &s, 1), (0, 20, Some(true), vec![]));
        assert_eq!(outcome(&p, &s, 4), (0, 20, Some(true), vec![]));
        assert_eq!(s.checks[3].value, Some(Figure::Share(1.0)));
        assert_eq!(s.checks[11].value, Some(Figure::Days(600)));
        assert_eq!(s.checks[11].tested, p.lookup("C01"));
    }

    #[test]
    fn logic_passes_at_exactly_five_percent_and_fails_above() {
        // A chain of 19 plus one project without any link: 1 of 20 = 5 % passes.
        let mut projects = chain(19, |_| None);
        projects.push(loose("Z", 10));
        let p = portfolio(&projects, "2030-01-01");
        assert_eq!(
            outcome(&p, &run(&p, None), 1),
            (1, 20, Some(true), vec!["Z".into()])
        );
        // A chain of 18 plus Z: 1 of 19 = 5.3 % fails.
        let mut projects = chain(18, |_| None);
        projects.push(loose("Z", 10));
        let p = portfolio(&projects, "2030-01-01");
        assert_eq!(
            outcome(&p, &run(&p, None), 1),
            (1, 19, Some(false), vec!["Z".into()])
        );
    }

    #[test]
    fn logic_counts_a_missing_predecessor_or_a_missing_successor_once_each_project() {
        // A → B, C alone: A has no predecessor, B no outgoing edge, C neither:
        // 3 of 3.
        let p = portfolio(
            &[
                loose("A", 1),
                r#"{"id": "B", "name": "b", "duration_days": 1, "depends_on": ["A"]}"#.into(),
                loose("C", 1),
            ],
            "2030-01-01",
        );
        let s = run(&p, None);
        assert_eq!(
            outcome(&p, &s, 1),
            (3, 3, Some(false), vec!["A".into(), "B".into(), "C".into()])
        );
        assert_eq!(s.checks[0].value, Some(Figure::Share(1.0)));
    }

    #[test]
    fn leads_fail_on_one_negative_lag() {
        // 20 links; the link into C05 has lag −3: 1 lead, fix C05.
        let p = portfolio(
            &chain(20, |i| (i == 5).then_some(r#""lag_days": -3"#)),
            "2030-01-01",
        );
        let s = run(&p, None);
        assert_eq!(outcome(&p, &s, 2), (1, 20, Some(false), vec!["C05".into()]));
        assert_eq!(s.checks[1].value, Some(Figure::Count(1)));
        // A lead is not a lag.
        assert_eq!(outcome(&p, &s, 3).0, 0);
    }

    #[test]
    fn lags_pass_at_exactly_five_percent() {
        // 20 links, one with lag +5 (into C07): 1 of 20 = 5 % passes.
        let p = portfolio(
            &chain(20, |i| (i == 7).then_some(r#""lag_days": 5"#)),
            "2030-01-01",
        );
        assert_eq!(
            outcome(&p, &run(&p, None), 3),
            (1, 20, Some(true), vec!["C07".into()])
        );
        // Two of 20 = 10 % fails.
        let p = portfolio(
            &chain(20, |i| matches!(i, 7 | 8).then_some(r#""lag_days": 5"#)),
            "2030-01-01",
        );
        assert_eq!(
            outcome(&p, &run(&p, None), 3),
            (2, 20, Some(false), vec!["C07".into(), "C08".into()])
        );
    }

    #[test]
    fn relationship_types_pass_at_exactly_ninety_percent_finish_to_start() {
        // 20 links, 2 SS (into C03 and C04): 18 of 20 = 90 % FS passes; the
        // count is the 2 other links.
        let p = portfolio(
            &chain(20, |i| matches!(i, 3 | 4).then_some(r#""type": "SS""#)),
            "2030-01-01",
        );
        let s = run(&p, None);
        assert_eq!(
            outcome(&p, &s, 4),
            (2, 20, Some(true), vec!["C03".into(), "C04".into()])
        );
        assert_eq!(s.checks[3].value, Some(Figure::Share(0.9)));
        // 3 SS: 17 of 20 = 85 % fails.
        let p = portfolio(
            &chain(20, |i| matches!(i, 3..=5).then_some(r#""type": "SS""#)),
            "2030-01-01",
        );
        assert_eq!(outcome(&p, &run(&p, None), 4).2, Some(false));
    }

    #[test]
    fn constraints_count_a_start_that_sets_the_early_start() {
        // A(10). B(5) after A, start day 20 (2025-01-21): bound 10 < 20 = ES,
        // counted. C(5) after A, start day 10: bound 10 = ES, not "every
        // bound lower": not counted. D(5) without links, start day 3: counted.
        // E(5) after A, start day 5: ES = 10 ≠ 5, not counted. 2 of 5 = 40 %.
        let p = portfolio(
            &[
                loose("A", 10),
                r#"{"id": "B", "name": "b", "duration_days": 5, "start": "2025-01-21", "depends_on": ["A"]}"#.into(),
                r#"{"id": "C", "name": "c", "duration_days": 5, "start": "2025-01-11", "depends_on": ["A"]}"#.into(),
                r#"{"id": "D", "name": "d", "duration_days": 5, "start": "2025-01-04"}"#.into(),
                r#"{"id": "E", "name": "e", "duration_days": 5, "start": "2025-01-06", "depends_on": ["A"]}"#.into(),
            ],
            "2030-01-01",
        );
        assert_eq!(
            outcome(&p, &run(&p, None), 5),
            (2, 5, Some(false), vec!["B".into(), "D".into()])
        );
    }

    #[test]
    fn high_float_counts_more_than_44_days_only() {
        // A(100), B(56), C(55), all alone: T = 100; TF(B) = 44 (not high),
        // TF(C) = 45 (high). 1 of 3 = 33 % fails.
        let p = portfolio(
            &[loose("A", 100), loose("B", 56), loose("C", 55)],
            "2030-01-01",
        );
        let s = run(&p, None);
        assert_eq!(outcome(&p, &s, 6), (1, 3, Some(false), vec!["C".into()]));
        // --high-float 45: nothing above it.
        let options = ScreenOptions {
            high_float_days: 45,
            ..ScreenOptions::default()
        };
        assert_eq!(
            outcome(&p, &run_with(&p, None, &options), 6),
            (0, 3, Some(true), vec![])
        );
    }

    #[test]
    fn high_duration_counts_more_than_44_days_only() {
        // Durations 44 (not high), 45 (high), 10: 1 of 3 fails.
        let p = portfolio(
            &[loose("A", 44), loose("B", 45), loose("C", 10)],
            "2030-01-01",
        );
        assert_eq!(
            outcome(&p, &run(&p, None), 8),
            (1, 3, Some(false), vec!["B".into()])
        );
        let options = ScreenOptions {
            high_duration_days: 45,
            ..ScreenOptions::default()
        };
        assert_eq!(outcome(&p, &run_with(&p, None, &options), 8).2, Some(true));
    }

    #[test]
    fn negative_float_from_an_actual_start_ahead_of_the_logic() {
        // A(10) → B(5); B actually started day 5: T = 10, LF(A) = LS(B) = 5,
        // TF(A) = −5 (negative); TF(B) = 0. Population A, B.
        let p = portfolio(
            &[
                loose("A", 10),
                r#"{"id": "B", "name": "b", "duration_days": 5, "depends_on": ["A"]}"#.into(),
            ],
            "2030-01-01",
        );
        let status =
            r#"{"as_of": "2025-01-07", "updates": [{"id": "B", "actual_start": "2025-01-06"}]}"#;
        let s = run(&p, Some(status));
        assert_eq!(outcome(&p, &s, 7), (1, 2, Some(false), vec!["A".into()]));
    }

    #[test]
    fn invalid_dates_in_the_future_or_forecasts_in_the_past() {
        // as_of 2025-01-31 = day 30. Projects alone, 10 days unless said:
        // A: actual_start day 40 (after as_of): invalid.
        // B: complete, actual_finish day 50 (after as_of): invalid.
        // C: complete with actual_finish day 8 and no actual_start: valid.
        // D: no update: ES 0 < 30 without actual start: invalid.
        // E(10), start day 35: ES 35, EF 45: valid.
        // F(10), actual_start day 25, start day 35 ignored: EF 35: valid.
        // G(10), actual_start day 5, EF 15 < 30 without actual finish: invalid.
        // 4 of 7 projects.
        let p = portfolio(
            &[
                loose("A", 10),
                loose("B", 10),
                loose("C", 10),
                loose("D", 10),
                r#"{"id": "E", "name": "e", "duration_days": 10, "start": "2025-02-05"}"#.into(),
                r#"{"id": "F", "name": "f", "duration_days": 10, "start": "2025-02-05"}"#.into(),
                loose("G", 10),
            ],
            "2030-01-01",
        );
        let status = r#"{"as_of": "2025-01-31", "updates": [
            {"id": "A", "actual_start": "2025-02-10"},
            {"id": "B", "actual_start": "2025-01-02", "actual_finish": "2025-02-20"},
            {"id": "C", "actual_finish": "2025-01-09"},
            {"id": "F", "actual_start": "2025-01-26"},
            {"id": "G", "actual_start": "2025-01-06"}]}"#;
        let s = run(&p, Some(status));
        assert_eq!(
            outcome(&p, &s, 9),
            (
                4,
                7,
                Some(false),
                vec!["A".into(), "B".into(), "D".into(), "G".into()]
            )
        );
        assert_eq!(s.checks[8].value, Some(Figure::Count(4)));
    }

    #[test]
    fn cost_loading_counts_work_without_an_investment() {
        // A(10) costed; B(10) without cost; C(0) without cost (no work);
        // D(10) with investment 0 (stated). 1 of 4 = 25 % fails.
        let p = portfolio(
            &[
                loose("A", 10),
                r#"{"id": "B", "name": "b", "duration_days": 10}"#.into(),
                r#"{"id": "C", "name": "c", "duration_days": 0}"#.into(),
                r#"{"id": "D", "name": "d", "duration_days": 10, "cost": {"investment": 0}}"#
                    .into(),
            ],
            "2030-01-01",
        );
        assert_eq!(
            outcome(&p, &run(&p, None), 10),
            (1, 4, Some(false), vec!["B".into()])
        );
    }

    /// 20 loose projects `L01` … `L20` of 10 days (baseline EF day 10).
    fn twenty_loose() -> Vec<String> {
        (1..=20).map(|i| loose(&format!("L{i:02}"), 10)).collect()
    }

    /// A status on 2025-01-31 (day 30) with these updates.
    fn status_with(updates: &[String]) -> String {
        format!(
            r#"{{"as_of": "2025-01-31", "updates": [{}]}}"#,
            updates.join(",")
        )
    }

    #[test]
    fn missed_and_bei_at_the_five_percent_boundary() {
        // 20 projects due by day 10 ≤ as_of 30. L01–L18 finished on day 9,
        // L19 finished late on day 12 (after its baseline EF 10), L20 not
        // finished. Missed: L19 and L20, 2 of 20 = 10 %: fails. BEI: 19
        // complete by as_of ÷ 20 due = 0.95: passes; L20 is behind.
        let mut updates: Vec<String> = (1..=18)
            .map(|i| format!(r#"{{"id": "L{i:02}", "actual_finish": "2025-01-10"}}"#))
            .collect();
        updates.push(r#"{"id": "L19", "actual_finish": "2025-01-13"}"#.into());
        let p = portfolio(&twenty_loose(), "2030-01-01");
        let s = run(&p, Some(&status_with(&updates)));
        assert_eq!(
            outcome(&p, &s, 11),
            (2, 20, Some(false), vec!["L19".into(), "L20".into()])
        );
        assert_eq!(outcome(&p, &s, 14), (1, 20, Some(true), vec!["L20".into()]));
        assert_eq!(s.checks[13].value, Some(Figure::Index(0.95)));
        // L19 on time instead: missed 1 of 20 = 5 % passes.
        updates[18] = r#"{"id": "L19", "actual_finish": "2025-01-11"}"#.into();
        let s = run(&p, Some(&status_with(&updates)));
        assert_eq!(outcome(&p, &s, 11), (1, 20, Some(true), vec!["L20".into()]));
        // Only 18 complete: BEI 0.9 fails.
        updates.pop();
        let s = run(&p, Some(&status_with(&updates)));
        assert_eq!(outcome(&p, &s, 14).2, Some(false));
    }

    #[test]
    fn missed_and_bei_do_not_apply_when_nothing_is_due() {
        // One project of 100 days: baseline EF 100 > as_of 30.
        let p = portfolio(&[loose("A", 100)], "2030-01-01");
        let s = run(&p, Some(&status_with(&[])));
        assert_eq!(outcome(&p, &s, 11), (0, 0, None, vec![]));
        assert_eq!(outcome(&p, &s, 14), (0, 0, None, vec![]));
    }

    #[test]
    fn critical_path_test_fails_when_the_path_carries_no_delay() {
        // A(10) -SS-> B(20): ES(B) = 0 (bound by A's start), T = 20 = EF(B);
        // critical path A, B. Delay A by 600: EF(A) = 610, B unmoved, T = 610:
        // the finish moves by 590, not 600.
        let p = portfolio(
            &[
                loose("A", 10),
                r#"{"id": "B", "name": "b", "duration_days": 20, "depends_on": [{"id": "A", "type": "SS"}]}"#.into(),
            ],
            "2030-01-01",
        );
        let s = run(&p, None);
        assert_eq!(outcome(&p, &s, 12), (1, 1, Some(false), vec!["A".into()]));
        assert_eq!(s.checks[11].value, Some(Figure::Days(590)));
    }

    #[test]
    fn critical_path_test_skips_projects_with_actual_dates() {
        // A(10) → B(20): critical path A, B. A started (actual_start day 0):
        // B is tested; B + 600 moves T from 30 to 630: passes. A delay of
        // −15 already on B (d′ = 5, T = 15) is kept: d′ becomes 605, T = 615.
        let p = portfolio(
            &[
                loose("A", 10),
                r#"{"id": "B", "name": "b", "duration_days": 20, "depends_on": ["A"]}"#.into(),
            ],
            "2030-01-01",
        );
        let s = run(
            &p,
            Some(&status_with(&[
                r#"{"id": "A", "actual_start": "2025-01-01"}"#.into(),
            ])),
        );
        assert_eq!(s.checks[11].tested, p.lookup("B"));
        assert_eq!(outcome(&p, &s, 12), (0, 1, Some(true), vec![]));
        let s = run(
            &p,
            Some(&status_with(&[
                r#"{"id": "A", "actual_start": "2025-01-01"}"#.into(),
                r#"{"id": "B", "delay_days": -15}"#.into(),
            ])),
        );
        assert_eq!(s.checks[11].value, Some(Figure::Days(600)));
        // Both complete: no project to test.
        let s = run(
            &p,
            Some(&status_with(&[
                r#"{"id": "A", "actual_finish": "2025-01-11"}"#.into(),
                r#"{"id": "B", "actual_finish": "2025-01-21"}"#.into(),
            ])),
        );
        assert_eq!(outcome(&p, &s, 12), (0, 0, None, vec![]));
    }

    #[test]
    fn cpli_passes_at_exactly_095() {
        // A(200) delivers CAP: EF(CAP) = 200; as_of day 30, L = 170.
        // Target day 30 + 0.95 × 170 = 191.5: target day 192 (2025-07-12)
        // gives 162 ÷ 170 = 0.9529 ≥ 0.95, passes; day 191 (2025-07-11)
        // gives 161 ÷ 170 = 0.947, fails.
        let a =
            r#"{"id": "A", "name": "a", "duration_days": 200, "delivers": ["CAP"]}"#.to_string();
        let p = portfolio(std::slice::from_ref(&a), "2025-07-12");
        let s = run(&p, Some(&status_with(&[])));
        assert_eq!(outcome(&p, &s, 13), (0, 1, Some(true), vec![]));
        assert_eq!(s.checks[12].value, Some(Figure::Index(162.0 / 170.0)));
        let p = portfolio(&[a], "2025-07-11");
        assert_eq!(
            outcome(&p, &run(&p, Some(&status_with(&[]))), 13),
            (1, 1, Some(false), vec!["CAP".into()])
        );
        // Exactly 0.95: A(120), as_of 30, L = 90... use L = 100: A(130),
        // target day 30 + 95 = 125 (2025-05-06).
        let p = portfolio(
            &[r#"{"id": "A", "name": "a", "duration_days": 130, "delivers": ["CAP"]}"#.into()],
            "2025-05-06",
        );
        let s = run(&p, Some(&status_with(&[])));
        assert_eq!(outcome(&p, &s, 13).2, Some(true));
        assert_eq!(s.checks[12].value, Some(Figure::Index(0.95)));
        // A capability due by as_of (L ≤ 0) is not tested.
        let p = portfolio(
            &[r#"{"id": "A", "name": "a", "duration_days": 30, "delivers": ["CAP"]}"#.into()],
            "2025-01-01",
        );
        assert_eq!(
            outcome(&p, &run(&p, Some(&status_with(&[]))), 13),
            (0, 0, None, vec![])
        );
    }

    #[test]
    fn a_portfolio_without_population_has_nothing_to_screen() {
        // Two complete projects (with links): population 0, so checks 1, 5,
        // 6, 7, 8 and 10 do not apply; the one link still counts for 2–4;
        // check 12 has no project to delay.
        let p = portfolio(
            &[
                loose("A", 10),
                r#"{"id": "B", "name": "b", "duration_days": 10, "depends_on": ["A"]}"#.into(),
            ],
            "2030-01-01",
        );
        let s = run(
            &p,
            Some(&status_with(&[
                r#"{"id": "A", "actual_finish": "2025-01-11"}"#.into(),
                r#"{"id": "B", "actual_finish": "2025-01-21"}"#.into(),
            ])),
        );
        for number in [1, 5, 6, 7, 8, 10, 12] {
            assert_eq!(
                outcome(&p, &s, number),
                (0, 0, None, vec![]),
                "check {number}"
            );
        }
        assert_eq!(outcome(&p, &s, 2), (0, 1, Some(true), vec![]));
        // An empty portfolio: nothing applies but… nothing at all.
        let empty = valid_portfolio("");
        let s = run(&empty, None);
        assert_eq!(s.not_applicable(), 14);
    }
}
