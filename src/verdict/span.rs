//! Durations in findings and rows, worded the same by both inspectors.

/// The largest unit a duration is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Largest {
    Days,
    Years,
}

/// A duration in the largest two units that matter: `45s`, `2m`, `2m 5s`, `3h 10m`, `4d 2h`,
/// and from a year on `1y 20d` unless `largest` stops at days (`400d 2h`).
pub fn span(secs: u64, largest: Largest) -> String {
    const MIN: u64 = 60;
    const HOUR: u64 = 60 * MIN;
    const DAY: u64 = 24 * HOUR;
    const YEAR: u64 = 365 * DAY;
    let pair = |big: u64, big_unit: &str, small: u64, small_unit: &str| {
        if small == 0 {
            format!("{big}{big_unit}")
        } else {
            format!("{big}{big_unit} {small}{small_unit}")
        }
    };
    match secs {
        s if s < MIN => format!("{s}s"),
        s if s < HOUR => pair(s / MIN, "m", s % MIN, "s"),
        s if s < DAY => pair(s / HOUR, "h", (s % HOUR) / MIN, "m"),
        s if s < YEAR || largest == Largest::Days => pair(s / DAY, "d", (s % DAY) / HOUR, "h"),
        s => pair(s / YEAR, "y", (s % YEAR) / DAY, "d"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_use_two_units_at_most() {
        for largest in [Largest::Days, Largest::Years] {
            assert_eq!(span(0, largest), "0s");
            assert_eq!(span(30, largest), "30s");
            assert_eq!(span(120, largest), "2m");
            assert_eq!(span(125, largest), "2m 5s");
            assert_eq!(span(3 * 3600 + 600 + 7, largest), "3h 10m");
            assert_eq!(span(86_400 * 4 + 7200, largest), "4d 2h");
            assert_eq!(span(u64::MAX, largest).split(' ').count(), 2);
        }
        assert_eq!(span(86_400 * 400 + 7200, Largest::Days), "400d 2h");
        assert_eq!(span(86_400 * 400 + 7200, Largest::Years), "1y 35d");
    }
}
