//! The register's layout (SPEC §10), named once: which sheets it has, which
//! columns each sheet may hold, what each column means and an example of
//! it. Reading ([`super::read`]), the template and the export
//! ([`super::write`]) all follow this one table.

/// What one sheet (or one CSV file) of the register lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Name, start, currency, domains, ceilings, risk: one `Field | Value` row each.
    Portfolio,
    Projects,
    Components,
    Capabilities,
    /// This week's updates (SPEC §2).
    Status,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Portfolio,
        Kind::Projects,
        Kind::Components,
        Kind::Capabilities,
        Kind::Status,
    ];

    /// The sheet's name in a workbook capgraph writes.
    pub fn sheet_name(self) -> &'static str {
        match self {
            Kind::Portfolio => "Portfolio",
            Kind::Projects => "Projects",
            Kind::Components => "Components",
            Kind::Capabilities => "Capabilities",
            Kind::Status => "Status",
        }
    }

    /// The kind a sheet's name (or a CSV file's name) stands for, ignoring
    /// case, spaces and punctuation, singular or plural: `projects`,
    /// `Project`, `register-components`, `Status updates`.
    pub fn from_name(name: &str) -> Option<Kind> {
        let name = normalise(name);
        let words: [(&str, Kind); 6] = [
            ("portfolio", Kind::Portfolio),
            ("project", Kind::Projects),
            ("component", Kind::Components),
            ("capabilit", Kind::Capabilities),
            ("status", Kind::Status),
            ("update", Kind::Status),
        ];
        let mut found = words
            .iter()
            .filter(|(word, _)| name.contains(word))
            .map(|(_, kind)| *kind);
        let first = found.next()?;
        // "project-status" names two kinds: say nothing rather than guess.
        found.all(|kind| kind == first).then_some(first)
    }

    /// The key of the records of this kind in the JSON files.
    pub fn json_list(self) -> &'static str {
        match self {
            Kind::Portfolio => "portfolio",
            Kind::Projects => "projects",
            Kind::Components => "components",
            Kind::Capabilities => "capabilities",
            Kind::Status => "updates",
        }
    }

    /// A node of this kind in a committee's words.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Portfolio => "portfolio",
            Kind::Projects => "project",
            Kind::Components => "component",
            Kind::Capabilities => "capability",
            Kind::Status => "update",
        }
    }
}

/// A column's field: what capgraph reads from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    Domain,
    DurationDays,
    Start,
    Finish,
    Investment,
    OmPerYear,
    Profile,
    RangeMin,
    RangeMax,
    DependsOn,
    Uses,
    Delivers,
    ProvidedBy,
    Available,
    Infrastructure,
    Target,
    LegacyOmPerYear,
    Owner,
    Notes,
    AsOf,
    DelayDays,
    ActualStart,
    ActualFinish,
    ForecastFinish,
    RemainingDays,
    Note,
    PercentComplete,
    ActualCost,
    EstimateAtCompletion,
    /// Schedule figures that `export xlsx` adds: recomputed, never read.
    EarlyStart,
    EarlyFinish,
    TotalFloat,
    Critical,
    MarginDays,
}

/// How a column's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Text,
    /// A whole number of days.
    Days,
    /// An amount or percentage.
    Number,
    /// An ISO date or a spreadsheet date cell.
    Date,
    /// Yes / no.
    Flag,
    /// Ids, each with an optional link type and lag.
    Links,
    /// Plain ids.
    Ids,
    /// A profile's name or its 20 weights.
    Profile,
    /// A schedule figure: written, not read.
    Figure,
}

