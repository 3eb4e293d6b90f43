//! Primavera P6's XER text: tables of tab-separated rows (`%T` names a
//! table, `%F` its fields, `%R` each row, `%E` ends the file), in
//! Windows-1252.
//!
//! # Complexity
//! One pass over the text; rows keep their fields as owned strings.

use std::collections::HashMap;

use crate::model::{Problem, ProblemCode};

/// One table: its field names and rows, each row with its line number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub fields: Vec<String>,
    pub rows: Vec<Row>,
}

/// One `%R` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of the file.
    pub line: usize,
    pub values: Vec<String>,
}

/// Every table of an XER file, by name.
#[derive(Debug, Clone, Default)]
pub struct Xer {
    pub tables: HashMap<String, Table>,
}

impl Table {
    /// The position of field `name`, if the table has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f == name)
    }
}

impl Row {
    /// The value at `column` (empty when the row is shorter: P6 drops
    /// trailing empty fields).
    pub fn get(&self, column: usize) -> &str {
        self.values.get(column).map_or("", String::as_str)
    }
}

/// Decodes Windows-1252 bytes (P6's export encoding) into text.
pub fn decode(bytes: &[u8]) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// Reads XER text; every problem of its structure is reported (`file`
/// names it): not an XER file, a row outside a table or before its fields,
/// a row with more values than fields, no `%E` end (a truncated file).
pub fn parse(text: &str, file: &str) -> Result<Xer, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut xer = Xer::default();
    let mut current: Option<String> = None;
    let mut ended = false;
    let mut lines = text.split('\n').enumerate().peekable();
    match lines.peek() {
        Some((_, first)) if first.starts_with("ERMHDR") => {}
        _ => {
            return Err(vec![Problem::new(
                ProblemCode::Unreadable,
                file,
                "",
                "not a Primavera P6 XER file: it does not start with an ERMHDR line",
            )
            .at(1, 1)])
        }
    }
    for (index, line) in lines {
        let number = index + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        if ended {
            problems.push(
                Problem::new(ProblemCode::Syntax, file, "", "text after the %E end line")
                    .at(number, 1),
            );
            break;
        }
        let mut parts = line.split('\t');
        let marker = parts.next().unwrap_or("");
        match marker {
            "ERMHDR" => {}
            "%T" => {
                let name = parts.next().unwrap_or("").to_string();
                xer.tables.entry(name.clone()).or_default();
                current = Some(name);
            }
            "%F" => match &current {
                Some(name) => {
                    let table = xer.tables.get_mut(name).expect("created at %T");
                    table.fields = parts.map(str::to_string).collect();
                }
                None => problems.push(
                    Problem::new(
                        ProblemCode::Syntax,
                        file,
                        "",
                        "field names (%F) before any table (%T)",
                    )
                    .at(number, 1),
                ),
            },
            "%R" => match &current {
                Some(name) => {
                    let table = xer.tables.get_mut(name).expect("created at %T");
                    let values: Vec<String> = parts.map(str::to_string).collect();
                    if table.fields.is_empty() {
                        problems.push(
                            Problem::new(
                                ProblemCode::Syntax,
                                file,
                                name,
                                format!("a row of table {name} before its field names (%F)"),
                            )
                            .at(number, 1),
                        );
                    } else if values.len() > table.fields.len() {
                        problems.push(
                            Problem::new(
                                ProblemCode::Syntax,
                                file,
                                name,
                                format!(
                                    "a row of table {name} has {} values for {} fields",
                                    values.len(),
                                    table.fields.len()
                                ),
                            )
                            .at(number, 1),
                        );
                    } else {
                        table.rows.push(Row {
                            line: number,
                            values,
                        });
                    }
                }
                None => problems.push(
                    Problem::new(
                        ProblemCode::Syntax,
                        file,
                        "",
                        "a row (%R) before any table (%T)",
                    )
                    .at(number, 1),
                ),
            },
            "%E" => ended = true,
            other => problems.push(
                Problem::new(
                    ProblemCode::Syntax,
                    file,
                    "",
                    format!(
                        "a line starting with \"{other}\": XER lines start with %T, %F, %R or %E"
                    ),
                )
                .at(number, 1),
            ),
        }
    }
    if !ended {
        let last = text.lines().count();
        problems.push(
            Problem::new(
                ProblemCode::Unreadable,
                file,
                "",
                "the file ends without the %E line: it is truncated",
            )
            .at(last.max(1), 1)
            .with_hint(Some("export the project from P6 again".to_string())),
        );
    }
    if problems.is_empty() {
        Ok(xer)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tables_fields_and_rows_with_their_lines() {
        let text =
            "ERMHDR\t8.1\r\n%T\tA\r\n%F\tx\ty\r\n%R\t1\t2\r\n%R\t3\r\n%T\tB\r\n%F\tz\r\n%E\r\n";
        let xer = parse(text, "t.xer").unwrap();
        let a = &xer.tables["A"];
        assert_eq!(a.fields, ["x", "y"]);
        assert_eq!(a.rows.len(), 2);
        assert_eq!(
            (a.rows[1].line, a.rows[1].get(0), a.rows[1].get(1)),
            (5, "3", "")
        );
        assert!(xer.tables["B"].rows.is_empty());
    }

    #[test]
    fn a_truncated_file_is_reported_not_read() {
        let text = "ERMHDR\t8.1\n%T\tA\n%F\tx\n%R\t1\n%R\t2\t3\n";
        let problems = parse(text, "t.xer").unwrap_err();
        // Both problems: the long row (line 5) and the missing %E.
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].line, Some(5));
        assert!(problems[1].message.contains("truncated"));
    }

    #[test]
    fn text_that_is_not_xer_is_refused() {
        let problems = parse("{\"portfolio\": 1}", "t.xer").unwrap_err();
        assert!(problems[0].message.contains("not a Primavera P6 XER file"));
    }

    #[test]
    fn windows_1252_is_decoded() {
        // 0x80 is the euro sign and 0xE9 é in Windows-1252.
        assert_eq!(decode(b"\x80 caf\xe9"), "€ café");
    }
}
