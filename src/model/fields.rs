//! The keys of the portfolio and status files (SPEC §1, §2, §7), each named
//! once: one table per record, in the order problems are reported, saying
//! whether the key is required and how its value is read into the record.
//! [`super::reader`] reads every file with these tables.
//!
//! Adding a field to the format is one line here (and the field of the
//! record in [`super::records`] that it fills).

use super::portfolio::NodeKind;
use super::reader::{ElementsField, ObjectField, Wait};
use super::records::{
    Attributes, CapabilityRecord, CeilingsRecord, ComponentRecord, CostRecord, DescriptionRecord,
    HeaderRecord, LinkRecord, ProfileRecord, ProjectRecord, RangeRecord, RiskRecord, StatusRecord,
    UpdateRecord, YearAmounts,
};
use super::validate::Validator;

/// One key of a record.
pub(super) struct Field<R> {
    pub(super) name: &'static str,
    pub(super) required: bool,
    pub(super) read: Read<R>,
}

/// What a key's value must be, and where it goes in the record `R`.
pub(super) enum Read<R> {
    /// A string.
    Text(fn(&mut R, String)),
    /// A string that must not be empty (an `id`, a `name`).
    RequiredText(fn(&mut R, String)),
    /// The id of another node: a string that must not be empty.
    Reference(fn(&mut R, String)),
    /// A whole number of days within ± [`super::reader::MAX_DAY_COUNT`].
    Days(fn(&mut R, i64)),
    /// Any JSON number.
    Number(fn(&mut R, f64)),
    Bool(fn(&mut R, bool)),
    /// An array of ids of other nodes.
    Ids(fn(&mut R, Vec<String>)),
    /// An array of links: ids or `{id, type, lag_days}`.
    Links(fn(&mut R, Vec<LinkRecord>)),
    /// A cost profile's name or its weights.
    Profile(fn(&mut R, ProfileRecord)),
    /// `[lo, hi]`.
    NumberPair(fn(&mut R, Vec<f64>)),
    /// `{ "2026": n, … }`.
    YearAmounts(fn(&mut R, YearAmounts)),
    /// `{ name: string or number, … }`.
    Attributes(fn(&mut R, Attributes)),
    Header(ObjectField<R, HeaderRecord>),
    Cost(ObjectField<R, CostRecord>),
    Range(ObjectField<R, RangeRecord>),
    Ceilings(ObjectField<R, CeilingsRecord>),
    Risk(ObjectField<R, RiskRecord>),
    Components(ElementsField<R, ComponentRecord>),
    Capabilities(ElementsField<R, CapabilityRecord>),
    Projects(ElementsField<R, ProjectRecord>),
    Updates(ElementsField<R, UpdateRecord>),
}

const fn required<R>(name: &'static str, read: Read<R>) -> Field<R> {
    Field {
        name,
        required: true,
        read,
    }
}

const fn optional<R>(name: &'static str, read: Read<R>) -> Field<R> {
    Field {
        name,
        required: false,
        read,
    }
}

/// The portfolio file, read straight into the validation: each element is
/// validated as soon as it is read.
pub(super) const PORTFOLIO: &[Field<Validator>] = &[
    required(
        "portfolio",
        Read::Header(ObjectField {
            table: HEADER,
            set: Validator::header,
        }),
    ),
    optional("domains", Read::Ids(Validator::domains)),
    optional(
        "components",
        Read::Components(ElementsField {
            table: COMPONENT,
            accept: Validator::component,
            id: |c| &c.id,
            wait: Some(Wait {
                ready: |v, moment| v.ready(NodeKind::Component, moment),
                held: |v| v.held(NodeKind::Component),
            }),
        }),
    ),
    optional(
        "capabilities",
        Read::Capabilities(ElementsField {
            table: CAPABILITY,
            accept: Validator::capability,
            id: |c| &c.id,
            wait: Some(Wait {
                ready: |v, moment| v.ready(NodeKind::Capability, moment),
                held: |v| v.held(NodeKind::Capability),
            }),
        }),
    ),
    optional(
        "projects",
        Read::Projects(ElementsField {
            table: PROJECT,
            accept: Validator::project,
            id: |p| &p.id,
            wait: Some(Wait {
                ready: |v, moment| v.ready(NodeKind::Project, moment),
                held: |v| v.held(NodeKind::Project),
            }),
        }),
    ),
    optional(
        "ceilings",
        Read::Ceilings(ObjectField {
            table: CEILINGS,
            set: Validator::ceilings,
        }),
    ),
    optional(
        "risk",
        Read::Risk(ObjectField {
            table: RISK,
            set: Validator::risk,
        }),
    ),
];

