//! Commonality (SPEC §5, §7): shared components, overlapping project pairs
//! with their Jaccard index, the domain matrix, clusters of similar projects
//! and capabilities delivered by several projects.
//!
//! Every figure works on the SET of components a project `uses` (the same
//! component twice counts once); `depends_on` links to components are
//! precedence, not use, and do not count.
//!
//! # Complexity
//! Let P be the projects, C the components, U the distinct (project,
//! component) uses and h_c the number of users of component c. Building the
//! inverted index (component → users) costs O(U + P + C). Pairs are counted
//! only where they share a component: for each project a, walk the users
//! b > a of each of its components and bump a counter — O(Σ_c h_c²/2) time
//! in all, spread over the rayon pool, never the O(P²) of all pairs unless
//! the data really has that many overlapping pairs.
//!
//! The worst case is a **hub**: a component used by h projects alone makes
//! h(h−1)/2 pairs (h = 100 000 gives 5·10⁹ counter bumps, some 20 s on two
//! cores at the ~7 ns per pair measured in `benches/common.rs`). Memory never follows that count: pairs are streamed, one
//! project a at a time, into (1) a union-find for the clusters and (2) with
//! `top = Some(K)` a bounded heap of the K best pairs per worker, merged at
//! the end. So memory is O(U + W·P + W·K) for W workers (W = 4 × threads)
//! — flat however big the hubs. Only `top = None` keeps every listed pair,
//! 16 bytes each (the answer itself: 8.4 million pairs for 20 000 generated
//! projects with three hubs of ~2 000 users); their shared components are
//! spelled out one pair at a time by [`Commonality::pairs`]. Components used
//! by at least [`hub_threshold`] projects are flagged as hubs so that people
//! see where the pair count comes from.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use petgraph::graph::NodeIndex;
use petgraph::unionfind::UnionFind;
use rayon::prelude::*;
use serde::Serialize;

use crate::model::{NodeKind, Portfolio, Relation};

use super::portfolio_ref::PortfolioRef;

/// The options of `capgraph common` (validated by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct CommonOptions {
    /// Pairs sharing fewer components are not listed (≥ 1).
    pub min_shared: usize,
    /// Jaccard index at or above which two projects join a cluster (0–1).
    pub min_jaccard: f64,
    /// Keep only the K best pairs; `None` keeps them all.
    pub top: Option<usize>,
    /// Components left out of pairs, Jaccard indices and clusters
    /// (`--ignore`), besides those marked `infrastructure` (SPEC §5).
    pub ignore: Vec<NodeIndex>,
}

impl Default for CommonOptions {
    fn default() -> Self {
        CommonOptions {
            min_shared: 1,
            min_jaccard: 0.5,
            top: None,
            ignore: Vec::new(),
        }
    }
}

/// Why a shared component is left out of pairs, Jaccard and clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ignored {
    /// Marked `"infrastructure": true` in the portfolio.
    Infrastructure,
    /// Named by `--ignore`.
    Named,
}

/// Everything `capgraph common` reports, sorted as SPEC §6–§7 require.
#[derive(Debug, Clone, PartialEq)]
pub struct Commonality<'p> {
    portfolio: PortfolioRef<'p>,
    /// Components used by two or more projects: most users first, then id.
    pub shared_components: Vec<SharedComponent<'p>>,
    /// Pairs sharing at least `min_shared` components, best first, cut to
    /// `top`, kept compact (16 bytes each): [`Commonality::pairs`] spells
    /// them out one at a time.
    pairs: Vec<Candidate>,
    /// The `uses` relation, for spelling out a pair's shared components.
    uses: UseIndex,
    /// How many pairs share at least `min_shared` components (before the `top` cut).
    pub pair_count: u64,
    /// One cell per pair of domains a ≤ b, in byte order, zeros included.
    pub domain_matrix: Vec<DomainCell<'p>>,
    /// The domains of the matrix, in byte order.
    pub domains: Vec<&'p str>,
    /// Groups of two or more projects joined by Jaccard ≥ `min_jaccard`:
    /// members by id; groups largest first, then by first id.
    pub clusters: Vec<Vec<NodeIndex>>,
    /// Capabilities delivered by two or more projects: most projects first, then id.
    pub capability_overlap: Vec<CapabilityOverlap>,
    /// Users from which a component counts as a hub (see [`hub_threshold`]).
    pub hub_threshold: usize,
    /// The number of projects (the hub rule's base).
    pub projects: usize,
}

/// A component used by two or more projects.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedComponent<'p> {
    pub component: NodeIndex,
    /// Its users, by id.
    pub users: Vec<NodeIndex>,
    /// The distinct domains of its users, in byte order.
    pub domains: Vec<&'p str>,
    /// Whether the users span more than one domain.
    pub cross_domain: bool,
    /// Whether it has at least [`Commonality::hub_threshold`] users.
    pub hub: bool,
    /// The project that provides it (`provided_by`), if any.
    pub provider: Option<NodeIndex>,
    /// Left out of pairs, Jaccard indices and clusters, and why.
    pub ignored: Option<Ignored>,
}

/// Two projects that share components (`a` before `b` in id order).
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectPair {
    pub a: NodeIndex,
    pub b: NodeIndex,
    /// The shared components, by id.
    pub shared: Vec<NodeIndex>,
    /// |A∩B| / |A∪B|, unrounded.
    pub jaccard: f64,
}

