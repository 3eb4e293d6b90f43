//! The sections of the `capgraph common` report for people, as rows of
//! cells, shared by the text table and the Markdown renderers so that both
//! say the same thing in the same order.

use petgraph::graph::NodeIndex;

use crate::analysis::common::{CommonOptions, Commonality};
use crate::analysis::schedule::Schedule;
use crate::model::Portfolio;

/// Rows shown per list when the user gives no `--top`.
pub const DEFAULT_ROWS: usize = 20;

/// Ids shown inside one cell before "+N more".
const IDS_PER_CELL: usize = 6;

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One titled table of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    /// A sentence under the title (counts, thresholds).
    pub note: String,
    pub headers: Vec<String>,
    pub align: Vec<Align>,
    pub rows: Vec<Vec<String>>,
    /// Rows left out of `rows`: reported as "… and N more".
    pub more: u64,
}

impl Section {
    fn new(title: String, note: String, columns: &[(&str, Align)]) -> Section {
        Section {
            title,
            note,
            headers: columns.iter().map(|c| c.0.to_string()).collect(),
            align: columns.iter().map(|c| c.1).collect(),
            rows: Vec::new(),
            more: 0,
        }
    }

    /// Adds rows up to `limit`, counting the rest as `more`.
    fn fill(&mut self, rows: impl ExactSizeIterator<Item = Vec<String>>, limit: usize) {
        let total = rows.len();
        self.rows.extend(rows.take(limit));
        self.more = (total - self.rows.len()) as u64;
    }
}

/// What the report is made of.
pub struct CommonReport<'a> {
    pub portfolio: &'a Portfolio,
    pub common: &'a Commonality<'a>,
    /// The baseline schedule: when each shared component is available.
    pub schedule: &'a Schedule,
    /// The options the analysis ran with, except `top`, which is the user's.
    pub options: CommonOptions,
}

/// The report: shared components (hubs first), strongest overlaps, domain
/// matrix, clusters, capability overlap.
pub fn sections(report: &CommonReport) -> Vec<Section> {
    let CommonReport {
        portfolio,
        common,
        schedule,
        ref options,
    } = *report;
    let rows = options.top.map_or(DEFAULT_ROWS, |k| k.max(DEFAULT_ROWS));
    vec![
        shared_components(portfolio, common, schedule, rows),
        pairs(portfolio, common, options),
        domain_matrix(common),
        clusters(portfolio, common, options, rows),
        capability_overlap(portfolio, common, rows),
    ]
}

fn shared_components(
    portfolio: &Portfolio,
    common: &Commonality,
    schedule: &Schedule,
    rows: usize,
) -> Section {
    let hubs = common.shared_components.iter().filter(|s| s.hub).count();
    let mut section = Section::new(
        "Shared components".to_string(),
        format!(
            "{} used by two or more projects, {} of them hubs (HUB: used by {} or more projects); \
             available: earliest date in the baseline schedule",
            common.shared_components.len(),
            hubs,
            common.hub_threshold
        ),
        &[
            ("component", Align::Left),
            ("projects", Align::Right),
            ("hub", Align::Left),
            ("domains", Align::Left),
            ("cross-domain", Align::Left),
            ("provided by", Align::Left),
            ("available", Align::Left),
        ],
    );
    let calendar = portfolio.calendar();
    section.fill(
        common.shared_components.iter().map(|s| {
            let node = portfolio.node(s.component);
            vec![
                node.id.clone(),
                s.users.len().to_string(),
                if s.hub { "HUB" } else { "" }.to_string(),
                s.domains.join(", "),
                if s.cross_domain { "yes" } else { "no" }.to_string(),
                s.provider
                    .map_or("—".to_string(), |p| portfolio.id(p).to_string()),
                calendar.format(schedule.times(s.component).ef),
            ]
        }),
        rows,
    );
    section
}

