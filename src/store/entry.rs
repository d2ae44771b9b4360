//! How one record lies in IndexedDB: the fields the indexes read, kept as
//! plain values, and the heavy parts (revision tree, body) as JSON text,
//! which crosses from JavaScript to Rust as one string, fast.
//!
//! Plain Rust, tested on the host; `store` does the reading and writing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{DocError, DocId, DocState, Record, Rev, RevTree, skill};

/// One record's row in the `records` object store (key: `id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub kind: String,
    /// The local change sequence: this record's place in "what changed".
    pub seq: u64,
    /// 1 when changed here since it was last synced or exported (IndexedDB
    /// cannot index booleans).
    pub unsent: u8,
    /// Milliseconds since 1970 of the record's last update.
    pub updated: f64,
    /// `[kind, name for sorting]`, only while the record is live, so that
    /// deleted records drop out of lists by themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live: Option<(String, String)>,
    /// Matching forms of its skill terms and tags (live records only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Ids of the records it refers to (live records only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    pub deleted: bool,
    /// Whether other live versions wait for a person to choose.
    pub conflicted: bool,
    /// Whether other leaves (conflicts, deleted branches) have bodies in
    /// the `conflicts` store.
    pub others: bool,
    pub winner: String,
    /// The revision tree, as JSON.
    pub tree: String,
    /// The winning revision's body, as JSON.
    pub body: String,
}

/// A losing leaf's body, in the `conflicts` object store (key: `[id, rev]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictBody {
    pub id: String,
    pub rev: String,
    pub body: String,
}

/// A row that cannot be read back: the store was written by something else.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a stored record could not be read ({0})")]
pub struct Corrupt(pub String);

impl Entry {
    /// The row for a record's state; `seq`, `unsent` and `updated` are the
    /// store's to give.
    pub fn from_state(
        state: &DocState,
        seq: u64,
        unsent: bool,
    ) -> Result<(Entry, Vec<ConflictBody>), Corrupt> {
        let winner = state
            .winner()
            .ok_or_else(|| Corrupt(format!("{} has no revisions", state.id)))?;
        let id = state.id.to_string();
        let live = (!winner.deleted).then(|| winner.record().ok()).flatten();
        let updated = live
            .as_ref()
            .map(|r| r.meta().updated.as_millisecond() as f64)
            .unwrap_or_else(|| {
                winner
                    .body
                    .get("updated")
                    .and_then(updated_millis)
                    .unwrap_or(0.0)
            });
        let conflicts: Vec<ConflictBody> = state
            .leaves
            .iter()
            .filter(|(rev, _)| **rev != winner.rev)
            .map(|(rev, body)| ConflictBody {
                id: id.clone(),
                rev: rev.to_string(),
                body: body.to_string(),
            })
            .collect();
        let entry = Entry {
            id,
            kind: state.id.kind().prefix().to_owned(),
            seq,
            unsent: u8::from(unsent),
            updated,
            live: live
                .as_ref()
                .map(|r| (state.id.kind().prefix().to_owned(), sort_key(r))),
            skills: live
                .as_ref()
                .map(|r| skill::normalize_all(r.skills()))
                .unwrap_or_default(),
            tags: live
                .as_ref()
                .map(|r| skill::normalize_all(r.tags()))
                .unwrap_or_default(),
            links: live
                .as_ref()
                .map(|r| r.links().iter().map(DocId::to_string).collect())
                .unwrap_or_default(),
            deleted: winner.deleted,
            conflicted: !state.tree.conflicts().is_empty(),
            others: !conflicts.is_empty(),
            winner: winner.rev.to_string(),
            tree: serde_json::to_string(&state.tree).map_err(|e| Corrupt(e.to_string()))?,
            body: winner.body.to_string(),
        };
        Ok((entry, conflicts))
    }

    /// The record's full state back from its row and its conflicts' bodies.
    pub fn to_state(&self, conflicts: &[ConflictBody]) -> Result<DocState, Corrupt> {
        let bad =
            |what: &str, e: &dyn std::fmt::Display| Corrupt(format!("{}: {what}: {e}", self.id));
        let id: DocId = self.id.parse().map_err(|e| bad("id", &e))?;
        let tree: RevTree = serde_json::from_str(&self.tree).map_err(|e| bad("tree", &e))?;
        let winner: Rev = self.winner.parse().map_err(|e| bad("winner", &e))?;
        let mut leaves = BTreeMap::new();
        leaves.insert(winner, parse_body(&self.body).map_err(|e| bad("body", &e))?);
        for c in conflicts {
            let rev: Rev = c.rev.parse().map_err(|e| bad("conflict", &e))?;
            leaves.insert(
                rev,
                parse_body(&c.body).map_err(|e| bad("conflict body", &e))?,
            );
        }
        Ok(DocState { id, tree, leaves })
    }

