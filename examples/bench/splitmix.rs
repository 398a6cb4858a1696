//! The SplitMix64 step that the generators of `bench.rs` and `map_layout.rs` draw from. Kept
//! apart from `common.rs`, which needs the server's dependencies: `map_layout` is an example
//! of `kumppani-render` and builds without them.

/// The next number from `state`, advancing it.
pub fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