/// One cell of the domain matrix (serialised as is in JSON).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainCell<'p> {
    pub a: &'p str,
    pub b: &'p str,
    /// Components used by a project of `a` and by a project of `b` (for
    /// a = b: by a project of `a`).
    pub components: usize,
}

/// A capability delivered by two or more projects.
#[derive(Debug, Clone, PartialEq)]
pub struct CapabilityOverlap {
    pub capability: NodeIndex,
    /// Projects with a `delivers` link to it, by id.
    pub projects: Vec<NodeIndex>,
}

/// Users from which a component is a hub: a tenth of the projects, and at
/// least 3. A hub of h users alone makes h(h−1)/2 pairs, so hubs are where
/// the pair count (and the pair-counting time) comes from.
pub fn hub_threshold(projects: usize) -> usize {
    projects.div_ceil(10).max(3)
}

/// Runs the commonality analysis. See the module docs for its complexity.
pub fn analyse<'p>(portfolio: &'p Portfolio, options: &CommonOptions) -> Commonality<'p> {
    let all_uses = UseIndex::build(portfolio);
    let ignored: Vec<Option<Ignored>> = all_uses
        .components
        .iter()
        .map(|&c| {
            if portfolio.node(c).infrastructure {
                Some(Ignored::Infrastructure)
            } else if options.ignore.contains(&c) {
                Some(Ignored::Named)
            } else {
                None
            }
        })
        .collect();
    let domains = matrix_domains(portfolio);
    let project_domain: Vec<Option<&str>> = all_uses
        .projects
        .iter()
        .map(|&p| portfolio.node(p).domain.as_deref())
        .collect();
    let hub_threshold = hub_threshold(all_uses.projects.len());
    let shared_components = shared_components(
        portfolio,
        &all_uses,
        &project_domain,
        hub_threshold,
        &ignored,
    );
    let domain_matrix = domain_matrix(&all_uses, &project_domain, &domains);
    // Pairs, Jaccard and clusters see only the components not ignored.
    let uses = if ignored.iter().any(Option::is_some) {
        all_uses.without(&ignored)
    } else {
        all_uses
    };
    let scan = scan_pairs(&uses, options);
    let pairs = scan.kept.into_sorted(options.top);
    let clusters = clusters(scan.forest, &uses.projects);
    Commonality {
        portfolio: PortfolioRef(portfolio),
        shared_components,
        pairs,
        pair_count: scan.pair_count,
        domain_matrix,
        domains,
        clusters,
        capability_overlap: capability_overlap(portfolio),
        hub_threshold,
        projects: uses.projects.len(),
        uses,
    }
}

impl<'p> Commonality<'p> {
    /// The portfolio analysed.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.portfolio.0
    }

    /// The listed pairs, best first, each with its shared components
    /// (worked out as the pair is taken, so that millions of pairs cost 16
    /// bytes each until rendered).
    pub fn pairs(&self) -> impl ExactSizeIterator<Item = ProjectPair> + '_ {
        self.pairs
            .iter()
            .map(|&candidate| self.uses.pair(candidate))
    }
}

/// The `uses` relation both ways, over dense slots: project slot i is the
/// i-th project by id, component slot j the j-th component by id, so slot
/// order is id order.
#[derive(Debug, Clone, PartialEq)]
struct UseIndex {
    projects: Vec<NodeIndex>,
    components: Vec<NodeIndex>,
    /// Components of project i: `used[used_start[i]..used_start[i + 1]]`, ascending.
    used_start: Vec<usize>,
    used: Vec<u32>,
    /// Users of component j: `users[users_start[j]..users_start[j + 1]]`, ascending.
    users_start: Vec<usize>,
    users: Vec<u32>,
}

impl UseIndex {
    fn build(portfolio: &Portfolio) -> UseIndex {
        let by_kind = |kind| -> Vec<NodeIndex> {
            portfolio
                .nodes_by_id()
                .iter()
                .copied()
                .filter(|&n| portfolio.node(n).kind == kind)
                .collect()
        };
        let projects = by_kind(NodeKind::Project);
        let components = by_kind(NodeKind::Component);
        let mut component_slot = vec![u32::MAX; portfolio.node_count()];
        for (slot, c) in components.iter().enumerate() {
            component_slot[c.index()] = slot as u32;
        }
        let mut used_start = Vec::with_capacity(projects.len() + 1);
        let mut used = Vec::new();
        used_start.push(0);
        for &project in &projects {
            let first = used.len();
            used.extend(
                portfolio
                    .incoming(project)
                    .iter()
                    .filter(|l| l.link.relation == Relation::Uses)
                    .map(|l| component_slot[l.node.index()]),
            );
            used[first..].sort_unstable();
            // The same component twice counts once (SPEC §7).
            let mut distinct = first;
            for i in first..used.len() {
                if distinct == first || used[distinct - 1] != used[i] {
                    used[distinct] = used[i];
                    distinct += 1;
                }
            }
            used.truncate(distinct);
            used_start.push(used.len());
        }
        let (users_start, users) = invert(&used_start, &used, components.len());
        UseIndex {
            projects,
            components,
            used_start,
            used,
            users_start,
            users,
        }
    }