    /// The winning version as a typed record, unless it is deleted.
    pub fn record(&self) -> Option<Result<(DocId, Record), DocError>> {
        if self.deleted {
            return None;
        }
        Some(self.parse_record())
    }

    /// The winning revision: what an edit of the shown version is based on.
    pub fn winner_rev(&self) -> Result<Rev, Corrupt> {
        self.winner
            .parse()
            .map_err(|e| Corrupt(format!("{}: {e}", self.id)))
    }

    fn parse_record(&self) -> Result<(DocId, Record), DocError> {
        let id: DocId = self.id.parse()?;
        let record = serde_json::from_str(&self.body).map_err(|e| DocError::Unreadable {
            id: self.id.clone(),
            reason: e.to_string(),
        })?;
        Ok((id, record))
    }
}

fn parse_body(json: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(json)
}

fn updated_millis(v: &Value) -> Option<f64> {
    let ts: jiff::Timestamp = v.as_str()?.parse().ok()?;
    Some(ts.as_millisecond() as f64)
}

/// What a list sorts by: the name in matching form, so "ada" and "Ada"
/// sit together; records without a name sort first.
fn sort_key(record: &Record) -> String {
    record.name().map(skill::normalize).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::model::Kind;
    use crate::model::record::{Extra, Gift, GiftKind, GiftMode, Meta, Person};

    fn meta() -> Meta {
        Meta::new("2026-11-27T09:30:00Z".parse().unwrap(), "Sam")
    }

    fn person(name: &str) -> Record {
        Record::Person(Person::new(name, meta()))
    }

    #[test]
    fn a_live_record_is_listed_by_kind_and_name_and_found_by_its_skills() {
        let owner = DocId::new(Kind::Person);
        let mut state = DocState::new(DocId::new(Kind::Gift));
        let gift = Record::Gift(Gift {
            owner,
            kind: GiftKind::Hands,
            mode: GiftMode::Offer,
            skills: vec!["Gardening".into(), "  community  gardening".into()],
            tags: vec!["Allotment".into()],
            description: String::new(),
            availability: String::new(),
            expires: None,
            meta: meta(),
            extra: Extra::new(),
        });
        state.save(None, &gift).unwrap();
        let (entry, conflicts) = Entry::from_state(&state, 7, true).unwrap();
        assert_eq!(entry.live, Some(("gift".into(), String::new())));
        assert_eq!(entry.skills, ["gardening", "community gardening"]);
        assert_eq!(entry.tags, ["allotment"]);
        assert_eq!(entry.links, [owner.to_string()]);
        assert_eq!(
            (entry.seq, entry.unsent, entry.deleted, entry.conflicted),
            (7, 1, false, false)
        );
        assert_eq!(entry.updated, 1_795_771_800_000.0, "2026-11-27T09:30:00Z");
        assert!(conflicts.is_empty());
        assert_eq!(entry.record().unwrap().unwrap(), (state.id, gift));
        assert_eq!(entry.to_state(&conflicts).unwrap(), state);
    }

    #[test]
    fn a_deleted_record_drops_out_of_lists_and_skill_searches() {
        let mut state = DocState::new(DocId::new(Kind::Person));
        let r1 = state.save(None, &person("Ada")).unwrap();
        let (live, _) = Entry::from_state(&state, 1, true).unwrap();
        assert_eq!(live.live, Some(("person".into(), "ada".into())));
        state.delete(&r1).unwrap();
        let (gone, _) = Entry::from_state(&state, 2, true).unwrap();
        assert_eq!(gone.live, None);
        assert!(gone.deleted && gone.record().is_none());
        assert_eq!(gone.to_state(&[]).unwrap(), state);
    }

    #[test]
    fn conflicting_versions_are_kept_beside_the_winner() {
        let mut a = DocState::new(DocId::new(Kind::Person));
        let r1 = a.save(None, &person("Ada")).unwrap();
        let mut b = a.clone();
        b.save(Some(&r1), &person("Ada B")).unwrap();
        a.save(Some(&r1), &person("Ada A")).unwrap();
        let theirs = b.winner().unwrap();
        let history = b.tree.history(&theirs.rev, 10);
        a.merge(theirs, &history).unwrap();

        let (entry, conflicts) = Entry::from_state(&a, 3, false).unwrap();
        assert!(entry.conflicted);
        assert_eq!(conflicts.len(), 1);
        assert_ne!(conflicts[0].rev, entry.winner);
        assert_eq!(entry.to_state(&conflicts).unwrap(), a);
    }

    #[test]
    fn a_damaged_row_is_reported_not_guessed_at() {
        let mut state = DocState::new(DocId::new(Kind::Person));
        state.save(None, &person("Ada")).unwrap();
        let (mut entry, _) = Entry::from_state(&state, 1, false).unwrap();
        entry.tree = "{not json".into();
        let err = entry.to_state(&[]).unwrap_err();
        assert!(err.to_string().contains("tree"), "{err}");
    }
}
