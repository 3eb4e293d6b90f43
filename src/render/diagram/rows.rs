//! Ranks of a layered drawing, and rows for a drawing that would be far
//! wider than tall: a chain of 40 items left to right is one line several
//! metres long; folded into rows of a few ranks each (the first row on top,
//! each row read left to right) it takes the shape of a page. Shared by the
//! Graphviz drawing and the built-in layout, so that both fold alike.

use crate::render::document::html::{PAGE_HEIGHT_PT, PAGE_WIDTH_PT};

/// Room a rank of a left-to-right drawing takes across the page, in items'
/// heights: an item is about 150–330 pt wide (a capability's hexagon the
/// widest) plus the gap between ranks, against about 45 pt tall plus the
/// gap between items (measured on Graphviz drawings of the weekly impact
/// view: 39 ranks of one item each, 11 347 pt wide, 291 pt a rank, 63 pt an item).
const RANK_IN_ITEMS: f64 = 4.0;
/// Fold only a drawing estimated at more than this many times wider than
/// tall: everyday views (a few ranks, many items each) keep their shape.
const FAR_WIDER: f64 = 4.0;
/// Nor one of at most this many ranks: about two widths of a page at most
/// (150–330 pt a rank), which a reader follows along one line.
const LONGEST_ROW: usize = 8;

/// Where each item goes in a layered drawing, and how the ranks fold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranks {
    /// Each item's rank: the longest chain of links from a source, an item
    /// without predecessors just before its first successor, no rank empty.
    pub rank: Vec<usize>,
    /// How many ranks a row holds (the rows stacked, the first on top);
    /// `None`: one row (not folded).
    pub per_row: Option<usize>,
}

impl Ranks {
    /// The ranks of items `0..n` linked by `links` (tail, head); links that
    /// would close a cycle are ignored. Rows only when `may_fold` (drawings
    /// laid out left to right) and the drawing would be far wider than tall
    /// ([`per_row`]).
    pub fn of(n: usize, links: &[(usize, usize)], may_fold: bool) -> Ranks {
        let rank = ranks(n, links);
        let per_row = if may_fold { per_row(&rank) } else { None };
        Ranks { rank, per_row }
    }

    /// The row of an item (0 when not folded).
    pub fn row(&self, item: usize) -> usize {
        self.per_row.map_or(0, |k| self.rank[item] / k)
    }

    /// The rank of an item within its row.
    pub fn rank_in_row(&self, item: usize) -> usize {
        self.per_row
            .map_or(self.rank[item], |k| self.rank[item] % k)
    }

    /// How many rows.
    pub fn rows(&self) -> usize {
        self.rank
            .iter()
            .map(|&r| self.row_of_rank(r) + 1)
            .max()
            .unwrap_or(0)
    }

    fn row_of_rank(&self, rank: usize) -> usize {
        self.per_row.map_or(0, |k| rank / k)
    }

    /// Whether a link goes from one row to another.
    pub fn wraps(&self, from: usize, to: usize) -> bool {
        self.row(from) != self.row(to)
    }

    /// Each row's first item: the first of `0..n` in the row's first rank.
    pub fn row_heads(&self) -> Vec<usize> {
        let mut heads = vec![usize::MAX; self.rows()];
        for (item, &rank) in self.rank.iter().enumerate() {
            if self.rank_in_row(item) == 0 {
                let row = self.row_of_rank(rank);
                heads[row] = heads[row].min(item);
            }
        }
        heads
    }
}

/// Ranks by the longest chain of links from a source; an item without
/// predecessors sits just before its first successor. Links that would
/// close a cycle are ignored. No recursion: a chain of any length.
fn ranks(n: usize, links: &[(usize, usize)]) -> Vec<usize> {
    let mut successors = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    let mut has_predecessor = vec![false; n];
    for &(from, to) in links {
        successors[from].push(to);
        indegree[to] += 1;
        has_predecessor[to] = true;
    }
    let mut rank = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
    ready.reverse();
    while let Some(i) = ready.pop() {
        for &j in &successors[i] {
            rank[j] = rank[j].max(rank[i] + 1);
            indegree[j] -= 1;
            if indegree[j] == 0 {
                ready.push(j);
            }
        }
    }
    // Sources move next to their first successor; every successor stays
    // after them, and no other rank depends on where a source sits.
    for i in 0..n {
        if !has_predecessor[i] {
            if let Some(first) = successors[i].iter().map(|&j| rank[j]).min() {
                rank[i] = first.saturating_sub(1);
            }
        }
    }
    // No empty rank (moved sources may leave one).
    let mut used: Vec<usize> = rank.clone();
    used.sort_unstable();
    used.dedup();
    rank.iter()
        .map(|r| used.binary_search(r).expect("a used rank"))
        .collect()
}

