//! The local replica in the browser's IndexedDB.
//!
//! All of Kith's data lives here; the sync endpoint and exported files are
//! copies of it. Every record is a document with a revision tree (see
//! `model::doc`); this module only reads and writes them, so a person's
//! save, a merge from the server and an imported file are the same kind of
//! operation. Each call is one IndexedDB transaction: it happens wholly or
//! not at all.
//!
//! Layout (schema version 2):
//! - `records`: one [`Entry`] per record, keyed by id, indexed by local
//!   change sequence, by kind and name (live records), by skill term, by
//!   tag, by update time, and by whether it is unsent;
//! - `conflicts`: bodies of versions that lost to the winner, keyed
//!   `[id, rev]`;
//! - `meta`: counters (`seq`: the last change sequence number given);
//! - `docs`: version 1's records, moved into `records` on first open.

pub mod device;
mod entry;
pub mod feed;
pub mod query;
mod replica;
mod schema;

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use indexed_db_futures::KeyRange;
use indexed_db_futures::cursor::CursorDirection;
use indexed_db_futures::database::Database;
use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError};
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionFinishKind, TransactionMode};
use serde_json::{Value, json};

pub use entry::{ConflictBody, Corrupt, Damage, Entry, Reading, check_row};
pub use feed::{Changed, Subscription};
pub use replica::{Leaving, Outgoing};
pub use schema::SCHEMA_VERSION;
use schema::{
    BY_KIND_NAME, BY_LINK, BY_SEQ, BY_SKILL, BY_TAG, BY_UNSENT, CONFLICTS, LEGACY_DOCS, META,
    RECORDS,
};

pub use crate::model::Edit;
use crate::model::{Doc, DocError, DocId, DocState, Kind, Merged, Record, Rev, skill};
use feed::Feed;

/// The database every screen of the app uses.
pub const DB_NAME: &str = "kith";

/// Why the store could not do what was asked, in words for the person using
/// the app: each says what happened and what they can do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error(
        "This browser is not letting Kith save anything on this device (private browsing can do this). Open Kith in a normal window to keep your work."
    )]
    Unavailable,
    #[error(
        "This device is out of space, so this was not saved. What you typed is still here: free some space on the device (photos, videos or apps you no longer need), then try again."
    )]
    Full,
    #[error(
        "Kith was updated in another tab. Reload this page to carry on: everything you saved is kept."
    )]
    Closed,
    #[error("{0}")]
    Record(#[from] DocError),
    #[error(
        "A record on this device is damaged ({0}), so Kith left it as it was. Settings lists damaged records: you can download or remove it there."
    )]
    Corrupt(#[from] Corrupt),
    #[error("Kith could not save: {0}. Nothing was changed.")]
    Failed(String),
}

impl From<IdbError> for StoreError {
    fn from(e: IdbError) -> StoreError {
        match &e {
            IdbError::DomException(DomException::Other(d)) if d.name() == "QuotaExceededError" => {
                StoreError::Full
            }
            IdbError::DomException(DomException::InvalidStateError(_)) => StoreError::Closed,
            _ => StoreError::Failed(e.to_string()),
        }
    }
}

impl From<OpenDbError> for StoreError {
    fn from(e: OpenDbError) -> StoreError {
        match e {
            OpenDbError::UnsupportedEnvironment | OpenDbError::NullFactory => {
                StoreError::Unavailable
            }
            OpenDbError::Base(IdbError::DomException(DomException::InvalidStateError(_))) => {
                StoreError::Unavailable
            }
            OpenDbError::Base(e) => e.into(),
            other => StoreError::Failed(other.to_string()),
        }
    }
}

/// What changed in a record, for sync: its sequence number and leaves.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub id: DocId,
    pub seq: u64,
    pub deleted: bool,
    pub leaves: Vec<Rev>,
}

/// What a merge of revisions from elsewhere did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Records that gained revisions.
    pub updated: u32,
    /// Records that had every revision already.
    pub known: u32,
}

/// One thing a person does to their records, as a single transaction:
/// the only way the app writes (pages build it, `Store::run` does it).
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Saves, deletes and resolves made by the core from what was typed.
    Apply(Vec<Edit>),
    /// The sample neighbourhood's records, and the flag that says it is here.
    LoadSample(Vec<Edit>),
    /// Deletes every sample record still here (and gifts added to sample
    /// people), keeps the names real entries mention of them
    /// (`sample::removal`), and lowers the flag. `now` stamps those entries.
    RemoveSample { now: jiff::Timestamp },
    /// Replaces a damaged row (by key) with a deletion.
    RemoveDamaged(String),
}

