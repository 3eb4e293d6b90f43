//! A Primavera P6 XER schedule read into a portfolio and a status file
//! (SPEC §10).
//!
//! - Activities become projects (milestones with duration 0); WBS summary
//!   and level-of-effort activities become no node, and links to them are
//!   left out (counted). The WBS path goes into `attributes.wbs`.
//! - Links keep their type; lags in working hours become calendar days on
//!   the calendar P6's scheduling options name (the predecessor's by default).
//! - "Start on or after" constraints become `start`; other constraints are
//!   listed as left out.
//! - The data date becomes `as_of`. P6 schedules remaining work from the
//!   data date, so a not-started activity gets `start` = the data date (or
//!   its later start constraint).
//! - Actual starts and finishes become status updates; an activity in
//!   progress also gets `remaining_days`, and its duration is its
//!   at-completion duration (days so far + remaining), as P6 counts it.
//!   A not-started activity's duration is its remaining duration (which P6
//!   schedules).
//! - The budgeted cost of its resource assignments becomes `cost.investment`.
//!
//! # Complexity
//! O(A + L + W) for A activities, L links and W WBS nodes.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::calendar::format_date;
use crate::model::records::{ProjectRecord, UpdateRecord};
use crate::model::{Problem, ProblemCode};

use super::imported::{activity_record, link_record, ImportSummary, ScheduleImport, SourceDates};
use super::working_time::{parse_date_time, WorkWeek};
use super::xer::{Row, Table, Xer};

/// What to read.
#[derive(Debug, Clone, Default)]
pub struct P6Options {
    /// The project (short name or id) of a multi-project file.
    pub project: Option<String>,
}

/// A table's rows read by field name.
struct Fields<'t> {
    table: &'t Table,
    name: &'static str,
}

impl<'t> Fields<'t> {
    /// The column of `field`, or a problem naming the table and field.
    fn column(&self, field: &str, file: &str, problems: &mut Vec<Problem>) -> usize {
        match self.table.column(field) {
            Some(c) => c,
            None => {
                problems.push(Problem::new(
                    ProblemCode::MissingField,
                    file,
                    self.name,
                    format!("table {} has no field {field}", self.name),
                ));
                usize::MAX
            }
        }
    }
}

fn table<'x>(
    xer: &'x Xer,
    name: &'static str,
    file: &str,
    problems: &mut Vec<Problem>,
) -> Option<Fields<'x>> {
    match xer.tables.get(name) {
        Some(table) => Some(Fields { table, name }),
        None => {
            problems.push(
                Problem::new(
                    ProblemCode::MissingField,
                    file,
                    name,
                    format!("the file has no {name} table"),
                )
                .with_hint(Some(
                    "export the whole project from P6 (File → Export → XER)".to_string(),
                )),
            );
            None
        }
    }
}

/// Reads P6's calendars: hours a day and a week, and each weekday's end of
/// work (from `clndr_data`'s `DaysOfWeek`; P6 numbers Sunday 1).
fn work_weeks(calendars: &Table) -> HashMap<String, WorkWeek> {
    let column = |f: &str| calendars.column(f).unwrap_or(usize::MAX);
    let (id, day, week, data) = (
        column("clndr_id"),
        column("day_hr_cnt"),
        column("week_hr_cnt"),
        column("clndr_data"),
    );
    calendars
        .rows
        .iter()
        .map(|row| {
            let standard = WorkWeek::standard();
            let day_hours = row.get(day).parse().unwrap_or(standard.day_hours);
            let week_hours = row.get(week).parse().unwrap_or(standard.week_hours);
            let day_end = day_ends(row.get(data)).unwrap_or(standard.day_end);
            (
                row.get(id).to_string(),
                WorkWeek {
                    day_hours,
                    week_hours,
                    day_end,
                },
            )
        })
        .collect()
}

