//! Where the built-in diagram puts things: items in ranks along the links
//! (left to right, or top down), each domain a lane across the ranks, the
//! order within a lane chosen to uncross the links; a drawing far wider
//! than tall folded into rows of ranks, stacked ([`Ranks`]), as Graphviz's
//! is. Pure geometry.

use crate::render::diagram::rows::Ranks;

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
/// Room between the rows of a folded drawing (the lines from one row to
/// the next pass there).
const ROW_GAP: f64 = 28.0;
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
    /// Each item's row (0 unless folded).
    pub rows: Vec<usize>,
    /// The boxes of the lanes that hold items (lane, box): one a row.
    pub lanes: Vec<(usize, Rect)>,
    pub width: f64,
    pub height: f64,
}

/// Places the graph: in one row of ranks, or folded into rows stacked top
/// down, each row placed on its own (its lanes, its order).
pub fn place(graph: &Graph) -> Placement {
    let links: Vec<(usize, usize)> = graph.links.iter().map(|&(a, b, _)| (a, b)).collect();
    let ranks = Ranks::of(graph.items.len(), &links, !graph.top_down);
    if ranks.per_row.is_none() {
        let placed = place_ranks(graph, &ranks.rank);
        return Placement {
            rows: vec![0; graph.items.len()],
            lanes: placed
                .lanes
                .into_iter()
                .enumerate()
                .filter(|(_, lane)| lane.w > 0.0)
                .collect(),
            items: placed.items,
            width: placed.width,
            height: placed.height,
        };
    }
    let n = graph.items.len();
    let rows: Vec<usize> = (0..n).map(|i| ranks.row(i)).collect();
    let mut placement = Placement {
        items: vec![Rect::default(); n],
        rows: rows.clone(),
        lanes: Vec::new(),
        width: 0.0,
        height: 0.0,
    };
    let mut top = 0.0;
    for row in 0..ranks.rows() {
        // The row's items as a graph of their own, in their ranks in the row.
        let members: Vec<usize> = (0..n).filter(|&i| rows[i] == row).collect();
        let mut local = vec![usize::MAX; n];
        for (k, &i) in members.iter().enumerate() {
            local[i] = k;
        }
        let part = Graph {
            items: members.iter().map(|&i| graph.items[i]).collect(),
            lanes: graph.lanes,
            lane_min: graph.lane_min.clone(),
            links: graph
                .links
                .iter()
                .filter(|&&(a, b, _)| rows[a] == row && rows[b] == row)
                .map(|&(a, b, label)| (local[a], local[b], label))
                .collect(),
            top_down: false,
        };
        let rank: Vec<usize> = members.iter().map(|&i| ranks.rank_in_row(i)).collect();
        let placed = place_ranks(&part, &rank);
        let down = |r: &Rect| Rect { y: r.y + top, ..*r };
        for (k, &i) in members.iter().enumerate() {
            placement.items[i] = down(&placed.items[k]);
        }
        placement.lanes.extend(
            placed
                .lanes
                .iter()
                .enumerate()
                .filter(|(_, lane)| lane.w > 0.0)
                .map(|(lane, r)| (lane, down(r))),
        );
        placement.width = placement.width.max(placed.width);
        top += placed.height + ROW_GAP;
    }
    placement.height = (top - ROW_GAP).max(0.0);
    placement
}

/// Where the items of one row go, their ranks given.
struct RowPlacement {
    items: Vec<Rect>,
    /// Each lane's box (empty lanes: zero size).
    lanes: Vec<Rect>,
    width: f64,
    height: f64,
}

/// Places the graph in one row of the ranks `rank`.
fn place_ranks(graph: &Graph, rank: &[usize]) -> RowPlacement {
    let n = graph.items.len();
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
    RowPlacement {
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
            let placed = place(&graph);
            assert_eq!(placed.rows, vec![0; 4], "four ranks: not folded");
            let r = |rect: &Rect| if top_down { rect.y } else { rect.x };
            let items = &placed.items;
            assert!(r(&items[0]) < r(&items[1]) && r(&items[1]) < r(&items[2]));
            let lane = |slot: usize| {
                let boxes: Vec<&Rect> = placed
                    .lanes
                    .iter()
                    .filter(|(s, _)| *s == slot)
                    .map(|(_, r)| r)
                    .collect();
                assert_eq!(boxes.len(), 1, "one box for lane {slot}");
                *boxes[0]
            };
            for (i, a) in items.iter().enumerate() {
                assert!(inside(a, &lane(graph.items[i].2)), "{i} outside its lane");
                for b in &items[i + 1..] {
                    assert!(!overlap(a, b));
                }
            }
            assert!(!overlap(&lane(0), &lane(1)));
            let thickness = if top_down { lane(1).w } else { lane(1).h };
            assert!(thickness >= 200.0 - 1e-9, "lane 1 keeps room for its name");
            for (_, lane) in &placed.lanes {
                assert!(
                    lane.x + lane.w <= placed.width + 1e-9
                        && lane.y + lane.h <= placed.height + 1e-9
                );
            }
        }
    }

    #[test]
    fn a_long_chain_folds_into_rows_stacked_top_down() {
        // 39 items of 100 × 30 in a chain, one lane: rows of 3 ranks, 13
        // rows (see rows.rs). A row along: pad 12, 3 items of 100 with 2
        // gaps of 56, pad 12 = 436 wide (unfolded: 12 + 39·100 + 38·56 + 12
        // = 6 052). Across: lane header 22, pad 12, item 30, pad 12 = 76
        // tall; 13 rows with 12 gaps of 28: 13·76 + 12·28 = 1 324.
        let graph = Graph {
            items: vec![(100.0, 30.0, 0); 39],
            lanes: 1,
            lane_min: vec![0.0],
            links: (1..39).map(|i| (i - 1, i, 0.0)).collect(),
            top_down: false,
        };
        let placed = place(&graph);
        assert_eq!((placed.width, placed.height), (436.0, 1324.0));
        assert_eq!(placed.lanes.len(), 13, "the lane has a box in each row");
        assert_eq!(
            (placed.rows[2], placed.rows[3], placed.rows[38]),
            (0, 1, 12)
        );
        // Item 3 starts row 1 at the left: x = pad 12; y = 76 + 28 + 22 + 12.
        assert_eq!((placed.items[3].x, placed.items[3].y), (12.0, 138.0));
        // Item 2 ends row 0: x = 12 + 2·(100 + 56) = 324.
        assert_eq!((placed.items[2].x, placed.items[2].y), (324.0, 34.0));
        // Top down (the capability diagrams): never folded.
        let down = place(&Graph {
            top_down: true,
            ..graph
        });
        assert!(down.rows.iter().all(|&r| r == 0));
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
