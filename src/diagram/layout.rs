//! Drawing a flow as a sequence diagram into a grid of cells.

use super::columns::{
    self, GUTTER, LABEL_PAD, MAX_HALF, MAX_LABEL, MIN_GAP, MIN_HALF, NOTE_PAD, Need,
};
use super::glyphs::{Charset, Frame, Glyphs};
use super::grid::{Cell, Grid, Role};
use super::text::{abbreviate_words, clean, width as text_width, wrap};
use crate::model::{Flow, StepKind};
use std::ops::Range;

/// Most lines a participant name, step label or note wraps to before it ends in an ellipsis.
const MAX_LINES: usize = 3;
/// A team pack can hold a flow of any size; beyond these the diagram draws only the first
/// participants and steps, so the grid (rows times columns) stays small.
pub const MAX_PARTICIPANTS: usize = 40;
pub const MAX_STEPS: usize = 400;

/// A laid-out diagram: rows of cells, every row `width` cells long.
#[derive(Debug, Clone)]
pub struct Diagram {
    /// Columns of every line. Larger than `requested_width` when the flow cannot be drawn that
    /// narrow; the viewer then scrolls horizontally.
    pub width: usize,
    pub requested_width: usize,
    pub charset: Charset,
    pub lines: Vec<Vec<Cell>>,
    /// Where each step is, in step order, one per step of the flow. Steps past
    /// [`MAX_STEPS`] are not drawn and have empty row and column ranges.
    pub steps: Vec<StepPlace>,
    /// Participants past [`MAX_PARTICIPANTS`] are not drawn (their steps go to the first
    /// lifeline), and steps past [`MAX_STEPS`] neither; these count what was left out.
    pub omitted_participants: usize,
    pub omitted_steps: usize,
    /// The column of each participant's lifeline, in participant order.
    pub lifelines: Vec<usize>,
}

/// The rows and columns one step occupies, for highlighting and scrolling to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepPlace {
    /// Label, arrow and note rows.
    pub rows: Range<usize>,
    /// The arrow itself (two rows for a self-step).
    pub arrow_rows: Range<usize>,
    pub cols: Range<usize>,
}

impl Diagram {
    /// True when the diagram is wider than asked and must be scrolled horizontally.
    pub fn needs_scroll(&self) -> bool {
        self.width > self.requested_width
    }

    /// One line as text, with the gutter mark shown for `highlight`; trailing blanks removed.
    pub fn line_text(&self, row: usize, highlight: Option<usize>) -> String {
        let mut out = String::new();
        if let Some(cells) = self.lines.get(row) {
            for cell in cells.iter().filter(|c| !c.continuation) {
                out.push(cell.glyph(highlight));
            }
        }
        out.truncate(out.trim_end().len());
        out
    }

    /// The whole diagram as text, one line per row.
    pub fn render_text(&self, highlight: Option<usize>) -> String {
        let mut out = String::new();
        for row in 0..self.lines.len() {
            out.push_str(&self.line_text(row, highlight));
            out.push('\n');
        }
        out
    }
}

/// Lays `flow` out for `width` columns.
pub fn layout(flow: &Flow, width: usize, charset: Charset) -> Diagram {
    let g = Glyphs::for_charset(charset);
    let plan = Plan::new(flow);
    let min = plan.min_segments();
    let compact = plan.box_segments(min.clone(), &plan.box_half_compact, &mut Vec::new());
    let natural = plan.natural_segments(compact.clone());
    let seg = columns::fit(&[min, compact, natural], width);
    let halves = columns::box_halves(&plan.box_half_natural, &plan.box_half_compact, &seg);
    let mut lifelines = Vec::with_capacity(plan.n + 1);
    let mut x = GUTTER;
    for s in &seg {
        x += s;
        lifelines.push(x);
    }
    // The last entry is the virtual lifeline one past the last column.
    let total = lifelines.pop().unwrap_or(GUTTER);
    let mut edges = lifelines.clone();
    edges.push(total);

    let mut d = Drawer {
        grid: Grid::new(total),
        g,
        lifelines: &lifelines,
        edges: &edges,
    };
    d.participants(&plan, &halves);
    d.lifeline_row(None);
    let mut steps = Vec::with_capacity(plan.steps.len());
    for (i, step) in plan.steps.iter().enumerate() {
        steps.push(d.step(i, step));
    }
    d.lifeline_row(None);
    let end = d.grid.rows.len();
    let omitted_steps = flow.steps.len().saturating_sub(plan.steps.len());
    steps.extend((0..omitted_steps).map(|_| StepPlace {
        rows: end..end,
        arrow_rows: end..end,
        cols: 0..0,
    }));
    Diagram {
        width: total,
        requested_width: width,
        charset,
        lines: d.grid.rows,
        steps,
        lifelines,
        omitted_participants: flow.participants.len().saturating_sub(plan.n),
        omitted_steps,
    }
}