/// Each weekday's latest finish of work, Monday first, from P6's
/// `clndr_data` text (`(0||2()( (0||0(s|08:00|f|16:00)()) ))` …).
fn day_ends(data: &str) -> Option<[Option<u32>; 7]> {
    let start = data.find("DaysOfWeek")?;
    let end = data[start..]
        .find("VIEW")
        .or_else(|| data[start..].find("Exceptions"))
        .map_or(data.len(), |e| start + e);
    let section = &data[start..end];
    let mut ends = [None; 7];
    let mut weekday: Option<usize> = None;
    for piece in section.split("(0||").skip(1) {
        let digits: String = piece.chars().take_while(char::is_ascii_digit).collect();
        let rest = &piece[digits.len()..];
        if rest.starts_with("()") {
            // A weekday: 1 Sunday … 7 Saturday → Monday first.
            weekday = digits
                .parse::<usize>()
                .ok()
                .filter(|d| (1..=7).contains(d))
                .map(|d| (d + 5) % 7);
        } else if let (Some(day), Some(f)) = (weekday, rest.find("f|")) {
            let time = rest.get(f + 2..f + 7).unwrap_or("");
            let minutes = time
                .split_once(':')
                .and_then(|(h, m)| Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?));
            if let Some(minutes) = minutes {
                let minutes = if minutes == 0 { 24 * 60 } else { minutes };
                ends[day] = Some(ends[day].map_or(minutes, |e: u32| e.max(minutes)));
            }
        }
    }
    Some(ends)
}

