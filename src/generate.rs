//! Synthetic portfolios and matching status files of any size, for
//! benchmarks, demos and tests (`capgraph generate`).
//!
//! The output is shaped like a real portfolio: three declared domains, about
//! one component per 20 projects and one capability per 10, a handful of hub
//! components used by many projects, `depends_on` links only to projects of
//! earlier waves (so the graph is acyclic and, as in a real programme, no
//! chain is longer than [`WAVES`] projects however big the portfolio), mixed
//! link types and lags, providers
//! that come before every user of their component, and capability targets
//! placed around the planned finish so that some are late. Every component is
//! used and every capability delivered, so `capgraph check` finds nothing.
//!
//! # Determinism
//! The same options give the same bytes, on every platform and release: all
//! randomness comes from `SplitMix64`, written here (a crate's generator could
//! change its stream between versions), and nothing iterates a hash map.
//!
//! # Layout
//! Compact JSON with one record per line: a pretty-printed file of 100 000
//! projects would be several times larger and slower to load, while one line
//! per record still diffs, greps and `head`s well.
//!
//! # Complexity
//! O(N) time and memory for N projects (the status file reruns the portfolio's
//! generation, then one forward pass).

use std::io::{self, Write};

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::model::calendar::Calendar;
use crate::model::records::{
    CapabilityRecord, CeilingsRecord, ComponentRecord, CostRecord, HeaderRecord, LinkRecord,
    PortfolioRecord, ProfileRecord, ProjectRecord, StatusRecord, UpdateRecord, YearAmounts,
};
use crate::model::LinkType;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Number of projects.
    pub projects: usize,
    /// The same seed gives the same bytes.
    pub seed: u64,
}

/// The declared domains and the three-letter code each puts in ids.
pub const DOMAINS: [(&str, &str); 3] =
    [("communication", "COM"), ("core", "COR"), ("cyber", "CYB")];

/// Day 0 of every generated portfolio.
const PORTFOLIO_START: (i32, u32, u32) = (2025, 1, 1);

/// Generated days lie within a few decades of the portfolio start.
const NEAR: &str = "a generated day is a calendar date";

/// Most component uses and capability deliveries a project draws.
const MAX_USES: usize = 6;
/// Projects come in this many waves of equal size; a project depends only on
/// projects of earlier waves and uses only components provided in earlier
/// waves, so chains stay about as long as in a real programme (a few years),
/// not proportional to the number of projects.
pub const WAVES: usize = 6;

/// The number of projects per wave for `n` projects.
fn wave_size(n: usize) -> usize {
    n.div_ceil(WAVES).max(1)
}
const MAX_DELIVERS: usize = 2;

/// Writes the portfolio of `options` (SPEC §1) as compact JSON, one record per line.
pub fn write_portfolio(options: &GenerateOptions, out: &mut dyn Write) -> io::Result<()> {
    let synthetic = Synthetic::new(options);
    let plan = synthetic.forward_pass();
    out.write_all(b"{\"portfolio\":")?;
    serde_json::to_writer(&mut *out, &synthetic.header())?;
    out.write_all(b",\n\"domains\":")?;
    serde_json::to_writer(&mut *out, &synthetic.domains())?;
    out.write_all(b",\n")?;
    write_array(
        out,
        "components",
        (0..synthetic.components.len()).map(|j| synthetic.component_record(j)),
    )?;
    out.write_all(b",\n")?;
    write_array(
        out,
        "capabilities",
        (0..synthetic.capabilities.len()).map(|c| synthetic.capability_record(c)),
    )?;
    out.write_all(b",\n")?;
    write_array(
        out,
        "projects",
        (0..synthetic.projects.len()).map(|k| synthetic.project_record(k, &plan)),
    )?;
    out.write_all(b",\n\"ceilings\":")?;
    serde_json::to_writer(&mut *out, &synthetic.ceilings(&plan))?;
    out.write_all(b"}\n")
}

/// Writes a status file (SPEC §2) for the portfolio of the same `options`.
pub fn write_status(options: &GenerateOptions, out: &mut dyn Write) -> io::Result<()> {
    let status = status_record(options);
    out.write_all(b"{\"as_of\":")?;
    serde_json::to_writer(&mut *out, &status.as_of)?;
    out.write_all(b",\n")?;
    write_array(out, "updates", status.updates.iter())?;
    out.write_all(b"}\n")
}

/// The portfolio of `options` as records (what [`write_portfolio`] writes).
pub fn portfolio_record(options: &GenerateOptions) -> PortfolioRecord {
    let synthetic = Synthetic::new(options);
    let plan = synthetic.forward_pass();
    PortfolioRecord {
        portfolio: synthetic.header(),
        domains: Some(synthetic.domains()),
        components: (0..synthetic.components.len())
            .map(|j| synthetic.component_record(j))
            .collect(),
        capabilities: (0..synthetic.capabilities.len())
            .map(|c| synthetic.capability_record(c))
            .collect(),
        projects: (0..synthetic.projects.len())
            .map(|k| synthetic.project_record(k, &plan))
            .collect(),
        ceilings: Some(synthetic.ceilings(&plan)),
        ..PortfolioRecord::default()
    }
}

/// The status file of `options` as records (what [`write_status`] writes).
pub fn status_record(options: &GenerateOptions) -> StatusRecord {
    let synthetic = Synthetic::new(options);
    let plan = synthetic.forward_pass();
    synthetic.status(&plan, options.seed)
}