/// The flow's text, cleaned and measured once, with each step's endpoints resolved.
struct Plan {
    n: usize,
    names: Vec<String>,
    /// Half-widths for each name on one line (up to a cap), and for the name wrapped to at most
    /// three lines without splitting a word.
    box_half_natural: Vec<usize>,
    box_half_compact: Vec<usize>,
    steps: Vec<PlannedStep>,
}

struct PlannedStep {
    kind: StepKind,
    lo: usize,
    hi: usize,
    /// Drawn left to right (the head is at `hi`).
    rightwards: bool,
    self_step: bool,
    number: String,
    label: String,
    note: Option<String>,
}

impl Plan {
    fn new(flow: &Flow) -> Plan {
        let participants = &flow.participants[..flow.participants.len().min(MAX_PARTICIPANTS)];
        let n = participants.len();
        let names: Vec<String> = participants.iter().map(|p| clean(&p.label)).collect();
        let box_half_natural: Vec<usize> = names
            .iter()
            .map(|name| (text_width(name) + 3).div_ceil(2).clamp(MIN_HALF, MAX_HALF))
            .collect();
        let box_half_compact = names
            .iter()
            .zip(&box_half_natural)
            .map(|(name, &natural)| compact_half(name, natural))
            .collect();
        // The loader rejects steps naming unknown participants; a flow built some other way
        // (or a participant left out for size) draws such an endpoint on the first lifeline
        // rather than failing.
        let index = |id: &str| participants.iter().position(|p| p.id == id).unwrap_or(0);
        let steps = flow
            .steps
            .iter()
            .take(MAX_STEPS)
            .enumerate()
            .map(|(i, s)| {
                let (from, to) = (index(&s.from), index(&s.to));
                let label = clean(&s.label);
                PlannedStep {
                    kind: s.kind,
                    lo: from.min(to),
                    hi: if from == to { from + 1 } else { from.max(to) },
                    rightwards: to >= from,
                    self_step: from == to,
                    number: format!("{}. ", i + 1),
                    label: if label.trim().is_empty() {
                        s.kind.as_str().to_string()
                    } else {
                        label
                    },
                    note: s
                        .note
                        .as_deref()
                        .map(clean)
                        .filter(|t| !t.trim().is_empty()),
                }
            })
            .collect();
        Plan {
            n,
            names,
            box_half_natural,
            box_half_compact,
            steps,
        }
    }

    fn min_segments(&self) -> Vec<usize> {
        let mut seg = vec![MIN_GAP; self.n + 1];
        seg[0] = MIN_HALF;
        // Without self-steps on the last participant the right margin only holds half a box.
        let last_has_self = self.steps.iter().any(|s| s.self_step && s.hi == self.n);
        if !last_has_self {
            seg[self.n] = MIN_HALF + 1;
        }
        seg
    }

    /// `base` widened so boxes of the given half-widths fit side by side; `needs` may already
    /// hold other requirements to meet at the same time.
    fn box_segments(
        &self,
        base: Vec<usize>,
        halves: &[usize],
        needs: &mut Vec<Need>,
    ) -> Vec<usize> {
        let mut base = base;
        if let Some(first) = halves.first() {
            base[0] = base[0].max(*first);
        }
        for (i, here) in halves.iter().enumerate() {
            let columns = match halves.get(i + 1) {
                Some(next) => here + next + 2,
                None => here + 1,
            };
            needs.push(Need {
                lo: i,
                hi: i + 1,
                columns,
            });
        }
        columns::satisfy(base, needs)
    }

