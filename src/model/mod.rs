//! Input: the portfolio and status files, their validation, and the graph model.

pub mod calendar;
pub mod portfolio;
pub mod problem;
pub mod reader;
pub mod records;
pub mod status;
pub mod validate;

use std::path::Path;

pub use calendar::Calendar;
pub use portfolio::{Link, LinkType, Node, NodeKind, Portfolio, Relation};
pub use problem::{Checked, Problem, ProblemCode, Severity};
pub use status::{Status, Update};

/// Reads and validates a portfolio file: the portfolio when it is valid, and
/// every problem found (errors and warnings) either way.
pub fn load_portfolio(path: &Path) -> Checked<Portfolio> {
    let file = path.display().to_string();
    let map = match reader::read_json_object(path) {
        Ok(map) => map,
        Err(problem) => return Checked::failed(vec![problem]),
    };
    let mut problems = Vec::new();
    let record = reader::read_portfolio(&map, &file, &mut problems);
    drop(map);
    let portfolio = validate::validate_portfolio(&record, &file, &mut problems);
    Checked::new(portfolio, problems)
}

/// Reads and validates a status file against a valid portfolio.
pub fn load_status(path: &Path, portfolio: &Portfolio) -> Checked<Status> {
    let file = path.display().to_string();
    let map = match reader::read_json_object(path) {
        Ok(map) => map,
        Err(problem) => return Checked::failed(vec![problem]),
    };
    let mut problems = Vec::new();
    let record = reader::read_status(&map, &file, &mut problems);
    let status = status::validate_status(&record, portfolio, &file, &mut problems);
    Checked::new(status, problems)
}
