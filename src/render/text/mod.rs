//! Reports for people: aligned text tables or Markdown, one file per command,
//! with the table writer and the wording they share.

pub mod chain;
pub mod common;
pub mod funding;
pub mod funding_csv;
pub mod impact;
pub mod money;
pub mod options;
pub mod problems;
pub mod rank;
pub mod report;
pub mod risk;
pub mod schedule;
pub mod screen;
pub mod table;
pub mod trend;
pub mod wording;
