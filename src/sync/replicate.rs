//! The replicator (browser edge): one sync with the team's database, both
//! ways, exactly as CouchDB's replication protocol says, and faster than
//! PouchDB by overlapping the network with the disk.
//!
//! Pull: `_changes` (style=all_docs) -> which revisions this device lacks
//! (one read transaction) -> `_bulk_get` (revs=true) -> `Store::merge`
//! (the batch's lookups and writes in one transaction). The next batch is
//! fetched while this one is written. Push: records changed here and not
//! yet sent, each asked of the consent rule (`share`) -> `_revs_diff` ->
//! `_bulk_docs` (new_edits false) -> marked sent. Each direction keeps a
//! checkpoint on both sides (`checkpoint`), written only after the batch
//! it names is wholly written, so a restart resumes and never skips.

use std::time::Duration;

use serde_json::{Value, json};

use super::checkpoint::{self, Checkpoint, Direction};
use super::connect;
use super::error::SyncError;
use super::http::{self, Auth, Call};
use super::retry;
use super::setup::SyncSettings;
use super::share;
pub use super::status::Progress;
use super::wire::{self, ChangesPage, Fetched, Refusal, Seq, Wanted};
use crate::model::consent::Allowed;
use crate::model::rev::REVS_LIMIT;
use std::collections::{BTreeSet, HashMap};

use crate::model::{Doc, DocId, Kind, Rev};
use crate::store::{Leaving, Outgoing, Store, StoreError};

/// Records per batch each way. CouchDB's own replicator uses 500; see
/// BENCHMARKS.md for the measurement behind this.
pub const BATCH: usize = 500;

/// How often a long sync writes its checkpoint (and always at the end).
const CHECKPOINT_EVERY: Duration = Duration::from_secs(2);

/// Tries of one request before the sync gives up until the next one.
const TRIES: u32 = 3;

/// The team's database, as the Sync page set it up.
#[derive(Debug, Clone)]
pub struct Remote {
    /// `https://host/db`, no trailing slash.
    pub db_url: String,
    pub auth: Auth,
    settings: SyncSettings,
    password: String,
}

impl Remote {
    pub fn new(settings: SyncSettings, password: String) -> Remote {
        Remote {
            db_url: settings.db_url.trim_end_matches('/').to_owned(),
            auth: connect::auth(&settings, &password),
            settings,
            password,
        }
    }
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// Records that gained versions from the server.
    pub received: u32,
    /// Records the server took from this device.
    pub sent: u32,
    /// Records the consent rule kept here, each with why.
    pub withheld: Vec<(DocId, Allowed)>,
    /// Records the server would not take or give (a validation rule).
    pub refused: Vec<Refusal>,
    /// `_changes` requests made (a test counts them to see a resume).
    pub change_requests: u32,
}

impl From<StoreError> for SyncError {
    fn from(e: StoreError) -> SyncError {
        SyncError::Store(e.to_string())
    }
}

