//! Time rules at the evaluation instant (J8 exp form, J9 expiry, J10 lifetime) and the claims
//! Salesforce does not use (J11).

use super::{CheckInput, quoted, shown};
use crate::inspect::report::RawFinding;
use crate::inspect::time::{span, utc_text};
use serde_json::Value;

/// Above this an `exp` is taken to be in milliseconds (10^11 s is the year 5138).
pub const MILLIS_THRESHOLD: i64 = 100_000_000_000;
/// Salesforce documents a three-minute limit on the assertion's lifetime.
pub const MAX_LIFETIME_SECS: i64 = 180;

/// How a NumericDate claim was written.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeValue {
    Integer(i64),
    /// A number with a fraction, floored.
    Fraction(i64),
    /// A string holding an integer (Salesforce's own doc example does this).
    NumericString(i64),
    /// A number so large or small that no calendar has that second (1e20, 2^64): never a
    /// usable time, and never shown as a date.
    BeyondCalendar,
    /// Anything else: not a time at all.
    NotTime,
}

impl TimeValue {
    pub fn seconds(&self) -> Option<i64> {
        match self {
            TimeValue::Integer(s) | TimeValue::Fraction(s) | TimeValue::NumericString(s) => {
                Some(*s)
            }
            TimeValue::BeyondCalendar | TimeValue::NotTime => None,
        }
    }
}

/// Seconds a calendar can show (chrono's range, about ±262,000 years).
fn on_calendar(secs: i64) -> Option<i64> {
    utc_text(secs).map(|_| secs)
}

pub fn time_value(v: &Value) -> TimeValue {
    let calendar = |secs: Option<i64>, kind: fn(i64) -> TimeValue| {
        secs.and_then(on_calendar)
            .map_or(TimeValue::BeyondCalendar, kind)
    };
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                calendar(Some(i), TimeValue::Integer)
            } else if n.is_u64() {
                TimeValue::BeyondCalendar
            } else if let Some(f) = n.as_f64().filter(|f| f.is_finite()) {
                // Only values well inside i64 are converted, so nothing saturates into a
                // date that was never written.
                let fits = f.abs() < 9.0e18;
                #[allow(clippy::cast_possible_truncation)]
                let secs = fits.then(|| f.floor() as i64);
                let kind = if f.fract() == 0.0 {
                    TimeValue::Integer
                } else {
                    TimeValue::Fraction
                };
                calendar(secs, kind)
            } else {
                TimeValue::NotTime
            }
        }
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(i) => calendar(Some(i), TimeValue::NumericString),
            Err(_) => TimeValue::NotTime,
        },
        _ => TimeValue::NotTime,
    }
}

fn when(secs: i64) -> String {
    utc_text(secs).map_or_else(|| format!("{secs}"), |t| format!("{secs} ({t})"))
}

pub fn j8_exp_format(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let Some(raw) = input.claim("exp") else {
        return vec![RawFinding::fails(
            "J8",
            "exp is missing; expected seconds since 1970 (UTC), a few minutes ahead",
        )];
    };
    let value = time_value(raw);
    let mut out = Vec::new();
    match value {
        TimeValue::NotTime => {
            return vec![RawFinding::fails(
                "J8",
                format!("exp {} is not a number of seconds", shown(raw)),
            )];
        }
        TimeValue::BeyondCalendar => {
            return vec![RawFinding::fails(
                "J8",
                format!(
                    "exp {} is beyond any calendar date, so the token never expires for \
                     some verifiers and is unreadable to others; use seconds since 1970 (UTC)",
                    shown(raw)
                ),
            )];
        }
        TimeValue::NumericString(_) => out.push(RawFinding::warning(
            "J8",
            format!(
                "exp {} is a string; a JSON number is standard (Salesforce's own example uses a string)",
                shown(raw)
            ),
        )),
        TimeValue::Fraction(_) => out.push(RawFinding::info(
            "J8",
            format!("exp {} has a fraction; whole seconds are usual", shown(raw)),
        )),
        TimeValue::Integer(_) => {}
    }
    if let Some(secs) = value.seconds().filter(|s| *s > MILLIS_THRESHOLD) {
        out.push(RawFinding::warning(
            "J8",
            format!(
                "exp {secs} looks like milliseconds (as seconds it is {}); use seconds",
                utc_text(secs).map_or("beyond any calendar".to_string(), |t| format!("in {t}")),
            ),
        ));
    }
    out
}

