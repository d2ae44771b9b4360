//! Every read a page makes, one query each, each in one transaction: a
//! party with everything on their page, a page of the log, a report's
//! records, the map's points, the follow-ups due, the name lists of the
//! pickers. Pages never open the store themselves; they name a [`Query`]
//! and `ui::live` runs it, and runs it again when a committed change
//! [`concerns`](Query::concerns) what it read.
//!
//! Each copes with what sync and files bring: a gift whose owner has not
//! arrived, a connection to a record deleted since, a kind of record from
//! a newer Kith (kept, never shown), and a damaged row, which is left out
//! and counted (`unreadable`) so the page can say so and point to
//! Settings, never hiding everything else.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;

use indexed_db_futures::KeyRange;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use serde_json::{Value, json};

use super::entry::{Corrupt, Damage, Entry, Reading, check_row};
use super::schema::{BY_KIND_NAME, BY_LINK, BY_UNSENT, CONFLICTS, META, RECORDS};
use super::{SAMPLE, Store, StoreError, kind_range, unsent_key};
use crate::model::consent::{Allowed, allows};
use crate::model::draft::Opened;
use crate::model::log::{Due, LogLine, due_follow_ups, entry_words, newest_first};
use crate::model::map::{self, Plan};
use crate::model::party::PartyView;
use crate::model::record::{Area, Connection, GiftMode, Purpose};
use crate::model::report::Names;
use crate::model::search::Index;
use crate::model::{DocId, Kind, Record};
use crate::store::feed::Changed;

/// A read a page makes, and which changes make it read again.
pub trait Query: 'static {
    type Output: Clone + 'static;

    /// Reads, in one transaction.
    fn run(self, store: &Store) -> impl Future<Output = Result<Self::Output, StoreError>>;

    /// Whether a committed change may alter what was read (`read`, when
    /// there is something read already).
    fn concerns(&self, changed: &Changed, read: Option<&Self::Output>) -> bool;
}

/// Rows a read left out because they could not be read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unreadable(pub u32);

impl Unreadable {
    fn add(&mut self, n: u32) {
        self.0 += n;
    }
}

/// Rows from an index, and how many were not even shaped like rows.
pub(super) async fn entries(
    records: &ObjectStore<'_>,
    index: &str,
    range: KeyRange<Value>,
    limit: Option<u32>,
) -> Result<(Vec<Entry>, u32), StoreError> {
    let index = records.index(index)?;
    let request = index.get_all().with_query(range);
    let rows = match limit {
        Some(limit) => request.with_limit(limit).serde()?.await?,
        None => request.serde()?.await?,
    };
    let mut out = Vec::new();
    let mut bad = 0;
    for row in rows {
        match row {
            Ok(entry) => out.push(entry),
            Err(_) => bad += 1,
        }
    }
    Ok((out, bad))
}

/// The live records among rows; damaged ones are counted, deleted ones
/// and kinds from a newer Kith quietly left out.
pub(super) fn live(entries: Vec<Entry>, skipped: &mut Unreadable) -> Vec<(DocId, Record)> {
    live_with_revs(entries, skipped)
        .into_iter()
        .map(|(id, _, r)| (id, r))
        .collect()
}

/// As [`live`], with the revision an edit of each is based on.
pub(super) fn live_with_revs(entries: Vec<Entry>, skipped: &mut Unreadable) -> Vec<Opened<Record>> {
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        match (entry.read(), entry.winner_rev()) {
            (Reading::Live(id, record), Ok(rev)) => out.push((id, rev, record)),
            (Reading::Deleted | Reading::Withdrawn(_) | Reading::Newer, _) => {}
            _ => skipped.add(1),
        }
    }
    out
}

/// Every live record of a kind.
async fn all(
    records: &ObjectStore<'_>,
    kind: Kind,
    skipped: &mut Unreadable,
) -> Result<Vec<Opened<Record>>, StoreError> {
    let (rows, bad) = entries(records, BY_KIND_NAME, kind_range(kind), None).await?;
    skipped.add(bad);
    Ok(live_with_revs(rows, skipped))
}

/// Every live record of these kinds, in the order of the kinds.
async fn all_of(
    records: &ObjectStore<'_>,
    kinds: &[Kind],
    skipped: &mut Unreadable,
) -> Result<Vec<(DocId, Record)>, StoreError> {
    let mut out = Vec::new();
    for kind in kinds {
        out.extend(
            all(records, *kind, skipped)
                .await?
                .into_iter()
                .map(|(id, _, r)| (id, r)),
        );
    }
    Ok(out)
}

/// The live records that refer to `id`.
async fn linked(
    records: &ObjectStore<'_>,
    id: DocId,
    skipped: &mut Unreadable,
) -> Result<Vec<Opened<Record>>, StoreError> {
    let range = KeyRange::Only(json!(id.to_string()));
    let (rows, bad) = entries(records, BY_LINK, range, None).await?;
    skipped.add(bad);
    Ok(live_with_revs(rows, skipped))
}

/// A record in the words the log uses ("Amina Begum gave 1 h to Bea
/// Gardner (volunteering)"), with the names of the records it refers to
/// read as the log reads them; a record that is not a log entry, by its
/// title. What a page about one entry says of it (deleting it, say).
#[derive(Debug, Clone, PartialEq)]
pub struct InWords(pub Record);

