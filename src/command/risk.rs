//! `capgraph risk`: Monte Carlo schedule risk (SPEC §11).

use crate::analysis::risk::{analyse, estimates, RiskOptions, Shape};
use crate::cli::{Distribution, RiskArgs, RiskFormat};
use crate::error::{Error, Result};
use crate::render::chart::risk::risk_chart;
use crate::render::chart::write_svg;
use crate::render::json::risk::write_risk;
use crate::render::text::risk::RiskReport;
use crate::render::text::table::Style;

use super::output::emit_with;
use super::{basis, load_optional_status, load_portfolio, Streams};

/// The simulation options of the command line, or wrong usage.
pub fn options(args: &RiskArgs) -> Result<RiskOptions> {
    if args.iterations == 0 {
        return Err(Error::Usage("--iterations must be at least 1".to_string()));
    }
    if !(0.0..1.0).contains(&args.correlation) {
        return Err(Error::Usage(format!(
            "--correlation {} is outside [0, 1): give 0 for independent durations, e.g. 0.3",
            args.correlation
        )));
    }
    Ok(RiskOptions {
        iterations: args.iterations,
        seed: args.seed,
        shape: match args.distribution {
            Distribution::Triangular => Shape::Triangular,
            Distribution::Pert => Shape::Pert,
        },
        correlation: args.correlation,
    })
}

/// Runs `risk`.
pub fn run(args: &RiskArgs, streams: &mut Streams) -> Result<()> {
    let options = options(args)?;
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    let status = load_optional_status(args.status.as_deref(), &portfolio)?;
    let risk = analyse(
        basis(&portfolio, status.as_ref()),
        &estimates(&portfolio),
        &options,
    );
    let mut inputs = vec![args.portfolio.as_path()];
    inputs.extend(args.status.as_deref());
    emit_with(
        args.output.output.as_deref(),
        &inputs,
        streams,
        |out| match args.format {
            RiskFormat::Json => write_risk(&risk, out),
            RiskFormat::Svg => write_svg(&risk_chart(&risk), out),
            RiskFormat::Table | RiskFormat::Md => {
                let style = if args.format == RiskFormat::Md {
                    Style::Markdown
                } else {
                    Style::Plain
                };
                RiskReport::new(&risk).write(style, out)
            }
        },
    )
}
