//! Hand-worked portfolios for the funding computation. Every portfolio here
//! starts on 2025-01-01 (day 0): 2025 is days 0 … 364, 2026 days 365 … 729,
//! 2027 days 730 … 1094, 2028 (leap) days 1095 … 1460.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use super::curve::{Curve, Span};
use super::earned_value::Progress;
use super::fiscal::FiscalCalendar;
use super::*;
use crate::model::calendar::parse_date;
use crate::model::{AmountsByYear, CostProfile};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

fn calendar_years() -> FiscalCalendar {
    FiscalCalendar::new(parse_date("2025-01-01").unwrap(), 1, 1)
}

fn project<'a>(
    index: usize,
    id: &'a str,
    investment: f64,
    baseline: Span,
    authorised: &'a AmountsByYear,
) -> ProjectMoney<'a> {
    ProjectMoney {
        node: NodeIndex::new(index),
        id,
        domain: Some("core"),
        investment: Some(investment),
        om_per_year: None,
        curve: Curve::new(&CostProfile::Linear.weights()),
        authorised,
        baseline,
        current: baseline,
        progress: None,
    }
}

fn input<'a>(
    projects: Vec<ProjectMoney<'a>>,
    ceilings: &'a BTreeMap<i32, f64>,
    ceilings_om: &'a BTreeMap<i32, f64>,
) -> FundingInput<'a> {
    let baseline_finish = projects.iter().map(|p| p.baseline.ef).max().unwrap_or(0);
    let current_finish = projects.iter().map(|p| p.current.ef).max().unwrap_or(0);
    FundingInput {
        fiscal: calendar_years(),
        projects,
        capabilities: Vec::new(),
        groups: Vec::new(),
        ceiling_investment: ceilings,
        ceiling_om: ceilings_om,
        baseline_finish,
        current_finish,
        as_of: None,
        until: None,
    }
}

#[test]
fn a_forty_day_project_crossing_a_year_end_moves_half_its_money_when_it_slips() {
    // Baseline days 345 … 384: 20 days in 2025, 20 in 2026, 500 000 each.
    // This week days 365 … 404: all 1 000 000 in 2026.
    // Shift: 2025 −500 000, 2026 +500 000.
    // O&M 365 000 a year from the finish: baseline day 385 → 2026 has
    // 730 − 385 = 345 days in service: 345 000; this week day 405 → 325 000;
    // 2027 a full 365 000 either way.
    // Authorised 2025: 600 000 (this week spends 0: 600 000 unspendable);
    // 2026: 300 000 (this week 1 000 000: 700 000 unfunded).
    // Ceilings: 2025 1 000 000 (no excess), 2026 800 000 (excess 200 000);
    // O&M 2027 300 000 (excess 65 000).
    let authorised = AmountsByYear::from_iter([(2025, 600_000.0), (2026, 300_000.0)]);
    let ceilings = BTreeMap::from([(2025, 1_000_000.0), (2026, 800_000.0)]);
    let ceilings_om = BTreeMap::from([(2027, 300_000.0)]);
    let mut p = project(0, "P-1", 1e6, Span { es: 345, ef: 385 }, &authorised);
    p.om_per_year = Some(365_000.0);
    p.current = Span { es: 365, ef: 405 };
    let funding = FundingFigures::compute(&input(vec![p], &ceilings, &ceilings_om));

    // Horizon: 2025 to the fifth year after 2026 (the finish's year).
    let labels: Vec<i64> = funding.years.iter().map(|y| y.year).collect();
    assert_eq!(labels, (2025..=2031).collect::<Vec<_>>());
    assert_eq!((funding.years[1].start, funding.years[1].end), (365, 730));

    let t = &funding.totals;
    assert!(close(t[0].flows.baseline, 500_000.0));
    assert!(close(t[0].flows.current, 0.0));
    assert!(close(t[0].flows.shift, -500_000.0));
    assert!(close(t[1].flows.baseline, 500_000.0));
    assert!(close(t[1].flows.current, 1_000_000.0));
    assert!(close(t[1].flows.shift, 500_000.0));
    assert!(close(t[1].flows.om_baseline, 345_000.0));
    assert!(close(t[1].flows.om, 325_000.0));
    assert!(close(t[2].flows.om, 365_000.0));
    assert_eq!(t[0].excess_investment, Some(0.0));
    assert!(close(t[1].excess_investment.unwrap(), 200_000.0));
    assert_eq!(t[3].ceiling_investment, None);
    assert_eq!(t[3].excess_investment, None);
    assert!(close(t[2].excess_om.unwrap(), 65_000.0));
    assert_eq!(t[1].excess_om, None);

    let years = &funding.projects[0].years;
    // 2025 and 2026; 2027 … 2031 are full years of O&M in both schedules
    // (365 000 each, counted in the totals), left out of the project's list.
    assert_eq!(years.len(), 2);
    assert!(close(t[4].flows.om, 365_000.0));
    assert_eq!(years[0].authorised, Some(600_000.0));
    assert!(close(years[0].unspendable.unwrap(), 600_000.0));
    assert_eq!(years[0].unfunded, Some(0.0));
    assert_eq!(years[1].unspendable, Some(0.0));
    assert!(close(years[1].unfunded.unwrap(), 700_000.0));

    assert_eq!(funding.later, Later::default());
    assert_eq!(funding.earned_value, None);
}

