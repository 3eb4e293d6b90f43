//! Single points of failure as stable JSON (`rank --format json`,
//! `"schema": "capgraph.rank/1"`, SPEC §6).

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::rank::Ranking;

use crate::render::text::money::json_amount;

#[derive(Serialize)]
struct RankJson<'a> {
    schema: &'static str,
    nodes: Vec<NodeJson<'a>>,
}

#[derive(Serialize)]
struct NodeJson<'a> {
    id: &'a str,
    kind: &'static str,
    downstream_projects: usize,
    downstream_capabilities: usize,
    downstream_investment: serde_json::Number,
    total_float: i64,
}

/// Writes the ranking, in its order, as pretty-printed JSON.
pub fn write_rank(ranking: &Ranking, out: &mut dyn Write) -> io::Result<()> {
    let portfolio = ranking.portfolio();
    let json = RankJson {
        schema: "capgraph.rank/1",
        nodes: ranking
            .entries()
            .iter()
            .map(|e| NodeJson {
                id: portfolio.id(e.node),
                kind: portfolio.node(e.node).kind.as_str(),
                downstream_projects: e.downstream_projects,
                downstream_capabilities: e.downstream_capabilities,
                downstream_investment: json_amount(e.downstream_investment),
                total_float: e.total_float,
            })
            .collect(),
    };
    super::write_json(&json, out)
}