/// `"key":[` then one serialized item per line, then `]`.
fn write_array<T: Serialize>(
    out: &mut dyn Write,
    key: &str,
    items: impl Iterator<Item = T>,
) -> io::Result<()> {
    write!(out, "\"{key}\":[")?;
    let mut empty = true;
    for item in items {
        out.write_all(if empty { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &item)?;
        empty = false;
    }
    out.write_all(if empty { b"]" } else { b"\n]" })
}

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014; the generator Java's `SplittableRandom` uses and
/// xoshiro's authors recommend for seeding): a 64-bit counter stepped by the
/// golden-ratio constant, then mixed. Ten lines, fixed forever, and ample
/// quality for synthetic data; not for cryptography.
struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0), by multiply-shift (Lemire): the bias,
    /// below n / 2^64, is irrelevant here, and there is no rejection loop.
    fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as usize) as i64
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A link as generated: to an earlier project, or to a component.
#[derive(Debug, Clone, Copy)]
struct Dependency {
    target: usize,
    link_type: LinkType,
    lag: i64,
}

impl Dependency {
    fn record(&self, id: String) -> LinkRecord {
        match (self.link_type, self.lag) {
            (LinkType::FS, 0) => LinkRecord::Id(id),
            (link_type, lag) => LinkRecord::Full {
                id,
                link_type: Some(link_type.as_str().to_string()),
                // `lag_days` defaults to 0: leave it out then, as people do.
                lag_days: (lag != 0).then_some(lag),
            },
        }
    }

    /// The earliest start this link allows a successor of duration `duration`
    /// whose predecessor runs `start..finish` (SPEC §3).
    fn bound(&self, start: i64, finish: i64, duration: i64) -> i64 {
        match self.link_type {
            LinkType::FS => finish + self.lag,
            LinkType::SS => start + self.lag,
            LinkType::FF => finish + self.lag - duration,
            LinkType::SF => start + self.lag - duration,
        }
    }
}

#[derive(Debug)]
struct Project {
    domain: usize,
    /// 1-based within the domain: `P-COM-000007`.
    number: usize,
    subject: &'static str,
    action: &'static str,
    site: &'static str,
    duration: i64,
    start: Option<i64>,
    investment: f64,
    om_per_year: Option<f64>,
    depends_on: Vec<Dependency>,
    uses: Vec<Dependency>,
    delivers: Vec<usize>,
}

#[derive(Debug)]
struct Component {
    domain: usize,
    number: usize,
    stem: &'static str,
    provided_by: Option<usize>,
    available: Option<i64>,
}

#[derive(Debug)]
struct Capability {
    domain: usize,
    number: usize,
    stem: &'static str,
    target: i64,
}

/// Early start and finish of every node, as day offsets (no updates).
struct Plan {
    project: Vec<(i64, i64)>,
    component: Vec<i64>,
    capability: Vec<i64>,
}

/// Which node an update names.
#[derive(Debug, Clone, Copy)]
enum NodeRef {
    Project(usize),
    Component(usize),
    Capability(usize),
}

/// The generated portfolio, as indices and numbers; records are built from it
/// one at a time when written.
struct Synthetic {
    calendar: Calendar,
    /// Digits of the numbers in project, component and capability ids.
    widths: [usize; 3],
    projects: Vec<Project>,
    components: Vec<Component>,
    capabilities: Vec<Capability>,
}

const PROJECT_SUBJECTS: [&[&str]; 3] = [
    &[
        "Tactical radio",
        "Satellite ground segment",
        "Fibre backbone",
        "Unified communications",
        "Mobile network",
        "Microwave links",
        "Video conferencing",
        "Messaging gateway",
        "Deployable network",
        "Campus network",
    ],
    &[
        "Data centre",
        "Private cloud",
        "Identity and access management",
        "ERP platform",
        "Document management",
        "Service desk",
        "Storage",
        "Integration bus",
        "Logistics information system",
        "Collaboration suite",
    ],
    &[
        "PKI",
        "Security operations centre",
        "Crypto key management",
        "Network access control",
        "Endpoint protection",
        "Cross-domain guard",
        "Vulnerability management",
        "Security monitoring",
        "Email security",
        "Zero-trust architecture",
    ],
];
const PROJECT_ACTIONS: &[&str] = &[
    "modernisation",
    "renewal",
    "rollout",
    "upgrade",
    "consolidation",
    "migration",
    "extension",
];
const PROJECT_SITES: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "HQ",
    "training centre",
    "naval base",
    "air base",
];
const COMPONENT_STEMS: [&[&str]; 3] = [
    &[
        "Core router",
        "Satellite gateway",
        "Radio access network",
        "Fibre ring",
        "Voice platform",
    ],
    &[
        "Data centre",
        "Hypervisor cluster",
        "Directory service",
        "Storage array",
        "Integration platform",
    ],
    &[
        "Public key infrastructure",
        "SIEM platform",
        "Crypto gateway",
        "Identity provider",
        "Firewall cluster",
    ],
];
const CAPABILITY_STEMS: [&[&str]; 3] = [
    &[
        "Federated mission networking",
        "Secure voice",
        "Beyond-line-of-sight communications",
        "Deployable communications",
    ],
    &[
        "Hybrid cloud",
        "Digital workplace",
        "Enterprise data platform",
        "Logistics visibility",
    ],
    &[
        "Cyber defence operations",
        "Trusted identity",
        "Classified information exchange",
        "Resilient cryptography",
    ],
];
const DELAY_NOTES: &[&str] = &[
    "supplier delivery late",
    "security accreditation pending",
    "key staff reassigned",
    "tender re-run after appeal",
    "site works delayed by permits",
];
const GAIN_NOTES: &[&str] = &[
    "pilot skipped after review",
    "vendor delivered early",
    "scope reduced",
];
const PROGRESS_NOTES: &[&str] = &[
    "on track",
    "integration testing under way",
    "awaiting test slot",
];
const DONE_NOTES: &[&str] = &["accepted into service", "closed, lessons learned filed"];
const FORECAST_NOTES: &[&str] = &[
    "re-baselined by the board",
    "contractor's new forecast",
    "migration window moved",
];

/// Number of decimal digits of `n`, at least 3 (`P-COM-001`).
fn id_width(n: usize) -> usize {
    n.max(1).to_string().len().max(3)
}