    /// The same index without the components marked in `ignored` (by
    /// component slot): as if no project used them.
    fn without<T>(self, ignored: &[Option<T>]) -> UseIndex {
        let mut used_start = Vec::with_capacity(self.projects.len() + 1);
        let mut used = Vec::with_capacity(self.used.len());
        used_start.push(0);
        for i in 0..self.projects.len() {
            used.extend(
                self.used_by(i as u32)
                    .iter()
                    .filter(|&&c| ignored[c as usize].is_none()),
            );
            used_start.push(used.len());
        }
        let (users_start, users) = invert(&used_start, &used, self.components.len());
        UseIndex {
            projects: self.projects,
            components: self.components,
            used_start,
            used,
            users_start,
            users,
        }
    }

    fn used_by(&self, project: u32) -> &[u32] {
        let i = project as usize;
        &self.used[self.used_start[i]..self.used_start[i + 1]]
    }

    fn users_of(&self, component: usize) -> &[u32] {
        &self.users[self.users_start[component]..self.users_start[component + 1]]
    }

    /// The reported pair of a candidate: node indices and the shared
    /// components (a merge of two ascending lists).
    fn pair(&self, candidate: Candidate) -> ProjectPair {
        let (mut left, mut right) = (self.used_by(candidate.a), self.used_by(candidate.b));
        let mut shared = Vec::with_capacity(candidate.shared as usize);
        while let (Some(&x), Some(&y)) = (left.first(), right.first()) {
            match x.cmp(&y) {
                Ordering::Less => left = &left[1..],
                Ordering::Greater => right = &right[1..],
                Ordering::Equal => {
                    shared.push(self.components[x as usize]);
                    left = &left[1..];
                    right = &right[1..];
                }
            }
        }
        ProjectPair {
            a: self.projects[candidate.a as usize],
            b: self.projects[candidate.b as usize],
            shared,
            jaccard: candidate.jaccard(),
        }
    }
}

/// The users of each component from the components of each project:
/// `(users_start, users)` as in [`UseIndex`]. Inverted by counting: projects
/// are visited in slot order, so each component's users come out ascending.
fn invert(used_start: &[usize], used: &[u32], components: usize) -> (Vec<usize>, Vec<u32>) {
    let mut users_start = vec![0usize; components + 1];
    for &c in used {
        users_start[c as usize + 1] += 1;
    }
    for j in 0..components {
        users_start[j + 1] += users_start[j];
    }
    let mut next = users_start.clone();
    let mut users = vec![0u32; used.len()];
    for i in 0..used_start.len() - 1 {
        for &c in &used[used_start[i]..used_start[i + 1]] {
            users[next[c as usize]] = i as u32;
            next[c as usize] += 1;
        }
    }
    (users_start, users)
}

/// The matrix domains: the declared `domains`, or else the projects' domains.
fn matrix_domains(portfolio: &Portfolio) -> Vec<&str> {
    let mut domains: Vec<&str> = match portfolio.declared_domains() {
        Some(declared) => declared.iter().map(String::as_str).collect(),
        None => portfolio
            .nodes()
            .filter(|n| n.kind == NodeKind::Project)
            .filter_map(|n| n.domain.as_deref())
            .collect(),
    };
    domains.sort_unstable();
    domains.dedup();
    domains
}

/// The distinct domains of some projects, in byte order.
fn domains_of<'p>(users: &[u32], project_domain: &[Option<&'p str>]) -> Vec<&'p str> {
    let mut domains: Vec<&str> = users
        .iter()
        .filter_map(|&u| project_domain[u as usize])
        .collect();
    domains.sort_unstable();
    domains.dedup();
    domains
}

fn shared_components<'p>(
    portfolio: &Portfolio,
    uses: &UseIndex,
    project_domain: &[Option<&'p str>],
    hub_threshold: usize,
    ignored: &[Option<Ignored>],
) -> Vec<SharedComponent<'p>> {
    let mut shared: Vec<SharedComponent> = (0..uses.components.len())
        .filter(|&j| uses.users_of(j).len() >= 2)
        .map(|j| {
            let users = uses.users_of(j);
            let domains = domains_of(users, project_domain);
            let component = uses.components[j];
            SharedComponent {
                component,
                users: users.iter().map(|&u| uses.projects[u as usize]).collect(),
                cross_domain: domains.len() > 1,
                domains,
                hub: users.len() >= hub_threshold,
                provider: portfolio
                    .incoming(component)
                    .iter()
                    .find(|l| l.link.relation == Relation::Provides)
                    .map(|l| l.node),
                ignored: ignored[j],
            }
        })
        .collect();
    // Slots are in id order, so a stable sort by users keeps ids ascending.
    shared.sort_by_key(|s| Reverse(s.users.len()));
    shared
}

fn domain_matrix<'p>(
    uses: &UseIndex,
    project_domain: &[Option<&str>],
    domains: &[&'p str],
) -> Vec<DomainCell<'p>> {
    let d = domains.len();
    let mut counts = vec![0usize; d * d];
    let mut present: Vec<usize> = Vec::new();
    for j in 0..uses.components.len() {
        present.clear();
        present.extend(
            domains_of(uses.users_of(j), project_domain)
                .into_iter()
                .filter_map(|name| domains.binary_search(&name).ok()),
        );
        for (k, &x) in present.iter().enumerate() {
            for &y in &present[k..] {
                counts[x * d + y] += 1;
            }
        }
    }
    let mut cells = Vec::with_capacity(d * (d + 1) / 2);
    for x in 0..d {
        for y in x..d {
            cells.push(DomainCell {
                a: domains[x],
                b: domains[y],
                components: counts[x * d + y],
            });
        }
    }
    cells
}

