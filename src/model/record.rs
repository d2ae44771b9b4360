//! What Kith keeps: the community skills map (people, groups, places and
//! their gifts, a group's regular activities), contacts with consent, and
//! the activity log (connections, sessions, hours).
//!
//! These are the bodies of documents (see `doc`): JSON objects tagged with
//! their `type`. Every body carries the same bookkeeping (`Meta`) and keeps
//! any field it does not know (`extra`), so a record edited by an older
//! version of Kith never loses what a newer one wrote.

use std::borrow::Cow;
use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::contact::{EmailError, PhoneError};
use super::id::{DocId, Kind};

/// Fields a record does not know, kept as they came.
pub type Extra = Map<String, Value>;

/// Who may see a record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Only the person who recorded it, on their devices.
    #[default]
    Private,
    /// The worker's team (everyone syncing with the same server).
    Team,
    /// Residents using the community's shared map.
    Community,
    /// Anyone: may be published, e.g. in an Open Referral export.
    Public,
}

/// Bookkeeping every record carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub created: Timestamp,
    pub updated: Timestamp,
    /// The worker or resident who recorded it, as they named themselves.
    #[serde(default)]
    pub recorded_by: String,
    #[serde(default)]
    pub visibility: Visibility,
    /// Made up to try Kith out (the sample neighbourhood): removed in one
    /// tap, never synced or exported as real.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    /// Names of records this one refers to that have since been removed
    /// (the sample neighbourhood's made-up people), so that its words
    /// still read "Amina Begum (sample)", not "someone no longer here".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub named: BTreeMap<DocId, String>,
}

impl Meta {
    pub fn new(now: Timestamp, recorded_by: impl Into<String>) -> Meta {
        Meta {
            sample: false,
            named: BTreeMap::new(),
            created: now,
            updated: now,
            recorded_by: recorded_by.into(),
            visibility: Visibility::Private,
        }
    }
}

/// A way to reach a person, group or place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactMethod {
    pub kind: ContactKind,
    pub value: String,
    /// "Home", "Mobile", "Reception"…
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub preferred: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Phone,
    Email,
    Address,
    Other,
}

/// What a person agreed (or stopped agreeing) to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Keeping their details in Kith at all.
    Store,
    /// Sharing them with the worker's team.
    ShareWithTeam,
    /// Showing them on the community map.
    ShowOnMap,
    /// Including them in exported files.
    Export,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentHow {
    Verbal,
    Paper,
    InApp,
    Other,
}

/// One moment of consent given or withdrawn. A party keeps every one, so
/// the record shows who agreed to what, how, and when (UK GDPR).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consent {
    pub purpose: Purpose,
    /// `true` when given, `false` when withdrawn.
    pub given: bool,
    pub how: ConsentHow,
    /// The words the person was shown or told.
    #[serde(default)]
    pub wording: String,
    #[serde(default)]
    pub recorded_by: String,
    pub at: Timestamp,
}

/// Whether a purpose is agreed to now: the latest word on it counts, and
/// no word is no consent.
pub fn consents_to(consents: &[Consent], purpose: Purpose) -> bool {
    latest_consent(consents, purpose).is_some_and(|c| c.given)
}

/// The latest word on a purpose, given or withdrawn, if there is one.
pub fn latest_consent(consents: &[Consent], purpose: Purpose) -> Option<&Consent> {
    consents
        .iter()
        .filter(|c| c.purpose == purpose)
        .max_by_key(|c| c.at)
}