impl Query for InWords {
    type Output = String;

    async fn run(self, store: &Store) -> Result<String, StoreError> {
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let mut skipped = Unreadable::default();
        let names = titles(many(&records, self.0.links(), &mut skipped).await?);
        Ok(entry_words(&self.0, &names).unwrap_or_else(|| self.0.title()))
    }

    fn concerns(&self, changed: &Changed, _: Option<&String>) -> bool {
        self.0.links().iter().any(|id| changed.ids.contains(id))
    }
}

/// The kinds the sample neighbourhood holds.
const SAMPLE_KINDS: [Kind; 6] = [
    Kind::Person,
    Kind::Group,
    Kind::Place,
    Kind::Gift,
    Kind::Activity,
    Kind::Area,
];

/// The sample's records, and every live record that refers to one of
/// them, each as opened: what `sample::removal` works from.
pub(super) async fn sample_and_linked(
    records: &ObjectStore<'_>,
) -> Result<(Vec<Opened<Record>>, Vec<Opened<Record>>), StoreError> {
    let mut skipped = Unreadable::default();
    let mut sample = Vec::new();
    for kind in SAMPLE_KINDS {
        sample.extend(
            all(records, kind, &mut skipped)
                .await?
                .into_iter()
                .filter(|(_, _, r)| r.meta().sample),
        );
    }
    let mut refer = Vec::new();
    for (id, _, _) in &sample {
        refer.extend(linked(records, *id, &mut skipped).await?);
    }
    Ok((sample, refer))
}

/// What removing the sample would do, to say before it is done: how many
/// real entries name sample records (they stay, keeping the names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleRemoval(pub jiff::Timestamp);

impl Query for SampleRemoval {
    type Output = crate::model::sample::Removal;

    async fn run(self, store: &Store) -> Result<Self::Output, StoreError> {
        let tx = store.read_transaction(&[RECORDS])?;
        let (sample, refer) = sample_and_linked(&tx.object_store(RECORDS)?).await?;
        Ok(crate::model::sample::removal(sample, refer, self.0))
    }

    fn concerns(&self, changed: &Changed, _: Option<&Self::Output>) -> bool {
        !changed.ids.is_empty() || !changed.rows.is_empty()
    }
}

/// One row as stored, or `None` when there is none; a row not shaped
/// like one is damaged.
async fn row(records: &ObjectStore<'_>, key: &str) -> Result<Option<Entry>, StoreError> {
    let raw: Option<Value> = records.get(key).serde()?.await?;
    raw.map(|raw| {
        serde_json::from_value(raw).map_err(|e| {
            StoreError::Corrupt(Corrupt {
                key: key.to_owned(),
                damage: Damage::Row(e.to_string()),
            })
        })
    })
    .transpose()
}

/// Several records by id, all requests in flight together; the missing,
/// the deleted and the damaged are left out (the damaged counted).
async fn many(
    records: &ObjectStore<'_>,
    ids: impl IntoIterator<Item = DocId>,
    skipped: &mut Unreadable,
) -> Result<BTreeMap<DocId, Record>, StoreError> {
    let ids: Vec<DocId> = ids.into_iter().collect();
    let requests = ids
        .iter()
        .map(|id| records.get(id.to_string()).serde())
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = BTreeMap::new();
    for request in requests {
        let raw: Option<Value> = request.await?;
        let Some(raw) = raw else { continue };
        let Ok(entry) = serde_json::from_value::<Entry>(raw) else {
            skipped.add(1);
            continue;
        };
        match entry.read() {
            Reading::Live(id, record) => {
                out.insert(id, record);
            }
            Reading::Damaged(_) => skipped.add(1),
            Reading::Deleted | Reading::Withdrawn(_) | Reading::Newer => {}
        }
    }
    Ok(out)
}

fn titles(records: BTreeMap<DocId, Record>) -> BTreeMap<DocId, String> {
    records.into_iter().map(|(id, r)| (id, r.title())).collect()
}

/// Names a list shows, by name in any case.
fn by_name(mut names: Vec<(DocId, String)>) -> Vec<(DocId, String)> {
    names.sort_by_cached_key(|(_, name)| name.to_lowercase());
    names
}

// --- The people list and search ------------------------------------------

/// The people list: how many people, the first of them by name, and the
/// groups and places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct People {
    /// How many of each list are drawn at most.
    pub shown: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PeopleList {
    pub total: u32,
    pub people: Vec<(DocId, Record)>,
    pub groups: Vec<(DocId, Record)>,
    pub places: Vec<(DocId, Record)>,
    pub unreadable: u32,
}

impl Query for People {
    type Output = PeopleList;

    async fn run(self, store: &Store) -> Result<PeopleList, StoreError> {
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let total = records
            .index(BY_KIND_NAME)?
            .count()
            .with_query(kind_range(Kind::Person))
            .serde()?;
        let mut skipped = Unreadable::default();
        let mut lists = Vec::new();
        for kind in [Kind::Person, Kind::Group, Kind::Place] {
            let (rows, bad) =
                entries(&records, BY_KIND_NAME, kind_range(kind), Some(self.shown)).await?;
            skipped.add(bad);
            lists.push(live(rows, &mut skipped));
        }
        let total = total.await?;
        let places = lists.pop().unwrap_or_default();
        let groups = lists.pop().unwrap_or_default();
        let people = lists.pop().unwrap_or_default();
        Ok(PeopleList {
            // Damaged people are in the count; they are not drawn.
            total: total.saturating_sub(skipped.0),
            people,
            groups,
            places,
            unreadable: skipped.0,
        })
    }

