//! Checkpoints: where a replication got to, kept on both sides in a
//! `_local` document so that a restart resumes instead of starting over.
//!
//! A checkpoint only ever records a position whose batch is fully written
//! on the receiving side. Each run has a session id; both sides keep the
//! last few sessions, so when one side lost its newest checkpoint (a
//! restore, a crash between the two writes) the newest session both still
//! know is where to resume. When they share none, start from the beginning:
//! slower, never wrong, because every step is idempotent.

use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::wire::Seq;

/// How many past sessions a checkpoint remembers (CouchDB keeps 50).
pub const HISTORY: usize = 50;

/// One direction of replication between this device and a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// From the server to this device.
    Pull,
    /// From this device to the server.
    Push,
}

/// The checkpoint document, as CouchDB's replicator writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub session_id: String,
    pub source_last_seq: Seq,
    #[serde(default)]
    pub history: Vec<Session>,
    /// The `_local` document's own revision on the server, to update it.
    #[serde(rename = "_rev", default, skip_serializing_if = "Option::is_none")]
    pub rev: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub session_id: String,
    pub recorded_seq: Seq,
}

/// The id both sides keep a replication's checkpoint under: the same for
/// the same device, server, database and direction, and no other.
pub fn replication_id(
    device: &str,
    server_uuid: &str,
    db_url: &str,
    direction: Direction,
) -> String {
    let mut md5 = Md5::new();
    for part in [
        device,
        server_uuid,
        db_url,
        match direction {
            Direction::Pull => "pull",
            Direction::Push => "push",
        },
    ] {
        md5.update(part.as_bytes());
        md5.update([0]);
    }
    md5.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Where to start: the position both checkpoints agree on, or the start.
pub fn resume_from(here: Option<&Checkpoint>, there: Option<&Checkpoint>) -> Seq {
    let (Some(here), Some(there)) = (here, there) else {
        return Seq::zero();
    };
    if here.session_id == there.session_id {
        return here.source_last_seq.clone();
    }
    // The newest session one side recorded that the other remembers too.
    for session in &here.history {
        if let Some(common) = there
            .history
            .iter()
            .find(|s| s.session_id == session.session_id)
        {
            return common.recorded_seq.clone();
        }
    }
    Seq::zero()
}

impl Checkpoint {
    /// The checkpoint after `session` reached `seq`, keeping the history
    /// of the one before (newest first, at most [`HISTORY`]).
    pub fn record(previous: Option<&Checkpoint>, session: &str, seq: Seq) -> Checkpoint {
        let mut history = vec![Session {
            session_id: session.to_owned(),
            recorded_seq: seq.clone(),
        }];
        if let Some(previous) = previous {
            history.extend(
                previous
                    .history
                    .iter()
                    .filter(|s| s.session_id != session)
                    .cloned(),
            );
        }
        history.truncate(HISTORY);
        Checkpoint {
            session_id: session.to_owned(),
            source_last_seq: seq,
            history,
            rev: previous.and_then(|p| p.rev.clone()),
        }
    }

    /// Reads a stored checkpoint; one that is not shaped like one counts
    /// as none (start over: slower, never wrong).
    pub fn read(value: Value) -> Option<Checkpoint> {
        serde_json::from_value(value).ok()
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    fn seq(n: u64) -> Seq {
        Seq(json!(format!("{n}-opaque")))
    }

    #[test]
    fn the_id_is_stable_and_differs_by_device_server_database_and_direction() {
        let id = replication_id("dev1", "uuid1", "https://s/db", Direction::Pull);
        assert_eq!(
            id,
            replication_id("dev1", "uuid1", "https://s/db", Direction::Pull)
        );
        assert_eq!(id.len(), 32);
        for other in [
            replication_id("dev2", "uuid1", "https://s/db", Direction::Pull),
            replication_id("dev1", "uuid2", "https://s/db", Direction::Pull),
            replication_id("dev1", "uuid1", "https://s/db2", Direction::Pull),
            replication_id("dev1", "uuid1", "https://s/db", Direction::Push),
        ] {
            assert_ne!(id, other);
        }
    }

    #[test]
    fn both_sides_agreeing_resume_where_they_stopped() {
        let one = Checkpoint::record(None, "s1", seq(5));
        assert_eq!(resume_from(Some(&one), Some(&one)), seq(5));
        assert_eq!(resume_from(None, Some(&one)), Seq::zero());
        assert_eq!(resume_from(Some(&one), None), Seq::zero());
    }

    #[test]
    fn a_side_that_lost_its_newest_checkpoint_resumes_at_the_newest_session_both_know() {
        let s1 = Checkpoint::record(None, "s1", seq(5));
        let s2 = Checkpoint::record(Some(&s1), "s2", seq(9));
        let s3 = Checkpoint::record(Some(&s2), "s3", seq(12));
        // The server kept s3; this device was restored to s2.
        assert_eq!(resume_from(Some(&s2), Some(&s3)), seq(9));
        assert_eq!(resume_from(Some(&s3), Some(&s2)), seq(9));
        let stranger = Checkpoint::record(None, "other", seq(40));
        assert_eq!(resume_from(Some(&s3), Some(&stranger)), Seq::zero());
    }

    #[test]
    fn history_is_newest_first_capped_and_survives_a_round_trip() {
        let mut at = Checkpoint::record(None, "s0", seq(0));
        for n in 1..80 {
            at = Checkpoint::record(Some(&at), &format!("s{n}"), seq(n));
        }
        assert_eq!(at.history.len(), HISTORY);
        assert_eq!(at.history[0].session_id, "s79");
        // A session that checkpoints twice is listed once, at its newest.
        let again = Checkpoint::record(Some(&at), "s79", seq(81));
        assert_eq!(again.history[0].recorded_seq, seq(81));
        assert_eq!(
            again
                .history
                .iter()
                .filter(|s| s.session_id == "s79")
                .count(),
            1
        );
        let back = Checkpoint::read(serde_json::to_value(&again).unwrap()).unwrap();
        assert_eq!(back, again);
        assert_eq!(Checkpoint::read(json!({"nonsense": 1})), None);
    }
}
