//! One cell's value as a field of SPEC §1–§2 wants it: text, whole days,
//! amounts, dates (ISO text or spreadsheet date cells), yes/no, and the
//! list cells of links (`P-COR-001 SS+30; pki FS-60`). A cell that does not
//! read gives a message for a person; the caller adds the place.

use super::table::Cell;
use crate::model::calendar::parse_date;
use crate::model::reader::MAX_DAY_COUNT;
use crate::model::records::LinkRecord;
use crate::model::values::json_number;
use crate::model::LinkType;

/// Why a cell does not read, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub message: String,
    pub hint: Option<String>,
    pub kind: CellProblemKind,
}

/// Which problem code a cell problem gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellProblemKind {
    WrongType,
    InvalidDate,
    OutOfRange,
    UnknownLinkType,
}

fn problem(kind: CellProblemKind, message: String, hint: &str) -> CellProblem {
    CellProblem {
        message,
        hint: (!hint.is_empty()).then(|| hint.to_string()),
        kind,
    }
}

/// The cell as text; `None` when empty. Numbers read as JSON writes them
/// (`3`, `2.5`), dates as `YYYY-MM-DD`.
pub fn text(cell: &Cell) -> Result<Option<String>, CellProblem> {
    Ok(match cell {
        Cell::Empty => None,
        Cell::Text(text) if text.trim().is_empty() => None,
        Cell::Text(text) => Some(text.clone()),
        Cell::Number(n) => Some(json_number(*n).to_string()),
        Cell::Flag(b) => Some(b.to_string()),
        Cell::Date { year, month, day } => Some(format!("{year:04}-{month:02}-{day:02}")),
        Cell::Unusable(what) => return Err(unusable(what)),
    })
}

/// An id: text without surrounding spaces.
pub fn id(cell: &Cell) -> Result<Option<String>, CellProblem> {
    Ok(text(cell)?.map(|t| t.trim().to_string()))
}

fn unusable(what: &str) -> CellProblem {
    problem(
        CellProblemKind::WrongType,
        format!("the cell holds {what}"),
        "",
    )
}

/// A whole number of days, within ± 1 000 000 (SPEC §7).
pub fn days(cell: &Cell) -> Result<Option<i64>, CellProblem> {
    let value = match cell {
        Cell::Number(n) => *n,
        Cell::Text(t) if t.trim().is_empty() => return Ok(None),
        Cell::Text(t) => match t.trim().parse::<f64>() {
            Ok(n) => n,
            Err(_) => {
                return Err(problem(
                    CellProblemKind::WrongType,
                    format!("\"{}\" is not a number of days", t.trim()),
                    "write a whole number such as 30",
                ))
            }
        },
        Cell::Empty => return Ok(None),
        other => return Err(not_days(other)),
    };
    whole_days(value).map(Some)
}

fn not_days(cell: &Cell) -> CellProblem {
    match cell {
        Cell::Unusable(what) => unusable(what),
        Cell::Date { .. } => problem(
            CellProblemKind::WrongType,
            "a date, not a number of days".to_string(),
            "format the cell as a number",
        ),
        _ => problem(
            CellProblemKind::WrongType,
            "not a number of days".to_string(),
            "write a whole number such as 30",
        ),
    }
}

fn whole_days(value: f64) -> Result<i64, CellProblem> {
    if value.fract() != 0.0 || !value.is_finite() {
        return Err(problem(
            CellProblemKind::WrongType,
            format!("{value} is not a whole number of days"),
            "days are whole calendar days",
        ));
    }
    if value.abs() > MAX_DAY_COUNT as f64 {
        return Err(problem(
            CellProblemKind::OutOfRange,
            format!("{value} days is beyond ± {MAX_DAY_COUNT}"),
            "",
        ));
    }
    Ok(value as i64)
}

/// An amount: a number cell, or text such as `18500000`, `18,500,000` or
/// `18 500 000`.
pub fn number(cell: &Cell) -> Result<Option<f64>, CellProblem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => Ok(Some(*n)),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Text(t) => number_text(t.trim()).map(Some).ok_or_else(|| {
            problem(
                CellProblemKind::WrongType,
                format!("\"{}\" is not a number", t.trim()),
                "write digits, such as 18500000 or 18,500,000",
            )
        }),
        Cell::Unusable(what) => Err(unusable(what)),
        Cell::Flag(_) | Cell::Date { .. } => Err(problem(
            CellProblemKind::WrongType,
            "not a number".to_string(),
            "format the cell as a number",
        )),
    }
}

/// Digits with optional thousands separators (`,` every three digits, or
/// spaces) and an optional `.` decimal part.
fn number_text(text: &str) -> Option<f64> {
    let plain: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if let Ok(n) = plain.parse::<f64>() {
        return n.is_finite().then_some(n);
    }
    let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
    let (sign, whole) = match whole.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", whole),
    };
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if !grouped {
        return None;
    }
    let joined = format!("{sign}{}.{fraction}", groups.concat());
    joined
        .trim_end_matches('.')
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

