//! Analyses: pure functions over the validated portfolio graph. None of them
//! formats text; the renderers do.

pub mod common;
pub mod funding;
pub mod impact;
pub mod options;
pub mod path;
pub mod portfolio_ref;
pub mod rank;
pub mod risk;
pub mod scenario;
pub mod schedule;
pub mod screen;
pub mod trend;
pub mod view;
