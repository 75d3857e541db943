//! Horizontal sizing: where each lifeline goes for a given width.
//!
//! The diagram is a row of segments: the left margin up to the first lifeline, the gap between
//! each pair of lifelines, and the right margin after the last one (measured to a virtual
//! lifeline just past the last column, so a self-step on the last participant is laid out like
//! any other). Each segment has a natural size (every label on one line) and a minimum size;
//! a width between the two totals shares the difference in proportion to what each segment
//! would like.

/// Columns reserved on the left for the highlighted-step mark and a space.
pub const GUTTER: usize = 2;
/// Smallest box half-width: a box of 9 columns with 5 for the label.
pub const MIN_HALF: usize = 4;
/// Largest natural box half-width; longer participant names wrap inside the box.
pub const MAX_HALF: usize = 13;
/// Smallest distance between two lifelines.
pub const MIN_GAP: usize = 10;
/// Longest label line the natural layout makes room for; longer labels wrap.
pub const MAX_LABEL: usize = 40;

/// Columns between a step's left lifeline and its label, and after the label.
pub const LABEL_PAD: usize = 3;
/// Columns a note box adds around its text (border, space, space, border, and the gap to the
/// left lifeline).
pub const NOTE_PAD: usize = 5;

/// One horizontal requirement: lifelines `lo < hi` (index `n` is the virtual one past the
/// right margin) must be at least `columns` apart.
#[derive(Debug, Clone, Copy)]
pub struct Need {
    pub lo: usize,
    pub hi: usize,
    pub columns: usize,
}

/// Segment sizes (`n + 1` for `n` participants) meeting every need, starting from `base`.
pub fn satisfy(base: Vec<usize>, needs: &mut [Need]) -> Vec<usize> {
    let mut seg = base;
    // Short spans first, so a long arrow only widens what its shorter neighbours left too small.
    needs.sort_by_key(|n| n.hi - n.lo);
    for need in needs.iter() {
        if need.hi <= need.lo || need.hi >= seg.len() {
            continue;
        }
        let gaps = need.lo + 1..=need.hi;
        let current: usize = seg[gaps.clone()].iter().sum();
        if current >= need.columns {
            continue;
        }
        let deficit = need.columns - current;
        let count = need.hi - need.lo;
        for (k, i) in gaps.enumerate() {
            // The remainder goes to the right-most gaps.
            let extra = deficit / count + usize::from(k >= count - deficit % count);
            seg[i] += extra;
        }
    }
    seg
}

/// Segment sizes for `width` total columns (including the gutter). `tiers` go from the minimum
/// to the natural sizes, each at least as large as the one before: the widest tier that fits is
/// used, and the leftover columns go towards the next tier. Below the first tier's total the
/// first tier is returned, and the diagram is wider than asked.
pub fn fit(tiers: &[Vec<usize>], width: usize) -> Vec<usize> {
    let total = |seg: &[usize]| GUTTER + seg.iter().sum::<usize>();
    let Some(first) = tiers.first() else {
        return Vec::new();
    };
    if width <= total(first) {
        return first.clone();
    }
    for pair in tiers.windows(2) {
        let (lower, upper) = (&pair[0], &pair[1]);
        if width < total(upper) {
            return between(lower, upper, width - total(lower));
        }
    }
    tiers.last().cloned().unwrap_or_default()
}

/// `lower` plus `extra` columns shared in proportion to how far each segment is from `upper`.
fn between(lower: &[usize], upper: &[usize], extra: usize) -> Vec<usize> {
    let wants: Vec<usize> = lower
        .iter()
        .zip(upper)
        .map(|(l, u)| u.saturating_sub(*l))
        .collect();
    let total_want: usize = wants.iter().sum();
    let mut seg: Vec<usize> = lower.to_vec();
    let mut given = 0;
    for (s, want) in seg.iter_mut().zip(&wants) {
        let share = extra * want / total_want.max(1);
        *s += share;
        given += share;
    }
    // Rounding left a few columns; hand them out one by one to segments that still want more.
    let mut left = extra.saturating_sub(given);
    while left > 0 {
        let mut gave = false;
        for (s, up) in seg.iter_mut().zip(upper) {
            if left == 0 {
                break;
            }
            if *s < *up {
                *s += 1;
                left -= 1;
                gave = true;
            }
        }
        if !gave {
            break;
        }
    }
    seg
}