#[test]
fn a_fiscal_year_from_april() {
    // FY 2024 = 2024-04-01 … 2025-03-31 holds days 0 … 89 (Jan 31 + Feb 28
    // + Mar 31 = 90 days). A linear 100-day project on days 40 … 139 spends
    // 50 days (50 %) in FY 2024 and 50 in FY 2025.
    let none = BTreeMap::new();
    let no_years = AmountsByYear::default();
    let p = project(0, "P-1", 2e6, Span { es: 40, ef: 140 }, &no_years);
    let mut i = input(vec![p], &none, &none);
    i.fiscal = FiscalCalendar::new(parse_date("2025-01-01").unwrap(), 4, 1);
    let funding = FundingFigures::compute(&i);
    assert_eq!(funding.years[0].year, 2024);
    assert_eq!((funding.years[0].start, funding.years[0].end), (-275, 90));
    assert!(close(funding.totals[0].flows.baseline, 1e6));
    assert!(close(funding.totals[1].flows.baseline, 1e6));
    // Horizon: FY 2024 … FY(day 140) + 5 = 2030.
    assert_eq!(funding.years.last().unwrap().year, 2030);
}

#[test]
fn om_from_mid_year_in_a_leap_year() {
    // A milestone project finishing 2028-07-01 = day 1095 + 182 = 1277:
    // 2028 has 366 days, 184 of them in service: 730 000 × 184/366.
    let none = BTreeMap::new();
    let no_years = AmountsByYear::default();
    let mut p = project(0, "P-1", 0.0, Span { es: 1277, ef: 1277 }, &no_years);
    p.om_per_year = Some(730_000.0);
    let funding = FundingFigures::compute(&input(vec![p], &none, &none));
    let i2028 = funding.year_index(2028).unwrap();
    assert!(close(
        funding.totals[i2028].flows.om,
        730_000.0 * 184.0 / 366.0
    ));
    assert_eq!(funding.totals[i2028 - 1].flows.om, 0.0);
    assert!(close(funding.totals[i2028 + 1].flows.om, 730_000.0));
}

#[test]
fn a_milestone_spends_on_the_day_of_its_start() {
    // 3 000 000 on day 365 (2026-01-01): all in 2026.
    let none = BTreeMap::new();
    let no_years = AmountsByYear::default();
    let p = project(0, "P-1", 3e6, Span { es: 365, ef: 365 }, &no_years);
    let funding = FundingFigures::compute(&input(vec![p], &none, &none));
    assert_eq!(funding.totals[0].flows.baseline, 0.0);
    assert_eq!(funding.totals[1].flows.baseline, 3e6);
}

