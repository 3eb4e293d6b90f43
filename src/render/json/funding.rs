//! Money by fiscal year as stable JSON (`funding --format json`,
//! `"schema": "capgraph.funding/1"`, SPEC §9): one serde model; the project
//! list is serialised straight from the analysis, element by element, so a
//! large portfolio's document is never held whole in memory.
//!
//! Amounts are unrounded: whole ones are written as integers, others as
//! they are, and a figure that overflowed to infinity (sums of 1e308s) as
//! `null` rather than a number JSON cannot hold.

use serde::{Serialize, Serializer};

use crate::analysis::funding::earned_value::{Measures, ProjectEarnedValue};
use crate::analysis::funding::{Flows, Funding, FundingFigures, ProjectFunding};
use crate::model::Portfolio;

use crate::render::text::money::json_amount;

pub const FUNDING_SCHEMA: &str = "capgraph.funding/1";

/// An amount (or ratio) as a JSON number, `null` when not finite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount(pub f64);

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_finite() {
            json_amount(self.0).serialize(serializer)
        } else {
            serializer.serialize_none()
        }
    }
}

fn amount(x: f64) -> Amount {
    Amount(x)
}

fn optional(x: Option<f64>) -> Option<Amount> {
    x.map(Amount)
}

/// `capgraph.funding/1`.
#[derive(Serialize)]
pub struct FundingJson<'a> {
    pub schema: &'static str,
    pub currency: &'a str,
    pub as_of: Option<&'a str>,
    pub fiscal_year_start: String,
    pub years: Vec<YearJson>,
    pub totals: Vec<TotalsJson>,
    pub later: LaterJson,
    pub groups: Vec<GroupJson<'a>>,
    pub projects: ProjectsJson<'a>,
    pub capabilities: Vec<CapabilityJson<'a>>,
    pub earned_value: Option<EarnedValueJson<'a>>,
}

#[derive(Serialize)]
pub struct YearJson {
    pub year: String,
    pub start: String,
    pub end: String,
}

#[derive(Serialize)]
pub struct TotalsJson {
    pub year: String,
    pub baseline: Amount,
    pub current: Amount,
    pub shift: Amount,
    pub om_baseline: Amount,
    pub om: Amount,
    pub cost_of_delay: Amount,
    pub ceiling_investment: Option<Amount>,
    pub excess_investment: Option<Amount>,
    pub ceiling_om: Option<Amount>,
    pub excess_om: Option<Amount>,
}

#[derive(Serialize)]
pub struct LaterJson {
    pub baseline: Amount,
    pub current: Amount,
    pub om_baseline: Amount,
    pub om: Amount,
    pub cost_of_delay: Amount,
}

#[derive(Serialize)]
pub struct GroupJson<'a> {
    pub id: &'a str,
    pub years: Vec<GroupYearJson>,
}

#[derive(Serialize)]
pub struct GroupYearJson {
    pub year: String,
    pub baseline: Amount,
    pub current: Amount,
    pub shift: Amount,
    pub om_baseline: Amount,
    pub om: Amount,
}

impl GroupYearJson {
    fn new(year: String, flows: &Flows) -> Self {
        GroupYearJson {
            year,
            baseline: amount(flows.baseline),
            current: amount(flows.current),
            shift: amount(flows.shift),
            om_baseline: amount(flows.om_baseline),
            om: amount(flows.om),
        }
    }
}

/// The projects with money, serialised one by one from the analysis.
pub struct ProjectsJson<'a> {
    portfolio: &'a Portfolio,
    projects: &'a [ProjectFunding],
    labels: Vec<String>,
}

impl Serialize for ProjectsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.projects
                .iter()
                .map(|project| ProjectJson::new(self.portfolio, project, &self.labels)),
        )
    }
}

#[derive(Serialize)]
pub struct ProjectJson<'a> {
    pub id: &'a str,
    pub investment: Option<Amount>,
    pub profile: &'a crate::model::CostProfile,
    pub years: Vec<ProjectYearJson<'a>>,
}

#[derive(Serialize)]
pub struct ProjectYearJson<'a> {
    pub year: &'a str,
    pub baseline: Amount,
    pub current: Amount,
    pub shift: Amount,
    pub om_baseline: Amount,
    pub om: Amount,
    pub authorised: Option<Amount>,
    pub unspendable: Option<Amount>,
    pub unfunded: Option<Amount>,
}