/// A date: a spreadsheet date cell or `YYYY-MM-DD` text (a time after the
/// date, as some programs write it, is dropped).
pub fn date(cell: &Cell) -> Result<Option<String>, CellProblem> {
    let hint = "write YYYY-MM-DD (2026-03-31) or use a date cell";
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Date { year, month, day } => Ok(Some(format!("{year:04}-{month:02}-{day:02}"))),
        Cell::Text(t) => {
            let t = t.trim();
            let day = match t.char_indices().nth(10) {
                Some((at, 'T' | ' ')) => &t[..at],
                _ => t,
            };
            match parse_date(day) {
                Some(_) => Ok(Some(day.to_string())),
                None => Err(problem(
                    CellProblemKind::InvalidDate,
                    format!("\"{t}\" is not a date"),
                    hint,
                )),
            }
        }
        Cell::Number(n) => Err(problem(
            CellProblemKind::InvalidDate,
            format!("the number {} is not a date", json_number(*n)),
            hint,
        )),
        Cell::Flag(_) => Err(problem(
            CellProblemKind::InvalidDate,
            "yes/no is not a date".to_string(),
            hint,
        )),
        Cell::Unusable(what) => Err(unusable(what)),
    }
}

/// Yes or no: a TRUE/FALSE cell, or `yes`, `no`, `true`, `false`, `x`, `1`, `0`.
pub fn flag(cell: &Cell) -> Result<Option<bool>, CellProblem> {
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Flag(b) => return Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => return Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => return Ok(Some(false)),
        Cell::Text(t) => t.trim().to_lowercase(),
        Cell::Unusable(what) => return Err(unusable(what)),
        _ => String::from("?"),
    };
    match text.as_str() {
        "" => Ok(None),
        "yes" | "y" | "true" | "x" | "1" => Ok(Some(true)),
        "no" | "n" | "false" | "0" => Ok(Some(false)),
        _ => Err(problem(
            CellProblemKind::WrongType,
            format!("\"{text}\" is not yes or no"),
            "write yes or no",
        )),
    }
}

