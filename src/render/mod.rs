//! Renderers: turn analysis results into text for people and machines.

pub mod problems;
pub mod schedule_json;
pub mod schedule_report;
pub mod table;
