//! Synthetic portfolios for benchmarks and demos.
