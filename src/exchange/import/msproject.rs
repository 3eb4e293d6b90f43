//! An MS Project XML (MSPDI) schedule read into a portfolio and a status
//! file (SPEC §10).
//!
//! - Tasks become projects, their id the task's unique id (`UID`, which
//!   MS Project never reuses or renumbers; the row `ID` changes when rows
//!   move). Milestones get duration 0. Summary tasks become no node: their
//!   names, outermost first and joined by ` / `, go into `attributes.wbs`
//!   of the tasks below them. The project summary task (UID 0) and blank
//!   rows are skipped; inactive tasks become no node. Links to summary or
//!   inactive tasks are left out (counted), as are links to other projects.
//! - Durations (`PT…H…M…S`, working time) become calendar days on the
//!   task's calendar by SPEC §10's rule; elapsed durations are exact.
//!   Lags (`LinkLag`, tenths of a minute of working time) are converted on
//!   the project calendar, as MS Project counts them; elapsed lags exactly;
//!   lags in percent of the predecessor's duration are left out (counted).
//! - "Start no earlier than" constraints (type 4) become `start`; the
//!   others are listed as left out.
//! - The status date becomes `as_of`; actual starts and finishes become
//!   status updates, a task in progress also gets `remaining_days`. Unlike
//!   P6, MS Project does not hold not-started work at the status date, so
//!   neither does the import.
//! - The task's `Cost` (MSPDI writes currency in hundredths) becomes
//!   `cost.investment`.
//!
//! # Complexity
//! O(T + L + C) for T tasks, L links and C calendars.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::calendar::format_date;
use crate::model::records::{LinkRecord, ProjectRecord, UpdateRecord};
use crate::model::{Problem, ProblemCode};

use super::imported::{activity_record, link_record, ImportSummary, ScheduleImport, SourceDates};
use super::mspdi::Element;
use super::working_time::WorkWeek;

/// What to read.
#[derive(Debug, Clone, Default)]
pub struct MsProjectOptions {
    /// The project's name or title, when the user names one: an MSPDI
    /// file holds one project, so this only checks that it is that one.
    pub project: Option<String>,
}

/// MSPDI's link types by number (`Type`): 0 FF, 1 FS, 2 SF, 3 SS.
const LINK_TYPES: [&str; 4] = ["FF", "FS", "SF", "SS"];

/// MSPDI's constraint types by number, as the report names them.
const CONSTRAINTS: [&str; 8] = [
    "as soon as possible",
    "ALAP (as late as possible)",
    "MSO (must start on)",
    "MFO (must finish on)",
    "SNET (start no earlier than)",
    "SNLT (start no later than)",
    "FNET (finish no earlier than)",
    "FNLT (finish no later than)",
];
const START_NO_EARLIER_THAN: usize = 4;

/// Duration formats (`DurationFormat`, `LagFormat`) counted in elapsed
/// time (em, eh, ed, ew, emo and their "estimated" twins).
const ELAPSED_FORMATS: [u32; 10] = [4, 6, 8, 10, 12, 36, 38, 40, 42, 44];
/// Lag formats in percent of the predecessor's duration (%, e% and twins).
const PERCENT_FORMATS: [u32; 4] = [19, 20, 51, 52];

/// A week of round-the-clock work: elapsed time converts exactly.
fn elapsed_week() -> WorkWeek {
    WorkWeek {
        day_hours: 24.0,
        week_hours: 168.0,
        day_end: [Some(24 * 60); 7],
    }
}

