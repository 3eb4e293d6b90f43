//! Money by fiscal year (SPEC §9): investment phased along each project's
//! spend curve in the baseline and this week's schedule, O&M from each
//! project's first day in service, the cost of delay of capabilities that
//! keep a legacy system running, authorisations and ceilings, and earned
//! value with earned schedule.
//!
//! The computation works on [`FundingInput`], plain figures taken from the
//! model and the two schedules, so that it can be checked on hand-worked
//! examples.
//!
//! # Complexity
//! O(Y) per project, where Y is the number of fiscal years it has money in
//! (its investment's years are O(1) each: no loop over days), plus O(P × G)
//! for group memberships; O(H) per group, H the horizon's years.

pub mod curve;
pub mod earned_value;
pub mod fiscal;
pub mod from_model;

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use crate::analysis::portfolio_ref::PortfolioRef;
use crate::model::{AmountsByYear, Portfolio};

use curve::{delay_share, in_service_share, Curve, Span};
use earned_value::{project_earned_value, roll_up, Measures, Progress, ProjectEarnedValue};
use fiscal::FiscalCalendar;
use from_model::GroupBy;

/// The horizon has at most this many fiscal years; money after it is
/// `later`. It only binds on absurd schedules (a million-day project).
pub const MAX_HORIZON_YEARS: i64 = 10_000;

/// Fiscal years after the one holding the portfolio finish that the
/// horizon runs to (SPEC §9).
const YEARS_AFTER_FINISH: i64 = 5;

/// One project's money and dates.
#[derive(Debug, Clone)]
pub struct ProjectMoney<'a> {
    pub node: NodeIndex,
    pub id: &'a str,
    pub domain: Option<&'a str>,
    /// `cost.investment`.
    pub investment: Option<f64>,
    pub om_per_year: Option<f64>,
    pub curve: Curve,
    /// `cost.authorised`: fiscal year → amount.
    pub authorised: &'a AmountsByYear,
    pub baseline: Span,
    /// This week's span (the baseline's without a status file).
    pub current: Span,
    /// The status update's progress and cost figures, if it has an update.
    pub progress: Option<Progress>,
}

impl ProjectMoney<'_> {
    /// Whether the project carries any money (the projects the report lists).
    pub fn has_money(&self) -> bool {
        let positive = |x: Option<f64>| x.is_some_and(|x| x != 0.0);
        positive(self.investment)
            || positive(self.om_per_year)
            || !self.authorised.is_empty()
            || positive(self.progress.and_then(|p| p.estimate_at_completion))
    }

    /// The amount phased this week: the estimate at completion when the
    /// update gives one, else the investment.
    fn current_amount(&self) -> f64 {
        self.progress
            .and_then(|p| p.estimate_at_completion)
            .or(self.investment)
            .unwrap_or(0.0)
    }
}

/// A capability that replaces a legacy system.
#[derive(Debug, Clone, Copy)]
pub struct CapabilityMoney<'a> {
    pub node: NodeIndex,
    pub id: &'a str,
    pub legacy_om_per_year: f64,
    pub baseline_finish: i64,
    pub current_finish: i64,
}

/// A group of projects (`--by`): its id and its members, as indices into
/// [`FundingInput::projects`].
#[derive(Debug, Clone)]
pub struct GroupMembers {
    pub id: String,
    pub members: Vec<usize>,
}

/// Everything the funding computation needs.
#[derive(Debug, Clone)]
pub struct FundingInput<'a> {
    pub fiscal: FiscalCalendar,
    /// Projects sorted by id.
    pub projects: Vec<ProjectMoney<'a>>,
    /// Capabilities with `legacy_om_per_year`, sorted by id.
    pub capabilities: Vec<CapabilityMoney<'a>>,
    /// Groups sorted by id.
    pub groups: Vec<GroupMembers>,
    pub ceiling_investment: &'a BTreeMap<i32, f64>,
    pub ceiling_om: &'a BTreeMap<i32, f64>,
    /// The portfolio finish T of the baseline and of this week.
    pub baseline_finish: i64,
    pub current_finish: i64,
    /// `as_of` as a day offset, with a status file (earned value needs it).
    pub as_of: Option<i64>,
    /// `--until YEAR`: the last fiscal year of the horizon.
    pub until: Option<i64>,
}

/// One fiscal year of the horizon, in day offsets: days `start` … `end − 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiscalYear {
    pub year: i64,
    pub start: i64,
    pub end: i64,
}

/// Investment and O&M in one fiscal year, baseline and this week.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Flows {
    pub baseline: f64,
    pub current: f64,
    /// current − baseline.
    pub shift: f64,
    pub om_baseline: f64,
    pub om: f64,
}