impl<'a> ProjectJson<'a> {
    fn new(portfolio: &'a Portfolio, project: &ProjectFunding, labels: &'a [String]) -> Self {
        let node = portfolio.node(project.node);
        ProjectJson {
            id: &node.id,
            investment: optional(node.investment),
            profile: &node.profile,
            years: project
                .years
                .iter()
                .map(|y| ProjectYearJson {
                    year: &labels[y.year],
                    baseline: amount(y.flows.baseline),
                    current: amount(y.flows.current),
                    shift: amount(y.flows.shift),
                    om_baseline: amount(y.flows.om_baseline),
                    om: amount(y.flows.om),
                    authorised: optional(y.authorised),
                    unspendable: optional(y.unspendable),
                    unfunded: optional(y.unfunded),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct CapabilityJson<'a> {
    pub id: &'a str,
    pub legacy_om_per_year: Amount,
    pub slip_days: i64,
    pub cost_of_delay: Amount,
}

#[derive(Serialize)]
pub struct EarnedValueJson<'a> {
    pub portfolio: MeasuresJson<'a>,
    pub domains: Vec<MeasuresJson<'a>>,
    pub projects: Vec<ProjectEarnedValueJson<'a>>,
}

/// A roll-up's figures (with its domain id; none for the portfolio).
#[derive(Serialize)]
pub struct MeasuresJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    pub bac: Amount,
    pub pv: Amount,
    pub ev: Amount,
    pub ac: Option<Amount>,
    pub sv: Amount,
    pub cv: Option<Amount>,
    pub spi: Option<Amount>,
    pub cpi: Option<Amount>,
}

impl<'a> MeasuresJson<'a> {
    fn new(id: Option<&'a str>, m: &Measures) -> Self {
        MeasuresJson {
            id,
            bac: amount(m.bac),
            pv: amount(m.pv),
            ev: amount(m.ev),
            ac: optional(m.ac),
            sv: amount(m.sv),
            cv: optional(m.cv),
            spi: optional(m.spi),
            cpi: optional(m.cpi),
        }
    }
}

#[derive(Serialize)]
pub struct ProjectEarnedValueJson<'a> {
    #[serde(flatten)]
    pub measures: MeasuresJson<'a>,
    pub eac: Option<Amount>,
    pub vac: Option<Amount>,
    pub es_day: Option<Amount>,
    pub spi_t: Option<Amount>,
}

impl<'a> ProjectEarnedValueJson<'a> {
    fn new(id: &'a str, ev: &ProjectEarnedValue) -> Self {
        ProjectEarnedValueJson {
            measures: MeasuresJson::new(Some(id), &ev.measures),
            eac: optional(ev.eac),
            vac: optional(ev.vac),
            es_day: optional(ev.es_day),
            spi_t: optional(ev.spi_t),
        }
    }
}

/// The year labels of the horizon (`"2026"`), by year index.
pub fn year_labels(funding: &FundingFigures) -> Vec<String> {
    funding.years.iter().map(|y| y.year.to_string()).collect()
}

impl<'a> FundingJson<'a> {
    /// The document of `funding`, on its own portfolio and fiscal calendar.
    pub fn new(phased: &'a Funding<'a>) -> Self {
        let (portfolio, fiscal) = (phased.portfolio(), &phased.fiscal);
        let funding = &phased.figures;
        let labels = year_labels(funding);
        FundingJson {
            schema: FUNDING_SCHEMA,
            currency: portfolio.currency(),
            as_of: phased.as_of_date.as_deref(),
            fiscal_year_start: fiscal.start_text(),
            years: funding
                .years
                .iter()
                .zip(&labels)
                .map(|(y, label)| YearJson {
                    year: label.clone(),
                    start: fiscal.date_text(y.start),
                    end: fiscal.date_text(y.end - 1),
                })
                .collect(),
            totals: funding
                .totals
                .iter()
                .zip(&labels)
                .map(|(t, label)| TotalsJson {
                    year: label.clone(),
                    baseline: amount(t.flows.baseline),
                    current: amount(t.flows.current),
                    shift: amount(t.flows.shift),
                    om_baseline: amount(t.flows.om_baseline),
                    om: amount(t.flows.om),
                    cost_of_delay: amount(t.cost_of_delay),
                    ceiling_investment: optional(t.ceiling_investment),
                    excess_investment: optional(t.excess_investment),
                    ceiling_om: optional(t.ceiling_om),
                    excess_om: optional(t.excess_om),
                })
                .collect(),
            later: LaterJson {
                baseline: amount(funding.later.baseline),
                current: amount(funding.later.current),
                om_baseline: amount(0.0),
                om: amount(0.0),
                cost_of_delay: amount(funding.later.cost_of_delay),
            },
            groups: funding
                .groups
                .iter()
                .map(|g| GroupJson {
                    id: &g.id,
                    years: g
                        .years
                        .iter()
                        .zip(&labels)
                        .map(|(flows, label)| GroupYearJson::new(label.clone(), flows))
                        .collect(),
                })
                .collect(),
            projects: ProjectsJson {
                portfolio,
                projects: &funding.projects,
                labels,
            },
            capabilities: funding
                .capabilities
                .iter()
                .map(|c| CapabilityJson {
                    id: portfolio.id(c.node),
                    legacy_om_per_year: amount(c.legacy_om_per_year),
                    slip_days: c.slip_days,
                    cost_of_delay: amount(c.cost_of_delay),
                })
                .collect(),
            earned_value: funding.earned_value.as_ref().map(|ev| EarnedValueJson {
                portfolio: MeasuresJson::new(None, &ev.portfolio),
                domains: ev
                    .domains
                    .iter()
                    .map(|(id, m)| MeasuresJson::new(Some(id), m))
                    .collect(),
                projects: ev
                    .projects
                    .iter()
                    .map(|(n, p)| ProjectEarnedValueJson::new(portfolio.id(*n), p))
                    .collect(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::funding::from_model::{compute_funding, FundingOptions, ThisWeek};
    use crate::analysis::schedule::{Schedule, ScheduleOptions};
    use crate::model::{portfolio_from_str, status_from_str};
    use crate::render::json::write_json;

    #[test]
    fn every_part_of_the_document_is_written() {
        // Every field of the document: authorisations, a ceiling, a legacy
        // system, progress, an id that needs escaping, a profile of weights.
        let text = r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
            "ceilings": {"investment": {"2025": 5e5}, "om": {"2026": 1}},
            "capabilities": [{"id": "C", "name": "c", "legacy_om_per_year": 365000}],
            "projects": [
              {"id": "A\"é", "name": "a", "duration_days": 400, "domain": "core",
               "cost": {"investment": 1e6, "om_per_year": 1000, "authorised": {"2025": 9e5}},
               "delivers": ["C"]},
              {"id": "B", "name": "b", "duration_days": 30, "domain": "cyber",
               "cost": {"investment": 2.5e5, "profile": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        0, 0, 0, 0, 0, 0, 0, 0, 0, 1]}}]}"#;
        let p = portfolio_from_str(text, "t.json").value.expect("valid");
        let status = r#"{"as_of": "2025-06-01", "updates": [
            {"id": "A\"é", "delay_days": 20, "percent_complete": 30, "actual_cost": 3e5}]}"#;
        let s = status_from_str(status, &p, "s.json").value.expect("valid");
        let options = ScheduleOptions::default();
        let baseline = Schedule::compute(&p, &options);
        let current = Schedule::compute(&s, &options);
        let week = ThisWeek {
            status: &s,
            schedule: &current,
        };
        let funding = compute_funding(&baseline, Some(week), &FundingOptions::default());
        let document = FundingJson::new(&funding);
        let mut written = Vec::new();
        write_json(&document, &mut written).unwrap();
        let text = String::from_utf8(written).unwrap();
        for part in [
            // The status date, carried by the funding from the status.
            "\n  \"as_of\": \"2025-06-01\",\n",
            "\"spi_t\"",
            "\"unfunded\": 0\n",
            "\"cost_of_delay\"",
            "\"ceiling_om\": 1,",
            "\n  \"projects\": [\n    {\n      \"id\": \"A\\\"é\",\n",
        ] {
            assert!(text.contains(part), "{part}\n{text}");
        }
    }
}
