//! FSRS scheduling (the `rs-fsrs` crate). The clock is always passed in; nothing here reads
//! the system time.

use chrono::{DateTime, Duration, Utc};
use rs_fsrs::{FSRS, Rating, State};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How well an answer went, as FSRS and Anki grade it (1-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Grade {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    pub fn from_number(n: u8) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.number() == n)
    }

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }

    /// Anything but Again counts as remembered.
    pub fn is_pass(self) -> bool {
        self != Grade::Again
    }

    fn rating(self) -> Rating {
        match self {
            Grade::Again => Rating::Again,
            Grade::Hard => Rating::Hard,
            Grade::Good => Rating::Good,
            Grade::Easy => Rating::Easy,
        }
    }
}

impl TryFrom<u8> for Grade {
    type Error = String;

    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Grade::from_number(n).ok_or_else(|| format!("grade {n} is not 1 (again) to 4 (easy)"))
    }
}

impl From<Grade> for u8 {
    fn from(g: Grade) -> u8 {
        g.number()
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One answer to one card. Times are whole seconds so that replaying the saved log gives the
/// very schedule the live review gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    pub at: DateTime<Utc>,
    pub grade: Grade,
}

impl Review {
    pub fn new(at: DateTime<Utc>, grade: Grade) -> Review {
        let whole = DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at);
        Review { at: whole, grade }
    }
}

/// What FSRS knows about one card after its reviews.
#[derive(Debug, Clone, PartialEq)]
pub struct Memory(rs_fsrs::Card);

impl Memory {
    /// A card never reviewed.
    pub fn new_card() -> Memory {
        Memory(rs_fsrs::Card::default())
    }

    pub fn is_new(&self) -> bool {
        self.0.state == State::New
    }

    /// When the card is due next; `None` for a card never reviewed.
    pub fn due(&self) -> Option<DateTime<Utc>> {
        (!self.is_new()).then_some(self.0.due)
    }

    /// Days until the next review as last scheduled (0 while still learning).
    pub fn interval_days(&self) -> i64 {
        self.0.scheduled_days
    }

    pub fn reps(&self) -> i32 {
        self.0.reps
    }

    pub fn lapses(&self) -> i32 {
        self.0.lapses
    }

    /// Modelled chance of recalling the card at `now` (0 for a card never reviewed).
    pub fn recall(&self, now: DateTime<Utc>) -> f64 {
        self.0.get_retrievability(now)
    }
}

/// FSRS with its default weights and no fuzz, so schedules are reproducible.
#[derive(Debug, Clone, Default)]
pub struct Scheduler {
    fsrs: FSRS,
}

impl Scheduler {
    pub fn new() -> Scheduler {
        Scheduler::default()
    }

    pub fn apply(&self, memory: &Memory, review: &Review) -> Memory {
        Memory(
            self.fsrs
                .next(memory.0.clone(), review.at, review.grade.rating())
                .card,
        )
    }

    /// What each grade would schedule if given `now`: the gap to the next due time, as Anki
    /// shows it on its answer buttons.
    pub fn preview(&self, memory: &Memory, now: DateTime<Utc>) -> [(Grade, Duration); 4] {
        let now = Review::new(now, Grade::Good).at;
        Grade::ALL.map(|g| {
            let next = self.apply(memory, &Review::new(now, g));
            (g, next.0.due - now)
        })
    }

    /// The memory after `reviews`, oldest first.
    pub fn replay(&self, reviews: &[Review]) -> Memory {
        reviews
            .iter()
            .fold(Memory::new_card(), |m, r| self.apply(&m, r))
    }
}

/// A gap as Anki writes it on a button: `1m`, `10m`, `3h`, `4d`, `2.5mo`, `1.2y`.
pub fn short_interval(gap: Duration) -> String {
    let minutes = gap.num_minutes().max(1);
    let days = gap.num_hours() as f64 / 24.0;
    if minutes < 60 {
        format!("{minutes}m")
    } else if gap.num_hours() < 24 {
        format!("{}h", gap.num_hours())
    } else if days < 30.0 {
        format!("{}d", days.round() as i64)
    } else if days < 365.0 {
        one_decimal(days / 30.0, "mo")
    } else {
        one_decimal(days / 365.0, "y")
    }
}

