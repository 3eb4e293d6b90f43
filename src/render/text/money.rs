//! Money for people and machines: `EUR 123 400 000`, `EUR 123.4 M`, and
//! JSON numbers without a spurious `.0`.

/// Whole currency units with thousands separated by spaces: `123 400 000`.
pub fn format_thousands(amount: f64) -> String {
    let rounded = amount.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0.0 {
        grouped.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(digit);
    }
    grouped
}

/// The unit a table counts money in (`--unit k|M`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MoneyUnit {
    /// Whole currency units.
    #[default]
    One,
    Thousand,
    Million,
}

impl MoneyUnit {
    /// How many currency units one unit is.
    pub fn scale(self) -> f64 {
        match self {
            MoneyUnit::One => 1.0,
            MoneyUnit::Thousand => 1e3,
            MoneyUnit::Million => 1e6,
        }
    }

    /// `EUR`, `EUR k`, `EUR M`: the heading of an amount column.
    pub fn label(self, currency: &str) -> String {
        match self {
            MoneyUnit::One => currency.to_string(),
            MoneyUnit::Thousand => format!("{currency} k"),
            MoneyUnit::Million => format!("{currency} M"),
        }
    }

    /// The amount in this unit, rounded to a whole one: `38` for
    /// 38 200 000 in millions.
    pub fn format(self, amount: f64) -> String {
        format_thousands(amount / self.scale())
    }
}

/// Millions with one decimal, for the briefing's tables: `38.2`.
pub fn format_millions(amount: f64) -> String {
    let text = format!("{:.1}", amount / 1e6);
    // −0.04 M rounds to "-0.0"; a table shows that as 0.0.
    if text == "-0.0" {
        "0.0".to_string()
    } else {
        text
    }
}

/// The amount in full with its currency: `EUR 123 400 000`.
pub fn format_money(amount: f64, currency: &str) -> String {
    format!("{currency} {}", format_thousands(amount))
}

/// The amount rounded for a headline: `EUR 123.4 M`, `EUR 2.1 bn`, `EUR 950 k`.
pub fn format_money_short(amount: f64, currency: &str) -> String {
    let magnitude = amount.abs();
    let (scaled, unit) = if magnitude >= 1e9 {
        (amount / 1e9, " bn")
    } else if magnitude >= 1e6 {
        (amount / 1e6, " M")
    } else if magnitude >= 1e3 {
        (amount / 1e3, " k")
    } else {
        return format_money(amount, currency);
    };
    let text = format!("{scaled:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{currency} {text}{unit}")
}

/// A JSON number for an amount: an integer when the amount is whole.
pub use crate::model::values::json_number as json_amount;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_with_spaces() {
        assert_eq!(format_thousands(0.0), "0");
        assert_eq!(format_thousands(999.0), "999");
        assert_eq!(format_thousands(1000.0), "1 000");
        assert_eq!(format_thousands(123_400_000.0), "123 400 000");
        assert_eq!(format_thousands(1_234_567.5), "1 234 568");
        assert_eq!(format_thousands(-45_000.0), "-45 000");
        assert_eq!(format_money(18_500_000.0, "EUR"), "EUR 18 500 000");
    }

    #[test]
    fn tables_count_in_whole_units_of_their_unit() {
        assert_eq!(MoneyUnit::One.format(38_249_999.6), "38 250 000");
        assert_eq!(MoneyUnit::Thousand.format(38_249_999.6), "38 250");
        assert_eq!(MoneyUnit::Million.format(38_249_999.6), "38");
        assert_eq!(MoneyUnit::Million.label("EUR"), "EUR M");
    }

    #[test]
    fn millions_with_one_decimal() {
        assert_eq!(format_millions(38_249_999.0), "38.2");
        assert_eq!(format_millions(-40_000.0), "0.0");
        assert_eq!(format_millions(-9_400_000.0), "-9.4");
    }

    #[test]
    fn shortens_for_headlines() {
        assert_eq!(format_money_short(123_400_000.0, "EUR"), "EUR 123.4 M");
        assert_eq!(format_money_short(2_000_000_000.0, "USD"), "USD 2 bn");
        assert_eq!(format_money_short(950_000.0, "EUR"), "EUR 950 k");
        assert_eq!(format_money_short(640.0, "EUR"), "EUR 640");
    }

    #[test]
    fn whole_amounts_are_json_integers() {
        assert_eq!(json_amount(123_400_000.0).to_string(), "123400000");
        assert_eq!(json_amount(0.5).to_string(), "0.5");
        assert_eq!(json_amount(0.0).to_string(), "0");
    }
}
