//! The flows list: inbound flows, then outbound, each row with its strategy's status badge.

use crate::model::{Direction, Flow, Knowledge, StatusLevel};
use crate::tui::theme::Theme;
use crate::tui::widgets::{badged_row, status_badge};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// A row of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowListRow {
    Header(Direction),
    /// An index into the list's flow ids.
    Flow(usize),
}

/// The list's rows and the flow ids they show, in model order within each direction. Groups
/// without flows are left out.
pub fn build(k: &Knowledge) -> (Vec<FlowListRow>, Vec<String>) {
    let mut rows = Vec::new();
    let mut ids = Vec::new();
    for direction in [Direction::Inbound, Direction::Outbound] {
        let mut flows = k
            .flows
            .iter()
            .filter(|f| f.direction == direction)
            .peekable();
        if flows.peek().is_none() {
            continue;
        }
        rows.push(FlowListRow::Header(direction));
        for f in flows {
            rows.push(FlowListRow::Flow(ids.len()));
            ids.push(f.id.clone());
        }
    }
    (rows, ids)
}

pub fn header_title(direction: Direction) -> &'static str {
    match direction {
        Direction::Inbound => "Inbound",
        Direction::Outbound => "Outbound",
    }
}

/// Below this many columns for a flow's name, badges use their short form.
const MIN_NAME_ROOM: usize = 18;

/// The name a list row shows: the flow's name without a trailing parenthesis, which only
/// qualifies it (`JWT Bearer flow (server-to-server as a user)` lists as `JWT Bearer flow`);
/// the diagram's title shows the whole name.
pub fn short_name(name: &str) -> &str {
    match name.find(" (") {
        Some(cut) if name.ends_with(')') && cut > 0 => &name[..cut],
        _ => name,
    }
}

/// The status level of the strategy a flow implements, when the model has that strategy.
pub fn status_of(k: &Knowledge, flow: &Flow) -> Option<StatusLevel> {
    k.strategy(&flow.strategy).map(|s| s.status.level)
}

/// One flow in the list: its name, cut to fit, and its strategy's status badge on the right.
pub fn flow_line<'a>(
    name: &str,
    level: Option<StatusLevel>,
    width: usize,
    selected: Option<Style>,
    theme: &Theme,
) -> Line<'a> {
    let badge = level.map(|l| status_badge(l, width, 1, MIN_NAME_ROOM, theme));
    badged_row(
        vec![Span::raw(" ")],
        1,
        short_name(name),
        badge,
        width,
        selected,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifying_parentheses_are_left_to_the_title() {
        assert_eq!(
            short_name("JWT Bearer flow (server-to-server as a user)"),
            "JWT Bearer flow"
        );
        assert_eq!(short_name("Refresh Token flow"), "Refresh Token flow");
        assert_eq!(short_name("(odd)"), "(odd)");
        assert_eq!(short_name("a (b) c"), "a (b) c");
    }

    #[test]
    fn badges_sit_at_the_right_edge_and_shorten_when_narrow() {
        let t = Theme::mono();
        let deprecated = Some(StatusLevel::Deprecated);
        for (width, shown) in [
            (34, " Username-Password flow deprecated"),
            (24, " Username-Password… depr"),
        ] {
            let line = flow_line("Username-Password flow", deprecated, width, None, &t);
            assert_eq!(line.to_string(), shown);
        }
        let none = flow_line("A flow", None, 10, None, &t);
        assert_eq!(none.to_string(), " A flow   ");
    }
}