const HEADER: &[Field<HeaderRecord>] = &[
    required("name", Read::RequiredText(|r, v| r.name = v)),
    required("start", Read::RequiredText(|r, v| r.start = v)),
    optional("currency", Read::Text(|r, v| r.currency = Some(v))),
    optional(
        "fiscal_year_start",
        Read::Text(|r, v| r.fiscal_year_start = Some(v)),
    ),
];

/// A record that carries the descriptive fields of every node.
pub(super) trait Described {
    fn description(&mut self) -> &mut DescriptionRecord;
}

impl Described for ComponentRecord {
    fn description(&mut self) -> &mut DescriptionRecord {
        &mut self.description
    }
}

impl Described for CapabilityRecord {
    fn description(&mut self) -> &mut DescriptionRecord {
        &mut self.description
    }
}

impl Described for ProjectRecord {
    fn description(&mut self) -> &mut DescriptionRecord {
        &mut self.description
    }
}

/// `owner`, `notes` and `attributes`, on every node (SPEC §1).
const fn owner<R: Described>() -> Field<R> {
    optional("owner", Read::Text(|r, v| r.description().owner = Some(v)))
}

const fn notes<R: Described>() -> Field<R> {
    optional("notes", Read::Text(|r, v| r.description().notes = Some(v)))
}

const fn attributes<R: Described>() -> Field<R> {
    optional(
        "attributes",
        Read::Attributes(|r, v| r.description().attributes = Some(v)),
    )
}

const COMPONENT: &[Field<ComponentRecord>] = &[
    required("id", Read::RequiredText(|r, v| r.id = v)),
    required("name", Read::RequiredText(|r, v| r.name = v)),
    optional("domain", Read::Text(|r, v| r.domain = Some(v))),
    optional(
        "provided_by",
        Read::Reference(|r, v| r.provided_by = Some(v)),
    ),
    optional("available", Read::Text(|r, v| r.available = Some(v))),
    optional(
        "infrastructure",
        Read::Bool(|r, v| r.infrastructure = Some(v)),
    ),
    owner(),
    notes(),
    attributes(),
];

const CAPABILITY: &[Field<CapabilityRecord>] = &[
    required("id", Read::RequiredText(|r, v| r.id = v)),
    required("name", Read::RequiredText(|r, v| r.name = v)),
    optional("domain", Read::Text(|r, v| r.domain = Some(v))),
    optional("target", Read::Text(|r, v| r.target = Some(v))),
    optional(
        "legacy_om_per_year",
        Read::Number(|r, v| r.legacy_om_per_year = Some(v)),
    ),
    owner(),
    notes(),
    attributes(),
];

const PROJECT: &[Field<ProjectRecord>] = &[
    required("id", Read::RequiredText(|r, v| r.id = v)),
    required("name", Read::RequiredText(|r, v| r.name = v)),
    optional("domain", Read::Text(|r, v| r.domain = Some(v))),
    optional(
        "duration_days",
        Read::Days(|r, v| r.duration_days = Some(v)),
    ),
    optional("start", Read::Text(|r, v| r.start = Some(v))),
    optional("finish", Read::Text(|r, v| r.finish = Some(v))),
    optional(
        "cost",
        Read::Cost(ObjectField {
            table: COST,
            set: |r, cost| r.cost = Some(cost),
        }),
    ),
    optional("depends_on", Read::Links(|r, v| r.depends_on = v)),
    optional("uses", Read::Links(|r, v| r.uses = v)),
    optional("delivers", Read::Ids(|r, v| r.delivers = v)),
    optional(
        "range",
        Read::Range(ObjectField {
            table: RANGE,
            set: |r, range| r.range = Some(range),
        }),
    ),
    owner(),
    notes(),
    attributes(),
];

