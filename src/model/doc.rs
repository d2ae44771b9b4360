//! Documents: each record as a replica holds it, with its revision tree and
//! the bodies of its leaves, and its JSON form on the wire and in files
//! (CouchDB's: `_id`, `_rev`, `_deleted`, `_revisions`, then the body).
//!
//! A local save, a delete, a merge from the sync endpoint and an import are
//! all operations on a [`DocState`]; the store only reads and writes it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::id::{DocId, IdError};
use super::record::{Invalid, Record};
use super::rev::{BadHistory, EditConflict, REVS_LIMIT, Rev, RevError, RevTree};

/// One revision of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub id: DocId,
    pub rev: Rev,
    pub deleted: bool,
    /// The record's JSON (with its `type`); for a deletion, just the type.
    pub body: Value,
}

/// Why a document cannot be taken in or saved. Messages name the record so
/// a person fixing a file can find it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocError {
    #[error("a record is not a JSON object")]
    NotAnObject,
    #[error("a record has no _id")]
    NoId,
    #[error(transparent)]
    BadId(#[from] IdError),
    #[error("record {id}: {source}")]
    BadRev { id: String, source: RevError },
    #[error("record {id}: {source}")]
    BadHistory { id: String, source: BadHistory },
    #[error("record {id} says it is a {found}, but its id says {expected}")]
    WrongType {
        id: String,
        expected: String,
        found: String,
    },
    #[error("record {id} could not be read: {reason}")]
    Unreadable { id: String, reason: String },
    #[error("{0}")]
    Invalid(#[from] Invalid),
    #[error(
        "This record was changed elsewhere since you opened it. Nothing was saved; open it again to see the latest."
    )]
    Conflict,
}

impl From<EditConflict> for DocError {
    fn from(_: EditConflict) -> DocError {
        DocError::Conflict
    }
}

impl Doc {
    /// The JSON that travels: the body with `_id`, `_rev`, `_deleted` and,
    /// when given, the revision history as `_revisions`.
    pub fn to_json(&self, history: Option<&[Rev]>) -> Value {
        let mut out = Map::new();
        out.insert("_id".into(), json!(self.id.to_string()));
        out.insert("_rev".into(), json!(self.rev.to_string()));
        if self.deleted {
            out.insert("_deleted".into(), json!(true));
        }
        if let Some(history) = history {
            let start = history.first().map_or(self.rev.pos(), Rev::pos);
            let ids: Vec<&str> = history.iter().map(Rev::hash).collect();
            out.insert("_revisions".into(), json!({"start": start, "ids": ids}));
        }
        if let Value::Object(body) = &self.body {
            for (k, v) in body {
                out.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        Value::Object(out)
    }

    /// Reads a document from its JSON, with its revision history (the
    /// revision alone when `_revisions` is absent).
    pub fn from_json(value: Value) -> Result<(Doc, Vec<Rev>), DocError> {
        let Value::Object(mut map) = value else {
            return Err(DocError::NotAnObject);
        };
        let id: DocId = match map.remove("_id") {
            Some(Value::String(s)) => s.parse()?,
            _ => return Err(DocError::NoId),
        };
        let bad_rev = |s: &str| DocError::BadRev {
            id: id.to_string(),
            source: RevError(s.to_owned()),
        };
        let rev: Rev = match map.remove("_rev") {
            Some(Value::String(s)) => s.parse().map_err(|_| bad_rev(&s))?,
            other => return Err(bad_rev(&other.map(|v| v.to_string()).unwrap_or_default())),
        };
        let deleted = matches!(map.remove("_deleted"), Some(Value::Bool(true)));
        let history = match map.remove("_revisions") {
            None => vec![rev.clone()],
            Some(revisions) => {
                let history =
                    parse_revisions(&revisions).ok_or_else(|| bad_rev(&revisions.to_string()))?;
                if history.first() != Some(&rev) {
                    return Err(DocError::BadHistory {
                        id: id.to_string(),
                        source: BadHistory(format!("it does not start at {rev}")),
                    });
                }
                history
            }
        };
        // Other underscore fields (_conflicts, _attachments…) are the
        // server's bookkeeping, not the record.
        map.retain(|k, _| !k.starts_with('_'));
        let expected = id.kind().prefix();
        match map.get("type").and_then(Value::as_str) {
            Some(found) if found == expected => {}
            None if deleted => {
                map.insert("type".into(), json!(expected));
            }
            found => {
                return Err(DocError::WrongType {
                    id: id.to_string(),
                    expected: expected.into(),
                    found: found.unwrap_or("record of no type").into(),
                });
            }
        }
        let doc = Doc {
            id,
            rev,
            deleted,
            body: Value::Object(map),
        };
        // A withdrawal's stand-in (`consent::is_stub`) is no record to read.
        if !doc.deleted && !super::consent::is_stub(&doc.body) {
            doc.record()?;
        }
        Ok((doc, history))
    }

    /// The body as a typed record.
    pub fn record(&self) -> Result<Record, DocError> {
        serde_json::from_value(self.body.clone()).map_err(|e| DocError::Unreadable {
            id: self.id.to_string(),
            reason: e.to_string(),
        })
    }
}

fn parse_revisions(v: &Value) -> Option<Vec<Rev>> {
    let start = v.get("start")?.as_u64()?;
    let ids = v.get("ids")?.as_array()?;
    if ids.is_empty() || start < ids.len() as u64 {
        return None;
    }
    ids.iter()
        .enumerate()
        .map(|(i, h)| Rev::new(start - i as u64, h.as_str()?).ok())
        .collect()
}

/// One change a person makes; a list of them is saved as one action.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A new record (`parent: None`) or an edit of the version opened.
    Save {
        id: DocId,
        parent: Option<Rev>,
        record: Record,
    },
    /// Deletes the version opened and any in conflict with it.
    Delete { id: DocId, parent: Rev },
    /// Keeps `record` over every conflicting version.
    Resolve {
        id: DocId,
        winner: Rev,
        record: Record,
    },
    /// Puts `record` back as the record's next version, whatever it is
    /// now (deleted included): how an Undo restores what was there.
    Revive { id: DocId, record: Record },
}

impl Edit {
    /// The record saved, for a save or a resolve.
    pub fn record(&self) -> Option<&Record> {
        match self {
            Edit::Save { record, .. }
            | Edit::Resolve { record, .. }
            | Edit::Revive { record, .. } => Some(record),
            Edit::Delete { .. } => None,
        }
    }

