//! capgraph: dependency, critical-path, impact and commonality analysis for a
//! portfolio of interdependent capital-investment projects.
//!
//! Data flows one way: **read → validate → analyse → render**.
//! - [`model`] reads the portfolio and status files and validates them into a
//!   [`model::Portfolio`] graph, the only input the analyses accept;
//! - [`analysis`] holds pure functions over that graph;
//! - [`render`] turns analysis results into tables, JSON, Markdown, DOT, …;
//! - [`exchange`] writes the graph for other tools (GraphML, networkx, Cypher, Neo4j CSV);
//! - [`generate`] writes synthetic portfolios for benchmarks and demos.
//!
//! The library never prints: renderers write to a `Write` given to them.

pub mod analysis;
pub mod briefing;
pub mod error;
pub mod exchange;
pub mod generate;
pub mod model;
pub mod render;