#[test]
fn cost_of_delay_is_charged_per_day_of_its_fiscal_year() {
    // Legacy O&M 730 000 a year; baseline finish day 355, this week 375:
    // days 355 … 364 of 2025 (10/365 × 730 000 = 20 000) and 365 … 374 of
    // 2026 (20 000): 40 000 in all. A capability finishing 10 days early
    // (day 345 against 355) saves 10/365 × 365 000 = 10 000 in 2025.
    let none = BTreeMap::new();
    let no_years = AmountsByYear::default();
    let p = project(0, "P-1", 1e6, Span { es: 0, ef: 375 }, &no_years);
    let mut i = input(vec![p], &none, &none);
    i.capabilities = vec![
        CapabilityMoney {
            node: NodeIndex::new(1),
            id: "CAP-A",
            legacy_om_per_year: 730_000.0,
            baseline_finish: 355,
            current_finish: 375,
        },
        CapabilityMoney {
            node: NodeIndex::new(2),
            id: "CAP-B",
            legacy_om_per_year: 365_000.0,
            baseline_finish: 355,
            current_finish: 345,
        },
    ];
    let funding = FundingFigures::compute(&i);
    let a = funding.capabilities[0];
    assert_eq!(a.slip_days, 20);
    assert!(close(a.cost_of_delay, 40_000.0));
    let b = funding.capabilities[1];
    assert_eq!(b.slip_days, -10);
    assert!(close(b.cost_of_delay, -10_000.0));
    assert!(close(funding.totals[0].cost_of_delay, 20_000.0 - 10_000.0));
    assert!(close(funding.totals[1].cost_of_delay, 20_000.0));
}

#[test]
fn money_after_the_horizon_is_later_and_keyed_years_widen_it() {
    // --until 2025: the 40-day project's 2026 half (500 000) is later; a
    // delay of a capability from day 355 to 375 costs 20 000 inside 2025
    // and 20 000 later. O&M is counted inside the horizon only.
    // An authorisation for 2024 (before day 0) widens the horizon back;
    // a ceiling for 2030 is after --until: reported as outside.
    let authorised = AmountsByYear::from_iter([(2024, 1.0)]);
    let ceilings = BTreeMap::from([(2030, 5.0)]);
    let none = BTreeMap::new();
    let mut p = project(0, "P-1", 1e6, Span { es: 345, ef: 385 }, &authorised);
    p.om_per_year = Some(1e5);
    let mut i = input(vec![p], &ceilings, &none);
    i.until = Some(2025);
    i.capabilities = vec![CapabilityMoney {
        node: NodeIndex::new(1),
        id: "CAP-A",
        legacy_om_per_year: 730_000.0,
        baseline_finish: 355,
        current_finish: 375,
    }];
    let funding = FundingFigures::compute(&i);
    let labels: Vec<i64> = funding.years.iter().map(|y| y.year).collect();
    assert_eq!(labels, vec![2024, 2025]);
    assert!(close(funding.later.baseline, 500_000.0));
    assert!(close(funding.later.current, 500_000.0));
    assert!(close(funding.later.cost_of_delay, 20_000.0));
    assert!(close(funding.capabilities[0].cost_of_delay, 40_000.0));
    assert_eq!(
        funding.outside_horizon,
        vec![OutsideHorizon::CeilingInvestment { year: 2030 }]
    );
    let first = funding.projects[0].years[0];
    assert_eq!((first.year, first.authorised), (0, Some(1.0)));
    assert_eq!(first.unspendable, Some(1.0));
}

#[test]
fn the_estimate_at_completion_is_phased_this_week() {
    // Investment 1 000 000 on days 0 … 99 (2025); the update's estimate
    // 1 200 000: this week 1 200 000 in 2025, shift +200 000.
    let none = BTreeMap::new();
    let no_years = AmountsByYear::default();
    let mut p = project(0, "P-1", 1e6, Span { es: 0, ef: 100 }, &no_years);
    p.progress = Some(Progress {
        estimate_at_completion: Some(1.2e6),
        ..Progress::default()
    });
    let funding = FundingFigures::compute(&input(vec![p], &none, &none));
    assert!(close(funding.totals[0].flows.current, 1.2e6));
    assert!(close(funding.totals[0].flows.shift, 2e5));
}

