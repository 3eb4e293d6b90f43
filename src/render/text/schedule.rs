//! The schedule and path reports for people: aligned text or Markdown.

use std::io::{self, Write};

use petgraph::graph::NodeIndex;

use crate::analysis::path::TargetFloat;
use crate::analysis::schedule::{CapabilityDate, DrivingSteps, Schedule};
use crate::model::NodeKind;

use crate::render::text::chain::{id_chain, ChainIndex};
use crate::render::text::report::{heading, paragraph};
use crate::render::text::table::{write_rows, Align, Style, Table};
use crate::render::text::wording::signed_days;

/// What the schedule report shows: the schedule with its capabilities'
/// dates and driving paths, read from it once ([`ScheduleReport::new`]).
pub struct ScheduleReport<'a> {
    schedule: &'a Schedule<'a>,
    capabilities: Vec<CapabilityDate>,
    /// The steps of the capabilities' driving paths
    /// ([`Schedule::capability_steps`]): each row shows its path's first and
    /// last steps, found without walking the path whole.
    driving_steps: DrivingSteps,
    /// `as_of` of the status file applied, if any.
    as_of: Option<&'a str>,
    near_critical_days: i64,
}

/// The margin column's verdict: a word, so it reads without colour.
pub fn margin_verdict(margin: Option<i64>) -> &'static str {
    match margin {
        None => "no target",
        Some(m) if m < 0 => "LATE",
        Some(_) => "on time",
    }
}

impl<'a> ScheduleReport<'a> {
    /// The report of `schedule`, computed with `near_critical_days` under
    /// the status dated `as_of` (`None`: as planned).
    pub fn new(
        schedule: &'a Schedule<'a>,
        as_of: Option<&'a str>,
        near_critical_days: i64,
    ) -> Self {
        ScheduleReport {
            schedule,
            capabilities: schedule.capabilities(),
            driving_steps: schedule.capability_steps(),
            as_of,
            near_critical_days,
        }
    }

    pub fn write(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let p = self.schedule.portfolio();
        let calendar = p.calendar();
        heading(style, 1, &format!("{} — schedule", p.name()), out)?;
        writeln!(out)?;
        let status = match self.as_of {
            Some(as_of) => format!("with the status as of {as_of}"),
            None => "as planned (no status updates)".to_string(),
        };
        paragraph(
            style,
            &format!(
                "The portfolio starts on {}. Portfolio finish: {} ({} days after the start), {status}.",
                calendar.format(0),
                calendar.format(self.schedule.finish),
                self.schedule.finish
            ),
            out,
        )?;
        writeln!(out)?;
        self.write_capabilities(style, out)?;
        writeln!(out)?;
        self.write_critical_path(style, out)?;
        writeln!(out)?;
        self.write_projects(style, out)
    }

    fn write_capabilities(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let p = self.schedule.portfolio();
        let calendar = p.calendar();
        let late = self
            .capabilities
            .iter()
            .filter(|c| c.margin.is_some_and(|m| m < 0))
            .count();
        heading(
            style,
            2,
            &format!("Capabilities: {late} late of {}", self.capabilities.len()),
            out,
        )?;
        if self.capabilities.is_empty() {
            return paragraph(style, "The portfolio has no capabilities.", out);
        }
        let mut table = Table::new(&[
            ("Capability", Align::Left),
            ("Name", Align::Left),
            ("Target", Align::Left),
            ("Forecast", Align::Left),
            ("Margin", Align::Right),
            ("Status", Align::Left),
            ("Driven by", Align::Left),
        ]);
        // Late first (worst first), then the rest by id.
        let mut order: Vec<&CapabilityDate> = self.capabilities.iter().collect();
        order.sort_by_key(|c| (c.margin.map_or(i64::MAX, |m| m.min(0)), p.id_rank(c.node)));
        let mut paths = ChainIndex::new(p.node_count(), |n| self.driving_steps.previous(n));
        for c in order {
            table.push(vec![
                p.id(c.node).to_string(),
                p.node(c.node).name.clone(),
                c.target.map_or("—".to_string(), |t| calendar.format(t)),
                calendar.format(c.finish),
                c.margin.map_or("—".to_string(), signed_days),
                margin_verdict(c.margin).to_string(),
                paths.text(c.node, |n| p.id(n).to_string()),
            ]);
        }
        table.write(style, out)
    }

    fn write_critical_path(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let p = self.schedule.portfolio();
        let calendar = p.calendar();
        heading(style, 2, "Critical path (drives the portfolio finish)", out)?;
        if self.schedule.critical_path.is_empty() {
            return paragraph(style, "The portfolio is empty.", out);
        }
        let mut table = Table::new(&[
            ("Step", Align::Right),
            ("ID", Align::Left),
            ("Kind", Align::Left),
            ("Name", Align::Left),
            ("Start", Align::Left),
            ("Finish", Align::Left),
            ("Days", Align::Right),
        ]);
        for (step, &n) in self.schedule.critical_path.iter().enumerate() {
            let t = self.schedule.times(n);
            let node = p.node(n);
            table.push(vec![
                (step + 1).to_string(),
                node.id.clone(),
                node.kind.to_string(),
                node.name.clone(),
                calendar.format(t.es),
                calendar.format(t.ef),
                t.effective_duration().to_string(),
            ]);
        }
        table.write(style, out)
    }

