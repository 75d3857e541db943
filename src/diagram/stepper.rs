//! Stepping through a flow one arrow at a time.

/// The current step of a flow with `len` steps (0-based). A flow with no steps has no current
/// step and never moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepCursor {
    len: usize,
    current: usize,
}

impl StepCursor {
    /// Starts on the first step.
    pub fn new(len: usize) -> Self {
        StepCursor { len, current: 0 }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn current(&self) -> Option<usize> {
        (self.current < self.len).then_some(self.current)
    }

    /// Moves to the next step; false (and no move) on the last one.
    pub fn forward(&mut self) -> bool {
        if self.current + 1 < self.len {
            self.current += 1;
            true
        } else {
            false
        }
    }

    /// Moves to the previous step; false (and no move) on the first one.
    pub fn back(&mut self) -> bool {
        if self.current > 0 && self.len > 0 {
            self.current -= 1;
            true
        } else {
            false
        }
    }

    /// Jumps to `step` (0-based), clamped to the last step.
    pub fn seek(&mut self, step: usize) {
        self.current = step.min(self.len.saturating_sub(1));
    }

    pub fn is_last(&self) -> bool {
        self.current + 1 >= self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy)]
    enum Move {
        Forward,
        Back,
        Seek(usize),
    }
    use Move::{Back, Forward, Seek};

    /// Runs `script` on a cursor over `len` steps, checking after each move whether it moved (a
    /// seek reports true) and the current step; returns the cursor where the script left it.
    fn run(len: usize, script: &[(Move, bool, Option<usize>)]) -> StepCursor {
        let mut c = StepCursor::new(len);
        for (i, &(step, moved, current)) in script.iter().enumerate() {
            let did_move = match step {
                Forward => c.forward(),
                Back => c.back(),
                Seek(to) => {
                    c.seek(to);
                    true
                }
            };
            assert_eq!((did_move, c.current()), (moved, current), "move {i}");
        }
        c
    }

    #[test]
    fn next_visits_every_step_once_then_stops() {
        assert_eq!(StepCursor::new(4).current(), Some(0));
        let c = run(
            4,
            &[
                (Forward, true, Some(1)),
                (Forward, true, Some(2)),
                (Forward, true, Some(3)),
                (Forward, false, Some(3)),
            ],
        );
        assert!(c.is_last());
    }

    #[test]
    fn prev_walks_back_to_the_first_step() {
        run(
            3,
            &[
                (Seek(10), true, Some(2)),
                (Back, true, Some(1)),
                (Back, true, Some(0)),
                (Back, false, Some(0)),
            ],
        );
    }

    #[test]
    fn an_empty_flow_has_no_current_step() {
        assert_eq!(StepCursor::new(0).current(), None);
        let c = run(
            0,
            &[
                (Forward, false, None),
                (Back, false, None),
                (Seek(3), true, None),
            ],
        );
        assert!(c.is_empty());
    }
}