fn exp_seconds(input: &CheckInput<'_>) -> Option<i64> {
    input.claim("exp").map(time_value)?.seconds()
}

pub fn j9_expired(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let Some(exp) = exp_seconds(input) else {
        return Vec::new();
    };
    let at = input.opts.at.timestamp();
    let skew = i64::try_from(input.opts.skew).unwrap_or(i64::MAX);
    if exp.saturating_add(skew) > at {
        return Vec::new();
    }
    let ago = span(u64::try_from(i128::from(at) - i128::from(exp)).unwrap_or(u64::MAX));
    let leeway = if skew > 0 {
        format!(" (beyond the {skew}s skew allowed)")
    } else {
        String::new()
    };
    vec![RawFinding::fails(
        "J9",
        format!("exp {} expired {ago} ago{leeway}", when(exp)),
    )]
}

pub fn j10_lifetime(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let Some(exp) = exp_seconds(input).filter(|s| *s <= MILLIS_THRESHOLD) else {
        return Vec::new();
    };
    let ahead = i128::from(exp) - i128::from(input.opts.at.timestamp());
    if ahead <= i128::from(MAX_LIFETIME_SECS) {
        return Vec::new();
    }
    vec![RawFinding::fails(
        "J10",
        format!(
            "exp is {} ahead; Salesforce documents a 3-minute limit",
            span(u64::try_from(ahead).unwrap_or(u64::MAX))
        ),
    )]
}

const USED: [&str; 5] = ["iss", "sub", "prn", "aud", "exp"];

