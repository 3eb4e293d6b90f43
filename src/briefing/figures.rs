//! The figures of the weekly briefing (SPEC §8) that compare schedules:
//! capability status (RAG) with the change since last week, critical-path
//! changes and float erosion.
//!
//! # Complexity
//! O(V) beyond the schedules it is given.

use petgraph::graph::NodeIndex;

use crate::error::Error;
use crate::model::records::UpdateRecord;
use crate::model::{NodeKind, Portfolio, Relation, Status, Weeks};

use crate::analysis::impact::Impact;
use crate::analysis::options::{OptionSpec, OptionsComparison};
use crate::analysis::risk::RiskAnalysis;
use crate::analysis::scenario::Scenario;
use crate::analysis::schedule::{CapabilityDate, DrivingSteps, Schedule, ScheduleOptions};
use crate::briefing::document::ROWS_SHOWN;

/// Thresholds of the briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BriefingOptions {
    /// A capability whose margin is below this many days (and not negative) is at risk.
    pub amber_days: i64,
    /// A fall in total float of at least this many days since last week is erosion.
    pub erosion_days: i64,
}

impl Default for BriefingOptions {
    fn default() -> Self {
        BriefingOptions {
            amber_days: 30,
            erosion_days: 10,
        }
    }
}

/// Red (late), amber (at risk), green (on track); capabilities without a
/// target have no status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rag {
    Red,
    Amber,
    Green,
    #[serde(rename = "no-target")]
    NoTarget,
}

impl Rag {
    /// RAG of a margin: red below 0, amber below `amber_days`, else green.
    pub fn of(margin: Option<i64>, amber_days: i64) -> Rag {
        match margin {
            None => Rag::NoTarget,
            Some(m) if m < 0 => Rag::Red,
            Some(m) if m < amber_days => Rag::Amber,
            Some(_) => Rag::Green,
        }
    }

    /// A word that reads without colour.
    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "RED (late)",
            Rag::Amber => "AMBER (at risk)",
            Rag::Green => "GREEN (on track)",
            Rag::NoTarget => "no target",
        }
    }
}

/// One capability this week, against the baseline and last week. The
/// figures add up: margin = baseline margin − slip, and margin = last
/// week's margin + change since last week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapabilityStatus {
    pub date: CapabilityDate,
    pub baseline_finish: i64,
    /// target − baseline finish: the lateness (negative) or room already in
    /// the plan before any update.
    pub baseline_margin: Option<i64>,
    /// This week's finish − the baseline finish: what the updates added.
    pub slip: i64,
    /// Last week's forecast finish and margin, with `--previous`.
    pub previous_finish: Option<i64>,
    pub previous_margin: Option<i64>,
    pub rag: Rag,
}

impl CapabilityStatus {
    /// Change of margin since last week (negative: worse).
    pub fn margin_change(&self) -> Option<i64> {
        Some(self.date.margin? - self.previous_margin?)
    }

    /// Change of finish since last week (positive: later).
    pub fn finish_change(&self) -> Option<i64> {
        Some(self.date.finish - self.previous_finish?)
    }
}

/// A node whose total float fell by at least the erosion threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Erosion {
    pub node: NodeIndex,
    pub previous_float: i64,
    pub float: i64,
}

/// What changed on the critical path since last week.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CriticalPathChange {
    /// On the critical path now, not last week (by id).
    pub entered: Vec<NodeIndex>,
    /// On it last week, not now (by id).
    pub left: Vec<NodeIndex>,
    /// Float erosion, largest fall first, then id.
    pub erosion: Vec<Erosion>,
}

