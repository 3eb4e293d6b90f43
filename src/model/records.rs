//! The portfolio and status files as written (SPEC §1–§2), before validation.
//!
//! These types mirror the JSON one to one. capgraph reads each element into
//! them with the reader in [`super::reader`] (so that one run reports every
//! problem, with its JSON path) and validates it at once, never holding a
//! whole file of them; they derive `Serialize` so that the generator and
//! library users can write files.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::values::{json_number, serialize_optional_number, AttributeValue};

/// The whole portfolio file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PortfolioRecord {
    pub portfolio: HeaderRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domains: Option<Vec<String>>,
    pub components: Vec<ComponentRecord>,
    pub capabilities: Vec<CapabilityRecord>,
    pub projects: Vec<ProjectRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ceilings: Option<CeilingsRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<RiskRecord>,
}

/// `ceilings`: money available per fiscal year (SPEC §9).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CeilingsRecord {
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_year_amounts"
    )]
    pub investment: Option<YearAmounts>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_year_amounts"
    )]
    pub om: Option<YearAmounts>,
}

/// `risk`: portfolio-wide settings of the Monte Carlo simulation (SPEC §11).
#[derive(Debug, Clone, Default, Serialize)]
pub struct RiskRecord {
    /// `[lo, hi]`, percent.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_numbers"
    )]
    pub default_range_pct: Option<Vec<f64>>,
}

/// `{ "2026": n, … }` as written: the year keys unchecked, in file order.
pub type YearAmounts = Vec<(String, f64)>;

/// `attributes` as written: name → string or number, in file order.
pub type Attributes = Vec<(String, AttributeValue)>;

/// The descriptive fields every node may carry (SPEC §1): they change no figure.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DescriptionRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_attributes"
    )]
    pub attributes: Option<Attributes>,
}

/// `portfolio`: name, day 0 and currency.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HeaderRecord {
    pub name: String,
    pub start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// `"MM-DD"`, unchecked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiscal_year_start: Option<String>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub infrastructure: Option<bool>,
    #[serde(flatten)]
    pub description: DescriptionRecord,
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
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_number"
    )]
    pub legacy_om_per_year: Option<f64>,
    #[serde(flatten)]
    pub description: DescriptionRecord,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<RangeRecord>,
    #[serde(flatten)]
    pub description: DescriptionRecord,
}

/// `range`: the three-point estimate's least and most days (SPEC §11);
/// `None` for a bound that is missing or unreadable (reported).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RangeRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
}

/// `cost.profile` as written: a profile's name or its weights, unchecked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ProfileRecord {
    Name(String),
    Weights(#[serde(serialize_with = "serialize_numbers")] Vec<f64>),
}

/// `cost`: money in the portfolio currency.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CostRecord {
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_number"
    )]
    pub investment: Option<f64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_number"
    )]
    pub om_per_year: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<ProfileRecord>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_year_amounts"
    )]
    pub authorised: Option<YearAmounts>,
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
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_number"
    )]
    pub percent_complete: Option<f64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_number"
    )]
    pub actual_cost: Option<f64>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_number"
    )]
    pub estimate_at_completion: Option<f64>,
}

impl UpdateRecord {
    /// Whether it sets a field that moves dates in the schedule (SPEC §2):
    /// a delay, an actual start or finish, a forecast finish or remaining
    /// days. Progress, money and notes move nothing.
    pub fn sets_dates(&self) -> bool {
        self.delay_days.is_some()
            || self.actual_start.is_some()
            || self.actual_finish.is_some()
            || self.forecast_finish.is_some()
            || self.remaining_days.is_some()
    }
}

/// Year amounts written back as the JSON object they were read from, in their order.
fn serialize_optional_year_amounts<S: Serializer>(
    amounts: &Option<YearAmounts>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let amounts = amounts.as_deref().unwrap_or_default();
    let mut map = serializer.serialize_map(Some(amounts.len()))?;
    for (year, amount) in amounts {
        map.serialize_entry(year, &json_number(*amount))?;
    }
    map.end()
}

fn serialize_optional_attributes<S: Serializer>(
    attributes: &Option<Attributes>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let attributes = attributes.as_deref().unwrap_or_default();
    let mut map = serializer.serialize_map(Some(attributes.len()))?;
    for (key, value) in attributes {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

fn serialize_numbers<S: Serializer>(numbers: &[f64], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(numbers.iter().map(|n| json_number(*n)))
}

fn serialize_optional_numbers<S: Serializer>(
    numbers: &Option<Vec<f64>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serialize_numbers(numbers.as_deref().unwrap_or_default(), serializer)
}
