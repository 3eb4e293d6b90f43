//! Problems found in the user's files: data, not early returns.
//!
//! Every check appends [`Problem`]s to a list so that one run reports all of
//! them, each with a stable code, the file, the JSON pointer, the offending id
//! and, where it helps, a hint.

use rapidfuzz::distance::osa;
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
///
/// # Complexity
/// O(|wanted| + Σ |candidate|) for ids of up to 64 characters: rapidfuzz's
/// bit-parallel distance (Hyyrö 2003) compares a candidate in a few word
/// operations per character, against `wanted` prepared once; longer ids
/// take a word per 64 characters.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let length = wanted.chars().count();
    let limit = (length / 3).max(2);
    let comparator = osa::BatchComparator::new(wanted.chars());
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        // A candidate farther than the best so far cannot win; one as far
        // can, by byte order. Each edit changes the length by at most one.
        let bound = best.map_or(limit, |(d, _)| d);
        if candidate.chars().count().abs_diff(length) > bound {
            continue;
        }
        let cutoff = osa::Args::default().score_cutoff(bound);
        let Some(distance) = comparator.distance_with_args(candidate.chars(), &cutoff) else {
            continue;
        };
        if distance == 0 {
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
/// Each order holds its own copy of the ids, end to end: the ids a hint
/// compares lie side by side in memory, not one cache miss each across the
/// graph (a file with 20 000 unknown references asks 20 000 hints).
///
/// # Complexity
/// Built in O(n log n); each hint costs O(log n) plus [`NearIds::WINDOW`]
/// bounded edit distances per order. A typo in the middle of a long id
/// among very many similar ids can be missed: then the hint is a farther
/// id, or none, never a wrong one.
#[derive(Debug, Clone, Default)]
pub struct NearIds {
    forward: SortedIds,
    backward: SortedIds,
}

impl NearIds {
    /// The ids compared on either side of the wanted id's place, per order.
    pub const WINDOW: usize = 32;

    pub fn new<'a>(ids: impl Iterator<Item = &'a str>) -> NearIds {
        let mut forward: Vec<&str> = ids.collect();
        forward.sort_unstable();
        let mut backward = forward.clone();
        backward.sort_by(|a, b| a.bytes().rev().cmp(b.bytes().rev()));
        NearIds {
            forward: SortedIds::new(&forward),
            backward: SortedIds::new(&backward),
        }
    }

    /// The hint for `wanted`, as [`did_you_mean`] would give it among the
    /// ids near it.
    pub fn suggest(&self, wanted: &str) -> Option<String> {
        let at = self.forward.partition_point(|id| id < wanted);
        let back = self
            .backward
            .partition_point(|id| id.bytes().rev().lt(wanted.bytes().rev()));
        did_you_mean(
            wanted,
            self.forward.around(at).chain(self.backward.around(back)),
        )
    }
}

/// Ids in one order, their text end to end.
#[derive(Debug, Clone, Default)]
struct SortedIds {
    text: String,
    /// Id `k` is `text[ends[k - 1]..ends[k]]` (from 0 for the first).
    ends: Vec<usize>,
}

impl SortedIds {
    fn new(ids: &[&str]) -> SortedIds {
        let mut text = String::with_capacity(ids.iter().map(|id| id.len()).sum());
        let ends = ids
            .iter()
            .map(|id| {
                text.push_str(id);
                text.len()
            })
            .collect();
        SortedIds { text, ends }
    }

    fn get(&self, k: usize) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.text[start..self.ends[k]]
    }

    /// The number of ids before the first for which `before` is false.
    fn partition_point(&self, before: impl Fn(&str) -> bool) -> usize {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if before(self.get(middle)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }

    /// The ids within [`NearIds::WINDOW`] places of place `at`.
    fn around(&self, at: usize) -> impl Iterator<Item = &str> {
        let start = at.saturating_sub(NearIds::WINDOW);
        let end = (at + NearIds::WINDOW).min(self.ends.len());
        (start..end).map(|k| self.get(k))
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
        let near = NearIds::new(ids.iter().map(String::as_str));
        let all = |wanted: &str| did_you_mean(wanted, ids.iter().map(String::as_str));
        assert_eq!(near.suggest("Q-012345"), all("Q-012345"));
        assert_eq!(
            near.suggest("Q-012345").as_deref(),
            Some("did you mean \"P-012345\"?")
        );
        assert_eq!(
            near.suggest("P-0123456").as_deref(),
            Some("did you mean \"P-012345\"?")
        );
        assert_eq!(near.suggest("P-0123450"), all("P-0123450"));
        assert_eq!(near.suggest("satellite"), None);
    }

    #[test]
    fn the_hint_is_the_nearest_by_strsim_among_random_ids() {
        // strsim's plain optimal-string-alignment distance is the independent
        // reference: over every candidate, the nearest within the limit
        // (ties by byte order, the id itself excluded). Ids over a small
        // alphabet, ASCII and not (characters, not bytes, are edited), from
        // a seeded linear congruential generator, so that near pairs abound.
        let mut state = 7u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        for alphabet in [&['a', 'b', 'c', '-'][..], &['é', 'x', '字', 'y'][..]] {
            let ids: Vec<String> = (0..150)
                .map(|_| (0..next() % 9).map(|_| alphabet[next() % 4]).collect())
                .collect();
            for wanted in &ids {
                let limit = (wanted.chars().count() / 3).max(2);
                let expected = ids
                    .iter()
                    .map(|c| (strsim::osa_distance(wanted, c), c))
                    .filter(|(d, _)| *d > 0 && *d <= limit)
                    .min()
                    .map(|(_, c)| format!("did you mean \"{c}\"?"));
                let candidates = ids.iter().map(String::as_str);
                assert_eq!(did_you_mean(wanted, candidates), expected, "{wanted:?}");
            }
        }
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
