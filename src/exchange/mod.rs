//! Exchange with other tools (SPEC §10): the graph and its schedule figures
//! written for yEd, Gephi, networkx and Neo4j; P6 schedules and the
//! office's spreadsheet register read in.

pub mod export;
pub mod import;
pub mod register;
