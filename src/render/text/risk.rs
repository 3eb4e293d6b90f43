//! The schedule risk report for people (`risk --format table|md`).

use std::io::{self, Write};

use petgraph::graph::NodeIndex;

use crate::analysis::risk::draw::round_half_up;
use crate::analysis::risk::statistics::FinishDistribution;
use crate::analysis::risk::{NodeShare, RiskAnalysis};
use crate::model::{NodeKind, Portfolio};

use super::money::format_thousands;
use super::report::{heading, paragraph};
use super::table::{Align, Style, Table};
use super::wording::{count, percent};

/// Projects listed in the criticality table.
const CRITICALITY_ROWS: usize = 20;
/// Width of a full tornado bar (|ρ| = 1), in characters.
const BAR_WIDTH: f64 = 30.0;

/// The risk report of a simulation, on the simulation's own portfolio.
pub struct RiskReport<'a> {
    portfolio: &'a Portfolio,
    risk: &'a RiskAnalysis<'a>,
}

/// How the iterations drew, in a sentence.
pub fn method_sentence(risk: &RiskAnalysis) -> String {
    let o = &risk.options;
    let linked = if o.correlation > 0.0 {
        format!(
            "durations within a domain correlated (R = {})",
            o.correlation
        )
    } else {
        "durations independent".to_string()
    };
    let varying = if risk.varying == 0 {
        "no project's duration varies (no project not yet complete has a range with min < max): every iteration is the plan".to_string()
    } else {
        format!("{} vary", count(risk.varying, "project", "projects"))
    };
    format!(
        "{} iterations (seed {}), {} distributions, {linked}; {varying}.",
        format_thousands(o.iterations as f64),
        o.seed,
        o.shape.as_str(),
    )
}