fn capability_overlap(portfolio: &Portfolio) -> Vec<CapabilityOverlap> {
    let mut overlap: Vec<CapabilityOverlap> = portfolio
        .nodes_by_id()
        .iter()
        .copied()
        .filter(|&n| portfolio.node(n).kind == NodeKind::Capability)
        .filter_map(|capability| {
            let mut projects: Vec<NodeIndex> = portfolio
                .incoming(capability)
                .iter()
                .filter(|l| l.link.relation == Relation::Delivers)
                .map(|l| l.node)
                .collect();
            projects.sort_unstable_by_key(|&p| portfolio.id_rank(p));
            projects.dedup();
            (projects.len() >= 2).then_some(CapabilityOverlap {
                capability,
                projects,
            })
        })
        .collect();
    // Capabilities come in id order; the stable sort keeps it within a count.
    overlap.sort_by_key(|o| Reverse(o.projects.len()));
    overlap
}

/// A pair found while scanning, over project slots (`a < b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Candidate {
    a: u32,
    b: u32,
    shared: u32,
    /// |A∪B| = |A| + |B| − shared.
    union: u32,
}

impl Candidate {
    fn jaccard(&self) -> f64 {
        f64::from(self.shared) / f64::from(self.union)
    }
}

/// Output order: Jaccard highest first (compared exactly, as fractions),
/// then most shared, then `a`, then `b`. `Less` comes first.
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        let mine = u64::from(self.shared) * u64::from(other.union);
        let theirs = u64::from(other.shared) * u64::from(self.union);
        theirs
            .cmp(&mine)
            .then(other.shared.cmp(&self.shared))
            .then(self.a.cmp(&other.a))
            .then(self.b.cmp(&other.b))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The pairs a worker keeps: all of them, or the best K in a heap whose top
/// is the worst kept.
enum Kept {
    All(Vec<Candidate>),
    Best {
        limit: usize,
        heap: BinaryHeap<Candidate>,
    },
}

impl Kept {
    fn new(top: Option<usize>) -> Kept {
        match top {
            None => Kept::All(Vec::new()),
            Some(limit) => Kept::Best {
                limit,
                heap: BinaryHeap::with_capacity(limit.min(1 << 16) + 1),
            },
        }
    }

    /// Offers a pair. Called once per qualifying pair (millions), so the
    /// usual case — a full heap and a pair no better than the worst kept —
    /// must be a comparison inside the scan's loop: always inlined, with
    /// the keeping out of line. Left to the compiler, the whole of it was
    /// an out-of-line call per pair in some builds (+12 % for `common
    /// --top 1000` on 20 000 projects).
    #[inline(always)]
    fn offer(&mut self, candidate: Candidate) {
        match self {
            Kept::All(all) => all.push(candidate),
            Kept::Best { limit, heap } => {
                let full = heap.len() >= *limit;
                if !full || heap.peek().is_some_and(|worst| candidate < *worst) {
                    keep_best(heap, *limit, candidate);
                }
            }
        }
    }

    fn merge(&mut self, other: Kept) {
        match other {
            Kept::All(all) => all.into_iter().for_each(|c| self.offer(c)),
            Kept::Best { heap, .. } => heap.into_iter().for_each(|c| self.offer(c)),
        }
    }

    fn into_sorted(self, top: Option<usize>) -> Vec<Candidate> {
        let mut pairs = match self {
            Kept::All(all) => all,
            Kept::Best { heap, .. } => heap.into_vec(),
        };
        pairs.par_sort_unstable();
        pairs.truncate(top.unwrap_or(usize::MAX));
        pairs
    }
}

/// Keeps `candidate` among the best `limit` (it is better than the worst
/// kept, or there is room).
#[inline(never)]
fn keep_best(heap: &mut BinaryHeap<Candidate>, limit: usize, candidate: Candidate) {
    if heap.len() < limit {
        heap.push(candidate);
    } else if let Some(mut worst) = heap.peek_mut() {
        *worst = candidate;
    }
}

/// What a pair scan yields: the kept pairs, how many qualified, and the
/// cluster forest over project slots.
struct Scan {
    kept: Kept,
    pair_count: u64,
    forest: UnionFind<u32>,
}

/// Counts shared components for every pair that shares one, in parallel.
/// Worker t takes the projects a ≡ t (mod W): interleaving balances the
/// work, which is larger for small a (more users b > a).
fn scan_pairs(uses: &UseIndex, options: &CommonOptions) -> Scan {
    let projects = uses.projects.len();
    let workers = (rayon::current_num_threads() * 4).clamp(1, projects.max(1));
    let scans: Vec<Scan> = (0..workers)
        .into_par_iter()
        .map(|worker| scan_slice(uses, options, worker, workers))
        .collect();
    let mut total = Scan {
        kept: Kept::new(options.top),
        pair_count: 0,
        forest: UnionFind::new(projects),
    };
    for mut scan in scans {
        total.kept.merge(scan.kept);
        total.pair_count += scan.pair_count;
        for slot in 0..projects as u32 {
            let root = scan.forest.find_mut(slot);
            if root != slot {
                total.forest.union(slot, root);
            }
        }
    }
    total
}