/// Box half-widths that fit the chosen segments: natural where there is room, else shrunk
/// towards `compact` first and below it only when even that does not fit. Neighbouring boxes
/// keep at least one blank column between them.
pub fn box_halves(natural: &[usize], compact: &[usize], seg: &[usize]) -> Vec<usize> {
    let n = natural.len();
    let mut half = natural.to_vec();
    if n == 0 || seg.len() != n + 1 || compact.len() != n {
        return half;
    }
    half[0] = half[0].min(seg[0]);
    half[n - 1] = half[n - 1].min(seg[n].saturating_sub(1));
    for i in 0..n - 1 {
        let room = seg[i + 1].saturating_sub(2);
        let (p, q) = share(room, (half[i], compact[i]), (half[i + 1], compact[i + 1]));
        half[i] = half[i].min(p);
        half[i + 1] = half[i + 1].min(q);
    }
    // A box squeezed on one side may have room again once its neighbour shrank too.
    for i in 0..n {
        let left = if i == 0 {
            seg[0]
        } else {
            seg[i].saturating_sub(2 + half[i - 1])
        };
        let right = if i == n - 1 {
            seg[n].saturating_sub(1)
        } else {
            seg[i + 1].saturating_sub(2 + half[i + 1])
        };
        half[i] = half[i].max(natural[i].min(left).min(right));
    }
    half
}

/// Splits `room` columns between two neighbouring half-boxes given as (wanted, compact).
fn share(room: usize, (p, pc): (usize, usize), (q, qc): (usize, usize)) -> (usize, usize) {
    if p + q <= room {
        return (p, q);
    }
    let (pc, qc) = (pc.min(p), qc.min(q));
    if pc + qc <= room {
        let grown = between(&[pc, qc], &[p, q], room - pc - qc);
        return (grown[0], grown[1]);
    }
    if pc <= room / 2 {
        (pc, room - pc)
    } else if qc <= room - room / 2 {
        (room - qc, qc)
    } else {
        (room / 2, room - room / 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `satisfy` makes of the segments `[4, 10, 10, 5]` for needs `(lo, hi, columns)`.
    fn satisfied(needs: &[(usize, usize, usize)]) -> Vec<usize> {
        let mut needs: Vec<Need> = needs
            .iter()
            .map(|&(lo, hi, columns)| Need { lo, hi, columns })
            .collect();
        satisfy(vec![4, 10, 10, 5], &mut needs)
    }

    #[test]
    fn a_long_span_spreads_its_deficit_over_its_gaps() {
        assert_eq!(satisfied(&[(0, 2, 25)]), vec![4, 12, 13, 5]);
    }

    #[test]
    fn short_spans_are_met_before_long_ones() {
        assert_eq!(satisfied(&[(0, 2, 30), (0, 1, 20)]), vec![4, 20, 10, 5]);
    }

    #[test]
    fn fit_hits_the_width_exactly_between_tiers() {
        let min = vec![4, 10, 10, 5];
        let mid = vec![6, 12, 10, 8];
        let nat = vec![8, 30, 20, 9];
        let tiers = [min.clone(), mid.clone(), nat.clone()];
        for width in 31..=69 {
            let seg = fit(&tiers, width);
            assert_eq!(GUTTER + seg.iter().sum::<usize>(), width, "width {width}");
            let (lo, hi) = if width <= 38 {
                (&min, &mid)
            } else {
                (&mid, &nat)
            };
            for i in 0..4 {
                assert!(lo[i] <= seg[i] && seg[i] <= hi[i], "width {width}: {seg:?}");
            }
        }
        assert_eq!(fit(&tiers, 20), min);
        assert_eq!(fit(&tiers, 38), mid);
        assert_eq!(fit(&tiers, 200), nat);
    }

    #[test]
    fn boxes_shrink_to_keep_a_gap() {
        let half = box_halves(&[12, 12, 4], &[4, 4, 4], &[12, 18, 10, 5]);
        assert!(half[0] + half[1] + 2 <= 18);
        assert!(half[1] + half[2] + 2 <= 10);
        assert!(half[2] < 5);
        assert_eq!(half[0], 12);
    }

    #[test]
    fn boxes_keep_their_compact_size_when_it_fits() {
        // Room for 7 + 5 but not for the natural 13 + 7: both keep at least their compact size.
        let half = box_halves(&[13, 7], &[7, 5], &[13, 16, 8]);
        assert!(half[0] >= 7 && half[1] >= 5, "{half:?}");
        assert!(half[0] + half[1] + 2 <= 16);
    }
}