    /// The edit that takes this one back once it is done and made `rev`
    /// (its new revision; none for a delete): a new record is deleted, an
    /// edited one gets its version from `before` back as its next version
    /// (so both stay in its history), a deleted one is revived. `None`
    /// when there is nothing to take back with.
    pub fn undo(
        &self,
        before: Option<&Record>,
        rev: Option<&Rev>,
        now: jiff::Timestamp,
    ) -> Option<Edit> {
        let id = self.id();
        let again = |record: &Record| {
            let mut record = record.clone();
            record.meta_mut().updated = now;
            record
        };
        match (self, before, rev) {
            (Edit::Save { parent: None, .. }, _, Some(rev)) => Some(Edit::Delete {
                id,
                parent: rev.clone(),
            }),
            (Edit::Save { .. } | Edit::Revive { .. }, Some(before), Some(rev)) => {
                Some(Edit::Save {
                    id,
                    parent: Some(rev.clone()),
                    record: again(before),
                })
            }
            (Edit::Delete { .. }, Some(before), _) => Some(Edit::Revive {
                id,
                record: again(before),
            }),
            _ => None,
        }
    }

    pub fn id(&self) -> DocId {
        match self {
            Edit::Save { id, .. }
            | Edit::Delete { id, .. }
            | Edit::Resolve { id, .. }
            | Edit::Revive { id, .. } => *id,
        }
    }
}

/// What a merge from elsewhere did to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merged {
    /// Nothing new: this replica had every revision already.
    AlreadyKnown,
    /// New revisions were added.
    Updated,
}

/// Everything a replica keeps about one record: its tree and the body of
/// every leaf (the winner and the conflicts). Bodies of older revisions are
/// dropped once an edit supersedes them, as CouchDB's compaction does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocState {
    pub id: DocId,
    pub tree: RevTree,
    pub leaves: BTreeMap<Rev, Value>,
}

impl DocState {
    pub fn new(id: DocId) -> DocState {
        DocState {
            id,
            tree: RevTree::new(),
            leaves: BTreeMap::new(),
        }
    }

    /// Takes a body written before Kith kept revisions (schema version 1)
    /// as the record's first revision, whatever it holds.
    pub fn adopt(id: DocId, body: Value) -> DocState {
        let mut state = DocState::new(id);
        let rev = state
            .tree
            .edit(None, false, &body)
            .expect("an empty tree takes a first revision");
        state.leaves.insert(rev, body);
        state
    }

