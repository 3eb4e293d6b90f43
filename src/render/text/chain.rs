//! The one way a chain is written for people — a driving path, an impact
//! chain, a reach chain: `A → B → C`, and a long one kept to its first and
//! last steps around `… (12 more) …`, so a table row, a bullet or a side
//! panel stays readable and a portfolio that is one long chain does not make
//! every row as long as the portfolio (the JSON documents keep whole chains).
//!
//! Two entry points: [`chain_text`] for a chain already at hand, and
//! [`ChainIndex`] for the chains of many nodes given by their previous steps
//! (impact chains, reach chains), which writes each without walking it whole:
//! all the chains of a portfolio in O(V) time however long they are.

use petgraph::graph::NodeIndex;

use crate::model::Portfolio;

/// Chains of more steps than this are shortened.
pub const STEPS_SHOWN: usize = 8;
/// The first steps a shortened chain keeps.
const HEAD: usize = STEPS_SHOWN / 2;
/// The last steps a shortened chain keeps (one place goes to the marker).
const TAIL: usize = STEPS_SHOWN - HEAD - 1;

/// `steps` written by `step`, joined by ` → `; past [`STEPS_SHOWN`] steps,
/// the first four and the last three around `… (N more) …`.
pub fn chain_text<T>(steps: &[T], mut step: impl FnMut(&T) -> String) -> String {
    let (head, hidden, tail) = cut(steps);
    let shown: Vec<&T> = head.iter().chain(tail).collect();
    join(&shown, hidden, |s| step(s))
}

/// The steps of a chain shown to people: its first steps, how many are left
/// out, and its last steps (all of a chain of [`STEPS_SHOWN`] steps or fewer
/// are in the first part, none left out). Diagrams sized for the page keep
/// the same steps as the text.
pub fn cut<T>(steps: &[T]) -> (&[T], usize, &[T]) {
    if steps.len() <= STEPS_SHOWN {
        return (steps, 0, &[]);
    }
    let (head, rest) = steps.split_at(HEAD);
    let (hidden, tail) = rest.split_at(rest.len() - TAIL);
    (head, hidden.len(), tail)
}

/// A chain of projects, components and capabilities by id: `A → B → C`.
pub fn id_chain(portfolio: &Portfolio, path: &[NodeIndex]) -> String {
    chain_text(path, |n| portfolio.id(*n).to_string())
}

/// `shown` joined by ` → `, with `… (hidden more) …` after the first
/// [`HEAD`] steps when `hidden` > 0.
fn join<T>(shown: &[T], hidden: usize, mut step: impl FnMut(&T) -> String) -> String {
    let mut text = String::new();
    for (i, s) in shown.iter().enumerate() {
        if i > 0 {
            text.push_str(" → ");
        }
        if hidden > 0 && i == HEAD {
            text.push_str(&format!("… ({hidden} more) … → "));
        }
        text.push_str(&step(s));
    }
    text
}

/// The chains of many nodes, each given by its previous step (`None` where a
/// chain starts), written as [`chain_text`] writes them. Remembers the
/// length and first steps of every chain it has walked, so each node is
/// walked once in all: the chains of every node in O(V) time and memory.
pub struct ChainIndex<F> {
    previous: F,
    starts: Vec<Option<Start>>,
    walked: Vec<NodeIndex>,
}

/// The length of a node's chain and its first (up to [`HEAD`]) steps.
#[derive(Clone, Copy)]
struct Start {
    len: usize,
    head: [NodeIndex; HEAD],
}

impl<F: Fn(NodeIndex) -> Option<NodeIndex>> ChainIndex<F> {
    /// For a portfolio of `node_count` nodes; `previous` must follow no cycle.
    pub fn new(node_count: usize, previous: F) -> Self {
        ChainIndex {
            previous,
            starts: vec![None; node_count],
            walked: Vec::new(),
        }
    }

    /// How many steps the chain ending at `node` has (1 for a chain start).
    pub fn step_count(&mut self, node: NodeIndex) -> usize {
        self.start(node).len
    }