/// Reads a P6 XER file's text into records. Every problem of the file is
/// reported at once (missing tables and fields, unknown link types, links
/// to unknown activities, unreadable dates and numbers).
pub fn import_p6(
    xer: &Xer,
    file: &str,
    options: &P6Options,
) -> Result<ScheduleImport, Vec<Problem>> {
    let mut problems = Vec::new();
    let projects = table(xer, "PROJECT", file, &mut problems);
    let calendars = table(xer, "CALENDAR", file, &mut problems);
    let tasks = table(xer, "TASK", file, &mut problems);
    let links = table(xer, "TASKPRED", file, &mut problems);
    let (Some(projects), Some(calendars), Some(tasks), Some(links)) =
        (projects, calendars, tasks, links)
    else {
        return Err(problems);
    };

    // The project.
    let p_id = projects.column("proj_id", file, &mut problems);
    let p_short = projects.column("proj_short_name", file, &mut problems);
    let p_recalc = projects.column("last_recalc_date", file, &mut problems);
    let p_start = projects.column("plan_start_date", file, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let project = match pick_project(&projects.table.rows, p_id, p_short, options, file) {
        Ok(row) => row,
        Err(problem) => return Err(vec![*problem]),
    };
    let project_id = project.get(p_id).to_string();
    let project_name = project.get(p_short).to_string();
    let data_date = read_date_time(
        project,
        p_recalc,
        "PROJECT",
        "last_recalc_date",
        file,
        &mut problems,
    );
    let plan_start = parse_date_time(project.get(p_start)).map(|d| d.date());

    let weeks = work_weeks(calendars.table);
    let default_week = xer
        .tables
        .get("PROJECT")
        .and_then(|t| t.column("clndr_id"))
        .and_then(|c| weeks.get(project.get(c)).copied())
        .unwrap_or_else(WorkWeek::standard);
    let lag_calendar = xer
        .tables
        .get("SCHEDOPTIONS")
        .and_then(|t| {
            let c = t.column("sched_calendar_on_relationship_lag")?;
            let p = t.column("proj_id")?;
            t.rows
                .iter()
                .find(|r| r.get(p) == project_id)
                .map(|r| r.get(c).to_string())
        })
        .unwrap_or_else(|| "rcal_Predecessor".to_string());

    // WBS paths.
    let wbs_paths = xer
        .tables
        .get("PROJWBS")
        .map(|t| wbs_paths(t, &project_id))
        .unwrap_or_default();

    // Costs: the budgeted cost of each activity's resource assignments.
    let mut costs: HashMap<String, f64> = HashMap::new();
    if let Some(assignments) = xer.tables.get("TASKRSRC") {
        if let (Some(task), Some(cost)) = (
            assignments.column("task_id"),
            assignments.column("target_cost"),
        ) {
            for row in &assignments.rows {
                if let Ok(amount) = row.get(cost).parse::<f64>() {
                    *costs.entry(row.get(task).to_string()).or_default() += amount;
                }
            }
        }
    }

    // Activities.
    let col = |name: &str, problems: &mut Vec<Problem>| tasks.column(name, file, problems);
    let t_id = col("task_id", &mut problems);
    let t_proj = col("proj_id", &mut problems);
    let t_wbs = col("wbs_id", &mut problems);
    let t_cal = col("clndr_id", &mut problems);
    let t_type = col("task_type", &mut problems);
    let t_code = col("task_code", &mut problems);
    let t_name = col("task_name", &mut problems);
    let t_remain = col("remain_drtn_hr_cnt", &mut problems);
    let t_cstr = col("cstr_type", &mut problems);
    let t_cstr_date = col("cstr_date", &mut problems);
    let t_act_start = col("act_start_date", &mut problems);
    let t_act_end = col("act_end_date", &mut problems);
    let t_early_start = col("early_start_date", &mut problems);
    let t_early_end = col("early_end_date", &mut problems);
    let l_succ = links.column("task_id", file, &mut problems);
    let l_pred = links.column("pred_task_id", file, &mut problems);
    let l_type = links.column("pred_type", file, &mut problems);
    let l_lag = links.column("lag_hr_cnt", file, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let cstr2 = tasks.table.column("cstr_type2");
    let cstr2_date = tasks.table.column("cstr_date2");

    let mut summary = ImportSummary {
        tool: "P6",
        summaries_are: "WBS summary activities",
        project: project_name.clone(),
        ..ImportSummary::default()
    };
    // task_id → (activity code, project id, kept as a node, work week)
    struct Activity<'r> {
        code: &'r str,
        project: &'r str,
        kept: bool,
        week: WorkWeek,
        index: usize,
    }
    let mut activities: HashMap<&str, Activity> = HashMap::new();
    let mut records: Vec<ProjectRecord> = Vec::new();
    let mut updates: Vec<UpdateRecord> = Vec::new();
    let mut source_dates = Vec::new();
    let mut earliest = plan_start;
    let mut note_earliest = |d: NaiveDate| {
        if earliest.is_none_or(|e| d < e) {
            earliest = Some(d);
        }
    };
    if let Some(d) = data_date {
        note_earliest(d.date());
    }
    let as_of = data_date.map(|d| d.date());

    for row in &tasks.table.rows {
        let in_project = row.get(t_proj) == project_id;
        let code = row.get(t_code);
        let task_type = row.get(t_type);
        let week = weeks.get(row.get(t_cal)).copied().unwrap_or(default_week);
        let kept = in_project && !matches!(task_type, "TT_LOE" | "TT_WBS");
        activities.insert(
            row.get(t_id),
            Activity {
                code,
                project: row.get(t_proj),
                kept,
                week,
                index: records.len(),
            },
        );
        if !in_project {
            continue;
        }
        summary.activities += 1;
        match task_type {
            "TT_LOE" => {
                summary.level_of_effort.add(code);
                continue;
            }
            "TT_WBS" => {
                summary.wbs_summaries.add(code);
                continue;
            }
            _ => {}
        }
        if code.is_empty() {
            problems.push(
                Problem::new(
                    ProblemCode::EmptyId,
                    file,
                    "TASK",
                    "an activity without an activity id (task_code)",
                )
                .at(row.line, 1),
            );
            continue;
        }
        let milestone = matches!(task_type, "TT_Mile" | "TT_FinMile");
        if milestone {
            summary.milestones += 1;
        } else {
            summary.tasks += 1;
        }
        if !week.is_seven_day() {
            summary.approximated_calendars.add(code);
        }
        let actual_start = read_optional(row, t_act_start, "act_start_date", file, &mut problems);
        let actual_end = read_optional(row, t_act_end, "act_end_date", file, &mut problems);
        let remaining_hours = read_number(row, t_remain, "remain_drtn_hr_cnt", file, &mut problems);
        let start_day = actual_start.map(|d| d.date());
        let finish_day = actual_end.map(|d| week.finish_day(d));
        if let Some(d) = start_day {
            note_earliest(d);
        }
        if let Some(d) = finish_day {
            note_earliest(d);
        }
        let remaining = if milestone {
            0
        } else {
            week.days(remaining_hours)
        };
        let duration = match (start_day, finish_day, as_of) {
            _ if milestone => 0,
            (Some(s), Some(f), _) => (f - s).num_days().max(0),
            (Some(s), None, Some(a)) => ((a - s).num_days() + remaining).max(0),
            _ => remaining.max(0),
        };
        // Constraints.
        let mut start: Option<NaiveDate> = None;
        let mut constraints = vec![(row.get(t_cstr), row.get(t_cstr_date))];
        if let (Some(c), Some(d)) = (cstr2, cstr2_date) {
            constraints.push((row.get(c), row.get(d)));
        }
        for (kind, date) in constraints {
            if kind.is_empty() {
                continue;
            }
            if kind == "CS_MSOA" {
                match parse_date_time(date) {
                    Some(d) => {
                        summary.start_constraints += 1;
                        start = start.max(Some(d.date()));
                    }
                    None => problems.push(
                        Problem::new(
                            ProblemCode::InvalidDate,
                            file,
                            "TASK/cstr_date",
                            format!("activity {code}: constraint date \"{date}\" is not YYYY-MM-DD HH:MM"),
                        )
                        .at(row.line, 1),
                    ),
                }
            } else {
                summary
                    .constraints_left_out
                    .entry(kind.to_string())
                    .or_default()
                    .add(code);
            }
        }
        if start_day.is_none() {
            if let Some(a) = as_of {
                if start.is_none_or(|s| s < a) {
                    summary.held_at_data_date += 1;
                    start = Some(a);
                }
            }
        }
        if let Some(s) = start {
            note_earliest(s);
        }
        records.push(activity_record(
            code.to_string(),
            row.get(t_name).to_string(),
            duration,
            start,
            costs.get(row.get(t_id)).copied(),
            wbs_paths.get(row.get(t_wbs)).cloned(),
            &mut summary,
        ));
        if start_day.is_some() || finish_day.is_some() {
            if finish_day.is_some() {
                summary.complete += 1;
            } else {
                summary.in_progress += 1;
            }
            updates.push(UpdateRecord {
                id: code.to_string(),
                actual_start: start_day.map(format_date),
                actual_finish: finish_day.map(format_date),
                remaining_days: (start_day.is_some() && finish_day.is_none())
                    .then_some(remaining.max(0)),
                ..UpdateRecord::default()
            });
        }
        // P6's own Start and Finish: the actual dates where there are
        // some (its early-date fields then hold the remaining work's
        // dates, not the activity's), else the early dates it computed.
        let early_start = actual_start.or_else(|| parse_date_time(row.get(t_early_start)));
        let early_end = actual_end.or_else(|| parse_date_time(row.get(t_early_end)));
        if let (Some(s), Some(f)) = (early_start, early_end) {
            source_dates.push(SourceDates {
                id: code.to_string(),
                // A start at the end of a working day is the same instant
                // as the next day's start: compared as capgraph counts it
                // (an actual start is taken as the day it falls on, as imported).
                early_start: if actual_start.is_some() {
                    s.date()
                } else {
                    week.finish_day(s)
                },
                early_finish: week.finish_day(f),
                seven_day: week.is_seven_day(),
            });
        }
    }

    // Links.
    for row in &links.table.rows {
        let Some(successor) = activities.get(row.get(l_succ)) else {
            problems.push(
                Problem::new(
                    ProblemCode::UnknownReference,
                    file,
                    "TASKPRED/task_id",
                    format!(
                        "a link to activity {}, which the TASK table does not have",
                        row.get(l_succ)
                    ),
                )
                .at(row.line, 1),
            );
            continue;
        };
        if successor.project != project_id {
            continue;
        }
        let Some(predecessor) = activities.get(row.get(l_pred)) else {
            problems.push(
                Problem::new(
                    ProblemCode::UnknownReference,
                    file,
                    "TASKPRED/pred_task_id",
                    format!(
                        "a link from activity {}, which the TASK table does not have (to {})",
                        row.get(l_pred),
                        successor.code
                    ),
                )
                .at(row.line, 1),
            );
            continue;
        };
        let link_type = match row.get(l_type) {
            "PR_FS" => "FS",
            "PR_SS" => "SS",
            "PR_FF" => "FF",
            "PR_SF" => "SF",
            other => {
                problems.push(
                    Problem::new(
                        ProblemCode::UnknownLinkType,
                        file,
                        "TASKPRED/pred_type",
                        format!(
                            "link {} → {}: unknown link type \"{other}\" (P6 has PR_FS, PR_SS, PR_FF, PR_SF)",
                            predecessor.code, successor.code
                        ),
                    )
                    .at(row.line, 1),
                );
                continue;
            }
        };
        let lag_hours = read_number(row, l_lag, "lag_hr_cnt", file, &mut problems);
        if predecessor.project != project_id {
            summary.links_to_other_projects += 1;
            continue;
        }
        if !predecessor.kept || !successor.kept {
            summary.links_to_left_out += 1;
            continue;
        }
        let week = match lag_calendar.as_str() {
            "rcal_Successor" => successor.week,
            "rcal_24Hour" => WorkWeek {
                day_hours: 24.0,
                week_hours: 168.0,
                ..WorkWeek::standard()
            },
            "rcal_ProjDefault" => default_week,
            _ => predecessor.week,
        };
        let lag = week.days(lag_hours);
        summary.add_link(link_type);
        records[successor.index]
            .depends_on
            .push(link_record(predecessor.code, link_type, lag));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let start = earliest.unwrap_or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date"));
    summary.data_date = as_of.map(format_date).unwrap_or_default();
    let portfolio_name = xer
        .tables
        .get("PROJWBS")
        .and_then(|t| project_node_name(t, &project_id))
        .unwrap_or_else(|| project_name.clone());
    Ok(ScheduleImport::assemble(
        portfolio_name,
        format_date(start),
        currency(xer),
        records,
        updates,
        summary,
        source_dates,
    ))
}

/// The project row to read: the only one, or the one `--project` names.
fn pick_project<'r>(
    rows: &'r [Row],
    id: usize,
    short: usize,
    options: &P6Options,
    file: &str,
) -> Result<&'r Row, Box<Problem>> {
    let names: Vec<&str> = rows.iter().map(|r| r.get(short)).collect();
    match &options.project {
        Some(wanted) => rows
            .iter()
            .find(|r| r.get(short) == wanted || r.get(id) == wanted)
            .ok_or_else(|| {
                Box::new(
                    Problem::new(
                        ProblemCode::UnknownReference,
                        file,
                        "PROJECT",
                        format!("no project \"{wanted}\" in the file"),
                    )
                    .with_hint(Some(format!("its projects: {}", names.join(", ")))),
                )
            }),
        None => match rows {
            [one] => Ok(one),
            [] => Err(Box::new(Problem::new(
                ProblemCode::MissingField,
                file,
                "PROJECT",
                "the PROJECT table has no project",
            ))),
            _ => Err(Box::new(
                Problem::new(
                    ProblemCode::WrongType,
                    file,
                    "PROJECT",
                    format!("the file holds {} projects", rows.len()),
                )
                .with_hint(Some(format!(
                    "pick one with --project: {}",
                    names.join(", ")
                ))),
            )),
        },
    }
}

