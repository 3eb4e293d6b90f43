//! The portfolio an analysis result was computed on, kept inside the result
//! so that it is read and rendered alone.

use crate::model::Portfolio;

/// A result's portfolio: equal only to the very same portfolio (not an
/// equal copy), and shown by its name rather than whole in `Debug` output.
#[derive(Clone, Copy)]
pub struct PortfolioRef<'p>(pub &'p Portfolio);

impl PartialEq for PortfolioRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for PortfolioRef<'_> {}

impl std::fmt::Debug for PortfolioRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Portfolio").field(&self.0.name()).finish()
    }
}
