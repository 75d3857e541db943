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

    #[test]
    fn next_visits_every_step_once_then_stops() {
        let mut c = StepCursor::new(4);
        let mut seen = vec![c.current()];
        while c.forward() {
            seen.push(c.current());
        }
        assert_eq!(seen, vec![Some(0), Some(1), Some(2), Some(3)]);
        assert!(c.is_last());
        assert!(!c.forward());
        assert_eq!(c.current(), Some(3));
    }

    #[test]
    fn prev_walks_back_to_the_first_step() {
        let mut c = StepCursor::new(3);
        c.seek(10);
        assert_eq!(c.current(), Some(2));
        assert!(c.back());
        assert!(c.back());
        assert!(!c.back());
        assert_eq!(c.current(), Some(0));
    }

    #[test]
    fn an_empty_flow_has_no_current_step() {
        let mut c = StepCursor::new(0);
        assert!(c.is_empty());
        assert_eq!(c.current(), None);
        assert!(!c.forward());
        assert!(!c.back());
        c.seek(3);
        assert_eq!(c.current(), None);
    }
}