/// Reads a file's problems into one list; `file` names the file.
struct Reader<'f> {
    file: &'f str,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn problem(&mut self, code: ProblemCode, at: &Element, path: &str, message: String) {
        self.problems
            .push(Problem::new(code, self.file, path, message).at(at.line, 1));
    }

    /// An optional date and time (`2025-01-06T08:00:00`).
    fn date_time(&mut self, element: &Element, field: &str, whose: &str) -> Option<NaiveDateTime> {
        let text = element.text_of(field)?;
        let parsed = parse_date_time(text);
        if parsed.is_none() {
            let at = element.child(field).unwrap_or(element);
            self.problem(
                ProblemCode::InvalidDate,
                at,
                &format!("Task/{field}"),
                format!("{whose}: {field} \"{text}\" is not a date and time (YYYY-MM-DDTHH:MM:SS)"),
            );
        }
        parsed
    }

    /// An optional ISO 8601 duration (`PT8H0M0S`), in hours.
    fn hours(&mut self, element: &Element, field: &str, whose: &str) -> Option<f64> {
        let text = element.text_of(field)?;
        let parsed = parse_duration_hours(text);
        if parsed.is_none() {
            let at = element.child(field).unwrap_or(element);
            self.problem(
                ProblemCode::WrongType,
                at,
                &format!("Task/{field}"),
                format!("{whose}: {field} \"{text}\" is not a duration (PT8H0M0S)"),
            );
        }
        parsed
    }

    /// An optional number.
    fn number(&mut self, element: &Element, field: &str, path: &str, whose: &str) -> Option<f64> {
        let text = element.text_of(field)?;
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                let at = element.child(field).unwrap_or(element);
                self.problem(
                    ProblemCode::WrongType,
                    at,
                    &format!("{path}/{field}"),
                    format!("{whose}: {field} \"{text}\" is not a number"),
                );
                None
            }
        }
    }
}

/// Parses MSPDI's date and time, `YYYY-MM-DDTHH:MM:SS`.
pub fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M:%S").ok()
}

/// Hours of an ISO 8601 duration such as `PT8H0M0S`, `PT1.5H`, `P2DT4H`
/// (a day there is 24 hours; MSPDI writes working time in hours).
pub fn parse_duration_hours(text: &str) -> Option<f64> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let rest = text.strip_prefix('P')?;
    let mut hours = 0.0;
    let mut in_time = false;
    let mut number = String::new();
    let mut any = false;
    for c in rest.chars() {
        match c {
            'T' if !in_time && number.is_empty() => in_time = true,
            '0'..='9' | '.' => number.push(c),
            unit => {
                let value: f64 = number.parse().ok()?;
                number.clear();
                any = true;
                hours += value
                    * match (in_time, unit) {
                        (false, 'D') => 24.0,
                        (false, 'W') => 168.0,
                        (true, 'H') => 1.0,
                        (true, 'M') => 1.0 / 60.0,
                        (true, 'S') => 1.0 / 3600.0,
                        _ => return None,
                    };
            }
        }
    }
    (any && number.is_empty() && hours.is_finite()).then_some(if negative { -hours } else { hours })
}

/// A calendar as MSPDI writes it: its base and, per weekday (Monday
/// first), whether it works and its working periods in minutes.
#[derive(Debug, Clone, Default)]
struct CalendarDays {
    base: Option<String>,
    days: [Option<Vec<(u32, u32)>>; 7],
}

fn minutes_of(text: &str) -> Option<u32> {
    let time = NaiveTime::parse_from_str(text.trim(), "%H:%M:%S").ok()?;
    Some((time.signed_duration_since(NaiveTime::MIN).num_minutes()) as u32)
}

fn read_calendars(project: &Element) -> HashMap<String, CalendarDays> {
    let mut calendars = HashMap::new();
    let Some(list) = project.child("Calendars") else {
        return calendars;
    };
    for calendar in list.children_named("Calendar") {
        let Some(uid) = calendar.text_of("UID") else {
            continue;
        };
        let mut days = CalendarDays {
            base: calendar
                .text_of("BaseCalendarUID")
                .filter(|b| *b != "-1")
                .map(str::to_string),
            ..CalendarDays::default()
        };
        for day in calendar
            .child("WeekDays")
            .into_iter()
            .flat_map(|w| w.children_named("WeekDay"))
        {
            // DayType 1 Sunday … 7 Saturday; 0 is an exception (a holiday
            // period), which the week does not hold.
            let Some(weekday) = day
                .text_of("DayType")
                .and_then(|t| t.parse::<usize>().ok())
                .filter(|d| (1..=7).contains(d))
                .map(|d| (d + 5) % 7)
            else {
                continue;
            };
            let working = day.text_of("DayWorking") == Some("1");
            let periods = day
                .child("WorkingTimes")
                .into_iter()
                .flat_map(|w| w.children_named("WorkingTime"))
                .filter_map(|t| {
                    let from = minutes_of(t.text_of("FromTime")?)?;
                    let to = minutes_of(t.text_of("ToTime")?)?;
                    // 00:00 as an end is midnight at the end of the day.
                    let to = if to == 0 { 24 * 60 } else { to };
                    (to > from).then_some((from, to))
                })
                .collect::<Vec<_>>();
            days.days[weekday] = Some(if working { periods } else { Vec::new() });
        }
        calendars.insert(uid.to_string(), days);
    }
    calendars
}

