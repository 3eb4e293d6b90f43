//! The milestone trend as stable JSON (`trend --format json`,
//! `"schema": "capgraph.trend/1"`, SPEC §13).

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::trend::Trend;

/// `capgraph.trend/1`.
#[derive(Serialize)]
pub struct TrendJson<'a> {
    schema: &'static str,
    portfolio: &'a str,
    weeks: Vec<WeekJson<'a>>,
}

#[derive(Serialize)]
struct WeekJson<'a> {
    as_of: String,
    finish: String,
    finish_day: i64,
    capabilities: Vec<CapabilityJson<'a>>,
}

#[derive(Serialize)]
struct CapabilityJson<'a> {
    id: &'a str,
    finish: String,
    finish_day: i64,
    target: Option<String>,
    margin_days: Option<i64>,
}

/// Writes the trend, weeks by `as_of` and capabilities by id in each.
pub fn write_trend(trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
    super::write_json(&trend_json(trend), out)
}

/// The trend's JSON document.
pub fn trend_json<'a>(trend: &Trend<'a>) -> TrendJson<'a> {
    let portfolio = trend.portfolio();
    let calendar = portfolio.calendar();
    TrendJson {
        schema: "capgraph.trend/1",
        portfolio: portfolio.name(),
        weeks: trend
            .weeks
            .iter()
            .enumerate()
            .map(|(w, week)| WeekJson {
                as_of: calendar.format(week.as_of),
                finish: calendar.format(week.finish),
                finish_day: week.finish,
                capabilities: trend
                    .capabilities
                    .iter()
                    .enumerate()
                    .map(|(i, &node)| CapabilityJson {
                        id: portfolio.id(node),
                        finish: calendar.format(week.capability_finish[i]),
                        finish_day: week.capability_finish[i],
                        target: portfolio.node(node).target.map(|t| calendar.format(t)),
                        margin_days: trend.margin(w, i),
                    })
                    .collect(),
            })
            .collect(),
    }
}
