//! Renderers: turn analysis results into text for people and machines.

pub mod common_json;
pub mod common_markdown;
pub mod common_sections;
pub mod common_table;
pub mod problems;
pub mod schedule_json;
pub mod schedule_report;
pub mod table;