/// The work week of calendar `uid`, weekdays it does not set taken from
/// its base calendars; `None` when the calendar is unknown or sets no day.
fn work_week(calendars: &HashMap<String, CalendarDays>, uid: &str) -> Option<WorkWeek> {
    let mut days: [Option<&Vec<(u32, u32)>>; 7] = [None; 7];
    let mut at = calendars.get(uid);
    // Bounded by the number of calendars, in case of a cycle of bases.
    for _ in 0..=calendars.len() {
        let Some(calendar) = at else { break };
        for (day, own) in days.iter_mut().zip(&calendar.days) {
            if day.is_none() {
                *day = own.as_ref();
            }
        }
        at = calendar.base.as_ref().and_then(|b| calendars.get(b));
    }
    if days.iter().all(Option::is_none) {
        return None;
    }
    let standard = WorkWeek::standard();
    let mut week_minutes = 0;
    let mut working_days = 0;
    let mut day_end = [None; 7];
    for (i, day) in days.iter().enumerate() {
        // A weekday set nowhere keeps the standard week's.
        let periods: Vec<(u32, u32)> = match day {
            Some(periods) => (*periods).clone(),
            None => standard.day_end[i].map_or_else(Vec::new, |end| vec![(end - 9 * 60, end)]),
        };
        let minutes: u32 = periods.iter().map(|(from, to)| to - from).sum();
        if minutes > 0 {
            working_days += 1;
            week_minutes += minutes;
            day_end[i] = periods.iter().map(|p| p.1).max();
        }
    }
    if working_days == 0 {
        return None;
    }
    let week_hours = f64::from(week_minutes) / 60.0;
    Some(WorkWeek {
        day_hours: week_hours / f64::from(working_days),
        week_hours,
        day_end,
    })
}

/// One task as the mapping needs it.
struct Task<'e> {
    element: &'e Element,
    uid: &'e str,
    /// "task 12 (Pour foundations)", for messages.
    label: String,
    kept: bool,
    cross_project: bool,
    index: usize,
}

