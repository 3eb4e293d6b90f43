//! Validates a portfolio file while it is read, into the [`Portfolio`]
//! graph, reporting every problem of SPEC §1 ("Invalid input") and its
//! warnings.
//!
//! The reader ([`super::reader`], driven by the table `PORTFOLIO` of
//! [`super::fields`]) hands each component, capability and project to the
//! [`Validator`] as soon as it is read. The validator checks its fields,
//! moves it into the graph and keeps its links as written, a few bytes each
//! with the ids they name interned; the links are resolved at the end
//! ([`Validator::finish`]), when every id is known. So the records of the
//! file never coexist with the graph, and nothing is copied twice.
//!
//! Problems come in a fixed order whatever the order of the keys in the
//! file: the header's, then repeated ids, then each element's fields
//! (components, capabilities, projects, each in file order), then the links,
//! the warnings and the cycles.
//!
//! The file is read once, whatever the order of its keys. An element needs
//! the header (day 0 of the calendar) and is numbered after the elements of
//! the lists before its own (components, capabilities, projects, the order
//! of SPEC §1): a list met before the header, or before a list of an
//! earlier kind it may have to wait for, is held by the reader as the
//! places where its elements begin in the text (some bytes each, not their
//! records) and read again from there once the validator takes it
//! ([`Validator::ready`]). From the header on, each element is validated as
//! it is read. Only a file that gives `domains`, or an element of an
//! earlier list, after elements already validated is read a second time,
//! holding every list until the end ([`read_portfolio`]).
//!
//! # Complexity
//! O(V + E) for the graph, plus O(V log V) for the id order; a `did you
//! mean` hint costs O(log V) after the first (see [`NearIds`]).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use petgraph::algo::kosaraju_scc;
use petgraph::graph::NodeIndex;
use petgraph::Direction;

use super::calendar::{parse_date, Calendar};
use super::fields::PORTFOLIO;
use super::portfolio::{
    petgraph_of, Edge, IdIndex, IdKey, Link, LinkType, Links, Node, NodeDetails, NodeKind,
    Portfolio, Relation,
};
use super::problem::{did_you_mean, NearIds, Problem, ProblemCode};
use super::reader::{read_file_object, Found, HeldList, Moment};
use super::records::{
    CapabilityRecord, CeilingsRecord, ComponentRecord, DescriptionRecord, HeaderRecord, LinkRecord,
    ProfileRecord, ProjectRecord, RangeRecord, RiskRecord, YearAmounts,
};
use super::values::{
    parse_year, AmountsByYear, Ceilings, CostProfile, DurationRange, FiscalYearStart,
};

/// Reads and validates portfolio JSON text (`file` names it in problems):
/// the validator holding the graph, to be [finished](Validator::finish) once
/// the text may go, and the problems found while reading; a problem alone
/// when the text is not one JSON object.
pub(super) fn read_portfolio(
    text: &str,
    file: &str,
) -> Result<(Validator, Vec<Problem>), Box<Problem>> {
    let mut problems = Vec::new();
    let validator = Validator::new(file, text.len(), false);
    let validator = read_file_object(text, file, PORTFOLIO, validator, &mut problems)?;
    if !validator.out_of_order {
        return Ok((validator, problems));
    }
    // The graph of the first reading goes before the second one's is built.
    drop(validator);
    problems.clear();
    let validator = Validator::new(file, text.len(), true);
    let validator = read_file_object(text, file, PORTFOLIO, validator, &mut problems)?;
    Ok((validator, problems))
}

/// Validates a portfolio as it is read. Its [`finish`](Validator::finish)
/// returns the graph even when there are errors, so it is private to the
/// model: outside it, the only way to a [`Portfolio`] is a
/// [`super::problem::Checked`] that keeps it only when no problem is an error.
pub(super) struct Validator {
    file: String,
    /// Hold the lists until the end of the file, then validate them,
    /// instead of validating each element as it is read.
    hold: bool,
    /// Validating while reading met the file's keys in an order it cannot
    /// follow: the file must be read again, holding its lists.
    out_of_order: bool,
    /// Whether the header (`portfolio`) has been read: elements are
    /// validated from then on, and their lists held before.
    header_read: bool,
    /// Per kind (by [`kind_slot`]), whether its list has been met.
    listed: [bool; 3],
    /// Per kind, its list while it waits to be validated (see [`Validator::ready`]).
    held: [Option<HeldList>; 3],
    /// The number of elements read so far, per kind (by [`kind_slot`]).
    read: [usize; 3],
    /// The latest kind of element validated so far (by [`kind_slot`]).
    latest: Option<usize>,
    /// The problems, by [`Stage`]: the order they are reported in.
    problems: [Vec<Problem>; STAGES],
    stage: Stage,
    name: String,
    currency: Option<String>,
    calendar: Calendar,
    fiscal_year_start: FiscalYearStart,
    ceilings: Ceilings,
    default_range_pct: Option<(f64, f64)>,
    domains: Option<Vec<String>>,
    /// Id → node; an id named before it is defined maps to
    /// [`PENDING`] + its number in `pending` until then.
    index: IdIndex,
    /// By [`NodeIndex`].
    nodes: Vec<Node>,
    /// Each node's kind, by [`NodeIndex`]: resolving a link reads the kind
    /// of the node it names, from a table that stays in the cache rather
    /// than from the node.
    kinds: Vec<NodeKind>,
    /// Where each node is defined: its position in its kind's list.
    positions: Vec<u32>,
    /// Every link of every node, node after node in the order of the graph.
    links: Vec<WrittenLink>,
    /// The node each id named before its definition turned out to be
    /// (`NodeIndex::end()` while not defined).
    pending: Vec<NodeIndex>,
    /// Problems of links seen as they were read (self-dependencies,
    /// unknown link types), by the link's position in `links`; reported in
    /// turn with the links' other problems.
    link_problems: Vec<(usize, Problem)>,
    /// Ids sorted for hints, per set of kinds a reference may name, and
    /// the declared domains likewise: built at the first hint each needs.
    near_ids: Vec<(&'static [NodeKind], NearIds)>,
    near_domains: Option<NearIds>,
    /// Nodes named by a link that is itself wrong (a bad type or lag): the
    /// link is reported, so "nobody uses it" would be a second, false report.
    named_by_broken_links: HashSet<NodeIndex>,
}

/// The groups of problems, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// `portfolio`: its start and fiscal year.
    Header,
    Ceilings,
    Risk,
    /// Ids defined twice.
    Duplicates,
    /// The fields of each element.
    Fields,
    /// Links, warnings and cycles.
    Graph,
}

const STAGES: usize = 6;

/// A node's rarely given fields: its description, a capability's legacy
/// O&M, a project's range.
fn details(
    description: DescriptionRecord,
    legacy_om_per_year: Option<f64>,
    range: Option<DurationRange>,
) -> NodeDetails {
    NodeDetails {
        owner: description.owner,
        notes: description.notes,
        attributes: description.attributes.unwrap_or_default(),
        legacy_om_per_year,
        range,
    }
}

/// A link as the file writes it: the node whose list holds it, the node it
/// names (interned), how it links, and where it is written.
#[derive(Debug, Clone, Copy)]
struct WrittenLink {
    owner: NodeIndex,
    target: Target,
    /// Its position in the owner's list (`3` in `/projects/7/uses/3`).
    position: u32,
    relation: Relation,
    link_type: LinkType,
    /// Within ± [`super::reader::MAX_DAY_COUNT`].
    lag: i32,
    /// Whether it can be an edge: its type is known and it names another node.
    usable: bool,
}

/// What a link names: a node's index, an id not defined when the link was
/// read ([`PENDING`] + its number in `Validator::pending`), or nothing (an
/// empty id, reported by the reader, or the owner itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Target(u32);

/// Marks ids named before their definition, in [`Target`] and in the index
/// while reading. Node indices stay far below: the input limit allows some
/// tens of millions of nodes.
const PENDING: u32 = 1 << 31;

const NOTHING: Target = Target(u32::MAX);

/// The JSON bytes a node takes at least, about, to size the graph from the
/// length of the text: 100 000 generated projects take some 300 bytes each.
/// Capacity beyond what is used costs address space, not memory.
const BYTES_PER_NODE: usize = 256;

/// Likewise for the links: some 64 bytes of JSON per link, all told
/// (reserved a little beyond, so that a generated file needs no copy).
const BYTES_PER_LINK: usize = 48;

impl Validator {
    fn new(file: &str, text_length: usize, hold: bool) -> Validator {
        let nodes = text_length / BYTES_PER_NODE;
        Validator {
            file: file.to_string(),
            hold,
            out_of_order: false,
            header_read: false,
            listed: [false; 3],
            held: Default::default(),
            read: [0; 3],
            latest: None,
            problems: Default::default(),
            stage: Stage::Header,
            name: String::new(),
            currency: None,
            calendar: Calendar::new(NaiveDate::default()),
            fiscal_year_start: FiscalYearStart::default(),
            ceilings: Ceilings::default(),
            default_range_pct: None,
            domains: None,
            // Unlike the lists, the table's unused room is touched (keys
            // land anywhere in it): it grows as needed instead.
            index: IdIndex::with_capacity_and_hasher(nodes / 4, Default::default()),
            nodes: Vec::with_capacity(nodes),
            kinds: Vec::with_capacity(nodes),
            positions: Vec::with_capacity(nodes),
            links: Vec::with_capacity(text_length / BYTES_PER_LINK),
            pending: Vec::new(),
            link_problems: Vec::new(),
            near_ids: Vec::new(),
            near_domains: None,
            named_by_broken_links: HashSet::new(),
        }
    }

    fn problem(
        &self,
        code: ProblemCode,
        path: &str,
        id: &str,
        message: String,
        hint: Option<String>,
    ) -> Problem {
        let problem = Problem::new(code, &self.file, path, message).with_hint(hint);
        if id.is_empty() {
            problem
        } else {
            problem.with_id(id)
        }
    }

