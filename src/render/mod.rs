//! Renderers: turn analysis results into text for people and machines. They
//! compute no figure; each family writes one medium:
//! - [`text`]: aligned tables and Markdown reports for people;
//! - [`json`]: the stable `capgraph.*` JSON documents;
//! - [`chart`]: time charts (lines, bars, markers on date axes) as SVG;
//! - [`diagram`]: views as Graphviz DOT, Mermaid, or SVG by the built-in layout;
//! - [`document`]: a small document model printed as Markdown or one HTML page;
//! - [`inert`]: what every family shares: text a person reads is inert.

pub mod chart;
pub mod diagram;
pub mod document;
pub mod inert;
pub mod json;
pub mod text;
