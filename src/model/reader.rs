//! Reads a portfolio or status file into records, collecting every problem.
//!
//! A derived `Deserialize` stops at the first error and cannot say which JSON
//! path it was at; this reader walks the parsed JSON value instead, so that one
//! run reports every unknown field, missing field and wrong type with its path.
//!
//! Convention shared with [`super::validate`]: an element or link that could not
//! be read is kept as a placeholder with an empty id (so later array indices
//! stay right) and has already been reported; validation skips empty ids.

use std::path::Path;

use serde_json::{Map, Value};

use super::problem::{did_you_mean, pointer_token, Problem, ProblemCode};
use super::records::{
    CapabilityRecord, CeilingsRecord, ComponentRecord, CostRecord, DescriptionRecord, HeaderRecord,
    LinkRecord, PortfolioRecord, ProfileRecord, ProjectRecord, RangeRecord, RiskRecord,
    StatusRecord, UpdateRecord, YearAmounts,
};
use super::values::AttributeValue;

/// The largest day count (duration, lag, delay, remaining days) accepted,
/// either way: about 2 700 years. Larger counts are typos, and bounding them
/// keeps every schedule sum far from `i64` overflow.
pub const MAX_DAY_COUNT: i64 = 1_000_000;

/// Reads `path` as one JSON object; a problem (with line and column where
/// they apply) when the file is missing, a directory, empty, not UTF-8,
/// malformed, too deep, or not an object.
pub fn read_json_object(path: &Path) -> Result<Map<String, Value>, Box<Problem>> {
    let text = read_text(path)?;
    parse_json_object(&text, &path.display().to_string())
}

/// Reads `path` as UTF-8 text; a problem when the file is missing, a
/// directory, or not UTF-8 (with the line and column of the first bad byte).
pub fn read_text(path: &Path) -> Result<String, Box<Problem>> {
    let file = path.display().to_string();
    let unreadable =
        |message: String| Box::new(Problem::new(ProblemCode::Unreadable, &file, "", message));
    let metadata = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => unreadable("no such file".to_string()),
        _ => unreadable(format!("cannot read: {e}")),
    })?;
    if metadata.is_dir() {
        return Err(unreadable(
            "is a directory; give the path of a JSON file".to_string(),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let column = valid.len() - valid.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1) + 1;
        let mut problem = unreadable(format!(
            "is not UTF-8 text (invalid byte at line {line}, column {column}); save it as UTF-8"
        ));
        problem.line = Some(line);
        problem.column = Some(column);
        problem
    })?;
    Ok(text)
}

/// Reads portfolio JSON text into records, appending problems; a problem
/// alone when the text is not one JSON object.
///
/// A clean file (the usual case) is deserialized straight into records by
/// [`strict`], several times faster and lighter than building a
/// `serde_json::Value` first; anything `strict` rejects — every file with a
/// problem — takes the collecting walk of [`read_portfolio`], so the
/// problems reported are exactly those of that walk.
pub fn read_portfolio_text(
    text: &str,
    file: &str,
    problems: &mut Vec<Problem>,
) -> Result<PortfolioRecord, Box<Problem>> {
    if let Some(record) = strict::portfolio(text) {
        return Ok(record);
    }
    let map = parse_json_object(text, file)?;
    Ok(read_portfolio(&map, file, problems))
}

/// Parses JSON text that must be one object; a problem (with line and column
/// where they apply) when it is empty, malformed, too deep or not an object.
pub fn parse_json_object(text: &str, file: &str) -> Result<Map<String, Value>, Box<Problem>> {
    let unreadable =
        |message: String| Box::new(Problem::new(ProblemCode::Unreadable, file, "", message));
    if text.trim().is_empty() {
        return Err(unreadable("is empty; expected one JSON object".to_string()));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| -> Box<Problem> {
        let message = e.to_string();
        if message.contains("recursion limit") {
            Problem::new(
                ProblemCode::TooDeep,
                file,
                "",
                format!(
                    "JSON is nested too deeply (line {}, column {}); capgraph files need only a few levels",
                    e.line(),
                    e.column()
                ),
            )
            .at(e.line(), e.column())
            .into()
        } else {
            // serde_json appends " at line L column C"; we report those separately.
            let reason = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(reason, _)| reason);
            Problem::new(
                ProblemCode::Syntax,
                file,
                "",
                format!("malformed JSON at line {}, column {}: {reason}", e.line(), e.column()),
            )
            .at(e.line(), e.column())
            .into()
        }
    })?;
    match value {
        Value::Object(map) => Ok(map),
        other => Err(Box::new(Problem::new(
            ProblemCode::NotAnObject,
            file,
            "",
            format!(
                "the top level is {}; expected one JSON object {{ ... }}",
                describe(&other)
            ),
        ))),
    }
}

/// "a JSON array", "the number 3", … for messages.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(_) => "a string".to_string(),
        Value::Array(_) => "a JSON array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// Walks JSON values, appending problems.
struct Reader<'p> {
    file: String,
    problems: &'p mut Vec<Problem>,
    /// The id of the element being read, named in its problems.
    current_id: Option<String>,
}