    fn concerns(&self, changed: &Changed, _: Option<&PeopleList>) -> bool {
        changed.has_kind(&[Kind::Person, Kind::Group, Kind::Place]) || !changed.rows.is_empty()
    }
}

/// The whole neighbourhood in memory for search and matching: every live
/// person, group, place, gift and activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Neighbourhood;

#[derive(Debug, Clone)]
pub struct Searchable {
    pub index: std::rc::Rc<Index>,
    pub unreadable: u32,
}

const SEARCHED: [Kind; 5] = [
    Kind::Person,
    Kind::Group,
    Kind::Place,
    Kind::Gift,
    Kind::Activity,
];

impl Query for Neighbourhood {
    type Output = Searchable;

    async fn run(self, store: &Store) -> Result<Searchable, StoreError> {
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let mut skipped = Unreadable::default();
        let all = all_of(&records, &SEARCHED, &mut skipped).await?;
        Ok(Searchable {
            index: std::rc::Rc::new(Index::build(all)),
            unreadable: skipped.0,
        })
    }

    fn concerns(&self, changed: &Changed, _: Option<&Searchable>) -> bool {
        changed.has_kind(&SEARCHED) || !changed.rows.is_empty()
    }
}

// --- A party's page ------------------------------------------------------

/// A person's, group's or place's page (none for an address that names
/// no party).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Party(pub Option<DocId>);

/// What a party's page found.
#[derive(Debug, Clone, PartialEq)]
pub enum PartyRead {
    Found(Box<PartyView>),
    /// Not on this device, or deleted.
    Missing,
    /// Taken off the team's server when its consent was withdrawn: this
    /// device has only the stand-in.
    Withdrawn,
    /// On this device but damaged: Settings can download or remove it.
    Damaged(Corrupt),
}

impl Query for Party {
    type Output = PartyRead;

    async fn run(self, store: &Store) -> Result<PartyRead, StoreError> {
        let Some(id) = self
            .0
            .filter(|id| matches!(id.kind(), Kind::Person | Kind::Group | Kind::Place))
        else {
            return Ok(PartyRead::Missing);
        };
        let tx = store.read_transaction(&[RECORDS, CONFLICTS])?;
        let (records, conflicts) = (tx.object_store(RECORDS)?, tx.object_store(CONFLICTS)?);
        let entry = match row(&records, &id.to_string()).await {
            Ok(Some(entry)) => entry,
            Ok(None) => return Ok(PartyRead::Missing),
            Err(StoreError::Corrupt(c)) => return Ok(PartyRead::Damaged(c)),
            Err(e) => return Err(e),
        };
        if matches!(entry.read(), Reading::Withdrawn(_)) {
            return Ok(PartyRead::Withdrawn);
        }
        let record = match entry.record() {
            None => return Ok(PartyRead::Missing),
            Some(Err(c)) => return Ok(PartyRead::Damaged(c)),
            Some(Ok((_, record))) => record,
        };
        // The whole row is checked here: an edit will be based on it.
        let bodies = match super::conflict_bodies(&conflicts, &entry).await {
            Ok(bodies) => bodies,
            Err(StoreError::Corrupt(c)) => return Ok(PartyRead::Damaged(c)),
            Err(e) => return Err(e),
        };
        let state = match entry.to_state(&bodies) {
            Ok(state) => state,
            Err(c) => return Ok(PartyRead::Damaged(c)),
        };
        let versions = state
            .conflicts()
            .into_iter()
            .filter_map(|doc| doc.record().ok())
            .collect();
        let rev = entry.winner_rev()?;
        let mut skipped = Unreadable::default();
        let linked = linked(&records, id, &mut skipped).await?;
        let names =
            titles(many(&records, PartyView::names_needed(id, &linked), &mut skipped).await?);
        let mut view = PartyView::assemble((id, rev, record), linked, names, versions);
        view.unreadable = skipped.0;
        Ok(PartyRead::Found(Box::new(view)))
    }

    fn concerns(&self, changed: &Changed, read: Option<&PartyRead>) -> bool {
        let Some(id) = self.0 else { return false };
        match read {
            Some(PartyRead::Found(view)) => {
                changed.touches(id) || changed.touches_any(&view.shown())
            }
            _ => changed.touches(id) || changed.rows.iter().any(|r| *r == id.to_string()),
        }
    }
}

/// The record as it stands now, with the revision to base an edit on:
/// what a form is opened from and checks its own version against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Current(pub Option<DocId>);

impl Query for Current {
    type Output = Option<Opened<Record>>;

    async fn run(self, store: &Store) -> Result<Option<Opened<Record>>, StoreError> {
        let Some(id) = self.0 else { return Ok(None) };
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let Some(entry) = row(&records, &id.to_string()).await? else {
            return Ok(None);
        };
        match entry.record() {
            None => Ok(None),
            Some(parsed) => {
                let (id, record) = parsed?;
                Ok(Some((id, entry.winner_rev()?, record)))
            }
        }
    }