/// What a command did: each edit's new revision (none for a delete),
/// what was announced, and which records it left with more than one live
/// version (an edit of a version changed elsewhere since it was opened).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Done {
    pub revs: Vec<Option<Rev>>,
    pub changed: Changed,
    pub conflicted: Vec<DocId>,
    /// Records a removal deleted, as they were, for an Undo to put back.
    pub removed: Vec<(DocId, Record)>,
}

/// The flag that says the sample neighbourhood is on this device.
pub const SAMPLE: &str = "sample";

/// An open connection to one Kith database.
pub struct Store {
    db: Database,
    /// Set when another tab upgraded the database and this connection
    /// stepped aside so as not to block it.
    closed: Rc<Cell<bool>>,
    feed: Rc<Feed>,
    /// For the benchmark's baseline only: write without announcing.
    quiet: Cell<bool>,
}

impl Store {
    /// Opens (creating or upgrading as needed) the database called `name`.
    /// The app uses [`DB_NAME`]; tests use a fresh name each.
    pub async fn open(name: &str) -> Result<Store, StoreError> {
        Store::open_with(name, || {}).await
    }

    /// As [`Store::open`], calling `on_blocked` if an older Kith in another
    /// tab holds the database open: the upgrade then waits until that tab
    /// closes or reloads, and the app can say so meanwhile.
    pub async fn open_with(
        name: &str,
        on_blocked: impl FnOnce() + 'static,
    ) -> Result<Store, StoreError> {
        let db = match schema::open(name, SCHEMA_VERSION, on_blocked).await {
            Ok(db) => db,
            Err(e) => return Err(explain(e).await),
        };
        let store = Store::watching(name, db)?;
        store.move_legacy_docs().await?;
        store.repair_counters().await?;
        Ok(store)
    }

    /// Opens at an older schema version: for tests of the upgrade path only.
    #[doc(hidden)]
    pub async fn open_at_version(name: &str, version: u32) -> Result<Database, StoreError> {
        schema::open(name, version, || {}).await
    }

    fn watching(name: &str, db: Database) -> Result<Store, StoreError> {
        let closed = Rc::new(Cell::new(false));
        let mut changes = db.version_changes()?;
        let (watched, flag) = (db.clone(), Rc::clone(&closed));
        // A newer Kith in another tab wants to upgrade: step aside rather
        // than block it; later calls here say to reload.
        wasm_bindgen_futures::spawn_local(async move {
            if changes.recv().await.is_some() {
                flag.set(true);
                watched.close();
            }
        });
        Ok(Store {
            db,
            closed,
            feed: Feed::open(name),
            quiet: Cell::new(false),
        })
    }

    /// Calls `listener` after every write that commits, here or in another
    /// tab on the same database, until the subscription is dropped.
    pub fn subscribe(&self, listener: impl Fn(&Changed) + 'static) -> Subscription {
        self.feed.subscribe(listener)
    }

    /// Writes without announcing: only so the benchmark can time a save
    /// with and without the feed in the same run.
    #[doc(hidden)]
    pub fn set_quiet(&self, quiet: bool) {
        self.quiet.set(quiet);
    }

    fn announce(&self, changed: &Changed) {
        if !self.quiet.get() {
            self.feed.announce(changed);
        }
    }

    /// Does one command in one transaction, then announces what it wrote.
    pub async fn run(&self, command: Command) -> Result<Done, StoreError> {
        match command {
            Command::Apply(edits) => self.write_edits(edits, None).await,
            Command::LoadSample(edits) => self.write_edits(edits, Some((SAMPLE, true))).await,
            Command::RemoveSample { now } => self.remove_sample(now).await,
            Command::RemoveDamaged(key) => self.remove_damaged(&key).await,
        }
    }