impl Reader<'_> {
    fn report(&mut self, code: ProblemCode, path: &str, message: String) -> &mut Problem {
        let mut problem = Problem::new(code, &self.file, path, message);
        problem.id = self.current_id.clone();
        self.problems.push(problem);
        self.problems.last_mut().expect("just pushed")
    }

    fn wrong_type(&mut self, path: &str, expected: &str, found: &Value) {
        self.report(
            ProblemCode::WrongType,
            path,
            format!("expected {expected}, found {}", describe(found)),
        );
    }

    /// Checks an object's keys: unknown ones and missing required ones.
    fn keys(&mut self, map: &Map<String, Value>, path: &str, known: &[&str], required: &[&str]) {
        // A nested object without an id of its own (a cost, a range) is
        // named by the element it belongs to.
        let id = map
            .get("id")
            .and_then(Value::as_str)
            .filter(|id| !id.is_empty())
            .map(str::to_string)
            .or_else(|| self.current_id.clone());
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                let hint = did_you_mean(key, known.iter().copied())
                    .or_else(|| Some(format!("known fields: {}", known.join(", "))));
                let owner = id
                    .as_deref()
                    .map(|id| format!(" in \"{id}\""))
                    .unwrap_or_default();
                let problem = self.report(
                    ProblemCode::UnknownField,
                    &format!("{path}/{}", pointer_token(key)),
                    format!("unknown field \"{key}\"{owner}"),
                );
                problem.hint = hint;
                problem.id = id.clone();
            }
        }
        for field in required {
            if !map.contains_key(*field) {
                let owner = id
                    .as_deref()
                    .map(|id| format!(" in \"{id}\""))
                    .unwrap_or_default();
                let problem = self.report(
                    ProblemCode::MissingField,
                    path,
                    format!("missing required field \"{field}\"{owner}"),
                );
                problem.id = id.clone();
            }
        }
    }

    fn object<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            other => {
                self.wrong_type(path, "an object", other);
                None
            }
        }
    }

    fn array<'v>(&mut self, map: &'v Map<String, Value>, key: &str, path: &str) -> &'v [Value] {
        match map.get(key) {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.wrong_type(&format!("{path}/{key}"), "an array", other);
                &[]
            }
        }
    }

    fn optional_string(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Option<String> {
        match map.get(key)? {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong_type(&format!("{path}/{key}"), "a string", other);
                None
            }
        }
    }

    /// A required, non-empty string; empty when missing or wrong (reported).
    fn required_string(&mut self, map: &Map<String, Value>, key: &str, path: &str) -> String {
        let value = self.optional_string(map, key, path).unwrap_or_default();
        if value.is_empty() && matches!(map.get(key), Some(Value::String(_))) {
            let code = if key == "id" {
                ProblemCode::EmptyId
            } else {
                ProblemCode::MissingField
            };
            self.report(
                code,
                &format!("{path}/{key}"),
                format!("\"{key}\" must not be empty"),
            );
        }
        value
    }

    /// A whole number of days: a JSON integer (`10.0` is a wrong type, SPEC §7)
    /// within ± [`MAX_DAY_COUNT`].
    fn optional_days(&mut self, map: &Map<String, Value>, key: &str, path: &str) -> Option<i64> {
        let value = map.get(key)?;
        match value.as_i64() {
            Some(n) if (-MAX_DAY_COUNT..=MAX_DAY_COUNT).contains(&n) => Some(n),
            Some(n) => {
                self.report(
                    ProblemCode::DaysOutOfRange,
                    &format!("{path}/{key}"),
                    format!("{key} is {n}; day counts must lie within ±{MAX_DAY_COUNT}"),
                );
                None
            }
            None => {
                self.wrong_type(
                    &format!("{path}/{key}"),
                    "a whole number of days (JSON integer)",
                    value,
                );
                None
            }
        }
    }

    fn optional_number(&mut self, map: &Map<String, Value>, key: &str, path: &str) -> Option<f64> {
        let value = map.get(key)?;
        match value.as_f64() {
            Some(n) => Some(n),
            None => {
                self.wrong_type(&format!("{path}/{key}"), "a number", value);
                None
            }
        }
    }

    fn optional_bool(&mut self, map: &Map<String, Value>, key: &str, path: &str) -> Option<bool> {
        let value = map.get(key)?;
        match value {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong_type(&format!("{path}/{key}"), "true or false", other);
                None
            }
        }
    }

    /// The object `key` of `map`, when present and an object (else reported).
    fn optional_object<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Option<&'v Map<String, Value>> {
        self.object(map.get(key)?, &format!("{path}/{key}"))
    }

    /// `{ "2026": n, … }`: numbers by year key (the keys are checked in
    /// validation, which knows what a year is).
    fn year_amounts(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Option<YearAmounts> {
        let object = self.optional_object(map, key, path)?;
        let object_path = format!("{path}/{key}");
        Some(
            object
                .keys()
                .filter_map(|year| {
                    let amount = self.optional_number(object, year, &object_path)?;
                    Some((year.clone(), amount))
                })
                .collect(),
        )
    }

    /// `owner`, `notes` and `attributes`, which every node may carry.
    fn description(&mut self, map: &Map<String, Value>, path: &str) -> DescriptionRecord {
        let attributes = self.optional_object(map, "attributes", path).map(|object| {
            object
                .iter()
                .filter_map(|(name, value)| match value {
                    Value::String(text) => Some((name.clone(), AttributeValue::Text(text.clone()))),
                    Value::Number(n) => n
                        .as_f64()
                        .map(|n| (name.clone(), AttributeValue::Number(n))),
                    other => {
                        self.wrong_type(
                            &format!("{path}/attributes/{}", pointer_token(name)),
                            "a string or a number",
                            other,
                        );
                        None
                    }
                })
                .collect()
        });
        DescriptionRecord {
            owner: self.optional_string(map, "owner", path),
            notes: self.optional_string(map, "notes", path),
            attributes,
        }
    }

    /// `cost.profile`: a name or an array of numbers (their count and values
    /// are checked in validation).
    fn profile(&mut self, map: &Map<String, Value>, path: &str) -> Option<ProfileRecord> {
        let value = map.get("profile")?;
        let path = format!("{path}/profile");
        match value {
            Value::String(name) => Some(ProfileRecord::Name(name.clone())),
            Value::Array(items) => {
                let mut weights = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item.as_f64() {
                        Some(w) => weights.push(w),
                        None => self.wrong_type(&format!("{path}/{i}"), "a number", item),
                    }
                }
                (weights.len() == items.len()).then_some(ProfileRecord::Weights(weights))
            }
            other => {
                self.wrong_type(
                    &path,
                    "\"linear\", \"front\", \"back\", \"bell\" or an array of 20 weights",
                    other,
                );
                None
            }
        }
    }

    /// `range`: `{min, max}`, whole days.
    fn range(&mut self, map: &Map<String, Value>, path: &str) -> Option<RangeRecord> {
        let range = self.optional_object(map, "range", path)?;
        let path = format!("{path}/range");
        self.keys(range, &path, &["min", "max"], &["min", "max"]);
        Some(RangeRecord {
            min: self.optional_days(range, "min", &path),
            max: self.optional_days(range, "max", &path),
        })
    }

    /// An array of exactly two numbers.
    fn number_pair(&mut self, map: &Map<String, Value>, key: &str, path: &str) -> Option<Vec<f64>> {
        let value = map.get(key)?;
        let pair = value
            .as_array()
            .filter(|items| items.len() == 2)
            .and_then(|items| {
                items
                    .iter()
                    .map(Value::as_f64)
                    .collect::<Option<Vec<f64>>>()
            });
        if pair.is_none() {
            self.wrong_type(&format!("{path}/{key}"), "[lo, hi], two numbers", value);
        }
        pair
    }

    /// An id naming another node; an empty one is reported (and stays empty,
    /// the placeholder validation skips).
    fn reference(&mut self, id: &str, path: &str) -> String {
        if id.is_empty() {
            self.report(
                ProblemCode::EmptyId,
                path,
                "an empty id names no node".to_string(),
            );
        }
        id.to_string()
    }

    /// A list of plain id strings; unreadable entries become empty placeholders.
    fn id_list(&mut self, map: &Map<String, Value>, key: &str, path: &str) -> Vec<String> {
        let items = self.array(map, key, path);
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) => self.reference(s, &format!("{path}/{key}/{i}")),
                other => {
                    self.wrong_type(&format!("{path}/{key}/{i}"), "an id string", other);
                    String::new()
                }
            })
            .collect()
    }

    fn links(&mut self, map: &Map<String, Value>, key: &str, path: &str) -> Vec<LinkRecord> {
        let items = self.array(map, key, path);
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let item_path = format!("{path}/{key}/{i}");
                match item {
                    Value::String(s) => LinkRecord::Id(self.reference(s, &item_path)),
                    Value::Object(link) => {
                        self.keys(link, &item_path, &["id", "type", "lag_days"], &["id"]);
                        LinkRecord::Full {
                            id: self.required_string(link, "id", &item_path),
                            link_type: self.optional_string(link, "type", &item_path),
                            lag_days: self.optional_days(link, "lag_days", &item_path),
                        }
                    }
                    other => {
                        self.wrong_type(
                            &item_path,
                            "an id string or a {id, type, lag_days} object",
                            other,
                        );
                        LinkRecord::Id(String::new())
                    }
                }
            })
            .collect()
    }

    /// Reads each element of the array `key` with `read`, keeping placeholders.
    fn records<T: Default>(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        mut read: impl FnMut(&mut Self, &Map<String, Value>, &str) -> T,
    ) -> Vec<T> {
        let items = self.array(map, key, "");
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let path = format!("/{key}/{i}");
                match self.object(item, &path) {
                    Some(object) => {
                        self.current_id = object
                            .get("id")
                            .and_then(Value::as_str)
                            .filter(|id| !id.is_empty())
                            .map(str::to_string);
                        let record = read(self, object, &path);
                        self.current_id = None;
                        record
                    }
                    None => T::default(),
                }
            })
            .collect()
    }
}

