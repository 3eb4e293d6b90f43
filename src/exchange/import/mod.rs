//! `capgraph import`: schedules of other tools (P6 XER, MS Project XML) read into a portfolio file
//! and a status file, as records that `check` validates.

pub mod fidelity;
pub mod imported;
pub mod mspdi;
pub mod msproject;
pub mod p6;
pub mod summary;
pub mod working_time;
pub mod xer;