fn scan_slice(uses: &UseIndex, options: &CommonOptions, first: usize, step: usize) -> Scan {
    let projects = uses.projects.len();
    let mut scan = Scan {
        kept: Kept::new(options.top),
        pair_count: 0,
        forest: UnionFind::new(projects),
    };
    let mut counts = vec![0u32; projects];
    let mut touched: Vec<u32> = Vec::new();
    for a in (first..projects).step_by(step) {
        let a = a as u32;
        let used = uses.used_by(a);
        for &c in used {
            let users = uses.users_of(c as usize);
            let after = users.partition_point(|&u| u <= a);
            for &b in &users[after..] {
                let count = &mut counts[b as usize];
                if *count == 0 {
                    touched.push(b);
                }
                *count += 1;
            }
        }
        for &b in &touched {
            let shared = std::mem::take(&mut counts[b as usize]);
            let union = (used.len() + uses.used_by(b).len()) as u32 - shared;
            let candidate = Candidate {
                a,
                b,
                shared,
                union,
            };
            // Clusters ignore --min-shared and --top (SPEC §7).
            if candidate.jaccard() >= options.min_jaccard {
                scan.forest.union(a, b);
            }
            if shared as usize >= options.min_shared {
                scan.pair_count += 1;
                scan.kept.offer(candidate);
            }
        }
        touched.clear();
    }
    scan
}

/// Groups of two or more projects of the forest, members by id, largest
/// group first, then by first id.
fn clusters(mut forest: UnionFind<u32>, projects: &[NodeIndex]) -> Vec<Vec<NodeIndex>> {
    let roots: Vec<usize> = (0..projects.len() as u32)
        .map(|slot| forest.find_mut(slot) as usize)
        .collect();
    let mut size = vec![0usize; projects.len()];
    for &root in &roots {
        size[root] += 1;
    }
    let mut group_of_root = vec![usize::MAX; projects.len()];
    let mut groups: Vec<Vec<NodeIndex>> = Vec::new();
    for (slot, &root) in roots.iter().enumerate() {
        if size[root] < 2 {
            continue;
        }
        if group_of_root[root] == usize::MAX {
            group_of_root[root] = groups.len();
            groups.push(Vec::with_capacity(size[root]));
        }
        groups[group_of_root[root]].push(projects[slot]);
    }
    // Groups were opened in first-member order, so a stable sort by size
    // keeps first ids ascending within a size.
    groups.sort_by_key(|g| Reverse(g.len()));
    groups
}

#[cfg(test)]
mod tests {
    use petgraph::visit::EdgeRef;
    use petgraph::Direction;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use super::*;

    /// A valid portfolio from a JSON value (the loader minus the file).
    fn portfolio(value: Value) -> Portfolio {
        let checked = crate::model::portfolio_from_str(&value.to_string(), "test.json");
        checked
            .value
            .unwrap_or_else(|| panic!("{:?}", checked.problems))
    }

    /// A portfolio of projects `(id, domain, uses)` over the components they name.
    fn projects(domains: Option<&[&str]>, list: &[(&str, Option<&str>, &[&str])]) -> Portfolio {
        let mut components: Vec<&str> = list.iter().flat_map(|p| p.2.iter().copied()).collect();
        components.sort_unstable();
        components.dedup();
        let mut value = json!({
            "portfolio": { "name": "t", "start": "2025-01-01" },
            "components": components.iter().map(|c| json!({ "id": c, "name": c })).collect::<Vec<_>>(),
            "projects": list.iter().map(|(id, domain, uses)| {
                let mut project = json!({ "id": id, "name": id, "duration_days": 1, "uses": uses });
                if let Some(domain) = domain {
                    project["domain"] = json!(domain);
                }
                project
            }).collect::<Vec<_>>(),
        });
        if let Some(domains) = domains {
            value["domains"] = json!(domains);
        }
        portfolio(value)
    }