fn pairs(portfolio: &Portfolio, common: &Commonality, options: &CommonOptions) -> Section {
    let mut section = Section::new(
        "Strongest overlaps".to_string(),
        format!(
            "{} project pair{} share {} or more components; Jaccard = shared / all components of the two",
            common.pair_count,
            if common.pair_count == 1 { "" } else { "s" },
            options.min_shared
        ),
        &[
            ("project", Align::Left),
            ("project", Align::Left),
            ("shared", Align::Right),
            ("jaccard", Align::Right),
            ("shared components", Align::Left),
        ],
    );
    section.rows = common
        .pairs()
        .map(|p| {
            vec![
                portfolio.id(p.a).to_string(),
                portfolio.id(p.b).to_string(),
                p.shared.len().to_string(),
                format!("{:.3}", p.jaccard),
                id_list(portfolio, &p.shared),
            ]
        })
        .collect();
    section.more = common.pair_count - common.pairs().len() as u64;
    section
}

/// The matrix as a symmetric grid: one row and one column per domain.
fn domain_matrix(common: &Commonality) -> Section {
    let domains = &common.domains;
    let mut columns = vec![("", Align::Left)];
    columns.extend(domains.iter().map(|d| (*d, Align::Right)));
    let mut section = Section::new(
        "Domain matrix".to_string(),
        "components used by projects of both domains (diagonal: by a project of the domain)"
            .to_string(),
        &columns,
    );
    let d = domains.len();
    let mut grid = vec![0usize; d * d];
    // Cells come as (a, b) for a ≤ b in domain order: row by row of the upper triangle.
    let mut cells = common.domain_matrix.iter();
    for x in 0..d {
        for y in x..d {
            let count = cells.next().map_or(0, |c| c.components);
            grid[x * d + y] = count;
            grid[y * d + x] = count;
        }
    }
    section.rows = (0..d)
        .map(|x| {
            let mut row = vec![domains[x].to_string()];
            row.extend((0..d).map(|y| grid[x * d + y].to_string()));
            row
        })
        .collect();
    section
}

fn clusters(
    portfolio: &Portfolio,
    common: &Commonality,
    options: &CommonOptions,
    rows: usize,
) -> Section {
    let mut section = Section::new(
        "Clusters".to_string(),
        format!(
            "{} group{} of projects joined by Jaccard ≥ {}",
            common.clusters.len(),
            if common.clusters.len() == 1 { "" } else { "s" },
            options.min_jaccard
        ),
        &[("projects", Align::Right), ("members", Align::Left)],
    );
    section.fill(
        common
            .clusters
            .iter()
            .map(|c| vec![c.len().to_string(), id_list(portfolio, c)]),
        rows,
    );
    section
}

fn capability_overlap(portfolio: &Portfolio, common: &Commonality, rows: usize) -> Section {
    let mut section = Section::new(
        "Capabilities delivered by several projects".to_string(),
        format!(
            "{} {} delivered by two or more projects",
            common.capability_overlap.len(),
            if common.capability_overlap.len() == 1 {
                "capability"
            } else {
                "capabilities"
            }
        ),
        &[
            ("capability", Align::Left),
            ("projects", Align::Right),
            ("delivered by", Align::Left),
        ],
    );
    section.fill(
        common.capability_overlap.iter().map(|o| {
            vec![
                portfolio.id(o.capability).to_string(),
                o.projects.len().to_string(),
                id_list(portfolio, &o.projects),
            ]
        }),
        rows,
    );
    section
}

/// `a, b, c +4 more`.
fn id_list(portfolio: &Portfolio, nodes: &[NodeIndex]) -> String {
    let mut text = nodes
        .iter()
        .take(IDS_PER_CELL)
        .map(|&n| portfolio.id(n))
        .collect::<Vec<_>>()
        .join(", ");
    if nodes.len() > IDS_PER_CELL {
        text.push_str(&format!(" +{} more", nodes.len() - IDS_PER_CELL));
    }
    text
}

/// The line that ends a cut list.
pub fn more_line(more: u64) -> String {
    format!("… and {more} more (use --format json or --top)")
}