impl Synthetic {
    fn new(options: &GenerateOptions) -> Self {
        let n = options.projects;
        let mut rng = SplitMix64::new(options.seed);
        let start =
            NaiveDate::from_ymd_opt(PORTFOLIO_START.0, PORTFOLIO_START.1, PORTFOLIO_START.2)
                .expect("a real date");
        let calendar = Calendar::new(start);
        // No projects, nothing to use or deliver: an empty portfolio.
        let component_count = if n == 0 { 0 } else { (n / 20).max(1) };
        let capability_count = if n == 0 { 0 } else { (n / 10).max(1) };

        let project_domains: Vec<usize> = (0..n).map(|_| rng.below(DOMAINS.len())).collect();
        let components = Self::components(&mut rng, component_count, &project_domains);
        let capabilities = Self::capabilities(&mut rng, capability_count);
        let mut projects = Self::projects(
            &mut rng,
            &project_domains,
            &components,
            capability_count,
            &calendar,
        );
        Self::use_every_component(&mut rng, &mut projects, &components);
        Self::deliver_every_capability(&mut rng, &mut projects, capability_count);

        let mut synthetic = Synthetic {
            calendar,
            widths: [
                id_width(n),
                id_width(component_count),
                id_width(capability_count),
            ],
            projects,
            components,
            capabilities,
        };
        // Targets around the planned finish: roughly a quarter late, the rest with margin.
        let plan = synthetic.forward_pass();
        for (capability, finish) in synthetic.capabilities.iter_mut().zip(&plan.capability) {
            capability.target = month_end(&calendar, finish + rng.between(-90, 270));
        }
        synthetic
    }

    /// Components: the first few are hubs (the first always in service from
    /// before the portfolio start, so that every project has something to
    /// use); about half the rest are provided by a project in the first 90 %
    /// of the file, so that later projects can use them.
    fn components(rng: &mut SplitMix64, count: usize, project_domains: &[usize]) -> Vec<Component> {
        let n = project_domains.len();
        let hubs = hub_count(count);
        let mut numbers = [0usize; 3];
        (0..count)
            .map(|j| {
                let hub = j < hubs;
                let provided = j > 0 && n >= 2 && rng.chance(50);
                let provided_by = provided.then(|| {
                    // Before the last wave, so that later waves can use it.
                    let last = if hub {
                        (n / 100).max(1)
                    } else {
                        (n - wave_size(n)).max(1)
                    };
                    rng.below(last.min(n - 1))
                });
                let available = match provided_by {
                    Some(_) => None,
                    None if hub => Some(rng.between(-730, 0)),
                    None => Some(rng.between(-365, 1095)),
                };
                let domain = match provided_by {
                    Some(p) => project_domains[p],
                    None => rng.below(DOMAINS.len()),
                };
                numbers[domain] += 1;
                Component {
                    domain,
                    number: numbers[domain],
                    stem: rng.pick(COMPONENT_STEMS[domain]),
                    provided_by,
                    available,
                }
            })
            .collect()
    }

    fn capabilities(rng: &mut SplitMix64, count: usize) -> Vec<Capability> {
        let mut numbers = [0usize; 3];
        (0..count)
            .map(|_| {
                let domain = rng.below(DOMAINS.len());
                numbers[domain] += 1;
                Capability {
                    domain,
                    number: numbers[domain],
                    stem: rng.pick(CAPABILITY_STEMS[domain]),
                    target: 0,
                }
            })
            .collect()
    }

    fn projects(
        rng: &mut SplitMix64,
        domains: &[usize],
        components: &[Component],
        capability_count: usize,
        calendar: &Calendar,
    ) -> Vec<Project> {
        let hubs = hub_count(components.len());
        let wave = wave_size(domains.len());
        // Components become usable in the wave after their provider's.
        let mut unlocked_at: Vec<Vec<usize>> = vec![Vec::new(); WAVES + 1];
        let (mut usable_hubs, mut usable) = (Vec::new(), Vec::new());
        for (j, component) in components.iter().enumerate() {
            match component.provided_by {
                Some(p) => unlocked_at[(p / wave + 1).min(WAVES)].push(j),
                None if j < hubs => usable_hubs.push(j),
                None => usable.push(j),
            }
        }
        let mut numbers = [0usize; 3];
        let mut projects = Vec::with_capacity(domains.len());
        for (k, &domain) in domains.iter().enumerate() {
            if k % wave == 0 {
                for &j in &unlocked_at[k / wave] {
                    if j < hubs {
                        usable_hubs.push(j);
                    } else {
                        usable.push(j);
                    }
                }
            }
            // Projects of earlier waves: [0, earlier); the previous wave starts at `previous`.
            let earlier = k / wave * wave;
            let previous = earlier.saturating_sub(wave);
            numbers[domain] += 1;
            let duration = rng.between(30, 700);
            // A few "start no earlier than" constraints, on the first of a month.
            let start = rng.chance(4).then(|| {
                let month = rng.below(36) as u32;
                let date = NaiveDate::from_ymd_opt(
                    PORTFOLIO_START.0 + (month / 12) as i32,
                    month % 12 + 1,
                    1,
                )
                .expect("a real date");
                calendar.day_of(date)
            });
            let investment = rng.between(5, 2000) as f64 * 50_000.0;
            let om_per_year = rng.chance(85).then(|| {
                (investment * rng.between(2, 12) as f64 / 100.0 / 1000.0).round() * 1000.0
            });

            let dependency_count = match rng.below(100) {
                0..=19 => 0,
                20..=54 => 1,
                55..=79 => 2,
                80..=92 => 3,
                _ => 4,
            };
            let mut depends_on: Vec<Dependency> = Vec::new();
            for _ in 0..dependency_count.min(earlier) {
                // Mostly on the previous wave, some on any earlier one.
                let mut draw = |rng: &mut SplitMix64| {
                    if rng.chance(60) {
                        previous + rng.below(earlier - previous)
                    } else {
                        rng.below(earlier)
                    }
                };
                if let Some(target) = distinct(rng, &depends_on, &mut draw) {
                    let (link_type, lag) = match rng.below(100) {
                        0..=71 => (
                            LinkType::FS,
                            if rng.chance(75) {
                                0
                            } else {
                                rng.between(-30, 60)
                            },
                        ),
                        72..=83 => (LinkType::SS, rng.between(0, 120)),
                        84..=93 => (LinkType::FF, rng.between(-20, 60)),
                        _ => (LinkType::SF, rng.between(0, 90)),
                    };
                    depends_on.push(Dependency {
                        target,
                        link_type,
                        lag,
                    });
                }
            }

            let mut uses: Vec<Dependency> = Vec::new();
            for _ in 0..rng.between(1, MAX_USES as i64) {
                let mut draw = |rng: &mut SplitMix64| {
                    let from_hubs =
                        usable.is_empty() || (!usable_hubs.is_empty() && rng.chance(30));
                    let pool = if from_hubs { &usable_hubs } else { &usable };
                    pool[rng.below(pool.len())]
                };
                if let Some(target) = distinct(rng, &uses, &mut draw) {
                    // Now and then work starts before the component is ready, or with it.
                    let (link_type, lag) = match rng.below(100) {
                        0..=87 => (LinkType::FS, 0),
                        88..=95 => (LinkType::FS, rng.between(-90, -1)),
                        _ => (LinkType::SS, rng.between(0, 30)),
                    };
                    uses.push(Dependency {
                        target,
                        link_type,
                        lag,
                    });
                }
            }

            let deliver_count = match rng.below(100) {
                0..=29 => 0,
                30..=79 => 1,
                _ => 2,
            };
            let mut delivers: Vec<usize> = Vec::new();
            for _ in 0..deliver_count {
                let candidate = rng.below(capability_count);
                if !delivers.contains(&candidate) {
                    delivers.push(candidate);
                }
            }

            projects.push(Project {
                domain,
                number: numbers[domain],
                subject: rng.pick(PROJECT_SUBJECTS[domain]),
                action: rng.pick(PROJECT_ACTIONS),
                site: rng.pick(PROJECT_SITES),
                duration,
                start,
                investment,
                om_per_year,
                depends_on,
                uses,
                delivers,
            });
        }
        projects
    }

