//! `capgraph options PORTFOLIO --status FILE --option "NAME: ID=DAYS, …" …` (SPEC §4).

use crate::analysis::options::{OptionSpec, OptionsComparison};
use crate::analysis::schedule::ScheduleOptions;
use crate::cli::{Format, OptionsArgs};
use crate::error::{Error, Result};
use crate::render::json::options as options_json;
use crate::render::text::options as options_report;
use crate::render::text::table::Style;

use super::output::emit_with;
use super::{load_portfolio, load_status, parse_option, Streams};

/// Runs `options`.
pub fn run(args: &OptionsArgs, streams: &mut Streams) -> Result<()> {
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    let status = load_status(&args.status, &portfolio)?;
    let options: Vec<OptionSpec> = args
        .options
        .iter()
        .map(|text| parse_option(text, &portfolio))
        .collect::<Result<_>>()?;
    for (i, option) in options.iter().enumerate() {
        if options[..i].iter().any(|o| o.name == option.name) {
            return Err(Error::Usage(format!(
                "two options are named {:?}; give each option its own name",
                option.name
            )));
        }
    }
    let comparison = OptionsComparison::compute(&status, &options, &ScheduleOptions::default())?;
    for outcome in &comparison.options {
        for &node in &outcome.complete_delayed {
            let _ = writeln!(
                streams.stderr,
                "capgraph: option {:?}: {} is finished (actual_finish in {}): its delay cannot move its finish",
                outcome.spec.name,
                portfolio.id(node),
                args.status.display()
            );
        }
    }
    let inputs = [args.portfolio.as_path(), args.status.as_path()];
    emit_with(
        args.output.output.as_deref(),
        &inputs,
        streams,
        |out| match args.format {
            Format::Json => options_json::write_options(&comparison, out),
            Format::Table => options_report::write_options(&comparison, Style::Plain, out),
            Format::Md => options_report::write_options(&comparison, Style::Markdown, out),
        },
    )
}