/// Ranks a row holds when the drawing of `rank` (left to right) would be
/// far wider than tall and longer than [`LONGEST_ROW`]: as many as make the folded drawing about the shape
/// of the room for a figure on an A4 page, at least 2. With `R` ranks of
/// at most `B` items, unfolded the drawing is about `R·4 : B` item heights;
/// folded into rows of `k` ranks, `k·4 : (R/k)·B`; that is the page's
/// width : height (0.75) for `k = √(0.75·R·B/4)`.
fn per_row(rank: &[usize]) -> Option<usize> {
    let ranks = rank.iter().max()? + 1;
    let mut per_rank = vec![0usize; ranks];
    for &r in rank {
        per_rank[r] += 1;
    }
    let breadth = per_rank.iter().copied().max().unwrap_or(1) as f64;
    let length = ranks as f64;
    if ranks <= LONGEST_ROW || length * RANK_IN_ITEMS <= FAR_WIDER * breadth {
        return None;
    }
    let page = PAGE_WIDTH_PT / PAGE_HEIGHT_PT;
    let k = ((page * length * breadth / RANK_IN_ITEMS).sqrt().ceil() as usize).max(2);
    (k < ranks).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize) -> Vec<(usize, usize)> {
        (1..n).map(|i| (i - 1, i)).collect()
    }

    #[test]
    fn a_long_chain_folds_into_rows_of_three() {
        // 39 items in a chain: R = 39 ranks, B = 1 item a rank; unfolded
        // 39·4 = 156 item heights wide to 1 tall, more than 4× wider than
        // tall. k = ⌈√(521/694 · 39 · 1 / 4)⌉ = ⌈√7.32⌉ = ⌈2.71⌉ = 3:
        // 13 rows of 3 ranks.
        let ranks = Ranks::of(39, &chain(39), true);
        assert_eq!(ranks.per_row, Some(3));
        assert_eq!(ranks.rows(), 13);
        assert_eq!((ranks.row(0), ranks.row(2), ranks.row(3)), (0, 0, 1));
        assert_eq!((ranks.rank_in_row(37), ranks.row(38)), (1, 12));
        assert!(ranks.wraps(2, 3) && !ranks.wraps(3, 4));
        assert_eq!(
            ranks.row_heads(),
            (0..13).map(|r| 3 * r).collect::<Vec<_>>()
        );
        // 60 items (the critical-path view's limit): k = ⌈√(0.7507 · 60 / 4)⌉
        // = ⌈√11.26⌉ = ⌈3.36⌉ = 4.
        assert_eq!(Ranks::of(60, &chain(60), true).per_row, Some(4));
        // Not for a drawing laid out top down.
        assert_eq!(Ranks::of(39, &chain(39), false).per_row, None);
    }

    #[test]
    fn everyday_views_keep_one_row() {
        // Six ranks of up to 9 items (the sample's impact view): 6·4 = 24
        // against 4·9 = 36: not far wider than tall.
        let mut links = Vec::new();
        // Items 0..9 in rank 0, each feeding 9 + i in rank 1, and so on.
        for rank in 0..5 {
            for i in 0..9 {
                links.push((rank * 9 + i, (rank + 1) * 9 + i));
            }
        }
        let ranks = Ranks::of(54, &links, true);
        assert_eq!(*ranks.rank.iter().max().unwrap(), 5);
        assert_eq!(ranks.per_row, None);
        assert_eq!(ranks.rows(), 1);
        // A chain of 8: far wider (32 against 4) but no longer than two
        // page widths: one row.
        assert_eq!(Ranks::of(8, &chain(8), true).per_row, None);
        // A chain of 9: k = ⌈√(0.7507 · 9 / 4)⌉ = ⌈1.30⌉ = 2.
        assert_eq!(Ranks::of(9, &chain(9), true).per_row, Some(2));
    }

    #[test]
    fn sources_sit_before_their_first_successor_and_cycles_end() {
        // 0 → 1 → 2, and 3 → 2: 3 sits in rank 1, beside 1.
        assert_eq!(ranks(4, &[(0, 1), (1, 2), (3, 2)]), vec![0, 1, 2, 1]);
        assert_eq!(ranks(2, &[(0, 1), (1, 0)]).len(), 2);
    }
}
