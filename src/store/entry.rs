//! How one record lies in IndexedDB: the fields the indexes read, kept as
//! plain values, and the heavy parts (revision tree, body) as JSON text,
//! which crosses from JavaScript to Rust as one string, fast.
//!
//! Plain Rust, tested on the host; `store` does the reading and writing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::rev::RevError;
use crate::model::{DocId, DocState, IdError, Record, Rev, RevTree, skill};

/// `Entry::unsent`: the server has it (or it came from there).
pub const SENT: u8 = 0;
/// `Entry::unsent`: changed here, waiting to go.
pub const WAITING: u8 = 1;
/// `Entry::unsent`: sync found the consent rule keeps it on this device.
pub const KEPT_HERE: u8 = 2;

/// One record's row in the `records` object store (key: `id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub kind: String,
    /// The local change sequence: this record's place in "what changed".
    pub seq: u64,
    /// 1 when changed here since it was last synced or exported, 2 when
    /// sync found the consent rule keeps it on this device, 0 when the
    /// server has it (IndexedDB cannot index booleans).
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
    /// Stand-ins this device put on the server in place of this record
    /// when its consent was withdrawn (`consent::stub_body`): revisions it
    /// knows of but never takes in, so the full record stays here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stubs: Vec<String>,
}

/// A losing leaf's body, in the `conflicts` object store (key: `[id, rev]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictBody {
    pub id: String,
    pub rev: String,
    pub body: String,
}

/// Why a stored row cannot be shown as a record, in words for the person
/// who finds it listed under Settings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    #[error("it is not stored the way Kith stores records ({0})")]
    Row(String),
    #[error("its id is not a proper record id ({0})")]
    Id(String),
    #[error("its history of changes cannot be read ({0})")]
    Tree(String),
    #[error("its latest version is missing from its history of changes")]
    Winner,
    #[error("its details are cut off or garbled ({0})")]
    Body(String),
    #[error("it says it is a {found}, but its id says it is a {expected}")]
    WrongType { expected: String, found: String },
    #[error("its details cannot be read ({0})")]
    Fields(String),
}

/// A damaged row: its key (the record's id, as stored) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {damage}")]
pub struct Corrupt {
    pub key: String,
    pub damage: Damage,
}

/// What a row holds, as a list or a page can use it.
// Made and taken apart once per row read: boxing the record would only
// add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    Live(DocId, Record),
    Deleted,
    /// The person withdrew consent and their record was taken off the
    /// team's server: a stand-in with only its kind (`consent::is_stub`).
    Withdrawn(DocId),
    /// A kind of record from a newer Kith: kept as it is, never shown.
    Newer,
    Damaged(Damage),
}

/// What the whole of a row holds, checked the way Settings checks it:
/// fine, from a newer Kith, or damaged and why.
pub fn check_row(key: &str, row: &Value) -> Result<Reading, Corrupt> {
    let corrupt = |damage| Corrupt {
        key: key.to_owned(),
        damage,
    };
    let entry: Entry =
        serde_json::from_value(row.clone()).map_err(|e| corrupt(Damage::Row(e.to_string())))?;
    let reading = entry.read();
    if let Reading::Damaged(damage) = reading {
        return Err(corrupt(damage));
    }
    if reading == Reading::Newer
        || reading == Reading::Deleted && entry.id.parse::<DocId>().is_err()
    {
        return Ok(reading);
    }
    entry.to_state(&[]).map_err(|c| corrupt(c.damage))?;
    Ok(reading)
}