    /// The next sequence number is the one after the highest any record
    /// holds. A counter that is unreadable, or behind the records (an
    /// interrupted restore, a hand edit), would block every save for good,
    /// so each open puts it right before anything is written.
    async fn repair_counters(&self) -> Result<(), StoreError> {
        // Looked at read-only first: a readwrite transaction would wait for
        // every read in flight in other tabs (a report's, say) to finish.
        let (stored, highest) = {
            let tx = self.read_transaction(&[RECORDS, META])?;
            let (records, meta) = (tx.object_store(RECORDS)?, tx.object_store(META)?);
            counters(&records, &meta).await?
        };
        if counter_holds(stored.as_ref(), highest) {
            return Ok(());
        }
        let tx = self.write_transaction()?;
        let (records, meta) = (tx.object_store(RECORDS)?, tx.object_store(META)?);
        // Read again: another tab may have written since.
        let (stored, highest) = counters(&records, &meta).await?;
        if counter_holds(stored.as_ref(), highest) {
            return Ok(());
        }
        meta.put(highest)
            .with_key("seq")
            .without_key_type()
            .serde()?
            .await?;
        commit(tx).await
    }

    fn check_open(&self) -> Result<(), StoreError> {
        if self.closed.get() {
            Err(StoreError::Closed)
        } else {
            Ok(())
        }
    }

    /// Saves a new record or an edit; returns its new revision.
    pub async fn save(
        &self,
        id: DocId,
        parent: Option<Rev>,
        record: Record,
    ) -> Result<Rev, StoreError> {
        let revs = self.apply(vec![Edit::Save { id, parent, record }]).await?;
        Ok(revs
            .into_iter()
            .next()
            .flatten()
            .expect("a save makes a revision"))
    }

    /// Deletes a record (and every version of it in conflict).
    pub async fn delete(&self, id: DocId, parent: Rev) -> Result<(), StoreError> {
        self.apply(vec![Edit::Delete { id, parent }])
            .await
            .map(drop)
    }

