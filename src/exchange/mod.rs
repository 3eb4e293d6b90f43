//! Exchange with other tools (SPEC §10): the graph and its schedule figures
//! written for yEd, Gephi, networkx and Neo4j.

pub mod export;