    fn report(
        &mut self,
        code: ProblemCode,
        path: &str,
        id: &str,
        message: String,
        hint: Option<String>,
    ) {
        let problem = self.problem(code, path, id, message, hint);
        self.problems[self.stage as usize].push(problem);
    }

    fn invalid_date(&mut self, path: &str, text: &str, id: Option<&str>) {
        self.report(
            ProblemCode::InvalidDate,
            path,
            id.unwrap_or(""),
            format!("\"{text}\" is not a calendar date"),
            Some("write dates as YYYY-MM-DD, e.g. 2026-03-31".to_string()),
        );
    }

    /// A date field as a day offset; reports and returns `None` when invalid.
    fn day(&mut self, text: Option<&str>, path: &dyn Fn() -> String, id: &str) -> Option<i64> {
        let text = text?;
        match parse_date(text) {
            Some(date) => Some(self.calendar.day_of(date)),
            None => {
                self.invalid_date(&path(), text, Some(id));
                None
            }
        }
    }

    /// Whether `domains`, read now, still comes before every element
    /// validated, as validating while reading needs.
    fn before_elements(&mut self) -> bool {
        if !self.hold && self.latest.is_some() {
            self.out_of_order = true;
        }
        !self.out_of_order
    }

    /// Whether the list of `kind` is validated at `moment` (else it waits,
    /// held by the reader as places in the text). Elements need the header
    /// and are numbered kind after kind (components, capabilities,
    /// projects): a list met before the header waits, and so does one met
    /// while a list of its kind or an earlier one waits. A list waiting is
    /// taken once the header is read and every list of an earlier kind has
    /// been met and validated: it costs nothing to wait longer (a
    /// portfolio whose projects come first may give its components later),
    /// and at the end of the file every list is taken, in kind order.
    pub(super) fn ready(&mut self, kind: NodeKind, moment: Moment) -> bool {
        let slot = kind_slot(kind);
        let earlier_done = |v: &Validator| (0..slot).all(|k| v.listed[k] && v.held[k].is_none());
        match moment {
            Moment::Arrival => {
                self.listed[slot] = true;
                !self.hold && self.header_read && self.held[..=slot].iter().all(Option::is_none)
            }
            Moment::Later => !self.hold && self.header_read && earlier_done(self),
            Moment::End => true,
        }
    }

    /// Where the list of `kind` waits.
    pub(super) fn held(&mut self, kind: NodeKind) -> &mut Option<HeldList> {
        &mut self.held[kind_slot(kind)]
    }

    /// The position of the next element of `kind` in its list, and whether
    /// to validate it (else the file must be read again: an element of an
    /// earlier kind came after later ones were validated).
    fn next(&mut self, kind: NodeKind) -> (usize, bool) {
        let slot = kind_slot(kind);
        let position = self.read[slot];
        self.read[slot] += 1;
        if self.latest.is_some_and(|latest| latest > slot) {
            self.out_of_order = true;
        }
        if self.out_of_order {
            return (position, false);
        }
        self.latest = Some(self.latest.map_or(slot, |latest| latest.max(slot)));
        (position, true)
    }

    /// `portfolio`: the name, day 0, currency and fiscal year (the lists
    /// read before it are validated next, see [`Validator::ready`]).
    pub(super) fn header(&mut self, header: HeaderRecord) {
        // Elements are validated only from here on: none can have been.
        self.header_read = true;
        self.stage = Stage::Header;
        if !header.start.is_empty() {
            match parse_date(&header.start) {
                Some(start) => self.calendar = Calendar::new(start),
                None => self.invalid_date("/portfolio/start", &header.start, None),
            }
        }
        self.fiscal_year_start = self.fiscal_year_start(header.fiscal_year_start.as_deref());
        self.name = header.name;
        self.currency = header.currency;
    }

    /// `domains`: the declared domains.
    pub(super) fn domains(&mut self, domains: Vec<String>) {
        if self.before_elements() {
            self.domains = Some(domains);
        }
    }

    pub(super) fn ceilings(&mut self, ceilings: CeilingsRecord) {
        self.stage = Stage::Ceilings;
        self.ceilings = Ceilings {
            investment: self
                .year_amounts(
                    ceilings.investment.as_ref(),
                    &|| "/ceilings/investment".to_string(),
                    "",
                )
                .into_iter()
                .collect(),
            om: (self.year_amounts(ceilings.om.as_ref(), &|| "/ceilings/om".to_string(), ""))
                .into_iter()
                .collect(),
        };
    }

    pub(super) fn risk(&mut self, risk: RiskRecord) {
        self.stage = Stage::Risk;
        self.default_range_pct = self.default_range_pct(risk.default_range_pct.as_deref());
    }

    pub(super) fn component(&mut self, component: ComponentRecord, _: &[Found]) {
        if let (i, true) = self.next(NodeKind::Component) {
            self.validate_component(i, component);
        }
    }

    pub(super) fn capability(&mut self, capability: CapabilityRecord, _: &[Found]) {
        if let (i, true) = self.next(NodeKind::Capability) {
            self.validate_capability(i, capability);
        }
    }

    /// A project, with the problems the reader found in it.
    pub(super) fn project(&mut self, project: ProjectRecord, found: &[Found]) {
        let (i, validate) = self.next(NodeKind::Project);
        if !validate {
            return;
        }
        // A duration that could not be read was reported: the project gets
        // no no-duration warning.
        let unreadable_duration = !found.is_empty() && {
            let path = format!("/projects/{i}/duration_days");
            found.iter().any(|f| f.path() == path)
        };
        self.validate_project(i, project, unreadable_duration);
    }

    /// The node a definition of `id` at position `i` of the list of `kind`
    /// creates: the next one, unless the id is empty (reported by the
    /// reader) or already defined (a later duplicate is the reported
    /// problem, SPEC §7; components count before capabilities, before
    /// projects).
    fn register(&mut self, kind: NodeKind, i: usize, id: &str) -> Option<NodeIndex> {
        if id.is_empty() {
            return None;
        }
        let next = NodeIndex::new(self.nodes.len());
        match self.index.get(id).copied() {
            Some(existing) if existing.index() as u32 & PENDING == 0 => {
                let first = self.kinds[existing.index()];
                self.stage = Stage::Duplicates;
                self.report(
                    ProblemCode::DuplicateId,
                    &format!("/{}/{i}/id", list_name(kind)),
                    id,
                    format!("id \"{id}\" is already used by a {first}; ids must be unique across projects, components and capabilities"),
                    Some("rename one of them".to_string()),
                );
                return None;
            }
            Some(pending) => {
                self.pending[(pending.index() as u32 & !PENDING) as usize] = next;
                self.index.insert(IdKey::new(id), next);
            }
            None => {
                self.index.insert(IdKey::new(id), next);
            }
        }
        Some(next)
    }

    /// Adds the node that `register` gave `index`, defined at position `i`.
    fn add_node(&mut self, index: NodeIndex, i: usize, node: Node) {
        debug_assert_eq!(self.nodes.len(), index.index());
        self.kinds.push(node.kind);
        self.nodes.push(node);
        self.positions.push(i as u32);
    }

    /// What a reference to `id` names, interned.
    fn intern(&mut self, id: &str) -> Target {
        if id.is_empty() {
            return NOTHING;
        }
        if let Some(index) = self.index.get(id) {
            return Target(index.index() as u32);
        }
        let code = PENDING | self.pending.len() as u32;
        self.pending.push(NodeIndex::end());
        self.index
            .insert(IdKey::new(id), NodeIndex::new(code as usize));
        Target(code)
    }

    /// The node a link names, if any.
    fn target_node(&self, target: Target) -> Option<NodeIndex> {
        match target.0 {
            u32::MAX => None,
            code if code & PENDING != 0 => {
                Some(self.pending[(code & !PENDING) as usize]).filter(|n| *n != NodeIndex::end())
            }
            index => Some(NodeIndex::new(index as usize)),
        }
    }

    fn check_domain(&mut self, domain: &Option<String>, path: &dyn Fn() -> String, id: &str) {
        let (Some(domain), Some(domains)) = (domain, &self.domains) else {
            return;
        };
        if !domains.contains(domain) {
            let near = self
                .near_domains
                .get_or_insert_with(|| NearIds::new(domains.iter().map(String::as_str)));
            let hint = near
                .suggest(domain)
                .or_else(|| Some(format!("declared domains: {}", domains.join(", "))));
            self.report(
                ProblemCode::UnknownDomain,
                &format!("{}/domain", path()),
                id,
                format!("domain \"{domain}\" is not one of the portfolio's \"domains\""),
                hint,
            );
        }
    }

    /// One component: its fields, its node and its `provided_by`.
    fn validate_component(&mut self, i: usize, c: ComponentRecord) {
        let defined = self.register(NodeKind::Component, i, &c.id);
        self.stage = Stage::Fields;
        let path = || format!("/components/{i}");
        self.check_domain(&c.domain, &path, &c.id);
        let available = self.day(
            c.available.as_deref(),
            &|| format!("{}/available", path()),
            &c.id,
        );
        let Some(index) = defined else {
            return;
        };
        if let Some(provider) = &c.provided_by {
            let target = self.intern(provider);
            self.write_link(index, target, 0, Relation::Provides, None);
        }
        let node = Node {
            start: available,
            infrastructure: c.infrastructure.unwrap_or(false),
            ..Node::new(c.id, c.name, NodeKind::Component, c.domain)
        }
        .with_details(details(c.description, None, None));
        self.add_node(index, i, node);
    }

