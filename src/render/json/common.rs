//! `capgraph common --format json`: the `capgraph.common/1` document of SPEC §6.

use std::io::{self, Write};

use petgraph::graph::NodeIndex;
use serde::{Serialize, Serializer};

use crate::analysis::common::{Commonality, DomainCell};

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    shared_components: Vec<SharedComponent<'a>>,
    pairs: Pairs<'a>,
    domain_matrix: &'a [DomainCell<'a>],
    clusters: Vec<Cluster<'a>>,
    capability_overlap: Vec<Capability<'a>>,
}

#[derive(Serialize)]
struct SharedComponent<'a> {
    id: &'a str,
    users: Vec<&'a str>,
    domains: &'a [&'a str],
    cross_domain: bool,
    /// Left out of pairs, Jaccard and clusters (SPEC §5); absent otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    ignored: bool,
}

#[derive(Serialize)]
struct Pair<'a> {
    a: &'a str,
    b: &'a str,
    shared: Vec<&'a str>,
    /// Full precision: serde_json prints the shortest text that reads back
    /// to the same f64.
    jaccard: f64,
}

/// The pairs, serialised one at a time as the analysis spells them out:
/// without `--top` there may be millions.
struct Pairs<'a> {
    common: &'a Commonality<'a>,
}

impl Serialize for Pairs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let portfolio = self.common.portfolio();
        serializer.collect_seq(self.common.pairs().map(|p| Pair {
            a: portfolio.id(p.a),
            b: portfolio.id(p.b),
            shared: p.shared.iter().map(|&n| portfolio.id(n)).collect(),
            jaccard: p.jaccard,
        }))
    }
}

#[derive(Serialize)]
struct Cluster<'a> {
    projects: Vec<&'a str>,
}

#[derive(Serialize)]
struct Capability<'a> {
    id: &'a str,
    projects: Vec<&'a str>,
}

/// Writes the whole analysis, in the analysis's order, followed by a newline.
pub fn write_common(common: &Commonality, out: &mut dyn Write) -> io::Result<()> {
    let portfolio = common.portfolio();
    let ids =
        |nodes: &[NodeIndex]| -> Vec<&str> { nodes.iter().map(|&n| portfolio.id(n)).collect() };
    let document = Document {
        schema: "capgraph.common/1",
        shared_components: common
            .shared_components
            .iter()
            .map(|s| SharedComponent {
                id: portfolio.id(s.component),
                users: ids(&s.users),
                domains: &s.domains,
                cross_domain: s.cross_domain,
                ignored: s.ignored.is_some(),
            })
            .collect(),
        pairs: Pairs { common },
        domain_matrix: &common.domain_matrix,
        clusters: common
            .clusters
            .iter()
            .map(|c| Cluster { projects: ids(c) })
            .collect(),
        capability_overlap: common
            .capability_overlap
            .iter()
            .map(|o| Capability {
                id: portfolio.id(o.capability),
                projects: ids(&o.projects),
            })
            .collect(),
    };
    super::write_json(&document, out)
}