/// Reads an MSPDI project into records. Every problem of the file is
/// reported at once (a task without a UID, unknown link types, links to
/// unknown tasks, unreadable dates, durations and numbers).
pub fn import_msproject(
    project: &Element,
    file: &str,
    options: &MsProjectOptions,
) -> Result<ScheduleImport, Vec<Problem>> {
    let mut reader = Reader {
        file,
        problems: Vec::new(),
    };
    let name = project
        .text_of("Title")
        .or_else(|| project.text_of("Name"))
        .unwrap_or("MS Project schedule")
        .to_string();
    if let Some(wanted) = &options.project {
        let names = [project.text_of("Title"), project.text_of("Name")];
        if !names.contains(&Some(wanted.as_str())) {
            return Err(vec![Problem::new(
                ProblemCode::UnknownReference,
                file,
                "Project",
                format!("no project \"{wanted}\" in the file: an MS Project XML file holds one project, \"{name}\""),
            )
            .with_hint(Some("leave out --project".to_string()))
            .at(project.line, 1)]);
        }
    }
    let Some(task_list) = project.child("Tasks") else {
        return Err(vec![Problem::new(
            ProblemCode::MissingField,
            file,
            "Project/Tasks",
            "the file has no <Tasks> element",
        )
        .with_hint(Some(
            "save the whole project from MS Project (File → Save As → XML Format)".to_string(),
        ))
        .at(project.line, 1)]);
    };
    let calendars = read_calendars(project);
    let project_week = project
        .text_of("CalendarUID")
        .and_then(|uid| work_week(&calendars, uid))
        .unwrap_or_else(WorkWeek::standard);
    let status_date = reader.date_time(project, "StatusDate", "the project");
    let current_date = reader.date_time(project, "CurrentDate", "the project");
    let project_start = reader.date_time(project, "StartDate", "the project");

    let mut summary = ImportSummary {
        tool: "MS Project",
        ids_from: "tasks' unique ids (UID)",
        summaries_are: "summary tasks",
        project: name.clone(),
        ..ImportSummary::default()
    };

    // Summary tasks' names by outline number, for the WBS paths.
    let mut summary_names: HashMap<&str, &str> = HashMap::new();
    for task in task_list.children_named("Task") {
        if task.text_of("Summary") == Some("1") && task.text_of("OutlineLevel") != Some("0") {
            if let Some(outline) = task.text_of("OutlineNumber") {
                summary_names.insert(outline, task.text_of("Name").unwrap_or(""));
            }
        }
    }
    let wbs_path = |outline: &str| -> Option<String> {
        let mut names = Vec::new();
        let mut at = outline;
        while let Some((parent, _)) = at.rsplit_once('.') {
            if let Some(name) = summary_names.get(parent) {
                names.push(*name);
            }
            at = parent;
        }
        names.reverse();
        (!names.is_empty()).then(|| names.join(" / "))
    };

    let mut tasks: HashMap<&str, Task> = HashMap::new();
    let mut records: Vec<ProjectRecord> = Vec::new();
    let mut actuals: Vec<(usize, Option<NaiveDate>, Option<NaiveDate>, i64)> = Vec::new();
    let mut source_dates = Vec::new();
    let mut earliest: Option<NaiveDate> = project_start.map(|d| d.date());
    let mut note_earliest = |d: NaiveDate| {
        if earliest.is_none_or(|e| d < e) {
            earliest = Some(d);
        }
    };
    let mut any_actuals = false;

    for task in task_list.children_named("Task") {
        let Some(uid) = task.text_of("UID") else {
            reader.problem(
                ProblemCode::EmptyId,
                task,
                "Task/UID",
                "a task without a unique id (UID)".to_string(),
            );
            continue;
        };
        let task_name = task.text_of("Name").unwrap_or("");
        let label = if task_name.is_empty() {
            format!("task {uid}")
        } else {
            format!("task {uid} ({task_name})")
        };
        let week = match task.text_of("CalendarUID") {
            Some(c) if c != "-1" => work_week(&calendars, c).unwrap_or(project_week),
            _ => project_week,
        };
        let is_root = uid == "0" || task.text_of("OutlineLevel") == Some("0");
        let blank = task.text_of("IsNull") == Some("1");
        let is_summary = task.text_of("Summary") == Some("1");
        let inactive = task.text_of("Active") == Some("0");
        let external = task.text_of("ExternalTask") == Some("1");
        let kept = !(is_root || blank || is_summary || inactive || external);
        if tasks.contains_key(uid) {
            reader.problem(
                ProblemCode::DuplicateId,
                task,
                "Task/UID",
                format!("{label}: a second task with UID {uid}"),
            );
            continue;
        }
        let entry = Task {
            element: task,
            uid,
            label: label.clone(),
            kept,
            cross_project: external,
            index: records.len(),
        };
        if is_root || blank {
            tasks.insert(uid, entry);
            continue;
        }
        summary.activities += 1;
        if is_summary {
            summary.wbs_summaries.add(uid);
            tasks.insert(uid, entry);
            continue;
        }
        if inactive {
            summary
                .other_left_out
                .entry("inactive tasks (no node)".to_string())
                .or_default()
                .add(uid);
            tasks.insert(uid, entry);
            continue;
        }
        if external {
            summary
                .other_left_out
                .entry("external tasks of other projects (no node)".to_string())
                .or_default()
                .add(uid);
            tasks.insert(uid, entry);
            continue;
        }
        let milestone = task.text_of("Milestone") == Some("1");
        if milestone {
            summary.milestones += 1;
        } else {
            summary.tasks += 1;
        }
        let elapsed = task
            .text_of("DurationFormat")
            .and_then(|f| f.parse::<u32>().ok())
            .is_some_and(|f| ELAPSED_FORMATS.contains(&f));
        let duration_week = if elapsed { elapsed_week() } else { week };
        if !duration_week.is_seven_day() {
            summary.approximated_calendars.add(uid);
        }
        let duration_hours = reader.hours(task, "Duration", &label).unwrap_or(0.0);
        let remaining_hours = reader.hours(task, "RemainingDuration", &label);
        let actual_start = reader.date_time(task, "ActualStart", &label);
        let actual_finish = reader.date_time(task, "ActualFinish", &label);
        let start_day = actual_start.map(|d| d.date());
        let finish_day = actual_finish.map(|d| week.finish_day(d));
        for day in [start_day, finish_day].into_iter().flatten() {
            note_earliest(day);
        }
        let remaining = if milestone {
            0
        } else {
            duration_week.days(remaining_hours.unwrap_or(duration_hours))
        };
        let duration = match (start_day, finish_day) {
            _ if milestone => 0,
            (Some(s), Some(f)) => (f - s).num_days().max(0),
            _ => duration_week.days(duration_hours).max(0),
        };

        // Constraints.
        let mut start: Option<NaiveDate> = None;
        let constraint = task
            .text_of("ConstraintType")
            .map(|t| t.parse::<usize>().ok().filter(|c| *c < CONSTRAINTS.len()));
        match constraint {
            None | Some(Some(0)) => {}
            Some(Some(START_NO_EARLIER_THAN)) => {
                if let Some(date) = reader.date_time(task, "ConstraintDate", &label) {
                    summary.start_constraints += 1;
                    start = Some(week.finish_day(date));
                } else if task.text_of("ConstraintDate").is_none() {
                    reader.problem(
                        ProblemCode::MissingField,
                        task,
                        "Task/ConstraintDate",
                        format!(
                            "{label}: a start-no-earlier-than constraint without a ConstraintDate"
                        ),
                    );
                }
            }
            Some(Some(kind)) => summary
                .constraints_left_out
                .entry(CONSTRAINTS[kind].to_string())
                .or_default()
                .add(uid),
            Some(None) => {
                let text = task.text_of("ConstraintType").unwrap_or("");
                let at = task.child("ConstraintType").unwrap_or(task);
                reader.problem(
                    ProblemCode::WrongType,
                    at,
                    "Task/ConstraintType",
                    format!("{label}: unknown constraint type \"{text}\" (MSPDI has 0 to 7)"),
                );
            }
        }
        let cost = reader
            .number(task, "Cost", "Task", &label)
            .map(|hundredths| hundredths / 100.0);
        let wbs = task.text_of("OutlineNumber").and_then(wbs_path);
        if start_day.is_some() || finish_day.is_some() {
            any_actuals = true;
            actuals.push((records.len(), start_day, finish_day, remaining.max(0)));
        }
        // MS Project's own Start and Finish: the actual dates where there
        // are some, else the early dates it computed (else its scheduled
        // Start and Finish, which equal them for tasks as soon as possible).
        let source_start = actual_start.map(|d| d.date()).or_else(|| {
            parse_date_time(task.text_of("EarlyStart").or(task.text_of("Start"))?)
                .map(|d| week.finish_day(d))
        });
        let source_finish = actual_finish
            .or_else(|| parse_date_time(task.text_of("EarlyFinish").or(task.text_of("Finish"))?));
        if let (Some(s), Some(f)) = (source_start, source_finish) {
            source_dates.push(SourceDates {
                id: uid.to_string(),
                early_start: s,
                early_finish: week.finish_day(f),
                seven_day: duration_week.is_seven_day(),
            });
        }
        let name = if task_name.is_empty() {
            format!("Task {uid}")
        } else {
            task_name.to_string()
        };
        records.push(activity_record(
            uid.to_string(),
            name,
            duration,
            start,
            cost,
            wbs,
            &mut summary,
        ));
        tasks.insert(uid, entry);
    }

    // Links, read from each successor's PredecessorLink elements.
    let mut links: Vec<(usize, LinkRecord)> = Vec::new();
    for successor in tasks.values() {
        for link in successor.element.children_named("PredecessorLink") {
            let Some(predecessor_uid) = link.text_of("PredecessorUID") else {
                reader.problem(
                    ProblemCode::MissingField,
                    link,
                    "Task/PredecessorLink/PredecessorUID",
                    format!(
                        "{}: a predecessor link without a PredecessorUID",
                        successor.label
                    ),
                );
                continue;
            };
            let type_text = link.text_of("Type").unwrap_or("1");
            let link_type = type_text
                .parse::<usize>()
                .ok()
                .and_then(|t| LINK_TYPES.get(t).copied());
            let Some(link_type) = link_type else {
                reader.problem(
                    ProblemCode::UnknownLinkType,
                    link.child("Type").unwrap_or(link),
                    "Task/PredecessorLink/Type",
                    format!(
                        "link {predecessor_uid} → {}: unknown link type \"{type_text}\" (MSPDI has 0 FF, 1 FS, 2 SF, 3 SS)",
                        successor.label
                    ),
                );
                continue;
            };
            let lag_tenths = reader
                .number(link, "LinkLag", "Task/PredecessorLink", &successor.label)
                .unwrap_or(0.0);
            let lag_format = link
                .text_of("LagFormat")
                .and_then(|f| f.parse::<u32>().ok())
                .unwrap_or(7);
            if link.text_of("CrossProject") == Some("1") {
                summary.links_to_other_projects += 1;
                continue;
            }
            let Some(predecessor) = tasks.get(predecessor_uid) else {
                reader.problem(
                    ProblemCode::UnknownReference,
                    link.child("PredecessorUID").unwrap_or(link),
                    "Task/PredecessorLink/PredecessorUID",
                    format!(
                        "{}: a link from task {predecessor_uid}, which the file does not have",
                        successor.label
                    ),
                );
                continue;
            };
            if !successor.kept || !predecessor.kept {
                if predecessor.cross_project || successor.cross_project {
                    summary.links_to_other_projects += 1;
                } else {
                    summary.links_to_left_out += 1;
                }
                continue;
            }
            let lag = if PERCENT_FORMATS.contains(&lag_format) {
                if lag_tenths != 0.0 {
                    summary
                        .other_approximated
                        .entry(
                            "lags in percent of the predecessor's duration (left out: lag 0)"
                                .to_string(),
                        )
                        .or_default()
                        .add(&format!("{} → {}", predecessor.uid, successor.uid));
                }
                0
            } else {
                let hours = lag_tenths / 600.0;
                if ELAPSED_FORMATS.contains(&lag_format) {
                    elapsed_week().days(hours)
                } else {
                    project_week.days(hours)
                }
            };
            summary.add_link(link_type);
            links.push((
                successor.index,
                link_record(predecessor.uid, link_type, lag),
            ));
        }
    }
    // Links in file order of successors, then of their links.
    links.sort_by_key(|(index, _)| *index);
    for (index, record) in links {
        records[index].depends_on.push(record);
    }
    if !reader.problems.is_empty() {
        reader.problems.sort_by_key(|p| p.line);
        return Err(reader.problems);
    }

    // The data date: MS Project's status date; without one, a file with
    // actual dates is taken as of its current date.
    let as_of = match (status_date, current_date) {
        (Some(d), _) => Some(d.date()),
        (None, Some(d)) if any_actuals => {
            summary
                .other_approximated
                .entry("data date: the file has no StatusDate, its CurrentDate is used".to_string())
                .or_default()
                .add(&format_date(d.date()));
            Some(d.date())
        }
        _ => None,
    };
    if let Some(d) = as_of {
        note_earliest(d);
    }
    let mut updates = Vec::new();
    if as_of.is_some() {
        for (index, start, finish, remaining) in actuals {
            if finish.is_some() {
                summary.complete += 1;
            } else {
                summary.in_progress += 1;
            }
            updates.push(UpdateRecord {
                id: records[index].id.clone(),
                actual_start: start.map(format_date),
                actual_finish: finish.map(format_date),
                remaining_days: (start.is_some() && finish.is_none()).then_some(remaining),
                ..UpdateRecord::default()
            });
        }
    }
    summary.data_date = as_of.map(format_date).unwrap_or_default();
    let start = earliest.unwrap_or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date"));
    // MS Project starts no task before the project's start: a start
    // constraint before it binds nothing (and is not a date capgraph's
    // day 0 may precede).
    let start_text = format_date(start);
    for record in &mut records {
        if record.start.as_ref().is_some_and(|s| *s < start_text) {
            record.start = None;
            summary.start_constraints -= 1;
            summary
                .other_left_out
                .entry(
                    "start-no-earlier-than constraints before the project start (bind nothing)"
                        .to_string(),
                )
                .or_default()
                .add(&record.id);
        }
    }
    Ok(ScheduleImport::assemble(
        name,
        start_text,
        project.text_of("CurrencyCode").map(str::to_string),
        records,
        updates,
        summary,
        source_dates,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_durations_become_hours() {
        assert_eq!(parse_duration_hours("PT8H0M0S"), Some(8.0));
        assert_eq!(parse_duration_hours("PT0H30M0S"), Some(0.5));
        assert_eq!(parse_duration_hours("PT1.5H"), Some(1.5));
        assert_eq!(parse_duration_hours("P1DT2H"), Some(26.0));
        assert_eq!(parse_duration_hours("-PT16H0M0S"), Some(-16.0));
        assert_eq!(parse_duration_hours("8 hours"), None);
        assert_eq!(parse_duration_hours("PT"), None);
        assert_eq!(parse_duration_hours("PT8X"), None);
    }
}