    /// The revision everyone sees, with its body.
    pub fn winner(&self) -> Option<Doc> {
        let rev = self.tree.winner()?;
        Some(self.doc(rev))
    }

    fn doc(&self, rev: &Rev) -> Doc {
        Doc {
            id: self.id,
            rev: rev.clone(),
            deleted: self.tree.is_deleted_rev(rev),
            body: self.leaves.get(rev).cloned().unwrap_or(Value::Null),
        }
    }

    /// The record as shown, or `None` if it never existed or is deleted.
    pub fn record(&self) -> Option<Result<Record, DocError>> {
        self.winner().filter(|d| !d.deleted).map(|d| d.record())
    }

    pub fn is_deleted(&self) -> bool {
        self.tree.is_deleted()
    }

    /// Versions that lost to the winner and wait for a person to choose.
    pub fn conflicts(&self) -> Vec<Doc> {
        self.tree
            .conflicts()
            .into_iter()
            .map(|r| self.doc(r))
            .collect()
    }

    /// Saves a person's edit of the revision they opened (`parent`), or a
    /// new record. Checks the record first. An edit of a version changed
    /// since it was opened is kept beside the change, as a conflict
    /// (`RevTree::edit`); an unknown parent is refused.
    pub fn save(&mut self, parent: Option<&Rev>, record: &Record) -> Result<Rev, DocError> {
        if record.kind() != self.id.kind() {
            return Err(DocError::WrongType {
                id: self.id.to_string(),
                expected: self.id.kind().prefix().into(),
                found: record.kind().prefix().into(),
            });
        }
        record.validate()?;
        let body = serde_json::to_value(record).map_err(|e| DocError::Unreadable {
            id: self.id.to_string(),
            reason: e.to_string(),
        })?;
        let rev = self.tree.edit(parent, false, &body)?;
        self.leaves.insert(rev.clone(), body);
        self.tidy();
        Ok(rev)
    }

    /// Deletes the record seen at `parent`, and every live version in
    /// conflict with it, so that no copy of the details lingers. The
    /// deletions keep only the record's type.
    ///
    /// A deletion of a version that was changed since it was opened (a
    /// gift removed on a form opened before another tab edited it) deletes
    /// only the branch it saw: the newer version, which its maker never
    /// agreed to lose, stays and wins. Deleting what is already deleted
    /// changes nothing.
    pub fn delete(&mut self, parent: &Rev) -> Result<(), DocError> {
        if !self.tree.contains(parent) {
            return Err(DocError::Conflict);
        }
        let tombstone = json!({"type": self.id.kind().prefix()});
        if self.tree.is_deleted() || self.tree.is_deleted_rev(parent) {
            return Ok(());
        }
        if !self.tree.is_leaf(parent) {
            let rev = self.tree.edit(Some(parent), true, &tombstone)?;
            self.leaves.insert(rev, tombstone);
            self.tidy();
            return Ok(());
        }
        let live: Vec<Rev> = self
            .tree
            .leaves()
            .into_iter()
            .filter(|r| !self.tree.is_deleted_rev(r))
            .cloned()
            .collect();
        for leaf in live {
            let rev = self.tree.edit(Some(&leaf), true, &tombstone)?;
            self.leaves.insert(rev, tombstone.clone());
        }
        self.tidy();
        Ok(())
    }

    /// Saves `record` on the winning version, live or deleted, or as the
    /// first version of a record not here: an Undo's way back.
    pub fn revive(&mut self, record: &Record) -> Result<Rev, DocError> {
        let winner = self.tree.winner().cloned();
        self.save(winner.as_ref(), record)
    }

    /// Settles a conflict: `chosen` (what the person kept, perhaps combined
    /// from several versions) is saved on the winner, and the other live
    /// versions are deleted, so the record has one live version again.
    pub fn resolve(&mut self, winner: &Rev, chosen: &Record) -> Result<Rev, DocError> {
        if self.tree.winner() != Some(winner) {
            return Err(DocError::Conflict);
        }
        let losers: Vec<Rev> = self.tree.conflicts().into_iter().cloned().collect();
        let tombstone = json!({"type": self.id.kind().prefix()});
        let rev = self.save(Some(winner), chosen)?;
        for loser in losers {
            let gone = self.tree.edit(Some(&loser), true, &tombstone)?;
            self.leaves.insert(gone, tombstone.clone());
        }
        self.tidy();
        Ok(rev)
    }