/// `P-COM-001 92 %, P-CYB-002 61 %`.
pub fn shares_text(portfolio: &Portfolio, shares: &[NodeShare]) -> String {
    shares
        .iter()
        .map(|s| format!("{} {}", portfolio.id(s.node), percent(s.share)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl<'a> RiskReport<'a> {
    pub fn new(risk: &'a RiskAnalysis<'a>) -> Self {
        RiskReport {
            portfolio: risk.portfolio(),
            risk,
        }
    }

    pub fn write(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let p = self.portfolio;
        heading(style, 1, &format!("{} — schedule risk", p.name()), out)?;
        writeln!(out)?;
        let status = match &self.risk.as_of_date {
            Some(as_of) => format!(" With the status as of {as_of}."),
            None => String::new(),
        };
        paragraph(
            style,
            &format!(
                "{} The portfolio starts on {}.{status}",
                method_sentence(self.risk),
                p.calendar().format(0)
            ),
            out,
        )?;
        writeln!(out)?;
        self.write_finishes(style, out)?;
        writeln!(out)?;
        self.write_drivers(style, out)?;
        writeln!(out)?;
        self.write_criticality(style, out)?;
        writeln!(out)?;
        self.write_sensitivity(style, out)
    }

    fn finish_row(&self, id: &str, name: &str, f: &FinishDistribution) -> Vec<String> {
        let calendar = self.portfolio.calendar();
        vec![
            id.to_string(),
            name.to_string(),
            f.target.map_or("—".to_string(), |t| calendar.format(t)),
            f.by_target.map_or("—".to_string(), percent),
            calendar.format(f.deterministic),
            percent(f.by_deterministic),
            calendar.format(f.p10),
            calendar.format(f.p50),
            calendar.format(f.p80),
            calendar.format(f.p90),
            calendar.format(round_half_up(f.mean)),
        ]
    }

    fn write_finishes(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let p = self.portfolio;
        heading(
            style,
            2,
            "Finish dates and the chance of meeting each target",
            out,
        )?;
        paragraph(
            style,
            "Plan: the date with the most likely durations. P(date): the share of iterations \
             finishing by that date. Pp: the date by which p % of the iterations finish.",
            out,
        )?;
        writeln!(out)?;
        let mut table = Table::new(&[
            ("Finish of", Align::Left),
            ("Name", Align::Left),
            ("Target", Align::Left),
            ("P(target)", Align::Right),
            ("Plan", Align::Left),
            ("P(plan)", Align::Right),
            ("P10", Align::Left),
            ("P50", Align::Left),
            ("P80", Align::Left),
            ("P90", Align::Left),
            ("Mean", Align::Left),
        ]);
        table.push(self.finish_row("portfolio", "every project", &self.risk.finish));
        for c in &self.risk.capabilities {
            table.push(self.finish_row(p.id(c.node), &p.node(c.node).name, &c.finish));
        }
        table.write(style, out)
    }

    fn write_drivers(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let p = self.portfolio;
        heading(
            style,
            2,
            "What drives each capability (share of iterations on its driving path)",
            out,
        )?;
        if self.risk.capabilities.is_empty() {
            return paragraph(style, "The portfolio has no capabilities.", out);
        }
        let mut table = Table::new(&[("Capability", Align::Left), ("Drivers", Align::Left)]);
        for c in &self.risk.capabilities {
            let drivers = if c.drivers.is_empty() {
                "nothing: it is bound by no link".to_string()
            } else {
                shares_text(p, &c.drivers)
            };
            table.push(vec![p.id(c.node).to_string(), drivers]);
        }
        table.write(style, out)
    }

    fn write_criticality(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let p = self.portfolio;
        let mut projects: Vec<(NodeIndex, f64)> = p
            .nodes_by_id()
            .iter()
            .filter(|n| p.node(**n).kind == NodeKind::Project)
            .map(|&n| (n, self.risk.criticality[n.index()]))
            .filter(|(_, c)| *c > 0.0)
            .collect();
        // nodes_by_id is in id order and the sort is stable: ties stay by id.
        projects.sort_by(|a, b| b.1.total_cmp(&a.1));
        let shown = projects.len().min(CRITICALITY_ROWS);
        heading(
            style,
            2,
            &format!(
                "Criticality index: {} critical in some iterations{}",
                count(projects.len(), "project", "projects"),
                if shown < projects.len() {
                    format!(", the {shown} most often")
                } else {
                    String::new()
                }
            ),
            out,
        )?;
        paragraph(
            style,
            "The share of iterations in which the project is critical (total float 0 or less).",
            out,
        )?;
        writeln!(out)?;
        if projects.is_empty() {
            return paragraph(style, "No project is ever critical.", out);
        }
        let mut table = Table::new(&[
            ("Project", Align::Left),
            ("Name", Align::Left),
            ("Criticality", Align::Right),
        ]);
        for &(n, c) in &projects[..shown] {
            table.push(vec![
                p.id(n).to_string(),
                p.node(n).name.clone(),
                percent(c),
            ]);
        }
        table.write(style, out)
    }

    fn write_sensitivity(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let p = self.portfolio;
        heading(
            style,
            2,
            "Sensitivity: whose duration moves the portfolio finish",
            out,
        )?;
        paragraph(
            style,
            "Spearman rank correlation of each project's drawn duration with the \
             portfolio finish (1: the finish moves with it, 0: not at all).",
            out,
        )?;
        writeln!(out)?;
        if self.risk.sensitivity.is_empty() {
            return paragraph(style, "No project's duration varies.", out);
        }
        let mut table = Table::new(&[
            ("Project", Align::Left),
            ("Name", Align::Left),
            ("ρ", Align::Right),
            ("", Align::Left),
        ]);
        for s in &self.risk.sensitivity {
            let bar = "█".repeat((s.correlation.abs() * BAR_WIDTH).round() as usize);
            table.push(vec![
                p.id(s.node).to_string(),
                p.node(s.node).name.clone(),
                format!("{:.2}", s.correlation),
                bar,
            ]);
        }
        table.write(style, out)
    }
}
