//! `capgraph impact PORTFOLIO (--status FILE | --delay ID=DAYS ...) [--structural]`.

use petgraph::graph::NodeIndex;

use crate::analysis::impact::{Impact, StructuralImpact};
use crate::analysis::schedule::ScheduleOptions;
use crate::cli::{Format, ImpactArgs};
use crate::error::{Error, Result};
use crate::render::json::impact as impact_json;
use crate::render::text::impact as impact_report;
use crate::render::text::impact::ReportOptions;
use crate::render::text::table::Style;

use super::output::{emit, emit_with};
use super::{load_portfolio, load_scenario, Streams};

/// Runs `impact`.
pub fn run(args: &ImpactArgs, streams: &mut Streams) -> Result<()> {
    if args.scenario.status.is_none() && args.scenario.delay.is_empty() {
        return Err(Error::Usage(
            "impact needs a scenario: --status FILE, or --delay ID=DAYS (repeatable)".to_string(),
        ));
    }
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    let status =
        load_scenario(&args.scenario, &portfolio)?.expect("a scenario was given, so there is one");
    let style = match args.format {
        Format::Md => Style::Markdown,
        Format::Table | Format::Json => Style::Plain,
    };
    let mut inputs = vec![args.portfolio.as_path()];
    inputs.extend(args.scenario.status.as_deref());
    let mut text = Vec::new();
    if args.structural {
        let sources: Vec<NodeIndex> = status.updates.iter().map(|u| u.node).collect();
        let reach = StructuralImpact::compute(&portfolio, &sources);
        match args.format {
            Format::Json => impact_json::write_structural(&portfolio, &status, &reach, &mut text),
            Format::Table | Format::Md => {
                impact_report::write_structural(&portfolio, &reach, style, &mut text)
            }
        }
    } else {
        let impact = Impact::compute(&portfolio, &status, &ScheduleOptions::default());
        match args.format {
            // Streamed: a wide impact's chains are never held whole in memory.
            Format::Json => {
                return emit_with(args.output.output.as_deref(), &inputs, streams, |out| {
                    impact_json::write_impact(&portfolio, &status, &impact, out)
                });
            }
            Format::Table | Format::Md => impact_report::write_impact(
                &portfolio,
                &status,
                &impact,
                &ReportOptions {
                    style,
                    chains: args.chains,
                },
                &mut text,
            ),
        }
    }
    .expect("writing to memory cannot fail");
    emit(args.output.output.as_deref(), &inputs, &text, streams)
}
