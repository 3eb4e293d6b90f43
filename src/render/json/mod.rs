//! The stable JSON documents (`"schema": "capgraph.<command>/<version>"`,
//! SPEC §6), one file per document, and the streaming writer they share.

pub mod common;
pub mod funding;
pub mod impact;
pub mod options;
pub mod rank;
pub mod risk;
pub mod schedule;
pub mod screen;
pub mod stream;
pub mod trend;