    fn concerns(&self, changed: &Changed, _: Option<&Self::Output>) -> bool {
        self.0.is_some_and(|id| changed.ids.contains(&id))
    }
}

// --- Pickers -------------------------------------------------------------

/// Every live record of these kinds with its name, by name: what a picker
/// offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named(pub Vec<Kind>);

impl Query for Named {
    type Output = Vec<(DocId, String)>;

    async fn run(self, store: &Store) -> Result<Self::Output, StoreError> {
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let all = all_of(&records, &self.0, &mut Unreadable::default()).await?;
        Ok(by_name(
            all.into_iter()
                .map(|(id, r)| (id, r.name().unwrap_or_default().to_owned()))
                .collect(),
        ))
    }

    fn concerns(&self, changed: &Changed, _: Option<&Self::Output>) -> bool {
        changed.has_kind(&self.0)
    }
}

/// A party's gifts of some modes, in the order they were recorded, each
/// named by what it is ("Needs: shopping"). None without a party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GiftsOf {
    pub owner: Option<DocId>,
    pub modes: Vec<GiftMode>,
}

impl Query for GiftsOf {
    type Output = Vec<(DocId, String)>;

    async fn run(self, store: &Store) -> Result<Self::Output, StoreError> {
        let Some(owner) = self.owner else {
            return Ok(Vec::new());
        };
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let mut gifts: Vec<_> = linked(&records, owner, &mut Unreadable::default())
            .await?
            .into_iter()
            .filter_map(|(id, _, record)| match record {
                Record::Gift(g) if g.owner == owner && self.modes.contains(&g.mode) => {
                    Some((id, g))
                }
                _ => None,
            })
            .collect();
        gifts.sort_by_key(|(id, g)| (g.meta.created, *id));
        Ok(gifts
            .into_iter()
            .map(|(id, g)| (id, format!("{}: {}", g.mode.label(), g.title())))
            .collect())
    }

    fn concerns(&self, changed: &Changed, _: Option<&Self::Output>) -> bool {
        self.owner.is_some_and(|o| changed.touches(o))
    }
}

// --- The log and reports -------------------------------------------------

/// The whole activity log, newest first, and everyone and everything it
/// can be about, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Log;

#[derive(Debug, Clone, PartialEq)]
pub struct LogRead {
    pub lines: Vec<LogLine>,
    pub about: Vec<(DocId, String)>,
    pub unreadable: u32,
}

const PARTIES_AND_ACTIVITIES: [Kind; 4] = [Kind::Person, Kind::Group, Kind::Place, Kind::Activity];
const ENTRIES: [Kind; 3] = [Kind::Connection, Kind::Session, Kind::Hours];

impl Query for Log {
    type Output = LogRead;

    async fn run(self, store: &Store) -> Result<LogRead, StoreError> {
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let mut skipped = Unreadable::default();
        let about = by_name(
            all_of(&records, &PARTIES_AND_ACTIVITIES, &mut skipped)
                .await?
                .into_iter()
                .map(|(id, r)| (id, r.name().unwrap_or_default().to_owned()))
                .collect(),
        );
        let mut names: BTreeMap<DocId, String> = about.iter().cloned().collect();
        let entries = all_of(&records, &ENTRIES, &mut skipped).await?;
        // Hours say the gift they were for, connections the need they
        // answered: only those gifts are read, not every gift.
        let gifts: BTreeSet<DocId> = entries
            .iter()
            .flat_map(|(_, record)| record.links())
            .filter(|id| id.kind() == Kind::Gift)
            .collect();
        names.extend(titles(many(&records, gifts, &mut skipped).await?));
        let mut lines: Vec<LogLine> = entries
            .iter()
            .filter_map(|(id, record)| LogLine::of(*id, record, &names))
            .collect();
        newest_first(&mut lines);
        Ok(LogRead {
            lines,
            about,
            unreadable: skipped.0,
        })
    }

    fn concerns(&self, changed: &Changed, _: Option<&LogRead>) -> bool {
        changed.has_kind(&ENTRIES)
            || changed.has_kind(&PARTIES_AND_ACTIVITIES)
            || changed.has_kind(&[Kind::Gift])
            || !changed.rows.is_empty()
    }
}

/// What a report is worked out from: every party, gift and log entry,
/// and the names of parties, activities and gifts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportRecords;

#[derive(Debug, Clone, PartialEq)]
pub struct ReportRead {
    pub records: Vec<(DocId, Record)>,
    pub names: Names,
    pub unreadable: u32,
}

impl Query for ReportRecords {
    type Output = ReportRead;