/// Capability status this week (`impact`: baseline against this week), with
/// last week's figures when given (`since`: last week against this week).
pub fn capability_status(
    impact: &Impact,
    since: Option<&Impact>,
    options: &BriefingOptions,
) -> Vec<CapabilityStatus> {
    let baseline = &impact.reference;
    let previous_dates = since.map(|s| s.reference.capabilities());
    impact
        .updated
        .capabilities()
        .into_iter()
        .enumerate()
        .map(|(i, date)| {
            let last = previous_dates.as_ref().map(|d| &d[i]);
            let baseline_finish = baseline.times(date.node).ef;
            CapabilityStatus {
                baseline_finish,
                baseline_margin: date.target.map(|t| t - baseline_finish),
                slip: date.finish - baseline_finish,
                previous_finish: last.map(|l| l.finish),
                previous_margin: last.and_then(|l| l.margin),
                rag: Rag::of(date.margin, options.amber_days),
                date,
            }
        })
        .collect()
}

/// Critical-path entries and exits and float erosion between last week and now.
pub fn critical_path_change(
    portfolio: &Portfolio,
    current: &Schedule,
    previous: &Schedule,
    options: &BriefingOptions,
) -> CriticalPathChange {
    let on = |schedule: &Schedule| {
        let mut flags = vec![false; portfolio.node_count()];
        for n in &schedule.critical_path {
            flags[n.index()] = true;
        }
        flags
    };
    let (now, before) = (on(current), on(previous));
    let by_id = portfolio.nodes_by_id();
    let entered = by_id
        .iter()
        .copied()
        .filter(|n| now[n.index()] && !before[n.index()])
        .collect();
    let left = by_id
        .iter()
        .copied()
        .filter(|n| before[n.index()] && !now[n.index()])
        .collect();
    let mut erosion: Vec<Erosion> = by_id
        .iter()
        .copied()
        .filter_map(|node| {
            let float = current.times(node).total_float;
            let previous_float = previous.times(node).total_float;
            (previous_float - float >= options.erosion_days).then_some(Erosion {
                node,
                previous_float,
                float,
            })
        })
        .collect();
    erosion.sort_by_key(|e| (e.float - e.previous_float, portfolio.id_rank(e.node)));
    CriticalPathChange {
        entered,
        left,
        erosion,
    }
}

/// How this week's update of a node compares with last week's.
#[derive(Debug, Clone, PartialEq)]
pub enum News {
    /// Last week had no update of this node.
    New,
    /// Last week's update of this node said something else (given).
    Changed(UpdateRecord),
    /// The same update as last week: old news.
    Unchanged,
}

/// What one update of this week moved, against the baseline and, with
/// `--previous`, since last week.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateEffect {
    /// Position of the update in the status file.
    pub update: usize,
    pub node: NodeIndex,
    /// The updated node's own finish, new − baseline.
    pub own_slip: i64,
    /// Whether the update (or, with `--previous`, last week's update it
    /// changes) sets a date field (SPEC §2); one that reports only progress,
    /// money or a note moves nothing itself.
    pub moves_dates: bool,
    /// Impacted nodes whose impact chain starts at this update (itself
    /// excluded), largest slip first, then id.
    pub moved: Vec<NodeIndex>,
    /// With `--previous`: new, changed or unchanged since last week.
    pub news: Option<News>,
    /// With `--previous`: the node's own finish, this week − last week.
    pub own_change: Option<i64>,
    /// With `--previous`: nodes whose chain from last week to this week
    /// starts at this update (itself excluded), largest slip first, then id.
    pub moved_since_last_week: Vec<NodeIndex>,
}

/// A shared component whose availability slipped, with who builds on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentAtRisk {
    pub node: NodeIndex,
    pub slip: i64,
    /// Projects that use it, by id.
    pub users: Vec<NodeIndex>,
    /// The users' distinct domains, sorted.
    pub domains: Vec<String>,
}

/// How many capabilities are red, amber and green (without target: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RagCounts {
    pub late: usize,
    pub at_risk: usize,
    pub on_track: usize,
    pub no_target: usize,
}

