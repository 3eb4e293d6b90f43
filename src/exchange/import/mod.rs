//! `capgraph import`: schedules of other tools read into a portfolio file
//! and a status file, as records that `check` validates.

pub mod fidelity;
pub mod p6;
pub mod summary;
pub mod working_time;
pub mod xer;
