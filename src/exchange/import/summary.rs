//! The import's report on stderr (SPEC §10): what it read, how it mapped
//! it, what it approximated or left out, and how closely capgraph's
//! schedule reproduces the source's own dates.

use std::io::{self, Write};

use super::fidelity::{Agreement, Fidelity};
use super::imported::{ImportSummary, Tally};

fn tally(label: &str, tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
    if tally.count == 0 {
        return Ok(());
    }
    let more = if tally.count > tally.first.len() {
        ", …"
    } else {
        ""
    };
    writeln!(
        out,
        "  {label}: {} ({}{more})",
        tally.count,
        tally.first.join(", ")
    )
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "—".to_string()
    } else {
        format!("{:.1} %", part as f64 * 100.0 / whole as f64)
    }
}

fn agreement(label: &str, a: &Agreement, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "  {label} ({} activities): early starts {} exact ({}), {} within ±7 days ({}); \
         early finishes {} exact ({}), {} within ±7 days ({})",
        a.activities,
        a.starts_exact,
        percent(a.starts_exact, a.activities),
        a.starts_within_week,
        percent(a.starts_within_week, a.activities),
        a.finishes_exact,
        percent(a.finishes_exact, a.activities),
        a.finishes_within_week,
        percent(a.finishes_within_week, a.activities),
    )
}

/// Writes the summary of an import (P6, MS Project).
pub fn write_import_summary(
    file: &str,
    summary: &ImportSummary,
    fidelity: &Fidelity,
    out: &mut dyn Write,
) -> io::Result<()> {
    let s = summary;
    writeln!(
        out,
        "{file}: {} project {}, data date {}: {} activities read",
        s.tool,
        s.project,
        if s.data_date.is_empty() {
            "none"
        } else {
            &s.data_date
        },
        s.activities
    )?;
    writeln!(
        out,
        "  mapped: {} projects ({} activities, {} milestones of duration 0); links FS {}, SS {}, FF {}, SF {}",
        s.tasks + s.milestones,
        s.tasks,
        s.milestones,
        s.links[0],
        s.links[1],
        s.links[2],
        s.links[3]
    )?;
    if !s.ids_from.is_empty() {
        writeln!(out, "  ids: the {}", s.ids_from)?;
    }
    if s.data_date.is_empty() {
        writeln!(
            out,
            "  status: none (the file has no data date; capgraph reads no progress without one)"
        )?;
    } else {
        writeln!(
            out,
            "  status: {} complete, {} in progress (actual dates, remaining days); as_of {}",
            s.complete, s.in_progress, s.data_date
        )?;
    }
    writeln!(
        out,
        "  costs: {} activities with a budgeted cost, {:.2} in all (cost.investment)",
        s.with_cost, s.investment
    )?;
    write!(
        out,
        "  start on or after constraints kept as start: {}",
        s.start_constraints
    )?;
    if s.held_at_data_date > 0 {
        write!(
            out,
            "; {} not-started activities held at the data date (as {} schedules them)",
            s.held_at_data_date, s.tool
        )?;
    }
    writeln!(out)?;
    writeln!(out, "left out:")?;
    tally(
        &format!("{} (no node)", s.summaries_are),
        &s.wbs_summaries,
        out,
    )?;
    tally(
        "level-of-effort activities (no node)",
        &s.level_of_effort,
        out,
    )?;
    if s.links_to_left_out > 0 {
        writeln!(out, "  links to or from those: {}", s.links_to_left_out)?;
    }
    if s.links_to_other_projects > 0 {
        writeln!(
            out,
            "  links to activities of other projects: {}",
            s.links_to_other_projects
        )?;
    }
    for (kind, t) in &s.constraints_left_out {
        tally(&format!("constraints {kind}"), t, out)?;
    }
    for (what, t) in &s.other_left_out {
        tally(what, t, out)?;
    }
    writeln!(out, "approximated:")?;
    tally(
        "activities on calendars of fewer than 7 working days a week (durations and lags as round(h ÷ H × 7 ÷ W) days)",
        &s.approximated_calendars,
        out,
    )?;
    for (what, t) in &s.other_approximated {
        tally(what, t, out)?;
    }
    writeln!(
        out,
        "capgraph's schedule against {}'s own dates (actual dates, else its early dates):",
        s.tool
    )?;
    agreement("all activities", &fidelity.all, out)?;
    agreement("on 7-day calendars", &fidelity.seven_day, out)
}