/// Every figure of the weekly briefing (SPEC §8).
#[derive(Debug, Clone)]
pub struct Briefing<'p> {
    /// The weeks analysed: this week's status and, with `--previous`, last
    /// week's, both of one portfolio.
    weeks: &'p Weeks<'p>,
    /// Baseline (no updates) against this week.
    pub impact: Impact<'p>,
    /// Last week's schedule, with `--previous`.
    pub previous: Option<Schedule<'p>>,
    /// With `--previous`: last week against this week (`impact --from
    /// previous --status this`): what changed since last week.
    pub since_last_week: Option<Impact<'p>>,
    /// With `--previous`: last week's updates that this week's file no
    /// longer has, by id.
    pub withdrawn: Vec<UpdateRecord>,
    pub capabilities: Vec<CapabilityStatus>,
    /// The steps of this week's capabilities' driving paths
    /// ([`Schedule::capability_steps`]), followed where a path is shown.
    pub driving_steps: DrivingSteps,
    pub counts: RagCounts,
    /// With `--previous`.
    pub critical_path_change: Option<CriticalPathChange>,
    pub updates: Vec<UpdateEffect>,
    pub components_at_risk: Vec<ComponentAtRisk>,
    /// The recovery each late capability needs and, with `--option`, the
    /// what-ifs on top of this week side by side (SPEC §4 "Options").
    pub recovery: OptionsComparison<'p>,
    pub options: BriefingOptions,
    /// This week's schedule risk, when any project has a range.
    pub risk: Option<RiskAnalysis<'p>>,
}

impl<'p> Briefing<'p> {
    /// Computes the three schedules (baseline, this week, last week when
    /// `weeks` has it) and every comparison the briefing shows, on the
    /// weeks' portfolio.
    pub fn compute(
        weeks: &'p Weeks<'p>,
        what_ifs: &[OptionSpec],
        options: &BriefingOptions,
    ) -> Result<Briefing<'p>, Error> {
        let portfolio = weeks.portfolio();
        let status = weeks.this_week();
        let schedule_options = ScheduleOptions::default();
        // The briefing lists the first ROWS_SHOWN recoveries, counts the rest.
        let recovery =
            OptionsComparison::compute_first(status, what_ifs, &schedule_options, ROWS_SHOWN)?;
        let (impact, since_last_week) = rayon::join(
            || Impact::compute(status, &schedule_options),
            || Scenario::between(weeks).map(|s| Impact::between(&s, &schedule_options)),
        );
        let previous_schedule = since_last_week.as_ref().map(|s| s.reference.clone());
        let withdrawn = since_last_week
            .as_ref()
            .map(|s| {
                s.sources
                    .iter()
                    .filter(|source| source.removed)
                    .map(|source| source.update.clone())
                    .collect()
            })
            .unwrap_or_default();
        let previous = previous_schedule;
        let capabilities = capability_status(&impact, since_last_week.as_ref(), options);
        let driving_steps = impact.updated.capability_steps();
        let mut counts = RagCounts::default();
        for c in &capabilities {
            match c.rag {
                Rag::Red => counts.late += 1,
                Rag::Amber => counts.at_risk += 1,
                Rag::Green => counts.on_track += 1,
                Rag::NoTarget => counts.no_target += 1,
            }
        }
        let critical_path_change = previous
            .as_ref()
            .map(|p| critical_path_change(portfolio, &impact.updated, p, options));
        let updates = update_effects(portfolio, status, &impact, since_last_week.as_ref());
        let components_at_risk = components_at_risk(portfolio, &impact);
        Ok(Briefing {
            weeks,
            impact,
            previous,
            since_last_week,
            withdrawn,
            capabilities,
            driving_steps,
            counts,
            critical_path_change,
            updates,
            components_at_risk,
            recovery,
            options: *options,
            risk: crate::briefing::risk::simulate(status),
        })
    }

    /// The portfolio of the weeks.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.weeks.portfolio()
    }

    /// This week's status.
    pub fn status(&self) -> &'p Status<'p> {
        self.weeks.this_week()
    }

    /// Last week's status, with `--previous`.
    pub fn previous_status(&self) -> Option<&'p Status<'p>> {
        self.weeks.last_week()
    }

    /// Last week's portfolio finish, with `--previous`.
    pub fn previous_finish(&self) -> Option<i64> {
        self.previous.as_ref().map(|p| p.finish)
    }
}

