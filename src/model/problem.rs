//! Problems found in the user's files: data, not early returns.
//!
//! Every check appends [`Problem`]s to a list so that one run reports all of
//! them, each with a stable code, the file, the JSON pointer, the offending id
//! and, where it helps, a hint.

use serde::Serialize;

/// How bad a problem is: errors make the input invalid, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// The stable, machine-readable kind of a problem, spelled once: its
/// variant name in kebab case (`UnknownReference` → `unknown-reference`),
/// which [`ProblemCode::as_str`] and the JSON both print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum ProblemCode {
    /// The file cannot be read: missing, a directory, not UTF-8, empty.
    Unreadable,
    /// The JSON text is malformed (line and column given).
    Syntax,
    /// JSON nested deeper than the parser accepts.
    TooDeep,
    /// The top level is not a JSON object.
    NotAnObject,
    UnknownField,
    /// A key given twice in one JSON object.
    DuplicateKey,
    MissingField,
    WrongType,
    EmptyId,
    DuplicateId,
    UnknownReference,
    WrongKindReference,
    SelfDependency,
    Cycle,
    NegativeDuration,
    NegativeCost,
    NegativeRemaining,
    /// A day count beyond ± [`super::reader::MAX_DAY_COUNT`].
    DaysOutOfRange,
    FinishBeforeStart,
    InvalidDate,
    DateBeforeStart,
    UnknownLinkType,
    UnknownDomain,
    DuplicateUpdate,
    /// A `cost.profile` that is no known name nor 20 weights ≥ 0 with a positive sum.
    InvalidProfile,
    /// A fiscal-year key that is not a four-digit year.
    InvalidYear,
    /// A `fiscal_year_start` that is not an `"MM-DD"` day of every year.
    InvalidFiscalYearStart,
    /// A `range` or `risk.default_range_pct` whose bounds do not hold.
    InvalidRange,
    /// A `percent_complete` outside [0, 100].
    PercentOutOfRange,
    /// Warning: a component that no project uses.
    UnusedComponent,
    /// Warning: a capability that no project delivers.
    UndeliveredCapability,
    /// Warning: a project with neither `duration_days` nor `start` + `finish`.
    NoDuration,
}

impl ProblemCode {
    /// The code as printed: `unknown-reference`, `cycle`, …
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Warnings do not make a file invalid; everything else does.
    pub fn severity(self) -> Severity {
        match self {
            Self::UnusedComponent | Self::UndeliveredCapability | Self::NoDuration => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }
}

impl Serialize for ProblemCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: ProblemCode,
    pub severity: Severity,
    pub file: String,
    /// RFC 6901 JSON pointer to the offending value (`""` for the whole file).
    pub path: String,
    /// The offending id, when there is one.
    pub id: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// Line and column (1-based) for syntax errors.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Problem {
    /// A problem with the severity its code implies and no id, hint or position.
    pub fn new(code: ProblemCode, file: &str, path: &str, message: impl Into<String>) -> Self {
        Problem {
            code,
            severity: code.severity(),
            file: file.to_string(),
            path: path.to_string(),
            id: None,
            message: message.into(),
            hint: None,
            line: None,
            column: None,
        }
    }

    pub fn with_id(mut self, id: &str) -> Self {
        self.id = Some(id.to_string());
        self
    }

    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The result of reading and validating one file: the value when the file is
/// valid (warnings allowed), and every problem found either way.
#[derive(Debug)]
pub struct Checked<T> {
    pub value: Option<T>,
    pub problems: Vec<Problem>,
}

impl<T> Checked<T> {
    /// Keeps `value` only when no problem is an error.
    pub fn new(value: T, problems: Vec<Problem>) -> Self {
        let valid = !problems.iter().any(Problem::is_error);
        Checked {
            value: valid.then_some(value),
            problems,
        }
    }

    pub fn failed(problems: Vec<Problem>) -> Self {
        Checked {
            value: None,
            problems,
        }
    }

    pub fn error_count(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.problems.len() - self.error_count()
    }
}

/// Escapes one reference token of a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// `did you mean "X"?` for the candidate nearest to `wanted` by edit distance,
/// when it is near enough to be a plausible typo (ties: smallest in byte order).
/// Swapping two neighbouring characters counts as one edit (optimal string
/// alignment): `CAP-FNM` is one typo from `CAP-FMN`, not two.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let limit = (wanted.chars().count() / 3).max(2);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate.len().abs_diff(wanted.len()) > limit {
            continue;
        }
        let distance = strsim::osa_distance(wanted, candidate);
        if distance == 0 || distance > limit {
            continue;
        }
        let better = match best {
            None => true,
            Some((d, c)) => distance < d || (distance == d && candidate < c),
        };
        if better {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| format!("did you mean \"{c}\"?"))
}