    async fn run(self, store: &Store) -> Result<ReportRead, StoreError> {
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let mut skipped = Unreadable::default();
        let mut out = Vec::new();
        let mut names = Names::new();
        for (id, record) in all_of(
            &records,
            &[Kind::Person, Kind::Group, Kind::Place],
            &mut skipped,
        )
        .await?
        {
            names.insert(id, record.name().unwrap_or_default().to_owned());
            out.push((id, record));
        }
        for (id, record) in all_of(&records, &[Kind::Activity], &mut skipped).await? {
            names.insert(id, record.name().unwrap_or_default().to_owned());
        }
        // Gifts are named for the hours given for them.
        for (id, record) in all_of(&records, &[Kind::Gift], &mut skipped).await? {
            names.insert(id, record.title());
            out.push((id, record));
        }
        out.extend(all_of(&records, &ENTRIES, &mut skipped).await?);
        Ok(ReportRead {
            records: out,
            names,
            unreadable: skipped.0,
        })
    }

    fn concerns(&self, changed: &Changed, _: Option<&ReportRead>) -> bool {
        changed.ids.iter().any(|id| id.kind() != Kind::Area) || !changed.rows.is_empty()
    }
}

/// People Kith may not keep yet (nobody asked them, or they withdrew),
/// by name: Home points them out until someone asks. The sample's
/// made-up people are never among them. Reads every person, as the
/// follow-ups due read every connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotKept;

impl Query for NotKept {
    type Output = Vec<(DocId, String, Allowed)>;

    async fn run(self, store: &Store) -> Result<Self::Output, StoreError> {
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let mut skipped = Unreadable::default();
        Ok(all(&records, Kind::Person, &mut skipped)
            .await?
            .into_iter()
            .filter_map(|(id, _, record)| {
                let kept = allows(&record, Purpose::Store);
                (!kept.yes()).then(|| (id, record.title(), kept))
            })
            .collect())
    }

    fn concerns(&self, changed: &Changed, _: Option<&Self::Output>) -> bool {
        changed.has_kind(&[Kind::Person]) || !changed.rows.is_empty()
    }
}

/// The most people an activity has had at one session, leaving out one
/// session (the one being changed): what "Is that right?" compares a new
/// count with. 0 for an activity never held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MostCame {
    pub activity: Option<DocId>,
    pub except: Option<DocId>,
}

impl Query for MostCame {
    type Output = u32;

    async fn run(self, store: &Store) -> Result<u32, StoreError> {
        let Some(activity) = self.activity else {
            return Ok(0);
        };
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let mut skipped = Unreadable::default();
        Ok(linked(&records, activity, &mut skipped)
            .await?
            .into_iter()
            .filter(|(id, _, _)| Some(*id) != self.except)
            .filter_map(|(_, _, r)| match r {
                Record::Session(s) if s.activity == activity => Some(s.attendee_count),
                _ => None,
            })
            .max()
            .unwrap_or(0))
    }

    fn concerns(&self, changed: &Changed, _: Option<&u32>) -> bool {
        changed.has_kind(&[Kind::Session])
    }
}

/// People already recorded whom a person being added may be: the same
/// name and area (`party::possible_duplicate`), read by name from the
/// index, never the whole list. `except` leaves out the one being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namesakes {
    pub name: String,
    pub area: String,
    pub except: Option<DocId>,
}

impl Query for Namesakes {
    type Output = Vec<(DocId, String)>;

    async fn run(self, store: &Store) -> Result<Self::Output, StoreError> {
        let key = crate::model::skill::normalize(&self.name);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let range = KeyRange::Only(json!([Kind::Person.prefix(), key]));
        let (rows, _) = entries(&records, BY_KIND_NAME, range, Some(20)).await?;
        let mut skipped = Unreadable::default();
        Ok(live(rows, &mut skipped)
            .into_iter()
            .filter(|(id, r)| {
                Some(*id) != self.except
                    && crate::model::party::possible_duplicate(&self.name, &self.area, r)
            })
            .map(|(id, r)| (id, r.title()))
            .collect())
    }

    fn concerns(&self, changed: &Changed, _: Option<&Self::Output>) -> bool {
        changed.has_kind(&[Kind::Person])
    }
}

// --- The map -------------------------------------------------------------

/// What the map draws, and the record holding each area's point (the
/// newest for its code), to move it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapPoints;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapRead {
    pub plan: Plan,
    pub points: BTreeMap<String, Opened<Area>>,
    pub unreadable: u32,
}

const ON_THE_MAP: [Kind; 4] = [Kind::Person, Kind::Group, Kind::Place, Kind::Activity];

impl Query for MapPoints {
    type Output = MapRead;

    async fn run(self, store: &Store) -> Result<MapRead, StoreError> {
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let mut skipped = Unreadable::default();
        let mut all = all_of(&records, &ON_THE_MAP, &mut skipped).await?;
        let mut points: BTreeMap<String, Opened<Area>> = BTreeMap::new();
        for (id, rev, record) in self::all(&records, Kind::Area, &mut skipped).await? {
            if let Record::Area(a) = &record {
                let code = a.code.trim().to_uppercase();
                if points
                    .get(&code)
                    .is_none_or(|(_, _, newest)| newest.meta.updated < a.meta.updated)
                {
                    points.insert(code, (id, rev, a.clone()));
                }
            }
            all.push((id, record));
        }
        Ok(MapRead {
            plan: map::plan(all),
            points,
            unreadable: skipped.0,
        })
    }

    fn concerns(&self, changed: &Changed, _: Option<&MapRead>) -> bool {
        changed.has_kind(&ON_THE_MAP) || changed.has_kind(&[Kind::Area]) || !changed.rows.is_empty()
    }
}