impl Purpose {
    pub const ALL: [Purpose; 4] = [
        Purpose::Store,
        Purpose::ShareWithTeam,
        Purpose::ShowOnMap,
        Purpose::Export,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    /// Postcode district only ("S40"): enough to match, not to find a door.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub area: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactMethod>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<Consent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub access_needs: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Person {
    /// Someone known by name alone: the least a worker must record.
    pub fn new(name: impl Into<String>, meta: Meta) -> Person {
        Person {
            name: name.into(),
            area: String::new(),
            contacts: Vec::new(),
            consents: Vec::new(),
            languages: Vec::new(),
            access_needs: String::new(),
            notes: String::new(),
            meta,
            extra: Extra::new(),
        }
    }
}

/// A choir, a walking group, a tenants' association.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub area: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactMethod>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<Consent>,
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Group {
    pub fn new(name: impl Into<String>, area: impl Into<String>, meta: Meta) -> Group {
        Group {
            name: name.into(),
            description: String::new(),
            area: area.into(),
            contacts: Vec::new(),
            consents: Vec::new(),
            meta,
            extra: Extra::new(),
        }
    }
}

/// A postal address; only a place's, never a person's, is kept whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default)]
    pub lines: Vec<String>,
    #[serde(default)]
    pub town: String,
    #[serde(default)]
    pub postcode: String,
}

/// A rough location in WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// A hall with a kitchen, a library, a park.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub area: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<LatLon>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facilities: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accessibility: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactMethod>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<Consent>,
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Place {
    pub fn new(name: impl Into<String>, meta: Meta) -> Place {
        Place {
            name: name.into(),
            description: String::new(),
            address: None,
            area: String::new(),
            location: None,
            facilities: Vec::new(),
            accessibility: String::new(),
            contacts: Vec::new(),
            consents: Vec::new(),
            meta,
            extra: Extra::new(),
        }
    }
}

/// Where an area (a postcode district, an estate, a village) is drawn on
/// the map. People are shown at their area's point, never at their door.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    /// The area as records name it ("S40").
    pub code: String,
    pub location: LatLon,
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Head (what I know), hands (what I can do), heart (what I care about).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GiftKind {
    Head,
    #[default]
    Hands,
    Heart,
}

/// In the order a person's gifts are listed: what they give first.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum GiftMode {
    #[default]
    Offer,
    Teach,
    Learn,
    Need,
}