    /// Merges one revision from elsewhere (sync or a file) with its
    /// history, the same whichever replica it came from.
    pub fn merge(&mut self, doc: Doc, history: &[Rev]) -> Result<Merged, DocError> {
        if doc.id != self.id {
            return Err(DocError::Unreadable {
                id: self.id.to_string(),
                reason: format!("a revision of {} was offered for it", doc.id),
            });
        }
        let added =
            self.tree
                .merge(history, doc.deleted)
                .map_err(|source| DocError::BadHistory {
                    id: self.id.to_string(),
                    source,
                })?;
        if added.first() == Some(&doc.rev) {
            self.leaves.insert(doc.rev, doc.body);
        }
        self.tidy();
        Ok(if added.is_empty() {
            Merged::AlreadyKnown
        } else {
            Merged::Updated
        })
    }

    /// Forgets history beyond the limit and bodies that are no longer leaves.
    fn tidy(&mut self) {
        self.tree.stem(REVS_LIMIT);
        let leaves: Vec<Rev> = self.tree.leaves().into_iter().cloned().collect();
        self.leaves.retain(|rev, _| leaves.contains(rev));
    }
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::model::id::Kind;
    use crate::model::record::{Meta, Person};

    fn person(name: &str) -> Record {
        Record::Person(Person::new(
            name,
            Meta::new("2026-11-27T09:30:00Z".parse().unwrap(), "Sam"),
        ))
    }

    fn name_of(state: &DocState) -> String {
        match state.record().unwrap().unwrap() {
            Record::Person(p) => p.name,
            other => panic!("not a person: {other:?}"),
        }
    }

    #[test]
    fn every_undo_takes_its_edit_back_and_keeps_the_history() {
        let now: jiff::Timestamp = "2026-12-01T10:00:00Z".parse().unwrap();
        let id = DocId::new(Kind::Person);
        let mut state = DocState::new(id);
        // A new record: undone, it is deleted.
        let add = Edit::Save {
            id,
            parent: None,
            record: person("Ada"),
        };
        let r1 = state.save(None, &person("Ada")).unwrap();
        let Some(Edit::Delete { parent, .. }) = add.undo(None, Some(&r1), now) else {
            panic!("a new record is undone by deleting it")
        };
        assert_eq!(parent, r1);
        // An edit: undone, the version before is saved on top.
        let edit = Edit::Save {
            id,
            parent: Some(r1.clone()),
            record: person("Ada L"),
        };
        let r2 = state.save(Some(&r1), &person("Ada L")).unwrap();
        let back = edit.undo(Some(&person("Ada")), Some(&r2), now).unwrap();
        let Edit::Save {
            parent: Some(p),
            record,
            ..
        } = &back
        else {
            panic!("{back:?}")
        };
        state.save(Some(p), record).unwrap();
        assert_eq!(name_of(&state), "Ada");
        assert_eq!(state.winner().unwrap().rev.pos(), 3);
        assert_eq!(record.meta().updated, now);
        // A deletion: undone, the record is revived.
        let gone = Edit::Delete {
            id,
            parent: state.winner().unwrap().rev.clone(),
        };
        let Some(Edit::Revive { record, .. }) = gone.undo(Some(&person("Ada")), None, now) else {
            panic!("a deletion is undone by reviving")
        };
        state.delete(&state.winner().unwrap().rev.clone()).unwrap();
        state.revive(&record).unwrap();
        assert_eq!(name_of(&state), "Ada");
        assert!(
            add.undo(None, None, now).is_none(),
            "nothing done, nothing to undo"
        );
    }

    #[test]
    fn an_undo_revives_a_deleted_record_as_its_next_version() {
        let mut state = DocState::new(DocId::new(Kind::Person));
        let r1 = state.save(None, &person("Ada")).unwrap();
        state.delete(&r1).unwrap();
        assert!(state.record().is_none(), "deleted");
        let back = state.revive(&person("Ada")).unwrap();
        assert_eq!(name_of(&state), "Ada");
        assert_eq!(back.pos(), 3, "history kept: saved, deleted, back");
        assert!(state.conflicts().is_empty());
        // A record never here is simply saved.
        let mut fresh = DocState::new(DocId::new(Kind::Person));
        assert_eq!(fresh.revive(&person("Bo")).unwrap().pos(), 1);
    }

    #[test]
    fn a_saved_record_reads_back_and_edits_replace_it() {
        let mut state = DocState::new(DocId::new(Kind::Person));
        let r1 = state.save(None, &person("Ada")).unwrap();
        assert_eq!(name_of(&state), "Ada");
        let r2 = state.save(Some(&r1), &person("Ada Lovelace")).unwrap();
        assert_eq!(name_of(&state), "Ada Lovelace");
        assert_eq!(state.winner().unwrap().rev, r2);
        assert_eq!(state.leaves.len(), 1, "the old body is compacted away");
    }

