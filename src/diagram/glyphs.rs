//! The characters a diagram is drawn with: Unicode box drawing, or plain ASCII for terminals and
//! files that cannot show it.

use crate::model::StepKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Charset {
    #[default]
    Unicode,
    Ascii,
}

/// The four corners and two sides of a box.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub top_left: char,
    pub top_right: char,
    pub bottom_left: char,
    pub bottom_right: char,
    pub horizontal: char,
    pub vertical: char,
}

#[derive(Debug, Clone, Copy)]
pub struct Glyphs {
    pub participant: Frame,
    pub note: Frame,
    /// Where a lifeline leaves the bottom of a participant box.
    pub box_tee: char,
    pub lifeline: char,
    /// A self-step's loop: the lifeline tee it starts from and its two right-hand corners.
    pub loop_start: char,
    pub loop_top: char,
    pub loop_bottom: char,
    pub ellipsis: &'static str,
    /// Gutter marks for the highlighted step: on its arrow row, and on its other rows.
    pub mark_arrow: char,
    pub mark_rows: char,
    request: Arrow,
    response: Arrow,
    redirect: Arrow,
    user_action: Arrow,
}

#[derive(Debug, Clone, Copy)]
pub struct Arrow {
    pub shaft: char,
    pub head_right: char,
    pub head_left: char,
}

const UNICODE: Glyphs = Glyphs {
    participant: Frame {
        top_left: '┌',
        top_right: '┐',
        bottom_left: '└',
        bottom_right: '┘',
        horizontal: '─',
        vertical: '│',
    },
    note: Frame {
        top_left: '╭',
        top_right: '╮',
        bottom_left: '╰',
        bottom_right: '╯',
        horizontal: '─',
        vertical: '│',
    },
    box_tee: '┬',
    lifeline: '│',
    loop_start: '├',
    loop_top: '┐',
    loop_bottom: '┘',
    ellipsis: "…",
    mark_arrow: '▶',
    mark_rows: '┃',
    request: Arrow {
        shaft: '─',
        head_right: '▶',
        head_left: '◀',
    },
    response: Arrow {
        shaft: '╌',
        head_right: '▶',
        head_left: '◀',
    },
    redirect: Arrow {
        shaft: '═',
        head_right: '▶',
        head_left: '◀',
    },
    user_action: Arrow {
        shaft: '┈',
        head_right: '▷',
        head_left: '◁',
    },
};

const ASCII: Glyphs = Glyphs {
    participant: Frame {
        top_left: '+',
        top_right: '+',
        bottom_left: '+',
        bottom_right: '+',
        horizontal: '-',
        vertical: '|',
    },
    note: Frame {
        top_left: '.',
        top_right: '.',
        bottom_left: '\'',
        bottom_right: '\'',
        horizontal: '-',
        vertical: ':',
    },
    box_tee: '+',
    lifeline: '|',
    loop_start: '|',
    loop_top: '+',
    loop_bottom: '+',
    ellipsis: "...",
    mark_arrow: '>',
    mark_rows: ':',
    request: Arrow {
        shaft: '-',
        head_right: '>',
        head_left: '<',
    },
    response: Arrow {
        shaft: '.',
        head_right: '>',
        head_left: '<',
    },
    redirect: Arrow {
        shaft: '=',
        head_right: '>',
        head_left: '<',
    },
    user_action: Arrow {
        shaft: '~',
        head_right: '>',
        head_left: '<',
    },
};

impl Glyphs {
    pub fn for_charset(charset: Charset) -> &'static Glyphs {
        match charset {
            Charset::Unicode => &UNICODE,
            Charset::Ascii => &ASCII,
        }
    }

    /// Internal steps are drawn as a loop with the request arrow's shaft and heads.
    pub fn arrow(&self, kind: StepKind) -> Arrow {
        match kind {
            StepKind::Request | StepKind::Internal => self.request,
            StepKind::Response => self.response,
            StepKind::Redirect => self.redirect,
            StepKind::UserAction => self.user_action,
        }
    }

    /// One entry per arrow style: its sample and what it means.
    pub fn legend(&self) -> Vec<(String, &'static str)> {
        let sample = |kind| {
            let a = self.arrow(kind);
            format!("{}{}{}", a.shaft, a.shaft, a.head_right)
        };
        vec![
            (sample(StepKind::Request), "request"),
            (sample(StepKind::Response), "response"),
            (sample(StepKind::Redirect), "redirect"),
            (sample(StepKind::UserAction), "user action"),
            (
                format!("{}{}{}", self.loop_start, self.request.shaft, self.loop_top),
                "internal step",
            ),
        ]
    }
}
