//! What sync (and, later, files) asks of the store beyond a person's
//! commands: which revisions this device lacks, what is waiting to leave
//! (with everything the consent rule needs to decide, read in the same
//! transaction), marking what the server accepted, and the small
//! bookkeeping a replication keeps here (its checkpoints, this device's
//! id). Records themselves only ever come in through `Store::merge`.

use std::collections::HashMap;

use indexed_db_futures::KeyRange;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde_json::Value;

use super::entry::{KEPT_HERE, SENT};
use super::schema::{BY_SEQ, CONFLICTS, META, RECORDS};
use super::{Changed, Entry, Store, StoreError, commit, conflict_bodies};
use crate::model::{DocId, DocState, Kind, Record, Rev, RevTree};

/// A record waiting to leave: every version it has (its leaves), as of
/// its local change `seq`.
#[derive(Debug, Clone)]
pub struct Leaving {
    pub seq: u64,
    pub state: DocState,
    /// Stand-ins this device put on the server for it (consent withdrawn).
    pub stubs: Vec<Rev>,
}

/// One read of what is waiting to leave, oldest change first.
#[derive(Debug, Default)]
pub struct Outgoing {
    pub records: Vec<Leaving>,
    /// The live versions of the people, groups and places those records
    /// name, as far as they are on this device: the consent rule needs them.
    pub parties: HashMap<DocId, Record>,
    /// The last change sequence number read (past the last record when
    /// records not waiting were passed over); 0 when nothing was read.
    pub read_to: u64,
}

impl Store {
    /// Of these revisions, the ones this device does not have (a local
    /// `_revs_diff`), read in one transaction.
    pub async fn missing(
        &self,
        offered: Vec<(DocId, Vec<Rev>)>,
    ) -> Result<Vec<(DocId, Vec<Rev>)>, StoreError> {
        let tx = self.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let requests = offered
            .iter()
            .map(|(id, _)| records.get(id.to_string()).serde())
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::new();
        for ((id, revs), request) in offered.into_iter().zip(requests) {
            let entry: Option<Entry> = request.await?;
            // A tree that cannot be read is treated as empty: what comes
            // in is merged onto it and Settings still lists the damage.
            let (tree, stubs): (RevTree, Vec<String>) = entry
                .map(|e| (serde_json::from_str(&e.tree).unwrap_or_default(), e.stubs))
                .unwrap_or_default();
            // A stand-in this device put there is known, never taken in.
            let lacking: Vec<Rev> = revs
                .into_iter()
                .filter(|r| !tree.contains(r) && !stubs.contains(&r.to_string()))
                .collect();
            if !lacking.is_empty() {
                out.push((id, lacking));
            }
        }
        Ok(out)
    }

    /// Records changed here and not yet sent, with change numbers after
    /// `since`, oldest first, at most `limit` looked at; with the parties
    /// they name. One transaction.
    pub async fn outgoing(&self, since: u64, limit: u32) -> Result<Outgoing, StoreError> {
        let tx = self.read_transaction(&[RECORDS, CONFLICTS])?;
        let (records, conflicts) = (tx.object_store(RECORDS)?, tx.object_store(CONFLICTS)?);
        let entries: Vec<Entry> = records
            .index(BY_SEQ)?
            .get_all()
            .with_query::<u64, _>(KeyRange::LowerBound(since, true))
            .with_limit(limit)
            .serde()?
            .await?
            .filter_map(Result::ok)
            .collect();
        let read_to = entries.iter().map(|e| e.seq).max().unwrap_or(0);
        let waiting = entries.into_iter().filter(|e| e.unsent != SENT).collect();
        self.leaving(&records, &conflicts, waiting, read_to).await
    }

    /// These rows as records to decide on, with the parties they name.
    async fn leaving(
        &self,
        records: &ObjectStore<'_>,
        conflicts: &ObjectStore<'_>,
        entries: Vec<Entry>,
        read_to: u64,
    ) -> Result<Outgoing, StoreError> {
        let mut out = Outgoing {
            read_to,
            ..Outgoing::default()
        };
        let mut named = Vec::new();
        // The rows just read are the states: no second read of each.
        for entry in &entries {
            // A damaged row cannot travel; Settings lists it.
            let Ok(id) = entry.id.parse::<DocId>() else {
                continue;
            };
            let bodies = conflict_bodies(conflicts, entry).await?;
            let Ok(state) = entry.to_state(&bodies) else {
                continue;
            };
            let seq = entry.seq;
            let stubs = entry.stubs.iter().filter_map(|r| r.parse().ok()).collect();
            if let Some(Ok(record)) = state.record() {
                named.extend(
                    record
                        .links()
                        .into_iter()
                        .filter(|l| matches!(l.kind(), Kind::Person | Kind::Group | Kind::Place)),
                );
                if matches!(id.kind(), Kind::Person | Kind::Group | Kind::Place) {
                    out.parties.insert(id, record);
                }
            }
            out.records.push(Leaving { seq, state, stubs });
        }
        named.retain(|id| !out.parties.contains_key(id));
        named.sort();
        named.dedup();
        let requests = named
            .iter()
            .map(|id| records.get(id.to_string()).serde())
            .collect::<Result<Vec<_>, _>>()?;
        for (id, request) in named.into_iter().zip(requests) {
            let entry: Option<Entry> = request.await?;
            if let Some(Ok((_, record))) = entry.as_ref().and_then(Entry::record) {
                out.parties.insert(id, record);
            }
        }
        Ok(out)
    }