    /// One capability: its fields and its node.
    fn validate_capability(&mut self, i: usize, c: CapabilityRecord) {
        let defined = self.register(NodeKind::Capability, i, &c.id);
        self.stage = Stage::Fields;
        let path = || format!("/capabilities/{i}");
        self.check_domain(&c.domain, &path, &c.id);
        let target = self.day(c.target.as_deref(), &|| format!("{}/target", path()), &c.id);
        self.check_amount(
            c.legacy_om_per_year,
            "legacy_om_per_year",
            &|| format!("{}/legacy_om_per_year", path()),
            &c.id,
        );
        let Some(index) = defined else {
            return;
        };
        let node = Node {
            target,
            ..Node::new(c.id, c.name, NodeKind::Capability, c.domain)
        }
        .with_details(details(c.description, c.legacy_om_per_year, None));
        self.add_node(index, i, node);
    }

    /// One project: dates, durations, costs and domain, its node and its links.
    fn validate_project(&mut self, i: usize, p: ProjectRecord, unreadable_duration: bool) {
        let defined = self.register(NodeKind::Project, i, &p.id);
        self.stage = Stage::Fields;
        // Paths are formatted only when a problem is reported.
        let element = || format!("/projects/{i}");
        self.check_domain(&p.domain, &element, &p.id);
        let start = self.day(
            p.start.as_deref(),
            &|| format!("{}/start", element()),
            &p.id,
        );
        let finish = self.day(
            p.finish.as_deref(),
            &|| format!("{}/finish", element()),
            &p.id,
        );
        if let (Some(s), Some(f)) = (start, finish) {
            if f < s {
                self.report(
                    ProblemCode::FinishBeforeStart,
                    &format!("{}/finish", element()),
                    &p.id,
                    format!(
                        "finish {} is before start {}",
                        p.finish.as_deref().unwrap_or_default(),
                        p.start.as_deref().unwrap_or_default()
                    ),
                    Some("swap the dates or correct one of them".to_string()),
                );
            }
        }
        if let Some(d) = p.duration_days.filter(|d| *d < 0) {
            self.report(
                ProblemCode::NegativeDuration,
                &format!("{}/duration_days", element()),
                &p.id,
                format!("duration_days is {d}; a duration cannot be negative"),
                Some("use 0 for a milestone".to_string()),
            );
        }
        let duration = match (p.duration_days, start, finish) {
            (Some(d), _, _) => Some(d.max(0)),
            (None, Some(s), Some(f)) => Some((f - s).max(0)),
            _ => None,
        };
        if duration.is_none() && defined.is_some() && !unreadable_duration {
            self.report(
                ProblemCode::NoDuration,
                &element(),
                &p.id,
                format!(
                    "project \"{}\" has no duration information; it counts as 0 days",
                    p.id
                ),
                Some("give \"duration_days\", or both \"start\" and \"finish\"".to_string()),
            );
        }
        let cost = p.cost.as_ref();
        for (field, amount) in [
            ("investment", cost.and_then(|c| c.investment)),
            ("om_per_year", cost.and_then(|c| c.om_per_year)),
        ] {
            self.check_amount(
                amount,
                field,
                &|| format!("{}/cost/{field}", element()),
                &p.id,
            );
        }
        let profile = cost.and_then(|c| c.profile.as_ref()).and_then(|profile| {
            self.profile(profile, &|| format!("{}/cost/profile", element()), &p.id)
        });
        let authorised: AmountsByYear = self
            .year_amounts(
                cost.and_then(|c| c.authorised.as_ref()),
                &|| format!("{}/cost/authorised", element()),
                &p.id,
            )
            .into_iter()
            .collect();
        let range = p.range.as_ref().and_then(|range| {
            self.range(
                range,
                p.duration_days.or(duration),
                &|| format!("{}/range", element()),
                &p.id,
            )
        });
        let Some(index) = defined else {
            return;
        };
        let lists = [
            (&p.depends_on, Relation::DependsOn, "depends on"),
            (&p.uses, Relation::Uses, "uses"),
        ];
        for (links, relation, verb) in lists {
            for (j, link) in links.iter().enumerate() {
                self.write_project_link(index, i, &p.id, (j, link), relation, verb);
            }
        }
        for (j, capability) in p.delivers.iter().enumerate() {
            let target = self.intern(capability);
            self.write_link(index, target, j, Relation::Delivers, None);
        }
        let node = Node {
            duration: duration.unwrap_or(0),
            start,
            investment: cost.and_then(|c| c.investment),
            om_per_year: cost.and_then(|c| c.om_per_year),
            profile: profile.unwrap_or_default(),
            authorised,
            ..Node::new(p.id, p.name, NodeKind::Project, p.domain)
        }
        .with_details(details(p.description, None, range));
        self.add_node(index, i, node);
    }

    /// One `depends_on` or `uses` entry (the `j`th) of the project `owner`
    /// (`id`, at position `i`); a self-dependency or an unknown link type is
    /// noted with the link, to be reported in turn.
    fn write_project_link(
        &mut self,
        owner: NodeIndex,
        i: usize,
        id: &str,
        (j, link): (usize, &LinkRecord),
        relation: Relation,
        verb: &str,
    ) {
        let path = || format!("/projects/{i}/{}/{j}", relation.as_str());
        if link.id() == id {
            let problem = self.problem(
                ProblemCode::SelfDependency,
                &path(),
                id,
                format!("project \"{id}\" {verb} itself"),
                Some("remove this entry".to_string()),
            );
            self.link_problems.push((self.links.len(), problem));
            self.write_link(owner, NOTHING, j, relation, None);
            return;
        }
        let target = self.intern(link.id());
        let (link_type, lag) = match link {
            LinkRecord::Id(_) => (None, None),
            LinkRecord::Full {
                link_type,
                lag_days,
                ..
            } => (link_type.as_deref(), *lag_days),
        };
        let link_type = match link_type.map(|text| (text, LinkType::parse(text))) {
            None => Some(LinkType::FS),
            Some((_, Some(t))) => Some(t),
            Some((text, None)) => {
                let hint = match LinkType::parse(&text.to_ascii_uppercase()) {
                    Some(t) => format!("link types are upper case: \"{}\"", t.as_str()),
                    None => "use one of FS, SS, FF, SF".to_string(),
                };
                let problem = self.problem(
                    ProblemCode::UnknownLinkType,
                    &format!("{}/type", path()),
                    id,
                    format!("unknown link type \"{text}\""),
                    Some(hint),
                );
                self.link_problems.push((self.links.len(), problem));
                None
            }
        };
        let lag = lag.unwrap_or(0);
        self.write_link(owner, target, j, relation, link_type.map(|t| (t, lag)));
    }

    /// Keeps a link of `owner` for the end; `how` is its type and lag, `None`
    /// for a link that cannot be an edge (a plain link for the lists
    /// without types).
    fn write_link(
        &mut self,
        owner: NodeIndex,
        target: Target,
        position: usize,
        relation: Relation,
        how: Option<(LinkType, i64)>,
    ) {
        let typed = matches!(relation, Relation::DependsOn | Relation::Uses);
        let (link_type, lag) = how.unwrap_or((LinkType::FS, 0));
        self.links.push(WrittenLink {
            owner,
            target,
            position: position as u32,
            relation,
            link_type,
            lag: lag as i32,
            usable: target != NOTHING && (!typed || how.is_some()),
        });
    }

    /// An amount of money: ≥ 0 (SPEC §7).
    fn check_amount(
        &mut self,
        amount: Option<f64>,
        field: &str,
        path: &dyn Fn() -> String,
        id: &str,
    ) {
        if let Some(amount) = amount.filter(|a| *a < 0.0) {
            self.report(
                ProblemCode::NegativeCost,
                &path(),
                id,
                format!("{field} is {amount}; amounts of money cannot be negative"),
                None,
            );
        }
    }

    /// `{ "2026": n, … }` as (year, amount) in the file's order; bad keys and negative amounts are reported
    /// and left out.
    fn year_amounts(
        &mut self,
        amounts: Option<&YearAmounts>,
        path: &dyn Fn() -> String,
        id: &str,
    ) -> Vec<(i32, f64)> {
        let mut by_year = Vec::new();
        for (key, amount) in amounts.into_iter().flatten() {
            let entry = || format!("{}/{}", path(), super::problem::pointer_token(key));
            let Some(year) = parse_year(key) else {
                self.report(
                    ProblemCode::InvalidYear,
                    &entry(),
                    id,
                    format!("\"{key}\" is not a fiscal year"),
                    Some("name fiscal years by four digits, e.g. \"2026\"".to_string()),
                );
                continue;
            };
            if *amount < 0.0 {
                self.check_amount(Some(*amount), key, &entry, id);
                continue;
            }
            by_year.push((year, *amount));
        }
        by_year
    }

    /// `cost.profile`: a known name, or 20 weights ≥ 0 with a positive sum.
    fn profile(
        &mut self,
        profile: &ProfileRecord,
        path: &dyn Fn() -> String,
        id: &str,
    ) -> Option<CostProfile> {
        let problem = match profile {
            ProfileRecord::Name(name) => match CostProfile::named(name) {
                Some(profile) => return Some(profile),
                None => format!("unknown cost profile \"{name}\""),
            },
            ProfileRecord::Weights(weights) => match CostProfile::from_weights(weights) {
                Ok(profile) => return Some(profile),
                Err(why) => format!("the cost profile {why}"),
            },
        };
        let hint = match profile {
            ProfileRecord::Name(name) => did_you_mean(name, CostProfile::NAMES),
            ProfileRecord::Weights(_) => None,
        }
        .or_else(|| {
            Some(
                "use \"linear\", \"front\", \"back\", \"bell\", or 20 weights ≥ 0 with a positive sum"
                    .to_string(),
            )
        });
        self.report(ProblemCode::InvalidProfile, &path(), id, problem, hint);
        None
    }