    /// Gives every component nobody drew to a project after its provider,
    /// preferring one with fewer than [`MAX_USES`] components.
    fn use_every_component(
        rng: &mut SplitMix64,
        projects: &mut [Project],
        components: &[Component],
    ) {
        let mut used = vec![false; components.len()];
        for project in projects.iter() {
            for dependency in &project.uses {
                used[dependency.target] = true;
            }
        }
        for (j, component) in components.iter().enumerate().filter(|(j, _)| !used[*j]) {
            // A wave after the provider's where there is one, else just after it.
            let wave = wave_size(projects.len());
            let first = component.provided_by.map_or(0, |p| {
                let next_wave = (p / wave + 1) * wave;
                if next_wave < projects.len() {
                    next_wave
                } else {
                    p + 1
                }
            });
            let k = room(rng, first, projects, |p| p.uses.len() < MAX_USES);
            projects[k].uses.push(Dependency {
                target: j,
                link_type: LinkType::FS,
                lag: 0,
            });
        }
    }

    /// Gives every capability nobody drew to a project delivering fewer than
    /// [`MAX_DELIVERS`] (there is always one: 10 projects per capability).
    fn deliver_every_capability(
        rng: &mut SplitMix64,
        projects: &mut [Project],
        capability_count: usize,
    ) {
        let mut delivered = vec![false; capability_count];
        for project in projects.iter() {
            for &c in &project.delivers {
                delivered[c] = true;
            }
        }
        for c in (0..capability_count).filter(|c| !delivered[*c]) {
            let k = room(rng, 0, projects, |p| p.delivers.len() < MAX_DELIVERS);
            projects[k].delivers.push(c);
        }
    }

    /// Early start and finish of every node, in file order (SPEC §3 forward
    /// pass; dependencies and providers always come earlier in the file).
    fn forward_pass(&self) -> Plan {
        let mut component: Vec<Option<i64>> = self.components.iter().map(|c| c.available).collect();
        let mut project = Vec::with_capacity(self.projects.len());
        let mut provides: Vec<Vec<usize>> = vec![Vec::new(); self.projects.len()];
        for (j, c) in self.components.iter().enumerate() {
            if let Some(p) = c.provided_by {
                provides[p].push(j);
            }
        }
        let mut capability = vec![0i64; self.capabilities.len()];
        for (k, p) in self.projects.iter().enumerate() {
            let d = p.duration;
            let links = p.depends_on.iter().map(|l| {
                let (es, ef) = project[l.target];
                l.bound(es, ef, d)
            });
            let uses = p.uses.iter().map(|l| {
                let day =
                    component[l.target].expect("a component's provider comes before its users");
                l.bound(day, day, d)
            });
            let es = links.chain(uses).chain(p.start).fold(0, i64::max);
            let ef = es + d;
            project.push((es, ef));
            for &j in &provides[k] {
                component[j] = Some(ef);
            }
            for &c in &p.delivers {
                capability[c] = capability[c].max(ef);
            }
        }
        Plan {
            project,
            component: component.into_iter().map(|day| day.unwrap_or(0)).collect(),
            capability,
        }
    }

    fn header(&self) -> HeaderRecord {
        HeaderRecord {
            name: format!("Synthetic portfolio of {} projects", self.projects.len()),
            start: self.calendar.format(0),
            currency: Some("EUR".to_string()),
            ..HeaderRecord::default()
        }
    }

    fn domains(&self) -> Vec<String> {
        DOMAINS.iter().map(|(name, _)| name.to_string()).collect()
    }

