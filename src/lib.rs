//! capgraph: dependency, critical-path, impact and commonality analysis for a
//! portfolio of interdependent capital-investment projects.
//!
//! Data flows one way: **read → validate → analyse → render**. The front door
//! below is the library's public surface; the `capgraph` binary (command
//! line, files, exit codes, Graphviz as a child process) is built on it.
//!
//! - **Read and validate**: [`load_portfolio`] and [`load_status`] (or
//!   [`portfolio_from_str`], [`status_from_str`]) give a [`Checked`] value:
//!   a [`Portfolio`] / [`Status`] when the file is valid, and every
//!   [`Problem`] found. A `Portfolio` can only be obtained that way, so every
//!   analysis can trust its input. A `Status` keeps the portfolio it was
//!   validated against, and the analyses take the portfolio from it: a
//!   schedule is computed on a [`Basis`], the portfolio as planned
//!   (`&Portfolio`) or with a status's updates (`&Status`). The comparisons
//!   of weeks take [`Weeks`]: this week's status, with last week's and
//!   earlier weeks' read in as files against its portfolio. Every analysis
//!   result ([`Schedule`], [`Impact`], …) keeps the portfolio it was
//!   computed on, so it is read and rendered alone, never beside a
//!   portfolio given again.
//! - **Analyse**: [`Schedule`] (critical path method), [`Impact`] (what
//!   slips, through which chain), [`rank`] (single points of failure),
//!   [`common`] (shared components), [`OptionsComparison`] (what-ifs and
//!   recovery), [`Funding`] (money by fiscal year), [`risk`] (Monte Carlo),
//!   [`screen`] (plan health checks), [`trend`] (weeks side by side), and the
//!   weekly [`Briefing`].
//! - **Render**: the `write_*` functions write the stable JSON documents to
//!   any [`std::io::Write`], each from its result alone (the result brings
//!   its portfolio); [`build_briefing`] makes the weekly briefing's
//!   Markdown and HTML.
//!
//! The library never prints and never spawns a process.
//!
//! # Example
//!
//! Load the sample portfolio and this week's status, and say how late the
//! most late capability is forecast:
//!
//! ```
//! use capgraph::{load_portfolio, load_status, Schedule, ScheduleOptions};
//! use std::path::Path;
//!
//! let portfolio = load_portfolio(Path::new("fixtures/digital-backbone.json"))
//!     .value
//!     .expect("the sample is valid");
//! let status = load_status(Path::new("fixtures/status-2026-w48.json"), &portfolio)
//!     .value
//!     .expect("the status is valid");
//! // The schedule keeps the status's portfolio: it is read alone.
//! let schedule = Schedule::compute(&status, &ScheduleOptions::default());
//! let worst = schedule
//!     .capabilities()
//!     .into_iter()
//!     .min_by_key(|c| c.margin)
//!     .expect("the sample has capabilities");
//! let id = schedule.portfolio().id(worst.node);
//! println!("{id} is forecast {} days late", -worst.margin.unwrap());
//! assert_eq!(id, "CAP-PCN");
//! assert_eq!(worst.margin, Some(-67));
//! ```
//!
//! A status cannot be applied to another portfolio: the analyses have no
//! place for a portfolio beside a status, so this does not compile.
//!
//! ```compile_fail,E0061
//! use capgraph::{load_portfolio, load_status, Impact, ScheduleOptions};
//! use std::path::Path;
//!
//! let sample = Path::new("fixtures/digital-backbone.json");
//! let mine = load_portfolio(sample).value.unwrap();
//! let other = load_portfolio(sample).value.unwrap();
//! let status = load_status(Path::new("fixtures/status-2026-w48.json"), &mine)
//!     .value
//!     .unwrap();
//! // The status brings `mine`; `other` cannot be slipped in.
//! let impact = Impact::compute(&other, &status, &ScheduleOptions::default());
//! ```
//!
//! Nor can a result be rendered (or ranked) with another portfolio: the
//! renderers take the result alone.
//!
//! ```compile_fail,E0061
//! use capgraph::{load_portfolio, write_schedule, Schedule, ScheduleOptions};
//! use std::path::Path;
//!
//! let sample = Path::new("fixtures/digital-backbone.json");
//! let mine = load_portfolio(sample).value.unwrap();
//! let other = load_portfolio(sample).value.unwrap();
//! let schedule = Schedule::compute(&mine, &ScheduleOptions::default());
//! // The schedule brings `mine`; `other` cannot be slipped in.
//! write_schedule(&other, &schedule, &mut Vec::new()).unwrap();
//! ```
//!
//! ```compile_fail,E0061
//! use capgraph::{load_portfolio, rank, Schedule, ScheduleOptions};
//! use std::path::Path;
//!
//! let sample = Path::new("fixtures/digital-backbone.json");
//! let mine = load_portfolio(sample).value.unwrap();
//! let other = load_portfolio(sample).value.unwrap();
//! let schedule = Schedule::compute(&mine, &ScheduleOptions::default());
//! let ranking = rank(&other, &schedule, &());
//! ```
//!
//! The simulation of schedule risk and the screening keep their portfolio
//! too (and the risk its status date), so their documents take no other:
//!
//! ```compile_fail,E0061
//! use capgraph::render::json::risk::write_risk;
//! use capgraph::{load_portfolio, risk, RiskOptions};
//! use std::path::Path;
//!
//! let sample = Path::new("fixtures/digital-backbone.json");
//! let mine = load_portfolio(sample).value.unwrap();
//! let other = load_portfolio(sample).value.unwrap();
//! let estimates = capgraph::analysis::risk::estimates(&mine);
//! let simulated = risk(&mine, &estimates, &RiskOptions::default());
//! write_risk(&other, &simulated, None, &mut Vec::new()).unwrap();
//! ```
//!
//! ```compile_fail,E0061
//! use capgraph::render::json::screen::write_screen;
//! use capgraph::{load_portfolio, screen, ScreenOptions};
//! use std::path::Path;
//!
//! let sample = Path::new("fixtures/digital-backbone.json");
//! let mine = load_portfolio(sample).value.unwrap();
//! let other = load_portfolio(sample).value.unwrap();
//! let screening = screen(&mine, &ScreenOptions::default());
//! write_screen(&other, &screening, &mut Vec::new()).unwrap();
//! ```
//!
//! The same, written as the library takes it: the result alone.
//!
//! ```
//! use capgraph::{load_portfolio, rank, write_rank, write_schedule, Schedule, ScheduleOptions};
//! use std::path::Path;
//!
//! let mine = load_portfolio(Path::new("fixtures/digital-backbone.json")).value.unwrap();
//! let schedule = Schedule::compute(&mine, &ScheduleOptions::default());
//! let mut json = Vec::new();
//! write_schedule(&schedule, &mut json).unwrap();
//! let ranking = rank(&schedule, &());
//! assert!(std::ptr::eq(ranking.portfolio(), &mine));
//! write_rank(&ranking, &mut json).unwrap();
//!
//! let screening = capgraph::screen(&mine, &capgraph::ScreenOptions::default());
//! capgraph::render::json::screen::write_screen(&screening, &mut json).unwrap();
//! let options = capgraph::RiskOptions { iterations: 100, ..Default::default() };
//! let estimates = capgraph::analysis::risk::estimates(&mine);
//! let simulated = capgraph::risk(&mine, &estimates, &options);
//! assert!(std::ptr::eq(simulated.portfolio(), &mine));
//! capgraph::render::json::risk::write_risk(&simulated, &mut json).unwrap();
//! ```