const COST: &[Field<CostRecord>] = &[
    optional("investment", Read::Number(|r, v| r.investment = Some(v))),
    optional("om_per_year", Read::Number(|r, v| r.om_per_year = Some(v))),
    optional("profile", Read::Profile(|r, v| r.profile = Some(v))),
    optional(
        "authorised",
        Read::YearAmounts(|r, v| r.authorised = Some(v)),
    ),
];

/// A link object; its record becomes a [`LinkRecord::Full`].
#[derive(Default)]
pub(super) struct LinkFields {
    pub(super) id: String,
    pub(super) link_type: Option<String>,
    pub(super) lag_days: Option<i64>,
}

pub(super) const LINK: &[Field<LinkFields>] = &[
    required("id", Read::RequiredText(|r, v| r.id = v)),
    optional("type", Read::Text(|r, v| r.link_type = Some(v))),
    optional("lag_days", Read::Days(|r, v| r.lag_days = Some(v))),
];

const RANGE: &[Field<RangeRecord>] = &[
    required("min", Read::Days(|r, v| r.min = Some(v))),
    required("max", Read::Days(|r, v| r.max = Some(v))),
];

const CEILINGS: &[Field<CeilingsRecord>] = &[
    optional(
        "investment",
        Read::YearAmounts(|r, v| r.investment = Some(v)),
    ),
    optional("om", Read::YearAmounts(|r, v| r.om = Some(v))),
];

const RISK: &[Field<RiskRecord>] = &[optional(
    "default_range_pct",
    Read::NumberPair(|r, v| r.default_range_pct = Some(v)),
)];

/// The status file.
pub(super) const STATUS: &[Field<StatusRecord>] = &[
    required("as_of", Read::RequiredText(|r, v| r.as_of = v)),
    optional(
        "updates",
        Read::Updates(ElementsField {
            table: UPDATE,
            accept: |r, update, _| r.updates.push(update),
            id: |u| &u.id,
            wait: None,
        }),
    ),
];

const UPDATE: &[Field<UpdateRecord>] = &[
    required("id", Read::RequiredText(|r, v| r.id = v)),
    optional("delay_days", Read::Days(|r, v| r.delay_days = Some(v))),
    optional("actual_start", Read::Text(|r, v| r.actual_start = Some(v))),
    optional(
        "actual_finish",
        Read::Text(|r, v| r.actual_finish = Some(v)),
    ),
    optional(
        "forecast_finish",
        Read::Text(|r, v| r.forecast_finish = Some(v)),
    ),
    optional(
        "remaining_days",
        Read::Days(|r, v| r.remaining_days = Some(v)),
    ),
    optional("note", Read::Text(|r, v| r.note = Some(v))),
    optional(
        "percent_complete",
        Read::Number(|r, v| r.percent_complete = Some(v)),
    ),
    optional("actual_cost", Read::Number(|r, v| r.actual_cost = Some(v))),
    optional(
        "estimate_at_completion",
        Read::Number(|r, v| r.estimate_at_completion = Some(v)),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn names<R>(table: &[Field<R>]) -> Vec<&'static str> {
        table.iter().map(|f| f.name).collect()
    }

    /// docs/formats.md is the format's documentation inside the repository: a
    /// key added here must be written up there too (named in code or shown as
    /// a key: `range`'s `{"min": a, "max": b}` is written up in one piece).
    #[test]
    fn every_key_is_documented_in_the_formats_page() {
        const FORMATS: &str = include_str!("../../docs/formats.md");
        let keys = [
            names(PORTFOLIO),
            names(HEADER),
            names(COMPONENT),
            names(CAPABILITY),
            names(PROJECT),
            names(COST),
            names(LINK),
            names(RANGE),
            names(CEILINGS),
            names(RISK),
            names(STATUS),
            names(UPDATE),
        ]
        .concat();
        assert!(keys.len() > 40, "only {} keys", keys.len());
        let missing: Vec<&str> = keys
            .into_iter()
            // Named in code (`key`) or written as a key ("key": …).
            .filter(|key| {
                !FORMATS.contains(&format!("`{key}`")) && !FORMATS.contains(&format!("\"{key}\":"))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "keys not documented in docs/formats.md: {missing:?}"
        );
    }
}
