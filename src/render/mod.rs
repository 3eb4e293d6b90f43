//! Renderers: turn analysis results into text for people and machines.

pub mod dot;
pub mod dot_escape;
pub mod emphasis;
pub mod graphviz;
pub mod highlight;
pub mod mermaid;
pub mod palette;
pub mod problems;
pub mod schedule_json;
pub mod schedule_report;
pub mod table;