impl Flows {
    fn add(&mut self, other: &Flows) {
        self.baseline += other.baseline;
        self.current += other.current;
        self.shift += other.shift;
        self.om_baseline += other.om_baseline;
        self.om += other.om;
    }

    fn is_zero(&self) -> bool {
        self.baseline == 0.0 && self.current == 0.0 && self.om_baseline == 0.0 && self.om == 0.0
    }
}

/// The portfolio's figures for one fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct YearTotals {
    pub flows: Flows,
    pub cost_of_delay: f64,
    pub ceiling_investment: Option<f64>,
    /// This week's investment above the ceiling (0 when within it).
    pub excess_investment: Option<f64>,
    pub ceiling_om: Option<f64>,
    pub excess_om: Option<f64>,
}

/// What falls after the horizon (O&M is counted inside it only).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Later {
    pub baseline: f64,
    pub current: f64,
    /// current − baseline.
    pub shift: f64,
    pub cost_of_delay: f64,
}

/// One group's flows, one entry per fiscal year of the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupYears {
    pub id: String,
    pub years: Vec<Flows>,
}

/// A project's figures in one fiscal year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProjectYear {
    /// Index into [`FundingFigures::years`].
    pub year: usize,
    pub flows: Flows,
    /// Figures of the years with a `cost.authorised` entry only.
    pub authorised: Option<f64>,
    pub unspendable: Option<f64>,
    pub unfunded: Option<f64>,
}

/// A project's years with investment, an authorisation, or O&M other than
/// a full year's `om_per_year` in both schedules (the year it enters
/// service), by year. Full years of O&M are in the totals and groups.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectFunding {
    pub node: NodeIndex,
    pub years: Vec<ProjectYear>,
}

/// What a capability's slip costs in legacy O&M (negative: a saving).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CapabilityDelay {
    pub node: NodeIndex,
    pub legacy_om_per_year: f64,
    pub slip_days: i64,
    pub cost_of_delay: f64,
}

/// Earned value of the projects whose update reports progress.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EarnedValue {
    pub portfolio: Measures,
    /// By domain id (projects without a domain count in none).
    pub domains: Vec<(String, Measures)>,
    /// By project id.
    pub projects: Vec<(NodeIndex, ProjectEarnedValue)>,
}

/// An authorisation or ceiling for a fiscal year the horizon leaves out
/// (after `--until`): kept in the model, reported rather than dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutsideHorizon {
    Authorised { node: NodeIndex, year: i32 },
    CeilingInvestment { year: i32 },
    CeilingOm { year: i32 },
}

/// The money of a portfolio by fiscal year (SPEC §9), with what it was
/// phased on — the portfolio, its fiscal calendar, the status date and the
/// grouping — so that it is read and rendered alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Funding<'p> {
    portfolio: PortfolioRef<'p>,
    pub fiscal: FiscalCalendar,
    /// `as_of` of the status phased as this week, as written in it; `None`
    /// without a status (this week is the baseline).
    pub as_of_date: Option<String>,
    /// How [`FundingFigures::groups`] are formed.
    pub group_by: GroupBy,
    pub figures: FundingFigures,
}

impl<'p> Funding<'p> {
    /// The portfolio whose money this is.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.portfolio.0
    }
}

/// The money of a portfolio by fiscal year, as figures (indices into the
/// portfolio it was computed on; [`Funding`] keeps that portfolio).
#[derive(Debug, Clone, PartialEq)]
pub struct FundingFigures {
    pub years: Vec<FiscalYear>,
    /// One entry per year.
    pub totals: Vec<YearTotals>,
    pub later: Later,
    pub groups: Vec<GroupYears>,
    /// Projects with any money, by id.
    pub projects: Vec<ProjectFunding>,
    pub capabilities: Vec<CapabilityDelay>,
    /// With a status file only.
    pub earned_value: Option<EarnedValue>,
    pub outside_horizon: Vec<OutsideHorizon>,
}

impl FundingFigures {
    /// The index of fiscal year `year` in [`FundingFigures::years`].
    pub fn year_index(&self, year: i64) -> Option<usize> {
        let first = self.years.first()?.year;
        usize::try_from(year - first)
            .ok()
            .filter(|i| *i < self.years.len())
    }