    fn write_projects(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let p = self.schedule.portfolio();
        let calendar = p.calendar();
        let mut projects: Vec<NodeIndex> = p
            .nodes_by_id()
            .iter()
            .copied()
            .filter(|n| p.node(*n).kind == NodeKind::Project)
            .collect();
        projects.sort_by_key(|n| (self.schedule.times(*n).es, p.id_rank(*n)));
        let count = |state: &str| {
            projects
                .iter()
                .filter(|n| project_state(self.schedule, **n) == state)
                .count()
        };
        let mut title = format!(
            "Projects by early start: {} critical, {} near-critical (float ≤ {} days)",
            count("critical"),
            count("near-critical"),
            self.near_critical_days
        );
        let done = count("done");
        if done > 0 {
            title.push_str(&format!(", {done} done"));
        }
        heading(style, 2, &title, out)?;
        let columns = [
            ("ID", Align::Left),
            ("Name", Align::Left),
            ("Domain", Align::Left),
            ("Start", Align::Left),
            ("Finish", Align::Left),
            ("Days", Align::Right),
            ("Total float", Align::Right),
            ("Free float", Align::Right),
            ("Status", Align::Left),
        ];
        // Made as written, twice (widths first), never held: one row per project.
        let rows = |sink: &mut dyn FnMut(&[&str]) -> io::Result<()>| {
            let mut numbers = [
                itoa::Buffer::new(),
                itoa::Buffer::new(),
                itoa::Buffer::new(),
            ];
            for &n in &projects {
                let t = self.schedule.times(n);
                let node = p.node(n);
                let (start, finish) = (calendar.text(t.es), calendar.text(t.ef));
                let [days, total, free] = &mut numbers;
                // Finished work has no float to lose: it shows as done.
                let (total, free) = if t.complete {
                    ("-", "-")
                } else {
                    (total.format(t.total_float), free.format(t.free_float))
                };
                sink(&[
                    &node.id,
                    &node.name,
                    node.domain.as_deref().unwrap_or_default(),
                    start.as_str(),
                    finish.as_str(),
                    days.format(t.effective_duration()),
                    total,
                    free,
                    project_state(self.schedule, n),
                ])?;
            }
            Ok(())
        };
        write_rows(&columns, style, &rows, out)
    }
}

/// "done" (an `actual_finish`), "critical", "near-critical" or "".
fn project_state(schedule: &Schedule, node: NodeIndex) -> &'static str {
    let t = schedule.times(node);
    if t.complete {
        "done"
    } else if t.critical {
        "critical"
    } else if t.near_critical {
        "near-critical"
    } else {
        ""
    }
}

/// The `path` report: what drives one node and how close the rest are.
pub fn write_path(
    schedule: &Schedule,
    float: &TargetFloat,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let portfolio = schedule.portfolio();
    let calendar = portfolio.calendar();
    let target = portfolio.node(float.target);
    heading(
        style,
        1,
        &format!("What drives {} — {}", target.id, target.name),
        out,
    )?;
    writeln!(out)?;
    let mut text = format!(
        "{} finishes {} (day {})",
        target.id,
        calendar.format(float.finish),
        float.finish
    );
    if let Some(t) = target.target {
        let margin = t - float.finish;
        text.push_str(&format!(
            " against a target of {}: {} ({}).",
            calendar.format(t),
            signed_days(margin),
            margin_verdict(Some(margin))
        ));
    } else {
        text.push('.');
    }
    paragraph(style, &text, out)?;
    paragraph(
        style,
        &format!(
            "Driving path: {}.",
            id_chain(portfolio, &float.driving_path)
        ),
        out,
    )?;
    writeln!(out)?;
    if float.ancestors.is_empty() {
        return paragraph(style, &format!("Nothing comes before {}.", target.id), out);
    }
    heading(
        style,
        2,
        &format!(
            "Every predecessor, by float to {} (0 = drives it)",
            target.id
        ),
        out,
    )?;
    let mut table = Table::new(&[
        ("ID", Align::Left),
        ("Kind", Align::Left),
        ("Name", Align::Left),
        ("Float", Align::Right),
        ("Start", Align::Left),
        ("Finish", Align::Left),
    ]);
    for (n, f) in &float.ancestors {
        let node = portfolio.node(*n);
        let t = schedule.times(*n);
        table.push(vec![
            node.id.clone(),
            node.kind.to_string(),
            node.name.clone(),
            // Finished work cannot slip: done, not float.
            if t.complete {
                "done".to_string()
            } else {
                format!("{f}d")
            },
            calendar.format(t.es),
            calendar.format(t.ef),
        ]);
    }
    table.write(style, out)
}