/// Reads the portfolio file's object into records, appending problems.
pub fn read_portfolio(
    map: &Map<String, Value>,
    file: &str,
    problems: &mut Vec<Problem>,
) -> PortfolioRecord {
    let mut r = Reader {
        file: file.to_string(),
        problems,
        current_id: None,
    };
    r.keys(
        map,
        "",
        &[
            "portfolio",
            "domains",
            "components",
            "capabilities",
            "projects",
            "ceilings",
            "risk",
        ],
        &["portfolio"],
    );
    let portfolio = match map.get("portfolio") {
        Some(value) => match r.object(value, "/portfolio") {
            Some(header) => {
                r.keys(
                    header,
                    "/portfolio",
                    &["name", "start", "currency", "fiscal_year_start"],
                    &["name", "start"],
                );
                HeaderRecord {
                    name: r.required_string(header, "name", "/portfolio"),
                    start: r.required_string(header, "start", "/portfolio"),
                    currency: r.optional_string(header, "currency", "/portfolio"),
                    fiscal_year_start: r.optional_string(header, "fiscal_year_start", "/portfolio"),
                }
            }
            None => HeaderRecord::default(),
        },
        None => HeaderRecord::default(),
    };
    let domains = map.get("domains").map(|_| r.id_list(map, "domains", ""));
    let components = r.records(map, "components", |r, c, path| {
        r.keys(
            c,
            path,
            &[
                "id",
                "name",
                "domain",
                "provided_by",
                "available",
                "infrastructure",
                "owner",
                "notes",
                "attributes",
            ],
            &["id", "name"],
        );
        ComponentRecord {
            id: r.required_string(c, "id", path),
            name: r.required_string(c, "name", path),
            domain: r.optional_string(c, "domain", path),
            provided_by: r
                .optional_string(c, "provided_by", path)
                .map(|id| r.reference(&id, &format!("{path}/provided_by"))),
            available: r.optional_string(c, "available", path),
            infrastructure: r.optional_bool(c, "infrastructure", path),
            description: r.description(c, path),
        }
    });
    let capabilities = r.records(map, "capabilities", |r, c, path| {
        r.keys(
            c,
            path,
            &[
                "id",
                "name",
                "domain",
                "target",
                "legacy_om_per_year",
                "owner",
                "notes",
                "attributes",
            ],
            &["id", "name"],
        );
        CapabilityRecord {
            id: r.required_string(c, "id", path),
            name: r.required_string(c, "name", path),
            domain: r.optional_string(c, "domain", path),
            target: r.optional_string(c, "target", path),
            legacy_om_per_year: r.optional_number(c, "legacy_om_per_year", path),
            description: r.description(c, path),
        }
    });
    let projects = r.records(map, "projects", |r, p, path| {
        r.keys(
            p,
            path,
            &[
                "id",
                "name",
                "domain",
                "duration_days",
                "start",
                "finish",
                "cost",
                "depends_on",
                "uses",
                "delivers",
                "range",
                "owner",
                "notes",
                "attributes",
            ],
            &["id", "name"],
        );
        let cost = p.get("cost").and_then(|value| {
            let cost_path = format!("{path}/cost");
            let cost = r.object(value, &cost_path)?;
            r.keys(
                cost,
                &cost_path,
                &["investment", "om_per_year", "profile", "authorised"],
                &[],
            );
            Some(CostRecord {
                investment: r.optional_number(cost, "investment", &cost_path),
                om_per_year: r.optional_number(cost, "om_per_year", &cost_path),
                profile: r.profile(cost, &cost_path),
                authorised: r.year_amounts(cost, "authorised", &cost_path),
            })
        });
        ProjectRecord {
            id: r.required_string(p, "id", path),
            name: r.required_string(p, "name", path),
            domain: r.optional_string(p, "domain", path),
            duration_days: r.optional_days(p, "duration_days", path),
            start: r.optional_string(p, "start", path),
            finish: r.optional_string(p, "finish", path),
            cost,
            depends_on: r.links(p, "depends_on", path),
            uses: r.links(p, "uses", path),
            delivers: r.id_list(p, "delivers", path),
            range: r.range(p, path),
            description: r.description(p, path),
        }
    });
    let ceilings = r.optional_object(map, "ceilings", "").map(|ceilings| {
        r.keys(ceilings, "/ceilings", &["investment", "om"], &[]);
        CeilingsRecord {
            investment: r.year_amounts(ceilings, "investment", "/ceilings"),
            om: r.year_amounts(ceilings, "om", "/ceilings"),
        }
    });
    let risk = r.optional_object(map, "risk", "").map(|risk| {
        r.keys(risk, "/risk", &["default_range_pct"], &[]);
        RiskRecord {
            default_range_pct: r.number_pair(risk, "default_range_pct", "/risk"),
        }
    });
    PortfolioRecord {
        portfolio,
        domains,
        components,
        capabilities,
        projects,
        ceilings,
        risk,
    }
}