    /// Phases every project's money and rolls it up.
    pub fn compute(input: &FundingInput) -> FundingFigures {
        let years = horizon(input);
        let count = years.len();
        let first = years[0].year;
        let horizon_end = years[count - 1].end;
        let index_of = |year: i64| (year - first).clamp(0, count as i64 - 1) as usize;

        let mut totals = vec![YearTotals::default(); count];
        // Each project's groups, and each group's flows by year.
        let mut member_of: Vec<Vec<usize>> = vec![Vec::new(); input.projects.len()];
        for (g, group) in input.groups.iter().enumerate() {
            for &member in &group.members {
                member_of[member].push(g);
            }
        }
        let mut group_flows = vec![vec![Flows::default(); count]; input.groups.len()];
        let mut later = Later::default();
        let mut project_years: Vec<Vec<ProjectYear>> = Vec::with_capacity(input.projects.len());
        for (own_index, project) in input.projects.iter().enumerate() {
            let base_amount = project.investment.unwrap_or(0.0);
            let current_amount = project.current_amount();
            let om = project.om_per_year.unwrap_or(0.0);
            // The years with anything: from the first year of either span (or
            // authorisation) to the last, or to the horizon end with O&M.
            let mut low = input
                .fiscal
                .year_of(project.baseline.es.min(project.current.es));
            let last_day = |span: Span| (span.ef - 1).max(span.es);
            let mut high = input
                .fiscal
                .year_of(last_day(project.baseline).max(last_day(project.current)));
            if om != 0.0 {
                high = i64::MAX;
            }
            if let Some((a, b)) = project.authorised.first_and_last() {
                low = low.min(i64::from(a));
                high = high.max(i64::from(b));
            }
            let mut own = Vec::new();
            for (i, fiscal_year) in years
                .iter()
                .enumerate()
                .take(index_of(high.min(years[count - 1].year)) + 1)
                .skip(index_of(low))
            {
                let (from, to) = (fiscal_year.start, fiscal_year.end);
                let baseline =
                    base_amount * project.curve.share_between(project.baseline, from, to);
                let current =
                    current_amount * project.curve.share_between(project.current, from, to);
                let flows = Flows {
                    baseline,
                    current,
                    shift: current - baseline,
                    om_baseline: om * in_service_share(project.baseline.ef, from, to),
                    om: om * in_service_share(project.current.ef, from, to),
                };
                let authorised = i32::try_from(fiscal_year.year)
                    .ok()
                    .and_then(|y| project.authorised.get(y));
                totals[i].flows.add(&flows);
                for &g in &member_of[own_index] {
                    group_flows[g][i].add(&flows);
                }
                // A year in full service in both schedules only repeats
                // `om_per_year`: the project's list leaves it out (the
                // totals and groups count it), which keeps the list to the
                // years where something happens — a few per project instead
                // of one per year of the horizon.
                let full_year_om = om != 0.0 && flows.om == om && flows.om_baseline == om;
                let nothing_else = flows.baseline == 0.0 && flows.current == 0.0;
                if authorised.is_none() && nothing_else && (full_year_om || flows.is_zero()) {
                    continue;
                }
                own.push(ProjectYear {
                    year: i,
                    flows,
                    authorised,
                    unspendable: authorised.map(|a| (a - current).max(0.0)),
                    unfunded: authorised.map(|a| (current - a).max(0.0)),
                });
            }
            later.baseline += base_amount
                * project
                    .curve
                    .share_between(project.baseline, horizon_end, i64::MAX);
            later.current += current_amount
                * project
                    .curve
                    .share_between(project.current, horizon_end, i64::MAX);
            project_years.push(own);
        }

        let capabilities = input
            .capabilities
            .iter()
            .map(|c| {
                let legacy = c.legacy_om_per_year;
                let mut total = 0.0;
                if c.current_finish != c.baseline_finish {
                    for (i, y) in years.iter().enumerate() {
                        let cost = legacy
                            * delay_share(c.baseline_finish, c.current_finish, y.start, y.end);
                        totals[i].cost_of_delay += cost;
                        total += cost;
                    }
                    let (low, high) = (
                        c.baseline_finish.min(c.current_finish).max(horizon_end),
                        c.baseline_finish.max(c.current_finish).max(horizon_end),
                    );
                    let sign = if c.current_finish > c.baseline_finish {
                        1.0
                    } else {
                        -1.0
                    };
                    let after = sign * legacy * years_between(&input.fiscal, low, high);
                    later.cost_of_delay += after;
                    total += after;
                }
                CapabilityDelay {
                    node: c.node,
                    legacy_om_per_year: legacy,
                    slip_days: c.current_finish - c.baseline_finish,
                    cost_of_delay: total,
                }
            })
            .collect();

        for (t, y) in totals.iter_mut().zip(&years) {
            let key = i32::try_from(y.year).ok();
            t.ceiling_investment = key.and_then(|k| input.ceiling_investment.get(&k).copied());
            t.ceiling_om = key.and_then(|k| input.ceiling_om.get(&k).copied());
            t.excess_investment = t.ceiling_investment.map(|c| (t.flows.current - c).max(0.0));
            t.excess_om = t.ceiling_om.map(|c| (t.flows.om - c).max(0.0));
        }

        let groups = input
            .groups
            .iter()
            .zip(group_flows)
            .map(|(g, years)| GroupYears {
                id: g.id.clone(),
                years,
            })
            .collect();

        later.shift = later.current - later.baseline;
        let earned_value = input.as_of.map(|as_of| earned_value(input, as_of));
        let projects = input
            .projects
            .iter()
            .zip(project_years)
            .filter(|(p, _)| p.has_money())
            .map(|(p, years)| ProjectFunding {
                node: p.node,
                years,
            })
            .collect();
        FundingFigures {
            outside_horizon: outside_horizon(input, &years),
            years,
            totals,
            later,
            groups,
            projects,
            capabilities,
            earned_value,
        }
    }
}