/// What each update moved: the impacted nodes whose story chain starts there,
/// against the baseline and, with `since`, since last week. With `since`,
/// new and changed updates come first, then the unchanged ones; by id within.
///
/// # Complexity
/// O(V): the chains form a forest, whose roots are found in one pass in
/// topological order.
pub fn update_effects(
    portfolio: &Portfolio,
    status: &Status,
    impact: &Impact,
    since: Option<&Impact>,
) -> Vec<UpdateEffect> {
    let mut moved = moved_by_source(portfolio, impact);
    let mut moved_since = since.map(|s| moved_by_source(portfolio, s));
    let news_of = |node: NodeIndex| -> Option<News> {
        let since = since?;
        Some(
            match since.sources.iter().find(|s| s.node == node && !s.removed) {
                None => News::Unchanged,
                Some(source) => match &source.previous {
                    None => News::New,
                    Some(previous) => News::Changed(previous.clone()),
                },
            },
        )
    };
    let mut effects: Vec<UpdateEffect> = status
        .updates()
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let news = news_of(u.node);
            UpdateEffect {
                update: i,
                node: u.node,
                own_slip: impact.slip(u.node),
                // Last week's dates, taken back, move things too.
                moves_dates: u.record.sets_dates()
                    || matches!(&news, Some(News::Changed(previous)) if previous.sets_dates()),
                moved: std::mem::take(&mut moved[u.node.index()]),
                news,
                own_change: since.map(|s| s.slip(u.node)),
                moved_since_last_week: moved_since
                    .as_mut()
                    .map(|m| std::mem::take(&mut m[u.node.index()]))
                    .unwrap_or_default(),
            }
        })
        .collect();
    effects.sort_by_key(|e| {
        let old = matches!(e.news, Some(News::Unchanged));
        (old, portfolio.id_rank(e.node))
    });
    effects
}

/// For each node, the impacted nodes whose story chain starts at it (itself
/// excluded), in the impact's order (largest slip first, then id): an
/// update that only reports progress moves nothing, what reached it is
/// credited to the update that moved the dates ([`Impact::story_chain`]).
fn moved_by_source(portfolio: &Portfolio, impact: &Impact) -> Vec<Vec<NodeIndex>> {
    // The first node of each chain: chains only step back along links, so
    // in topological order a node's predecessor on its chain comes first.
    let mut first: Vec<NodeIndex> = (0..portfolio.node_count()).map(NodeIndex::new).collect();
    for &node in portfolio.topological_order() {
        if let Some(previous) = impact.story_via(node) {
            first[node.index()] = first[previous.index()];
        }
    }
    let mut moved: Vec<Vec<NodeIndex>> = vec![Vec::new(); portfolio.node_count()];
    for &node in &impact.impacted {
        let start = first[node.index()];
        if start != node {
            moved[start.index()].push(node);
        }
    }
    moved
}