    /// Room for boxes at their natural size and every label and note on one line (up to
    /// [`MAX_LABEL`] columns).
    fn natural_segments(&self, base: Vec<usize>) -> Vec<usize> {
        let mut needs = Vec::new();
        for s in &self.steps {
            let label = (text_width(&s.number) + text_width(&s.label)).min(MAX_LABEL);
            needs.push(Need {
                lo: s.lo,
                hi: s.hi,
                columns: label + LABEL_PAD,
            });
            if let Some(note) = &s.note {
                needs.push(Need {
                    lo: s.lo,
                    hi: s.hi,
                    columns: text_width(note).min(MAX_LABEL) + NOTE_PAD,
                });
            }
        }
        self.box_segments(base, &self.box_half_natural, &mut needs)
    }
}

/// The smallest half-width (at most `natural`) whose box shows `name` in at most
/// [`MAX_LINES`] lines without splitting a word.
fn compact_half(name: &str, natural: usize) -> usize {
    let longest = name.split_whitespace().map(text_width).max().unwrap_or(0);
    (MIN_HALF..natural)
        .find(|&h| {
            let inner = 2 * h - 3;
            longest <= inner && wrap(name, inner, inner, MAX_LINES + 1, "").len() <= MAX_LINES
        })
        .unwrap_or(natural)
}

struct Drawer<'a> {
    grid: Grid,
    g: &'a Glyphs,
    lifelines: &'a [usize],
    /// `lifelines` plus the virtual one past the last column.
    edges: &'a [usize],
}

