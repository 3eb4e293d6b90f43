//! What an import of a scheduling tool's file (P6, MS Project) produces:
//! the records, the report of what it read, mapped, approximated and left
//! out (SPEC §10), and the source's own dates for the fidelity count.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::calendar::format_date;
use crate::model::records::{
    CostRecord, DescriptionRecord, HeaderRecord, LinkRecord, PortfolioRecord, ProjectRecord,
    StatusRecord, UpdateRecord,
};
use crate::model::AttributeValue;

/// The source tool's own start and finish of one imported activity (actual
/// dates where it has them, else the early dates it computed), as
/// capgraph's calendar days (by the end-of-day rule), for the fidelity count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDates {
    pub id: String,
    pub early_start: NaiveDate,
    pub early_finish: NaiveDate,
    /// On a calendar with seven working days a week (conversion exact).
    pub seven_day: bool,
}

/// How many of something, and the first few ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub count: usize,
    pub first: Vec<String>,
}

impl Tally {
    const SHOWN: usize = 5;

    pub fn add(&mut self, id: &str) {
        self.count += 1;
        if self.first.len() < Self::SHOWN {
            self.first.push(id.to_string());
        }
    }
}

/// What the import read, mapped, approximated and left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSummary {
    /// The source tool, as the report names it: "P6", "MS Project".
    pub tool: &'static str,
    pub project: String,
    /// Where the projects' ids come from, when the report should say so
    /// (MS Project's users know rows by ID, the import takes the UID).
    pub ids_from: &'static str,
    pub activities: usize,
    pub tasks: usize,
    pub milestones: usize,
    /// Links kept, by type: FS, SS, FF, SF.
    pub links: [usize; 4],
    pub wbs_summaries: Tally,
    /// What the source calls them: "WBS summary activities", "summary tasks".
    pub summaries_are: &'static str,
    pub level_of_effort: Tally,
    pub links_to_left_out: usize,
    pub links_to_other_projects: usize,
    pub start_constraints: usize,
    /// Constraints left out, by the source's name of their type.
    pub constraints_left_out: BTreeMap<String, Tally>,
    /// Anything else left out, by what it is.
    pub other_left_out: BTreeMap<String, Tally>,
    /// Activities on a calendar with fewer than 7 working days a week:
    /// their durations and lags are approximated (SPEC §10 rule).
    pub approximated_calendars: Tally,
    /// Anything else approximated, by what it is.
    pub other_approximated: BTreeMap<String, Tally>,
    /// Not-started activities given `start` = the data date (P6 schedules
    /// remaining work from the data date).
    pub held_at_data_date: usize,
    pub complete: usize,
    pub in_progress: usize,
    pub with_cost: usize,
    pub investment: f64,
    pub data_date: String,
}

impl ImportSummary {
    /// Counts a kept link of `link_type` (FS, SS, FF or SF).
    pub fn add_link(&mut self, link_type: &str) {
        if let Some(i) = ["FS", "SS", "FF", "SF"]
            .iter()
            .position(|t| *t == link_type)
        {
            self.links[i] += 1;
        }
    }
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct ScheduleImport {
    pub portfolio: PortfolioRecord,
    pub status: StatusRecord,
    pub summary: ImportSummary,
    pub source_dates: Vec<SourceDates>,
}

impl ScheduleImport {
    /// The records of a portfolio `name` starting on `start` (ISO date),
    /// and a status as of the summary's data date.
    pub fn assemble(
        name: String,
        start: String,
        currency: Option<String>,
        projects: Vec<ProjectRecord>,
        updates: Vec<UpdateRecord>,
        summary: ImportSummary,
        source_dates: Vec<SourceDates>,
    ) -> ScheduleImport {
        ScheduleImport {
            portfolio: PortfolioRecord {
                portfolio: HeaderRecord {
                    name,
                    start,
                    currency,
                    ..HeaderRecord::default()
                },
                projects,
                ..PortfolioRecord::default()
            },
            status: StatusRecord {
                as_of: summary.data_date.clone(),
                updates,
            },
            summary,
            source_dates,
        }
    }
}

/// One imported activity as a project (SPEC §10): its duration in calendar
/// days, its "start on or after" date, its cost (when above zero) as the
/// investment and its WBS path as the `wbs` attribute. The cost is counted
/// in `summary`.
pub fn activity_record(
    id: String,
    name: String,
    duration_days: i64,
    start: Option<NaiveDate>,
    cost: Option<f64>,
    wbs: Option<String>,
    summary: &mut ImportSummary,
) -> ProjectRecord {
    let investment = cost.filter(|c| *c > 0.0);
    if let Some(amount) = investment {
        summary.with_cost += 1;
        summary.investment += amount;
    }
    ProjectRecord {
        id,
        name,
        duration_days: Some(duration_days),
        start: start.map(format_date),
        cost: investment.map(|amount| CostRecord {
            investment: Some(amount),
            ..CostRecord::default()
        }),
        description: DescriptionRecord {
            attributes: wbs.map(|path| vec![("wbs".to_string(), AttributeValue::Text(path))]),
            ..DescriptionRecord::default()
        },
        ..ProjectRecord::default()
    }
}

/// A `depends_on` entry from `id` of `link_type` (FS, SS, FF, SF) and
/// `lag` days, written as briefly as the portfolio format allows.
pub fn link_record(id: &str, link_type: &str, lag: i64) -> LinkRecord {
    if link_type == "FS" && lag == 0 {
        LinkRecord::Id(id.to_string())
    } else {
        LinkRecord::Full {
            id: id.to_string(),
            link_type: (link_type != "FS").then(|| link_type.to_string()),
            lag_days: (lag != 0).then_some(lag),
        }
    }
}