/// Reads the status file's object into records, appending problems.
pub fn read_status(
    map: &Map<String, Value>,
    file: &str,
    problems: &mut Vec<Problem>,
) -> StatusRecord {
    let mut r = Reader {
        file: file.to_string(),
        problems,
        current_id: None,
    };
    r.keys(map, "", &["as_of", "updates"], &["as_of"]);
    let as_of = r.required_string(map, "as_of", "");
    let updates = r.records(map, "updates", |r, u, path| {
        r.keys(
            u,
            path,
            &[
                "id",
                "delay_days",
                "actual_start",
                "actual_finish",
                "forecast_finish",
                "remaining_days",
                "note",
                "percent_complete",
                "actual_cost",
                "estimate_at_completion",
            ],
            &["id"],
        );
        UpdateRecord {
            id: r.required_string(u, "id", path),
            delay_days: r.optional_days(u, "delay_days", path),
            actual_start: r.optional_string(u, "actual_start", path),
            actual_finish: r.optional_string(u, "actual_finish", path),
            forecast_finish: r.optional_string(u, "forecast_finish", path),
            remaining_days: r.optional_days(u, "remaining_days", path),
            note: r.optional_string(u, "note", path),
            percent_complete: r.optional_number(u, "percent_complete", path),
            actual_cost: r.optional_number(u, "actual_cost", path),
            estimate_at_completion: r.optional_number(u, "estimate_at_completion", path),
        }
    });
    StatusRecord { as_of, updates }
}

/// The fast path of [`read_portfolio_text`]: a derived `Deserialize` that
/// accepts only files that [`read_portfolio`] reads without any problem (all
/// of them but those with a repeated key, which the walk reads as the last
/// value), and gives the same records; it returns `None` for everything else.
///
/// What makes the two agree: unknown fields and duplicate keys are refused;
/// a present field must have its type (`null` is refused, as the walk
/// reports it); elements must be JSON objects (a derived struct would also
/// take an array); day counts are `i64` and costs `f64` from the same
/// number parser; required strings must not be empty (checked afterwards).
mod strict {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::value::MapAccessDeserializer;
    use serde::de::{Deserializer, MapAccess, Visitor};
    use serde::Deserialize;

    use super::MAX_DAY_COUNT;
    use crate::model::records::{
        Attributes, CapabilityRecord, CeilingsRecord, ComponentRecord, CostRecord,
        DescriptionRecord, HeaderRecord, LinkRecord, PortfolioRecord, ProfileRecord, ProjectRecord,
        RangeRecord, RiskRecord, YearAmounts,
    };
    use crate::model::values::AttributeValue;

    /// The records of a clean portfolio file, or `None`.
    pub(super) fn portfolio(text: &str) -> Option<PortfolioRecord> {
        let file: File = serde_json::from_str(text).ok()?;
        let record = file.into_record();
        clean(&record).then_some(record)
    }

    /// Whether the checks the walk makes beyond types hold: required strings
    /// and references are not empty, day counts lie within ± [`MAX_DAY_COUNT`].
    fn clean(record: &PortfolioRecord) -> bool {
        let filled = |a: &str, b: &str| !a.is_empty() && !b.is_empty();
        let days = |n: Option<i64>| n.is_none_or(|n| (-MAX_DAY_COUNT..=MAX_DAY_COUNT).contains(&n));
        let link = |link: &LinkRecord| match link {
            LinkRecord::Id(id) => !id.is_empty(),
            LinkRecord::Full { id, lag_days, .. } => !id.is_empty() && days(*lag_days),
        };
        filled(&record.portfolio.name, &record.portfolio.start)
            && record.domains.iter().flatten().all(|d| !d.is_empty())
            && record.components.iter().all(|c| {
                filled(&c.id, &c.name) && c.provided_by.as_ref().is_none_or(|p| !p.is_empty())
            })
            && record.capabilities.iter().all(|c| filled(&c.id, &c.name))
            && record.projects.iter().all(|p| {
                filled(&p.id, &p.name)
                    && days(p.duration_days)
                    && p.depends_on.iter().chain(&p.uses).all(link)
                    && p.delivers.iter().all(|d| !d.is_empty())
                    && p.range.as_ref().is_none_or(|r| days(r.min) && days(r.max))
            })
    }

