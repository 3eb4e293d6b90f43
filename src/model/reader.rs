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
    CapabilityRecord, ComponentRecord, CostRecord, HeaderRecord, LinkRecord, PortfolioRecord,
    ProjectRecord, StatusRecord, UpdateRecord,
};

/// Reads `path` as one JSON object; a problem (with line and column where
/// they apply) when the file is missing, a directory, empty, not UTF-8,
/// malformed, too deep, or not an object.
pub fn read_json_object(path: &Path) -> Result<Map<String, Value>, Box<Problem>> {
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
    parse_json_object(&text, &file)
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
        let id = map.get("id").and_then(Value::as_str).map(str::to_string);
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

    /// A whole number of days: a JSON integer (`10.0` is a wrong type, SPEC §7).
    fn optional_days(&mut self, map: &Map<String, Value>, key: &str, path: &str) -> Option<i64> {
        let value = map.get(key)?;
        match value.as_i64() {
            Some(n) => Some(n),
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

    /// A list of plain id strings; unreadable entries become empty placeholders.
    fn id_list(&mut self, map: &Map<String, Value>, key: &str, path: &str) -> Vec<String> {
        let items = self.array(map, key, path);
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) => s.clone(),
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
                    Value::String(s) => LinkRecord::Id(s.clone()),
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
                        self.current_id =
                            object.get("id").and_then(Value::as_str).map(str::to_string);
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
        ],
        &["portfolio"],
    );
    let portfolio = match map.get("portfolio") {
        Some(value) => match r.object(value, "/portfolio") {
            Some(header) => {
                r.keys(
                    header,
                    "/portfolio",
                    &["name", "start", "currency"],
                    &["name", "start"],
                );
                HeaderRecord {
                    name: r.required_string(header, "name", "/portfolio"),
                    start: r.required_string(header, "start", "/portfolio"),
                    currency: r.optional_string(header, "currency", "/portfolio"),
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
            &["id", "name", "domain", "provided_by", "available"],
            &["id", "name"],
        );
        ComponentRecord {
            id: r.required_string(c, "id", path),
            name: r.required_string(c, "name", path),
            domain: r.optional_string(c, "domain", path),
            provided_by: r.optional_string(c, "provided_by", path),
            available: r.optional_string(c, "available", path),
        }
    });
    let capabilities = r.records(map, "capabilities", |r, c, path| {
        r.keys(
            c,
            path,
            &["id", "name", "domain", "target"],
            &["id", "name"],
        );
        CapabilityRecord {
            id: r.required_string(c, "id", path),
            name: r.required_string(c, "name", path),
            domain: r.optional_string(c, "domain", path),
            target: r.optional_string(c, "target", path),
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
            ],
            &["id", "name"],
        );
        let cost = p.get("cost").and_then(|value| {
            let cost_path = format!("{path}/cost");
            let cost = r.object(value, &cost_path)?;
            r.keys(cost, &cost_path, &["investment", "om_per_year"], &[]);
            Some(CostRecord {
                investment: r.optional_number(cost, "investment", &cost_path),
                om_per_year: r.optional_number(cost, "om_per_year", &cost_path),
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
        }
    });
    PortfolioRecord {
        portfolio,
        domains,
        components,
        capabilities,
        projects,
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
        }
    });
    StatusRecord { as_of, updates }
}