/// The entries of a list cell: separated by `;` or line breaks, trimmed,
/// empty entries dropped.
pub fn entries(cell: &Cell) -> Result<Vec<String>, CellProblem> {
    Ok(text(cell)?
        .map(|t| {
            t.split([';', '\n', '\r'])
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default())
}

/// Numbers separated by `;` (a profile's weights, a range in percent).
pub fn numbers(entries: &[String]) -> Result<Vec<f64>, CellProblem> {
    entries
        .iter()
        .map(|e| {
            number_text(e).ok_or_else(|| {
                problem(
                    CellProblemKind::WrongType,
                    format!("\"{e}\" is not a number"),
                    "separate the numbers with ;",
                )
            })
        })
        .collect()
}

/// One link entry: `ID`, `ID TYPE`, `ID TYPE±DAYS` or `ID ±DAYS` (type
/// FS), the type in any case, a `d`/`days` after the lag allowed
/// (`P-1 ss + 30 days`). The id is the entry's first word.
pub fn link(entry: &str) -> Result<LinkRecord, CellProblem> {
    let mut words = entry.split_whitespace();
    let id = words.next().unwrap_or_default().to_string();
    let spec: String = words.collect();
    if spec.is_empty() {
        return Ok(LinkRecord::Id(id));
    }
    let form_hint = "write ID, ID TYPE or ID TYPE±DAYS, such as P-COR-001 SS+30 or pki FS-60";
    let (type_text, lag_text) = match spec.find(['+', '-']) {
        Some(at) => (&spec[..at], Some(&spec[at..])),
        None => (spec.as_str(), None),
    };
    let link_type = if type_text.is_empty() {
        None
    } else {
        let upper = type_text.to_ascii_uppercase();
        match LinkType::parse(&upper) {
            Some(t) => Some(t.as_str().to_string()),
            None => {
                return Err(problem(
                    CellProblemKind::UnknownLinkType,
                    format!("unknown link type \"{type_text}\" in \"{entry}\""),
                    "the link types are FS, SS, FF and SF",
                ))
            }
        }
    };
    let lag_days = match lag_text {
        None => None,
        Some(lag) => {
            let lower = lag.to_ascii_lowercase();
            let digits = ["days", "day", "d"]
                .iter()
                .find_map(|unit| lower.strip_suffix(unit))
                .unwrap_or(&lower);
            let parsed = digits
                .strip_prefix('+')
                .unwrap_or(digits)
                .parse::<i64>()
                .ok()
                .filter(|_| digits.len() > 1);
            match parsed {
                Some(n) if n.abs() <= MAX_DAY_COUNT => Some(n),
                Some(n) => {
                    return Err(problem(
                        CellProblemKind::OutOfRange,
                        format!("lag {n} in \"{entry}\" is beyond ± {MAX_DAY_COUNT} days"),
                        "",
                    ))
                }
                None => {
                    return Err(problem(
                        CellProblemKind::WrongType,
                        format!("the lag \"{lag}\" in \"{entry}\" is not a whole number of days"),
                        form_hint,
                    ))
                }
            }
        }
    };
    Ok(LinkRecord::Full {
        id,
        link_type,
        lag_days,
    })
}

/// A link as a list cell writes it: the inverse of [`link`].
pub fn link_text(link: &LinkRecord) -> String {
    match link {
        LinkRecord::Id(id) => id.clone(),
        LinkRecord::Full {
            id,
            link_type,
            lag_days,
        } => {
            let mut text = id.clone();
            match (link_type, lag_days) {
                (None, None) => {}
                (Some(t), None) => text += &format!(" {t}"),
                (t, Some(lag)) => {
                    text += &format!(" {}{lag:+}", t.as_deref().unwrap_or(""));
                }
            }
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(id: &str, t: Option<&str>, lag: Option<i64>) -> LinkRecord {
        LinkRecord::Full {
            id: id.into(),
            link_type: t.map(str::to_string),
            lag_days: lag,
        }
    }

    #[test]
    fn links_read_the_forms_of_spec_10() {
        assert_eq!(link("P-COR-001"), Ok(LinkRecord::Id("P-COR-001".into())));
        assert_eq!(
            link("P-COR-001 SS"),
            Ok(full("P-COR-001", Some("SS"), None))
        );
        assert_eq!(
            link("P-COR-001 SS+30"),
            Ok(full("P-COR-001", Some("SS"), Some(30)))
        );
        assert_eq!(link("pki FS-60"), Ok(full("pki", Some("FS"), Some(-60))));
        assert_eq!(
            link("pki ff + 5 days"),
            Ok(full("pki", Some("FF"), Some(5)))
        );
        assert_eq!(link("pki -60"), Ok(full("pki", None, Some(-60))));
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        let lag = link("P-1 SS+x").unwrap_err();
        assert_eq!(lag.kind, CellProblemKind::WrongType);
        assert!(lag.message.contains("\"+x\""), "{}", lag.message);
        assert_eq!(
            link("P-1 SS+").unwrap_err().kind,
            CellProblemKind::WrongType
        );
        let kind = link("P-1 XS+3").unwrap_err();
        assert_eq!(kind.kind, CellProblemKind::UnknownLinkType);
        assert!(kind.message.contains("\"XS\""), "{}", kind.message);
    }

    #[test]
    fn link_text_is_the_inverse_of_link() {
        for text in [
            "P-1",
            "P-1 SS",
            "P-1 SS+30",
            "P-1 FS-60",
            "P-1 FS+0",
            "P-1 +7",
        ] {
            assert_eq!(link_text(&link(text).unwrap()), text);
        }
    }

    #[test]
    fn amounts_read_with_thousands_separators() {
        let n = |t: &str| number(&Cell::Text(t.into()));
        assert_eq!(n("18500000"), Ok(Some(18_500_000.0)));
        assert_eq!(n("18,500,000"), Ok(Some(18_500_000.0)));
        assert_eq!(n("18 500 000.5"), Ok(Some(18_500_000.5)));
        assert!(n("18,50").is_err());
        assert!(n("lots").is_err());
    }

    #[test]
    fn dates_read_from_text_and_date_cells() {
        let d = Cell::Date {
            year: 2026,
            month: 3,
            day: 31,
        };
        assert_eq!(date(&d), Ok(Some("2026-03-31".into())));
        assert_eq!(
            date(&Cell::Text("2026-03-31T00:00:00".into())),
            Ok(Some("2026-03-31".into()))
        );
        let bad = date(&Cell::Text("31/03/2026".into())).unwrap_err();
        assert_eq!(bad.kind, CellProblemKind::InvalidDate);
        assert!(date(&Cell::Text("2026-02-30".into())).is_err());
        assert!(date(&Cell::Number(46000.0)).is_err());
    }

    #[test]
    fn days_are_whole() {
        assert_eq!(days(&Cell::Number(30.0)), Ok(Some(30)));
        assert_eq!(days(&Cell::Text(" 30 ".into())), Ok(Some(30)));
        assert!(days(&Cell::Number(30.5)).is_err());
        assert!(days(&Cell::Text("ten".into())).is_err());
        assert_eq!(
            days(&Cell::Number(2e6)).unwrap_err().kind,
            CellProblemKind::OutOfRange
        );
    }
}