// --- Home ------------------------------------------------------------------

/// Follow-ups due by a day, with the words for each and the connection
/// as opened (to mark it done).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpsDue(pub jiff::civil::Date);

#[derive(Debug, Clone, PartialEq)]
pub struct DueLine {
    pub due: Due,
    pub words: String,
    pub connection: Opened<Connection>,
}

impl Query for FollowUpsDue {
    type Output = Vec<DueLine>;

    async fn run(self, store: &Store) -> Result<Vec<DueLine>, StoreError> {
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let mut skipped = Unreadable::default();
        let connections = all(&records, Kind::Connection, &mut skipped).await?;
        let due = due_follow_ups(
            connections.iter().map(|(id, _, r)| (*id, r.clone())),
            self.0,
        );
        // Only the names of those due are read: Home is the first screen.
        let names = titles(many(&records, due.iter().flat_map(|d| d.with), &mut skipped).await?);
        let mut opened: BTreeMap<DocId, Opened<Connection>> = connections
            .into_iter()
            .filter_map(|(id, rev, r)| match r {
                Record::Connection(c) => Some((id, (id, rev, c))),
                _ => None,
            })
            .collect();
        Ok(due
            .into_iter()
            .filter_map(|due| {
                Some(DueLine {
                    words: due.words(&names),
                    connection: opened.remove(&due.id)?,
                    due,
                })
            })
            .collect())
    }

    fn concerns(&self, changed: &Changed, read: Option<&Vec<DueLine>>) -> bool {
        changed.has_kind(&[Kind::Connection])
            || read.is_some_and(|lines| {
                lines
                    .iter()
                    .any(|l| l.due.with.iter().any(|id| changed.ids.contains(id)))
            })
    }
}

/// What Home says is here: how many people, groups and places, and
/// whether the sample neighbourhood is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub people: u32,
    pub groups: u32,
    pub places: u32,
    pub sample: bool,
}

impl Query for Counts {
    type Output = Counted;

    async fn run(self, store: &Store) -> Result<Counted, StoreError> {
        let tx = store.read_transaction(&[RECORDS, META])?;
        let (records, meta) = (tx.object_store(RECORDS)?, tx.object_store(META)?);
        let index = records.index(BY_KIND_NAME)?;
        let [people, groups, places] = [Kind::Person, Kind::Group, Kind::Place]
            .map(|kind| index.count().with_query(kind_range(kind)).serde());
        let sample = meta.get(format!("flag:{SAMPLE}")).serde()?;
        Ok(Counted {
            people: people?.await?,
            groups: groups?.await?,
            places: places?.await?,
            sample: sample.await?.unwrap_or(false),
        })
    }

    fn concerns(&self, changed: &Changed, _: Option<&Counted>) -> bool {
        changed.has_kind(&[Kind::Person, Kind::Group, Kind::Place])
            || changed.flags.iter().any(|f| f == SAMPLE)
    }
}

// --- Forms and Settings ------------------------------------------------------

/// Skill terms on live records, each with how many records use it: what
/// the skill picker suggests first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkillTerms;

impl Query for SkillTerms {
    type Output = Vec<(String, u32)>;

    async fn run(self, store: &Store) -> Result<Self::Output, StoreError> {
        store.skill_terms().await
    }

    fn concerns(&self, changed: &Changed, _: Option<&Self::Output>) -> bool {
        changed.has_kind(&[Kind::Gift, Kind::Activity])
    }
}

/// How many records carry this "not on the server" mark (`Entry::unsent`).
async fn count_marked(store: &Store, mark: KeyRange<u8>) -> Result<u32, StoreError> {
    let tx = store.read_transaction(&[RECORDS])?;
    let records = tx.object_store(RECORDS)?;
    Ok(records
        .index(BY_UNSENT)?
        .count()
        .with_query::<u8, _>(mark)
        .serde()?
        .await?)
}

/// The records changed here that wait to go to the team's server: what
/// lists and record pages mark "not sent yet". Keys only, from the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting;

impl Query for Waiting {
    type Output = BTreeSet<DocId>;

    async fn run(self, store: &Store) -> Result<BTreeSet<DocId>, StoreError> {
        let tx = store.read_transaction(&[RECORDS])?;
        let records = tx.object_store(RECORDS)?;
        let keys: Vec<String> = records
            .index(BY_UNSENT)?
            .get_all_keys()
            .with_query::<u8, _>(unsent_key())
            .serde()?
            .await?
            .filter_map(Result::ok)
            .collect();
        Ok(keys.iter().filter_map(|k| k.parse().ok()).collect())
    }

    fn concerns(&self, _: &Changed, _: Option<&BTreeSet<DocId>>) -> bool {
        true
    }
}

/// How many records sync found the consent rule keeps on this device
/// (not asked, withdrawn, "Only me"): they wait, uncounted in "to send",
/// until they change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeptHere;

impl Query for KeptHere {
    type Output = u32;

    async fn run(self, store: &Store) -> Result<u32, StoreError> {
        count_marked(store, KeyRange::Only(super::entry::KEPT_HERE)).await
    }

    fn concerns(&self, _: &Changed, _: Option<&u32>) -> bool {
        true
    }
}

