//! Input: the portfolio and status files, their validation, and the graph model.

pub mod calendar;
mod fields;
pub mod portfolio;
pub mod problem;
pub mod reader;
pub mod records;
pub mod status;
mod validate;
pub mod values;
pub mod weeks;

use std::path::Path;

pub use calendar::Calendar;
pub use portfolio::{Link, LinkType, Node, NodeDetails, NodeKind, Portfolio, Relation};
pub use problem::{Checked, Problem, ProblemCode, Severity};
pub use status::{Basis, Status, Update};
pub use values::{
    AmountsByYear, AttributeValue, Ceilings, CostProfile, DurationRange, FiscalYearStart,
};
pub use weeks::Weeks;

/// Reads and validates a portfolio file: the portfolio when it is valid, and
/// every problem found (errors and warnings) either way.
pub fn load_portfolio(path: &Path) -> Checked<Portfolio> {
    let file = path.display().to_string();
    // The text is dropped before the graph is finished: a large file need
    // not be held with its links and indices.
    let read = reader::read_text(path).and_then(|text| validate::read_portfolio(&text, &file));
    finish_portfolio(read)
}

/// Validates portfolio JSON text; `file` names it in problems.
pub fn portfolio_from_str(text: &str, file: &str) -> Checked<Portfolio> {
    finish_portfolio(validate::read_portfolio(text, file))
}

fn finish_portfolio(
    read: Result<(validate::Validator, Vec<Problem>), Box<Problem>>,
) -> Checked<Portfolio> {
    match read {
        Ok((validator, mut problems)) => {
            let (portfolio, found) = validator.finish();
            problems.extend(found);
            Checked::new(portfolio, problems)
        }
        Err(problem) => Checked::failed(vec![*problem]),
    }
}

/// Reads and validates a status file against a valid portfolio; the status
/// keeps that portfolio (see [`Basis`]).
pub fn load_status<'p>(path: &Path, portfolio: &'p Portfolio) -> Checked<Status<'p>> {
    match reader::read_text(path) {
        Ok(text) => status_from_str(&text, portfolio, &path.display().to_string()),
        Err(problem) => Checked::failed(vec![*problem]),
    }
}

/// Validates status JSON text against a valid portfolio; `file` names it in problems.
pub fn status_from_str<'p>(
    text: &str,
    portfolio: &'p Portfolio,
    file: &str,
) -> Checked<Status<'p>> {
    let mut problems = Vec::new();
    match reader::read_status_text(text, file, &mut problems) {
        Ok(record) => {
            let status = status::validate_status(&record, portfolio, file, &mut problems);
            Checked::new(status, problems)
        }
        Err(problem) => Checked::failed(vec![*problem]),
    }
}

#[cfg(test)]
pub(crate) mod testing;