/// The path of every WBS node of the project below its root, short names
/// joined by `.` (P6's separator), by wbs_id.
fn wbs_paths(table: &Table, project: &str) -> HashMap<String, String> {
    let column = |f: &str| table.column(f).unwrap_or(usize::MAX);
    let (id, proj, parent, short, root) = (
        column("wbs_id"),
        column("proj_id"),
        column("parent_wbs_id"),
        column("wbs_short_name"),
        column("proj_node_flag"),
    );
    let nodes: HashMap<&str, &Row> = table
        .rows
        .iter()
        .filter(|r| r.get(proj) == project)
        .map(|r| (r.get(id), r))
        .collect();
    let mut paths = HashMap::new();
    for &wbs in nodes.keys() {
        let mut names = Vec::new();
        let mut at = nodes.get(wbs);
        // Bounded by the number of nodes, in case of a cycle in the file.
        for _ in 0..=nodes.len() {
            let Some(row) = at else { break };
            if row.get(root) == "Y" {
                break;
            }
            names.push(row.get(short));
            at = nodes.get(row.get(parent));
        }
        names.reverse();
        if !names.is_empty() {
            paths.insert(wbs.to_string(), names.join("."));
        }
    }
    paths
}

/// The name of the project's root WBS node (P6 keeps the project's name there).
fn project_node_name(table: &Table, project: &str) -> Option<String> {
    let proj = table.column("proj_id")?;
    let root = table.column("proj_node_flag")?;
    let name = table.column("wbs_name")?;
    table
        .rows
        .iter()
        .find(|r| r.get(proj) == project && r.get(root) == "Y")
        .map(|r| r.get(name).to_string())
        .filter(|n| !n.is_empty())
}

