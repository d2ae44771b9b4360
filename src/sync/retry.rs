//! When to try again: after a network failure or a server error, wait
//! longer each time (doubling from a few seconds up to a ceiling), with
//! jitter so a team's phones coming back online together do not all knock
//! at once. A refusal that needs a person (a wrong password) is not
//! retried on a timer: it waits for them.

use std::time::Duration;

/// The first wait after a failure.
pub const FIRST: Duration = Duration::from_secs(5);
/// The longest wait between tries.
pub const CEILING: Duration = Duration::from_secs(10 * 60);

/// How long to wait before try number `failures + 1`, given a random
/// number in [0, 1) for the jitter: between half and all of the doubled
/// wait, never over the ceiling.
pub fn delay(failures: u32, random: f64) -> Duration {
    let doubled = FIRST.saturating_mul(1u32 << failures.saturating_sub(1).min(16));
    let full = doubled.min(CEILING);
    let jitter = 0.5 + 0.5 * random.clamp(0.0, 1.0);
    full.mul_f64(jitter)
}

/// The batch size after a server said a request was too large (413):
/// halved, never below one.
pub fn halve(batch: usize) -> usize {
    (batch / 2).max(1)
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn waits_double_from_a_few_seconds_to_a_ceiling() {
        assert_eq!(delay(1, 1.0), FIRST);
        assert_eq!(delay(2, 1.0), FIRST * 2);
        assert_eq!(delay(3, 1.0), FIRST * 4);
        assert_eq!(delay(30, 1.0), CEILING);
        assert_eq!(delay(u32::MAX, 1.0), CEILING);
    }

    #[test]
    fn jitter_spreads_a_wait_between_half_and_all_of_it() {
        assert_eq!(delay(3, 0.0), FIRST * 2);
        let mid = delay(3, 0.5);
        assert!(mid > FIRST * 2 && mid < FIRST * 4, "{mid:?}");
        assert_eq!(delay(40, 0.0), CEILING / 2);
    }

    #[test]
    fn a_batch_too_large_is_halved_down_to_one() {
        assert_eq!(halve(500), 250);
        assert_eq!(halve(3), 1);
        assert_eq!(halve(1), 1);
    }
}
