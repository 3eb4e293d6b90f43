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

/// The largest day count (duration, lag, delay, remaining days) accepted,
/// either way: about 2 700 years. Larger counts are typos, and bounding them
/// keeps every schedule sum far from `i64` overflow.
pub const MAX_DAY_COUNT: i64 = 1_000_000;

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
        let id = map
            .get("id")
            .and_then(Value::as_str)
            .filter(|id| !id.is_empty())
            .map(str::to_string);
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
            provided_by: r
                .optional_string(c, "provided_by", path)
                .map(|id| r.reference(&id, &format!("{path}/provided_by"))),
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