/// The currency of the export (ERMHDR's last field is not reliable; the
/// CURRTYPE table's short name is).
fn currency(xer: &Xer) -> Option<String> {
    let table = xer.tables.get("CURRTYPE")?;
    let short = table.column("curr_short_name")?;
    table
        .rows
        .first()
        .map(|r| r.get(short).to_string())
        .filter(|c| !c.is_empty())
}

fn read_date_time(
    row: &Row,
    column: usize,
    table: &str,
    field: &str,
    file: &str,
    problems: &mut Vec<Problem>,
) -> Option<chrono::NaiveDateTime> {
    let text = row.get(column);
    let parsed = parse_date_time(text);
    if parsed.is_none() {
        problems.push(
            Problem::new(
                ProblemCode::InvalidDate,
                file,
                &format!("{table}/{field}"),
                format!("\"{text}\" is not a date and time (YYYY-MM-DD HH:MM)"),
            )
            .at(row.line, 1),
        );
    }
    parsed
}

fn read_optional(
    row: &Row,
    column: usize,
    field: &str,
    file: &str,
    problems: &mut Vec<Problem>,
) -> Option<chrono::NaiveDateTime> {
    if row.get(column).is_empty() {
        None
    } else {
        read_date_time(row, column, "TASK", field, file, problems)
    }
}

fn read_number(
    row: &Row,
    column: usize,
    field: &str,
    file: &str,
    problems: &mut Vec<Problem>,
) -> f64 {
    let text = row.get(column);
    if text.is_empty() {
        return 0.0;
    }
    match text.parse::<f64>() {
        Ok(n) if n.is_finite() => n,
        _ => {
            problems.push(
                Problem::new(
                    ProblemCode::WrongType,
                    file,
                    field,
                    format!("{field} \"{text}\" is not a number of hours"),
                )
                .at(row.line, 1),
            );
            0.0
        }
    }
}
