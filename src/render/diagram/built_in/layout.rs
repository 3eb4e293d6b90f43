//! Where the built-in diagram puts things: items in ranks along the links
//! (left to right, or top down), each domain a lane across the ranks, the
//! order within a lane chosen to uncross the links. Pure geometry.

/// Room between ranks, before edge labels ask for more: left to right, and
/// top down (where a label lies across the gap, not along it).
const RANK_GAP: f64 = 56.0;
const RANK_GAP_DOWN: f64 = 34.0;
/// Room between two items of a lane in one rank.
const ITEM_GAP: f64 = 14.0;
/// Room between a lane's border and its items.
const LANE_PAD: f64 = 12.0;
/// Room for a lane's name.
pub const LANE_HEADER: f64 = 22.0;
/// Room between lanes.
const LANE_GAP: f64 = 10.0;
/// Passes of the ordering heuristic (each one down and up the ranks).
const SWEEPS: usize = 4;

/// A rectangle, top left corner and size, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// What is to be placed.
pub struct Graph {
    /// Each item's size (width, height) and lane.
    pub items: Vec<(f64, f64, usize)>,
    pub lanes: usize,
    /// Each lane's least thickness across the ranks (room for its name).
    pub lane_min: Vec<f64>,
    /// Links between items (tail, head), with the width of their label (0: none).
    pub links: Vec<(usize, usize, f64)>,
    /// Ranks from top to bottom instead of left to right.
    pub top_down: bool,
}

/// Where everything went, from the origin.
pub struct Placement {
    pub items: Vec<Rect>,
    /// Each lane's box (empty lanes: zero size).
    pub lanes: Vec<Rect>,
    pub width: f64,
    pub height: f64,
}