    /// `range`: both bounds given (else reported by the reader), min ≥ 0 and
    /// min ≤ duration ≤ max.
    fn range(
        &mut self,
        range: &RangeRecord,
        duration: Option<i64>,
        path: &dyn Fn() -> String,
        id: &str,
    ) -> Option<DurationRange> {
        let (Some(min), Some(max)) = (range.min, range.max) else {
            return None;
        };
        let problem = if min < 0 {
            Some(format!("range min is {min}; a duration cannot be negative"))
        } else if min > max {
            Some(format!("range min {min} is above max {max}"))
        } else {
            duration
                .filter(|d| !(min..=max).contains(d))
                .map(|d| format!("duration_days {d} is outside its range {min}..{max}"))
        };
        match problem {
            Some(problem) => {
                self.report(
                    ProblemCode::InvalidRange,
                    &path(),
                    id,
                    problem,
                    Some("a range needs 0 ≤ min ≤ duration_days ≤ max".to_string()),
                );
                None
            }
            None => Some(DurationRange { min, max }),
        }
    }

    /// `portfolio.fiscal_year_start`, 1 January when absent or invalid (reported).
    fn fiscal_year_start(&mut self, text: Option<&str>) -> FiscalYearStart {
        let Some(text) = text else {
            return FiscalYearStart::default();
        };
        FiscalYearStart::parse(text).unwrap_or_else(|why| {
            self.report(
                ProblemCode::InvalidFiscalYearStart,
                "/portfolio/fiscal_year_start",
                "",
                format!("fiscal_year_start {why}"),
                Some(
                    "write the first day of the fiscal year as \"MM-DD\", e.g. \"04-01\""
                        .to_string(),
                ),
            );
            FiscalYearStart::default()
        })
    }

    /// `risk.default_range_pct` `[lo, hi]` with -100 ≤ lo ≤ 0 ≤ hi.
    fn default_range_pct(&mut self, pair: Option<&[f64]>) -> Option<(f64, f64)> {
        let &[lo, hi] = pair? else {
            return None;
        };
        if (-100.0..=0.0).contains(&lo) && hi >= 0.0 {
            return Some((lo, hi));
        }
        self.report(
            ProblemCode::InvalidRange,
            "/risk/default_range_pct",
            "",
            format!("default_range_pct is [{lo}, {hi}]; it needs lo ≤ 0 ≤ hi"),
            Some(
                "e.g. [-10, 30]: 10 % shorter to 30 % longer; lo cannot be below -100".to_string(),
            ),
        );
        None
    }

    /// The `did you mean` hint for `id` among the nodes of `kinds`.
    fn suggest(&mut self, id: &str, kinds: &'static [NodeKind]) -> Option<String> {
        let at = match self.near_ids.iter().position(|(k, _)| *k == kinds) {
            Some(at) => at,
            None => {
                let ids = self
                    .nodes
                    .iter()
                    .filter(|n| kinds.contains(&n.kind))
                    .map(|n| n.id.as_str());
                self.near_ids.push((kinds, NearIds::new(ids)));
                self.near_ids.len() - 1
            }
        };
        self.near_ids[at].1.suggest(id)
    }

    /// The portfolio (even when there are errors) and the problems of
    /// validation, in order, once every element is read.
    pub(super) fn finish(mut self) -> (Portfolio, Vec<Problem>) {
        self.stage = Stage::Graph;
        let edges = self.add_links();
        self.check_usage(&edges);
        let outgoing = Links::new(self.nodes.len(), &edges, Direction::Outgoing);
        let topological_order = self.check_cycles(&edges, &outgoing);
        self.links = Vec::new();
        let Validator {
            nodes,
            index,
            calendar,
            domains,
            name,
            currency,
            fiscal_year_start,
            ceilings,
            default_range_pct,
            problems,
            ..
        } = self;
        let portfolio = Portfolio {
            name,
            calendar,
            currency: currency.unwrap_or_else(|| "EUR".to_string()),
            domains,
            fiscal_year_start,
            ceilings,
            default_range_pct,
            nodes,
            edges,
            index,
            topological_order,
            outgoing,
            incoming: Default::default(),
            id_order: Default::default(),
            near_ids: Default::default(),
            graph: Default::default(),
        };
        (portfolio, problems.into_iter().flatten().collect())
    }

    /// Every link of the file as an edge, predecessor → successor, in the
    /// order written (components' `provided_by`, then each project's
    /// `depends_on`, `uses` and `delivers`); reports the links' problems.
    fn add_links(&mut self) -> Vec<Edge> {
        let links = std::mem::take(&mut self.links);
        let mut noted = std::mem::take(&mut self.link_problems)
            .into_iter()
            .peekable();
        let unknown = self.unknown_ids();
        let mut edges = Vec::with_capacity(links.len());
        for (n, link) in links.iter().enumerate() {
            let named = self.resolve(link, &unknown);
            while noted.peek().is_some_and(|(at, _)| *at == n) {
                let (_, problem) = noted.next().expect("peeked");
                self.problems[Stage::Graph as usize].push(problem);
            }
            let Some(named) = named else {
                continue;
            };
            if !link.usable {
                self.named_by_broken_links.insert(named);
                continue;
            }
            let (from, to) = match link.relation {
                Relation::Delivers => (link.owner, named),
                _ => (named, link.owner),
            };
            let link = Link {
                relation: link.relation,
                link_type: link.link_type,
                lag: link.lag,
            };
            edges.push(Edge { from, to, link });
        }
        self.links = links;
        if self.pending.contains(&NodeIndex::end()) {
            self.index
                .retain(|_, index| index.index() as u32 & PENDING == 0);
        }
        edges
    }

    /// The ids named but never defined, by their number in `pending`
    /// (empty when there are none).
    fn unknown_ids(&self) -> Vec<String> {
        if !self.pending.contains(&NodeIndex::end()) {
            return Vec::new();
        }
        let mut ids = vec![String::new(); self.pending.len()];
        for (id, index) in &self.index {
            let code = index.index() as u32;
            if code & PENDING != 0 {
                ids[(code & !PENDING) as usize] = id.as_str().to_string();
            }
        }
        ids
    }

    /// `/projects/7/uses/3`: where a link is written.
    fn written_at(&self, link: &WrittenLink) -> String {
        let i = self.positions[link.owner.index()];
        match link.relation {
            Relation::Provides => format!("/components/{i}/provided_by"),
            relation => format!("/projects/{i}/{}/{}", relation.as_str(), link.position),
        }
    }

    /// The node a link names; reports unknown ids and ids of the wrong kind.
    fn resolve(&mut self, link: &WrittenLink, unknown: &[String]) -> Option<NodeIndex> {
        if link.target == NOTHING {
            return None;
        }
        let (allowed, field): (&'static [NodeKind], &str) = match link.relation {
            Relation::Provides => (&[NodeKind::Project], "is provided_by"),
            Relation::DependsOn => (ALL_KINDS, "depends on"),
            Relation::Uses => (&[NodeKind::Component], "uses"),
            Relation::Delivers => (&[NodeKind::Capability], "delivers"),
        };
        let owner = |v: &Validator| v.nodes[link.owner.index()].id.clone();
        let Some(index) = self.target_node(link.target) else {
            let id = &unknown[(link.target.0 & !PENDING) as usize];
            let owner = owner(self);
            let message = format!(
                "\"{owner}\" {field} \"{id}\", which is not a project, component or capability"
            );
            let hint = self.suggest(id, ALL_KINDS);
            self.report(
                ProblemCode::UnknownReference,
                &self.written_at(link),
                id,
                message,
                hint,
            );
            return None;
        };
        let kind = self.kinds[index.index()];
        if !allowed.contains(&kind) {
            let (owner, id) = (owner(self), &self.nodes[index.index()].id);
            let wanted: Vec<&str> = allowed.iter().map(|k| k.as_str()).collect();
            let message = format!(
                "\"{owner}\" {field} \"{id}\", which is a {kind}; {field} must name a {}",
                wanted.join(" or ")
            );
            let id = id.clone();
            let hint = self.suggest(&id, allowed);
            self.report(
                ProblemCode::WrongKindReference,
                &self.written_at(link),
                &id,
                message,
                hint,
            );
            return None;
        }
        Some(index)
    }

    /// Warnings: components nobody uses, capabilities nobody delivers.
    fn check_usage(&mut self, edges: &[Edge]) {
        // A `uses` link runs from a component, a `delivers` link to a
        // capability (`resolve` keeps no other).
        let mut linked = vec![false; self.nodes.len()];
        for edge in edges {
            match edge.link.relation {
                Relation::Uses => linked[edge.from.index()] = true,
                Relation::Delivers => linked[edge.to.index()] = true,
                Relation::DependsOn | Relation::Provides => {}
            }
        }
        let mut warnings = Vec::new();
        for (index, node) in self.nodes.iter().enumerate() {
            let (code, what) = match node.kind {
                NodeKind::Component => (ProblemCode::UnusedComponent, "no project uses component"),
                NodeKind::Capability => (
                    ProblemCode::UndeliveredCapability,
                    "no project delivers capability",
                ),
                NodeKind::Project => continue,
            };
            let index = NodeIndex::new(index);
            if !linked[index.index()] && !self.named_by_broken_links.contains(&index) {
                warnings.push((code, node.id.clone(), format!("{what} \"{}\"", node.id)));
            }
        }
        for (code, id, message) in warnings {
            let path = self.definition_path(&id);
            self.report(code, &path, &id, message, None);
        }
    }

    /// `/components/3` etc.: where the node is defined.
    fn definition_path(&self, id: &str) -> String {
        match self.index.get(id) {
            Some(index) => {
                let kind = self.kinds[index.index()];
                format!("/{}/{}", list_name(kind), self.positions[index.index()])
            }
            None => String::new(),
        }
    }