fn one_decimal(value: f64, unit: &str) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}{unit}")
    } else {
        format!("{rounded:.1}{unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// Reviews each time the card falls due, with the given grades; returns the gap between each
    /// review and the next due time.
    fn gaps(grades: &[Grade]) -> (Vec<Duration>, Memory) {
        let s = Scheduler::new();
        let mut m = Memory::new_card();
        let mut now = t0();
        let mut out = Vec::new();
        for &g in grades {
            m = s.apply(&m, &Review::new(now, g));
            let due = m.due().unwrap();
            out.push(due - now);
            now = due;
        }
        (out, m)
    }

    #[test]
    fn intervals_grow_with_good() {
        let (gaps, m) = gaps(&[Grade::Good; 6]);
        // Learning step first, then whole days that keep growing.
        assert!(gaps[0] < Duration::days(1), "{gaps:?}");
        for pair in gaps[1..].windows(2) {
            assert!(pair[1] > pair[0], "{gaps:?}");
        }
        assert!(gaps[5] >= Duration::days(30), "{gaps:?}");
        assert_eq!(m.lapses(), 0);
        assert_eq!(m.reps(), 6);
    }

    #[test]
    fn again_resets_the_interval_to_minutes() {
        let (gaps, m) = gaps(&[
            Grade::Good,
            Grade::Good,
            Grade::Good,
            Grade::Good,
            Grade::Again,
        ]);
        assert!(gaps[3] >= Duration::days(3), "{gaps:?}");
        assert!(gaps[4] <= Duration::minutes(10), "{gaps:?}");
        assert_eq!(m.lapses(), 1);
        assert_eq!(m.interval_days(), 0);
    }

    #[test]
    fn easy_goes_further_than_good_and_hard_less() {
        let after = |g| gaps(&[Grade::Good, Grade::Good, g]).0[2];
        assert!(after(Grade::Easy) > after(Grade::Good));
        assert!(after(Grade::Hard) < after(Grade::Good));
    }

    #[test]
    fn preview_matches_what_each_grade_then_schedules() {
        let s = Scheduler::new();
        let fresh = Memory::new_card();
        let preview = s.preview(&fresh, t0());
        for (g, gap) in preview {
            let m = s.apply(&fresh, &Review::new(t0(), g));
            assert_eq!(m.due().unwrap() - t0(), gap, "{g}");
        }
        let gaps: Vec<Duration> = preview.iter().map(|(_, d)| *d).collect();
        assert!(gaps.windows(2).all(|w| w[0] <= w[1]), "{gaps:?}");
    }

    #[test]
    fn short_intervals_read_like_anki_buttons() {
        assert_eq!(short_interval(Duration::seconds(20)), "1m");
        assert_eq!(short_interval(Duration::minutes(10)), "10m");
        assert_eq!(short_interval(Duration::hours(5)), "5h");
        assert_eq!(short_interval(Duration::days(4)), "4d");
        assert_eq!(short_interval(Duration::days(75)), "2.5mo");
        assert_eq!(short_interval(Duration::days(365)), "1y");
    }

    #[test]
    fn replay_gives_the_same_memory_as_live_reviews() {
        let s = Scheduler::new();
        let reviews: Vec<Review> = [Grade::Good, Grade::Again, Grade::Good, Grade::Easy]
            .iter()
            .enumerate()
            .map(|(i, &g)| Review::new(t0() + Duration::hours(30 * i as i64), g))
            .collect();
        let live = reviews
            .iter()
            .fold(Memory::new_card(), |m, r| s.apply(&m, r));
        assert_eq!(s.replay(&reviews), live);
    }

    #[test]
    fn reviews_keep_whole_seconds_and_grades_check_their_range() {
        let r = Review::new(t0() + Duration::milliseconds(1500), Grade::Hard);
        assert_eq!(r.at, t0() + Duration::seconds(1));
        assert_eq!(
            Grade::try_from(0).unwrap_err(),
            "grade 0 is not 1 (again) to 4 (easy)"
        );
        assert_eq!(Grade::try_from(4), Ok(Grade::Easy));
        assert!(Memory::new_card().due().is_none());
    }
}