impl Entry {
    /// The row for a record's state; `seq`, `unsent` and `updated` are the
    /// store's to give.
    pub fn from_state(
        state: &DocState,
        seq: u64,
        unsent: bool,
    ) -> Result<(Entry, Vec<ConflictBody>), Corrupt> {
        let corrupt = |damage| Corrupt {
            key: state.id.to_string(),
            damage,
        };
        let winner = state.winner().ok_or_else(|| corrupt(Damage::Winner))?;
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
            unsent: if unsent { WAITING } else { SENT },
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
            tree: serde_json::to_string(&state.tree)
                .map_err(|e| corrupt(Damage::Tree(e.to_string())))?,
            body: winner.body.to_string(),
            stubs: Vec::new(),
        };
        Ok((entry, conflicts))
    }

    /// The record's full state back from its row and its conflicts' bodies.
    /// A row whose winner is not the winner its own tree picks is damaged:
    /// an edit of it would be based on the wrong version.
    pub fn to_state(&self, conflicts: &[ConflictBody]) -> Result<DocState, Corrupt> {
        let bad = |damage| Corrupt {
            key: self.id.clone(),
            damage,
        };
        let id: DocId = self
            .id
            .parse()
            .map_err(|e: IdError| bad(Damage::Id(e.to_string())))?;
        let tree: RevTree =
            serde_json::from_str(&self.tree).map_err(|e| bad(Damage::Tree(e.to_string())))?;
        let winner: Rev = self
            .winner
            .parse()
            .map_err(|e: RevError| bad(Damage::Tree(e.to_string())))?;
        if tree.winner() != Some(&winner) {
            return Err(bad(Damage::Winner));
        }
        let mut leaves = BTreeMap::new();
        leaves.insert(
            winner,
            parse_body(&self.body).map_err(|e| bad(Damage::Body(e.to_string())))?,
        );
        for c in conflicts {
            let rev: Rev = c
                .rev
                .parse()
                .map_err(|e: RevError| bad(Damage::Tree(e.to_string())))?;
            leaves.insert(
                rev,
                parse_body(&c.body).map_err(|e| bad(Damage::Body(e.to_string())))?,
            );
        }
        Ok(DocState { id, tree, leaves })
    }

    /// The winning version as a list or page shows it. Cheap for the
    /// common case (one parse of the body); a body that does not parse is
    /// looked at again only to say why.
    pub fn read(&self) -> Reading {
        // A deletion shows nothing and holds nothing: whatever its id, it
        // cannot hide or harm anything.
        if self.deleted {
            return Reading::Deleted;
        }
        let id: DocId = match self.id.parse() {
            Ok(id) => id,
            Err(IdError::UnknownKind(_)) => return Reading::Newer,
            Err(e) => return Reading::Damaged(Damage::Id(e.to_string())),
        };
        if self.body.contains(crate::model::consent::WITHDRAWN)
            && serde_json::from_str(&self.body)
                .is_ok_and(|body| crate::model::consent::is_stub(&body))
        {
            return Reading::Withdrawn(id);
        }
        match serde_json::from_str::<Record>(&self.body) {
            Ok(record) if record.kind() == id.kind() => Reading::Live(id, record),
            Ok(record) => Reading::Damaged(Damage::WrongType {
                expected: id.kind().prefix().into(),
                found: record.kind().prefix().into(),
            }),
            Err(e) => Reading::Damaged(why_unreadable(id, &self.body, e)),
        }
    }

    /// The winning version as a typed record, unless it is deleted (or of
    /// a kind this Kith does not know).
    pub fn record(&self) -> Option<Result<(DocId, Record), Corrupt>> {
        match self.read() {
            Reading::Live(id, record) => Some(Ok((id, record))),
            Reading::Deleted | Reading::Withdrawn(_) | Reading::Newer => None,
            Reading::Damaged(damage) => Some(Err(Corrupt {
                key: self.id.clone(),
                damage,
            })),
        }
    }

    /// The winning revision: what an edit of the shown version is based on.
    pub fn winner_rev(&self) -> Result<Rev, Corrupt> {
        self.winner.parse().map_err(|e: RevError| Corrupt {
            key: self.id.clone(),
            damage: Damage::Tree(e.to_string()),
        })
    }

    /// The ids it refers to, as stored.
    pub fn link_ids(&self) -> impl Iterator<Item = DocId> + '_ {
        self.links.iter().filter_map(|l| l.parse().ok())
    }
}

/// Why a body did not read as a record: cut off, another type than its id
/// says, or a field holding the wrong thing.
fn why_unreadable(id: DocId, body: &str, error: serde_json::Error) -> Damage {
    let value: Value = match serde_json::from_str(body) {
        Ok(value) => value,
        Err(e) => return Damage::Body(e.to_string()),
    };
    let expected = id.kind().prefix();
    match value.get("type").and_then(Value::as_str) {
        Some(found) if found != expected => Damage::WrongType {
            expected: expected.into(),
            found: found.into(),
        },
        None => Damage::Fields("it says no type".into()),
        Some(_) => Damage::Fields(error.to_string()),
    }
}