    fn ids<'p>(portfolio: &'p Portfolio, nodes: &[NodeIndex]) -> Vec<&'p str> {
        nodes.iter().map(|&n| portfolio.id(n)).collect()
    }

    fn pair_view<'p>(
        portfolio: &'p Portfolio,
        common: &Commonality,
    ) -> Vec<(&'p str, &'p str, Vec<&'p str>, f64)> {
        common
            .pairs()
            .map(|p| {
                (
                    portfolio.id(p.a),
                    portfolio.id(p.b),
                    ids(portfolio, &p.shared),
                    p.jaccard,
                )
            })
            .collect()
    }

    fn matrix_view<'p>(common: &Commonality<'p>) -> Vec<(&'p str, &'p str, usize)> {
        common
            .domain_matrix
            .iter()
            .map(|c| (c.a, c.b, c.components))
            .collect()
    }

    fn cluster_view<'p>(portfolio: &'p Portfolio, common: &Commonality) -> Vec<Vec<&'p str>> {
        common.clusters.iter().map(|c| ids(portfolio, c)).collect()
    }

    fn options(min_shared: usize, min_jaccard: f64, top: Option<usize>) -> CommonOptions {
        CommonOptions {
            min_shared,
            min_jaccard,
            top,
            ignore: Vec::new(),
        }
    }

    /// P1 (core) {dc, pki}, P2 (cyber) {pki}, P3 (core) {dc, solo}, P4 (no domain) {net}.
    fn two_domains() -> Portfolio {
        projects(
            Some(&["communication", "core", "cyber"]),
            &[
                ("P1", Some("core"), &["pki", "dc", "pki"]),
                ("P2", Some("cyber"), &["pki"]),
                ("P3", Some("core"), &["dc", "solo"]),
                ("P4", None, &["net"]),
            ],
        )
    }

    #[test]
    fn a_component_shared_across_domains_is_cross_domain_and_one_within_a_domain_is_not() {
        let p = two_domains();
        let common = analyse(&p, &CommonOptions::default());
        let shared: Vec<(&str, Vec<&str>, Vec<&str>, bool)> = common
            .shared_components
            .iter()
            .map(|s| {
                (
                    p.id(s.component),
                    ids(&p, &s.users),
                    s.domains.clone(),
                    s.cross_domain,
                )
            })
            .collect();
        // Both have 2 users, so id order: "dc" < "pki". net and solo have one user.
        assert_eq!(
            shared,
            vec![
                ("dc", vec!["P1", "P3"], vec!["core"], false),
                ("pki", vec!["P1", "P2"], vec!["core", "cyber"], true),
            ]
        );
    }

    #[test]
    fn pairs_carry_shared_components_and_jaccard_of_the_use_sets() {
        let p = two_domains();
        let common = analyse(&p, &CommonOptions::default());
        // P1 = {dc, pki} (pki listed twice counts once), P2 = {pki}:
        //   |∩| = 1, |∪| = 2 → 1/2.
        // P1, P3 = {dc, solo}: |∩| = 1 (dc), |∪| = 3 → 1/3.
        // P2, P3 and anything with P4 share nothing: not listed.
        assert_eq!(
            pair_view(&p, &common),
            vec![
                ("P1", "P2", vec!["pki"], 0.5),
                ("P1", "P3", vec!["dc"], 1.0 / 3.0)
            ]
        );
        assert_eq!(common.pair_count, 2);
    }

    #[test]
    fn domain_matrix_lists_every_declared_pair_with_zeros_and_diagonal_counts_users_domain() {
        let p = two_domains();
        let common = analyse(&p, &CommonOptions::default());
        let cells = matrix_view(&common);
        // Domains of each component's users: dc {core}, pki {core, cyber},
        // solo {core}, net {} (P4 has no domain).
        // core/core: dc, pki, solo = 3; core/cyber: pki = 1; cyber/cyber: pki = 1.
        assert_eq!(
            cells,
            vec![
                ("communication", "communication", 0),
                ("communication", "core", 0),
                ("communication", "cyber", 0),
                ("core", "core", 3),
                ("core", "cyber", 1),
                ("cyber", "cyber", 1),
            ]
        );
    }

    #[test]
    fn without_declared_domains_the_matrix_uses_the_project_domains() {
        let p = projects(
            None,
            &[
                ("A", Some("x"), &["c"]),
                ("B", Some("w"), &["c"]),
                ("C", None, &["d"]),
            ],
        );
        let common = analyse(&p, &CommonOptions::default());
        let cells = matrix_view(&common);
        // c is used by a "w" and an "x" project; d only by a project without domain.
        assert_eq!(cells, vec![("w", "w", 1), ("w", "x", 1), ("x", "x", 1)]);
    }

    #[test]
    fn a_pair_below_min_shared_is_not_listed_but_still_clusters() {
        let p = two_domains();
        let common = analyse(&p, &options(2, 0.5, None));
        // Every pair shares 1 component < 2.
        assert_eq!(common.pairs().len(), 0);
        assert_eq!(common.pair_count, 0);
        // P1, P2 have Jaccard 1/2 ≥ 0.5: clusters ignore --min-shared.
        assert_eq!(cluster_view(&p, &common), vec![vec!["P1", "P2"]]);
    }

    /// A {x, y}, B {x, y, z}, C {y, z, w}, D {q}, E {q}, F {x}.
    fn chain() -> Portfolio {
        projects(
            None,
            &[
                ("A", None, &["x", "y"]),
                ("B", None, &["x", "y", "z"]),
                ("C", None, &["y", "z", "w"]),
                ("D", None, &["q"]),
                ("E", None, &["q"]),
                ("F", None, &["x"]),
            ],
        )
    }

    #[test]
    fn a_cluster_forms_through_a_chain_of_pairs() {
        let p = chain();
        let common = analyse(&p, &options(1, 0.5, None));
        // A~B: {x,y} / {x,y,z} = 2/3 ≥ 0.5; B~C: {y,z} / {x,y,z,w} = 2/4 ≥ 0.5;
        // A, C: {y} / {x,y,z,w} = 1/4, yet C joins A through B.
        // D~E: {q} / {q} = 1. F: with A {x}/{x,y} = 1/2 joins too!
        // F, B: 1/3; F, C: nothing shared.
        assert_eq!(
            cluster_view(&p, &common),
            vec![vec!["A", "B", "C", "F"], vec!["D", "E"]]
        );
        // Above 1/2 only A~B (2/3) and D~E (1) remain: same size, first id A < D.
        let strict = analyse(&p, &options(1, 0.6, None));
        assert_eq!(
            cluster_view(&p, &strict),
            vec![vec!["A", "B"], vec!["D", "E"]]
        );
        // At 0 every pair sharing a component joins; C~F share nothing but
        // meet through B.
        let loose = analyse(&p, &options(1, 0.0, None));
        assert_eq!(
            cluster_view(&p, &loose),
            vec![vec!["A", "B", "C", "F"], vec!["D", "E"]]
        );
    }

    #[test]
    fn pairs_sort_by_jaccard_then_shared_then_ids_and_top_cuts_after_sorting() {
        let p = chain();
        let all = analyse(&p, &options(1, 0.5, None));
        // D,E 1/1; A,B 2/3; then A,F 1/2 and B,C 2/4 tie on Jaccard: B,C shares
        // 2 > 1, so first; then F,B... (B,F) 1/3; A,C 1/4.
        let order: Vec<(&str, &str)> = pair_view(&p, &all).iter().map(|v| (v.0, v.1)).collect();
        assert_eq!(
            order,
            vec![
                ("D", "E"),
                ("A", "B"),
                ("B", "C"),
                ("A", "F"),
                ("B", "F"),
                ("A", "C")
            ]
        );
        let top = analyse(&p, &options(1, 0.5, Some(3)));
        let order: Vec<(&str, &str)> = pair_view(&p, &top).iter().map(|v| (v.0, v.1)).collect();
        assert_eq!(order, vec![("D", "E"), ("A", "B"), ("B", "C")]);
        assert_eq!(top.pair_count, 6);
        // --top does not change the clusters.
        assert_eq!(top.clusters, all.clusters);
        assert_eq!(analyse(&p, &options(1, 0.5, Some(0))).pairs().len(), 0);
    }

    #[test]
    fn equal_jaccard_and_shared_fall_back_to_byte_order_of_ids() {
        // "Zeta" < "alpha" < "beta" in byte order. Every pair shares one
        // component with Jaccard 1/1.
        let p = projects(
            None,
            &[
                ("beta", None, &["k"]),
                ("alpha", None, &["k"]),
                ("Zeta", None, &["k"]),
                ("m2", None, &["n"]),
                ("m1", None, &["n"]),
            ],
        );
        let common = analyse(&p, &CommonOptions::default());
        let order: Vec<(&str, &str)> = pair_view(&p, &common).iter().map(|v| (v.0, v.1)).collect();
        assert_eq!(
            order,
            vec![
                ("Zeta", "alpha"),
                ("Zeta", "beta"),
                ("alpha", "beta"),
                ("m1", "m2")
            ]
        );
        // Shared components tie on 3 vs 2 users: k first; clusters by size.
        assert_eq!(ids(&p, &[common.shared_components[0].component]), vec!["k"]);
        assert_eq!(
            cluster_view(&p, &common),
            vec![vec!["Zeta", "alpha", "beta"], vec!["m1", "m2"]]
        );
    }

    #[test]
    fn depends_on_a_component_is_precedence_not_use() {
        let p = portfolio(json!({
            "portfolio": { "name": "t", "start": "2025-01-01" },
            "components": [ { "id": "pki", "name": "pki" } ],
            "projects": [
                { "id": "A", "name": "a", "duration_days": 1, "uses": ["pki"] },
                { "id": "B", "name": "b", "duration_days": 1, "depends_on": ["pki"] }
            ]
        }));
        let common = analyse(&p, &CommonOptions::default());
        // Only A uses pki: nothing is shared, no pair, no cluster.
        assert!(common.shared_components.is_empty());
        assert_eq!(common.pair_count, 0);
        assert!(common.clusters.is_empty());
    }

    #[test]
    fn capability_overlap_lists_capabilities_with_several_deliverers() {
        let p = portfolio(json!({
            "portfolio": { "name": "t", "start": "2025-01-01" },
            "capabilities": [
                { "id": "CAP-B", "name": "b" }, { "id": "CAP-A", "name": "a" },
                { "id": "CAP-C", "name": "c" }, { "id": "CAP-D", "name": "d" }
            ],
            "projects": [
                { "id": "P3", "name": "3", "duration_days": 1, "delivers": ["CAP-A", "CAP-B", "CAP-D"] },
                { "id": "P1", "name": "1", "duration_days": 1, "delivers": ["CAP-A", "CAP-B", "CAP-C"] },
                { "id": "P2", "name": "2", "duration_days": 1, "delivers": ["CAP-B", "CAP-B"] }
            ]
        }));
        let common = analyse(&p, &CommonOptions::default());
        let overlap: Vec<(&str, Vec<&str>)> = common
            .capability_overlap
            .iter()
            .map(|o| (p.id(o.capability), ids(&p, &o.projects)))
            .collect();
        // CAP-B: 3 projects (P2 twice counts once); CAP-A: 2; C and D: 1 each.
        assert_eq!(
            overlap,
            vec![
                ("CAP-B", vec!["P1", "P2", "P3"]),
                ("CAP-A", vec!["P1", "P3"])
            ]
        );
    }

    #[test]
    fn hubs_are_components_used_by_a_tenth_of_the_projects_and_at_least_three() {
        assert_eq!(hub_threshold(0), 3);
        assert_eq!(hub_threshold(30), 3);
        assert_eq!(hub_threshold(31), 4);
        assert_eq!(hub_threshold(20_000), 2_000);
        let p = chain();
        let common = analyse(&p, &CommonOptions::default());
        // x {A,B,F} and y {A,B,C} have 3 users, z {B,C} and q {D,E} 2.
        let hubs: Vec<(&str, bool)> = common
            .shared_components
            .iter()
            .map(|s| (p.id(s.component), s.hub))
            .collect();
        assert_eq!(
            hubs,
            vec![("x", true), ("y", true), ("q", false), ("z", false)]
        );
    }

    /// All pairs, the obvious way: every two projects, their use sets intersected.
    fn naive_pairs(
        p: &Portfolio,
        min_shared: usize,
        top: Option<usize>,
    ) -> Vec<(String, String, Vec<String>, f64)> {
        let mut sets: Vec<(String, Vec<String>)> = p
            .graph()
            .node_indices()
            .filter(|&n| p.node(n).kind == NodeKind::Project)
            .map(|n| {
                let mut used: Vec<String> = p
                    .graph()
                    .edges_directed(n, Direction::Incoming)
                    .filter(|e| e.weight().relation == Relation::Uses)
                    .map(|e| p.id(e.source()).to_string())
                    .collect();
                used.sort();
                used.dedup();
                (p.id(n).to_string(), used)
            })
            .collect();
        sets.sort();
        let mut pairs = Vec::new();
        for (i, (a, x)) in sets.iter().enumerate() {
            for (b, y) in &sets[i + 1..] {
                let shared: Vec<String> = x.iter().filter(|c| y.contains(c)).cloned().collect();
                let union = x.len() + y.len() - shared.len();
                if !shared.is_empty() && shared.len() >= min_shared {
                    let jaccard = shared.len() as f64 / union as f64;
                    pairs.push((a.clone(), b.clone(), shared, jaccard));
                }
            }
        }
        pairs.sort_by(|x, y| {
            y.3.partial_cmp(&x.3)
                .unwrap()
                .then(y.2.len().cmp(&x.2.len()))
                .then(x.0.cmp(&y.0))
                .then(x.1.cmp(&y.1))
        });
        pairs.truncate(top.unwrap_or(usize::MAX));
        pairs
    }

    /// Clusters the obvious way: repeated flood fill over every pair sharing
    /// a component with Jaccard ≥ `min_jaccard`, then sorted as SPEC §7 says.
    fn naive_clusters(p: &Portfolio, min_jaccard: f64) -> Vec<Vec<&str>> {
        let pairs: Vec<(String, String)> = naive_pairs(p, 1, None)
            .into_iter()
            .filter(|pair| pair.3 >= min_jaccard)
            .map(|pair| (pair.0, pair.1))
            .collect();
        let mut projects: Vec<&str> = p
            .graph()
            .node_indices()
            .filter(|&n| p.node(n).kind == NodeKind::Project)
            .map(|n| p.id(n))
            .collect();
        projects.sort_unstable();
        let mut seen: Vec<&str> = Vec::new();
        let mut clusters = Vec::new();
        for start in projects {
            if seen.contains(&start) {
                continue;
            }
            let mut group = vec![start];
            let mut grew = true;
            while grew {
                grew = false;
                for (a, b) in &pairs {
                    for (x, y) in [(a, b), (b, a)] {
                        if group.contains(&x.as_str()) && !group.contains(&y.as_str()) {
                            group.push(p.id(p.lookup(y).unwrap()));
                            grew = true;
                        }
                    }
                }
            }
            seen.extend(&group);
            group.sort_unstable();
            if group.len() >= 2 {
                clusters.push(group);
            }
        }
        clusters.sort_by(|x, y| y.len().cmp(&x.len()).then(x[0].cmp(y[0])));
        clusters
    }

    fn random_portfolio() -> impl Strategy<Value = Vec<(usize, Vec<usize>)>> {
        // Up to 24 projects over up to 8 components, each using 0–5 of them
        // (repeats allowed), in one of 3 domains or none.
        prop::collection::vec((0usize..4, prop::collection::vec(0usize..8, 0..6)), 0..24)
    }

    proptest! {
        #[test]
        fn pairs_equal_a_naive_all_pairs_computation(
            spec in random_portfolio(),
            min_shared in 1usize..3,
            top in prop::option::of(0usize..10),
            min_jaccard in prop::sample::select(vec![0.0, 0.25, 1.0 / 3.0, 0.5, 2.0 / 3.0, 1.0]),
        ) {
            let names: Vec<String> = (0..spec.len()).map(|i| format!("P{:02}", (i * 7) % 97)).collect();
            let comps: Vec<Vec<String>> = spec.iter().map(|(_, u)| u.iter().map(|c| format!("c{c}")).collect()).collect();
            let domains = [Some("core"), Some("cyber"), Some("communication"), None];
            let list: Vec<(&str, Option<&str>, Vec<&str>)> = spec
                .iter()
                .enumerate()
                .map(|(i, (d, _))| (names[i].as_str(), domains[*d], comps[i].iter().map(String::as_str).collect()))
                .collect();
            let refs: Vec<(&str, Option<&str>, &[&str])> = list.iter().map(|(a, b, c)| (*a, *b, c.as_slice())).collect();
            let p = projects(None, &refs);
            let common = analyse(&p, &options(min_shared, min_jaccard, top));
            let got: Vec<(String, String, Vec<String>, f64)> = pair_view(&p, &common)
                .into_iter()
                .map(|(a, b, s, j)| (a.to_string(), b.to_string(), s.into_iter().map(str::to_string).collect(), j))
                .collect();
            prop_assert_eq!(got, naive_pairs(&p, min_shared, top));
            prop_assert_eq!(common.pair_count as usize, naive_pairs(&p, min_shared, None).len());
            prop_assert_eq!(cluster_view(&p, &common), naive_clusters(&p, min_jaccard));
        }
    }
}