impl Field {
    /// Where the field lives in the JSON record, as a JSON pointer below
    /// the record (`cost/investment`); "" for figures.
    pub fn pointer(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::Domain => "domain",
            Field::DurationDays => "duration_days",
            Field::Start => "start",
            Field::Finish => "finish",
            Field::Investment => "cost/investment",
            Field::OmPerYear => "cost/om_per_year",
            Field::Profile => "cost/profile",
            Field::RangeMin => "range/min",
            Field::RangeMax => "range/max",
            Field::DependsOn => "depends_on",
            Field::Uses => "uses",
            Field::Delivers => "delivers",
            Field::ProvidedBy => "provided_by",
            Field::Available => "available",
            Field::Infrastructure => "infrastructure",
            Field::Target => "target",
            Field::LegacyOmPerYear => "legacy_om_per_year",
            Field::Owner => "owner",
            Field::Notes => "notes",
            Field::AsOf => "as_of",
            Field::DelayDays => "delay_days",
            Field::ActualStart => "actual_start",
            Field::ActualFinish => "actual_finish",
            Field::ForecastFinish => "forecast_finish",
            Field::RemainingDays => "remaining_days",
            Field::Note => "note",
            Field::PercentComplete => "percent_complete",
            Field::ActualCost => "actual_cost",
            Field::EstimateAtCompletion => "estimate_at_completion",
            Field::EarlyStart
            | Field::EarlyFinish
            | Field::TotalFloat
            | Field::Critical
            | Field::MarginDays => "",
        }
    }

    pub fn value(self) -> Value {
        match self {
            Field::Id
            | Field::Name
            | Field::Domain
            | Field::ProvidedBy
            | Field::Owner
            | Field::Notes
            | Field::Note => Value::Text,
            Field::DurationDays
            | Field::RangeMin
            | Field::RangeMax
            | Field::DelayDays
            | Field::RemainingDays => Value::Days,
            Field::Investment
            | Field::OmPerYear
            | Field::LegacyOmPerYear
            | Field::PercentComplete
            | Field::ActualCost
            | Field::EstimateAtCompletion => Value::Number,
            Field::Start
            | Field::Finish
            | Field::Available
            | Field::Target
            | Field::AsOf
            | Field::ActualStart
            | Field::ActualFinish
            | Field::ForecastFinish => Value::Date,
            Field::Infrastructure => Value::Flag,
            Field::DependsOn | Field::Uses => Value::Links,
            Field::Delivers => Value::Ids,
            Field::Profile => Value::Profile,
            Field::EarlyStart
            | Field::EarlyFinish
            | Field::TotalFloat
            | Field::Critical
            | Field::MarginDays => Value::Figure,
        }
    }
}

/// One column: its header as capgraph writes it, other spellings it
/// accepts, what it holds and two example cells for the template.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub field: Field,
    pub header: &'static str,
    /// Further accepted headers (the JSON path, older names).
    pub aliases: &'static [&'static str],
    pub explanation: &'static str,
    pub examples: [&'static str; 2],
}

const fn column(
    field: Field,
    header: &'static str,
    aliases: &'static [&'static str],
    explanation: &'static str,
    examples: [&'static str; 2],
) -> Column {
    Column {
        field,
        header,
        aliases,
        explanation,
        examples,
    }
}

/// Example rows' ids start with this: the importer skips such rows, so a
/// filled-in template can keep its examples.
pub const EXAMPLE_PREFIX: &str = "EXAMPLE-";

/// The explanation row's id cell starts with this: the importer skips it.
pub const EXPLANATION_MARK: &str = "Explanation (row skipped on import):";

const ID: Column = column(
    Field::Id,
    "Id",
    &[],
    "unique across projects, components and capabilities",
    ["", ""],
);
const NAME: Column = column(Field::Name, "Name", &[], "required", ["", ""]);
const DOMAIN: Column = column(
    Field::Domain,
    "Domain",
    &[],
    "service area: one of the Portfolio sheet's Domains, when it lists them",
    ["communication", "core"],
);
const OWNER: Column = column(
    Field::Owner,
    "Owner",
    &[],
    "who answers for it (descriptive only)",
    ["J. Peeters", ""],
);
const NOTES: Column = column(
    Field::Notes,
    "Notes",
    &[],
    "free text (descriptive only)",
    ["", "phase 2 follows"],
);