    /// The records that name these people, groups or places (their
    /// gifts, the log entries they are in), whatever their state, with the
    /// parties those name in turn: when a party's consent changes, what
    /// names them must be decided again. One transaction.
    pub async fn naming(&self, parties: &[DocId]) -> Result<Outgoing, StoreError> {
        let tx = self.read_transaction(&[RECORDS, CONFLICTS])?;
        let (records, conflicts) = (tx.object_store(RECORDS)?, tx.object_store(CONFLICTS)?);
        let index = records.index(super::schema::BY_LINK)?;
        let mut entries: Vec<Entry> = Vec::new();
        for party in parties {
            let found: Vec<Entry> = index
                .get_all()
                .with_query::<String, _>(KeyRange::Only(party.to_string()))
                .serde()?
                .await?
                .filter_map(Result::ok)
                .collect();
            entries.extend(found);
        }
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        entries.dedup_by(|a, b| a.id == b.id);
        self.leaving(&records, &conflicts, entries, 0).await
    }

    /// Marks records the server accepted as sent (their stand-ins there
    /// closed), and records the consent rule keeps here as kept (they
    /// wait, uncounted, until they change), with the stand-in put on the
    /// server for one that was shared before; each only if it has not
    /// changed again since (its change number is still the one read). One
    /// transaction. Returns how many were marked sent.
    pub async fn mark_sent(
        &self,
        sent: &[(DocId, u64)],
        kept: &[(DocId, u64, Option<Rev>)],
    ) -> Result<u32, StoreError> {
        self.check_open()?;
        let tx = self
            .db
            .transaction(RECORDS)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let records = tx.object_store(RECORDS)?;
        let marks = sent.iter().map(|(id, seq)| (id, seq, SENT, None)).chain(
            kept.iter()
                .map(|(id, seq, stub)| (id, seq, KEPT_HERE, stub.as_ref())),
        );
        let mut requests = Vec::new();
        for (id, seq, mark, stub) in marks {
            requests.push((*seq, mark, stub, records.get(id.to_string()).serde()?));
        }
        let mut marked = 0;
        let mut any = false;
        for (seq, mark, stub, request) in requests {
            let entry: Option<Entry> = request.await?;
            let Some(mut entry) = entry.filter(|e| e.seq == seq) else {
                continue;
            };
            let before = (entry.unsent, entry.stubs.len());
            entry.unsent = mark;
            match stub {
                Some(stub) => entry.stubs.push(stub.to_string()),
                // Sent whole again: the stand-ins there were closed.
                None if mark == SENT => entry.stubs.clear(),
                None => {}
            }
            if (entry.unsent, entry.stubs.len()) != before {
                records.put(entry).serde()?;
                marked += u32::from(mark == SENT);
                any = true;
            }
        }
        commit(tx).await?;
        if any {
            self.announce(&Changed {
                shared: true,
                ..Changed::default()
            });
        }
        Ok(marked)
    }

    /// A replication's own note kept on this device (its checkpoint), by
    /// name; none if never written.
    pub async fn local_note(&self, name: &str) -> Result<Option<Value>, StoreError> {
        let tx = self.read_transaction(&[META])?;
        let meta = tx.object_store(META)?;
        Ok(meta.get(format!("local:{name}")).serde()?.await?)
    }

    /// Keeps a replication's note. Bookkeeping, not a record: nothing on
    /// screen depends on it, so nothing is announced.
    pub async fn put_local_note(&self, name: &str, note: &Value) -> Result<(), StoreError> {
        let tx = self.write_transaction()?;
        let meta = tx.object_store(META)?;
        meta.put(note)
            .with_key(format!("local:{name}"))
            .without_key_type()
            .serde()?
            .await?;
        commit(tx).await
    }

    /// This device's own id, made once (a replication id includes it, so
    /// two phones never share a checkpoint).
    pub async fn device_id(&self) -> Result<String, StoreError> {
        if let Some(Value::String(id)) = self.local_note("device").await? {
            return Ok(id);
        }
        let id = uuid::Uuid::new_v4().simple().to_string();
        self.put_local_note("device", &Value::String(id.clone()))
            .await?;
        Ok(id)
    }
}