    /// Reports every cycle once (one per strongly connected component) and
    /// returns a topological order (empty when there are cycles).
    fn check_cycles(&mut self, edges: &[Edge], outgoing: &Links) -> Vec<NodeIndex> {
        if let Some(order) = acyclic_order(self.nodes.len(), edges, outgoing) {
            return order;
        }
        let mut cycles = Vec::new();
        // Kosaraju's algorithm as petgraph writes it is iterative; its
        // Tarjan is recursive, and a long path into a cycle overflowed the
        // stack.
        for component in kosaraju_scc(&petgraph_of(self.nodes.len(), edges)) {
            if component.len() < 2 {
                continue;
            }
            cycles.push(self.cycle_through_smallest(&component, outgoing));
        }
        cycles.sort_by(|a, b| {
            self.nodes[a[0].index()]
                .id
                .cmp(&self.nodes[b[0].index()].id)
        });
        for cycle in cycles {
            let ids: Vec<&str> = cycle
                .iter()
                .map(|i| self.nodes[i.index()].id.as_str())
                .collect();
            let text = format!("{} -> {}", ids.join(" -> "), ids[0]);
            let last = *cycle.last().expect("a cycle has nodes");
            let path = self.link_path(last, cycle[0]);
            let first = ids[0].to_string();
            self.report(
                ProblemCode::Cycle,
                &path,
                &first,
                format!("dependency cycle: {text}"),
                Some("remove or reverse one of these links".to_string()),
            );
        }
        Vec::new()
    }

    /// The links written in the definition of `owner`.
    ///
    /// # Complexity
    /// O(log E): the links are kept node after node.
    fn links_of(&self, owner: NodeIndex) -> &[WrittenLink] {
        let start = self.links.partition_point(|l| l.owner < owner);
        let end = self.links.partition_point(|l| l.owner <= owner);
        &self.links[start..end]
    }

    /// The JSON pointer of the link `from` → `to` as written in the file,
    /// found from where `to` (or, for a capability, `from`) is defined.
    ///
    /// # Complexity
    /// O(links of that definition): many cycles cost no scan of the file each.
    fn link_path(&self, from: NodeIndex, to: NodeIndex) -> String {
        let (holder, relations): (NodeIndex, &[Relation]) = match self.kinds[to.index()] {
            NodeKind::Project => (to, &[Relation::DependsOn, Relation::Uses]),
            NodeKind::Component => (to, &[Relation::Provides]),
            NodeKind::Capability => (from, &[Relation::Delivers]),
        };
        let other = if holder == to { from } else { to };
        self.links_of(holder)
            .iter()
            .find(|l| relations.contains(&l.relation) && self.target_node(l.target) == Some(other))
            .map_or_else(String::new, |l| self.written_at(l))
    }

    /// A shortest cycle through the component's smallest id, in edge
    /// direction, found by breadth-first search visiting successors in id order.
    fn cycle_through_smallest(&self, component: &[NodeIndex], outgoing: &Links) -> Vec<NodeIndex> {
        let inside: std::collections::HashSet<NodeIndex> = component.iter().copied().collect();
        let start = *component
            .iter()
            .min_by(|a, b| self.nodes[a.index()].id.cmp(&self.nodes[b.index()].id))
            .expect("non-empty component");
        let mut parent: HashMap<NodeIndex, NodeIndex> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            let mut successors: Vec<NodeIndex> = outgoing
                .of(node)
                .iter()
                .map(|l| l.node)
                .filter(|s| inside.contains(s))
                .collect();
            successors.sort_by(|a, b| self.nodes[a.index()].id.cmp(&self.nodes[b.index()].id));
            successors.dedup();
            for next in successors {
                if next == start {
                    let mut cycle = vec![node];
                    let mut at = node;
                    while at != start {
                        at = parent[&at];
                        cycle.push(at);
                    }
                    cycle.reverse();
                    return cycle;
                }
                if next != start && !parent.contains_key(&next) {
                    parent.insert(next, node);
                    queue.push_back(next);
                }
            }
        }
        vec![start]
    }
}

/// The order `petgraph::algo::toposort` gives (the same depth-first pass,
/// visiting successors in the same order, so the very same order), or
/// `None` when the graph has a cycle.
///
/// Faster than petgraph's on large portfolios: petgraph follows its pass
/// with a second depth-first search, over the reversed graph, that only
/// looks for cycles; here the graph is acyclic exactly when every edge points
/// forward in the order, a sequential scan of the edges. And the successors
/// are read from the packed [`Links`] (latest edge first, as petgraph's
/// `neighbors` yields them) instead of chasing petgraph's linked edge lists
/// across memory.
///
/// # Complexity
/// O(V + E).
fn acyclic_order(count: usize, edges: &[Edge], outgoing: &Links) -> Option<Vec<NodeIndex>> {
    let mut discovered = vec![false; count];
    let mut finished = vec![false; count];
    let mut order = Vec::with_capacity(count);
    let mut stack = Vec::new();
    for root in (0..count).map(NodeIndex::new) {
        if discovered[root.index()] {
            continue;
        }
        stack.push(root);
        while let Some(&node) = stack.last() {
            let n = node.index();
            if !discovered[n] {
                // First visit: push the successors, keep the node.
                discovered[n] = true;
                for successor in outgoing.of(node).iter().map(|l| l.node) {
                    if successor == node {
                        return None;
                    }
                    if !discovered[successor.index()] {
                        stack.push(successor);
                    }
                }
            } else {
                stack.pop();
                if !std::mem::replace(&mut finished[n], true) {
                    order.push(node);
                }
            }
        }
    }
    order.reverse();
    let mut position = vec![0usize; count];
    for (rank, node) in order.iter().enumerate() {
        position[node.index()] = rank;
    }
    edges
        .iter()
        .all(|edge| position[edge.from.index()] < position[edge.to.index()])
        .then_some(order)
}

/// Every kind: what a `depends_on` entry may name.
const ALL_KINDS: &[NodeKind] = &[NodeKind::Project, NodeKind::Component, NodeKind::Capability];

/// The slot of a kind's list in `Validator::defined`.
fn kind_slot(kind: NodeKind) -> usize {
    match kind {
        NodeKind::Component => 0,
        NodeKind::Capability => 1,
        NodeKind::Project => 2,
    }
}

/// The list of the file that defines nodes of `kind`.
fn list_name(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Component => "components",
        NodeKind::Capability => "capabilities",
        NodeKind::Project => "projects",
    }
}

#[cfg(test)]
mod order_tests {
    use petgraph::algo::toposort;
    use proptest::prelude::*;

    use super::*;

    /// `nodes` nodes and these links, in this order.
    fn graph(nodes: usize, edges: &[(usize, usize)]) -> (usize, Vec<Edge>) {
        let edges = edges
            .iter()
            .map(|&(a, b)| Edge {
                from: NodeIndex::new(a % nodes),
                to: NodeIndex::new(b % nodes),
                link: Link::plain(Relation::DependsOn),
            })
            .collect();
        (nodes, edges)
    }

    fn order((count, edges): &(usize, Vec<Edge>)) -> Option<Vec<NodeIndex>> {
        acyclic_order(
            *count,
            edges,
            &Links::new(*count, edges, Direction::Outgoing),
        )
    }

    /// What petgraph's own topological sort gives for the same graph.
    fn petgraphs((count, edges): &(usize, Vec<Edge>)) -> Option<Vec<NodeIndex>> {
        toposort(&petgraph_of(*count, edges), None).ok()
    }

    #[test]
    fn order_of_a_small_dag_is_petgraphs() {
        // 0 → 1 → 3, 0 → 2 → 3, 4 alone; petgraph visits successors latest edge first.
        let g = graph(5, &[(0, 1), (0, 2), (1, 3), (2, 3)]);
        assert!(petgraphs(&g).is_some());
        assert_eq!(order(&g), petgraphs(&g));
        assert_eq!(order(&graph(2, &[(0, 1), (1, 0)])), None);
        assert_eq!(order(&graph(2, &[(1, 1)])), None);
    }

