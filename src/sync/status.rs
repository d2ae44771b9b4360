//! Where sync stands, in the field's words: the small mark every screen
//! shows (synced / N to send / can't connect) and what the Sync page says.
//! "Everything on this phone is on the server" is said only when the last
//! sync went through and nothing changed here has been left unsent since.

use jiff::Timestamp;

use super::error::SyncError;

/// How far a running sync has got, for the progress bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub received: u32,
    /// How many records the server holds (known once it said).
    pub on_server: Option<u32>,
    pub sent: u32,
    /// How many records were waiting to go when the sync began.
    pub to_send: u32,
}

impl Progress {
    /// The bar's value and maximum: records handled of those known about.
    pub fn bar(&self) -> (u32, u32) {
        let done = self.received + self.sent;
        let max = (self.on_server.unwrap_or(0) + self.to_send)
            .max(done)
            .max(1);
        (done, max)
    }

    /// "Received 1,200 of about 10,000 · sent 40 of 40".
    pub fn words(&self) -> String {
        let mut out = match self.on_server {
            Some(total) if total > 0 => format!("Received {} of about {}", self.received, total),
            _ => format!("Received {}", self.received),
        };
        if self.to_send > 0 {
            out.push_str(&format!(" · sent {} of {}", self.sent, self.to_send));
        }
        out
    }
}

/// What sync is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Not set up: no mark at all.
    Off,
    Paused,
    Idle,
    Running(Progress),
    Failed(SyncError),
}

/// Sync's state as the screens show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub phase: Phase,
    /// When a sync last went through both ways.
    pub last_ok: Option<Timestamp>,
    /// Records changed here that wait to go (and may go).
    pub to_send: u32,
}

impl Status {
    pub fn off() -> Status {
        Status {
            phase: Phase::Off,
            last_ok: None,
            to_send: 0,
        }
    }

    /// The small mark on every screen; none when sync is not set up.
    pub fn mark(&self) -> Option<String> {
        Some(match &self.phase {
            Phase::Off => return None,
            Phase::Paused => "Sync paused".into(),
            Phase::Running(_) => "Syncing…".into(),
            Phase::Failed(e) => e.mark().into(),
            Phase::Idle if self.to_send > 0 => format!("{} to send", self.to_send),
            Phase::Idle if self.last_ok.is_some() => "Synced".into(),
            Phase::Idle => "Not synced yet".into(),
        })
    }

    /// Whether everything on this device has been accepted by the server.
    pub fn all_on_server(&self) -> bool {
        self.phase == Phase::Idle && self.to_send == 0 && self.last_ok.is_some()
    }

    /// The Sync page's one-line summary.
    pub fn summary(&self) -> String {
        match &self.phase {
            Phase::Off => "Sync is not set up: everything stays on this phone.".into(),
            Phase::Paused => {
                "Sync is paused. Nothing leaves or reaches this phone until you resume it.".into()
            }
            Phase::Running(p) => p.words(),
            Phase::Failed(e) => e.to_string(),
            Phase::Idle if self.all_on_server() => {
                "Everything on this phone is on the server.".into()
            }
            Phase::Idle if self.to_send == 1 => "1 change waits to go to the server.".into(),
            Phase::Idle => format!("{} changes wait to go to the server.", self.to_send),
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn idle(to_send: u32, synced: bool) -> Status {
        Status {
            phase: Phase::Idle,
            last_ok: synced.then(|| "2026-12-03T10:00:00Z".parse().unwrap()),
            to_send,
        }
    }

    #[test]
    fn the_mark_says_synced_only_when_nothing_waits_and_a_sync_went_through() {
        assert_eq!(Status::off().mark(), None);
        assert_eq!(idle(0, true).mark().as_deref(), Some("Synced"));
        assert!(idle(0, true).all_on_server());
        assert_eq!(idle(3, true).mark().as_deref(), Some("3 to send"));
        assert!(!idle(3, true).all_on_server());
        assert_eq!(idle(0, false).mark().as_deref(), Some("Not synced yet"));
        assert!(!idle(0, false).all_on_server());
        let failed = Status {
            phase: Phase::Failed(SyncError::Unreachable),
            ..idle(0, true)
        };
        assert_eq!(failed.mark().as_deref(), Some("Can't connect"));
        assert!(!failed.all_on_server(), "a failure is not a success");
        assert_eq!(
            idle(0, true).summary(),
            "Everything on this phone is on the server."
        );
        assert_eq!(
            idle(1, true).summary(),
            "1 change waits to go to the server."
        );
    }

    #[test]
    fn progress_counts_both_ways_against_what_is_known() {
        let p = Progress {
            received: 1200,
            on_server: Some(10_000),
            sent: 40,
            to_send: 40,
        };
        assert_eq!(p.bar(), (1240, 10_040));
        assert_eq!(p.words(), "Received 1200 of about 10000 · sent 40 of 40");
        assert_eq!(Progress::default().bar(), (0, 1));
    }
}