static PROJECTS: [Column; 16] = [
    column(Field::Id, "Id", &[], ID.explanation, ["EXAMPLE-P-1", "EXAMPLE-P-2"]),
    column(
        Field::Name,
        "Name",
        &[],
        NAME.explanation,
        ["Protected core network", "Identity and access management"],
    ),
    DOMAIN,
    column(
        Field::DurationDays,
        "Duration days",
        &["Duration"],
        "calendar days of work, a whole number ≥ 0 (or give Start and Finish)",
        ["420", "300"],
    ),
    column(
        Field::Start,
        "Start",
        &[],
        "start no earlier than: a date cell or YYYY-MM-DD",
        ["2025-03-03", ""],
    ),
    column(
        Field::Finish,
        "Finish",
        &[],
        "with Start and no Duration days: duration = Finish − Start",
        ["", ""],
    ),
    column(
        Field::Investment,
        "Investment",
        &["cost.investment"],
        "investment in the portfolio currency",
        ["18500000", "9000000"],
    ),
    column(
        Field::OmPerYear,
        "O&M per year",
        &["cost.om_per_year"],
        "yearly operation and maintenance once delivered",
        ["1200000", ""],
    ),
    column(
        Field::Profile,
        "Profile",
        &["cost.profile"],
        "how the investment is spent: linear, front, back, bell, or 20 weights separated by ;",
        ["bell", ""],
    ),
    column(
        Field::RangeMin,
        "Range min",
        &["Min days"],
        "three-point estimate: fewest days (risk)",
        ["380", ""],
    ),
    column(
        Field::RangeMax,
        "Range max",
        &["Max days"],
        "three-point estimate: most days (risk)",
        ["520", ""],
    ),
    column(
        Field::DependsOn,
        "Depends on",
        &[],
        "ids separated by ; or line breaks, each optionally with link type and lag: P-1, P-1 SS, P-1 SS+30, P-1 FF-5",
        ["", "EXAMPLE-P-1 SS+30"],
    ),
    column(
        Field::Uses,
        "Uses",
        &[],
        "components it builds on, same form as Depends on",
        ["EXAMPLE-pki", "EXAMPLE-pki FS-60; EXAMPLE-dc"],
    ),
    column(
        Field::Delivers,
        "Delivers",
        &[],
        "capabilities it contributes to: ids separated by ;",
        ["EXAMPLE-CAP-1", "EXAMPLE-CAP-1"],
    ),
    OWNER,
    NOTES,
];

static COMPONENTS: [Column; 8] = [
    column(
        Field::Id,
        "Id",
        &[],
        ID.explanation,
        ["EXAMPLE-pki", "EXAMPLE-dc"],
    ),
    column(
        Field::Name,
        "Name",
        &[],
        NAME.explanation,
        ["Public key infrastructure", "Data centre"],
    ),
    column(
        Field::Domain,
        "Domain",
        &[],
        DOMAIN.explanation,
        ["cyber", "core"],
    ),
    column(
        Field::ProvidedBy,
        "Provided by",
        &[],
        "the id of the project that builds it",
        ["EXAMPLE-P-1", ""],
    ),
    column(
        Field::Available,
        "Available",
        &[],
        "or the date it is in service: a date cell or YYYY-MM-DD",
        ["", "2024-06-01"],
    ),
    column(
        Field::Infrastructure,
        "Infrastructure",
        &[],
        "yes for shared infrastructure (a data centre, a WAN): left out of overlaps",
        ["no", "yes"],
    ),
    OWNER,
    NOTES,
];

static CAPABILITIES: [Column; 7] = [
    column(
        Field::Id,
        "Id",
        &[],
        ID.explanation,
        ["EXAMPLE-CAP-1", "EXAMPLE-CAP-2"],
    ),
    column(
        Field::Name,
        "Name",
        &[],
        NAME.explanation,
        ["Federated mission networking", "Secure cloud"],
    ),
    DOMAIN,
    column(
        Field::Target,
        "Target",
        &[],
        "target date: a date cell or YYYY-MM-DD",
        ["2028-06-30", ""],
    ),
    column(
        Field::LegacyOmPerYear,
        "Legacy O&M per year",
        &[],
        "yearly O&M of the legacy system it replaces, paid until delivered",
        ["2500000", ""],
    ),
    OWNER,
    NOTES,
];

