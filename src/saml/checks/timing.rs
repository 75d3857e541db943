//! S8: the validity window must be open at the evaluation instant (`--at`, with `--skew`
//! seconds of leeway and none by default) and short.

use super::CheckInput;
use super::subject::bearer_confirmations;
use crate::saml::fields::AssertionFields;
use crate::saml::report::RawFinding;
use crate::verdict::span::Largest;
use chrono::{DateTime, SecondsFormat, Utc};

/// Windows longer than this are flagged: Salesforce's guidance is a few minutes.
const LONG_WINDOW_SECS: i64 = 5 * 60;

/// An `xs:dateTime` as SAML writes it (`2026-01-01T00:03:00Z`, fractions allowed).
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// `45s`, `2m 5s`, `3h 10m`, `4d 2h`, `400d 2h`: how far apart two instants are, either way.
pub fn span(secs: i64) -> String {
    crate::verdict::span::span(secs.unsigned_abs(), Largest::Days)
}

fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

struct Clock {
    at: DateTime<Utc>,
    skew: i64,
}

impl Clock {
    /// Error when the instant `bound` has passed (NotOnOrAfter semantics).
    fn closed(&self, what: &str, text: &str, bound: DateTime<Utc>) -> Option<RawFinding> {
        let late = (self.at - bound).num_seconds();
        (late >= self.skew).then(|| {
            RawFinding::fails(
                "S8",
                format!(
                    "{what} {text} passed {} before the evaluation instant {}: the assertion has \
                     expired",
                    span(late),
                    instant(self.at)
                ),
            )
        })
    }

    /// Error when the instant `bound` is still ahead (NotBefore semantics).
    fn not_open(&self, what: &str, text: &str, bound: DateTime<Utc>) -> Option<RawFinding> {
        let early = (bound - self.at).num_seconds();
        (early > self.skew).then(|| {
            RawFinding::fails(
                "S8",
                format!(
                    "{what} {text} is {} after the evaluation instant {}: not valid yet",
                    span(early),
                    instant(self.at)
                ),
            )
        })
    }
}

impl Clock {
    /// Warning when IssueInstant is ahead of the evaluation instant by more than the skew.
    fn issued_ahead(&self, t: DateTime<Utc>) -> Option<RawFinding> {
        let ahead = (t - self.at).num_seconds();
        (ahead > self.skew).then(|| {
            RawFinding::warning(
                "S8",
                format!(
                    "IssueInstant {} is {} after the evaluation instant {}: the issuer's clock \
                     may be ahead",
                    instant(t),
                    span(ahead),
                    instant(self.at)
                ),
            )
        })
    }
}

/// Warning when the assertion stays usable for longer than a few minutes.
fn long_window(start: DateTime<Utc>, end: DateTime<Utc>) -> Option<RawFinding> {
    let length = (end - start).num_seconds();
    (length > LONG_WINDOW_SECS).then(|| {
        RawFinding::warning(
            "S8",
            format!(
                "the assertion is valid for {} ({} to {}); keep the window to a few minutes so \
                 a stolen assertion is soon useless",
                span(length),
                instant(start),
                instant(end)
            ),
        )
    })
}

fn bad_time(what: &str, text: &str) -> RawFinding {
    RawFinding::fails(
        "S8",
        format!("{what} {text:?} is not an xs:dateTime (e.g. 2026-01-01T00:03:00Z)"),
    )
}

pub fn s8_window(input: &CheckInput<'_>, a: &AssertionFields) -> Vec<RawFinding> {
    let clock = Clock {
        at: input.opts.at,
        skew: i64::try_from(input.opts.skew).unwrap_or(i64::MAX),
    };
    let mut out = Vec::new();
    let mut read = |what: &str, text: Option<&str>| -> Option<DateTime<Utc>> {
        let text = text?;
        let t = parse_time(text);
        if t.is_none() {
            out.push(bad_time(what, text));
        }
        t
    };
    let conditions = a.conditions.as_ref();
    let c_nb = read(
        "Conditions NotBefore",
        conditions.and_then(|c| c.not_before.as_deref()),
    );
    let c_na = read(
        "Conditions NotOnOrAfter",
        conditions.and_then(|c| c.not_on_or_after.as_deref()),
    );
    let issued = read("IssueInstant", a.issue_instant.as_deref());
    let confirmations: Vec<_> = bearer_confirmations(a)
        .into_iter()
        .filter(|c| c.has_data)
        .map(|c| {
            (
                read("SubjectConfirmationData NotBefore", c.not_before.as_deref()),
                read(
                    "SubjectConfirmationData NotOnOrAfter",
                    c.not_on_or_after.as_deref(),
                ),
                c,
            )
        })
        .collect();

    let text_of = |t: DateTime<Utc>| instant(t);
    if let Some(t) = c_nb {
        out.extend(clock.not_open("Conditions NotBefore", &text_of(t), t));
    }
    if let Some(t) = c_na {
        out.extend(clock.closed("Conditions NotOnOrAfter", &text_of(t), t));
    }
    for (nb, na, c) in &confirmations {
        if let Some(t) = nb {
            out.extend(clock.not_open("SubjectConfirmationData NotBefore", &text_of(*t), *t));
        }
        match na {
            Some(t) => {
                out.extend(clock.closed("SubjectConfirmationData NotOnOrAfter", &text_of(*t), *t))
            }
            None if c.not_on_or_after.is_none() => out.push(RawFinding::fails(
                "S8",
                "the bearer SubjectConfirmationData has no NotOnOrAfter; Salesforce needs a \
                 validity window",
            )),
            None => {}
        }
    }
    out.extend(issued.and_then(|t| clock.issued_ahead(t)));
    let start = c_nb.or(issued);
    let end = c_na
        .into_iter()
        .chain(confirmations.iter().filter_map(|(_, na, _)| *na))
        .min();
    if let (Some(start), Some(end)) = (start, end) {
        out.extend(long_window(start, end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_spans() {
        assert!(parse_time("2026-01-01T00:03:00Z").is_some());
        assert!(parse_time("2026-01-01T00:03:00.123Z").is_some());
        assert!(parse_time("2026-01-01 00:03").is_none());
        assert_eq!(span(45), "45s");
        assert_eq!(span(125), "2m 5s");
        assert_eq!(span(-3600), "1h");
        assert_eq!(span(90_000), "1d 1h");
    }
}