/// Something a person, group or place can give, teach, wants to learn or
/// needs: the capacity inventory's line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gift {
    pub owner: DocId,
    #[serde(default)]
    pub kind: GiftKind,
    #[serde(default)]
    pub mode: GiftMode,
    /// Terms from the shared skill list ("gardening", "bengali").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// Free words of the worker's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// In the person's words: "Tuesday mornings", "school holidays".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub availability: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Date>,
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Gift {
    /// What a list calls it: its skills, then its words ("shopping: weekly
    /// shop").
    pub fn title(&self) -> String {
        [self.skills.join(", "), self.description.clone()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(": ")
    }

    /// A gift with the usual defaults (hands, offer) and nothing else yet.
    pub fn new(owner: DocId, meta: Meta) -> Gift {
        Gift {
            owner,
            kind: GiftKind::default(),
            mode: GiftMode::default(),
            skills: Vec::new(),
            tags: Vec::new(),
            description: String::new(),
            availability: String::new(),
            expires: None,
            meta,
            extra: Extra::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Repeats {
    #[default]
    Once,
    Weekly,
    Fortnightly,
    Monthly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// When an activity happens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    #[serde(default)]
    pub repeats: Repeats,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<Weekday>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// "First Monday of the month", "term time only".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A group's regular activity: Friday singing, the community roast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<DocId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<DocId>,
    #[serde(default)]
    pub schedule: Schedule,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionKind {
    #[default]
    Introduction,
    Referral,
    Signpost,
    FollowUp,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionStatus {
    #[default]
    Suggested,
    Made,
    Attended,
    Declined,
}

/// A person connected to a person, group, place or activity by a worker.
/// The worker is the record's `recorded_by`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub from: DocId,
    pub to: DocId,
    #[serde(default)]
    pub kind: ConnectionKind,
    #[serde(default)]
    pub status: ConnectionStatus,
    /// The need this answered: one of `from`'s gifts in `need` or `learn`
    /// mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<DocId>,
    pub date: Date,
    /// For a follow-up: the day it should be done by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(flatten)]
    pub extra: Extra,
}

/// An activity held on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub activity: DocId,
    pub date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<DocId>,
    /// Everyone who came, named or not.
    #[serde(default)]
    pub attendee_count: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<DocId>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Whether hours count in a timebank (an hour given earns an hour) or are
/// volunteering (given, not traded). Reports keep the two apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoursNature {
    Exchange,
    #[default]
    Volunteering,
}

/// Time given by one person to one or more others. Balances are computed
/// from these, never stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hours {
    pub giver: DocId,
    pub receivers: Vec<DocId>,
    /// Whole minutes given.
    pub minutes: u32,
    pub date: Date,
    /// The gift or activity the time was given for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_what: Option<DocId>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default)]
    pub nature: HoursNature,
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Any record, tagged in JSON by its `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    Person(Person),
    Group(Group),
    Place(Place),
    Gift(Gift),
    Activity(Activity),
    Connection(Connection),
    Session(Session),
    Hours(Hours),
    Area(Area),
}

/// Why a record cannot be saved, in words for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("A name is needed.")]
    NoName,
    #[error("A gift belongs to a person, group or place, not to {0}.")]
    GiftOwner(String),
    #[error("Hours need at least one person who received them.")]
    NoReceivers,
    #[error("Hours need some time: at least one minute.")]
    NoMinutes,
    #[error("Someone cannot give hours to themselves.")]
    GaveToSelf,
    #[error("More people are named as attending than the attendance count.")]
    AttendeesOverCount,
    #[error("A connection joins two different records.")]
    ConnectedToSelf,
    #[error("{0}")]
    Position(#[from] super::geo::PositionError),
    #[error(transparent)]
    Email(#[from] EmailError),
    #[error(transparent)]
    Phone(#[from] PhoneError),
}

/// A box on a form that a refusal can be shown under, so the person reads
/// it where they typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Phone,
    Email,
}

impl Invalid {
    /// The field whose words were refused; `None` for a refusal of the
    /// record as a whole, which a form says at its top.
    pub fn field(&self) -> Option<Field> {
        match self {
            Invalid::NoName => Some(Field::Name),
            Invalid::Phone(_) => Some(Field::Phone),
            Invalid::Email(_) => Some(Field::Email),
            _ => None,
        }
    }
}

/// A name, as every record that has one needs: not blank.
pub fn check_name(name: &str) -> Result<(), Invalid> {
    if name.trim().is_empty() {
        Err(Invalid::NoName)
    } else {
        Ok(())
    }
}

fn is_party(id: &DocId) -> bool {
    matches!(id.kind(), Kind::Person | Kind::Group | Kind::Place)
}

impl Record {
    pub fn kind(&self) -> Kind {
        match self {
            Record::Person(_) => Kind::Person,
            Record::Group(_) => Kind::Group,
            Record::Place(_) => Kind::Place,
            Record::Gift(_) => Kind::Gift,
            Record::Activity(_) => Kind::Activity,
            Record::Connection(_) => Kind::Connection,
            Record::Session(_) => Kind::Session,
            Record::Hours(_) => Kind::Hours,
            Record::Area(_) => Kind::Area,
        }
    }

    pub fn meta(&self) -> &Meta {
        match self {
            Record::Person(r) => &r.meta,
            Record::Group(r) => &r.meta,
            Record::Place(r) => &r.meta,
            Record::Gift(r) => &r.meta,
            Record::Activity(r) => &r.meta,
            Record::Connection(r) => &r.meta,
            Record::Session(r) => &r.meta,
            Record::Hours(r) => &r.meta,
            Record::Area(r) => &r.meta,
        }
    }

    pub fn meta_mut(&mut self) -> &mut Meta {
        match self {
            Record::Person(r) => &mut r.meta,
            Record::Group(r) => &mut r.meta,
            Record::Place(r) => &mut r.meta,
            Record::Gift(r) => &mut r.meta,
            Record::Activity(r) => &mut r.meta,
            Record::Connection(r) => &mut r.meta,
            Record::Session(r) => &mut r.meta,
            Record::Hours(r) => &mut r.meta,
            Record::Area(r) => &mut r.meta,
        }
    }

    /// The name a list shows, for records that have one.
    pub fn name(&self) -> Option<&str> {
        match self {
            Record::Person(r) => Some(&r.name),
            Record::Group(r) => Some(&r.name),
            Record::Place(r) => Some(&r.name),
            Record::Activity(r) => Some(&r.name),
            Record::Area(r) => Some(&r.code),
            _ => None,
        }
    }

    /// What a list or a sentence calls the record: its name, or for a gift
    /// what it is ("shopping: weekly shop").
    pub fn title(&self) -> String {
        match self {
            Record::Gift(g) => g.title(),
            r => r.name().unwrap_or_default().to_owned(),
        }
    }

    /// The names a sentence about this record uses: `names` (the records
    /// still here), and for those since removed, the names it kept.
    pub fn names_known<'a>(
        &self,
        names: &'a BTreeMap<DocId, String>,
    ) -> Cow<'a, BTreeMap<DocId, String>> {
        let kept = &self.meta().named;
        if kept.keys().all(|id| names.contains_key(id)) {
            return Cow::Borrowed(names);
        }
        let mut all = names.clone();
        for (id, name) in kept {
            all.entry(*id).or_insert_with(|| name.clone());
        }
        Cow::Owned(all)
    }

    /// A person's, group's or place's ways to reach them and consent
    /// history; `None` for other records.
    pub fn contact_details(&self) -> Option<(&[ContactMethod], &[Consent])> {
        match self {
            Record::Person(p) => Some((&p.contacts, &p.consents)),
            Record::Group(g) => Some((&g.contacts, &g.consents)),
            Record::Place(p) => Some((&p.contacts, &p.consents)),
            _ => None,
        }
    }

    /// Whether the latest word on `purpose` is a withdrawal: the map and
    /// exported files leave such a person, group or place out. No word is
    /// not a withdrawal; records without consents never withdraw.
    pub fn withdrew(&self, purpose: Purpose) -> bool {
        self.contact_details().is_some_and(|(_, consents)| {
            latest_consent(consents, purpose).is_some_and(|c| !c.given)
        })
    }

    /// Skill terms the record is found by.
    pub fn skills(&self) -> &[String] {
        match self {
            Record::Gift(g) => &g.skills,
            Record::Activity(a) => &a.skills,
            _ => &[],
        }
    }

    /// The records this one refers to: a gift's owner, the people in a
    /// connection, a session's activity and attendees… One index on these
    /// finds a person's gifts and everything in their timeline.
    pub fn links(&self) -> Vec<DocId> {
        let mut links: Vec<DocId> = match self {
            Record::Person(_) | Record::Group(_) | Record::Place(_) | Record::Area(_) => Vec::new(),
            Record::Gift(g) => vec![g.owner],
            Record::Activity(a) => a.group.into_iter().chain(a.place).collect(),
            Record::Connection(c) => [c.from, c.to].into_iter().chain(c.need).collect(),
            Record::Session(s) => [s.activity]
                .into_iter()
                .chain(s.place)
                .chain(s.attendees.iter().copied())
                .collect(),
            Record::Hours(h) => [h.giver]
                .into_iter()
                .chain(h.receivers.iter().copied())
                .chain(h.for_what)
                .collect(),
        };
        links.sort();
        links.dedup();
        links
    }

    pub fn tags(&self) -> &[String] {
        match self {
            Record::Gift(g) => &g.tags,
            Record::Activity(a) => &a.tags,
            _ => &[],
        }
    }

    /// Checks what a person must be told before saving; the first problem
    /// found is enough to act on.
    pub fn validate(&self) -> Result<(), Invalid> {
        self.name().map_or(Ok(()), check_name)?;
        match self {
            Record::Gift(g) if !is_party(&g.owner) => {
                Err(Invalid::GiftOwner(g.owner.kind().prefix().to_owned()))
            }
            Record::Hours(h) if h.receivers.is_empty() => Err(Invalid::NoReceivers),
            Record::Hours(h) if h.minutes == 0 => Err(Invalid::NoMinutes),
            Record::Hours(h) if h.receivers.contains(&h.giver) => Err(Invalid::GaveToSelf),
            Record::Session(s) if s.attendees.len() > s.attendee_count as usize => {
                Err(Invalid::AttendeesOverCount)
            }
            Record::Connection(c) if c.from == c.to => Err(Invalid::ConnectedToSelf),
            Record::Place(Place {
                location: Some(at), ..
            })
            | Record::Area(Area { location: at, .. }) => Ok(at.check()?),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use serde_json::json;

    fn now() -> Timestamp {
        "2026-11-27T09:30:00Z".parse().unwrap()
    }

    fn person(name: &str) -> Person {
        Person {
            area: "S40".into(),
            contacts: vec![ContactMethod {
                kind: ContactKind::Phone,
                value: "07700 900123".into(),
                label: "Mobile".into(),
                preferred: true,
            }],
            languages: vec!["English".into(), "Urdu".into()],
            ..Person::new(name, Meta::new(now(), "Sam (link worker)"))
        }
    }

    #[test]
    fn only_the_latest_word_on_a_purpose_counts_as_a_withdrawal() {
        let word = |given, minute: i64| Consent {
            purpose: Purpose::ShowOnMap,
            given,
            how: ConsentHow::Verbal,
            wording: String::new(),
            recorded_by: "Sam".into(),
            at: now() + jiff::SignedDuration::from_mins(minute),
        };
        let mut p = person("Bea");
        assert!(!Record::Person(p.clone()).withdrew(Purpose::ShowOnMap));
        p.consents = vec![word(false, 1), word(true, 2)];
        assert!(!Record::Person(p.clone()).withdrew(Purpose::ShowOnMap));
        p.consents.push(word(false, 3));
        let record = Record::Person(p);
        assert!(record.withdrew(Purpose::ShowOnMap));
        assert!(
            !record.withdrew(Purpose::Export),
            "each purpose stands alone"
        );
    }

    #[test]
    fn a_person_round_trips_through_json_tagged_with_its_type() {
        let record = Record::Person(person("Amina Begum"));
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["type"], "person");
        assert_eq!(json["name"], "Amina Begum");
        assert_eq!(json["created"], "2026-11-27T09:30:00Z");
        assert_eq!(json["visibility"], "private");
        assert_eq!(json["contacts"][0]["kind"], "phone");
        assert!(
            json.get("extra").is_none(),
            "unknown fields sit at the top level"
        );
        let back: Record = serde_json::from_value(json).unwrap();
        assert_eq!(back, record);
    }

    #[test]
    fn fields_from_a_newer_version_survive_an_edit() {
        let json = json!({
            "type": "gift", "owner": "person:00000000-0000-4000-8000-000000000001",
            "kind": "heart", "mode": "teach", "skills": ["singing"],
            "created": "2026-11-27T09:30:00Z", "updated": "2026-11-27T09:30:00Z",
            "pitch": "alto", "schedule_v9": {"x": 1}
        });
        let mut record: Record = serde_json::from_value(json).unwrap();
        let Record::Gift(gift) = &mut record else {
            panic!("not a gift")
        };
        assert_eq!(gift.mode, GiftMode::Teach);
        assert_eq!(
            gift.extra.len(),
            2,
            "only the unknown fields are extra: {:?}",
            gift.extra
        );
        gift.description = "Sings with the Tuesday choir".into();
        let out = serde_json::to_value(&record).unwrap();
        assert_eq!(out["pitch"], "alto");
        assert_eq!(out["schedule_v9"], json!({"x": 1}));
        assert_eq!(out["description"], "Sings with the Tuesday choir");
    }

    #[test]
    fn every_kind_of_record_parses_from_its_minimal_json() {
        let p = "person:00000000-0000-4000-8000-000000000001";
        let q = "person:00000000-0000-4000-8000-000000000002";
        let a = "activity:00000000-0000-4000-8000-000000000003";
        let stamps = json!({"created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z"});
        let minimal = [
            json!({"type": "person", "name": "A"}),
            json!({"type": "group", "name": "Choir"}),
            json!({"type": "place", "name": "Hall"}),
            json!({"type": "gift", "owner": p}),
            json!({"type": "activity", "name": "Singing", "schedule": {"repeats": "weekly", "days": ["friday"], "starts": "10:00:00"}}),
            json!({"type": "connection", "from": p, "to": q, "date": "2026-11-27"}),
            json!({"type": "session", "activity": a, "date": "2026-11-27", "attendee_count": 12}),
            json!({"type": "hours", "giver": p, "receivers": [q], "minutes": 90, "date": "2026-11-27", "nature": "exchange"}),
        ];
        for (json, kind) in minimal.into_iter().zip(Kind::ALL) {
            let mut json = json;
            json.as_object_mut()
                .unwrap()
                .extend(stamps.as_object().unwrap().clone());
            let record: Record =
                serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(record.kind(), kind);
            assert_eq!(record.validate(), Ok(()));
        }
    }

    #[test]
    fn validation_speaks_to_the_person() {
        let mut nameless = person("  ");
        assert_eq!(
            Record::Person(nameless.clone()).validate(),
            Err(Invalid::NoName)
        );
        nameless.name = "Jo".into();
        assert_eq!(Record::Person(nameless).validate(), Ok(()));

        let p: DocId = "person:00000000-0000-4000-8000-000000000001"
            .parse()
            .unwrap();
        let hours = Hours {
            giver: p,
            receivers: vec![p],
            minutes: 60,
            date: "2026-11-27".parse().unwrap(),
            for_what: None,
            description: String::new(),
            nature: HoursNature::Exchange,
            meta: Meta::new(now(), "Sam"),
            extra: Extra::new(),
        };
        let err = Record::Hours(hours.clone()).validate().unwrap_err();
        assert_eq!(err, Invalid::GaveToSelf);
        assert_eq!(err.to_string(), "Someone cannot give hours to themselves.");
        let none = Hours {
            receivers: vec![],
            ..hours.clone()
        };
        assert_eq!(Record::Hours(none).validate(), Err(Invalid::NoReceivers));
        let zero = Hours {
            minutes: 0,
            receivers: vec![DocId::new(Kind::Person)],
            ..hours
        };
        assert_eq!(Record::Hours(zero).validate(), Err(Invalid::NoMinutes));
    }

    #[test]
    fn a_refusal_of_one_field_names_it_and_one_of_the_whole_record_does_not() {
        use crate::model::contact::Email;
        let email = Email::parse("a@example.org?cc=b@example.org").unwrap_err();
        assert_eq!(Invalid::NoName.field(), Some(Field::Name));
        assert_eq!(Invalid::from(email.clone()).field(), Some(Field::Email));
        assert_eq!(
            Invalid::from(email.clone()).to_string(),
            email.to_string(),
            "said in the email's own words"
        );
        assert_eq!(Invalid::GaveToSelf.field(), None);
        assert_eq!(check_name(" \t"), Err(Invalid::NoName));
        assert_eq!(check_name("Jo"), Ok(()));
    }

    #[test]
    fn the_latest_word_on_consent_counts() {
        let at = |s: &str| -> Timestamp { s.parse().unwrap() };
        let event = |purpose, given, when: &str| Consent {
            purpose,
            given,
            how: ConsentHow::Verbal,
            wording: "May we show you on the community map?".into(),
            recorded_by: "Sam".into(),
            at: at(when),
        };
        let consents = vec![
            event(Purpose::ShowOnMap, true, "2026-01-01T10:00:00Z"),
            event(Purpose::Store, true, "2026-01-01T10:00:00Z"),
            event(Purpose::ShowOnMap, false, "2026-03-01T10:00:00Z"),
        ];
        assert!(consents_to(&consents, Purpose::Store));
        assert!(
            !consents_to(&consents, Purpose::ShowOnMap),
            "withdrawn later"
        );
        assert!(!consents_to(&consents, Purpose::Export), "never asked");
    }
}