    /// One readwrite transaction over the stores every write touches.
    fn write_transaction(&self) -> Result<Transaction<'_>, StoreError> {
        self.check_open()?;
        Ok(self
            .db
            .transaction([RECORDS, CONFLICTS, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?)
    }

    /// Applies one person's action, all its edits in one transaction: if
    /// any edit is refused, nothing is written. Returns each edit's new
    /// revision (none for a delete).
    pub async fn apply(&self, edits: Vec<Edit>) -> Result<Vec<Option<Rev>>, StoreError> {
        Ok(self.run(Command::Apply(edits)).await?.revs)
    }

    async fn write_edits(
        &self,
        edits: Vec<Edit>,
        flag: Option<(&str, bool)>,
    ) -> Result<Done, StoreError> {
        let tx = self.write_transaction()?;
        self.edit_within(tx, edits, flag).await
    }

    /// Applies `edits` (and sets `flag`) in `tx`, commits, announces.
    async fn edit_within(
        &self,
        tx: Transaction<'_>,
        edits: Vec<Edit>,
        flag: Option<(&str, bool)>,
    ) -> Result<Done, StoreError> {
        let (records, conflicts, meta) = (
            tx.object_store(RECORDS)?,
            tx.object_store(CONFLICTS)?,
            tx.object_store(META)?,
        );
        let ids: Vec<DocId> = edits.iter().map(Edit::id).collect();
        let mut states = read_states(&records, &conflicts, &ids).await?;
        let mut revs = Vec::with_capacity(edits.len());
        for edit in edits {
            let slot = states.get_mut(&edit.id()).expect("every id was read");
            let state = slot.state.get_or_insert_with(|| DocState::new(edit.id()));
            let rev = match edit {
                Edit::Save { parent, record, .. } => Some(state.save(parent.as_ref(), &record)?),
                Edit::Delete { parent, .. } => {
                    state.delete(&parent)?;
                    None
                }
                Edit::Resolve { winner, record, .. } => Some(state.resolve(&winner, &record)?),
                Edit::Revive { record, .. } => Some(state.revive(&record)?),
            };
            slot.changed = true;
            revs.push(rev);
        }
        let (mut changed, conflicted) =
            write_states(&records, &conflicts, &meta, &ids, states, |_| true).await?;
        if let Some((name, value)) = flag {
            put_flag(&meta, name, value).await?;
            changed.flags.push(name.to_owned());
        }
        commit(tx).await?;
        self.announce(&changed);
        Ok(Done {
            revs,
            changed,
            conflicted,
            removed: Vec::new(),
        })
    }

    /// Merges revisions from elsewhere (the sync endpoint, a file), each
    /// with its history, in one transaction. `mark_unsent` flags what
    /// changed as not yet shared (for files; the server has it already).
    pub async fn merge(
        &self,
        docs: Vec<(Doc, Vec<Rev>)>,
        mark_unsent: bool,
    ) -> Result<MergeReport, StoreError> {
        let tx = self.write_transaction()?;
        let (records, conflicts, meta) = (
            tx.object_store(RECORDS)?,
            tx.object_store(CONFLICTS)?,
            tx.object_store(META)?,
        );
        let ids: Vec<DocId> = docs.iter().map(|(d, _)| d.id).collect();
        let mut states = read_states(&records, &conflicts, &ids).await?;
        let mut report = MergeReport::default();
        for (doc, history) in docs {
            let slot = states.get_mut(&doc.id).expect("every id was read");
            let state = slot.state.get_or_insert_with(|| DocState::new(doc.id));
            match state.merge(doc, &history)? {
                Merged::Updated => {
                    slot.changed = true;
                    report.updated += 1;
                }
                Merged::AlreadyKnown => report.known += 1,
            }
        }
        let (changed, _) = write_states(&records, &conflicts, &meta, &ids, states, |was_unsent| {
            mark_unsent || was_unsent
        })
        .await?;
        commit(tx).await?;
        self.announce(&changed);
        Ok(report)
    }

    /// Everything known about a record, conflicts included.
    pub async fn get(&self, id: DocId) -> Result<Option<DocState>, StoreError> {
        self.check_open()?;
        let tx = self.db.transaction([RECORDS, CONFLICTS]).build()?;
        let (records, conflicts) = (tx.object_store(RECORDS)?, tx.object_store(CONFLICTS)?);
        let mut states = read_states(&records, &conflicts, &[id]).await?;
        Ok(states.remove(&id).and_then(|s| s.state))
    }

    /// The record as shown, with the revision to base an edit on; `None`
    /// if there is none or it was deleted.
    pub async fn record(&self, id: DocId) -> Result<Option<(Rev, Record)>, StoreError> {
        let Some(entry) = self.entry(id).await? else {
            return Ok(None);
        };
        match entry.record() {
            None => Ok(None),
            Some(parsed) => {
                let (_, record) = parsed?;
                Ok(Some((entry.winner_rev()?, record)))
            }
        }
    }

    async fn entry(&self, id: DocId) -> Result<Option<Entry>, StoreError> {
        self.check_open()?;
        let tx = self.db.transaction(RECORDS).build()?;
        let records = tx.object_store(RECORDS)?;
        Ok(records.get(id.to_string()).serde()?.await?)
    }

    /// Live records of a kind, sorted by name, at most `limit`.
    pub async fn list(&self, kind: Kind, limit: u32) -> Result<Vec<(DocId, Record)>, StoreError> {
        self.query(BY_KIND_NAME, kind_range(kind), Some(limit))
            .await
    }

    /// How many live records of a kind there are.
    pub async fn count(&self, kind: Kind) -> Result<u32, StoreError> {
        self.check_open()?;
        let tx = self.db.transaction(RECORDS).build()?;
        let records = tx.object_store(RECORDS)?;
        let index = records.index(BY_KIND_NAME)?;
        Ok(index.count().with_query(kind_range(kind)).serde()?.await?)
    }

    /// Live records with a skill term (matched in its normal form).
    pub async fn by_skill(&self, term: &str) -> Result<Vec<(DocId, Record)>, StoreError> {
        self.query(
            BY_SKILL,
            KeyRange::Only(json!(skill::normalize(term))),
            None,
        )
        .await
    }

    /// Skill terms on live records, each with how many records use it: what
    /// the skill picker suggests first.
    pub async fn skill_terms(&self) -> Result<Vec<(String, u32)>, StoreError> {
        self.check_open()?;
        let tx = self.db.transaction(RECORDS).build()?;
        let records = tx.object_store(RECORDS)?;
        let index = records.index(BY_SKILL)?;
        let mut terms = Vec::new();
        // One step per distinct term, however many records share it.
        let cursor = index
            .open_key_cursor()
            .with_direction(CursorDirection::Nextunique)
            .serde()?
            .await?;
        if let Some(mut cursor) = cursor {
            while let Some(term) = cursor.next_key_ser::<String>().await? {
                terms.push(term);
            }
        }
        let counts = terms
            .iter()
            .map(|t| {
                index
                    .count()
                    .with_query::<Value, _>(KeyRange::Only(json!(t)))
                    .serde()
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(terms.len());
        for (term, count) in terms.into_iter().zip(counts) {
            out.push((term, count.await?));
        }
        Ok(out)
    }

    /// Live records that refer to `id`: a person's gifts, the connections,
    /// sessions and hours they are part of. Each comes with the revision
    /// to base an edit on; rows that cannot be read are left out.
    pub async fn linked(&self, id: DocId) -> Result<Vec<(DocId, Rev, Record)>, StoreError> {
        let range = KeyRange::Only(json!(id.to_string()));
        let (entries, _) = self.query_entries(BY_LINK, range, None).await?;
        Ok(query::live_with_revs(
            entries,
            &mut query::Unreadable::default(),
        ))
    }

    /// Live records with a tag.
    pub async fn by_tag(&self, tag: &str) -> Result<Vec<(DocId, Record)>, StoreError> {
        self.query(BY_TAG, KeyRange::Only(json!(skill::normalize(tag))), None)
            .await
    }

    /// Live records from an index; rows that cannot be read are left out
    /// (the pages' queries count them, in `query`).
    async fn query(
        &self,
        index: &str,
        range: KeyRange<Value>,
        limit: Option<u32>,
    ) -> Result<Vec<(DocId, Record)>, StoreError> {
        let (entries, _) = self.query_entries(index, range, limit).await?;
        Ok(query::live(entries, &mut query::Unreadable::default()))
    }

    async fn query_entries(
        &self,
        index: &str,
        range: KeyRange<Value>,
        limit: Option<u32>,
    ) -> Result<(Vec<Entry>, u32), StoreError> {
        let tx = self.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        query::entries(&records, index, range, limit).await
    }

    /// A read-only transaction over these object stores.
    fn read_transaction(&self, stores: &[&str]) -> Result<Transaction<'_>, StoreError> {
        self.check_open()?;
        Ok(self.db.transaction(stores.to_vec()).build()?)
    }

    /// Records changed since sequence number `since`, oldest change first:
    /// what sync sends next.
    pub async fn changes_since(&self, since: u64, limit: u32) -> Result<Vec<Change>, StoreError> {
        self.check_open()?;
        let tx = self.db.transaction(RECORDS).build()?;
        let records = tx.object_store(RECORDS)?;
        let index = records.index(BY_SEQ)?;
        let entries: Vec<Entry> = index
            .get_all()
            .with_query::<u64, _>(KeyRange::LowerBound(since, true))
            .with_limit(limit)
            .serde()?
            .await?
            .filter_map(Result::ok)
            .collect();
        // A damaged row cannot travel; Settings lists it.
        Ok(entries
            .into_iter()
            .filter_map(|e| {
                let state = e.to_state(&[]).ok()?;
                Some(Change {
                    id: state.id,
                    seq: e.seq,
                    deleted: e.deleted,
                    leaves: state.tree.leaves().into_iter().cloned().collect(),
                })
            })
            .collect())
    }

    /// The newest change's sequence number (0 when nothing was written).
    pub async fn last_seq(&self) -> Result<u64, StoreError> {
        self.check_open()?;
        let tx = self.db.transaction(META).build()?;
        let meta = tx.object_store(META)?;
        Ok(meta.get("seq").serde()?.await?.unwrap_or(0))
    }

    /// Deletes every live sample record and lowers the flag, in one
    /// transaction: the sample goes whole, or not at all.
    async fn remove_sample(&self, now: jiff::Timestamp) -> Result<Done, StoreError> {
        let tx = self.write_transaction()?;
        let (sample, linked) = query::sample_and_linked(&tx.object_store(RECORDS)?).await?;
        let removal = crate::model::sample::removal(sample, linked, now);
        let mut done = self
            .edit_within(tx, removal.edits, Some((SAMPLE, false)))
            .await?;
        done.removed = removal.removed;
        Ok(done)
    }

    /// Replaces a damaged row with a deletion that keeps its key and kind,
    /// and drops any bodies kept beside it.
    async fn remove_damaged(&self, key: &str) -> Result<Done, StoreError> {
        let tx = self.write_transaction()?;
        let (records, conflicts, meta) = (
            tx.object_store(RECORDS)?,
            tx.object_store(CONFLICTS)?,
            tx.object_store(META)?,
        );
        let Some(row) = records.get(key).serde()?.await? else {
            return Ok(Done::default());
        };
        let seq = next_seq(&meta).await?;
        let tombstone = entry::tombstone(key, &row, seq);
        let kept = KeyRange::Bound(json!([key]), false, json!([key, []]), false);
        let requests = [
            conflicts.delete(kept).serde()?,
            records.put(tombstone).serde()?,
            meta.put(seq).with_key("seq").without_key_type().serde()?,
        ];
        for request in requests {
            request.await?;
        }
        commit(tx).await?;
        let changed = Changed {
            ids: key.parse().into_iter().collect(),
            rows: vec![key.to_owned()],
            ..Changed::default()
        };
        self.announce(&changed);
        Ok(Done {
            revs: vec![None],
            changed,
            conflicted: Vec::new(),
            removed: Vec::new(),
        })
    }

    /// A yes/no setting kept with the records (for example, whether the
    /// sample neighbourhood is loaded).
    pub async fn flag(&self, name: &str) -> Result<bool, StoreError> {
        self.check_open()?;
        let tx = self.db.transaction(META).build()?;
        let meta = tx.object_store(META)?;
        Ok(meta
            .get(format!("flag:{name}"))
            .serde()?
            .await?
            .unwrap_or(false))
    }

    pub async fn set_flag(&self, name: &str, value: bool) -> Result<(), StoreError> {
        let tx = self.write_transaction()?;
        let meta = tx.object_store(META)?;
        put_flag(&meta, name, value).await?;
        commit(tx).await?;
        self.announce(&Changed {
            flags: vec![name.to_owned()],
            ..Changed::default()
        });
        Ok(())
    }

    /// How many records changed here since they were last synced or
    /// exported.
    pub async fn count_unsent(&self) -> Result<u32, StoreError> {
        self.check_open()?;
        let tx = self.db.transaction(RECORDS).build()?;
        let records = tx.object_store(RECORDS)?;
        let index = records.index(BY_UNSENT)?;
        Ok(index
            .count()
            .with_query::<u8, _>(unsent_key())
            .serde()?
            .await?)
    }

    /// Marks records as shared (synced or exported) up to sequence number
    /// `up_to`; a record changed again since stays unsent. Returns how many
    /// were marked.
    pub async fn mark_shared(&self, up_to: u64) -> Result<u32, StoreError> {
        self.check_open()?;
        let tx = self
            .db
            .transaction(RECORDS)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let records = tx.object_store(RECORDS)?;
        let index = records.index(BY_UNSENT)?;
        let unsent: Vec<Entry> = index
            .get_all()
            .with_query::<u8, _>(unsent_key())
            .serde()?
            .await?
            .filter_map(Result::ok)
            .collect();
        let mut marked = 0;
        for mut entry in unsent.into_iter().filter(|e| e.seq <= up_to) {
            entry.unsent = 0;
            records.put(entry).serde()?;
            marked += 1;
        }
        commit(tx).await?;
        if marked > 0 {
            self.announce(&Changed {
                shared: true,
                ..Changed::default()
            });
        }
        Ok(marked)
    }

    /// Version 1 kept bodies alone under their ids. Each becomes a record
    /// with its first revision, in one transaction, so a failure leaves
    /// them all where they were for the next open to try again.
    async fn move_legacy_docs(&self) -> Result<(), StoreError> {
        if !self.db.object_store_names().any(|n| n == LEGACY_DOCS) {
            return Ok(());
        }
        let tx = self
            .db
            .transaction([LEGACY_DOCS, RECORDS, CONFLICTS, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let legacy = tx.object_store(LEGACY_DOCS)?;
        let keys: Vec<String> = legacy
            .get_all_keys()
            .serde()?
            .await?
            .collect::<Result<_, _>>()?;
        if keys.is_empty() {
            return Ok(());
        }
        let bodies: Vec<Value> = legacy.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        let (records, conflicts, meta) = (
            tx.object_store(RECORDS)?,
            tx.object_store(CONFLICTS)?,
            tx.object_store(META)?,
        );
        let mut ids = Vec::new();
        let mut states = HashMap::new();
        for (key, body) in keys.iter().zip(bodies) {
            // A key that is not a record id cannot be listed or synced; it
            // stays in `docs` rather than being thrown away.
            let Ok(id) = key.parse::<DocId>() else {
                continue;
            };
            legacy.delete(key.as_str()).serde()?;
            ids.push(id);
            states.insert(
                id,
                Slot {
                    state: Some(DocState::adopt(id, body)),
                    changed: true,
                    was_unsent: false,
                    had_others: false,
                    links_before: Vec::new(),
                    stubs: Vec::new(),
                },
            );
        }
        write_states(&records, &conflicts, &meta, &ids, states, |_| true).await?;
        commit(tx).await?;
        Ok(())
    }

    /// Closes the connection, so another one (a newer tab, a test) can
    /// upgrade or delete the database without waiting.
    pub fn close(self) {
        // A clone is the same connection; dropping `self` closes the feed.
        self.db.clone().close();
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        self.feed.close();
    }
}

/// A record as read in a transaction, and whether this action changed it.
struct Slot {
    state: Option<DocState>,
    changed: bool,
    was_unsent: bool,
    had_others: bool,
    /// What it referred to before this action (announced with it).
    links_before: Vec<DocId>,
    /// Stand-ins it has on the server (`Entry::stubs`), kept across writes.
    stubs: Vec<String>,
}

/// Reads the records named (each once), all requests in flight together.
async fn read_states(
    records: &ObjectStore<'_>,
    conflicts: &ObjectStore<'_>,
    ids: &[DocId],
) -> Result<HashMap<DocId, Slot>, StoreError> {
    let mut unique: Vec<DocId> = Vec::with_capacity(ids.len());
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    for id in ids {
        if seen.insert(*id) {
            unique.push(*id);
        }
    }
    let requests = unique
        .iter()
        .map(|id| records.get(id.to_string()).serde())
        .collect::<Result<Vec<_>, _>>()?;
    let mut states = HashMap::with_capacity(unique.len());
    for (id, request) in unique.into_iter().zip(requests) {
        let entry: Option<Entry> = request.await?;
        let slot = match entry {
            None => Slot {
                state: None,
                changed: false,
                was_unsent: false,
                had_others: false,
                links_before: Vec::new(),
                stubs: Vec::new(),
            },
            Some(entry) => {
                let bodies = conflict_bodies(conflicts, &entry).await?;
                Slot {
                    state: Some(entry.to_state(&bodies)?),
                    changed: false,
                    // Kept here by consent (2) is still not on the server.
                    was_unsent: entry.unsent != entry::SENT,
                    had_others: entry.others,
                    links_before: entry.link_ids().collect(),
                    stubs: entry.stubs,
                }
            }
        };
        states.insert(id, slot);
    }
    Ok(states)
}

/// Writes back the records that changed, in the order first named, each
/// with the next sequence number. `unsent` decides the flag from whether
/// the record was unsent before. Returns what to announce once committed.
async fn write_states(
    records: &ObjectStore<'_>,
    conflicts: &ObjectStore<'_>,
    meta: &ObjectStore<'_>,
    order: &[DocId],
    mut states: HashMap<DocId, Slot>,
    unsent: impl Fn(bool) -> bool,
) -> Result<(Changed, Vec<DocId>), StoreError> {
    let mut seq = next_seq(meta).await? - 1;
    let mut requests = Vec::new();
    let mut changed = Changed::default();
    let mut conflicted = Vec::new();
    let mut links = std::collections::BTreeSet::new();
    for id in order {
        let Some(slot) = states.remove(id) else {
            continue;
        };
        let Some(state) = slot.state.filter(|_| slot.changed) else {
            continue;
        };
        seq += 1;
        let (mut entry, bodies) = Entry::from_state(&state, seq, unsent(slot.was_unsent))?;
        entry.stubs = slot.stubs;
        links.extend(slot.links_before);
        links.extend(entry.link_ids());
        changed.ids.push(*id);
        if entry.conflicted {
            conflicted.push(*id);
        }
        if slot.had_others {
            requests.push(conflicts.delete(conflict_range(*id)).serde()?);
        }
        for body in bodies {
            requests.push(conflicts.put(body).serde()?);
        }
        requests.push(records.put(entry).serde()?);
    }
    requests.push(meta.put(seq).with_key("seq").without_key_type().serde()?);
    // Every request is already on its way; awaiting them in turn surfaces
    // the first failure by its own name (a full disk, say).
    for request in requests {
        request.await?;
    }
    changed.links = links.into_iter().collect();
    Ok((changed, conflicted))
}

/// The sequence number the next change gets (the counter is repaired on
/// open, so a damaged one here is a real fault).
async fn next_seq(meta: &ObjectStore<'_>) -> Result<u64, StoreError> {
    let last: u64 = meta.get("seq").serde()?.await?.unwrap_or(0);
    Ok(last + 1)
}

async fn put_flag(meta: &ObjectStore<'_>, name: &str, value: bool) -> Result<(), StoreError> {
    meta.put(value)
        .with_key(format!("flag:{name}"))
        .without_key_type()
        .serde()?
        .await?;
    Ok(())
}

/// Commits. Chromium reports a full disk only by aborting the transaction
/// at its end, with no reason the crate passes on.
async fn commit(tx: Transaction<'_>) -> Result<(), StoreError> {
    // Waiting for the transaction to finish on its own (it commits as soon
    // as its last request is done) keeps it at hand, so the abort's own
    // reason can be read: a full disk says so there, whatever
    // navigator.storage.estimate() claims.
    let finished = tx.on_done()?.await;
    if finished == TransactionFinishKind::Ok {
        return Ok(());
    }
    match tx.error() {
        Some(IdbError::DomException(DomException::Other(d)))
            if d.name() == "QuotaExceededError" =>
        {
            Err(StoreError::Full)
        }
        Some(e) => Err(e.into()),
        None => Err(explain(StoreError::Failed(
            "the browser stopped the save before it finished".into(),
        ))
        .await),
    }
}

/// A failure the browser gave no reason for is put down to a full disk
/// when the browser says the space is (nearly) used up.
async fn explain(err: StoreError) -> StoreError {
    match err {
        StoreError::Failed(_) if device::estimate().await.is_some_and(|u| u.is_low()) => {
            StoreError::Full
        }
        other => other,
    }
}

/// The `by_kind_name` keys of one kind: `[kind, name]` for any name.
fn kind_range(kind: Kind) -> KeyRange<Value> {
    KeyRange::Bound(
        json!([kind.prefix()]),
        false,
        json!([kind.prefix(), []]),
        false,
    )
}

/// The bodies of a record's other leaves (conflicts, deleted branches),
/// kept beside its row. One that cannot be read is damage, named.
async fn conflict_bodies(
    conflicts: &ObjectStore<'_>,
    entry: &Entry,
) -> Result<Vec<ConflictBody>, StoreError> {
    if !entry.others {
        return Ok(Vec::new());
    }
    let id: DocId = entry
        .id
        .parse()
        .map_err(|e: crate::model::IdError| Corrupt {
            key: entry.id.clone(),
            damage: Damage::Id(e.to_string()),
        })?;
    let rows = conflicts
        .get_all()
        .with_query(conflict_range(id))
        .serde()?
        .await?;
    rows.map(|row| {
        row.map_err(|e| {
            StoreError::Corrupt(Corrupt {
                key: entry.id.clone(),
                damage: Damage::Row(e.to_string()),
            })
        })
    })
    .collect()
}

/// The sequence counter as stored (whatever it holds), and the highest
/// sequence number any record has.
async fn counters(
    records: &ObjectStore<'_>,
    meta: &ObjectStore<'_>,
) -> Result<(Option<Value>, u64), StoreError> {
    let stored: Option<Value> = meta.get("seq").serde()?.await?;
    // Numbers only: a damaged row's seq of another type sorts after them.
    let by_seq = records.index(BY_SEQ)?;
    let highest = by_seq
        .open_key_cursor()
        .with_query::<u64, _>(KeyRange::UpperBound(MAX_SAFE, false))
        .with_direction(CursorDirection::Prev)
        .serde()?
        .await?;
    let highest = match highest {
        Some(mut cursor) => cursor.next_key_ser::<u64>().await?.unwrap_or(0),
        None => 0,
    };
    Ok((stored, highest))
}

/// Whether the counter is a number at or past every record's (none at
/// all is right for an empty store).
fn counter_holds(stored: Option<&Value>, highest: u64) -> bool {
    match stored {
        None => highest == 0,
        Some(v) => v.as_u64().is_some_and(|s| s >= highest && s < MAX_SAFE),
    }
}

/// The largest whole number JavaScript holds exactly.
const MAX_SAFE: u64 = (1 << 53) - 1;

fn unsent_key() -> KeyRange<u8> {
    KeyRange::Only(entry::WAITING)
}

/// The `conflicts` keys of one record: `[id]` sorts before every
/// `[id, rev]`, and `[id, []]` after (arrays sort after strings).
fn conflict_range(id: DocId) -> KeyRange<Value> {
    let id = id.to_string();
    KeyRange::Bound(json!([id]), false, json!([id, []]), false)
}