pub fn j11_other_claims(input: &CheckInput<'_>) -> Vec<RawFinding> {
    let mut out = Vec::new();
    let extra: Vec<&str> = input
        .jwt
        .claims
        .keys()
        .map(String::as_str)
        .filter(|k| !USED.contains(k))
        .collect();
    if !extra.is_empty() {
        out.push(RawFinding::fails(
            "J11",
            format!(
                "other claims {} are optional and not used by this grant",
                extra
                    .iter()
                    .map(|k| quoted(k))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let at = input.opts.at.timestamp();
    let skew = i64::try_from(input.opts.skew).unwrap_or(i64::MAX);
    for (claim, what) in [("nbf", "not valid yet"), ("iat", "issued in the future")] {
        let Some(secs) = input.claim(claim).map(time_value).and_then(|v| v.seconds()) else {
            continue;
        };
        if secs > at.saturating_add(skew) {
            let ahead = span(u64::try_from(i128::from(secs) - i128::from(at)).unwrap_or(u64::MAX));
            out.push(RawFinding::warning(
                "J11",
                format!(
                    "{claim} {} is {ahead} after the evaluation time: {what} (clock skew?)",
                    when(secs)
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::inspect::report::Level;
    use serde_json::json;

    fn exp_case(exp: Value) -> Case {
        claims(with(good_claims(), "exp", exp))
    }

    #[test]
    fn time_values() {
        assert_eq!(time_value(&json!(5)), TimeValue::Integer(5));
        assert_eq!(time_value(&json!(5.9)), TimeValue::Fraction(5));
        assert_eq!(time_value(&json!(" 7 ")), TimeValue::NumericString(7));
        assert_eq!(time_value(&json!("soon")), TimeValue::NotTime);
        assert_eq!(time_value(&json!(true)), TimeValue::NotTime);
        assert_eq!(time_value(&json!(1e3)), TimeValue::Integer(1000));
        assert_eq!(time_value(&json!(-1)), TimeValue::Integer(-1));
        assert_eq!(time_value(&json!(-1.5)), TimeValue::Fraction(-2));
        for beyond in [json!(1e20), json!(1e300), json!(-1e300), json!(u64::MAX)] {
            assert_eq!(time_value(&beyond), TimeValue::BeyondCalendar, "{beyond}");
        }
        assert_eq!(time_value(&json!(i64::MAX)), TimeValue::BeyondCalendar);
        assert_eq!(
            time_value(&json!(i64::MAX.to_string())),
            TimeValue::BeyondCalendar
        );
        assert_eq!(time_value(&Value::Null), TimeValue::NotTime);
    }

    #[test]
    fn j8_missing_string_millis_and_garbage() {
        assert!(claims(good_claims()).of(j8_exp_format).is_empty());
        let missing = exp_case(Value::Null).of(j8_exp_format);
        assert_eq!(missing[0].level, Level::Fails);
        let string = exp_case(json!((AT + 60).to_string())).of(j8_exp_format);
        assert_eq!(string.len(), 1);
        assert_eq!(string[0].level, Level::Warning);
        assert!(string[0].message.contains("is a string"));
        let millis = exp_case(json!((AT + 60) * 1000)).of(j8_exp_format);
        assert_eq!(millis[0].level, Level::Warning);
        assert!(millis[0].message.contains("milliseconds"));
        let huge = exp_case(json!(1e20)).of(j8_exp_format);
        assert_eq!(huge.len(), 1);
        assert_eq!(huge[0].level, Level::Fails);
        assert!(
            huge[0].message.contains(" is beyond any calendar"),
            "{}",
            huge[0].message
        );
        let garbage = exp_case(json!("tomorrow")).of(j8_exp_format);
        assert_eq!(garbage[0].level, Level::Fails);
        assert!(garbage[0].message.contains("\"tomorrow\""));
    }

    #[test]
    fn j9_expiry_at_the_instant_and_with_skew() {
        assert!(exp_case(json!(AT + 1)).of(j9_expired).is_empty());
        let at_now = exp_case(json!(AT)).of(j9_expired);
        assert_eq!(at_now.len(), 1, "exp equal to now is expired");
        let past = exp_case(json!(AT - 30)).of(j9_expired);
        assert!(
            past[0].message.contains("expired 30s ago"),
            "{}",
            past[0].message
        );
        assert!(past[0].message.contains("2025-12-31T23:59:30Z"));
        let mut c = exp_case(json!(AT - 30));
        c.opts.skew = 60;
        assert!(c.of(j9_expired).is_empty());
        c.opts.skew = 10;
        c.first_says(j9_expired, "10s skew");
        assert!(exp_case(json!("x")).of(j9_expired).is_empty());
        assert!(
            exp_case(json!(i64::MIN)).of(j9_expired).is_empty(),
            "no date to compare"
        );
        assert_eq!(exp_case(json!(-1)).of(j9_expired).len(), 1);
    }

    #[test]
    fn j10_three_minute_limit() {
        assert!(exp_case(json!(AT + 180)).of(j10_lifetime).is_empty());
        let long = exp_case(json!(AT + 3600)).of(j10_lifetime);
        assert_eq!(long.len(), 1);
        assert!(long[0].message.contains("1h ahead"));
        assert!(exp_case(json!(AT * 1000)).of(j10_lifetime).is_empty());
    }

    #[test]
    fn j11_lists_other_claims_and_future_times() {
        assert!(claims(good_claims()).of(j11_other_claims).is_empty());
        let extra = claims(with(good_claims(), "jti", json!("1"))).of(j11_other_claims);
        assert_eq!(extra.len(), 1);
        assert!(extra[0].message.contains("\"jti\""));
        let future = with(good_claims(), "nbf", json!(AT + 120));
        let found = claims(future).of(j11_other_claims);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].level, Level::Warning);
        assert!(found[1].message.contains("not valid yet"));
    }
}
