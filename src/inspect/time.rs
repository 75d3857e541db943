//! The evaluation instant (`--at`) and how time claims read relative to it.

use crate::verdict::span::Largest;
use chrono::{DateTime, SecondsFormat, Utc};

/// Parses `--at`: unix seconds (`1767225600`) or RFC 3339 (`2026-01-01T00:00:00Z`).
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let secs: i64 = t
            .parse()
            .map_err(|_| format!("time \"{t}\" is too large for unix seconds"))?;
        return DateTime::from_timestamp(secs, 0)
            .ok_or_else(|| format!("unix time {secs} is out of range"));
    }
    DateTime::parse_from_rfc3339(t)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| {
            format!("time \"{t}\" is neither unix seconds nor RFC 3339 (e.g. 2026-01-01T00:00:00Z)")
        })
}

/// `2026-01-01T00:03:00Z`, or `None` when the seconds fall outside what a calendar can show.
pub fn utc_text(secs: i64) -> Option<String> {
    DateTime::from_timestamp(secs, 0).map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true))
}

pub fn instant_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A duration in the largest two units that matter: `45s`, `2m 5s`, `4d 2h`, `1y 20d`.
pub fn span(secs: u64) -> String {
    crate::verdict::span::span(secs, Largest::Years)
}

/// How a time claim reads at the evaluation instant: `expires in 2m`, `expired 30s ago`.
pub fn relative(claim: &str, secs: i64, at: DateTime<Utc>) -> String {
    let delta = i128::from(secs) - i128::from(at.timestamp());
    let amount = span(u64::try_from(delta.unsigned_abs()).unwrap_or(u64::MAX));
    let future = delta > 0;
    match (claim, future, delta == 0) {
        ("exp", _, true) => "expires now".to_string(),
        ("exp", true, _) => format!("expires in {amount}"),
        ("exp", false, _) => format!("expired {amount} ago"),
        ("nbf", _, true) => "valid from now".to_string(),
        ("nbf", true, _) => format!("not valid for another {amount}"),
        ("nbf", false, _) => format!("valid since {amount} ago"),
        ("iat", true, _) => format!("issued {amount} in the future"),
        ("iat", _, true) => "issued now".to_string(),
        ("iat", false, _) => format!("issued {amount} ago"),
        ("auth_time", true, _) => format!("authenticated {amount} in the future"),
        ("auth_time", false, _) => format!("authenticated {amount} ago"),
        (_, _, true) => "now".to_string(),
        (_, true, _) => format!("in {amount}"),
        (_, false, _) => format!("{amount} ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    #[test]
    fn parses_unix_seconds_and_rfc3339() {
        assert_eq!(parse_instant("1767225600").unwrap(), at(1_767_225_600));
        assert_eq!(
            parse_instant("2026-01-01T00:00:00Z").unwrap(),
            at(1_767_225_600)
        );
        assert_eq!(
            parse_instant("2026-01-01T01:00:00+01:00").unwrap(),
            at(1_767_225_600)
        );
        assert_eq!(parse_instant(" 0 ").unwrap(), at(0));
    }

    #[test]
    fn rejects_other_text_with_a_hint() {
        for bad in ["", "tomorrow", "2026-01-01", "99999999999999999999999"] {
            let e = parse_instant(bad).unwrap_err();
            assert!(!e.is_empty(), "{bad}");
        }
        assert!(parse_instant("noon").unwrap_err().contains("RFC 3339"));
    }

    #[test]
    fn relative_wording_follows_the_claim() {
        let now = at(1000);
        assert_eq!(relative("exp", 1120, now), "expires in 2m");
        assert_eq!(relative("exp", 970, now), "expired 30s ago");
        assert_eq!(relative("exp", 1000, now), "expires now");
        assert_eq!(relative("iat", 940, now), "issued 1m ago");
        assert_eq!(relative("nbf", 1060, now), "not valid for another 1m");
        assert_eq!(relative("auth_time", 400, now), "authenticated 10m ago");
        assert!(relative("other", i64::MIN, now).ends_with("ago"));
    }

    #[test]
    fn utc_text_is_rfc3339_or_none() {
        assert_eq!(utc_text(1_767_225_780).unwrap(), "2026-01-01T00:03:00Z");
        assert_eq!(utc_text(i64::MAX), None);
    }
}