static STATUS: [Column; 11] = [
    column(
        Field::Id,
        "Id",
        &[],
        "the project, component or capability updated (one row each)",
        ["EXAMPLE-P-1", "EXAMPLE-P-2"],
    ),
    column(
        Field::AsOf,
        "As of",
        &["Data date", "Status date"],
        "the status date, the same on every row",
        ["2026-11-23", "2026-11-23"],
    ),
    column(
        Field::DelayDays,
        "Delay days",
        &[],
        "days the work takes longer (negative: a gain)",
        ["42", ""],
    ),
    column(
        Field::ActualStart,
        "Actual start",
        &[],
        "the date it really started",
        ["", "2026-04-20"],
    ),
    column(
        Field::ActualFinish,
        "Actual finish",
        &[],
        "the date it was completed",
        ["", ""],
    ),
    column(
        Field::ForecastFinish,
        "Forecast finish",
        &[],
        "finishes no earlier than this date",
        ["", ""],
    ),
    column(
        Field::RemainingDays,
        "Remaining days",
        &[],
        "finishes no earlier than As of + these days",
        ["", "219"],
    ),
    column(
        Field::Note,
        "Note",
        &[],
        "free text, carried into reports",
        ["supplier late", "re-planned after pilot"],
    ),
    column(
        Field::PercentComplete,
        "Percent complete",
        &[],
        "physical progress, 0–100",
        ["61", "45"],
    ),
    column(
        Field::ActualCost,
        "Actual cost",
        &[],
        "money spent to date",
        ["44900000", "10100000"],
    ),
    column(
        Field::EstimateAtCompletion,
        "Estimate at completion",
        &["EAC"],
        "latest estimate of the whole cost",
        ["71200000", ""],
    ),
];

static FIGURES: [Column; 4] = [
    column(
        Field::EarlyStart,
        "Early start",
        &[],
        "schedule figure written by capgraph export: recomputed, not read",
        ["", ""],
    ),
    column(
        Field::EarlyFinish,
        "Early finish",
        &[],
        "schedule figure written by capgraph export: recomputed, not read",
        ["", ""],
    ),
    column(
        Field::TotalFloat,
        "Total float days",
        &[],
        "schedule figure written by capgraph export: recomputed, not read",
        ["", ""],
    ),
    column(
        Field::Critical,
        "Critical",
        &[],
        "schedule figure written by capgraph export: recomputed, not read",
        ["", ""],
    ),
];

static MARGIN: Column = column(
    Field::MarginDays,
    "Margin days",
    &[],
    "schedule figure written by capgraph export: target − early finish, recomputed, not read",
    ["", ""],
);

/// The columns a sheet of this kind may hold, in the order capgraph writes
/// them (the Portfolio sheet has rows instead: [`PORTFOLIO_ROWS`]).
pub fn columns(kind: Kind) -> &'static [Column] {
    match kind {
        Kind::Portfolio => &[],
        Kind::Projects => &PROJECTS,
        Kind::Components => &COMPONENTS,
        Kind::Capabilities => &CAPABILITIES,
        Kind::Status => &STATUS,
    }
}

/// The schedule figures `export xlsx` appends to a sheet of this kind.
pub fn figure_columns(kind: Kind) -> Vec<&'static Column> {
    match kind {
        Kind::Projects | Kind::Components => FIGURES.iter().collect(),
        Kind::Capabilities => FIGURES.iter().chain([&MARGIN]).collect(),
        Kind::Portfolio | Kind::Status => Vec::new(),
    }
}

/// A `Field | Value` row of the Portfolio sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortfolioKey {
    Name,
    Start,
    Currency,
    FiscalYearStart,
    Domains,
    DefaultRangePct,
    /// `Investment ceiling 2026`: one row per fiscal year.
    InvestmentCeiling,
    /// `O&M ceiling 2026`.
    OmCeiling,
}