    fn project_id(&self, k: usize) -> String {
        let p = &self.projects[k];
        format!(
            "P-{}-{:0w$}",
            DOMAINS[p.domain].1,
            p.number,
            w = self.widths[0]
        )
    }

    fn component_id(&self, j: usize) -> String {
        let c = &self.components[j];
        format!(
            "C-{}-{:0w$}",
            DOMAINS[c.domain].1,
            c.number,
            w = self.widths[1]
        )
    }

    fn capability_id(&self, c: usize) -> String {
        let cap = &self.capabilities[c];
        format!(
            "CAP-{}-{:0w$}",
            DOMAINS[cap.domain].1,
            cap.number,
            w = self.widths[2]
        )
    }

    fn component_record(&self, j: usize) -> ComponentRecord {
        let c = &self.components[j];
        ComponentRecord {
            id: self.component_id(j),
            name: format!("{} {}", c.stem, c.number),
            domain: Some(DOMAINS[c.domain].0.to_string()),
            provided_by: c.provided_by.map(|p| self.project_id(p)),
            available: c.available.map(|day| self.calendar.format(day)),
            ..ComponentRecord::default()
        }
    }

    fn capability_record(&self, c: usize) -> CapabilityRecord {
        let cap = &self.capabilities[c];
        CapabilityRecord {
            id: self.capability_id(c),
            name: format!("{} {}", cap.stem, cap.number),
            domain: Some(DOMAINS[cap.domain].0.to_string()),
            target: Some(self.calendar.format(cap.target)),
            legacy_om_per_year: legacy_om_per_year(c),
            ..CapabilityRecord::default()
        }
    }

    fn project_record(&self, k: usize, plan: &Plan) -> ProjectRecord {
        let p = &self.projects[k];
        ProjectRecord {
            id: self.project_id(k),
            name: format!("{} {} ({})", p.subject, p.action, p.site),
            domain: Some(DOMAINS[p.domain].0.to_string()),
            duration_days: Some(p.duration),
            start: p.start.map(|day| self.calendar.format(day)),
            finish: None,
            cost: Some(CostRecord {
                investment: Some(p.investment),
                om_per_year: p.om_per_year,
                profile: profile(k),
                authorised: self.authorised(k, plan),
            }),
            depends_on: p
                .depends_on
                .iter()
                .map(|l| l.record(self.project_id(l.target)))
                .collect(),
            uses: p
                .uses
                .iter()
                .map(|l| l.record(self.component_id(l.target)))
                .collect(),
            delivers: p.delivers.iter().map(|&c| self.capability_id(c)).collect(),
            ..ProjectRecord::default()
        }
    }

    /// Project `k`'s investment per calendar year as planned: linearly over
    /// its planned span, to EUR 10 000.
    fn planned_by_year(&self, k: usize, plan: &Plan) -> YearAmounts {
        let investment = self.projects[k].investment;
        let (es, ef) = plan.project[k];
        let year = |day: i64| self.calendar.date_of(day).expect(NEAR).year();
        let start_of = |y: i32| {
            self.calendar
                .day_of(NaiveDate::from_ymd_opt(y, 1, 1).expect(NEAR))
        };
        let days = (ef - es).max(1) as f64;
        (year(es)..=year((ef - 1).max(es)))
            .map(|y| {
                let share = if ef == es {
                    1.0
                } else {
                    (ef.min(start_of(y + 1)) - es.max(start_of(y))) as f64 / days
                };
                (y.to_string(), (investment * share / 1e4).round() * 1e4)
            })
            .collect()
    }

    /// Two projects in three have their investment authorised per calendar
    /// year as planned, so that a slip or a non-linear profile leaves money
    /// unspendable or unfunded. Derived from the plan, not drawn: the random
    /// streams of the portfolio and the status stay as they were.
    fn authorised(&self, k: usize, plan: &Plan) -> Option<YearAmounts> {
        (k % 3 != 2).then(|| self.planned_by_year(k, plan))
    }

    /// Investment ceilings per calendar year: the planned investment of the
    /// year less 2 % (a programme that has to find savings), to EUR 1 M.
    fn ceilings(&self, plan: &Plan) -> CeilingsRecord {
        let mut sums: std::collections::BTreeMap<String, f64> = std::collections::BTreeMap::new();
        for k in 0..self.projects.len() {
            for (year, amount) in self.planned_by_year(k, plan) {
                *sums.entry(year).or_default() += amount;
            }
        }
        CeilingsRecord {
            investment: Some(
                sums.into_iter()
                    .map(|(year, sum)| (year, (sum * 0.98 / 1e6).ceil() * 1e6))
                    .collect(),
            ),
            om: None,
        }
    }

    fn node_id(&self, node: NodeRef) -> String {
        match node {
            NodeRef::Project(k) => self.project_id(k),
            NodeRef::Component(j) => self.component_id(j),
            NodeRef::Capability(c) => self.capability_id(c),
        }
    }

    /// Planned (early start, early finish, duration) of a node.
    fn planned(&self, plan: &Plan, node: NodeRef) -> (i64, i64, i64) {
        match node {
            NodeRef::Project(k) => (
                plan.project[k].0,
                plan.project[k].1,
                self.projects[k].duration,
            ),
            NodeRef::Component(j) => (plan.component[j], plan.component[j], 0),
            NodeRef::Capability(c) => (plan.capability[c], plan.capability[c], 0),
        }
    }