/// Ranks by the longest chain of links from a source; an item without
/// predecessors sits just before its first successor. Links that would
/// close a cycle are ignored.
fn ranks(graph: &Graph) -> Vec<usize> {
    let n = graph.items.len();
    let mut successors = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for &(from, to, _) in &graph.links {
        successors[from].push(to);
        indegree[to] += 1;
    }
    let mut rank = vec![0usize; n];
    let mut order = Vec::with_capacity(n);
    let mut ready: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
    ready.reverse();
    while let Some(i) = ready.pop() {
        order.push(i);
        for &j in &successors[i] {
            rank[j] = rank[j].max(rank[i] + 1);
            indegree[j] -= 1;
            if indegree[j] == 0 {
                ready.push(j);
            }
        }
    }
    let mut has_predecessor = vec![false; n];
    for &(_, to, _) in &graph.links {
        has_predecessor[to] = true;
    }
    for &i in order.iter().rev() {
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

/// Places the graph.
pub fn place(graph: &Graph) -> Placement {
    let n = graph.items.len();
    let rank = ranks(graph);
    let rank_count = rank.iter().max().map_or(0, |r| r + 1);
    // Extent of each item along the ranks (r) and across them (o).
    let along = |i: usize| {
        let (w, h, _) = graph.items[i];
        if graph.top_down {
            (h, w)
        } else {
            (w, h)
        }
    };
    // cells[lane][rank]: the items there, in order.
    let mut cells = vec![vec![Vec::new(); rank_count]; graph.lanes];
    for i in 0..n {
        cells[graph.items[i].2][rank[i]].push(i);
    }
    order_cells(graph, &mut cells);

    // Across the ranks: each lane as thick as its fullest rank.
    let mut lanes = vec![Rect::default(); graph.lanes];
    let header_across = if graph.top_down { 0.0 } else { LANE_HEADER };
    let header_along = if graph.top_down { LANE_HEADER } else { 0.0 };
    let mut across = 0.0;
    let mut o = vec![0.0; n];
    let mut lane_span = vec![(0.0, 0.0); graph.lanes];
    for (lane, row) in cells.iter().enumerate() {
        let stacks: Vec<f64> = row
            .iter()
            .map(|cell| {
                cell.iter().map(|&i| along(i).1).sum::<f64>()
                    + ITEM_GAP * cell.len().saturating_sub(1) as f64
            })
            .collect();
        let thickest = stacks.iter().copied().fold(0.0, f64::max);
        if thickest == 0.0 {
            continue;
        }
        let least = graph.lane_min.get(lane).copied().unwrap_or(0.0);
        let thickest = thickest.max(least - header_across - 2.0 * LANE_PAD);
        let start = across;
        let content = start + header_across + LANE_PAD;
        for (cell, stack) in row.iter().zip(&stacks) {
            let mut at = content + (thickest - stack) / 2.0;
            for &i in cell {
                o[i] = at;
                at += along(i).1 + ITEM_GAP;
            }
        }
        let end = content + thickest + LANE_PAD;
        lane_span[lane] = (start, end - start);
        across = end + LANE_GAP;
    }
    let across_total = (across - LANE_GAP).max(0.0);

    // Along the ranks: each rank as long as its longest item, the gap
    // before it wide enough for the labels of the links that end in it.
    let mut rank_length = vec![0.0f64; rank_count];
    for i in 0..n {
        rank_length[rank[i]] = rank_length[rank[i]].max(along(i).0);
    }
    let gap = if graph.top_down {
        RANK_GAP_DOWN
    } else {
        RANK_GAP
    };
    let mut gap_before = vec![gap; rank_count];
    for &(from, to, label) in &graph.links {
        if label > 0.0 && rank[to] > rank[from] {
            let room = if graph.top_down { 40.0 } else { label + 16.0 };
            gap_before[rank[to]] = gap_before[rank[to]].max(room);
        }
    }
    let mut rank_start = vec![0.0; rank_count];
    let mut at = header_along + LANE_PAD;
    for r in 0..rank_count {
        if r > 0 {
            at += gap_before[r];
        }
        rank_start[r] = at;
        at += rank_length[r];
    }
    let along_total = at + LANE_PAD;

    let items: Vec<Rect> = (0..n)
        .map(|i| {
            let (length, _) = along(i);
            // Centred in its rank.
            let r = rank_start[rank[i]] + (rank_length[rank[i]] - length) / 2.0;
            let (w, h, _) = graph.items[i];
            if graph.top_down {
                Rect {
                    x: o[i],
                    y: r,
                    w,
                    h,
                }
            } else {
                Rect {
                    x: r,
                    y: o[i],
                    w,
                    h,
                }
            }
        })
        .collect();
    for (lane, &(start, thickness)) in lane_span.iter().enumerate() {
        if thickness > 0.0 {
            lanes[lane] = if graph.top_down {
                Rect {
                    x: start,
                    y: 0.0,
                    w: thickness,
                    h: along_total,
                }
            } else {
                Rect {
                    x: 0.0,
                    y: start,
                    w: along_total,
                    h: thickness,
                }
            };
        }
    }
    let (width, height) = if graph.top_down {
        (across_total, along_total)
    } else {
        (along_total, across_total)
    };
    Placement {
        items,
        lanes,
        width,
        height,
    }
}

/// Orders the items of each cell by the mean position of their neighbours
/// in the rank before (sweeping forward) and after (sweeping back), a few
/// times: the usual way to uncross links in a layered drawing.
fn order_cells(graph: &Graph, cells: &mut [Vec<Vec<usize>>]) {
    let n = graph.items.len();
    let rank_count = cells.first().map_or(0, Vec::len);
    let mut predecessors = vec![Vec::new(); n];
    let mut successors = vec![Vec::new(); n];
    for &(from, to, _) in &graph.links {
        predecessors[to].push(from);
        successors[from].push(to);
    }
    // A position across the whole drawing: lanes in order, then the place
    // within the cell.
    let lane_base: Vec<f64> = {
        let mut base = 0.0;
        cells
            .iter()
            .map(|row| {
                let here = base;
                base += row.iter().map(Vec::len).max().unwrap_or(0) as f64 + 1.0;
                here
            })
            .collect()
    };
    let mut position = vec![0.0; n];
    let update = |cells: &[Vec<Vec<usize>>], position: &mut Vec<f64>| {
        for (lane, row) in cells.iter().enumerate() {
            for cell in row {
                let offset =
                    (row.iter().map(Vec::len).max().unwrap_or(0) - cell.len()) as f64 / 2.0;
                for (k, &i) in cell.iter().enumerate() {
                    position[i] = lane_base[lane] + offset + k as f64;
                }
            }
        }
    };
    update(cells, &mut position);
    for _ in 0..SWEEPS {
        for forward in [true, false] {
            let ranks: Vec<usize> = if forward {
                (1..rank_count).collect()
            } else {
                (0..rank_count.saturating_sub(1)).rev().collect()
            };
            for r in ranks {
                for row in cells.iter_mut() {
                    let cell = &mut row[r];
                    let key: Vec<(usize, f64)> = cell
                        .iter()
                        .map(|&i| {
                            let neighbours = if forward {
                                &predecessors[i]
                            } else {
                                &successors[i]
                            };
                            let mean = if neighbours.is_empty() {
                                position[i]
                            } else {
                                neighbours.iter().map(|&j| position[j]).sum::<f64>()
                                    / neighbours.len() as f64
                            };
                            (i, mean)
                        })
                        .collect();
                    let mut sorted = key;
                    // Stable: ties keep the current order.
                    sorted.sort_by(|a, b| a.1.total_cmp(&b.1));
                    *cell = sorted.into_iter().map(|(i, _)| i).collect();
                }
                update(cells, &mut position);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlap(a: &Rect, b: &Rect) -> bool {
        a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
    }

    fn inside(a: &Rect, outer: &Rect) -> bool {
        a.x >= outer.x
            && a.y >= outer.y
            && a.x + a.w <= outer.x + outer.w
            && a.y + a.h <= outer.y + outer.h
    }

    #[test]
    fn a_chain_runs_along_the_ranks_and_lanes_hold_their_items() {
        // 0 → 1 → 2 in lane 0; 3 (lane 1) feeds 2; 3 has no predecessor, so
        // it sits in the rank just before 2 (rank 1), beside 1 but in its own lane.
        for top_down in [false, true] {
            let graph = Graph {
                items: vec![
                    (80.0, 30.0, 0),
                    (100.0, 40.0, 0),
                    (60.0, 30.0, 0),
                    (90.0, 30.0, 1),
                ],
                lanes: 2,
                lane_min: vec![0.0, 200.0],
                links: vec![(0, 1, 0.0), (1, 2, 40.0), (3, 2, 0.0)],
                top_down,
            };
            assert_eq!(ranks(&graph), vec![0, 1, 2, 1]);
            let placed = place(&graph);
            let r = |rect: &Rect| if top_down { rect.y } else { rect.x };
            let items = &placed.items;
            assert!(r(&items[0]) < r(&items[1]) && r(&items[1]) < r(&items[2]));
            for (i, a) in items.iter().enumerate() {
                assert!(
                    inside(a, &placed.lanes[graph.items[i].2]),
                    "{i} outside its lane"
                );
                for b in &items[i + 1..] {
                    assert!(!overlap(a, b));
                }
            }
            assert!(!overlap(&placed.lanes[0], &placed.lanes[1]));
            let thickness = if top_down {
                placed.lanes[1].w
            } else {
                placed.lanes[1].h
            };
            assert!(thickness >= 200.0 - 1e-9, "lane 1 keeps room for its name");
            for lane in &placed.lanes {
                assert!(
                    lane.x + lane.w <= placed.width + 1e-9
                        && lane.y + lane.h <= placed.height + 1e-9
                );
            }
        }
    }

    #[test]
    fn a_cycle_does_not_hang_the_layout() {
        let graph = Graph {
            items: vec![(10.0, 10.0, 0), (10.0, 10.0, 0)],
            lanes: 1,
            lane_min: vec![0.0],
            links: vec![(0, 1, 0.0), (1, 0, 0.0)],
            top_down: false,
        };
        assert_eq!(place(&graph).items.len(), 2);
    }
}
