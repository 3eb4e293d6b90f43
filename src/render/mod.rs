//! Renderers: turn analysis results into text for people and machines.

pub mod common_json;
pub mod common_report;
pub mod problems;
pub mod schedule_json;
pub mod schedule_report;
pub mod table;