/// Components whose finish slipped, with their users and the users' domains;
/// largest slip first, then id.
pub fn components_at_risk(portfolio: &Portfolio, impact: &Impact) -> Vec<ComponentAtRisk> {
    impact
        .impacted
        .iter()
        .copied()
        .filter(|n| portfolio.node(*n).kind == NodeKind::Component)
        .map(|node| {
            let mut users: Vec<NodeIndex> = portfolio
                .outgoing(node)
                .iter()
                .filter(|l| l.link.relation == Relation::Uses)
                .map(|l| l.node)
                .collect();
            users.sort_by_key(|u| portfolio.id_rank(*u));
            users.dedup();
            let mut domains: Vec<String> = users
                .iter()
                .filter_map(|u| portfolio.node(*u).domain.clone())
                .collect();
            domains.sort();
            domains.dedup();
            ComponentAtRisk {
                node,
                slip: impact.slip(node),
                users,
                domains,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::schedule::ScheduleOptions;
    use crate::model::portfolio_from_str;
    use crate::model::testing::two_weeks;

    #[test]
    fn rag_thresholds() {
        assert_eq!(Rag::of(Some(-1), 30), Rag::Red);
        assert_eq!(Rag::of(Some(0), 30), Rag::Amber);
        assert_eq!(Rag::of(Some(29), 30), Rag::Amber);
        assert_eq!(Rag::of(Some(30), 30), Rag::Green);
        assert_eq!(Rag::of(None, 30), Rag::NoTarget);
    }

    #[test]
    fn week_over_week_changes() {
        // A(10) → C(5) → CAP (target 2025-01-21 = day 20); B(12) alone.
        // Last week (A +1): A EF 11, C EF 16, CAP EF 16 = T; B TF = 16 − 12 = 4.
        //   C and CAP tie for the last finish; "C" < "CAP", so the critical
        //   path is A → C. CAP margin 20 − 16 = 4.
        // This week (B +20): B EF 32 = T, critical. C: LF = LS(CAP) = 32,
        //   LS 27, TF 17; A: LF 27, LS 17, TF 17. CAP EF 15, margin 5:
        //   change +1, amber (< 30). Entered: B. Left: A, C.
        //   Erosion ≥ 10: none (B fell 4 → 0, only 4 days).
        let text = r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
            "capabilities": [{"id": "CAP", "name": "cap", "target": "2025-01-21"}],
            "projects": [{"id": "A", "name": "a", "duration_days": 10},
                         {"id": "B", "name": "b", "duration_days": 12},
                         {"id": "C", "name": "c", "duration_days": 5, "depends_on": ["A"], "delivers": ["CAP"]}]}"#;
        let p = portfolio_from_str(text, "t.json").value.expect("valid");
        let weeks = two_weeks(
            &p,
            r#"{"as_of": "2025-01-02", "updates": [{"id": "A", "delay_days": 1}]}"#,
            r#"{"as_of": "2025-01-09", "updates": [{"id": "B", "delay_days": 20}]}"#,
        );
        let o = ScheduleOptions::default();
        let impact = Impact::compute(weeks.this_week(), &o);
        let since = Impact::between(&Scenario::between(&weeks).expect("last week"), &o);
        let (previous, current) = (&since.reference, &impact.updated);
        let options = BriefingOptions::default();
        let caps = capability_status(&impact, Some(&since), &options);
        assert_eq!(caps[0].date.margin, Some(5));
        assert_eq!(caps[0].previous_margin, Some(4));
        assert_eq!(caps[0].margin_change(), Some(1));
        assert_eq!(caps[0].rag, Rag::Amber);
        let change = critical_path_change(&p, current, previous, &options);
        let ids = |v: &[NodeIndex]| v.iter().map(|n| p.id(*n).to_string()).collect::<Vec<_>>();
        assert_eq!(ids(&change.entered), ["B"]);
        assert_eq!(ids(&change.left), ["A", "C"]);
        assert!(change.erosion.is_empty());
        // With a 4-day threshold B's fall from 4 to 0 counts.
        let tight = BriefingOptions {
            erosion_days: 4,
            ..options
        };
        let change = critical_path_change(&p, current, previous, &tight);
        assert_eq!(change.erosion.len(), 1);
        assert_eq!(
            (
                p.id(change.erosion[0].node),
                change.erosion[0].previous_float,
                change.erosion[0].float
            ),
            ("B", 4, 0)
        );
    }
}