/// The row that replaces a damaged one when a person removes it: a
/// deletion that keeps only the record's key and kind, as every deletion
/// does. It continues the row's history where that can be read (so the
/// deletion wins on other devices too), and starts one where it cannot.
pub fn tombstone(key: &str, row: &Value, seq: u64) -> Entry {
    let kind = key.split(':').next().unwrap_or_default().to_owned();
    let body = serde_json::json!({ "type": kind });
    let mut tree: RevTree = row
        .get("tree")
        .and_then(Value::as_str)
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    if tree.is_empty()
        && let Some(winner) = row
            .get("winner")
            .and_then(Value::as_str)
            .and_then(|w| w.parse::<Rev>().ok())
    {
        tree.merge(&[winner], false).ok();
    }
    let live: Vec<Rev> = tree
        .leaves()
        .into_iter()
        .filter(|r| !tree.is_deleted_rev(r))
        .cloned()
        .collect();
    for leaf in live {
        tree.edit(Some(&leaf), true, &body).ok();
    }
    if tree.is_empty() {
        tree.edit(None, true, &body).ok();
    }
    let winner = tree.winner().cloned().expect("the tree has a deletion");
    Entry {
        id: key.to_owned(),
        kind,
        seq,
        unsent: WAITING,
        updated: 0.0,
        live: None,
        skills: Vec::new(),
        tags: Vec::new(),
        links: Vec::new(),
        deleted: true,
        conflicted: false,
        others: false,
        winner: winner.to_string(),
        tree: serde_json::to_string(&tree).unwrap_or_default(),
        body: body.to_string(),
        stubs: Vec::new(),
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
        assert!(matches!(err.damage, Damage::Tree(_)), "{err}");
        assert!(err.to_string().contains("history of changes"), "{err}");
    }

    fn saved_row() -> Entry {
        let mut state = DocState::new(DocId::new(Kind::Person));
        state.save(None, &person("Ada")).unwrap();
        Entry::from_state(&state, 1, false).unwrap().0
    }

    #[test]
    fn each_kind_of_damage_is_named_for_what_it_is() {
        let damaged = |change: &dyn Fn(&mut Entry)| {
            let mut entry = saved_row();
            change(&mut entry);
            match entry.read() {
                Reading::Damaged(d) => d,
                other => panic!("read as {other:?}"),
            }
        };
        assert!(matches!(
            damaged(&|e| e.body = e.body.replace("\"Ada\"", "5")),
            Damage::Fields(_)
        ));
        assert!(matches!(damaged(&|e| e.body.truncate(12)), Damage::Body(_)));
        assert_eq!(
            damaged(&|e| e.body = e.body.replace("\"person\"", "\"spaceship\"")),
            Damage::WrongType {
                expected: "person".into(),
                found: "spaceship".into()
            }
        );
        assert!(matches!(
            damaged(&|e| e.body = e
                .body
                .replace("2026-11-27T09:30:00Z", "9999-12-31T23:59:59Z")),
            Damage::Fields(_)
        ));
        assert!(matches!(
            damaged(&|e| e.id = "person:not-a-uuid".into()),
            Damage::Id(_)
        ));
    }

    #[test]
    fn a_winner_that_is_not_the_trees_is_damage_not_a_conflict() {
        let mut state = DocState::new(DocId::new(Kind::Person));
        let r1 = state.save(None, &person("Ada")).unwrap();
        state.save(Some(&r1), &person("Ada L")).unwrap();
        let (mut entry, _) = Entry::from_state(&state, 2, false).unwrap();
        entry.winner = r1.to_string();
        assert_eq!(entry.to_state(&[]).unwrap_err().damage, Damage::Winner);
        let row = serde_json::to_value(&entry).unwrap();
        assert_eq!(
            check_row(&entry.id, &row).unwrap_err().damage,
            Damage::Winner
        );
    }

    #[test]
    fn a_kind_from_a_newer_kith_is_kept_not_called_damaged() {
        let mut entry = saved_row();
        entry.id = entry.id.replace("person:", "badge:");
        entry.kind = "badge".into();
        entry.body = r#"{"type":"badge","shiny":true}"#.into();
        assert_eq!(entry.read(), Reading::Newer);
        assert!(entry.record().is_none());
        let row = serde_json::to_value(&entry).unwrap();
        assert_eq!(check_row(&entry.id, &row), Ok(Reading::Newer));
    }

    #[test]
    fn a_row_not_shaped_like_a_record_is_damaged() {
        let err = check_row(
            "person:x",
            &serde_json::json!({"id": "person:x", "name": 5}),
        )
        .unwrap_err();
        assert!(matches!(err.damage, Damage::Row(_)), "{err}");
        let fine = serde_json::to_value(saved_row()).unwrap();
        assert!(matches!(check_row("k", &fine), Ok(Reading::Live(_, _))));
    }

    #[test]
    fn removing_a_damaged_row_continues_its_history_with_a_deletion() {
        let mut entry = saved_row();
        let winner = entry.winner.clone();
        entry.body = "{\"type\": \"per".into();
        let row = serde_json::to_value(&entry).unwrap();
        let gone = tombstone(&entry.id, &row, 9);
        assert!(gone.deleted && gone.live.is_none() && gone.links.is_empty());
        assert_eq!(
            (gone.seq, gone.unsent, gone.kind.as_str()),
            (9, 1, "person")
        );
        assert_eq!(gone.body, r#"{"type":"person"}"#);
        let tree: RevTree = serde_json::from_str(&gone.tree).unwrap();
        let tomb: Rev = gone.winner.parse().unwrap();
        assert_eq!(tree.parent(&tomb).map(Rev::to_string), Some(winner));
        assert!(tree.is_deleted());
        // Even a row with nothing readable gets a deletion of its own.
        let bare = tombstone("person:not-a-uuid", &serde_json::json!(42), 10);
        assert!(bare.deleted);
        assert!(
            serde_json::from_str::<RevTree>(&bare.tree)
                .unwrap()
                .is_deleted()
        );
    }
}
