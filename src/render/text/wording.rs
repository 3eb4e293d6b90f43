//! Small wording helpers shared by the reports: day counts, plurals, lists.

/// Names listed in a sentence before "and N more".
pub const LISTED_NAMES: usize = 5;

/// `+42d`, `-21d`, `0d`.
pub fn signed_days(n: i64) -> String {
    if n > 0 {
        format!("+{n}d")
    } else {
        format!("{n}d")
    }
}

/// `1 day`, `42 days`.
pub fn day_count(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// `1 project`, `14 projects`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `a`, `a and b`, `a, b and c`, `a, b, c, d, e and 7 more`.
pub fn listing(items: &[String]) -> String {
    let (named, rest) = items.split_at(items.len().min(LISTED_NAMES));
    match (named, rest.len()) {
        ([], _) => String::new(),
        ([only], 0) => only.clone(),
        (named, 0) => format!(
            "{} and {}",
            named[..named.len() - 1].join(", "),
            named[named.len() - 1]
        ),
        (named, more) => format!("{} and {more} more", named.join(", ")),
    }
}

/// A share as a whole percentage, `42 %`; a share that is neither none nor
/// all never shows as `0 %` or `100 %` (`<1 %`, `>99 %`).
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p > 0.0 && p < 0.5 {
        "<1 %".to_string()
    } else if (99.5..100.0).contains(&p) {
        ">99 %".to_string()
    } else {
        format!("{p:.0} %")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording() {
        assert_eq!(signed_days(42), "+42d");
        assert_eq!(signed_days(-3), "-3d");
        assert_eq!(signed_days(0), "0d");
        assert_eq!(day_count(1), "1 day");
        assert_eq!(count(2, "project", "projects"), "2 projects");
        let items: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(listing(&items), "a, b and c");
        let many: Vec<String> = (1..=7).map(|i| i.to_string()).collect();
        assert_eq!(listing(&many), "1, 2, 3, 4, 5 and 2 more");
        assert_eq!(percent(0.1234), "12 %");
        assert_eq!(
            (percent(0.0), percent(1.0)),
            ("0 %".to_string(), "100 %".to_string())
        );
        assert_eq!(
            (percent(0.001), percent(0.9996)),
            ("<1 %".to_string(), ">99 %".to_string())
        );
    }
}
