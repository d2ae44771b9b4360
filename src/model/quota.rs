//! How much room the browser gives Kith, in words for Settings.

/// What `navigator.storage.estimate()` reported, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub used: u64,
    pub quota: u64,
}

/// Below this share of the quota left, Settings warns.
pub const LOW_SHARE_FREE: f64 = 0.10;

impl Usage {
    /// The share of the quota still free, from 0 to 1.
    pub fn share_free(&self) -> f64 {
        if self.quota == 0 {
            return 0.0;
        }
        1.0 - (self.used.min(self.quota) as f64 / self.quota as f64)
    }

    pub fn is_low(&self) -> bool {
        // In whole bytes: exactly a tenth left is not yet low.
        let free = self.quota.saturating_sub(self.used);
        (free as f64) < self.quota as f64 * LOW_SHARE_FREE || self.quota == 0
    }

    /// "2.4 MB of 1.2 GB used".
    pub fn describe(&self) -> String {
        format!(
            "{} of {} used",
            human_bytes(self.used),
            human_bytes(self.quota)
        )
    }
}

/// Bytes in the units people know, with one decimal below 10 units.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    if n < 1000 {
        return if n == 1 {
            "1 byte".into()
        } else {
            format!("{n} bytes")
        };
    }
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_bytes(0), "0 bytes");
        assert_eq!(human_bytes(1), "1 byte");
        assert_eq!(human_bytes(999), "999 bytes");
        assert_eq!(human_bytes(2_400_000), "2.4 MB");
        assert_eq!(human_bytes(12_345_678), "12 MB");
        assert_eq!(human_bytes(1_200_000_000), "1.2 GB");
    }

    #[test]
    fn less_than_a_tenth_left_is_low() {
        let usage = |used| Usage { used, quota: 1000 };
        assert!(!usage(100).is_low());
        assert!(!usage(900).is_low(), "exactly 10% left is not yet low");
        assert!(usage(901).is_low());
        assert!(usage(5000).is_low(), "over quota");
        assert!(Usage { used: 0, quota: 0 }.is_low(), "no room at all");
        assert_eq!(
            Usage {
                used: 2_400_000,
                quota: 1_200_000_000
            }
            .describe(),
            "2.4 MB of 1.2 GB used"
        );
    }
}
