//! The portfolio and status files as written (SPEC §1–§2), before validation.
//!
//! These types mirror the JSON one to one. capgraph reads them with the
//! collecting reader in [`super::reader`] (so that one run reports every
//! problem, with its JSON path); they derive `Serialize` so that the generator
//! and library users can write files.

use serde::Serialize;

/// The whole portfolio file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PortfolioRecord {
    pub portfolio: HeaderRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domains: Option<Vec<String>>,
    pub components: Vec<ComponentRecord>,
    pub capabilities: Vec<CapabilityRecord>,
    pub projects: Vec<ProjectRecord>,
}

/// `portfolio`: name, day 0 and currency.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HeaderRecord {
    pub name: String,
    pub start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// A shared component: a zero-length milestone.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ComponentRecord {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provided_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub available: Option<String>,
}

/// A capability: a zero-length milestone with an optional target date.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CapabilityRecord {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// A project.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProjectRecord {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<LinkRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub uses: Vec<LinkRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub delivers: Vec<String>,
}

/// `cost`: money in the portfolio currency.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CostRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub investment: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub om_per_year: Option<f64>,
}

/// A link: a plain id (finish-to-start, lag 0) or `{id, type, lag_days}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum LinkRecord {
    Id(String),
    Full {
        id: String,
        #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
        link_type: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        lag_days: Option<i64>,
    },
}

impl LinkRecord {
    pub fn id(&self) -> &str {
        match self {
            LinkRecord::Id(id) | LinkRecord::Full { id, .. } => id,
        }
    }
}

/// The weekly status file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StatusRecord {
    pub as_of: String,
    pub updates: Vec<UpdateRecord>,
}

/// One update of one node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateRecord {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_finish: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast_finish: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
