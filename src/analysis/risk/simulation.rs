//! The Monte Carlo loop (SPEC §11): every iteration draws the durations,
//! runs the schedule's own forward pass and the backward pass as far as
//! total float, and follows the capabilities' driving paths.
//!
//! Iterations run in parallel, in blocks of `BLOCK`; each block reuses one
//! set of buffers for all its iterations. Iteration i draws from the
//! generator seeded by (seed, i) and writes its row of the sample matrices;
//! the tallies are integer counts, so adding the blocks' tallies in any
//! order gives the same figures. Hence the same bytes whatever the number
//! of threads.
//!
//! # Complexity
//! O(N · (V + E + Σ driving path steps)) time; O(N · (C + D)) memory for
//! the samples (C capabilities, D drawn projects), plus per block O(V) and
//! one count per (capability, node) pair ever met on a driving path.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;
use rayon::prelude::{IndexedParallelIterator, ParallelIterator, ParallelSliceMut};

use crate::analysis::schedule::{
    backward_pass, driving_step, forward_pass, BackwardPass, NodeTimes,
};
use crate::model::{Portfolio, Update};

use super::draw::{iteration_rng, round_half_up, Copula, Estimate};

/// Iterations per block of work (and per set of buffers).
const BLOCK: usize = 256;

/// A project whose duration is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Drawn {
    pub node: NodeIndex,
    pub estimate: Estimate,
    /// Its domain's slot among the copula's factors.
    pub domain: Option<usize>,
}

/// Everything an iteration needs, shared by all iterations.
pub struct Plan<'a> {
    pub portfolio: &'a Portfolio,
    pub updates: Vec<Option<&'a Update>>,
    pub as_of: i64,
    /// Every node's duration when it is not drawn.
    pub base: Vec<i64>,
    pub drawn: Vec<Drawn>,
    pub domains: usize,
    pub copula: Option<Copula>,
    pub capabilities: Vec<NodeIndex>,
    pub seed: u64,
}

/// The per-iteration figures, row by row.
#[derive(Debug, Clone)]
pub struct Samples {
    /// Per iteration: the portfolio finish, then each capability's finish.
    pub finishes: Vec<i64>,
    pub finish_width: usize,
    /// Per iteration: each drawn project's duration (in `Plan::drawn` order).
    pub draws: Vec<i32>,
    pub draw_width: usize,
}

impl Samples {
    /// Column `column` of the finishes: one value per iteration.
    pub fn finish_column(&self, column: usize) -> Vec<i64> {
        self.finishes
            .iter()
            .skip(column)
            .step_by(self.finish_width)
            .copied()
            .collect()
    }

    /// The drawn durations of `Plan::drawn[column]`, one per iteration.
    pub fn draw_column(&self, column: usize) -> Vec<i64> {
        self.draws
            .iter()
            .skip(column)
            .step_by(self.draw_width)
            .map(|&d| i64::from(d))
            .collect()
    }
}

/// Counts over iterations.
pub struct Tallies {
    /// Per node: iterations in which it was critical.
    pub critical: Vec<u32>,
    /// (capability slot, node index) → iterations with the node on the
    /// capability's driving path (the capability itself not counted).
    pub drivers: HashMap<(u32, u32), u32, foldhash::fast::FixedState>,
}

impl Tallies {
    fn new(nodes: usize) -> Tallies {
        Tallies {
            critical: vec![0; nodes],
            drivers: HashMap::default(),
        }
    }

    fn merge(mut self, other: Tallies) -> Tallies {
        for (a, b) in self.critical.iter_mut().zip(&other.critical) {
            *a += b;
        }
        for (key, count) in other.drivers {
            *self.drivers.entry(key).or_insert(0) += count;
        }
        self
    }
}

impl Plan<'_> {
    /// Runs `iterations` iterations.
    pub fn run(&self, iterations: usize) -> (Samples, Tallies) {
        let finish_width = 1 + self.capabilities.len();
        // A row of at least one, so that the blocks of both matrices line up
        // even when nothing is drawn.
        let draw_width = self.drawn.len().max(1);
        let mut finishes = vec![0i64; iterations * finish_width];
        let mut draws = vec![0i32; iterations * draw_width];
        let nodes = self.portfolio.node_count();
        let tallies = finishes
            .par_chunks_mut(BLOCK * finish_width)
            .zip(draws.par_chunks_mut(BLOCK * draw_width))
            .enumerate()
            .map(|(block, (finishes, draws))| self.run_block(block * BLOCK, finishes, draws))
            .reduce(|| Tallies::new(nodes), Tallies::merge);
        let samples = Samples {
            finishes,
            finish_width,
            draws,
            draw_width,
        };
        (samples, tallies)
    }

    /// Runs the iterations from `first` on, one per row of `finishes`.
    fn run_block(&self, first: usize, finishes: &mut [i64], draws: &mut [i32]) -> Tallies {
        let portfolio = self.portfolio;
        let mut tallies = Tallies::new(portfolio.node_count());
        let mut durations = self.base.clone();
        let mut times = vec![NodeTimes::default(); portfolio.node_count()];
        let mut factors = vec![0.0; self.domains];
        let finish_rows = finishes.chunks_mut(1 + self.capabilities.len());
        let draw_rows = draws.chunks_mut(self.drawn.len().max(1));
        for (k, (finish_row, draw_row)) in finish_rows.zip(draw_rows).enumerate() {
            let mut rng = iteration_rng(self.seed, (first + k) as u64);
            if self.copula.is_some() {
                Copula::draw_factors(&mut rng, &mut factors);
            }
            for (drawn, slot) in self.drawn.iter().zip(draw_row.iter_mut()) {
                let value = match &self.copula {
                    Some(copula) => {
                        let u = copula.uniform(&mut rng, drawn.domain.map(|d| factors[d]));
                        drawn.estimate.quantile(u)
                    }
                    None => drawn.estimate.sample(&mut rng),
                };
                let days = round_half_up(value);
                durations[drawn.node.index()] = days;
                // Validated day counts lie within ±1 000 000, so do draws.
                *slot = days as i32;
            }
            let finish = forward_pass(
                portfolio,
                &self.updates,
                self.as_of,
                |node| durations[node.index()],
                &mut times,
            );
            backward_pass(portfolio, finish, BackwardPass::TotalFloat, &mut times);
            for (count, t) in tallies.critical.iter_mut().zip(&times) {
                *count += u32::from(t.critical);
            }
            finish_row[0] = finish;
            for (slot, &capability) in self.capabilities.iter().enumerate() {
                finish_row[1 + slot] = times[capability.index()].ef;
                let mut at = capability;
                while let Some(previous) = driving_step(portfolio, &times, at) {
                    *tallies
                        .drivers
                        .entry((slot as u32, previous.index() as u32))
                        .or_insert(0) += 1;
                    at = previous;
                }
            }
        }
        tallies
    }
}