#[test]
fn groups_and_earned_value_roll_up_their_projects() {
    // A (core): 1 000 000 linear days 0 … 99, 40 % complete, AC 500 000.
    // B (cyber): 2 000 000 linear days 100 … 299, 30 %, no AC.
    // C (cyber): no progress reported: not in earned value.
    // as_of day 150: A PV 1 000 000, EV 400 000; B PV 500 000, EV 600 000.
    // Portfolio: BAC 3e6, PV 1.5e6, EV 1e6, AC null (B has none), SPI 2/3.
    // Cyber: BAC 2e6, PV 5e5, EV 6e5, SPI 1.2.
    // Groups: "both" holds A and B (2025: 1e6 + 2e6 × 200/200... B spends
    // days 100 … 299, all in 2025): 3e6 in 2025.
    let none = BTreeMap::new();
    let no_years = AmountsByYear::default();
    let mut a = project(0, "A", 1e6, Span { es: 0, ef: 100 }, &no_years);
    a.progress = Some(Progress {
        percent_complete: Some(40.0),
        actual_cost: Some(5e5),
        ..Progress::default()
    });
    let mut b = project(1, "B", 2e6, Span { es: 100, ef: 300 }, &no_years);
    b.domain = Some("cyber");
    b.progress = Some(Progress {
        percent_complete: Some(30.0),
        ..Progress::default()
    });
    let mut c = project(2, "C", 1e6, Span { es: 0, ef: 10 }, &no_years);
    c.domain = Some("cyber");
    c.progress = Some(Progress {
        actual_cost: Some(1.0),
        ..Progress::default()
    });
    let mut i = input(vec![a, b, c], &none, &none);
    i.as_of = Some(150);
    i.groups = vec![GroupMembers {
        id: "both".to_string(),
        members: vec![0, 1],
    }];
    let funding = FundingFigures::compute(&i);
    assert!(close(funding.groups[0].years[0].baseline, 3e6));
    let ev = funding.earned_value.unwrap();
    assert_eq!(ev.projects.len(), 2);
    assert!(close(ev.portfolio.bac, 3e6));
    assert!(close(ev.portfolio.pv, 1.5e6));
    assert!(close(ev.portfolio.ev, 1e6));
    assert_eq!(ev.portfolio.ac, None);
    assert!(close(ev.portfolio.spi.unwrap(), 2.0 / 3.0));
    assert_eq!(ev.domains[0].0, "core");
    assert_eq!(ev.domains[1].0, "cyber");
    assert!(close(ev.domains[1].1.spi.unwrap(), 1.2));
    assert!(close(ev.domains[0].1.cpi.unwrap(), 0.8));
}

#[test]
fn huge_amounts_and_far_years_give_figures_not_panics() {
    // 1e300 over a million-day span ending some 2 700 years on; an
    // authorisation in year 9999.
    let authorised = AmountsByYear::from_iter([(9999, 1e300)]);
    let none = BTreeMap::new();
    let mut p = project(
        0,
        "P-1",
        1e300,
        Span {
            es: 0,
            ef: 1_000_000,
        },
        &authorised,
    );
    p.om_per_year = Some(1e300);
    let funding = FundingFigures::compute(&input(vec![p], &none, &none));
    let total: f64 = funding.totals.iter().map(|t| t.flows.baseline).sum();
    assert!(close(total, 1e300));
    assert_eq!(funding.years.last().unwrap().year, 9999);
    assert!(funding.years.len() <= MAX_HORIZON_YEARS as usize);
}

#[test]
fn a_year_without_an_authorisation_is_not_unfunded() {
    // Authorised for 2025 only (500 000); the 40-day project spends 500 000
    // in 2025 and 500 000 in 2026: 2026 has no authorised, unspendable or
    // unfunded figure at all.
    let authorised = AmountsByYear::from_iter([(2025, 500_000.0)]);
    let none = BTreeMap::new();
    let p = project(0, "P-1", 1e6, Span { es: 345, ef: 385 }, &authorised);
    let funding = FundingFigures::compute(&input(vec![p], &none, &none));
    let years = &funding.projects[0].years;
    assert_eq!(years[0].unfunded, Some(0.0));
    assert_eq!(years[0].unspendable, Some(0.0));
    assert_eq!(funding.years[years[1].year].year, 2026);
    assert!(close(years[1].flows.current, 500_000.0));
    assert_eq!(
        (years[1].authorised, years[1].unspendable, years[1].unfunded),
        (None, None, None)
    );
}
