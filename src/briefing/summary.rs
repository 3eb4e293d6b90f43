//! `summary.json` of the weekly briefing (`"schema": "capgraph.weekly/1"`):
//! every figure of the briefing, built from the same serde types as the
//! `schedule` and `impact` JSON so the numbers cannot disagree.

use petgraph::graph::NodeIndex;
use serde::{Serialize, Serializer};

use crate::briefing::figures::{Briefing, News, Rag};
use crate::model::records::UpdateRecord;
use crate::model::Portfolio;

use super::money::MoneyBriefing;
use super::money_document::MoneyJson;

use crate::analysis::schedule::DrivingSteps;
use crate::analysis::trend::Trend;
use crate::render::json::impact::ImpactJson;
use crate::render::json::risk::RiskJson;
use crate::render::json::schedule::{ids, ScheduleJson};
use crate::render::json::trend::{trend_json, TrendJson};
use crate::render::text::money::json_amount;

/// `capgraph.weekly/1`.
#[derive(Serialize)]
pub struct WeeklyJson<'a> {
    schema: &'static str,
    portfolio: &'a str,
    as_of: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_as_of: Option<&'a str>,
    amber_days: i64,
    erosion_days: i64,
    headline: HeadlineJson,
    capabilities: Vec<CapabilityJson<'a>>,
    updates: Vec<UpdateJson<'a>>,
    critical_path: CriticalPathJson<'a>,
    shared_components_at_risk: Vec<ComponentJson<'a>>,
    /// The diagram files written beside the summary.
    diagrams: Vec<String>,
    /// This week's schedule, exactly as `schedule --status` gives it.
    schedule: ScheduleJson<'a>,
    /// Baseline → this week, exactly as `impact --status` gives it.
    impact: ImpactJson<'a>,
    /// With `--previous`: last week → this week, exactly as `impact --from
    /// previous --status this` gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    since_last_week: Option<ImpactJson<'a>>,
    /// With `--previous`: last week's updates that this week's file no longer has.
    #[serde(skip_serializing_if = "Option::is_none")]
    withdrawn_updates: Option<&'a [UpdateRecord]>,
    /// The Money section's figures (when the portfolio has costs).
    #[serde(skip_serializing_if = "Option::is_none")]
    money: Option<MoneyJson<'a>>,
    /// This week's schedule risk, exactly as `risk --status` gives it (when
    /// any project has a range).
    #[serde(skip_serializing_if = "Option::is_none")]
    risk: Option<RiskJson<'a>>,
    /// With `--history`: the milestone trend over the weeks, exactly as
    /// `trend` gives it for the same status files.
    #[serde(skip_serializing_if = "Option::is_none")]
    trend: Option<TrendJson<'a>>,
}

#[derive(Serialize)]
struct HeadlineJson {
    baseline_finish: String,
    finish: String,
    finish_day: i64,
    finish_slip_days: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_finish: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    finish_change_since_last_week_days: Option<i64>,
    capabilities_late: usize,
    capabilities_at_risk: usize,
    capabilities_on_track: usize,
    capabilities_without_target: usize,
    /// SPEC §4 exposure: unfinished projects that slipped, and those of
    /// them whose slip reaches a late capability.
    investment_exposed: serde_json::Number,
    projects_exposed: usize,
    late_capability_investment_exposed: serde_json::Number,
    late_capability_projects_exposed: usize,
}

#[derive(Serialize)]
struct CapabilityJson<'a> {
    id: &'a str,
    name: &'a str,
    target: Option<String>,
    finish: String,
    baseline_finish: String,
    margin_days: Option<i64>,
    baseline_margin_days: Option<i64>,
    /// This week's finish − the baseline finish.
    slip_days: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_margin_days: Option<Option<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    margin_change_days: Option<Option<i64>>,
    rag: Rag,
    driving_path: DrivingPathJson<'a>,
}

/// A capability's driving path by id, followed only as it is written: the
/// paths of a chain through 10 000 capabilities have 10⁸ steps together,
/// one path at a time is held.
struct DrivingPathJson<'a> {
    portfolio: &'a Portfolio,
    steps: &'a DrivingSteps,
    capability: NodeIndex,
}

impl Serialize for DrivingPathJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let path = self.steps.path(self.capability);
        serializer.collect_seq(path.iter().map(|n| self.portfolio.id(*n)))
    }
}

#[derive(Serialize)]
struct UpdateJson<'a> {
    update: &'a UpdateRecord,
    finish_slip_days: i64,
    moved: Vec<&'a str>,
    /// With `--previous`: "new", "changed" or "unchanged".
    #[serde(skip_serializing_if = "Option::is_none")]
    since_last_week: Option<&'static str>,
    /// With `--previous`, for a changed update: last week's.
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_update: Option<&'a UpdateRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    finish_change_since_last_week_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    moved_since_last_week: Option<Vec<&'a str>>,
}

#[derive(Serialize)]
struct CriticalPathJson<'a> {
    now: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entered: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    left: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    erosion: Option<Vec<ErosionJson<'a>>>,
}