/// Ids sorted two ways — by their text and by their text read backwards —
/// so that the `did you mean` hint for an unknown id compares it with the
/// ids near it in either order (a typo late in an id keeps it near its
/// intended id in the first order, a typo early in it in the second)
/// instead of with every id of the portfolio.
///
/// # Complexity
/// Built in O(n log n); each hint costs O(log n) plus [`NearIds::WINDOW`]
/// edit distances per order. A typo in the middle of a long id among very
/// many similar ids can be missed: then the hint is a farther id, or none,
/// never a wrong one.
#[derive(Debug, Clone, Default)]
pub struct NearIds {
    forward: Vec<u32>,
    backward: Vec<u32>,
}

impl NearIds {
    /// The ids compared on either side of the wanted id's place, per order.
    pub const WINDOW: usize = 32;

    /// `items` (positions of ids) sorted both ways; `id` gives an item's id.
    pub fn new<'a>(items: Vec<u32>, id: impl Fn(u32) -> &'a str) -> NearIds {
        let mut forward = items;
        forward.sort_unstable_by(|a, b| id(*a).cmp(id(*b)));
        let mut backward = forward.clone();
        backward.sort_by(|a, b| id(*a).bytes().rev().cmp(id(*b).bytes().rev()));
        NearIds { forward, backward }
    }

    /// The hint for `wanted`, as [`did_you_mean`] would give it among the
    /// ids near it.
    pub fn suggest<'a>(&self, wanted: &str, id: impl Fn(u32) -> &'a str) -> Option<String> {
        let window = |sorted: &[u32], at: usize| {
            let start = at.saturating_sub(Self::WINDOW);
            let end = (at + Self::WINDOW).min(sorted.len());
            sorted[start..end].to_vec()
        };
        let at = self.forward.partition_point(|i| id(*i) < wanted);
        let back = self
            .backward
            .partition_point(|i| id(*i).bytes().rev().lt(wanted.bytes().rev()));
        let mut near = window(&self.forward, at);
        near.extend(window(&self.backward, back));
        did_you_mean(wanted, near.into_iter().map(&id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_id() {
        let ids = ["P-CYB-001", "P-CYB-002", "pki"];
        assert_eq!(
            did_you_mean("P-CYB-02", ids).as_deref(),
            // distance 1 to both P-CYB-001? no: "P-CYB-02" → "P-CYB-002" inserts one 0 (1),
            // "P-CYB-001" needs an insert and a substitution (2).
            Some("did you mean \"P-CYB-002\"?")
        );
    }

    #[test]
    fn a_swap_of_two_neighbours_is_one_typo() {
        // "CAP-FNM" → "CAP-FMN": one transposition (1). "CAP-CDM": F→C, N→D (2).
        // With plain Levenshtein both were 2 and byte order picked "CAP-CDM".
        assert_eq!(
            did_you_mean("CAP-FNM", ["CAP-CDM", "CAP-FMN"]).as_deref(),
            Some("did you mean \"CAP-FMN\"?")
        );
    }

    #[test]
    fn suggests_nothing_when_far() {
        assert_eq!(did_you_mean("satellite", ["pki", "dc-mons"]), None);
    }

    #[test]
    fn near_ids_find_typos_at_either_end_among_many() {
        // 20 000 ids "P-000000" … "P-019999". "Q-012345" is one substitution
        // from "P-012345" only (a typo at the start: found through the
        // backward order); "P-0123456" one deletion from "P-012345" only
        // (at the end: the forward order). Where the full search is cheap
        // enough to run here, both give the same hint.
        let ids: Vec<String> = (0..20_000).map(|i| format!("P-{i:06}")).collect();
        let near = NearIds::new((0..ids.len() as u32).collect(), |i| &ids[i as usize]);
        let all = |wanted: &str| did_you_mean(wanted, ids.iter().map(String::as_str));
        let id = |i: u32| ids[i as usize].as_str();
        assert_eq!(near.suggest("Q-012345", id), all("Q-012345"));
        assert_eq!(
            near.suggest("Q-012345", id).as_deref(),
            Some("did you mean \"P-012345\"?")
        );
        assert_eq!(
            near.suggest("P-0123456", id).as_deref(),
            Some("did you mean \"P-012345\"?")
        );
        assert_eq!(near.suggest("P-0123450", id), all("P-0123450"));
        assert_eq!(near.suggest("satellite", id), None);
    }

    #[test]
    fn escapes_pointer_tokens() {
        assert_eq!(pointer_token("a/b~c"), "a~1b~0c");
    }
}

#[cfg(test)]
mod spelling_tests {
    use super::*;

    #[test]
    fn a_code_is_its_variant_name_in_kebab_case_in_text_and_json() {
        // The spellings SPEC §7 and docs/formats.md use.
        for (code, text) in [
            (ProblemCode::UnknownReference, "unknown-reference"),
            (ProblemCode::Cycle, "cycle"),
            (
                ProblemCode::InvalidFiscalYearStart,
                "invalid-fiscal-year-start",
            ),
            (ProblemCode::TooDeep, "too-deep"),
        ] {
            assert_eq!(code.as_str(), text);
            assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{text}\""));
        }
    }
}
