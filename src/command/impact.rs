//! `capgraph impact PORTFOLIO (--status FILE | --delay ID=DAYS ...) [--from FILE] [--structural]`.

use crate::analysis::impact::{Impact, StructuralImpact};
use crate::analysis::scenario::Scenario;
use crate::analysis::schedule::ScheduleOptions;
use crate::cli::{Format, ImpactArgs};
use crate::error::{Error, Result};
use crate::model::{Portfolio, Status};
use crate::render::json::impact as impact_json;
use crate::render::text::impact as impact_report;
use crate::render::text::impact::ReportOptions;
use crate::render::text::table::Style;

use super::output::emit_with;
use super::{load_portfolio, load_status, parse_delays, read_weeks, Streams};

/// Runs `impact`.
pub fn run(args: &ImpactArgs, streams: &mut Streams) -> Result<()> {
    let scenario = &args.scenario;
    if scenario.status.is_none() && scenario.delay.is_empty() {
        return Err(Error::Usage(
            if args.from.is_some() {
                "--from needs a scenario to compare with it: --status FILE (this week), or --delay ID=DAYS (a what-if on top of it)"
            } else {
                "impact needs a scenario: --status FILE, or --delay ID=DAYS (repeatable)"
            }
            .to_string(),
        ));
    }
    if scenario.status.is_some() && !scenario.delay.is_empty() {
        return Err(Error::Usage(
            "give either --status or --delay, not both (a what-if on top of a status file is --from FILE --delay ID=DAYS)".to_string(),
        ));
    }
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    // This week and last week (`--from`) are read into one `Weeks`, so they
    // are weeks of one portfolio; `--from` with `--delay` is one status.
    let (weeks, reference) = match (scenario.status.as_deref(), args.from.as_deref()) {
        (Some(this_week), from) => (Some(read_weeks(&portfolio, this_week, from)?), None),
        (None, from) => (
            None,
            from.map(|path| load_status(path, &portfolio)).transpose()?,
        ),
    };
    let delays = parse_delays(&scenario.delay, &portfolio)?;
    let scenario = match (&weeks, &reference) {
        // This week against last week, or against the baseline.
        (Some(weeks), _) => {
            Scenario::between(weeks).unwrap_or_else(|| Scenario::from_baseline(weeks.this_week()))
        }
        (None, Some(reference)) => Scenario::on_top(reference, &delays)?,
        (None, None) => Scenario::from_delays(&portfolio, &delays)?,
    };
    warn_complete_delayed(&portfolio, reference.as_ref(), &scenario, streams);

    let style = match args.format {
        Format::Md => Style::Markdown,
        Format::Table | Format::Json => Style::Plain,
    };
    let mut inputs = vec![args.portfolio.as_path()];
    inputs.extend(args.scenario.status.as_deref());
    inputs.extend(args.from.as_deref());
    let target = args.output.output.as_deref();
    if args.structural {
        let reach = StructuralImpact::of(&scenario);
        return emit_with(target, &inputs, streams, |out| match args.format {
            Format::Json => impact_json::write_structural(
                &reach,
                scenario.reference_as_of(),
                &scenario.sources,
                out,
            ),
            Format::Table | Format::Md => impact_report::write_structural(&reach, style, out),
        });
    }
    let impact = Impact::between(&scenario, &ScheduleOptions::default());
    let options = ReportOptions {
        style,
        chains: args.chains,
        status_as_of: weeks
            .as_ref()
            .and_then(|w| w.this_week().as_of_date.as_deref()),
    };
    // Streamed: a wide impact is never held whole in memory as text.
    emit_with(target, &inputs, streams, |out| match args.format {
        Format::Json => impact_json::write_impact(&impact, out),
        Format::Table | Format::Md => impact_report::write_impact(&impact, &options, out),
    })
}

/// Says on stderr which delays fell on finished work: added to the
/// update's `delay_days`, they cannot move its finish (SPEC §4).
fn warn_complete_delayed(
    portfolio: &Portfolio,
    reference: Option<&Status>,
    scenario: &Scenario,
    streams: &mut Streams,
) {
    let Some(reference) = reference else {
        return;
    };
    for &node in &scenario.complete_delayed {
        let finished = reference
            .updates()
            .iter()
            .find(|u| u.node == node)
            .and_then(|u| u.record.actual_finish.as_deref())
            .unwrap_or_default();
        let _ = writeln!(
            streams.stderr,
            "capgraph: {} finished on {finished} (actual_finish in {}): the delay is added to its delay_days but cannot move its finish",
            portfolio.id(node),
            reference.as_of_date.as_deref().map_or_else(|| "the --from file".to_string(), |d| format!("the status as of {d}")),
        );
    }
}
