//! `capgraph funding`: money by fiscal year (SPEC §9).

use crate::analysis::funding::from_model::{
    compute_funding, fiscal_calendar, FundingOptions, GroupBy, ThisWeek,
};
use crate::analysis::funding::Funding;
use crate::analysis::schedule::{Schedule, ScheduleOptions};
use crate::cli::{FundingArgs, FundingBy, FundingFormat, MoneyUnitArg};
use crate::error::{Error, Result};
use crate::render::json::funding::FundingJson;
use crate::render::json::write_json;
use crate::render::text::funding::{outside_horizon_lines, FundingReport};
use crate::render::text::funding_csv::write_funding_csv;
use crate::render::text::money::MoneyUnit;
use crate::render::text::table::Style;

use super::output::{emit, emit_with};
use super::{load_optional_status, load_portfolio, Streams};

/// Runs `funding`.
pub fn run(args: &FundingArgs, streams: &mut Streams) -> Result<()> {
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    if let Some(until) = args.until {
        let first = fiscal_calendar(&portfolio).year_of(0);
        if until < first || until > 9999 {
            return Err(Error::Usage(format!(
                "--until {until}: give a fiscal year from {first} (the one holding the portfolio start) to 9999"
            )));
        }
    }
    let status = load_optional_status(args.status.as_deref(), &portfolio)?;
    let options = ScheduleOptions::default();
    let (baseline, current) = rayon::join(
        || Schedule::compute(&*portfolio, &options),
        || status.as_ref().map(|s| Schedule::compute(s, &options)),
    );
    let this_week = status
        .as_ref()
        .zip(current.as_ref())
        .map(|(status, schedule)| ThisWeek { status, schedule });
    let funding_options = FundingOptions {
        group_by: match args.by {
            FundingBy::Domain => GroupBy::Domain,
            FundingBy::Capability => GroupBy::Capability,
            FundingBy::Project => GroupBy::Project,
        },
        until: args.until,
    };
    let funding = compute_funding(&baseline, this_week, &funding_options);
    report_outside_horizon(&funding, streams);

    let mut inputs = vec![args.portfolio.as_path()];
    inputs.extend(args.status.as_deref());
    let unit = match args.unit {
        None => MoneyUnit::One,
        Some(MoneyUnitArg::Thousands) => MoneyUnit::Thousand,
        Some(MoneyUnitArg::Millions) => MoneyUnit::Million,
    };
    match args.format {
        FundingFormat::Json => {
            let document = FundingJson::new(&funding);
            emit_with(args.output.output.as_deref(), &inputs, streams, |out| {
                write_json(&document, out)
            })
        }
        FundingFormat::Csv => emit_with(args.output.output.as_deref(), &inputs, streams, |out| {
            write_funding_csv(&funding, unit, out)
        }),
        FundingFormat::Table | FundingFormat::Md => {
            let style = if args.format == FundingFormat::Md {
                Style::Markdown
            } else {
                Style::Plain
            };
            let report = FundingReport {
                funding: &funding,
                unit,
            };
            let mut text = Vec::new();
            report
                .write(style, &mut text)
                .expect("writing to memory cannot fail");
            emit(args.output.output.as_deref(), &inputs, &text, streams)
        }
    }
}

/// Authorisations and ceilings after `--until` are kept in the model and
/// said on stderr, never dropped silently (SPEC §7).
fn report_outside_horizon(funding: &Funding, streams: &mut Streams) {
    for line in outside_horizon_lines(funding) {
        let _ = writeln!(streams.stderr, "capgraph: {line}");
    }
}