impl Remote {
    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.db_url)
    }

    /// One request, tried again after a network failure or a server error
    /// (not after a refusal); an answer that is not a success is its error.
    async fn ask(
        &self,
        method: &'static str,
        url: String,
        body: Option<&Value>,
    ) -> Result<Value, SyncError> {
        let mut failures = 0;
        loop {
            let mut call = Call::new(method, url.clone(), &self.auth);
            if let Some(body) = body {
                call = call.json(body);
            }
            let outcome = match call.send().await {
                Ok(reply) if reply.ok() => reply.json(),
                Ok(reply) => Err(status_error(reply.status)),
                Err(e) => Err(e),
            };
            match outcome {
                Err(e) if e.is_transient() && failures + 1 < TRIES => {
                    failures += 1;
                    http::sleep(retry::delay(failures, js_sys::Math::random()) / 5).await;
                }
                other => return other,
            }
        }
    }

    async fn get(&self, path: &str) -> Result<Value, SyncError> {
        self.ask("GET", self.url(path), None).await
    }

    async fn post(&self, path: &str, body: &Value) -> Result<Value, SyncError> {
        self.ask("POST", self.url(path), Some(body)).await
    }

    async fn checkpoint(&self, id: &str) -> Result<Option<Checkpoint>, SyncError> {
        match self.get(&format!("_local/{id}")).await {
            Ok(doc) => Ok(Checkpoint::read(doc)),
            Err(SyncError::NoDatabase) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes the checkpoint; a 409 (another tab wrote it meanwhile) is
    /// answered by reading its revision and writing again.
    async fn put_checkpoint(&self, id: &str, cp: &mut Checkpoint) -> Result<(), SyncError> {
        for _ in 0..2 {
            let body =
                serde_json::to_value(&*cp).map_err(|e| SyncError::BadAnswer(e.to_string()))?;
            match self
                .ask("PUT", self.url(&format!("_local/{id}")), Some(&body))
                .await
            {
                Ok(answer) => {
                    cp.rev = answer.get("rev").and_then(Value::as_str).map(str::to_owned);
                    return Ok(());
                }
                Err(SyncError::Server { status: 409 }) => {
                    cp.rev = self.checkpoint(id).await?.and_then(|c| c.rev);
                }
                // A server that will not keep our checkpoint (read-only
                // for us) costs only speed: the device keeps its own.
                Err(SyncError::Forbidden | SyncError::WrongPassword) => return Ok(()),
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

fn status_error(status: u16) -> SyncError {
    SyncError::from_status(status)
}

/// Both sides' checkpoint for one direction, and where they agree.
struct Mark {
    id: String,
    session: String,
    here: Option<Checkpoint>,
    there: Option<Checkpoint>,
    written: f64,
}

impl Mark {
    async fn open(store: &Store, remote: &Remote, id: String) -> Result<(Mark, Seq), SyncError> {
        let here = store
            .local_note(&format!("checkpoint:{id}"))
            .await?
            .and_then(Checkpoint::read);
        let there = remote.checkpoint(&id).await?;
        let since = checkpoint::resume_from(here.as_ref(), there.as_ref());
        let session = uuid::Uuid::new_v4().simple().to_string();
        Ok((
            Mark {
                id,
                session,
                here,
                there,
                written: js_sys::Date::now(),
            },
            since,
        ))
    }

    /// Records that everything up to `seq` is written, on both sides; when
    /// `always` is false, only if the last record is a while ago.
    async fn record(
        &mut self,
        store: &Store,
        remote: &Remote,
        seq: &Seq,
        always: bool,
    ) -> Result<(), SyncError> {
        let now = js_sys::Date::now();
        if !always && now - self.written < CHECKPOINT_EVERY.as_millis() as f64 {
            return Ok(());
        }
        let mut there = Checkpoint::record(self.there.as_ref(), &self.session, seq.clone());
        remote.put_checkpoint(&self.id, &mut there).await?;
        let mut here = Checkpoint::record(self.here.as_ref(), &self.session, seq.clone());
        here.rev = None;
        let note = serde_json::to_value(&here).map_err(|e| SyncError::BadAnswer(e.to_string()))?;
        store
            .put_local_note(&format!("checkpoint:{}", self.id), &note)
            .await?;
        self.here = Some(here);
        self.there = Some(there);
        self.written = now;
        Ok(())
    }
}

/// One sync, both ways: pull, then push. `progress` hears each step.
pub async fn sync(
    store: &Store,
    remote: &Remote,
    progress: &dyn Fn(Progress),
) -> Result<Outcome, SyncError> {
    // Signs in (a cookie session), and says plainly why not: a wrong
    // password, no database, a CORS refusal.
    let connected = connect::test_connection(&remote.settings, &remote.password).await?;
    // A server that gives no id (Cloudant may not) is named by its address.
    let uuid = connected
        .server
        .uuid
        .unwrap_or_else(|| remote.db_url.clone());
    let device = store.device_id().await?;
    let mut seen = Progress {
        on_server: connected.records.map(|n| n as u32),
        to_send: store.count_unsent().await?,
        ..Progress::default()
    };
    progress(seen);
    let mut outcome = Outcome::default();
    pull(
        store,
        remote,
        &checkpoint::replication_id(&device, &uuid, &remote.db_url, Direction::Pull),
        &mut outcome,
        &mut seen,
        progress,
    )
    .await?;
    push(
        store,
        remote,
        &checkpoint::replication_id(&device, &uuid, &remote.db_url, Direction::Push),
        &mut outcome,
        &mut seen,
        progress,
    )
    .await?;
    Ok(outcome)
}

/// One batch from the server, fetched and ready to write.
struct Incoming {
    page: ChangesPage,
    fetched: Fetched,
}

/// One page of the server's changes, and how many rows it listed (ours
/// or not: fewer than asked is the end).
async fn changes(remote: &Remote, since: &Seq) -> Result<(ChangesPage, usize), SyncError> {
    let answer = remote.get(&wire::changes_query(since, BATCH)).await?;
    let page = ChangesPage::parse(&answer)?;
    let listed = answer
        .get("results")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    Ok((page, listed))
}

/// A page's revisions this device lacks, fetched.
async fn complete(
    store: &Store,
    remote: &Remote,
    (page, _): (ChangesPage, usize),
) -> Result<Incoming, SyncError> {
    let offered: Vec<(DocId, Vec<Rev>)> =
        page.rows.iter().map(|r| (r.id, r.revs.clone())).collect();
    let wanted: Wanted = store.missing(offered).await?.into_iter().collect();
    let fetched = if wanted.is_empty() {
        Fetched::default()
    } else {
        wire::parse_bulk_get(
            &remote
                .post(
                    "_bulk_get?revs=true&latest=true",
                    &wire::bulk_get_body(&wanted),
                )
                .await?,
        )?
    };
    Ok(Incoming { page, fetched })
}

/// The page after `page` is asked for only if `page` was full.
fn after(page: &(ChangesPage, usize)) -> Option<Seq> {
    (page.1 >= BATCH).then(|| page.0.last_seq.clone())
}

async fn changes_after(
    remote: &Remote,
    since: Option<Seq>,
) -> Option<Result<(ChangesPage, usize), SyncError>> {
    Some(changes(remote, &since?).await)
}

async fn pull(
    store: &Store,
    remote: &Remote,
    id: &str,
    outcome: &mut Outcome,
    seen: &mut Progress,
    progress: &dyn Fn(Progress),
) -> Result<(), SyncError> {
    let (mut mark, since) = Mark::open(store, remote, id.to_owned()).await?;
    let first = changes(remote, &since).await?;
    outcome.change_requests += 1;
    // The page after the one being completed is asked for meanwhile.
    let further = after(&first);
    let (batch, ahead) = futures::join!(
        complete(store, remote, first),
        changes_after(remote, further)
    );
    let mut batch = batch?;
    let mut ahead = ahead.transpose()?;
    outcome.change_requests += u32::from(ahead.is_some());
    loop {
        let docs = std::mem::take(&mut batch.fetched.docs);
        outcome.refused.append(&mut batch.fetched.refused);
        let count = docs.len() as u32;
        let write = async {
            if docs.is_empty() {
                Ok(Default::default())
            } else {
                store.merge(docs, false).await
            }
        };
        // This batch is written while the next one is looked up and
        // fetched and the page after it is asked for. The lookup goes
        // first, so its read does not queue behind this write.
        let (written, next, further) = match ahead.take() {
            Some(page) => {
                let further = after(&page);
                let (next, written, further) = futures::join!(
                    complete(store, remote, page),
                    write,
                    changes_after(remote, further)
                );
                (written, Some(next), further)
            }
            None => (write.await, None, None),
        };
        let report = written?;
        outcome.received += report.updated;
        seen.received += count;
        progress(*seen);
        mark.record(store, remote, &batch.page.last_seq, next.is_none())
            .await?;
        outcome.change_requests += u32::from(further.is_some());
        ahead = further.transpose()?;
        match next {
            Some(next) => batch = next?,
            None => return Ok(()),
        }
    }
}

async fn push(
    store: &Store,
    remote: &Remote,
    id: &str,
    outcome: &mut Outcome,
    seen: &mut Progress,
    progress: &dyn Fn(Progress),
) -> Result<(), SyncError> {
    let (mut mark, since) = Mark::open(store, remote, id.to_owned()).await?;
    let start = since.0.as_u64().unwrap_or(0);
    let mut since = start;
    let mut limit = BATCH;
    let mut out = store.outgoing(since, limit as u32).await?;
    // The batch the server took last, marked sent while the next travels.
    let mut taken: Option<Taken> = None;
    loop {
        let read_to = out.read_to;
        let (sent, marked, next) = futures::join!(
            async {
                if read_to == 0 {
                    None
                } else {
                    Some(send_batch(store, remote, std::mem::take(&mut out), outcome).await)
                }
            },
            mark_taken(store, taken.take()),
            async {
                if read_to == 0 {
                    Ok(Outgoing::default())
                } else {
                    store.outgoing(read_to, limit as u32).await
                }
            },
        );
        // Only what is marked sent here is checkpointed: a checkpoint past
        // a record still counted "to send" would leave it so for ever.
        if let Some((upto, count)) = marked? {
            seen.sent += count;
            progress(*seen);
            since = upto;
            mark.record(store, remote, &Seq(json!(since)), false)
                .await?;
        }
        match sent {
            None => break,
            Some(Ok(batch)) => {
                taken = Some(batch);
                out = next?;
            }
            // Too large for the server: the same records in smaller batches.
            Some(Err(SyncError::Server { status: 413 })) if limit > 1 => {
                limit = retry::halve(limit);
                out = store.outgoing(since, limit as u32).await?;
            }
            Some(Err(e)) => return Err(e),
        }
    }
    if since != start {
        mark.record(store, remote, &Seq(json!(since)), true).await?;
    }
    Ok(())
}

/// A batch the server took (or the consent rule kept here): to mark.
struct Taken {
    read_to: u64,
    sent: Vec<(DocId, u64)>,
    kept: Vec<(DocId, u64, Option<Rev>)>,
}

/// Marks a batch; returns the change number it reaches and how many
/// records were marked sent.
async fn mark_taken(store: &Store, taken: Option<Taken>) -> Result<Option<(u64, u32)>, SyncError> {
    let Some(taken) = taken else {
        return Ok(None);
    };
    let marked = store.mark_sent(&taken.sent, &taken.kept).await?;
    Ok(Some((taken.read_to, marked)))
}

/// Sends one batch of what waits to leave: what the consent rule allows,
/// and of that what the server lacks; for a record it keeps here that the
/// server already has, the stand-in that takes the shared copy back.
/// Returns what to mark.
async fn send_batch(
    store: &Store,
    remote: &Remote,
    out: Outgoing,
    outcome: &mut Outcome,
) -> Result<Taken, SyncError> {
    let Outgoing {
        records,
        mut parties,
        read_to,
    } = out;
    let (mut leaving, mut kept) = decide(records, &parties);
    // A party kept here now, or shared again after a withdrawal: what
    // names it (their gifts, log entries) is decided again with it.
    let changed: Vec<DocId> = kept
        .iter()
        .map(|(l, _)| l)
        .chain(leaving.iter().filter(|l| !l.stubs.is_empty()))
        .map(|l| l.state.id)
        .filter(|id| matches!(id.kind(), Kind::Person | Kind::Group | Kind::Place))
        .collect();
    if !changed.is_empty() {
        let naming = store.naming(&changed).await?;
        parties.extend(naming.parties);
        let in_batch: BTreeSet<DocId> = leaving
            .iter()
            .chain(kept.iter().map(|(l, _)| l))
            .map(|l| l.state.id)
            .collect();
        let more = naming
            .records
            .into_iter()
            .filter(|l| !in_batch.contains(&l.state.id))
            .collect();
        let (more_leaving, more_kept) = decide(more, &parties);
        leaving.extend(more_leaving);
        kept.extend(more_kept);
    }
    outcome
        .withheld
        .extend(kept.iter().map(|(l, why)| (l.state.id, *why)));
    let mut docs = Vec::new();
    let stand_ins = stand_ins(remote, &kept).await?;
    docs.extend(stand_ins.iter().map(|(_, doc)| doc.clone()));
    if !leaving.is_empty() {
        docs.extend(missing_on_server(remote, &leaving).await?);
    }
    let refused = if docs.is_empty() {
        Vec::new()
    } else {
        wire::parse_bulk_docs(
            &remote
                .post("_bulk_docs", &wire::bulk_docs_body(&docs))
                .await?,
        )?
    };
    let accepted = |id: DocId| !refused.iter().any(|r| r.id == id.to_string());
    let sent: Vec<(DocId, u64)> = leaving
        .iter()
        .filter(|l| accepted(l.state.id))
        .map(|l| (l.state.id, l.seq))
        .collect();
    let kept: Vec<(DocId, u64, Option<Rev>)> = kept
        .iter()
        .map(|(l, _)| {
            let id = l.state.id;
            let stub = stand_ins
                .iter()
                .find(|(of, _)| *of == id && accepted(id))
                .map(|(_, (doc, _))| doc.rev.clone());
            (id, l.seq, stub)
        })
        .collect();
    outcome.refused.extend(refused);
    outcome.sent += sent.len() as u32;
    Ok(Taken {
        read_to,
        sent,
        kept,
    })
}

/// Which records may leave, and which stay here and why (`share`).
fn decide(
    records: Vec<Leaving>,
    parties: &HashMap<DocId, crate::model::Record>,
) -> (Vec<Leaving>, Vec<(Leaving, Allowed)>) {
    let mut leaving = Vec::with_capacity(records.len());
    let mut kept = Vec::new();
    for record in records {
        let decided = if record.state.is_deleted() {
            share::may_leave(None, |_| None)
        } else {
            let winner = record.state.record().and_then(Result::ok);
            share::may_leave(winner.as_ref(), |id| {
                parties.get(&id).map(share::party_answer)
            })
        };
        match decided {
            Ok(()) => leaving.push(record),
            Err(why) => kept.push((record, why)),
        }
    }
    (leaving, kept)
}

/// The versions of these records the server lacks, each with its history;
/// and, for one shared again after a withdrawal, the stand-ins closed.
async fn missing_on_server(
    remote: &Remote,
    leaving: &[Leaving],
) -> Result<Vec<(Doc, Vec<Rev>)>, SyncError> {
    let offered: Wanted = leaving
        .iter()
        .map(|l| {
            (
                l.state.id,
                l.state.tree.leaves().into_iter().cloned().collect(),
            )
        })
        .collect();
    let missing = wire::parse_revs_diff(
        &remote
            .post("_revs_diff", &wire::revs_diff_body(&offered))
            .await?,
    )?;
    let mut docs = Vec::new();
    for l in leaving {
        for rev in missing.get(&l.state.id).into_iter().flatten() {
            let Some(body) = l.state.leaves.get(rev) else {
                continue;
            };
            let doc = Doc {
                id: l.state.id,
                deleted: l.state.tree.is_deleted_rev(rev),
                rev: rev.clone(),
                body: body.clone(),
            };
            docs.push((doc, l.state.tree.history(rev, REVS_LIMIT)));
        }
        docs.extend(take_back_stand_ins(l, &missing));
    }
    Ok(docs)
}

/// A record shared again after a withdrawal: its stand-ins on the server
/// end. When its latest version goes too, they are closed (deleted) and
/// that version wins; when the server already has it (beneath a stand-in,
/// unchanged here since), it is put back on top of the stand-in.
fn take_back_stand_ins(l: &Leaving, missing: &Wanted) -> Vec<(Doc, Vec<Rev>)> {
    let winner = l.state.winner();
    let goes = winner
        .as_ref()
        .is_some_and(|w| missing.get(&l.state.id).is_some_and(|m| m.contains(&w.rev)));
    l.stubs
        .iter()
        .enumerate()
        .map(|(i, stub)| match &winner {
            Some(w) if !goes && i == 0 && !w.deleted => {
                share::restore_over(l.state.id, stub, &w.body)
            }
            _ => share::close_stand_in(l.state.id, stub),
        })
        .collect()
}

/// For records kept here that the server holds a live copy of (shared
/// before the withdrawal), the stand-in to put on top of that copy.
async fn stand_ins(
    remote: &Remote,
    kept: &[(Leaving, Allowed)],
) -> Result<Vec<(DocId, (Doc, Vec<Rev>))>, SyncError> {
    let asked: Vec<&Leaving> = kept
        .iter()
        .filter(|(_, why)| share::takes_back(*why))
        .map(|(l, _)| l)
        .collect();
    if asked.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<String> = asked.iter().map(|l| l.state.id.to_string()).collect();
    let answer = remote.post("_all_docs", &json!({ "keys": keys })).await?;
    let rows = answer
        .get("rows")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut out = Vec::new();
    for (l, row) in asked.iter().zip(rows) {
        let value = row.get("value");
        let rev: Option<Rev> = value.and_then(|v| v.get("rev")?.as_str()?.parse().ok());
        let deleted = value
            .and_then(|v| v.get("deleted"))
            .and_then(Value::as_bool)
            == Some(true);
        match rev {
            Some(rev) if !deleted && !l.stubs.contains(&rev) => {
                out.push((l.state.id, share::stand_in(l.state.id, &rev)));
            }
            _ => {}
        }
    }
    Ok(out)
}