    /// A field that, when present, must hold a `T` (not `null`).
    fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(deserializer).map(Some)
    }

    /// A `T` read from a JSON object only.
    struct Object<T>(T);

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct ObjectVisitor<T>(PhantomData<T>);
            impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
                type Value = T;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                    T::deserialize(MapAccessDeserializer::new(map))
                }
            }
            deserializer
                .deserialize_map(ObjectVisitor(PhantomData))
                .map(Object)
        }
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        portfolio: Object<Header>,
        #[serde(default, deserialize_with = "present")]
        domains: Option<Vec<String>>,
        #[serde(default)]
        components: Vec<Object<Component>>,
        #[serde(default)]
        capabilities: Vec<Object<Capability>>,
        #[serde(default)]
        projects: Vec<Object<Project>>,
        #[serde(default, deserialize_with = "present")]
        ceilings: Option<Object<Ceilings>>,
        #[serde(default, deserialize_with = "present")]
        risk: Option<Object<Risk>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Ceilings {
        #[serde(default, deserialize_with = "present")]
        investment: Option<Pairs<f64>>,
        #[serde(default, deserialize_with = "present")]
        om: Option<Pairs<f64>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Risk {
        #[serde(default, deserialize_with = "present")]
        default_range_pct: Option<[f64; 2]>,
    }

    /// `owner`, `notes`, `attributes`, flattened into every node.
    #[derive(Deserialize)]
    struct Description {
        #[serde(default, deserialize_with = "present")]
        owner: Option<String>,
        #[serde(default, deserialize_with = "present")]
        notes: Option<String>,
        #[serde(default, deserialize_with = "present")]
        attributes: Option<Pairs<Attribute>>,
    }

    impl Description {
        fn into_record(self) -> DescriptionRecord {
            DescriptionRecord {
                owner: self.owner,
                notes: self.notes,
                attributes: self.attributes.map(|Pairs(pairs)| -> Attributes {
                    pairs.into_iter().map(|(k, Attribute(v))| (k, v)).collect()
                }),
            }
        }
    }

    /// A JSON object's members in file order; a repeated key is refused.
    struct Pairs<V>(Vec<(String, V)>);

    impl<'de, V: Deserialize<'de>> Deserialize<'de> for Pairs<V> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct PairsVisitor<V>(PhantomData<V>);
            impl<'de, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<V> {
                type Value = Pairs<V>;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs<V>, A::Error> {
                    let mut pairs: Vec<(String, V)> = Vec::new();
                    while let Some((key, value)) = map.next_entry::<String, V>()? {
                        if pairs.iter().any(|(k, _)| *k == key) {
                            return Err(serde::de::Error::custom("duplicate key"));
                        }
                        pairs.push((key, value));
                    }
                    Ok(Pairs(pairs))
                }
            }
            deserializer.deserialize_map(PairsVisitor(PhantomData))
        }
    }

    /// A string or a number.
    struct Attribute(AttributeValue);

    impl<'de> Deserialize<'de> for Attribute {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct AttributeVisitor;
            impl Visitor<'_> for AttributeVisitor {
                type Value = Attribute;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a string or a number")
                }
                fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Attribute, E> {
                    Ok(Attribute(AttributeValue::Text(text.to_string())))
                }
                fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Attribute, E> {
                    Ok(Attribute(AttributeValue::Number(n as f64)))
                }
                fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Attribute, E> {
                    Ok(Attribute(AttributeValue::Number(n as f64)))
                }
                fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Attribute, E> {
                    Ok(Attribute(AttributeValue::Number(n)))
                }
            }
            deserializer.deserialize_any(AttributeVisitor)
        }
    }

    /// A profile's name or an array of numbers.
    struct Profile(ProfileRecord);

    impl<'de> Deserialize<'de> for Profile {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct ProfileVisitor;
            impl<'de> Visitor<'de> for ProfileVisitor {
                type Value = Profile;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a profile name or an array of weights")
                }
                fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Profile, E> {
                    Ok(Profile(ProfileRecord::Name(name.to_string())))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut seq: A,
                ) -> Result<Profile, A::Error> {
                    let mut weights = Vec::new();
                    while let Some(w) = seq.next_element::<f64>()? {
                        weights.push(w);
                    }
                    Ok(Profile(ProfileRecord::Weights(weights)))
                }
            }
            deserializer.deserialize_any(ProfileVisitor)
        }
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Range {
        min: i64,
        max: i64,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Header {
        name: String,
        start: String,
        #[serde(default, deserialize_with = "present")]
        currency: Option<String>,
        #[serde(default, deserialize_with = "present")]
        fiscal_year_start: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Component {
        id: String,
        name: String,
        #[serde(default, deserialize_with = "present")]
        domain: Option<String>,
        #[serde(default, deserialize_with = "present")]
        provided_by: Option<String>,
        #[serde(default, deserialize_with = "present")]
        available: Option<String>,
        #[serde(default, deserialize_with = "present")]
        infrastructure: Option<bool>,
        #[serde(flatten)]
        description: Description,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Capability {
        id: String,
        name: String,
        #[serde(default, deserialize_with = "present")]
        domain: Option<String>,
        #[serde(default, deserialize_with = "present")]
        target: Option<String>,
        #[serde(default, deserialize_with = "present")]
        legacy_om_per_year: Option<f64>,
        #[serde(flatten)]
        description: Description,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Project {
        id: String,
        name: String,
        #[serde(default, deserialize_with = "present")]
        domain: Option<String>,
        #[serde(default, deserialize_with = "present")]
        duration_days: Option<i64>,
        #[serde(default, deserialize_with = "present")]
        start: Option<String>,
        #[serde(default, deserialize_with = "present")]
        finish: Option<String>,
        #[serde(default, deserialize_with = "present")]
        cost: Option<Object<Cost>>,
        #[serde(default)]
        depends_on: Vec<Link>,
        #[serde(default)]
        uses: Vec<Link>,
        #[serde(default)]
        delivers: Vec<String>,
        #[serde(default, deserialize_with = "present")]
        range: Option<Object<Range>>,
        #[serde(flatten)]
        description: Description,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Cost {
        #[serde(default, deserialize_with = "present")]
        investment: Option<f64>,
        #[serde(default, deserialize_with = "present")]
        om_per_year: Option<f64>,
        #[serde(default, deserialize_with = "present")]
        profile: Option<Profile>,
        #[serde(default, deserialize_with = "present")]
        authorised: Option<Pairs<f64>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct FullLink {
        id: String,
        #[serde(rename = "type", default, deserialize_with = "present")]
        link_type: Option<String>,
        #[serde(default, deserialize_with = "present")]
        lag_days: Option<i64>,
    }

    /// An id string or a `{id, type, lag_days}` object.
    struct Link(LinkRecord);

    impl<'de> Deserialize<'de> for Link {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct LinkVisitor;
            impl<'de> Visitor<'de> for LinkVisitor {
                type Value = LinkRecord;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an id string or a {id, type, lag_days} object")
                }
                fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<LinkRecord, E> {
                    Ok(LinkRecord::Id(id.to_string()))
                }
                fn visit_string<E: serde::de::Error>(self, id: String) -> Result<LinkRecord, E> {
                    Ok(LinkRecord::Id(id))
                }
                fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<LinkRecord, A::Error> {
                    let link = FullLink::deserialize(MapAccessDeserializer::new(map))?;
                    Ok(LinkRecord::Full {
                        id: link.id,
                        link_type: link.link_type,
                        lag_days: link.lag_days,
                    })
                }
            }
            deserializer.deserialize_any(LinkVisitor).map(Link)
        }
    }

    impl File {
        fn into_record(self) -> PortfolioRecord {
            let Object(header) = self.portfolio;
            let links = |links: Vec<Link>| links.into_iter().map(|Link(l)| l).collect();
            PortfolioRecord {
                portfolio: HeaderRecord {
                    name: header.name,
                    start: header.start,
                    currency: header.currency,
                    fiscal_year_start: header.fiscal_year_start,
                },
                domains: self.domains,
                components: self
                    .components
                    .into_iter()
                    .map(|Object(c)| ComponentRecord {
                        id: c.id,
                        name: c.name,
                        domain: c.domain,
                        provided_by: c.provided_by,
                        available: c.available,
                        infrastructure: c.infrastructure,
                        description: c.description.into_record(),
                    })
                    .collect(),
                capabilities: self
                    .capabilities
                    .into_iter()
                    .map(|Object(c)| CapabilityRecord {
                        id: c.id,
                        name: c.name,
                        domain: c.domain,
                        target: c.target,
                        legacy_om_per_year: c.legacy_om_per_year,
                        description: c.description.into_record(),
                    })
                    .collect(),
                projects: self
                    .projects
                    .into_iter()
                    .map(|Object(p)| ProjectRecord {
                        id: p.id,
                        name: p.name,
                        domain: p.domain,
                        duration_days: p.duration_days,
                        start: p.start,
                        finish: p.finish,
                        cost: p.cost.map(|Object(c)| CostRecord {
                            investment: c.investment,
                            om_per_year: c.om_per_year,
                            profile: c.profile.map(|Profile(p)| p),
                            authorised: c.authorised.map(|Pairs(pairs)| pairs),
                        }),
                        depends_on: links(p.depends_on),
                        uses: links(p.uses),
                        delivers: p.delivers,
                        range: p.range.map(|Object(r)| RangeRecord {
                            min: Some(r.min),
                            max: Some(r.max),
                        }),
                        description: p.description.into_record(),
                    })
                    .collect(),
                ceilings: self.ceilings.map(|Object(c)| CeilingsRecord {
                    investment: c.investment.map(|Pairs(pairs)| -> YearAmounts { pairs }),
                    om: c.om.map(|Pairs(pairs)| pairs),
                }),
                risk: self.risk.map(|Object(r)| RiskRecord {
                    default_range_pct: r.default_range_pct.map(Vec::from),
                }),
            }
        }
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// The walk's records and problems for `text` (an object).
    fn walk(text: &str) -> (serde_json::Value, usize) {
        let map = parse_json_object(text, "f.json").expect("an object");
        let mut problems = Vec::new();
        let record = read_portfolio(&map, "f.json", &mut problems);
        (serde_json::to_value(record).unwrap(), problems.len())
    }

    /// The fast path takes a text exactly when the walk finds no problem in
    /// it, and then gives the same records.
    fn assert_paths_agree(text: &str) {
        let (walked, problems) = walk(text);
        match strict::portfolio(text) {
            Some(record) => {
                assert_eq!(problems, 0, "strict accepted a text with problems: {text}");
                assert_eq!(serde_json::to_value(record).unwrap(), walked, "{text}");
            }
            None => assert!(problems > 0, "strict refused a clean text: {text}"),
        }
    }

    const HEADER: &str = r#""portfolio": {"name": "N", "start": "2025-01-01"}"#;

    #[test]
    fn fast_path_agrees_with_the_walk_on_clean_files() {
        for body in [
            "",
            r#", "domains": []"#,
            r#", "domains": ["core"], "components": [], "capabilities": [], "projects": []"#,
            r#", "components": [{"id": "c", "name": "C", "domain": "core", "provided_by": "p", "available": "2025-01-01"}]"#,
            r#", "capabilities": [{"id": "k", "name": "K", "target": "2026-01-01"}]"#,
            r#", "projects": [{"id": "p", "name": "P", "duration_days": -0, "start": "2025-01-01", "finish": "x",
                 "cost": {"investment": 1, "om_per_year": 2.5}, "depends_on": ["q", {"id": "q", "type": "SS", "lag_days": -3}],
                 "uses": [{"id": "c"}], "delivers": ["k"]}]"#,
            r#", "projects": [{"id": "p", "name": "P", "cost": {}, "duration_days": 1000000,
                 "depends_on": [{"id": "q", "lag_days": -1000000}]}]"#,
            r#", "projects": [{"id": "p\u00e9", "name": "P \"quoted\""}]"#,
            // The fields of SPEC §1 beyond the graph (their values are checked in validation).
            r#", "ceilings": {"investment": {"2026": 1, "FY": -2.5}, "om": {}}, "risk": {"default_range_pct": [-10, 30]}"#,
            r#", "ceilings": {}, "risk": {}"#,
            r#", "components": [{"id": "c", "name": "C", "infrastructure": false, "owner": "", "notes": "n",
                 "attributes": {"a": "x", "b": 3, "c": -1.5, "d": 18446744073709551615}}]"#,
            r#", "capabilities": [{"id": "k", "name": "K", "legacy_om_per_year": 4e6, "attributes": {}}]"#,
            r#", "projects": [{"id": "p", "name": "P", "range": {"min": 1, "max": -3},
                 "cost": {"profile": "belle", "authorised": {"2026": 5}}, "owner": "o"}]"#,
            r#", "projects": [{"id": "p", "name": "P", "cost": {"profile": [1, 2.5]}}]"#,
        ] {
            assert_paths_agree(&format!("{{{HEADER}{body}}}"));
        }
        assert!(strict::portfolio(&format!("{{{HEADER}}}")).is_some());
    }

    #[test]
    fn fast_path_refuses_every_file_with_a_problem() {
        for body in [
            r#", "extra": 1"#,
            r#", "domains": null"#,
            r#", "domains": [1]"#,
            r#", "components": null"#,
            r#", "components": [["c", "C"]]"#,
            r#", "components": [{"id": "", "name": "C"}]"#,
            r#", "components": [{"id": "c", "name": ""}]"#,
            r#", "components": [{"id": "c"}]"#,
            r#", "components": [{"id": "c", "name": "C", "domain": null}]"#,
            r#", "components": [{"id": "c", "name": "C", "typo": 1}]"#,
            r#", "capabilities": [{"id": "k", "name": "K", "target": 20260101}]"#,
            r#", "projects": [{"id": "p", "name": "P", "duration_days": 10.0}]"#,
            r#", "projects": [{"id": "p", "name": "P", "duration_days": 1e3}]"#,
            r#", "projects": [{"id": "p", "name": "P", "duration_days": 9223372036854775808}]"#,
            r#", "projects": [{"id": "p", "name": "P", "duration_days": 1000001}]"#,
            r#", "projects": [{"id": "p", "name": "P", "uses": [{"id": "c", "lag_days": -1000001}]}]"#,
            r#", "projects": [{"id": "p", "name": "P", "depends_on": [""]}]"#,
            r#", "projects": [{"id": "p", "name": "P", "delivers": [""]}]"#,
            r#", "components": [{"id": "c", "name": "C", "provided_by": ""}]"#,
            r#", "domains": [""]"#,
            r#", "projects": [{"id": "p", "name": "P", "duration_days": "10"}]"#,
            r#", "projects": [{"id": "p", "name": "P", "cost": null}]"#,
            r#", "projects": [{"id": "p", "name": "P", "cost": [1]}]"#,
            r#", "projects": [{"id": "p", "name": "P", "cost": {"investment": "1"}}]"#,
            r#", "projects": [{"id": "p", "name": "P", "cost": {"capex": 1}}]"#,
            r#", "projects": [{"id": "p", "name": "P", "depends_on": "q"}]"#,
            r#", "projects": [{"id": "p", "name": "P", "depends_on": [1]}]"#,
            r#", "projects": [{"id": "p", "name": "P", "depends_on": [{"id": ""}]}]"#,
            r#", "projects": [{"id": "p", "name": "P", "depends_on": [{"type": "FS"}]}]"#,
            r#", "projects": [{"id": "p", "name": "P", "uses": [{"id": "c", "lag": 1}]}]"#,
            r#", "projects": [{"id": "p", "name": "P", "uses": [{"id": "c", "lag_days": 1.5}]}]"#,
            r#", "projects": [{"id": "p", "name": "P", "uses": [{"id": "c", "type": null}]}]"#,
            r#", "projects": [{"id": "p", "name": "P", "delivers": [{"id": "k"}]}]"#,
            r#", "ceilings": {"capex": {}}"#,
            r#", "ceilings": {"om": {"2026": "1"}}"#,
            r#", "ceilings": {"om": null}"#,
            r#", "ceilings": []"#,
            r#", "risk": {"default_range_pct": [1]}"#,
            r#", "risk": {"default_range_pct": [1, 2, 3]}"#,
            r#", "risk": {"default_range_pct": ["1", 2]}"#,
            r#", "risk": {"lo": 1}"#,
            r#", "components": [{"id": "c", "name": "C", "infrastructure": 1}]"#,
            r#", "components": [{"id": "c", "name": "C", "attributes": {"a": true}}]"#,
            r#", "components": [{"id": "c", "name": "C", "attributes": {"a": null}}]"#,
            r#", "components": [{"id": "c", "name": "C", "attributes": []}]"#,
            r#", "capabilities": [{"id": "k", "name": "K", "legacy_om_per_year": "1"}]"#,
            r#", "capabilities": [{"id": "k", "name": "K", "owner": null}]"#,
            r#", "projects": [{"id": "p", "name": "P", "notes": 1}]"#,
            r#", "projects": [{"id": "p", "name": "P", "range": {"min": 1}}]"#,
            r#", "projects": [{"id": "p", "name": "P", "range": {"min": 1, "max": 2, "most": 1}}]"#,
            r#", "projects": [{"id": "p", "name": "P", "range": {"min": 1, "max": 1000001}}]"#,
            r#", "projects": [{"id": "p", "name": "P", "range": {"min": 1.5, "max": 2}}]"#,
            r#", "projects": [{"id": "p", "name": "P", "range": [1, 2]}]"#,
            r#", "projects": [{"id": "p", "name": "P", "cost": {"profile": 5}}]"#,
            r#", "projects": [{"id": "p", "name": "P", "cost": {"profile": [1, "2"]}}]"#,
            r#", "projects": [{"id": "p", "name": "P", "cost": {"authorised": {"2026": null}}}]"#,
        ] {
            assert_paths_agree(&format!("{{{HEADER}{body}}}"));
        }
        for text in [
            r#"{"portfolio": {"name": "N"}}"#,
            r#"{"portfolio": {"name": "N", "start": ""}}"#,
            r#"{"portfolio": [], "projects": []}"#,
            r#"{"projects": []}"#,
        ] {
            assert_paths_agree(text);
        }
    }

    #[test]
    fn duplicate_keys_take_the_walk() {
        // serde_json's map keeps the last value silently; a derived struct
        // refuses the duplicate, so such a file is read by the walk, as before.
        let text = format!(r#"{{{HEADER}, "projects": [{{"id": "p", "name": "P", "id": "q"}}]}}"#);
        assert!(strict::portfolio(&text).is_none());
        let (walked, problems) = walk(&text);
        assert_eq!(problems, 0);
        assert_eq!(walked["projects"][0]["id"], "q");
    }

    #[test]
    fn fast_path_refuses_what_is_not_one_object() {
        for text in ["", "[]", "{} {}", "{\"portfolio\": ", "{\"a\": 1,}"] {
            assert!(strict::portfolio(text).is_none(), "{text}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{expect_findings, portfolio_problems};

    fn parse_problem(text: &str) -> Problem {
        *parse_json_object(text, "t.json").expect_err("not a valid object")
    }

    #[test]
    fn an_empty_or_blank_file_is_unreadable() {
        for text in ["", "  \n\t"] {
            let p = parse_problem(text);
            assert_eq!((p.code, p.path.as_str()), (ProblemCode::Unreadable, ""));
            assert!(p.message.contains("empty"), "{}", p.message);
        }
    }

    #[test]
    fn a_missing_file_and_a_directory_are_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read_json_object(&dir.path().join("nope.json")).unwrap_err();
        assert_eq!(missing.code, ProblemCode::Unreadable);
        assert!(missing.message.contains("no such file"));
        let directory = read_json_object(dir.path()).unwrap_err();
        assert_eq!(directory.code, ProblemCode::Unreadable);
        assert!(directory.message.contains("directory"));
    }

    #[test]
    fn invalid_utf8_is_unreadable_with_its_position() {
        // Line 2 is `  "a": "s` (9 characters) then byte 0xE9: column 10.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.json");
        std::fs::write(&path, b"{\n  \"a\": \"s\xE9curit\xE9\"\n}").unwrap();
        let p = read_json_object(&path).unwrap_err();
        assert_eq!(p.code, ProblemCode::Unreadable);
        assert_eq!((p.line, p.column), (Some(2), Some(10)));
    }

    #[test]
    fn a_syntax_error_gives_line_and_column() {
        // The missing comma is noticed at `"b"`: line 3, column 3.
        let p = parse_problem("{\n  \"a\": 1\n  \"b\": 2\n}");
        assert_eq!(p.code, ProblemCode::Syntax);
        assert_eq!((p.line, p.column), (Some(3), Some(3)));
        assert!(p.message.contains("line 3, column 3"), "{}", p.message);
    }

    #[test]
    fn deep_nesting_is_too_deep_not_a_stack_overflow() {
        let text = format!(r#"{{"a": {}{}}}"#, "[".repeat(300), "]".repeat(300));
        assert_eq!(parse_problem(&text).code, ProblemCode::TooDeep);
    }

    #[test]
    fn the_top_level_must_be_an_object() {
        for (text, named) in [("[1, 2]", "array"), ("3", "number 3"), ("null", "null")] {
            let p = parse_problem(text);
            assert_eq!(p.code, ProblemCode::NotAnObject);
            assert!(p.message.contains(named), "{}", p.message);
        }
    }

    #[test]
    fn an_unknown_field_is_reported_with_a_did_you_mean() {
        let problems = portfolio_problems(
            r#""projects": [{"id": "A", "name": "a", "duration_days": 1, "dependson": []}]"#,
        );
        expect_findings(
            &problems,
            &[("unknown-field", "/projects/0/dependson", "A")],
        );
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean \"depends_on\"?")
        );
    }

    #[test]
    fn missing_required_fields_are_reported_at_their_object() {
        let problems = portfolio_problems(
            r#""components": [{"id": "c"}],
               "projects": [{"name": "no id", "duration_days": 1}]"#,
        );
        expect_findings(
            &problems,
            &[
                ("missing-field", "/components/0", "c"),
                ("missing-field", "/projects/0", ""),
                // Not an error: nothing uses the component.
                ("unused-component", "/components/0", "c"),
            ],
        );
        // And the portfolio header itself.
        let problems = parse_json_object(r#"{"projects": []}"#, "t.json")
            .map(|map| {
                let mut problems = Vec::new();
                read_portfolio(&map, "t.json", &mut problems);
                problems
            })
            .unwrap();
        expect_findings(&problems, &[("missing-field", "", "")]);
    }

    #[test]
    fn day_counts_must_be_json_integers() {
        // "120" is a string, 10.0 a float (SPEC §7), 1.5 a fractional lag.
        let problems = portfolio_problems(
            r#""projects": [
                {"id": "A", "name": "a", "duration_days": "120"},
                {"id": "B", "name": "b", "duration_days": 10.0},
                {"id": "C", "name": "c", "duration_days": 1,
                 "depends_on": [{"id": "A", "lag_days": 1.5}]}]"#,
        );
        // A and B, whose durations could not be read, get no no-duration warning.
        expect_findings(
            &problems,
            &[
                ("wrong-type", "/projects/0/duration_days", "A"),
                ("wrong-type", "/projects/1/duration_days", "B"),
                ("wrong-type", "/projects/2/depends_on/0/lag_days", "C"),
            ],
        );
    }

    #[test]
    fn wrong_shapes_are_wrong_types_at_their_path() {
        let problems = portfolio_problems(
            r#""domains": "core",
               "projects": [7, {"id": "B", "name": "b", "duration_days": 1,
                                "depends_on": "A", "uses": [3], "cost": 5}]"#,
        );
        expect_findings(
            &problems,
            &[
                ("wrong-type", "/domains", ""),
                ("wrong-type", "/projects/0", ""),
                ("wrong-type", "/projects/1/cost", "B"),
                ("wrong-type", "/projects/1/depends_on", "B"),
                ("wrong-type", "/projects/1/uses/0", "B"),
            ],
        );
    }

    #[test]
    fn empty_ids_are_reported_wherever_they_appear() {
        let problems = portfolio_problems(
            r#""components": [{"id": "c", "name": "c", "provided_by": ""}],
               "projects": [{"id": "", "name": "nameless", "duration_days": 1},
                            {"id": "A", "name": "a", "duration_days": 1,
                             "depends_on": ["", {"id": ""}], "uses": ["c"], "delivers": [""]}]"#,
        );
        expect_findings(
            &problems,
            &[
                ("empty-id", "/components/0/provided_by", "c"),
                ("empty-id", "/projects/0/id", ""),
                ("empty-id", "/projects/1/depends_on/0", "A"),
                ("empty-id", "/projects/1/depends_on/1/id", "A"),
                ("empty-id", "/projects/1/delivers/0", "A"),
            ],
        );
    }

    #[test]
    fn absurd_day_counts_are_out_of_range() {
        // ±1 000 000 is accepted, one more is not; i64::MAX would overflow the schedule.
        let problems = portfolio_problems(&format!(
            r#""projects": [{{"id": "A", "name": "a", "duration_days": {MAX_DAY_COUNT}}},
                            {{"id": "B", "name": "b", "duration_days": {},
                             "depends_on": [{{"id": "A", "lag_days": {}}}]}},
                            {{"id": "C", "name": "c", "duration_days": 1,
                             "depends_on": [{{"id": "A", "lag_days": -{MAX_DAY_COUNT}}}]}}]"#,
            MAX_DAY_COUNT + 1,
            i64::MAX
        ));
        expect_findings(
            &problems,
            &[
                ("days-out-of-range", "/projects/1/duration_days", "B"),
                (
                    "days-out-of-range",
                    "/projects/1/depends_on/0/lag_days",
                    "B",
                ),
            ],
        );
    }

    #[test]
    fn every_problem_of_one_object_is_reported() {
        let problems = portfolio_problems(
            r#""projects": [{"id": "A", "duration_days": "x", "colour": "red", "delivers": 1}]"#,
        );
        let mut codes: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
        codes.sort_unstable();
        assert_eq!(
            codes,
            ["missing-field", "unknown-field", "wrong-type", "wrong-type"]
        );
    }
}