    /// A week's status: `as_of` on the Monday on or after the median project
    /// midpoint, and about N/50 updates (at least 5 when the portfolio has
    /// that many nodes) cycling through every kind of SPEC §2, each on a
    /// project in a fitting state (finished, running, not started) when one
    /// is left. Every date is on or after day 0 and no actual finish precedes
    /// its actual start. Updates sorted by id.
    fn status(&self, plan: &Plan, seed: u64) -> StatusRecord {
        // A stream of its own, so the portfolio's stream stays as it is.
        let mut rng = SplitMix64::new(seed ^ 0x5354_4154_5553_0000);
        let mut midpoints: Vec<i64> = plan.project.iter().map(|(es, ef)| (es + ef) / 2).collect();
        midpoints.sort_unstable();
        let median = midpoints.get(midpoints.len() / 2).copied().unwrap_or(0);
        let day = median.max(0);
        let weekday = i64::from(
            self.calendar
                .date_of(day)
                .expect(NEAR)
                .weekday()
                .num_days_from_monday(),
        );
        let as_of = day + (7 - weekday) % 7;

        let mut pools = Pools::new(self, plan, as_of);
        let node_count = self.projects.len() + self.components.len() + self.capabilities.len();
        let count = (self.projects.len() / 50)
            .max(UpdateKind::ALL.len())
            .min(node_count);
        let mut updates: Vec<UpdateRecord> = (0..count)
            .filter_map(|i| {
                let kind = UpdateKind::ALL[i % UpdateKind::ALL.len()];
                let node = pools.take(&mut rng, kind.preferred())?;
                Some(self.update(&mut rng, kind, node, plan, as_of))
            })
            .collect();
        updates.sort_by(|a, b| a.id.cmp(&b.id));
        StatusRecord {
            as_of: self.calendar.format(as_of),
            updates,
        }
    }

    fn update(
        &self,
        rng: &mut SplitMix64,
        kind: UpdateKind,
        node: NodeRef,
        plan: &Plan,
        as_of: i64,
    ) -> UpdateRecord {
        let (es, ef, duration) = self.planned(plan, node);
        let date = |day: i64| Some(self.calendar.format(day));
        let mut update = UpdateRecord {
            id: self.node_id(node),
            ..UpdateRecord::default()
        };
        let notes = match kind {
            UpdateKind::Delay => {
                update.delay_days = Some(rng.between(10, 120));
                DELAY_NOTES
            }
            UpdateKind::Gain => {
                update.delay_days = Some(-rng.between(5, 45));
                GAIN_NOTES
            }
            UpdateKind::Running => {
                let started = (es + rng.between(-5, 30)).clamp(0, as_of);
                update.actual_start = date(started);
                update.remaining_days = Some((ef - as_of).max(0) + rng.between(0, 60));
                PROGRESS_NOTES
            }
            UpdateKind::Done => {
                let started = (es + rng.between(-5, 20)).clamp(0, as_of);
                let finished =
                    (started + duration + rng.between(-20, 60)).clamp(started, as_of.max(started));
                update.actual_start = date(started);
                update.actual_finish = date(finished);
                DONE_NOTES
            }
            UpdateKind::Forecast => {
                update.forecast_finish = date(ef.max(as_of) + rng.between(15, 180));
                FORECAST_NOTES
            }
        };
        if rng.chance(80) {
            update.note = Some(rng.pick(notes).to_string());
        }
        if let NodeRef::Project(k) = node {
            self.progress(&mut update, kind, k, es, ef, as_of);
        }
        update
    }

    /// Progress and cost for earned value (SPEC §2, §9), derived from the
    /// plan and the project's number rather than drawn, so the status's
    /// random stream stays as it was: a running project is somewhat behind
    /// or ahead of its planned linear progress and spends 6 % under to 6 %
    /// over its earned value; a finished one reports its final cost; a
    /// delayed one now and then a new estimate at completion.
    fn progress(
        &self,
        update: &mut UpdateRecord,
        kind: UpdateKind,
        k: usize,
        es: i64,
        ef: i64,
        as_of: i64,
    ) {
        let investment = self.projects[k].investment;
        let cost_factor = 0.94 + (k % 7) as f64 * 0.02;
        match kind {
            UpdateKind::Running => {
                let planned = ((as_of - es) as f64 / (ef - es).max(1) as f64).clamp(0.0, 1.0);
                let percent = (planned * (0.85 + (k % 5) as f64 * 0.05) * 100.0)
                    .round()
                    .clamp(0.0, 100.0);
                update.percent_complete = Some(percent);
                update.actual_cost = Some((investment * percent / 100.0 * cost_factor).round());
            }
            UpdateKind::Done => {
                update.actual_cost = Some((investment * cost_factor).round());
            }
            UpdateKind::Delay if k % 2 == 0 => {
                update.estimate_at_completion = Some((investment * 1.08).round());
            }
            _ => {}
        }
    }
}

/// The last day of the month of `day` (targets are month ends).
fn month_end(calendar: &Calendar, day: i64) -> i64 {
    let date = calendar.date_of(day).expect(NEAR);
    let (year, month) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    let next = NaiveDate::from_ymd_opt(year, month, 1).expect("a real date");
    calendar.day_of(next - Duration::days(1))
}

/// The spend profile of project `k`: every profile of SPEC §9 in turn (half
/// of the projects linear, the default, left out as people do).
fn profile(k: usize) -> Option<ProfileRecord> {
    let name = |n: &str| Some(ProfileRecord::Name(n.to_string()));
    match k % 10 {
        0 | 1 => name("front"),
        2 | 3 => name("back"),
        4 => name("bell"),
        // Milestone payments: 10 % at signature, 10 % at acceptance.
        5 => Some(ProfileRecord::Weights(vec![
            10.0, 0.0, 0.0, 0.0, 5.0, 5.0, 5.0, 5.0, 10.0, 10.0, 10.0, 10.0, 5.0, 5.0, 5.0, 5.0,
            0.0, 0.0, 0.0, 10.0,
        ])),
        _ => None,
    }
}

/// A quarter of the capabilities replace a legacy system, whose yearly O&M
/// runs on until they are delivered.
fn legacy_om_per_year(c: usize) -> Option<f64> {
    (c % 4 == 0).then_some(1_000_000.0 + (c % 7) as f64 * 250_000.0)
}