    proptest! {
        /// Same order as petgraph's toposort when acyclic, `None` exactly when
        /// petgraph finds a cycle, on random graphs of both kinds.
        #[test]
        fn order_is_petgraphs(
            nodes in 1usize..40,
            edges in proptest::collection::vec((0usize..40, 0usize..40), 0..80),
            forward_only in any::<bool>(),
        ) {
            let edges: Vec<(usize, usize)> = edges
                .into_iter()
                .map(|(a, b)| (a % nodes, b % nodes))
                .filter(|(a, b)| !forward_only || a < b)
                .collect();
            let g = graph(nodes, &edges);
            prop_assert_eq!(order(&g), petgraphs(&g));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{
        expect_findings, findings, portfolio_problems, portfolio_text, valid_portfolio,
    };

    /// The graph validation builds even when there are errors, with the problems.
    fn validate(members: &str) -> (Portfolio, Vec<Problem>) {
        let (validator, mut problems) = read_portfolio(&portfolio_text(members), "t.json").unwrap();
        let (portfolio, found) = validator.finish();
        problems.extend(found);
        (portfolio, problems)
    }

    /// Asserts that `members` have exactly this one problem.
    #[track_caller]
    fn only(members: &str, expected: (&str, &str, &str)) {
        expect_findings(&portfolio_problems(members), &[expected]);
    }

    fn hint_of(members: &str) -> Option<String> {
        let problems = portfolio_problems(members);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        problems[0].hint.clone()
    }

    /// The problems of a portfolio file given whole, and whether it was
    /// read once (no element of it met out of order).
    fn read_whole(text: &str) -> (Vec<Problem>, bool) {
        let mut problems = Vec::new();
        let validator = Validator::new("t.json", text.len(), false);
        let validator = read_file_object(text, "t.json", PORTFOLIO, validator, &mut problems)
            .expect("an object");
        let once = !validator.out_of_order;
        let (_, found) = validator.finish();
        problems.extend(found);
        (problems, once)
    }

    #[test]
    fn lists_before_the_header_wait_as_places_in_the_text_and_change_no_problem() {
        // Every kind of element a waiting list can hold: objects (found
        // again in the text), one that is no object, an empty one and one
        // whose first key has an escape (held as read), with problems of
        // reading (an unknown field, a wrong type) and of validation (a
        // negative duration, an invalid date, an unknown domain, an unknown
        // reference, a duplicate id), and a capability given after the
        // projects it is delivered by.
        let header = r#""portfolio": {"name": "T", "start": "2025-01-01"}"#;
        let domains = r#""domains": ["core"]"#;
        let components = r#""components": [{"id": "C", "name": "c", "domain": "cor"}]"#;
        let capabilities = r#""capabilities": [{"id": "K", "name": "k", "target": "2025-13-01"}]"#;
        let projects = r#""projects": [
            {"id": "A", "name": "a", "duration_days": -1, "uses": ["C"], "colour": 1},
            42,
            {},
            {"\u0069d": "E", "name": "e", "duration_days": 5, "depends_on": ["Z"]},
            {"name": "b", "id": "C", "duration_days": "x", "delivers": ["K"]},
            { "id" : "D", "name": "d", "start": "2025-02-30", "finish": "2025-03-01"}
        ]"#;
        let object = |members: &[&str]| format!("{{{}}}", members.join(",\n"));
        let (expected, once) = read_whole(&object(&[
            header,
            domains,
            components,
            capabilities,
            projects,
        ]));
        assert!(once);
        // The same problems as the checks of each kind name them, in order.
        let codes: Vec<&str> = expected.iter().map(|p| p.code.as_str()).collect();
        assert!(codes.len() >= 10, "{codes:?}");
        let orders: [&[&str]; 4] = [
            // Header last, as the key-order test writes it.
            &[capabilities, components, projects, domains, header],
            // Reversed: projects first, components and capabilities after the header.
            &[projects, header, domains, components, capabilities],
            // Sorted.
            &[capabilities, components, domains, header, projects],
            // Projects between the components and the capabilities.
            &[components, projects, capabilities, domains, header],
        ];
        for order in orders {
            let (problems, once) = read_whole(&object(order));
            assert!(once, "read twice: {order:?}");
            assert_eq!(findings(&problems), findings(&expected), "{order:?}");
            let messages = |p: &[Problem]| p.iter().map(|p| p.message.clone()).collect::<Vec<_>>();
            assert_eq!(messages(&problems), messages(&expected), "{order:?}");
        }
    }

    #[test]
    fn a_later_duplicate_is_reported_and_the_first_definition_stands() {
        // Two projects "A": the second is the problem; the node keeps the
        // first's name and duration (10), not the second's (7).
        let (portfolio, problems) = validate(
            r#""projects": [{"id": "A", "name": "first", "duration_days": 10},
                            {"id": "A", "name": "second", "duration_days": 7}]"#,
        );
        expect_findings(&problems, &[("duplicate-id", "/projects/1/id", "A")]);
        let a = portfolio.node(portfolio.lookup("A").unwrap());
        assert_eq!((a.name.as_str(), a.duration), ("first", 10));
        assert_eq!(portfolio.graph().node_count(), 1);
    }

    #[test]
    fn across_kinds_components_come_first_then_capabilities_then_projects() {
        // The file lists projects first, yet the component "x" and the
        // capability "y" stand; the project definitions are the duplicates.
        // The capability "x" is itself a duplicate of the component "x".
        let (portfolio, problems) = validate(
            r#""projects": [{"id": "x", "name": "p", "duration_days": 1},
                            {"id": "y", "name": "p", "duration_days": 1},
                            {"id": "P", "name": "p", "duration_days": 1,
                             "uses": ["x"], "delivers": ["y"]}],
               "capabilities": [{"id": "x", "name": "c"}, {"id": "y", "name": "c"}],
               "components": [{"id": "x", "name": "k"}]"#,
        );
        expect_findings(
            &problems,
            &[
                ("duplicate-id", "/capabilities/0/id", "x"),
                ("duplicate-id", "/projects/0/id", "x"),
                ("duplicate-id", "/projects/1/id", "y"),
            ],
        );
        let kind = |id: &str| portfolio.node(portfolio.lookup(id).unwrap()).kind;
        assert_eq!(kind("x"), NodeKind::Component);
        assert_eq!(kind("y"), NodeKind::Capability);
        // "uses": ["x"] names the component and "delivers": ["y"] the
        // capability: no wrong-kind problem.
    }

    #[test]
    fn an_unknown_reference_names_the_id_and_suggests_the_nearest() {
        let members = r#""projects": [{"id": "P-CYB-002", "name": "a", "duration_days": 1},
                          {"id": "B", "name": "b", "duration_days": 1, "depends_on": ["P-CYB-02"]}]"#;
        only(
            members,
            ("unknown-reference", "/projects/1/depends_on/0", "P-CYB-02"),
        );
        assert_eq!(
            hint_of(members).as_deref(),
            Some("did you mean \"P-CYB-002\"?")
        );
    }

    #[test]
    fn references_of_the_wrong_kind() {
        // uses → a project, delivers → a component, provided_by → a capability.
        let problems = portfolio_problems(
            r#""components": [{"id": "k", "name": "k", "provided_by": "C"}],
               "capabilities": [{"id": "C", "name": "c"}],
               "projects": [{"id": "A", "name": "a", "duration_days": 1, "delivers": ["C"]},
                            {"id": "B", "name": "b", "duration_days": 1,
                             "uses": ["A", "k"], "delivers": ["k"]}]"#,
        );
        expect_findings(
            &problems,
            &[
                ("wrong-kind-reference", "/components/0/provided_by", "C"),
                ("wrong-kind-reference", "/projects/1/uses/0", "A"),
                ("wrong-kind-reference", "/projects/1/delivers/0", "k"),
            ],
        );
    }

    #[test]
    fn depends_on_may_name_any_kind() {
        let p = valid_portfolio(
            r#""components": [{"id": "k", "name": "k"}],
               "capabilities": [{"id": "C", "name": "c"}],
               "projects": [{"id": "A", "name": "a", "duration_days": 1, "uses": ["k"], "delivers": ["C"]},
                            {"id": "B", "name": "b", "duration_days": 1, "depends_on": ["k", "C", "A"]}]"#,
        );
        let b = p.lookup("B").unwrap();
        assert_eq!(
            p.graph().neighbors_directed(b, Direction::Incoming).count(),
            3
        );
    }

    #[test]
    fn a_self_dependency_is_its_own_problem_not_a_cycle() {
        only(
            r#""projects": [{"id": "A", "name": "a", "duration_days": 1,
                                 "depends_on": [{"id": "A", "type": "SS"}]}]"#,
            ("self-dependency", "/projects/0/depends_on/0", "A"),
        );
    }

    #[test]
    fn a_cycle_is_printed_from_its_smallest_id_in_edge_direction() {
        // Edges: C → B (B depends on C), B → A, A → C. From the smallest id A:
        // A -> C -> B -> A.
        let problems = portfolio_problems(
            r#""projects": [{"id": "B", "name": "b", "duration_days": 1, "depends_on": ["C"]},
                            {"id": "A", "name": "a", "duration_days": 1, "depends_on": ["B"]},
                            {"id": "C", "name": "c", "duration_days": 1, "depends_on": ["A"]}]"#,
        );
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].code, ProblemCode::Cycle);
        assert_eq!(problems[0].id.as_deref(), Some("A"));
        assert_eq!(problems[0].message, "dependency cycle: A -> C -> B -> A");
    }

    #[test]
    fn among_equally_short_cycles_the_first_successor_in_id_order_wins() {
        // T-1 → T-3 → T-1 and T-1 → T-2 → T-1, one component; both length 2.
        // Successors of T-1 in id order: T-2 first.
        let problems = portfolio_problems(
            r#""projects": [{"id": "T-1", "name": "t", "duration_days": 1, "depends_on": ["T-3", "T-2"]},
                            {"id": "T-3", "name": "t", "duration_days": 1, "depends_on": ["T-1"]},
                            {"id": "T-2", "name": "t", "duration_days": 1, "depends_on": ["T-1"]}]"#,
        );
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].message, "dependency cycle: T-1 -> T-2 -> T-1");
    }

    #[test]
    fn a_cycle_through_a_component_and_a_capability() {
        // P provides k; Q uses k and delivers C; P depends on C:
        // P → k → Q → C → P. Smallest id (byte order) is "C".
        let problems = portfolio_problems(
            r#""components": [{"id": "k", "name": "k", "provided_by": "P"}],
               "capabilities": [{"id": "C", "name": "c"}],
               "projects": [{"id": "P", "name": "p", "duration_days": 1, "depends_on": ["C"]},
                            {"id": "Q", "name": "q", "duration_days": 1, "uses": ["k"], "delivers": ["C"]}]"#,
        );
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(
            problems[0].message,
            "dependency cycle: C -> P -> k -> Q -> C"
        );
    }

    #[test]
    fn negative_durations_and_costs() {
        let problems = portfolio_problems(
            r#""projects": [{"id": "A", "name": "a", "duration_days": -30,
                             "cost": {"investment": -1, "om_per_year": 5}}]"#,
        );
        expect_findings(
            &problems,
            &[
                ("negative-duration", "/projects/0/duration_days", "A"),
                ("negative-cost", "/projects/0/cost/investment", "A"),
            ],
        );
    }

    #[test]
    fn finish_before_start_with_or_without_duration_days() {
        // Without duration_days the dates give the duration; with it, finish
        // is still checked to be on or after start (SPEC §7).
        let problems = portfolio_problems(
            r#""projects": [{"id": "A", "name": "a", "start": "2025-05-01", "finish": "2025-03-14"},
                            {"id": "B", "name": "b", "duration_days": 5,
                             "start": "2025-05-01", "finish": "2025-04-30"}]"#,
        );
        expect_findings(
            &problems,
            &[
                ("finish-before-start", "/projects/0/finish", "A"),
                ("finish-before-start", "/projects/1/finish", "B"),
            ],
        );
    }

    #[test]
    fn invalid_dates_anywhere() {
        // A day that does not exist, an unpadded month, a date-time.
        let problems = portfolio_problems(
            r#""components": [{"id": "k", "name": "k", "available": "2025-1-01"}],
               "capabilities": [{"id": "C", "name": "c", "target": "2026-02-30"}],
               "projects": [{"id": "A", "name": "a", "start": "2025-01-01T00:00", "duration_days": 1,
                             "uses": ["k"], "delivers": ["C"]}]"#,
        );
        expect_findings(
            &problems,
            &[
                ("invalid-date", "/components/0/available", "k"),
                ("invalid-date", "/capabilities/0/target", "C"),
                ("invalid-date", "/projects/0/start", "A"),
            ],
        );
        let text = r#"{"portfolio": {"name": "T", "start": "2025-13-01"}}"#;
        let problems = crate::model::portfolio_from_str(text, "t.json").problems;
        expect_findings(&problems, &[("invalid-date", "/portfolio/start", "")]);
    }

    #[test]
    fn link_types_are_upper_case_exactly() {
        let members = |t: &str| {
            format!(
                r#""projects": [{{"id": "A", "name": "a", "duration_days": 1}},
                                {{"id": "B", "name": "b", "duration_days": 1,
                                  "depends_on": [{{"id": "A", "type": "{t}"}}]}}]"#
            )
        };
        only(
            &members("fs"),
            ("unknown-link-type", "/projects/1/depends_on/0/type", "B"),
        );
        assert_eq!(
            hint_of(&members("fs")).as_deref(),
            Some("link types are upper case: \"FS\"")
        );
        assert_eq!(
            hint_of(&members("XS")).as_deref(),
            Some("use one of FS, SS, FF, SF")
        );
        for t in ["FS", "SS", "FF", "SF"] {
            valid_portfolio(&members(t));
        }
    }

    #[test]
    fn domains_must_be_declared_when_a_list_is_given() {
        let members = |domains: &str| {
            format!(
                r#"{domains} "projects": [{{"id": "A", "name": "a", "domain": "cyber-security",
                                            "duration_days": 1}}]"#
            )
        };
        let with_list = members(r#""domains": ["core", "cyber"],"#);
        only(&with_list, ("unknown-domain", "/projects/0/domain", "A"));
        assert_eq!(
            hint_of(&with_list).as_deref(),
            Some("declared domains: core, cyber")
        );
        // Without "domains" any string is accepted.
        valid_portfolio(&members(""));
    }

    #[test]
    fn warnings_for_unused_components_undelivered_capabilities_and_missing_durations() {
        let checked = crate::model::portfolio_from_str(
            &portfolio_text(
                r#""components": [{"id": "k", "name": "k"}],
                   "capabilities": [{"id": "C", "name": "c"}],
                   "projects": [{"id": "A", "name": "a"}]"#,
            ),
            "t.json",
        );
        assert!(checked.value.is_some(), "warnings do not invalidate");
        expect_findings(
            &checked.problems,
            &[
                ("no-duration", "/projects/0", "A"),
                ("unused-component", "/components/0", "k"),
                ("undelivered-capability", "/capabilities/0", "C"),
            ],
        );
        assert!(checked.problems.iter().all(|p| !p.is_error()));
    }

    #[test]
    fn a_component_named_by_a_wrong_link_is_not_also_reported_unused() {
        // The link's type is wrong, so the link is reported and dropped; the
        // component is used all the same, in the writer's mind: one problem.
        only(
            r#""components": [{"id": "k", "name": "k"}],
               "projects": [{"id": "A", "name": "a", "duration_days": 1,
                             "uses": [{"id": "k", "type": "XS"}]}]"#,
            ("unknown-link-type", "/projects/0/uses/0/type", "A"),
        );
    }

    #[test]
    fn finish_alone_is_no_duration_information() {
        // SPEC §7: a warning, and the project lasts 0 days.
        let checked = crate::model::portfolio_from_str(
            &portfolio_text(r#""projects": [{"id": "A", "name": "a", "finish": "2025-06-01"}]"#),
            "t.json",
        );
        expect_findings(&checked.problems, &[("no-duration", "/projects/0", "A")]);
        let p = checked.value.expect("only a warning");
        assert_eq!(p.node(p.lookup("A").unwrap()).duration, 0);
    }

    #[test]
    fn durations_from_duration_days_or_from_start_and_finish() {
        // A: duration_days 10 wins over start 2025-01-01 + finish 2025-03-01 (59 days).
        // B: no duration_days: 2025-03-01 − 2025-01-01 = 31 + 28 = 59 days.
        // C: start alone and duration_days 0 is a milestone, no warning.
        let p = valid_portfolio(
            r#""projects": [{"id": "A", "name": "a", "duration_days": 10,
                             "start": "2025-01-01", "finish": "2025-03-01"},
                            {"id": "B", "name": "b", "start": "2025-01-01", "finish": "2025-03-01"},
                            {"id": "C", "name": "c", "duration_days": 0, "start": "2025-01-11"}]"#,
        );
        let node = |id: &str| p.node(p.lookup(id).unwrap());
        assert_eq!(node("A").duration, 10);
        assert_eq!(node("B").duration, 59);
        assert_eq!((node("C").duration, node("C").start), (0, Some(10)));
    }

    #[test]
    fn the_same_reference_twice_gives_two_links() {
        // SPEC §7: every link applies.
        let p = valid_portfolio(
            r#""components": [{"id": "k", "name": "k"}],
               "projects": [{"id": "A", "name": "a", "duration_days": 1,
                             "uses": ["k"], "depends_on": [{"id": "k", "type": "SS", "lag_days": 3}]}]"#,
        );
        let a = p.lookup("A").unwrap();
        let mut links: Vec<(Relation, LinkType, i32)> = p
            .graph()
            .edges_directed(a, Direction::Incoming)
            .map(|e| (e.weight().relation, e.weight().link_type, e.weight().lag))
            .collect();
        links.sort_by_key(|(_, t, lag)| (t.as_str(), *lag));
        assert_eq!(
            links,
            [
                (Relation::Uses, LinkType::FS, 0),
                (Relation::DependsOn, LinkType::SS, 3),
            ]
        );
    }
}