    /// The chain ending at `node` written by `step`, shortened as
    /// [`chain_text`] shortens it.
    pub fn text(&mut self, node: NodeIndex, mut step: impl FnMut(NodeIndex) -> String) -> String {
        let (shown, hidden) = self.shown(node);
        join(&shown, hidden, |n| step(*n))
    }

    /// The steps of the chain ending at `node` that [`cut`] shows, first
    /// first, and how many it leaves out after the first [`HEAD`] of them.
    pub fn shown(&mut self, node: NodeIndex) -> (Vec<NodeIndex>, usize) {
        let start = self.start(node);
        let (at_end, hidden) = if start.len <= STEPS_SHOWN {
            (start.len, 0)
        } else {
            (TAIL, start.len - HEAD - TAIL)
        };
        let mut tail = Vec::with_capacity(at_end);
        let mut at = Some(node);
        while tail.len() < at_end {
            let Some(n) = at else { break };
            tail.push(n);
            at = (self.previous)(n);
        }
        tail.reverse();
        if hidden == 0 {
            return (tail, 0);
        }
        let shown = start.head.iter().chain(&tail).copied().collect();
        (shown, hidden)
    }

    /// Walks back from `node` to the first node whose chain is known (or to
    /// the chain's start), then records the chains of the nodes walked.
    fn start(&mut self, node: NodeIndex) -> Start {
        self.walked.clear();
        let mut at = node;
        let mut known = loop {
            if let Some(start) = self.starts[at.index()] {
                break Some(start);
            }
            self.walked.push(at);
            match (self.previous)(at) {
                Some(previous) => at = previous,
                None => break None,
            }
        };
        for &n in self.walked.iter().rev() {
            let start = match known {
                None => Start {
                    len: 1,
                    head: [n; HEAD],
                },
                Some(before) => {
                    let mut head = before.head;
                    if before.len < HEAD {
                        head[before.len] = n;
                    }
                    Start {
                        len: before.len + 1,
                        head,
                    }
                }
            };
            self.starts[n.index()] = Some(start);
            known = Some(start);
        }
        known.expect("a node's chain has at least the node")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("N{i}")).collect()
    }

    #[test]
    fn short_chains_are_written_whole() {
        assert_eq!(chain_text(&letters(1), |s| s.clone()), "N0");
        assert_eq!(
            chain_text(&letters(8), |s| s.clone()),
            "N0 → N1 → N2 → N3 → N4 → N5 → N6 → N7"
        );
    }

    #[test]
    fn long_chains_keep_four_first_and_three_last_steps() {
        // 9 steps: N0..N3 shown, N4 N5 hidden (2), N6..N8 shown.
        assert_eq!(
            chain_text(&letters(9), |s| s.clone()),
            "N0 → N1 → N2 → N3 → … (2 more) … → N6 → N7 → N8"
        );
        // 40 000 steps: 40 000 − 7 hidden.
        assert_eq!(
            chain_text(&letters(40_000), |s| s.clone()),
            "N0 → N1 → N2 → N3 → … (39993 more) … → N39997 → N39998 → N39999"
        );
    }

    #[test]
    fn the_index_writes_what_chain_text_writes() {
        // A forest: a chain 0 → 1 → … → 19 and a branch 5 → 20 → 21.
        let previous = |n: NodeIndex| match n.index() {
            0 => None,
            20 => Some(NodeIndex::new(5)),
            i => Some(NodeIndex::new(i - 1)),
        };
        let mut index = ChainIndex::new(22, previous);
        let whole = |n: usize| -> Vec<usize> {
            let mut chain = vec![n];
            while let Some(p) = previous(NodeIndex::new(*chain.last().unwrap())) {
                chain.push(p.index());
            }
            chain.reverse();
            chain
        };
        // Ask in an order that meets known chains midway.
        for n in [12, 3, 19, 21, 0, 8, 9, 7, 20] {
            let expected = chain_text(&whole(n), |i| i.to_string());
            assert_eq!(
                index.text(NodeIndex::new(n), |i| i.index().to_string()),
                expected
            );
            assert_eq!(index.step_count(NodeIndex::new(n)), whole(n).len());
        }
        assert_eq!(
            index.text(NodeIndex::new(21), |i| i.index().to_string()),
            "0 → 1 → 2 → 3 → 4 → 5 → 20 → 21"
        );
    }
}
