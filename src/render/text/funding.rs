//! Money by fiscal year for people (`funding --format table|md`): the
//! portfolio's years, the groups, each project's years with its
//! authorisations, the cost of delay and earned value. Amounts are rounded
//! to whole units of `--unit`; the JSON carries them unrounded.

use std::io::{self, Write};

use crate::analysis::funding::earned_value::Measures;
use crate::analysis::funding::{Funding, OutsideHorizon};

use super::money::MoneyUnit;
use super::report::{heading, paragraph};
use super::table::{Align, Style, Table};
use super::wording::{count, listing, signed_days};

/// The report of a funding, on the funding's own portfolio, amounts in `unit`.
pub struct FundingReport<'a> {
    pub funding: &'a Funding<'a>,
    pub unit: MoneyUnit,
}

/// An optional figure: blank when absent.
fn cell(unit: MoneyUnit, x: Option<f64>) -> String {
    x.map(|x| unit.format(x)).unwrap_or_default()
}

/// A ratio with two decimals, `–` when it cannot be computed.
pub fn ratio_text(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |x| format!("{x:.2}"))
}

impl FundingReport<'_> {
    pub fn write(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let portfolio = self.funding.portfolio();
        let f = &self.funding.figures;
        let u = self.unit;
        let group_word = self.funding.group_by.word();
        let money = u.label(portfolio.currency());
        heading(
            style,
            1,
            &format!("{} — money by fiscal year", portfolio.name()),
            out,
        )?;
        writeln!(out)?;
        let first = f.years.first().map_or(0, |y| y.year);
        let last = f.years.last().map_or(0, |y| y.year);
        let scenario = match &self.funding.as_of_date {
            Some(date) => format!("baseline against this week (status as of {date})"),
            None => "baseline schedule (no status file: this week = baseline)".to_string(),
        };
        paragraph(
            style,
            &format!(
                "Amounts in {money}, rounded; {scenario}. Fiscal years start on {} (MM-DD); \
                 horizon {first}–{last}.",
                self.funding.fiscal.start_text()
            ),
            out,
        )?;
        writeln!(out)?;

        heading(style, 2, "Portfolio by fiscal year", out)?;
        writeln!(out)?;
        let mut totals = Table::new(&[
            ("Year", Align::Left),
            ("Baseline", Align::Right),
            ("This week", Align::Right),
            ("Shift", Align::Right),
            ("O&M baseline", Align::Right),
            ("O&M", Align::Right),
            ("Cost of delay", Align::Right),
            ("Ceiling", Align::Right),
            ("Excess", Align::Right),
            ("O&M ceiling", Align::Right),
            ("O&M excess", Align::Right),
        ]);
        for (y, t) in f.years.iter().zip(&f.totals) {
            totals.push(vec![
                y.year.to_string(),
                u.format(t.flows.baseline),
                u.format(t.flows.current),
                u.format(t.flows.shift),
                u.format(t.flows.om_baseline),
                u.format(t.flows.om),
                u.format(t.cost_of_delay),
                cell(u, t.ceiling_investment),
                cell(u, t.excess_investment),
                cell(u, t.ceiling_om),
                cell(u, t.excess_om),
            ]);
        }
        totals.push(vec![
            format!("after {last}"),
            u.format(f.later.baseline),
            u.format(f.later.current),
            u.format(f.later.shift),
            String::new(),
            String::new(),
            u.format(f.later.cost_of_delay),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
        totals.write(style, out)?;
        writeln!(out)?;
        let outside = outside_horizon_lines(self.funding);
        for line in &outside {
            paragraph(style, line, out)?;
        }
        if !outside.is_empty() {
            writeln!(out)?;
        }

        if !f.groups.is_empty() {
            heading(
                style,
                2,
                &format!(
                    "Investment this week by {} (shift against the baseline)",
                    group_word
                ),
                out,
            )?;
            writeln!(out)?;
            let mut columns: Vec<(String, Align)> = vec![(capitalised(group_word), Align::Left)];
            columns.extend(f.years.iter().map(|y| (y.year.to_string(), Align::Right)));
            let columns: Vec<(&str, Align)> =
                columns.iter().map(|(h, a)| (h.as_str(), *a)).collect();
            let mut groups = Table::new(&columns);
            for g in &f.groups {
                let mut row = vec![g.id.clone()];
                row.extend(g.years.iter().map(|y| {
                    let shift = u.format(y.shift);
                    if shift == "0" {
                        u.format(y.current)
                    } else {
                        format!("{} ({}{shift})", u.format(y.current), plus(y.shift))
                    }
                }));
                groups.push(row);
            }
            groups.write(style, out)?;
            writeln!(out)?;
        }

        heading(style, 2, "Projects by fiscal year", out)?;
        writeln!(out)?;
        paragraph(
            style,
            "Years with investment or an authorisation; O&M from each project's first day in \
             service is in the portfolio table (and the JSON).",
            out,
        )?;
        writeln!(out)?;
        let mut projects = Table::new(&[
            ("Project", Align::Left),
            ("Year", Align::Left),
            ("Baseline", Align::Right),
            ("This week", Align::Right),
            ("Shift", Align::Right),
            ("Authorised", Align::Right),
            ("Unspendable", Align::Right),
            ("Unfunded", Align::Right),
        ]);
        for p in &f.projects {
            for y in &p.years {
                if y.flows.baseline == 0.0 && y.flows.current == 0.0 && y.authorised.is_none() {
                    continue;
                }
                projects.push(vec![
                    portfolio.id(p.node).to_string(),
                    f.years[y.year].year.to_string(),
                    u.format(y.flows.baseline),
                    u.format(y.flows.current),
                    u.format(y.flows.shift),
                    cell(u, y.authorised),
                    cell(u, y.unspendable),
                    cell(u, y.unfunded),
                ]);
            }
        }
        projects.write(style, out)?;
        writeln!(out)?;

        if !f.capabilities.is_empty() {
            heading(style, 2, "Cost of delay (legacy systems kept running)", out)?;
            writeln!(out)?;
            let mut delay = Table::new(&[
                ("Capability", Align::Left),
                ("Legacy O&M a year", Align::Right),
                ("Slip", Align::Right),
                ("Cost of delay", Align::Right),
            ]);
            for c in &f.capabilities {
                delay.push(vec![
                    portfolio.id(c.node).to_string(),
                    u.format(c.legacy_om_per_year),
                    signed_days(c.slip_days),
                    u.format(c.cost_of_delay),
                ]);
            }
            delay.write(style, out)?;
            writeln!(out)?;
        }

        if let Some(ev) = &f.earned_value {
            heading(style, 2, "Earned value", out)?;
            writeln!(out)?;
            if ev.projects.is_empty() {
                paragraph(
                    style,
                    "No update reports progress (percent complete or an actual finish).",
                    out,
                )?;
                return Ok(());
            }
            let mut rollups = Table::new(&[
                ("Scope", Align::Left),
                ("BAC", Align::Right),
                ("PV", Align::Right),
                ("EV", Align::Right),
                ("AC", Align::Right),
                ("SV", Align::Right),
                ("CV", Align::Right),
                ("SPI", Align::Right),
                ("CPI", Align::Right),
            ]);
            let row = |scope: String, m: &Measures| {
                vec![
                    scope,
                    u.format(m.bac),
                    u.format(m.pv),
                    u.format(m.ev),
                    cell(u, m.ac),
                    u.format(m.sv),
                    cell(u, m.cv),
                    ratio_text(m.spi),
                    ratio_text(m.cpi),
                ]
            };
            rollups.push(row("portfolio".to_string(), &ev.portfolio));
            for (domain, m) in &ev.domains {
                rollups.push(row(domain.clone(), m));
            }
            rollups.write(style, out)?;
            writeln!(out)?;
            let mut projects = Table::new(&[
                ("Project", Align::Left),
                ("BAC", Align::Right),
                ("PV", Align::Right),
                ("EV", Align::Right),
                ("AC", Align::Right),
                ("SPI", Align::Right),
                ("CPI", Align::Right),
                ("EAC", Align::Right),
                ("VAC", Align::Right),
                ("Earned schedule", Align::Left),
                ("SPI(t)", Align::Right),
            ]);
            let calendar = portfolio.calendar();
            for (node, p) in &ev.projects {
                let m = &p.measures;
                projects.push(vec![
                    portfolio.id(*node).to_string(),
                    u.format(m.bac),
                    u.format(m.pv),
                    u.format(m.ev),
                    cell(u, m.ac),
                    ratio_text(m.spi),
                    ratio_text(m.cpi),
                    cell(u, p.eac),
                    cell(u, p.vac),
                    p.es_day
                        .map(|t| calendar.format(t.floor() as i64))
                        .unwrap_or_default(),
                    ratio_text(p.spi_t),
                ]);
            }
            projects.write(style, out)?;
        }
        Ok(())
    }
}

/// What lies after the horizon (`--until`), in at most two sentences:
/// the ceilings' years, and the authorisations (how many, which projects).
pub fn outside_horizon_lines(phased: &Funding) -> Vec<String> {
    let (portfolio, funding) = (phased.portfolio(), &phased.figures);
    let last = funding.years.last().map_or(0, |y| y.year);
    let mut ceilings = Vec::new();
    let mut authorised = Vec::new();
    for outside in &funding.outside_horizon {
        match outside {
            OutsideHorizon::Authorised { node, year } => {
                authorised.push(format!("{} ({year})", portfolio.id(*node)));
            }
            OutsideHorizon::CeilingInvestment { year } => {
                ceilings.push(format!("investment {year}"))
            }
            OutsideHorizon::CeilingOm { year } => ceilings.push(format!("O&M {year}")),
        }
    }
    let mut lines = Vec::new();
    if !ceilings.is_empty() {
        lines.push(format!(
            "Ceilings after the horizon (last fiscal year {last}), not compared: {}.",
            listing(&ceilings)
        ));
    }
    if !authorised.is_empty() {
        lines.push(format!(
            "{} after the horizon (last fiscal year {last}), not compared: {}.",
            count(authorised.len(), "authorisation", "authorisations"),
            listing(&authorised)
        ));
    }
    lines
}

/// `+` before a positive shift (a negative one has its sign).
fn plus(x: f64) -> &'static str {
    if x > 0.0 {
        "+"
    } else {
        ""
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