    #[test]
    fn a_save_from_a_form_opened_before_another_change_keeps_both_versions() {
        let mut state = DocState::new(DocId::new(Kind::Person));
        let r1 = state.save(None, &person("Ada")).unwrap();
        // Another tab saves first; this form was opened at r1.
        let theirs = state.save(Some(&r1), &person("Ada Lovelace")).unwrap();
        let mine = state.save(Some(&r1), &person("Ada King")).unwrap();
        assert_eq!((theirs.pos(), mine.pos()), (2, 2));
        let winner = state.winner().unwrap();
        let loser = &state.conflicts()[0];
        let mut names = [
            winner.body["name"].as_str().unwrap(),
            loser.body["name"].as_str().unwrap(),
        ];
        names.sort();
        assert_eq!(names, ["Ada King", "Ada Lovelace"]);
        assert_eq!(state.leaves.len(), 2, "both bodies are kept");
        // A revision the record never had is still refused.
        let unknown: Rev = "7-abc".parse().unwrap();
        assert_eq!(
            state.save(Some(&unknown), &person("Stale")),
            Err(DocError::Conflict)
        );
    }

    #[test]
    fn a_deletion_from_a_stale_version_leaves_the_newer_one() {
        let mut state = DocState::new(DocId::new(Kind::Person));
        let r1 = state.save(None, &person("Ada")).unwrap();
        state.save(Some(&r1), &person("Ada Lovelace")).unwrap();
        state.delete(&r1).unwrap();
        assert_eq!(name_of(&state), "Ada Lovelace");
        assert!(
            state.conflicts().is_empty(),
            "a deleted branch is no conflict"
        );
        // Deleting twice is the same as once.
        let winner = state.winner().unwrap().rev;
        state.delete(&winner).unwrap();
        let gone = state.clone();
        let tomb = state.winner().unwrap().rev;
        state.delete(&tomb).unwrap();
        assert_eq!(state, gone);
    }

    #[test]
    fn a_record_of_the_wrong_type_or_invalid_is_refused() {
        let mut state = DocState::new(DocId::new(Kind::Group));
        assert!(matches!(
            state.save(None, &person("Ada")),
            Err(DocError::WrongType { .. })
        ));
        let mut state = DocState::new(DocId::new(Kind::Person));
        assert_eq!(
            state.save(None, &person(" ")),
            Err(DocError::Invalid(Invalid::NoName))
        );
        assert!(state.tree.is_empty());
    }

    #[test]
    fn deleting_leaves_a_tombstone_without_the_details() {
        let mut state = DocState::new(DocId::new(Kind::Person));
        let r1 = state.save(None, &person("Ada")).unwrap();
        state.delete(&r1).unwrap();
        assert!(state.is_deleted());
        assert!(state.record().is_none());
        let tomb = state.winner().unwrap();
        assert!(tomb.deleted);
        assert_eq!(tomb.body, json!({"type": "person"}));
    }

    /// Two phones edit the same person apart, then exchange revisions.
    fn two_phones_in_conflict() -> (DocState, DocState, Rev, Rev) {
        let mut phone = DocState::new(DocId::new(Kind::Person));
        let r1 = phone.save(None, &person("Ada")).unwrap();
        let mut other = phone.clone();
        let a = phone.save(Some(&r1), &person("Ada (phone)")).unwrap();
        let b = other.save(Some(&r1), &person("Ada (laptop)")).unwrap();
        let from_phone = phone.winner().unwrap();
        let from_other = other.winner().unwrap();
        let h_phone = phone.tree.history(&a, REVS_LIMIT);
        let h_other = other.tree.history(&b, REVS_LIMIT);
        assert_eq!(phone.merge(from_other, &h_other), Ok(Merged::Updated));
        assert_eq!(other.merge(from_phone, &h_phone), Ok(Merged::Updated));
        (phone, other, a, b)
    }

    #[test]
    fn a_merged_conflict_keeps_both_versions_and_the_same_winner() {
        let (phone, other, a, b) = two_phones_in_conflict();
        assert_eq!(phone, other);
        let winner = phone.winner().unwrap();
        assert_eq!(winner.rev, std::cmp::max(a.clone(), b.clone()));
        let conflicts = phone.conflicts();
        assert_eq!(conflicts.len(), 1);
        let names: Vec<&str> = [&winner, &conflicts[0]]
            .iter()
            .map(|d| d.body["name"].as_str().unwrap())
            .collect();
        assert!(
            names.contains(&"Ada (phone)") && names.contains(&"Ada (laptop)"),
            "{names:?}"
        );
    }