/// How many records changed here since they were last synced or exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsent;

impl Query for Unsent {
    type Output = u32;

    async fn run(self, store: &Store) -> Result<u32, StoreError> {
        count_marked(store, unsent_key()).await
    }

    fn concerns(&self, _: &Changed, _: Option<&u32>) -> bool {
        true
    }
}

/// Every row that cannot be shown, with the reason, found by reading the
/// whole store (a page at a time, for Settings only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DamagedRecords;

/// A row that cannot be shown.
#[derive(Debug, Clone, PartialEq)]
pub struct DamagedRow {
    pub key: String,
    pub damage: Damage,
    /// The row as stored, as JSON, for the person to download.
    pub raw: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DamageRead {
    pub damaged: Vec<DamagedRow>,
    /// Records of kinds from a newer Kith, kept as they are.
    pub newer: u32,
}

/// How many rows each step of the scan reads.
const SCAN_PAGE: u32 = 1000;

impl Query for DamagedRecords {
    type Output = DamageRead;

    async fn run(self, store: &Store) -> Result<DamageRead, StoreError> {
        let mut out = DamageRead::default();
        let mut after: Option<Value> = None;
        loop {
            let tx = store.read_transaction(&[RECORDS])?;
            let records = tx.object_store(RECORDS)?;
            let range = match &after {
                Some(key) => KeyRange::LowerBound(key.clone(), true),
                None => KeyRange::LowerBound(json!(""), false),
            };
            let keys: Vec<Value> = records
                .get_all_keys()
                .with_query(range.clone())
                .with_limit(SCAN_PAGE)
                .serde()?
                .await?
                .collect::<Result<_, _>>()?;
            let rows: Vec<Value> = records
                .get_all()
                .with_query(range)
                .with_limit(SCAN_PAGE)
                .serde()?
                .await?
                .collect::<Result<_, _>>()?;
            for (key, row) in keys.iter().zip(&rows) {
                let key_text = match key {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                match check_row(&key_text, row) {
                    Ok(Reading::Newer) => out.newer += 1,
                    Ok(_) => {}
                    Err(corrupt) => out.damaged.push(DamagedRow {
                        key: key_text,
                        damage: corrupt.damage,
                        raw: serde_json::to_string_pretty(row).unwrap_or_default(),
                    }),
                }
            }
            if (keys.len() as u32) < SCAN_PAGE {
                break;
            }
            after = keys.last().cloned();
        }
        Ok(out)
    }

    fn concerns(&self, changed: &Changed, _: Option<&DamageRead>) -> bool {
        !changed.rows.is_empty() || !changed.ids.is_empty()
    }
}

/// What the browser says about the space the records take and whether
/// they are protected from clearing: read once the store is open (and
/// protection was asked for), and again after each write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeviceSpace;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Space {
    pub usage: Option<crate::model::quota::Usage>,
    pub persisted: Option<bool>,
}

impl Query for DeviceSpace {
    type Output = Space;

    async fn run(self, _: &Store) -> Result<Space, StoreError> {
        Ok(Space {
            usage: super::device::estimate().await,
            persisted: super::device::persisted().await,
        })
    }

    fn concerns(&self, changed: &Changed, _: Option<&Space>) -> bool {
        !changed.ids.is_empty() || !changed.rows.is_empty()
    }
}

// --- Competing versions ------------------------------------------------------

/// The rows of live records with competing versions. Found from the keys
/// of the `conflicts` store, which holds rows only for records that have
/// had more than one version (their other versions, or the closed ones
/// left after a choice): no index over every record is needed, and the
/// read grows with the records ever contested, not with all of them.
async fn contested(
    records: &ObjectStore<'_>,
    conflicts: &ObjectStore<'_>,
    skipped: &mut Unreadable,
) -> Result<Vec<Entry>, StoreError> {
    let keys: Vec<Value> = conflicts
        .get_all_keys()
        .serde()?
        .await?
        .collect::<Result<_, _>>()?;
    // Keys are [id, rev]; a key of another shape is not a record's.
    let ids: BTreeSet<String> = keys
        .iter()
        .filter_map(|k| k.get(0)?.as_str().map(str::to_owned))
        .collect();
    let requests = ids
        .iter()
        .map(|id| records.get(id.as_str()).serde())
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    for request in requests {
        let raw: Option<Value> = request.await?;
        let Some(raw) = raw else { continue };
        let Ok(entry) = serde_json::from_value::<Entry>(raw) else {
            skipped.add(1);
            continue;
        };
        if !entry.conflicted {
            continue;
        }
        match entry.read() {
            Reading::Live(..) => out.push(entry),
            Reading::Damaged(_) => skipped.add(1),
            Reading::Deleted | Reading::Withdrawn(_) | Reading::Newer => {}
        }
    }
    Ok(out)
}

/// Whether a change may give a record competing versions or settle them:
/// any record written (a save on a version opened before another, a
/// merge from sync or a file, a choice made), or a damaged row removed.
fn may_contest(changed: &Changed) -> bool {
    !changed.ids.is_empty() || !changed.rows.is_empty()
}

/// Every record with competing versions, by kind and name: the list to
/// choose from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contests;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContestList {
    pub records: Vec<crate::model::conflict::Contested>,
    pub unreadable: u32,
}

