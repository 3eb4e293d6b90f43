//! Renderers: turn analysis results into text for people and machines.

pub mod problems;
pub mod table;