/// Hub components: a handful, used by many projects (as data centres, the
/// network and the PKI are in reality): 1 per 10 components, 1 to 10.
fn hub_count(components: usize) -> usize {
    (components / 10).clamp(1, 10).min(components)
}

/// A pick from `draw` that is not already a target in `taken`; `None` after a
/// few collisions (the project then simply has one link fewer).
fn distinct(
    rng: &mut SplitMix64,
    taken: &[Dependency],
    draw: &mut dyn FnMut(&mut SplitMix64) -> usize,
) -> Option<usize> {
    (0..8)
        .map(|_| draw(rng))
        .find(|candidate| taken.iter().all(|d| d.target != *candidate))
}

/// A random project at or after `first` that `fits`, scanning on (and
/// wrapping round to `first`) from a random start; the random start itself
/// when none fits.
fn room(
    rng: &mut SplitMix64,
    first: usize,
    projects: &[Project],
    fits: impl Fn(&Project) -> bool,
) -> usize {
    let span = projects.len() - first;
    let start = rng.below(span);
    (0..span)
        .map(|offset| first + (start + offset) % span)
        .find(|&k| fits(&projects[k]))
        .unwrap_or(first + start)
}

/// The kinds of update a generated status file cycles through.
#[derive(Debug, Clone, Copy)]
enum UpdateKind {
    /// `delay_days` > 0.
    Delay,
    /// `actual_start` + `remaining_days`.
    Running,
    /// `actual_start` + `actual_finish`.
    Done,
    /// `forecast_finish`.
    Forecast,
    /// `delay_days` < 0.
    Gain,
}

impl UpdateKind {
    const ALL: [UpdateKind; 5] = [
        UpdateKind::Delay,
        UpdateKind::Running,
        UpdateKind::Done,
        UpdateKind::Forecast,
        UpdateKind::Gain,
    ];

    /// The project states this kind of update fits, best first.
    fn preferred(self) -> &'static [State] {
        match self {
            UpdateKind::Delay => &[State::NotStarted, State::Running],
            UpdateKind::Gain => &[State::NotStarted],
            UpdateKind::Running | UpdateKind::Forecast => &[State::Running],
            UpdateKind::Done => &[State::Finished],
        }
    }
}

/// Where a project stands at `as_of` by the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Finished,
    Running,
    NotStarted,
}

/// The nodes not yet updated: projects by state, then components and capabilities.
struct Pools {
    /// Indexed by `State as usize`.
    projects: [Vec<usize>; 3],
    others: Vec<NodeRef>,
}

impl Pools {
    fn new(synthetic: &Synthetic, plan: &Plan, as_of: i64) -> Self {
        let mut projects: [Vec<usize>; 3] = Default::default();
        for (k, &(es, ef)) in plan.project.iter().enumerate() {
            let state = if ef <= as_of {
                State::Finished
            } else if es <= as_of {
                State::Running
            } else {
                State::NotStarted
            };
            projects[state as usize].push(k);
        }
        // Popped from the back: components first, then capabilities.
        let others = (0..synthetic.capabilities.len())
            .rev()
            .map(NodeRef::Capability)
            .chain(
                (0..synthetic.components.len())
                    .rev()
                    .map(NodeRef::Component),
            )
            .collect();
        Pools { projects, others }
    }

    /// A random project in one of the `preferred` states, else in any state,
    /// else a component or capability; `None` when every node has an update.
    fn take(&mut self, rng: &mut SplitMix64, preferred: &[State]) -> Option<NodeRef> {
        let any = [State::Running, State::NotStarted, State::Finished];
        for state in preferred.iter().chain(&any) {
            let pool = &mut self.projects[*state as usize];
            if !pool.is_empty() {
                let k = pool.swap_remove(rng.below(pool.len()));
                return Some(NodeRef::Project(k));
            }
        }
        self.others.pop()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn options(projects: usize) -> GenerateOptions {
        GenerateOptions { projects, seed: 1 }
    }

    fn link_parts(link: &LinkRecord) -> (&str, &str, i64) {
        match link {
            LinkRecord::Id(id) => (id, "FS", 0),
            LinkRecord::Full {
                id,
                link_type,
                lag_days,
            } => (
                id,
                link_type.as_deref().unwrap_or("FS"),
                lag_days.unwrap_or(0),
            ),
        }
    }

    #[test]
    fn splitmix64_matches_the_reference_stream() {
        // First outputs of the reference C implementation seeded with 0
        // (Vigna's splitmix64.c), recomputed independently in Python.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn written_portfolio_is_exactly_the_records() {
        // The hand-written framing (keys, brackets, newlines) must add nothing
        // and lose nothing: parse it back and compare with the records.
        for n in [0, 1, 57] {
            let mut bytes = Vec::new();
            write_portfolio(&options(n), &mut bytes).unwrap();
            let written: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            let expected = serde_json::to_value(portfolio_record(&options(n))).unwrap();
            assert_eq!(written, expected, "{n} projects");
            assert!(bytes.ends_with(b"}\n"));
        }
    }

    #[test]
    fn written_status_is_exactly_the_records() {
        let mut bytes = Vec::new();
        write_status(&options(300), &mut bytes).unwrap();
        let written: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            written,
            serde_json::to_value(status_record(&options(300))).unwrap()
        );
    }