#[derive(Serialize)]
struct ErosionJson<'a> {
    id: &'a str,
    previous_total_float: i64,
    total_float: i64,
}

#[derive(Serialize)]
struct ComponentJson<'a> {
    id: &'a str,
    slip_days: i64,
    new_finish: String,
    users: Vec<&'a str>,
    domains: &'a [String],
    cross_domain: bool,
}

impl<'a> WeeklyJson<'a> {
    pub fn new(
        briefing: &'a Briefing<'a>,
        money: Option<&'a MoneyBriefing>,
        diagrams: Vec<String>,
        trend: Option<&'a Trend<'a>>,
    ) -> WeeklyJson<'a> {
        let (portfolio, status) = (briefing.portfolio(), briefing.status());
        let previous = briefing.previous_status();
        let calendar = portfolio.calendar();
        let impact = &briefing.impact;
        let with_previous = briefing.previous.is_some();
        let change = briefing.critical_path_change.as_ref();
        WeeklyJson {
            schema: "capgraph.weekly/1",
            portfolio: portfolio.name(),
            as_of: status.as_of_date.as_deref(),
            previous_as_of: previous.and_then(|p| p.as_of_date.as_deref()),
            amber_days: briefing.options.amber_days,
            erosion_days: briefing.options.erosion_days,
            headline: HeadlineJson {
                baseline_finish: calendar.format(impact.reference.finish),
                finish: calendar.format(impact.updated.finish),
                finish_day: impact.updated.finish,
                finish_slip_days: impact.finish_slip,
                previous_finish: briefing.previous_finish().map(|f| calendar.format(f)),
                finish_change_since_last_week_days: briefing
                    .previous_finish()
                    .map(|f| impact.updated.finish - f),
                capabilities_late: briefing.counts.late,
                capabilities_at_risk: briefing.counts.at_risk,
                capabilities_on_track: briefing.counts.on_track,
                capabilities_without_target: briefing.counts.no_target,
                investment_exposed: json_amount(impact.exposure.investment),
                projects_exposed: impact.exposure.projects,
                late_capability_investment_exposed: json_amount(
                    impact.exposure.late_capability_investment,
                ),
                late_capability_projects_exposed: impact.exposure.late_capability_projects,
            },
            capabilities: briefing
                .capabilities
                .iter()
                .map(|c| CapabilityJson {
                    id: portfolio.id(c.date.node),
                    name: &portfolio.node(c.date.node).name,
                    target: c.date.target.map(|t| calendar.format(t)),
                    finish: calendar.format(c.date.finish),
                    baseline_finish: calendar.format(c.baseline_finish),
                    margin_days: c.date.margin,
                    baseline_margin_days: c.baseline_margin,
                    slip_days: c.slip,
                    previous_margin_days: with_previous.then_some(c.previous_margin),
                    margin_change_days: with_previous.then_some(c.margin_change()),
                    rag: c.rag,
                    driving_path: DrivingPathJson {
                        portfolio,
                        steps: &briefing.driving_steps,
                        capability: c.date.node,
                    },
                })
                .collect(),
            updates: briefing
                .updates
                .iter()
                .map(|e| UpdateJson {
                    update: &status.updates()[e.update].record,
                    finish_slip_days: e.own_slip,
                    moved: ids(portfolio, &e.moved),
                    since_last_week: e.news.as_ref().map(|news| match news {
                        News::New => "new",
                        News::Changed(_) => "changed",
                        News::Unchanged => "unchanged",
                    }),
                    previous_update: match &e.news {
                        Some(News::Changed(previous)) => Some(previous),
                        _ => None,
                    },
                    finish_change_since_last_week_days: e.own_change,
                    moved_since_last_week: with_previous
                        .then(|| ids(portfolio, &e.moved_since_last_week)),
                })
                .collect(),
            critical_path: CriticalPathJson {
                now: ids(portfolio, &impact.updated.critical_path),
                entered: change.map(|c| ids(portfolio, &c.entered)),
                left: change.map(|c| ids(portfolio, &c.left)),
                erosion: change.map(|c| {
                    c.erosion
                        .iter()
                        .map(|e| ErosionJson {
                            id: portfolio.id(e.node),
                            previous_total_float: e.previous_float,
                            total_float: e.float,
                        })
                        .collect()
                }),
            },
            shared_components_at_risk: briefing
                .components_at_risk
                .iter()
                .map(|c| ComponentJson {
                    id: portfolio.id(c.node),
                    slip_days: c.slip,
                    new_finish: calendar.format(impact.updated.times(c.node).ef),
                    users: ids(portfolio, &c.users),
                    domains: &c.domains,
                    cross_domain: c.domains.len() > 1,
                })
                .collect(),
            diagrams,
            schedule: ScheduleJson::new(&impact.updated),
            impact: ImpactJson::new(impact),
            since_last_week: briefing.since_last_week.as_ref().map(ImpactJson::new),
            withdrawn_updates: with_previous.then_some(briefing.withdrawn.as_slice()),
            money: money.map(MoneyJson::new),
            risk: briefing.risk.as_ref().map(RiskJson::new),
            trend: trend.map(trend_json),
        }
    }
}