/// The fiscal years from the one holding day 0 to the fifth after the one
/// holding the later portfolio finish (or to `--until`), widened to every
/// year that carries an authorisation or a ceiling (kept, never dropped;
/// after `--until` they are reported instead).
fn horizon(input: &FundingInput) -> Vec<FiscalYear> {
    let fiscal = &input.fiscal;
    let keyed_years = input
        .projects
        .iter()
        .flat_map(|p| p.authorised.years())
        .chain(input.ceiling_investment.keys().copied())
        .chain(input.ceiling_om.keys().copied())
        .map(i64::from);
    let (mut first, mut last) = (fiscal.year_of(0), i64::MIN);
    for year in keyed_years {
        first = first.min(year);
        last = last.max(year);
    }
    let last = match input.until {
        Some(until) => until,
        None => last.max(
            fiscal
                .year_of(input.baseline_finish.max(input.current_finish))
                .saturating_add(YEARS_AFTER_FINISH),
        ),
    };
    let last = last.clamp(first, first + MAX_HORIZON_YEARS - 1);
    (first..=last)
        .map(|year| FiscalYear {
            year,
            start: fiscal.year_start(year),
            end: fiscal.year_start(year + 1),
        })
        .collect()
}

/// Authorisations and ceilings of years after the horizon.
fn outside_horizon(input: &FundingInput, years: &[FiscalYear]) -> Vec<OutsideHorizon> {
    let last = years[years.len() - 1].year;
    let after = |year: &&i32| i64::from(**year) > last;
    let mut outside: Vec<OutsideHorizon> = input
        .ceiling_investment
        .keys()
        .filter(after)
        .map(|&year| OutsideHorizon::CeilingInvestment { year })
        .collect();
    outside.extend(
        input
            .ceiling_om
            .keys()
            .filter(after)
            .map(|&year| OutsideHorizon::CeilingOm { year }),
    );
    for p in &input.projects {
        outside.extend(
            p.authorised
                .years()
                .filter(|year| after(&year))
                .map(|year| OutsideHorizon::Authorised { node: p.node, year }),
        );
    }
    outside
}

/// Σ over fiscal years of (days of `from … to − 1` in the year) ÷ (days of
/// the year): how many years' worth of a yearly amount those days cost.
/// O(1): every whole fiscal year in between counts exactly 1.
fn years_between(fiscal: &FiscalCalendar, from: i64, to: i64) -> f64 {
    if to <= from {
        return 0.0;
    }
    let (a, b) = (fiscal.year_of(from), fiscal.year_of(to - 1));
    let part = |year: i64, from: i64, to: i64| {
        let (start, end) = (fiscal.year_start(year), fiscal.year_start(year + 1));
        (to.min(end) - from.max(start)) as f64 / (end - start) as f64
    };
    if a == b {
        part(a, from, to)
    } else {
        part(a, from, to) + part(b, from, to) + (b - a - 1) as f64
    }
}

/// Earned value of every project whose update reports progress, rolled up
/// for the portfolio and per domain.
fn earned_value(input: &FundingInput, as_of: i64) -> EarnedValue {
    let projects: Vec<(NodeIndex, Option<&str>, ProjectEarnedValue)> = input
        .projects
        .iter()
        .filter_map(|p| {
            let progress = p.progress.filter(Progress::reports_progress)?;
            let bac = p.investment.unwrap_or(0.0);
            let ev = project_earned_value(bac, &p.curve, p.baseline, as_of, &progress);
            Some((p.node, p.domain, ev))
        })
        .collect();
    let mut by_domain: BTreeMap<&str, Vec<&Measures>> = BTreeMap::new();
    for (_, domain, ev) in &projects {
        if let Some(domain) = domain {
            by_domain.entry(domain).or_default().push(&ev.measures);
        }
    }
    EarnedValue {
        portfolio: roll_up(projects.iter().map(|(_, _, ev)| &ev.measures)),
        domains: by_domain
            .into_iter()
            .map(|(domain, measures)| (domain.to_string(), roll_up(measures)))
            .collect(),
        projects: projects.iter().map(|(n, _, ev)| (*n, *ev)).collect(),
    }
}

#[cfg(test)]
mod tests;