    #[test]
    fn one_project_per_line() {
        let mut bytes = Vec::new();
        write_portfolio(&options(40), &mut bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let project_lines = text
            .lines()
            .filter(|l| l.starts_with("{\"id\":\"P-"))
            .count();
        assert_eq!(project_lines, 40);
    }

    #[test]
    fn counts_follow_the_number_of_projects() {
        // N/20 components and N/10 capabilities, at least one of each.
        for (n, components, capabilities) in [
            (1, 1, 1),
            (19, 1, 1),
            (20, 1, 2),
            (1000, 50, 100),
            (1019, 50, 101),
        ] {
            let record = portfolio_record(&options(n));
            assert_eq!(record.projects.len(), n);
            assert_eq!(record.components.len(), components, "{n} projects");
            assert_eq!(record.capabilities.len(), capabilities, "{n} projects");
        }
        let empty = portfolio_record(&options(0));
        assert!(empty.components.is_empty() && empty.capabilities.is_empty());
    }

    #[test]
    fn ids_are_padded_so_byte_order_is_file_order_within_a_domain() {
        let record = portfolio_record(&options(1000));
        // 1000 has 4 digits: P-COM-0001 … ; 50 components and 100 capabilities: 3 digits.
        let mut last: HashMap<&str, &str> = HashMap::new();
        for p in &record.projects {
            let (prefix, number) = p.id.rsplit_once('-').unwrap();
            assert!(["P-COM", "P-COR", "P-CYB"].contains(&prefix), "{}", p.id);
            assert_eq!(number.len(), 4, "{}", p.id);
            if let Some(previous) = last.insert(prefix, &p.id) {
                assert!(previous < p.id.as_str(), "{previous} before {}", p.id);
            }
        }
        assert!(record
            .components
            .iter()
            .all(|c| c.id.len() == "C-COM-001".len()));
        assert!(record
            .capabilities
            .iter()
            .all(|c| c.id.len() == "CAP-COM-001".len()));
    }

    #[test]
    fn links_point_backwards_so_the_graph_is_acyclic() {
        let record = portfolio_record(&options(2000));
        let position: HashMap<&str, usize> = record
            .projects
            .iter()
            .enumerate()
            .map(|(k, p)| (p.id.as_str(), k))
            .collect();
        let provider: HashMap<&str, usize> = record
            .components
            .iter()
            .filter_map(|c| Some((c.id.as_str(), position[c.provided_by.as_deref()?])))
            .collect();
        for (k, p) in record.projects.iter().enumerate() {
            assert!(p.depends_on.len() <= 4);
            for link in &p.depends_on {
                assert!(
                    position[link_parts(link).0] < k,
                    "{} depends on a later project",
                    p.id
                );
            }
            for link in &p.uses {
                if let Some(&q) = provider.get(link_parts(link).0) {
                    assert!(q < k, "{} uses a component provided after it", p.id);
                }
            }
        }
    }

    #[test]
    fn shaped_like_a_real_portfolio() {
        let n = 2000;
        let record = portfolio_record(&options(n));
        let mut types: HashMap<&str, usize> = HashMap::new();
        let mut negative_lags = 0;
        let mut users: HashMap<&str, usize> = HashMap::new();
        for p in &record.projects {
            assert!((30..=700).contains(&p.duration_days.unwrap()));
            assert!(
                (1..=6).contains(&p.uses.len()),
                "{} uses {}",
                p.id,
                p.uses.len()
            );
            assert!(p.delivers.len() <= 2);
            for link in &p.depends_on {
                let (_, link_type, lag) = link_parts(link);
                *types.entry(link_type).or_default() += 1;
                negative_lags += usize::from(lag < 0);
            }
            for link in &p.uses {
                *users.entry(link_parts(link).0).or_default() += 1;
            }
        }
        // Mostly FS, and every other type present.
        let total: usize = types.values().sum();
        assert!(types["FS"] * 2 > total, "{types:?}");
        assert!(
            types["SS"] > 0 && types["FF"] > 0 && types["SF"] > 0,
            "{types:?}"
        );
        assert!(negative_lags > 0);
        // Hubs: a handful of components each used by far more than the
        // average (about 3.5 uses × 2000 projects / 100 components = 70).
        let busy = users.values().filter(|u| **u > 200).count();
        assert!((3..=10).contains(&busy), "{busy} hub components");
        // About half the components are provided by a project.
        let provided = record
            .components
            .iter()
            .filter(|c| c.provided_by.is_some())
            .count();
        assert!((30..=70).contains(&provided), "{provided} of 100 provided");
        let starts = record.projects.iter().filter(|p| p.start.is_some()).count();
        assert!(starts > 0 && starts < n / 10, "{starts} start constraints");
    }

    #[test]
    fn status_mixes_every_kind_of_update() {
        let status = status_record(&options(1000));
        // 1000 / 50 = 20 updates, each kind four times.
        assert_eq!(status.updates.len(), 20);
        let has = |f: fn(&UpdateRecord) -> bool| status.updates.iter().filter(|u| f(u)).count();
        assert_eq!(has(|u| u.delay_days.is_some_and(|d| d > 0)), 4);
        assert_eq!(has(|u| u.delay_days.is_some_and(|d| d < 0)), 4);
        assert_eq!(has(|u| u.actual_finish.is_some()), 4);
        assert_eq!(has(|u| u.remaining_days.is_some()), 4);
        assert_eq!(has(|u| u.forecast_finish.is_some()), 4);
        assert!(has(|u| u.note.is_some()) > 10);
        for u in &status.updates {
            if let (Some(start), Some(finish)) = (&u.actual_start, &u.actual_finish) {
                assert!(start <= finish, "{}", u.id);
                assert!(finish <= &status.as_of, "{} finished after as_of", u.id);
            }
        }
        let mut ids: Vec<&str> = status.updates.iter().map(|u| u.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 20, "one update per id, sorted");
    }

    #[test]
    fn as_of_is_a_monday() {
        for n in [0, 1, 500] {
            let as_of =
                crate::model::calendar::parse_date(&status_record(&options(n)).as_of).unwrap();
            assert_eq!(as_of.weekday(), chrono::Weekday::Mon, "{n} projects");
        }
    }

    #[test]
    fn month_end_of_a_leap_february() {
        let calendar = Calendar::new(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        // 2028-02-10 is day 365 + 365 + 365 + 31 + 9 = 1135 (2025–2027 are not leap years).
        assert_eq!(calendar.format(month_end(&calendar, 1135)), "2028-02-29");
        assert_eq!(calendar.format(month_end(&calendar, 364)), "2025-12-31");
    }
}