impl Query for Contests {
    type Output = ContestList;

    async fn run(self, store: &Store) -> Result<ContestList, StoreError> {
        use crate::model::conflict::{Contested, title};
        let tx = store.read_transaction(&[RECORDS, CONFLICTS])?;
        let (records, conflicts) = (tx.object_store(RECORDS)?, tx.object_store(CONFLICTS)?);
        let mut skipped = Unreadable::default();
        let mut found = Vec::new();
        for entry in contested(&records, &conflicts, &mut skipped).await? {
            let tree = serde_json::from_str::<crate::model::RevTree>(&entry.tree);
            match (entry.record(), tree) {
                (Some(Ok((id, record))), Ok(tree)) => {
                    found.push((id, record, 1 + tree.conflicts().len()));
                }
                _ => skipped.add(1),
            }
        }
        let links = found.iter().flat_map(|(_, r, _)| r.links());
        let names = titles(many(&records, links, &mut skipped).await?);
        let mut list: Vec<Contested> = found
            .into_iter()
            .map(|(id, record, versions)| Contested {
                id,
                title: title(&record, &names),
                versions,
            })
            .collect();
        list.sort_by_cached_key(|c| (c.id.kind(), c.title.to_lowercase()));
        Ok(ContestList {
            records: list,
            unreadable: skipped.0,
        })
    }

    fn concerns(&self, changed: &Changed, _: Option<&ContestList>) -> bool {
        may_contest(changed)
    }
}

/// How many records have competing versions: what the Sync page says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContestCount;

impl Query for ContestCount {
    type Output = u32;

    async fn run(self, store: &Store) -> Result<u32, StoreError> {
        let tx = store.read_transaction(&[RECORDS, CONFLICTS])?;
        let (records, conflicts) = (tx.object_store(RECORDS)?, tx.object_store(CONFLICTS)?);
        let found = contested(&records, &conflicts, &mut Unreadable::default()).await?;
        Ok(found.len() as u32)
    }

    fn concerns(&self, changed: &Changed, _: Option<&u32>) -> bool {
        may_contest(changed)
    }
}

/// One record's versions, to compare and choose from (none for an
/// address that names no record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionsOf(pub Option<DocId>);

/// What the screen for one record found.
#[derive(Debug, Clone, PartialEq)]
pub enum VersionsRead {
    Found(Box<crate::model::conflict::Versions>),
    /// One version only (chosen already, never contested), deleted, or
    /// not on this device.
    Settled,
    /// Damaged, or one of its versions cannot be read: nothing is offered
    /// to choose, since choosing closes every other version.
    Damaged(Corrupt),
}

impl Query for VersionsOf {
    type Output = VersionsRead;

    async fn run(self, store: &Store) -> Result<VersionsRead, StoreError> {
        let Some(id) = self.0 else {
            return Ok(VersionsRead::Settled);
        };
        let tx = store.read_transaction(&[RECORDS, CONFLICTS])?;
        let (records, conflicts) = (tx.object_store(RECORDS)?, tx.object_store(CONFLICTS)?);
        let key = id.to_string();
        let damaged = |damage| {
            VersionsRead::Damaged(Corrupt {
                key: key.clone(),
                damage,
            })
        };
        let entry = match row(&records, &key).await {
            Ok(Some(entry)) if entry.conflicted && !entry.deleted => entry,
            Ok(_) => return Ok(VersionsRead::Settled),
            Err(StoreError::Corrupt(c)) => return Ok(VersionsRead::Damaged(c)),
            Err(e) => return Err(e),
        };
        let state = match super::conflict_bodies(&conflicts, &entry).await {
            Ok(bodies) => match entry.to_state(&bodies) {
                Ok(state) => state,
                Err(c) => return Ok(VersionsRead::Damaged(c)),
            },
            Err(StoreError::Corrupt(c)) => return Ok(VersionsRead::Damaged(c)),
            Err(e) => return Err(e),
        };
        let Some(winner) = state.winner() else {
            return Ok(damaged(Damage::Winner));
        };
        let mut read = Vec::new();
        for doc in std::iter::once(winner.clone()).chain(state.conflicts()) {
            match doc.record() {
                Ok(record) if record.kind() == id.kind() => read.push(record),
                Ok(_) | Err(_) => {
                    return Ok(damaged(Damage::Body(
                        "one of its versions cannot be read".into(),
                    )));
                }
            }
        }
        if read.len() < 2 {
            return Ok(VersionsRead::Settled);
        }
        let links: BTreeSet<DocId> = read.iter().flat_map(Record::links).collect();
        let names = titles(many(&records, links, &mut Unreadable::default()).await?);
        Ok(VersionsRead::Found(Box::new(
            crate::model::conflict::Versions {
                id,
                winner: winner.rev,
                records: read,
                names,
            },
        )))
    }

    fn concerns(&self, changed: &Changed, read: Option<&VersionsRead>) -> bool {
        let Some(id) = self.0 else { return false };
        changed.ids.contains(&id)
            || changed.rows.contains(&id.to_string())
            || matches!(read, Some(VersionsRead::Found(v))
                if v.names.keys().any(|n| changed.ids.contains(n)))
    }
}