#[cfg(test)]
mod field_tests {
    //! The descriptive, money and risk fields of SPEC §1, §2 and §7.

    use std::collections::BTreeMap;

    use super::*;
    use crate::model::testing::{expect_findings, portfolio_problems, valid_portfolio};
    use crate::model::values::AttributeValue;

    #[test]
    fn every_field_reaches_the_model() {
        let p = valid_portfolio(
            r#""ceilings": {"investment": {"2026": 5, "2027": 6.5}, "om": {"2026": 1}},
               "risk": {"default_range_pct": [-10, 30]},
               "components": [{"id": "k", "name": "k", "infrastructure": true, "owner": "ops",
                               "attributes": {"site": "Mons", "racks": 12}}],
               "capabilities": [{"id": "C", "name": "c", "legacy_om_per_year": 400000,
                                 "notes": "replaces the old system"}],
               "projects": [{"id": "A", "name": "a", "duration_days": 10, "uses": ["k"],
                             "delivers": ["C"], "range": {"min": 8, "max": 15},
                             "cost": {"investment": 100, "profile": "bell",
                                      "authorised": {"2026": 60, "2025": 40}}},
                            {"id": "B", "name": "b", "duration_days": 0,
                             "range": {"min": 0, "max": 0},
                             "cost": {"profile": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                  0, 0, 0, 0, 0, 0, 0, 0, 0, 1]}}]"#,
        );
        let node = |id: &str| p.node(p.lookup(id).unwrap());
        let k = node("k");
        assert!(k.infrastructure);
        assert_eq!(k.owner(), Some("ops"));
        assert_eq!(
            k.attributes(),
            [
                ("site".to_string(), AttributeValue::Text("Mons".to_string())),
                ("racks".to_string(), AttributeValue::Number(12.0)),
            ]
        );
        assert_eq!(node("C").legacy_om_per_year(), Some(400_000.0));
        assert_eq!(node("C").notes(), Some("replaces the old system"));
        let a = node("A");
        assert_eq!(a.profile, CostProfile::Bell);
        // The map is ordered by year, whatever the file's order.
        assert_eq!(
            a.authorised.iter().collect::<Vec<_>>(),
            [(2025, 40.0), (2026, 60.0)]
        );
        assert_eq!(a.range(), Some(DurationRange { min: 8, max: 15 }));
        assert!(!a.infrastructure);
        let mut weights = [0.0; 20];
        weights[0] = 1.0;
        weights[19] = 1.0;
        assert_eq!(node("B").profile.weights(), weights);
        assert_eq!(p.fiscal_year_start(), FiscalYearStart { month: 1, day: 1 });
        assert_eq!(
            p.ceilings().investment,
            BTreeMap::from([(2026, 5.0), (2027, 6.5)])
        );
        assert_eq!(p.ceilings().om, BTreeMap::from([(2026, 1.0)]));
        assert_eq!(p.default_range_pct(), Some((-10.0, 30.0)));
    }

    #[test]
    fn defaults_when_the_fields_are_absent() {
        let p = valid_portfolio(r#""projects": [{"id": "A", "name": "a", "duration_days": 1}]"#);
        let a = p.node(p.lookup("A").unwrap());
        assert_eq!(a.profile, CostProfile::Linear);
        assert!(a.authorised.is_empty() && a.attributes().is_empty());
        assert_eq!((a.range(), a.owner()), (None, None));
        assert_eq!(p.ceilings(), &Ceilings::default());
        assert_eq!(p.default_range_pct(), None);
    }

    #[test]
    fn a_fiscal_year_start_is_an_mm_dd_day_of_every_year() {
        let text = |start: &str| {
            format!(
                r#"{{"portfolio": {{"name": "T", "start": "2025-01-01", "fiscal_year_start": "{start}"}}}}"#
            )
        };
        let checked = crate::model::portfolio_from_str(&text("04-01"), "t.json");
        assert_eq!(
            checked.value.unwrap().fiscal_year_start(),
            FiscalYearStart { month: 4, day: 1 }
        );
        for bad in ["02-29", "4-01", "13-01"] {
            let problems = crate::model::portfolio_from_str(&text(bad), "t.json").problems;
            expect_findings(
                &problems,
                &[(
                    "invalid-fiscal-year-start",
                    "/portfolio/fiscal_year_start",
                    "",
                )],
            );
        }
    }

    #[test]
    fn money_is_never_negative() {
        expect_findings(
            &portfolio_problems(
                r#""ceilings": {"om": {"2026": -1}},
                   "capabilities": [{"id": "C", "name": "c", "legacy_om_per_year": -5}],
                   "projects": [{"id": "A", "name": "a", "duration_days": 1, "delivers": ["C"],
                                 "cost": {"authorised": {"2026": -2}}}]"#,
            ),
            &[
                ("negative-cost", "/ceilings/om/2026", ""),
                ("negative-cost", "/capabilities/0/legacy_om_per_year", "C"),
                ("negative-cost", "/projects/0/cost/authorised/2026", "A"),
            ],
        );
    }

    #[test]
    fn fiscal_year_keys_are_four_digit_years() {
        expect_findings(
            &portfolio_problems(
                r#""ceilings": {"investment": {"FY26": 1, "2026": 1}},
                   "projects": [{"id": "A", "name": "a", "duration_days": 1,
                                 "cost": {"authorised": {"26": 1, "0000": 1, "a/b": 1}}}]"#,
            ),
            &[
                ("invalid-year", "/ceilings/investment/FY26", ""),
                ("invalid-year", "/projects/0/cost/authorised/26", "A"),
                ("invalid-year", "/projects/0/cost/authorised/0000", "A"),
                // The key is escaped in the JSON pointer.
                ("invalid-year", "/projects/0/cost/authorised/a~1b", "A"),
            ],
        );
    }

    #[test]
    fn profiles_are_a_known_name_or_20_weights() {
        let project = |profile: &str| {
            format!(
                r#""projects": [{{"id": "A", "name": "a", "duration_days": 1,
                                 "cost": {{"profile": {profile}}}}}]"#
            )
        };
        let path = "/projects/0/cost/profile";
        for bad in [
            r#""belle""#,
            r#""Linear""#,
            "[1, 2, 3]",
            "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]",
            "[-1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]",
        ] {
            expect_findings(
                &portfolio_problems(&project(bad)),
                &[("invalid-profile", path, "A")],
            );
        }
        let problems = portfolio_problems(&project(r#""belle""#));
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean \"bell\"?"));
        expect_findings(
            &portfolio_problems(&project(r#"[1, "2"]"#)),
            &[("wrong-type", "/projects/0/cost/profile/1", "A")],
        );
        expect_findings(
            &portfolio_problems(&project("5")),
            &[("wrong-type", path, "A")],
        );
    }

    #[test]
    fn a_range_holds_the_duration() {
        let project = |duration: &str, range: &str| {
            format!(r#""projects": [{{"id": "A", "name": "a", {duration} "range": {range}}}]"#)
        };
        let path = "/projects/0/range";
        for (duration, range) in [
            (r#""duration_days": 10,"#, r#"{"min": 11, "max": 20}"#),
            (r#""duration_days": 10,"#, r#"{"min": 1, "max": 9}"#),
            (r#""duration_days": 0,"#, r#"{"min": -1, "max": 9}"#),
            (r#""duration_days": 5,"#, r#"{"min": 9, "max": 1}"#),
            // The duration from start and finish (31 days) counts too.
            (
                r#""start": "2025-01-01", "finish": "2025-02-01","#,
                r#"{"min": 1, "max": 30}"#,
            ),
        ] {
            expect_findings(
                &portfolio_problems(&project(duration, range)),
                &[("invalid-range", path, "A")],
            );
        }
        expect_findings(
            &portfolio_problems(&project(
                r#""duration_days": 5,"#,
                r#"{"min": 1.5, "max": 2000000, "most": 3}"#,
            )),
            &[
                ("unknown-field", "/projects/0/range/most", "A"),
                ("wrong-type", "/projects/0/range/min", "A"),
                ("days-out-of-range", "/projects/0/range/max", "A"),
            ],
        );
        expect_findings(
            &portfolio_problems(&project(r#""duration_days": 5,"#, r#"{"min": 1}"#)),
            &[("missing-field", path, "A")],
        );
    }

    #[test]
    fn the_default_range_has_lo_at_most_0_and_hi_at_least_0() {
        for good in ["[0, 0]", "[-100, 0]", "[-10, 250.5]"] {
            assert!(
                portfolio_problems(&format!(r#""risk": {{"default_range_pct": {good}}}"#))
                    .is_empty(),
                "{good}"
            );
        }
        for bad in ["[5, 10]", "[-10, -5]", "[-101, 5]"] {
            expect_findings(
                &portfolio_problems(&format!(r#""risk": {{"default_range_pct": {bad}}}"#)),
                &[("invalid-range", "/risk/default_range_pct", "")],
            );
        }
        for wrong in ["[1]", "[1, 2, 3]", r#"["-10", 5]"#, "10"] {
            expect_findings(
                &portfolio_problems(&format!(r#""risk": {{"default_range_pct": {wrong}}}"#)),
                &[("wrong-type", "/risk/default_range_pct", "")],
            );
        }
    }

    #[test]
    fn descriptive_fields_have_their_types() {
        expect_findings(
            &portfolio_problems(
                r#""components": [{"id": "k", "name": "k", "infrastructure": "yes",
                                   "owner": 3, "attributes": {"a": true, "b": "x", "c": null}}],
                   "projects": [{"id": "A", "name": "a", "duration_days": 1, "uses": ["k"],
                                 "notes": ["x"], "attributes": [1]}]"#,
            ),
            &[
                ("wrong-type", "/components/0/infrastructure", "k"),
                ("wrong-type", "/components/0/owner", "k"),
                ("wrong-type", "/components/0/attributes/a", "k"),
                ("wrong-type", "/components/0/attributes/c", "k"),
                ("wrong-type", "/projects/0/notes", "A"),
                ("wrong-type", "/projects/0/attributes", "A"),
            ],
        );
    }

    #[test]
    fn ceilings_and_risk_take_only_their_fields() {
        expect_findings(
            &portfolio_problems(
                r#""ceilings": {"capex": {}, "om": {"2026": "1"}}, "risk": {"range": [0, 1]}"#,
            ),
            &[
                ("unknown-field", "/ceilings/capex", ""),
                ("wrong-type", "/ceilings/om/2026", ""),
                ("unknown-field", "/risk/range", ""),
            ],
        );
    }
}

#[cfg(test)]
mod pathological_tests {
    //! Inputs that once made validation overflow the stack or take
    //! quadratic time; their speed is measured in benches/pathological.rs.

    use crate::model::portfolio_from_str;
    use crate::model::testing::{findings, portfolio_text};

    /// Projects `(id, depends_on)` as portfolio text.
    fn projects(list: impl Iterator<Item = (String, Vec<String>)>) -> String {
        let items: Vec<String> = list
            .map(|(id, after)| {
                let after: Vec<String> = after.iter().map(|a| format!("\"{a}\"")).collect();
                format!(
                    r#"{{"id": "{id}", "name": "n", "duration_days": 1, "depends_on": [{}]}}"#,
                    after.join(", ")
                )
            })
            .collect();
        portfolio_text(&format!(r#""projects": [{}]"#, items.join(",\n")))
    }

    /// Runs `f` on a thread with a 256 KiB stack: recursion as deep as the
    /// inputs below would overflow it (and abort the test run).
    fn on_a_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap()
    }

    #[test]
    fn a_long_cycle_is_reported_without_recursion() {
        // C00000 -> C00001 -> … -> C19999 -> C00000: one cycle of 20 000.
        let text = projects((0..20_000).map(|i| {
            let before = (i + 20_000 - 1) % 20_000;
            (format!("C{i:05}"), vec![format!("C{before:05}")])
        }));
        let problems = on_a_small_stack(move || portfolio_from_str(&text, "t.json").problems);
        assert_eq!(
            problems.len(),
            1,
            "{:?}",
            &problems[..2.min(problems.len())]
        );
        assert!(problems[0]
            .message
            .starts_with("dependency cycle: C00000 -> C00001 -> "));
        assert!(problems[0].message.ends_with(" -> C19999 -> C00000"));
    }

    #[test]
    fn a_long_path_into_a_small_cycle_is_reported_without_recursion() {
        // P00000 -> … -> P19999 -> Z <-> Y: the path is no cycle, Y -> Z -> Y is.
        let path = (0..20_000).map(|i| {
            let after = if i == 0 {
                vec![]
            } else {
                vec![format!("P{:05}", i - 1)]
            };
            (format!("P{i:05}"), after)
        });
        let cycle = [
            ("Z".to_string(), vec!["P19999".to_string(), "Y".to_string()]),
            ("Y".to_string(), vec!["Z".to_string()]),
        ];
        let text = projects(path.chain(cycle));
        let problems = on_a_small_stack(move || portfolio_from_str(&text, "t.json").problems);
        let found = findings(&problems);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(problems[0].message, "dependency cycle: Y -> Z -> Y");
    }

    #[test]
    fn many_small_cycles_are_each_reported_once_at_their_link() {
        // 2 000 pairs A_i <-> B_i: 2 000 cycles, each at the link into A_i
        // (the later node, B_i, is the last of "A_i -> B_i -> A_i").
        let text = projects((0..2_000).flat_map(|i| {
            let (a, b) = (format!("A{i:04}"), format!("B{i:04}"));
            [(a.clone(), vec![b.clone()]), (b, vec![a])]
        }));
        let problems = portfolio_from_str(&text, "t.json").problems;
        assert_eq!(problems.len(), 2_000);
        assert_eq!(
            problems[7].message,
            "dependency cycle: A0007 -> B0007 -> A0007"
        );
        assert_eq!(problems[7].path, "/projects/14/depends_on/0");
    }
}
