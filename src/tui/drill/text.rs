//! Text helpers for the Drill views: wrapping card text (which keeps its line breaks and
//! `- ` bullets) and saying when something falls due.

use crate::text::{width as text_width, wrap};
use chrono::{DateTime, FixedOffset, Utc};

/// Wraps `text` to `width` columns after `prefix`; later lines are indented to line up under
/// the text. Line breaks in `text` are kept, and a `- ` line wraps under its own first word.
pub fn hanging(prefix: &str, text: &str, width: usize) -> Vec<String> {
    let indent = " ".repeat(text_width(prefix));
    let room = width.saturating_sub(indent.len()).max(1);
    let mut out = Vec::new();
    for raw in text.lines() {
        let (bullet, body) = match raw.trim_start().strip_prefix("- ") {
            Some(rest) => ("- ", rest),
            None => ("", raw.trim()),
        };
        if body.is_empty() && bullet.is_empty() {
            out.push(String::new());
            continue;
        }
        let inner = room.saturating_sub(bullet.len()).max(1);
        for (i, line) in wrap(body, inner).into_iter().enumerate() {
            let lead = if out.is_empty() { prefix } else { &indent };
            let mark = if i == 0 {
                bullet
            } else {
                &"  "[..bullet.len()]
            };
            out.push(format!("{lead}{mark}{line}"));
        }
    }
    if out.is_empty() {
        out.push(prefix.trim_end().to_string());
    }
    out
}

/// Wraps `text` to `width` columns, keeping its line breaks and bullets.
pub fn paragraph(text: &str, width: usize) -> Vec<String> {
    hanging("", text, width)
}

/// `in 10 min`, `in 3 h`, `in 4 days`, or `now` for anything already due. "now" means what the
/// queue means (due at or before `now`): a card due in 20 s is "in 1 min", not "now".
pub fn due_in(now: DateTime<Utc>, due: DateTime<Utc>) -> String {
    if due <= now {
        return "now".into();
    }
    let minutes = ((due - now).num_milliseconds() + 59_999) / 60_000;
    if minutes < 60 {
        return format!("in {minutes} min");
    }
    let hours = minutes / 60;
    if hours < 48 {
        return format!("in {hours} h");
    }
    format!("in {} days", hours / 24)
}

/// `2026-03-02 09:10` in the given offset.
pub fn local_time(t: DateTime<Utc>, offset: FixedOffset) -> String {
    t.with_timezone(&offset)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// A share as a whole percentage, or `-` when there is none yet.
pub fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{:.0}%", v * 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn hanging_lines_up_wrapped_text_and_keeps_bullets() {
        let lines = hanging("> 1  ", "one two three four", 12);
        assert_eq!(lines, vec!["> 1  one two", "     three", "     four"]);
        let lines = paragraph("Causes:\n- a long reason here\n\nEnd.", 12);
        assert_eq!(
            lines,
            vec!["Causes:", "- a long", "  reason", "  here", "", "End."]
        );
    }

    #[test]
    fn narrow_widths_still_make_progress() {
        let lines = hanging("> 1  ", "abc", 2);
        assert_eq!(lines.join("|"), "> 1  a|     b|     c");
        assert_eq!(hanging("- ", "", 10), vec!["-"]);
    }

    #[test]
    fn due_times_read_naturally() {
        let now = DateTime::from_timestamp(1_772_442_000, 0).unwrap();
        assert_eq!(due_in(now, now - Duration::minutes(5)), "now");
        assert_eq!(due_in(now, now + Duration::minutes(10)), "in 10 min");
        assert_eq!(due_in(now, now), "now");
        assert_eq!(due_in(now, now + Duration::seconds(20)), "in 1 min");
        assert_eq!(due_in(now, now + Duration::seconds(61)), "in 2 min");
        assert_eq!(due_in(now, now + Duration::hours(5)), "in 5 h");
        assert_eq!(due_in(now, now + Duration::days(4)), "in 4 days");
        let offset = FixedOffset::east_opt(3600).unwrap();
        assert_eq!(local_time(now, offset), "2026-03-02 10:00");
    }

    #[test]
    fn percent_rounds_and_marks_none() {
        assert_eq!(percent(Some(0.666)), "67%");
        assert_eq!(percent(None), "-");
    }
}
