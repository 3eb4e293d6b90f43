//! Renderers: turn analysis results into text for people and machines.

pub mod briefing;
pub mod briefing_json;
pub mod common_json;
pub mod common_report;
pub mod document;
pub mod document_html;
pub mod document_markdown;
pub mod dot;
pub mod dot_escape;
pub mod emphasis;
pub mod graphviz;
pub mod highlight;
pub mod impact_json;
pub mod impact_report;
pub mod json_stream;
pub mod mermaid;
pub mod money;
pub mod palette;
pub mod problems;
pub mod rank_json;
pub mod rank_report;
pub mod report_text;
pub mod schedule_json;
pub mod schedule_report;
pub mod table;
pub mod wording;