/// One row of the Portfolio sheet: its key as written, accepted spellings,
/// its JSON pointer, and what it holds.
#[derive(Debug, Clone, Copy)]
pub struct PortfolioRow {
    pub key: PortfolioKey,
    pub label: &'static str,
    pub aliases: &'static [&'static str],
    pub pointer: &'static str,
    pub explanation: &'static str,
    pub example: &'static str,
}

pub static PORTFOLIO_ROWS: [PortfolioRow; 8] = [
    PortfolioRow {
        key: PortfolioKey::Name,
        label: "Name",
        aliases: &["portfolio.name"],
        pointer: "portfolio/name",
        explanation: "the portfolio's name (required)",
        example: "Digital Backbone",
    },
    PortfolioRow {
        key: PortfolioKey::Start,
        label: "Start",
        aliases: &["portfolio.start"],
        pointer: "portfolio/start",
        explanation: "day 0 of every schedule: a date cell or YYYY-MM-DD (required)",
        example: "2025-01-01",
    },
    PortfolioRow {
        key: PortfolioKey::Currency,
        label: "Currency",
        aliases: &["portfolio.currency"],
        pointer: "portfolio/currency",
        explanation: "currency of every amount (EUR when empty)",
        example: "EUR",
    },
    PortfolioRow {
        key: PortfolioKey::FiscalYearStart,
        label: "Fiscal year start",
        aliases: &["portfolio.fiscal_year_start"],
        pointer: "portfolio/fiscal_year_start",
        explanation: "first day of every fiscal year as MM-DD (01-01 when empty)",
        example: "01-01",
    },
    PortfolioRow {
        key: PortfolioKey::Domains,
        label: "Domains",
        aliases: &[],
        pointer: "domains",
        explanation: "the service areas, separated by ;: every Domain cell must be one of them",
        example: "communication; core; cyber",
    },
    PortfolioRow {
        key: PortfolioKey::DefaultRangePct,
        label: "Default range pct",
        aliases: &["risk.default_range_pct"],
        pointer: "risk/default_range_pct",
        explanation: "risk: lo; hi in percent for projects without Range min and max",
        example: "-10; 25",
    },
    PortfolioRow {
        key: PortfolioKey::InvestmentCeiling,
        label: "Investment ceiling",
        aliases: &["ceilings.investment"],
        pointer: "ceilings/investment",
        explanation: "money available for investment in a fiscal year: one row per year, the year after the label",
        example: "280000000",
    },
    PortfolioRow {
        key: PortfolioKey::OmCeiling,
        label: "O&M ceiling",
        aliases: &["ceilings.om"],
        pointer: "ceilings/om",
        explanation: "money available for O&M in a fiscal year: one row per year, the year after the label",
        example: "6000000",
    },
];

/// The header of a project's investment authorised in one fiscal year.
pub const AUTHORISED: &str = "Authorised";

/// Header text as compared: lower case, letters and digits only
/// (`O&M per year`, `om_per_year` and `OM-per-year` are the same header).
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a header cell of a sheet of `kind` binds its column to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    Field(Field),
    /// `Authorised 2026`: the project's investment authorised in that year.
    Authorised(String),
    /// A column that is no field: an attribute of that name.
    Attribute(String),
}

/// Binds a header: a field's header or alias, `Authorised YEAR`, or else an
/// attribute (`attributes.NAME` names one explicitly, even when NAME is
/// also a field's header).
pub fn bind_header(kind: Kind, header: &str) -> Binding {
    let trimmed = header.trim();
    if let Some(name) = strip_prefix_ignoring_case(trimmed, "attributes.") {
        return Binding::Attribute(name.to_string());
    }
    let key = normalise(trimmed);
    let all = columns(kind).iter().chain(figure_columns(kind));
    for column in all {
        let spellings = std::iter::once(column.header)
            .chain(column.aliases.iter().copied())
            .chain(std::iter::once(column.field.pointer()).filter(|p| !p.is_empty()));
        if spellings.map(normalise).any(|s| s == key) {
            return Binding::Field(column.field);
        }
    }
    if kind == Kind::Projects {
        for prefix in [
            "authorised",
            "authorized",
            "costauthorised",
            "costauthorized",
        ] {
            if let Some(year) = key.strip_prefix(prefix) {
                if !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit()) {
                    return Binding::Authorised(year.to_string());
                }
            }
        }
    }
    Binding::Attribute(trimmed.to_string())
}

