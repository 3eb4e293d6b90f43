//! Where in the register a JSON value came from: turns the JSON pointer of
//! a problem that `check`'s validation finds in the imported records
//! (`/projects/3/depends_on/0`) into the file and cell the user typed it in
//! (`register.xlsx`, `Projects!M5`).

use std::collections::HashMap;

use crate::model::Problem;

/// A cell of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    /// `Projects!F12`.
    pub cell: String,
}

/// One record's row: its id cell, and the cell of each of its fields by
/// the field's JSON pointer below the record (`cost/investment`).
#[derive(Debug, Clone, Default)]
pub struct RowPlaces {
    pub id: Option<Place>,
    pub fields: Vec<(String, Place)>,
}

/// Places of every imported value.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    /// By JSON list (`projects`, `updates`), one entry per record in order.
    rows: HashMap<&'static str, Vec<RowPlaces>>,
    /// Top-level values (`portfolio/start`, `ceilings/om/2026`, `as_of`).
    top: Vec<(String, Place)>,
    /// Where a problem about the whole portfolio header goes.
    header: Option<Place>,
}

impl Locator {
    pub fn push_row(&mut self, list: &'static str, row: RowPlaces) {
        self.rows.entry(list).or_default().push(row);
    }

    pub fn set_top(&mut self, pointer: String, place: Place) {
        self.top.push((pointer, place));
    }

    pub fn set_header(&mut self, place: Place) {
        self.header = Some(place);
    }

    /// The place of a JSON pointer: the most specific field known.
    pub fn place(&self, pointer: &str) -> Option<&Place> {
        let path = pointer.strip_prefix('/')?;
        let mut parts = path.splitn(3, '/');
        let list = parts.next()?;
        if let Some(rows) = self.rows.get(list) {
            let row = rows.get(parts.next()?.parse::<usize>().ok()?)?;
            let rest = parts.next().unwrap_or("");
            return most_specific(&row.fields, rest).or(row.id.as_ref());
        }
        most_specific(&self.top, path).or(self.header.as_ref())
    }

    /// `problem` with its file and place in the register, when known.
    pub fn locate(&self, mut problem: Problem) -> Problem {
        if let Some(place) = self.place(&problem.path) {
            problem.file = place.file.clone();
            problem.path = place.cell.clone();
        }
        problem
    }
}

/// The entry whose pointer is `path` or its longest prefix on a `/`.
fn most_specific<'a>(entries: &'a [(String, Place)], path: &str) -> Option<&'a Place> {
    entries
        .iter()
        .filter(|(pointer, _)| {
            path == pointer
                || path
                    .strip_prefix(pointer.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        })
        .max_by_key(|(pointer, _)| pointer.len())
        .map(|(_, place)| place)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProblemCode;

    fn at(cell: &str) -> Place {
        Place {
            file: "r.xlsx".into(),
            cell: cell.into(),
        }
    }

    #[test]
    fn pointers_become_cells() {
        let mut locator = Locator::default();
        locator.push_row("projects", RowPlaces::default());
        locator.push_row(
            "projects",
            RowPlaces {
                id: Some(at("Projects!A3")),
                fields: vec![
                    ("depends_on".into(), at("Projects!L3")),
                    ("cost/investment".into(), at("Projects!G3")),
                    ("cost".into(), at("Projects!G3")),
                ],
            },
        );
        locator.set_top("portfolio/start".into(), at("Portfolio!B3"));
        locator.set_header(at("Portfolio!A1"));
        let cell = |p: &str| locator.place(p).map(|p| p.cell.as_str());
        assert_eq!(cell("/projects/1/depends_on/0"), Some("Projects!L3"));
        assert_eq!(cell("/projects/1/cost/investment"), Some("Projects!G3"));
        // No such field recorded: the row's id cell.
        assert_eq!(cell("/projects/1/duration_days"), Some("Projects!A3"));
        assert_eq!(cell("/projects/1/dependsx"), Some("Projects!A3"));
        assert_eq!(cell("/portfolio/start"), Some("Portfolio!B3"));
        assert_eq!(cell("/portfolio/name"), Some("Portfolio!A1"));
        assert_eq!(cell("/projects/7"), None);
        assert_eq!(cell(""), None);
        let problem = locator.locate(Problem::new(
            ProblemCode::UnknownReference,
            "r.json",
            "/projects/1/depends_on/0",
            "unknown",
        ));
        assert_eq!(
            (problem.file.as_str(), problem.path.as_str()),
            ("r.xlsx", "Projects!L3")
        );
    }
}
