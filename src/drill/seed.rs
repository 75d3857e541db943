//! Deterministic "randomness" for shuffles and distractor picks. Everything is seeded from the
//! card id, so a card looks the same on every run and on every machine; std's hasher is not
//! used because its output may change between Rust releases.

/// FNV-1a over the bytes of `text`: stable across platforms and releases.
pub fn seed_of(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// splitmix64: a tiny generator that spreads a seed well enough for shuffling a handful of items.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn from_text(text: &str) -> Self {
        Rng(seed_of(text))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A value in `0..bound` (`bound` > 0). The slight modulo bias does not matter for shuffles
    /// of a few items.
    pub fn below(&mut self, bound: usize) -> usize {
        let bound = bound.max(1) as u64;
        (self.next_u64() % bound) as usize
    }

    /// Fisher-Yates.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_gives_the_same_sequence() {
        let mut a = Rng::from_text("gen-order-flow-jwt-bearer");
        let mut b = Rng::from_text("gen-order-flow-jwt-bearer");
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(seed_of("a"), seed_of("b"));
    }

    #[test]
    fn fnv_matches_the_published_test_vector() {
        // FNV-1a 64 of "a" from the reference test suite.
        assert_eq!(seed_of("a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn shuffle_keeps_every_item() {
        let mut items: Vec<u32> = (0..20).collect();
        Rng::new(7).shuffle(&mut items);
        let mut sorted = items.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..20).collect::<Vec<_>>());
        assert_ne!(items, sorted);
    }
}