    #[test]
    fn resolving_a_conflict_leaves_one_live_version() {
        let (mut phone, _, _, _) = two_phones_in_conflict();
        let winner = phone.winner().unwrap().rev;
        phone.resolve(&winner, &person("Ada Lovelace")).unwrap();
        assert!(phone.conflicts().is_empty());
        assert_eq!(name_of(&phone), "Ada Lovelace");
    }

    #[test]
    fn deleting_a_conflicted_record_deletes_every_version() {
        let (mut phone, _, _, _) = two_phones_in_conflict();
        let winner = phone.winner().unwrap().rev;
        phone.delete(&winner).unwrap();
        assert!(phone.is_deleted());
        assert!(
            phone.conflicts().is_empty(),
            "no version with the details survives"
        );
        assert!(
            phone
                .leaves
                .values()
                .all(|b| b == &json!({"type": "person"}))
        );
    }

    #[test]
    fn merging_the_same_revision_twice_changes_nothing() {
        let mut here = DocState::new(DocId::new(Kind::Person));
        here.save(None, &person("Ada")).unwrap();
        let doc = here.winner().unwrap();
        let history = here.tree.history(&doc.rev, REVS_LIMIT);
        let before = here.clone();
        assert_eq!(here.merge(doc, &history), Ok(Merged::AlreadyKnown));
        assert_eq!(here, before);
    }

    #[test]
    fn documents_travel_in_couchdbs_json_shape() {
        let mut state = DocState::new(DocId::new(Kind::Person));
        let r1 = state.save(None, &person("Ada")).unwrap();
        let r2 = state.save(Some(&r1), &person("Ada L")).unwrap();
        let doc = state.winner().unwrap();
        let history = state.tree.history(&r2, REVS_LIMIT);
        let json = doc.to_json(Some(&history));
        assert_eq!(json["_id"], state.id.to_string());
        assert_eq!(json["_rev"], r2.to_string());
        assert_eq!(
            json["_revisions"],
            json!({"start": 2, "ids": [r2.hash(), r1.hash()]})
        );
        assert_eq!(json["name"], "Ada L");

        let (back, back_history) = Doc::from_json(json).unwrap();
        assert_eq!(back, doc);
        assert_eq!(back_history, history);

        // Taking it into an empty replica rebuilds the same state.
        let mut elsewhere = DocState::new(state.id);
        elsewhere.merge(back, &back_history).unwrap();
        assert_eq!(elsewhere, state);
    }

    #[test]
    fn bad_documents_are_refused_with_a_reason_naming_them() {
        let id = DocId::new(Kind::Person);
        let cases = [
            (json!([1]), "not a JSON object"),
            (
                json!({"_rev": "1-a", "type": "person", "name": "A"}),
                "no _id",
            ),
            (
                json!({"_id": "dog:1", "_rev": "1-a"}),
                "not a kind of record",
            ),
            (
                json!({"_id": id.to_string(), "_rev": "one", "type": "person", "name": "A"}),
                "not a revision",
            ),
            (
                json!({"_id": id.to_string(), "_rev": "1-a", "type": "group", "name": "A"}),
                "says it is a group",
            ),
            (
                json!({"_id": id.to_string(), "_rev": "1-a", "type": "person"}),
                "missing field `name`",
            ),
            (
                json!({"_id": id.to_string(), "_rev": "2-b", "_revisions": {"start": 2, "ids": ["c", "a"]}, "type": "person", "name": "A", "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z"}),
                "does not start at 2-b",
            ),
        ];
        for (json, expected) in cases {
            let err = Doc::from_json(json.clone()).unwrap_err().to_string();
            assert!(err.contains(expected), "{json}: {err}");
        }
    }

    #[test]
    fn a_deletion_from_elsewhere_needs_no_body() {
        let id = DocId::new(Kind::Person);
        let (doc, history) =
            Doc::from_json(json!({"_id": id.to_string(), "_rev": "2-b", "_deleted": true}))
                .unwrap();
        assert!(doc.deleted);
        assert_eq!(doc.body, json!({"type": "person"}));
        assert_eq!(history, vec!["2-b".parse::<Rev>().unwrap()]);
    }
}
