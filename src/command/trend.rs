//! `capgraph trend PORTFOLIO STATUS STATUS …`: the milestone trend (SPEC §13).

use std::path::Path;

use crate::analysis::trend::{order_weeks, trend};
use crate::cli::{TrendArgs, TrendFormat};
use crate::error::{Error, Result};
use crate::model::{self, Weeks};
use crate::render::chart::milestone_trend::milestone_trend_chart;
use crate::render::chart::write_svg;
use crate::render::json::trend::write_trend as write_json;
use crate::render::text::table::Style;
use crate::render::text::trend::write_trend as write_text;

use super::output::emit_with;
use super::{invalid_file, load_portfolio, Streams};

/// The error for two status files of the same week in one trend.
pub fn same_week(a: &Path, b: &Path, date: &str) -> Error {
    Error::Input {
        message: format!(
            "{} and {} are both as of {date}; a trend takes one status file per week",
            a.display(),
            b.display(),
        ),
        hint: Some("drop one of the two files, or correct its as_of".to_string()),
    }
}

/// Runs `trend`.
pub fn run(args: &TrendArgs, streams: &mut Streams) -> Result<()> {
    let format = args.format.unwrap_or_else(|| {
        let svg = args
            .output
            .output
            .as_deref()
            .and_then(|p| p.extension())
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        if svg {
            TrendFormat::Svg
        } else {
            TrendFormat::Table
        }
    });
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    // A trend reads every week alike: the first file opens the weeks, the
    // others are read against its portfolio.
    let (first, others) = args
        .statuses
        .split_first()
        .ok_or_else(|| Error::Usage("trend needs two or more status files".to_string()))?;
    // Every file is read, so that one run reports the problems of each
    // invalid one (in the order given).
    let mut invalid = Vec::new();
    let checked = model::load_status(first, &portfolio);
    let mut weeks = match checked.value {
        Some(status) => Some(Weeks::new(status)),
        None => {
            invalid.push(invalid_file(first, checked.problems));
            None
        }
    };
    for path in others {
        let (valid, problems) = match weeks.as_mut() {
            Some(weeks) => {
                let checked = weeks.load_earlier_week(path);
                (checked.value.is_some(), checked.problems)
            }
            None => {
                let checked = model::load_status(path, &portfolio);
                (checked.value.is_some(), checked.problems)
            }
        };
        if !valid {
            invalid.push(invalid_file(path, problems));
        }
    }
    let weeks = match weeks {
        Some(weeks) if invalid.is_empty() => weeks,
        _ => return Err(Error::Invalid { files: invalid }),
    };
    let as_ofs: Vec<i64> = std::iter::once(weeks.this_week())
        .chain(weeks.earlier())
        .map(|s| s.as_of)
        .collect();
    order_weeks(&as_ofs).map_err(|(a, b)| {
        same_week(
            &args.statuses[a],
            &args.statuses[b],
            &portfolio.calendar().format(as_ofs[a]),
        )
    })?;
    let trend = trend(&weeks);
    let mut inputs = vec![args.portfolio.as_path()];
    inputs.extend(args.statuses.iter().map(|p| p.as_path()));
    emit_with(
        args.output.output.as_deref(),
        &inputs,
        streams,
        |out| match format {
            TrendFormat::Table => write_text(&trend, Style::Plain, out),
            TrendFormat::Md => write_text(&trend, Style::Markdown, out),
            TrendFormat::Json => write_json(&trend, out),
            TrendFormat::Svg => write_svg(&milestone_trend_chart(&trend), out),
        },
    )
}