/// A Portfolio sheet key: the row and, for a ceiling, its year
/// (`Investment ceiling 2026`).
pub fn bind_portfolio_key(key: &str) -> Option<(&'static PortfolioRow, Option<String>)> {
    let key = normalise(key);
    for row in &PORTFOLIO_ROWS {
        let spellings = std::iter::once(row.label).chain(row.aliases.iter().copied());
        for spelling in spellings.map(normalise) {
            let ceiling = matches!(
                row.key,
                PortfolioKey::InvestmentCeiling | PortfolioKey::OmCeiling
            );
            if ceiling {
                if let Some(year) = key.strip_prefix(&spelling) {
                    if !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit()) {
                        return Some((row, Some(year.to_string())));
                    }
                }
            } else if key == spelling {
                return Some((row, None));
            }
        }
    }
    None
}

fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_forgiving() {
        for header in [
            "Duration days",
            "duration_days",
            " DURATION-DAYS ",
            "Duration",
        ] {
            assert_eq!(
                bind_header(Kind::Projects, header),
                Binding::Field(Field::DurationDays),
                "{header}"
            );
        }
        assert_eq!(
            bind_header(Kind::Projects, "O&M per year"),
            Binding::Field(Field::OmPerYear)
        );
        assert_eq!(
            bind_header(Kind::Projects, "cost.om_per_year"),
            Binding::Field(Field::OmPerYear)
        );
        assert_eq!(
            bind_header(Kind::Capabilities, "Legacy O&M per year"),
            Binding::Field(Field::LegacyOmPerYear)
        );
        assert_eq!(
            bind_header(Kind::Components, "provided_by"),
            Binding::Field(Field::ProvidedBy)
        );
    }

    #[test]
    fn other_headers_are_attributes_or_years() {
        assert_eq!(
            bind_header(Kind::Projects, "Authorised 2026"),
            Binding::Authorised("2026".into())
        );
        assert_eq!(
            bind_header(Kind::Projects, "Programme office"),
            Binding::Attribute("Programme office".into())
        );
        assert_eq!(
            bind_header(Kind::Projects, "attributes.Owner"),
            Binding::Attribute("Owner".into())
        );
        // "Provided by" is a component's field, not a project's.
        assert_eq!(
            bind_header(Kind::Projects, "Provided by"),
            Binding::Attribute("Provided by".into())
        );
    }

    #[test]
    fn sheet_names_name_kinds() {
        assert_eq!(Kind::from_name("Projects"), Some(Kind::Projects));
        assert_eq!(
            Kind::from_name("register-components"),
            Some(Kind::Components)
        );
        assert_eq!(Kind::from_name("Capability"), Some(Kind::Capabilities));
        assert_eq!(Kind::from_name("Status updates"), Some(Kind::Status));
        assert_eq!(Kind::from_name("Read me"), None);
        assert_eq!(Kind::from_name("project-status"), None);
    }

    #[test]
    fn portfolio_keys_carry_years() {
        let (row, year) = bind_portfolio_key("O&M ceiling 2027").unwrap();
        assert_eq!(
            (row.key, year.as_deref()),
            (PortfolioKey::OmCeiling, Some("2027"))
        );
        let (row, year) = bind_portfolio_key("fiscal_year_start").unwrap();
        assert_eq!((row.key, year), (PortfolioKey::FiscalYearStart, None));
        assert!(bind_portfolio_key("Colour").is_none());
    }
}