impl Drawer<'_> {
    fn participants(&mut self, plan: &Plan, halves: &[usize]) {
        if plan.n == 0 {
            return;
        }
        let frame = self.g.participant;
        let wrapped: Vec<Vec<String>> = plan
            .names
            .iter()
            .zip(halves)
            .map(|(name, h)| {
                let inner = (2 * h).saturating_sub(3);
                let name = abbreviate_words(name, inner, self.g.ellipsis);
                wrap(&name, inner, inner, MAX_LINES, self.g.ellipsis)
            })
            .collect();
        let text_rows = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let top = self.grid.push_row();
        for _ in 0..text_rows + 1 {
            self.grid.push_row();
        }
        let bottom = top + text_rows + 1;
        for (i, (&x, &h)) in self.lifelines.iter().zip(halves).enumerate() {
            let (l, r) = (x.saturating_sub(h), x + h);
            self.frame(top, bottom, l, r, frame, Role::ParticipantBorder, None);
            self.grid
                .put(bottom, x, self.g.box_tee, Role::ParticipantBorder, None);
            let inner = (2 * h).saturating_sub(3);
            for (k, line) in wrapped[i].iter().enumerate() {
                let pad = inner.saturating_sub(text_width(line)) / 2;
                self.grid.put_str(
                    top + 1 + k,
                    l + 2 + pad,
                    r - 1,
                    line,
                    Role::ParticipantLabel,
                    None,
                );
            }
        }
    }

    /// A box with corners at columns `l` and `r` and rows `top` and `bottom`; its inside is
    /// cleared.
    #[allow(clippy::too_many_arguments)]
    fn frame(
        &mut self,
        top: usize,
        bottom: usize,
        l: usize,
        r: usize,
        f: Frame,
        role: Role,
        step: Option<usize>,
    ) {
        self.grid.put(top, l, f.top_left, role, step);
        self.grid.repeat(top, l + 1..r, f.horizontal, role, step);
        self.grid.put(top, r, f.top_right, role, step);
        for row in top + 1..bottom {
            self.grid.put(row, l, f.vertical, role, step);
            self.grid.repeat(row, l + 1..r, ' ', Role::Blank, step);
            self.grid.put(row, r, f.vertical, role, step);
        }
        self.grid.put(bottom, l, f.bottom_left, role, step);
        self.grid.repeat(bottom, l + 1..r, f.horizontal, role, step);
        self.grid.put(bottom, r, f.bottom_right, role, step);
    }

    /// A new row with every lifeline drawn, and the gutter mark for `step`'s highlight.
    fn lifeline_row(&mut self, step: Option<(usize, char)>) -> usize {
        let row = self.grid.push_row();
        for &x in self.lifelines {
            self.grid.put(row, x, self.g.lifeline, Role::Lifeline, None);
        }
        if let Some((i, mark)) = step {
            self.grid.put(row, 0, mark, Role::Marker, Some(i));
        }
        row
    }

    fn step(&mut self, i: usize, s: &PlannedStep) -> StepPlace {
        let lo_x = self.edges.get(s.lo).copied().unwrap_or(GUTTER);
        let hi_x = self.edges.get(s.hi).copied().unwrap_or(lo_x + MIN_GAP);
        let span = hi_x.saturating_sub(lo_x);
        let start = self.grid.rows.len();
        let mark_rows = Some((i, self.g.mark_rows));

        // Label above the arrow, after a hanging step number.
        let room = span.saturating_sub(LABEL_PAD);
        let number_w = text_width(&s.number);
        let body_room = room.saturating_sub(number_w);
        let lines = wrap(&s.label, body_room, body_room, MAX_LINES, self.g.ellipsis);
        for (k, line) in lines.iter().enumerate() {
            let row = self.lifeline_row(mark_rows);
            let end = hi_x.saturating_sub(1);
            if k == 0 {
                self.grid
                    .put_str(row, lo_x + 2, end, &s.number, Role::StepNumber, Some(i));
            } else {
                self.grid.repeat(
                    row,
                    lo_x + 2..lo_x + 2 + number_w,
                    ' ',
                    Role::Blank,
                    Some(i),
                );
            }
            self.grid.put_str(
                row,
                lo_x + 2 + number_w,
                end,
                line,
                Role::StepLabel,
                Some(i),
            );
        }

        let arrow_start = self.grid.rows.len();
        let arrow = self.g.arrow(s.kind);
        let role = Role::Arrow(s.kind);
        let row = self.lifeline_row(Some((i, self.g.mark_arrow)));
        if s.self_step {
            self.grid.put(row, lo_x, self.g.loop_start, role, Some(i));
            self.grid
                .repeat(row, lo_x + 1..lo_x + 3, arrow.shaft, role, Some(i));
            self.grid.put(row, lo_x + 3, self.g.loop_top, role, Some(i));
            let row = self.lifeline_row(mark_rows);
            self.grid.put(row, lo_x + 1, arrow.head_left, role, Some(i));
            self.grid.put(row, lo_x + 2, arrow.shaft, role, Some(i));
            self.grid
                .put(row, lo_x + 3, self.g.loop_bottom, role, Some(i));
        } else {
            self.grid
                .repeat(row, lo_x + 1..hi_x, arrow.shaft, role, Some(i));
            if s.rightwards {
                self.grid
                    .put(row, hi_x.saturating_sub(1), arrow.head_right, role, Some(i));
            } else {
                self.grid.put(row, lo_x + 1, arrow.head_left, role, Some(i));
            }
        }
        let arrow_rows = arrow_start..self.grid.rows.len();

        if let Some(note) = &s.note {
            let (l, r) = (lo_x + 1, hi_x.saturating_sub(1));
            let inner = span.saturating_sub(NOTE_PAD);
            let lines = wrap(note, inner, inner, MAX_LINES, self.g.ellipsis);
            let top = self.lifeline_row(mark_rows);
            for _ in 0..=lines.len() {
                self.lifeline_row(mark_rows);
            }
            let bottom = top + lines.len() + 1;
            self.frame(top, bottom, l, r, self.g.note, Role::NoteBorder, Some(i));
            for (k, line) in lines.iter().enumerate() {
                self.grid
                    .put_str(top + 1 + k, l + 2, r, line, Role::NoteText, Some(i));
            }
        }

        StepPlace {
            rows: start..self.grid.rows.len(),
            arrow_rows,
            cols: lo_x..hi_x.min(self.grid.width),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Participant, ParticipantKind, Step};

    fn flow(steps: &[(&str, &str, StepKind, &str, Option<&str>)]) -> Flow {
        let participant = |id: &str, label: &str| Participant {
            id: id.into(),
            label: label.into(),
            kind: ParticipantKind::Backend,
        };
        Flow {
            id: "t".into(),
            name: "t".into(),
            direction: Direction::Inbound,
            strategy: "t".into(),
            summary: String::new(),
            participants: vec![participant("a", "Alpha"), participant("b", "Beta")],
            steps: steps
                .iter()
                .map(|(from, to, kind, label, note)| Step {
                    from: (*from).into(),
                    to: (*to).into(),
                    kind: *kind,
                    label: (*label).into(),
                    explanation: String::new(),
                    http: None,
                    pitfalls: vec![],
                    note: note.map(Into::into),
                })
                .collect(),
            related: vec![],
            sources: vec![],
            as_of: String::new(),
            override_existing: false,
        }
    }

    #[test]
    fn draws_boxes_lifelines_arrows_loops_and_notes() {
        let f = flow(&[
            ("a", "b", StepKind::Request, "ask", None),
            ("b", "a", StepKind::Response, "answer", Some("no refresh")),
            ("b", "b", StepKind::Internal, "think", None),
        ]);
        let d = layout(&f, 100, Charset::Unicode);
        let text = d.render_text(None);
        let expected = [
            "  ┌───────┐      ┌───────┐",
            "  │ Alpha │      │ Beta  │",
            "  └───┬───┘      └───┬───┘",
            "      │              │",
            "      │ 1. ask       │",
            "      │─────────────▶│",
            "      │ 2. answer    │",
            "      │◀╌╌╌╌╌╌╌╌╌╌╌╌╌│",
            "      │╭────────────╮│",
            "      ││ no refresh ││",
            "      │╰────────────╯│",
            "      │              │ 3. think",
            "      │              ├──┐",
            "      │              │◀─┘",
            "      │              │",
            "",
        ]
        .join("\n");
        assert_eq!(text, expected, "\n{text}");
    }

    #[test]
    fn natural_layout_is_used_when_there_is_room() {
        let f = flow(&[("a", "b", StepKind::Request, "ask", None)]);
        let d = layout(&f, 200, Charset::Unicode);
        assert!(d.width < 200);
        assert!(!d.needs_scroll());
        assert_eq!(d.lifelines.len(), 2);
        assert_eq!(d.steps[0].arrow_rows.len(), 1);
        assert_eq!(d.steps[0].cols, d.lifelines[0]..d.lifelines[1]);
    }

    #[test]
    fn a_huge_flow_is_drawn_only_in_part() {
        let mut f = flow(&[]);
        f.participants = (0..1000)
            .map(|i| Participant {
                id: format!("p{i}"),
                label: format!("Participant {i}"),
                kind: ParticipantKind::Backend,
            })
            .collect();
        f.steps = (0..5000)
            .map(|i| Step {
                from: format!("p{}", i % 1000),
                to: format!("p{}", (i * 7) % 1000),
                kind: StepKind::Request,
                label: "x ".repeat(500),
                explanation: String::new(),
                http: None,
                pitfalls: vec![],
                note: Some("y".repeat(1000)),
            })
            .collect();
        let d = layout(&f, 100, Charset::Unicode);
        assert_eq!(d.lifelines.len(), MAX_PARTICIPANTS);
        assert_eq!(d.omitted_participants, 1000 - MAX_PARTICIPANTS);
        assert_eq!(d.omitted_steps, 5000 - MAX_STEPS);
        assert_eq!(d.steps.len(), 5000);
        assert!(d.steps[MAX_STEPS].rows.is_empty());
        assert!(d.lines.len() < MAX_STEPS * 10);
        assert!(d.width < MAX_PARTICIPANTS * 40);
    }

    #[test]
    fn gutter_mark_shows_only_for_the_highlighted_step() {
        let f = flow(&[
            ("a", "b", StepKind::Request, "ask", None),
            ("b", "a", StepKind::Response, "answer", None),
        ]);
        let d = layout(&f, 100, Charset::Ascii);
        let arrow_row = d.steps[1].arrow_rows.start;
        assert!(d.line_text(arrow_row, Some(1)).starts_with('>'));
        assert!(d.line_text(arrow_row, Some(0)).starts_with(' '));
        assert!(d.line_text(arrow_row, None).starts_with(' '));
        assert!(d.line_text(arrow_row, None).contains("<......"));
    }
}