#![forbid(unsafe_code)]

// The modules are the library's inside: reachable for the binary, tests and
// benches, but the documented surface is the front door below.
#[doc(hidden)]
pub mod analysis;
#[doc(hidden)]
pub mod briefing;
#[doc(hidden)]
pub mod error;
#[doc(hidden)]
pub mod exchange;
#[doc(hidden)]
pub mod generate;
#[doc(hidden)]
pub mod model;
#[doc(hidden)]
pub mod render;

// Read and validate.
pub use model::problem::{Checked, Problem};
pub use model::{
    load_portfolio, load_status, portfolio_from_str, status_from_str, Basis, NodeKind, Portfolio,
    Status, Weeks,
};

// Analyse.
pub use analysis::common::{analyse as common, CommonOptions, Commonality};
pub use analysis::funding::Funding;
pub use analysis::impact::{Exposure, Impact};
pub use analysis::options::{OptionSpec, OptionsComparison};
pub use analysis::rank::{rank, RankEntry, Ranking};
pub use analysis::risk::{analyse as risk, RiskAnalysis, RiskOptions};
pub use analysis::scenario::Scenario;
pub use analysis::schedule::{CapabilityDate, Schedule, ScheduleOptions};
pub use analysis::screen::{screen, ScreenOptions, Screening};
pub use analysis::trend::{trend, Trend};
pub use briefing::figures::{Briefing, BriefingOptions};

// Render.
pub use briefing::{build_briefing, WeeklyBriefing, WeeklyInputs};
pub use render::json::impact::write_impact;
pub use render::json::rank::write_rank;
pub use render::json::schedule::write_schedule;

/// The library's error type: what went wrong, with the file and place.
pub use error::Error;
