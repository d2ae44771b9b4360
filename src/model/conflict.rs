//! Two versions of one record, made apart (a form opened before another
//! tab saved the same record, or a change another phone made while this
//! one made its own), told apart field by field in words, and settled: one
//! version kept whole, or each field that differs picked from a version.
//! Either way the outcome is one record saved as `Edit::Resolve`, which
//! saves it on the winner and closes every other version
//! (`DocState::resolve`): nothing is dropped unseen.
//!
//! Consent is never picked: every version's answers are kept, and the
//! latest answer on each purpose counts, as it always does
//! (`record::consents_to`), so a withdrawal recorded on one side is never
//! lost by keeping the other.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::tz::Offset;

use super::doc::Edit;
use super::id::{DocId, Kind};
use super::log::{entry_words, listed, name_or_gone, time_words};
use super::record::{Consent, ContactKind, ContactMethod, Invalid, Purpose, Record, consents_to};
use super::rev::Rev;
use super::search::schedule_words;

/// Names of the records versions refer to, by id.
pub type Names = BTreeMap<DocId, String>;

/// A field of a record, as versions are compared and picked from. Each
/// kind has its own list ([`Part::of`]); labels are in `model::words`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Name,
    About,
    Area,
    Address,
    Position,
    Facilities,
    Access,
    Languages,
    AccessNeeds,
    Notes,
    Contact(ContactKind),
    Agreed,
    Owner,
    GiftMode,
    GiftKind,
    Skills,
    Tags,
    InTheirWords,
    Availability,
    Expires,
    Group,
    Place,
    Schedule,
    From,
    To,
    ConnectionKind,
    Status,
    Need,
    Activity,
    Giver,
    Receivers,
    Time,
    ForWhat,
    Nature,
    Date,
    Due,
    Came,
    Attendees,
    Note,
    Visibility,
}

const CONTACTS: [Part; 4] = [
    Part::Contact(ContactKind::Phone),
    Part::Contact(ContactKind::Email),
    Part::Contact(ContactKind::Address),
    Part::Contact(ContactKind::Other),
];

impl Part {
    /// A kind's fields, in the order its page and form show them.
    pub fn of(kind: Kind) -> Vec<Part> {
        use Part::*;
        let contact_and_consent = || CONTACTS.into_iter().chain([Agreed, Visibility]);
        match kind {
            Kind::Person => [Name, Area, Languages, AccessNeeds, Notes]
                .into_iter()
                .chain(contact_and_consent())
                .collect(),
            Kind::Group => [Name, About, Area]
                .into_iter()
                .chain(contact_and_consent())
                .collect(),
            Kind::Place => [Name, About, Address, Area, Position, Facilities, Access]
                .into_iter()
                .chain(contact_and_consent())
                .collect(),
            Kind::Gift => vec![
                Owner,
                GiftMode,
                GiftKind,
                Skills,
                Tags,
                InTheirWords,
                Availability,
                Expires,
                Visibility,
            ],
            Kind::Activity => vec![
                Name, About, Group, Place, Schedule, Skills, Tags, Visibility,
            ],
            Kind::Connection => vec![
                From,
                ConnectionKind,
                To,
                Status,
                Need,
                Date,
                Due,
                Note,
                Visibility,
            ],
            Kind::Session => vec![Activity, Date, Place, Came, Attendees, Note, Visibility],
            Kind::Hours => vec![
                Giver, Receivers, Time, Date, ForWhat, Nature, Note, Visibility,
            ],
            Kind::Area => vec![Name, Position, Visibility],
        }
    }

    /// Whether a person picks it from one version; consent is kept from
    /// every version instead.
    pub fn picked(self) -> bool {
        self != Part::Agreed
    }

    /// What `record` says of it, in words (empty when it says nothing).
    pub fn words(self, record: &Record, names: &Names) -> String {
        use Record as R;
        let names = &*record.names_known(names);
        let name = |id: &DocId| name_or_gone(names, id);
        let maybe = |id: &Option<DocId>| id.as_ref().map(name).unwrap_or_default();
        let day = |d: &jiff::civil::Date| d.strftime("%-d %b %Y").to_string();
        match (self, record) {
            (Part::Name, r) => r.name().unwrap_or_default().to_owned(),
            (Part::About, R::Group(g)) => g.description.clone(),
            (Part::About, R::Place(p)) => p.description.clone(),
            (Part::About, R::Activity(a)) => a.description.clone(),
            (Part::Area, R::Person(p)) => p.area.clone(),
            (Part::Area, R::Group(g)) => g.area.clone(),
            (Part::Area, R::Place(p)) => p.area.clone(),
            (Part::Address, R::Place(p)) => p
                .address
                .iter()
                .flat_map(|a| a.lines.iter().chain([&a.town, &a.postcode]))
                .filter(|s| !s.trim().is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            (Part::Position, R::Place(p)) => p.location.map(|l| l.to_string()).unwrap_or_default(),
            (Part::Position, R::Area(a)) => a.location.to_string(),
            (Part::Facilities, R::Place(p)) => p.facilities.join(", "),
            (Part::Access, R::Place(p)) => p.accessibility.clone(),
            (Part::Languages, R::Person(p)) => p.languages.join(", "),
            (Part::AccessNeeds, R::Person(p)) => p.access_needs.clone(),
            (Part::Notes, R::Person(p)) => p.notes.clone(),
            (Part::Contact(kind), r) => contacts(r)
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| match c.label.trim() {
                    "" => c.value.clone(),
                    label => format!("{} ({label})", c.value),
                })
                .collect::<Vec<_>>()
                .join(", "),
            (Part::Agreed, r) => {
                let consents = r.contact_details().map(|(_, k)| k).unwrap_or_default();
                Purpose::ALL
                    .into_iter()
                    .filter(|p| consents_to(consents, *p))
                    .map(Purpose::label)
                    .collect::<Vec<_>>()
                    .join("; ")
            }
            (Part::Owner, R::Gift(g)) => name(&g.owner),
            (Part::GiftMode, R::Gift(g)) => g.mode.label().to_owned(),
            (Part::GiftKind, R::Gift(g)) => g.kind.explained().to_owned(),
            (Part::Skills, r) => r.skills().join(", "),
            (Part::Tags, r) => r.tags().join(", "),
            (Part::InTheirWords, R::Gift(g)) => g.description.clone(),
            (Part::Availability, R::Gift(g)) => g.availability.clone(),
            (Part::Expires, R::Gift(g)) => g.expires.as_ref().map(day).unwrap_or_default(),
            (Part::Group, R::Activity(a)) => maybe(&a.group),
            (Part::Place, R::Activity(a)) => maybe(&a.place),
            (Part::Place, R::Session(s)) => maybe(&s.place),
            (Part::Schedule, R::Activity(a)) => {
                let s = &a.schedule;
                let time =
                    |t: &Option<jiff::civil::Time>| t.map(|t| t.strftime("%H:%M").to_string());
                let hours = match (time(&s.starts), time(&s.ends)) {
                    (Some(a), Some(b)) => format!("{a} to {b}"),
                    (Some(a), None) => format!("from {a}"),
                    (None, Some(b)) => format!("until {b}"),
                    (None, None) => String::new(),
                };
                let dates = [
                    s.from.as_ref().map(|d| format!("starting {}", day(d))),
                    s.until.as_ref().map(|d| format!("ending {}", day(d))),
                ];
                [schedule_words(s), hours, s.note.clone()]
                    .into_iter()
                    .chain(dates.into_iter().flatten())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
            (Part::From, R::Connection(c)) => name(&c.from),
            (Part::To, R::Connection(c)) => name(&c.to),
            (Part::ConnectionKind, R::Connection(c)) => c.kind.label().to_owned(),
            (Part::Status, R::Connection(c)) => c.status.label().to_owned(),
            (Part::Need, R::Connection(c)) => maybe(&c.need),
            (Part::Activity, R::Session(s)) => name(&s.activity),
            (Part::Giver, R::Hours(h)) => name(&h.giver),
            (Part::Receivers, R::Hours(h)) => people(&h.receivers, names),
            (Part::Time, R::Hours(h)) => time_words(u64::from(h.minutes)),
            (Part::ForWhat, R::Hours(h)) => maybe(&h.for_what),
            (Part::Nature, R::Hours(h)) => h.nature.label().to_owned(),
            (Part::Date, R::Connection(c)) => day(&c.date),
            (Part::Date, R::Session(s)) => day(&s.date),
            (Part::Date, R::Hours(h)) => day(&h.date),
            (Part::Due, R::Connection(c)) => c.due.as_ref().map(day).unwrap_or_default(),
            (Part::Came, R::Session(s)) => s.attendee_count.to_string(),
            (Part::Attendees, R::Session(s)) => people(&s.attendees, names),
            (Part::Note, R::Connection(c)) => c.note.clone(),
            (Part::Note, R::Session(s)) => s.note.clone(),
            (Part::Note, R::Hours(h)) => h.description.clone(),
            (Part::Visibility, r) => r.meta().visibility.label().to_owned(),
            _ => String::new(),
        }
    }

    /// Makes `to` say what `from` says of it (both of one kind).
    fn take(self, to: &mut Record, from: &Record) {
        use Record as R;
        macro_rules! copy {
            ($($kind:ident . $field:ident),+) => {
                match (&mut *to, from) {
                    $((R::$kind(t), R::$kind(f)) => t.$field = f.$field.clone(),)+
                    _ => {}
                }
            };
        }
        match self {
            Part::Name => copy!(
                Person.name,
                Group.name,
                Place.name,
                Activity.name,
                Area.code
            ),
            Part::About => copy!(Group.description, Place.description, Activity.description),
            Part::Area => copy!(Person.area, Group.area, Place.area),
            Part::Address => copy!(Place.address),
            Part::Position => copy!(Place.location, Area.location),
            Part::Facilities => copy!(Place.facilities),
            Part::Access => copy!(Place.accessibility),
            Part::Languages => copy!(Person.languages),
            Part::AccessNeeds => copy!(Person.access_needs),
            Part::Notes => copy!(Person.notes),
            Part::Contact(kind) => {
                let theirs: Vec<ContactMethod> = contacts(from)
                    .iter()
                    .filter(|c| c.kind == kind)
                    .cloned()
                    .collect();
                if let Some(mine) = contacts_mut(to) {
                    mine.retain(|c| c.kind != kind);
                    mine.extend(theirs);
                }
            }
            Part::Agreed => {}
            Part::Owner => copy!(Gift.owner),
            Part::GiftMode => copy!(Gift.mode),
            Part::GiftKind => copy!(Gift.kind),
            Part::Skills => copy!(Gift.skills, Activity.skills),
            Part::Tags => copy!(Gift.tags, Activity.tags),
            Part::InTheirWords => copy!(Gift.description),
            Part::Availability => copy!(Gift.availability),
            Part::Expires => copy!(Gift.expires),
            Part::Group => copy!(Activity.group),
            Part::Place => copy!(Activity.place, Session.place),
            Part::Schedule => copy!(Activity.schedule),
            Part::From => copy!(Connection.from),
            Part::To => copy!(Connection.to),
            Part::ConnectionKind => copy!(Connection.kind),
            Part::Status => copy!(Connection.status),
            Part::Need => copy!(Connection.need),
            Part::Activity => copy!(Session.activity),
            Part::Giver => copy!(Hours.giver),
            Part::Receivers => copy!(Hours.receivers),
            Part::Time => copy!(Hours.minutes),
            Part::ForWhat => copy!(Hours.for_what),
            Part::Nature => copy!(Hours.nature),
            Part::Date => copy!(Connection.date, Session.date, Hours.date),
            Part::Due => copy!(Connection.due),
            Part::Came => copy!(Session.attendee_count),
            Part::Attendees => copy!(Session.attendees),
            Part::Note => copy!(Connection.note, Session.note, Hours.description),
            Part::Visibility => to.meta_mut().visibility = from.meta().visibility,
        }
    }
}

/// People by name, in the order of the alphabet: "Bea and Cal".
fn people(ids: &[DocId], names: &Names) -> String {
    let mut all: Vec<String> = ids.iter().map(|id| name_or_gone(names, id)).collect();
    all.sort_by_key(|n| n.to_lowercase());
    listed(&all)
}

fn contacts(record: &Record) -> &[ContactMethod] {
    record.contact_details().map(|(c, _)| c).unwrap_or_default()
}

fn contacts_mut(record: &mut Record) -> Option<&mut Vec<ContactMethod>> {
    match record {
        Record::Person(p) => Some(&mut p.contacts),
        Record::Group(g) => Some(&mut g.contacts),
        Record::Place(p) => Some(&mut p.contacts),
        _ => None,
    }
}

fn consents_mut(record: &mut Record) -> Option<&mut Vec<Consent>> {
    match record {
        Record::Person(p) => Some(&mut p.consents),
        Record::Group(g) => Some(&mut g.consents),
        Record::Place(p) => Some(&mut p.consents),
        _ => None,
    }
}

/// A field the versions say differently, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub part: Part,
    pub label: &'static str,
    /// What each version says, in the versions' order; "(blank)" for
    /// nothing.
    pub values: Vec<String>,
}

/// One record's versions, the one every device shows first: what a
/// person compares and chooses from.
#[derive(Debug, Clone, PartialEq)]
pub struct Versions {
    pub id: DocId,
    /// The version every device shows: a choice is saved on it.
    pub winner: Rev,
    /// The winner's record first, then each other live version.
    pub records: Vec<Record>,
    /// Names of the records they refer to.
    pub names: Names,
}

/// What a person chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// One version as it is (by its place in `Versions::records`).
    Whole(usize),
    /// For each field picked, the version it comes from; a field not
    /// picked keeps what the first version says.
    Fields(BTreeMap<Part, usize>),
}

impl Versions {
    /// What a list calls the record: a name, a log entry in words, a gift
    /// by what it is.
    pub fn title(&self) -> String {
        title(&self.records[0], &self.names)
    }

    /// Every field the versions say differently, in the order the kind's
    /// page shows them.
    pub fn differences(&self) -> Vec<Difference> {
        Part::of(self.id.kind())
            .into_iter()
            .filter_map(|part| {
                let values: Vec<String> = self
                    .records
                    .iter()
                    .map(|r| part.words(r, &self.names))
                    .collect();
                if values.iter().all(|v| *v == values[0]) {
                    return None;
                }
                Some(Difference {
                    part,
                    label: part.label(),
                    values: values
                        .into_iter()
                        .map(|v| {
                            if v.trim().is_empty() {
                                "(blank)".to_owned()
                            } else {
                                v
                            }
                        })
                        .collect(),
                })
            })
            .collect()
    }

    /// The record a choice makes: the version chosen (or the first, with
    /// the fields picked from others), with every version's consent
    /// answers and kept names, updated `now`.
    pub fn chosen(&self, choice: &Choice) -> Record {
        let base = match choice {
            Choice::Whole(i) => *i,
            Choice::Fields(_) => 0,
        };
        let mut record = self.records.get(base).unwrap_or(&self.records[0]).clone();
        if let Choice::Fields(picked) = choice {
            for (part, i) in picked {
                if let Some(from) = self.records.get(*i).filter(|_| part.picked()) {
                    part.take(&mut record, from);
                }
            }
        }
        let mut answers: Vec<Consent> = Vec::new();
        for other in &self.records {
            if let Some((_, consents)) = other.contact_details() {
                for c in consents {
                    if !answers.contains(c) {
                        answers.push(c.clone());
                    }
                }
            }
            for (id, name) in &other.meta().named {
                record
                    .meta_mut()
                    .named
                    .entry(*id)
                    .or_insert_with(|| name.clone());
            }
        }
        answers.sort_by_key(|c| c.at);
        if let Some(consents) = consents_mut(&mut record) {
            *consents = answers;
        }
        record
    }

    /// The edit that saves a choice, checked first (fields picked from
    /// different versions may not fit together: someone giving hours to
    /// themselves).
    pub fn resolve(&self, choice: &Choice, now: Timestamp) -> Result<Edit, Invalid> {
        let mut record = self.chosen(choice);
        record.meta_mut().updated = now;
        record.validate()?;
        Ok(Edit::Resolve {
            id: self.id,
            winner: self.winner.clone(),
            record,
        })
    }
}

/// What a list of records with other versions calls one: a party or
/// activity by name, a gift by what it is ("Needs: shopping"), a log
/// entry in words.
pub fn title(record: &Record, names: &Names) -> String {
    match record {
        Record::Gift(g) => format!("{}: {}", g.mode.label(), g.title()),
        r => entry_words(r, names).unwrap_or_else(|| r.title()),
    }
}

/// Who made a version and when, in words, at the device's `offset` from
/// UTC: "Changed 1 Dec 2026 at 10:05; first recorded by Sam".
pub fn made(record: &Record, offset: Offset) -> String {
    let meta = record.meta();
    let at = |t: Timestamp| {
        t.to_zoned(offset.to_time_zone())
            .strftime("%-d %b %Y at %H:%M")
            .to_string()
    };
    let by = meta.recorded_by.trim();
    match (meta.created == meta.updated, by.is_empty()) {
        (true, true) => format!("Recorded {}", at(meta.created)),
        (true, false) => format!("Recorded {} by {by}", at(meta.created)),
        (false, true) => format!("Changed {}", at(meta.updated)),
        (false, false) => format!("Changed {}; first recorded by {by}", at(meta.updated)),
    }
}

/// A record with other versions, as the list of them says it.
#[derive(Debug, Clone, PartialEq)]
pub struct Contested {
    pub id: DocId,
    pub title: String,
    /// How many versions, the one shown included.
    pub versions: usize,
}

impl Contested {
    /// "Food bank (group): 2 versions"; a log entry or a gift says what
    /// it is in its own words.
    pub fn words(&self) -> String {
        let named = match self.id.kind() {
            Kind::Gift | Kind::Connection | Kind::Session | Kind::Hours => self.title.clone(),
            kind => kind.marked(&self.title),
        };
        format!("{named}: {} versions", self.versions)
    }
}

/// What the Sync page says of them: nothing when there are none.
pub fn count_words(n: u32) -> Option<String> {
    match n {
        0 => None,
        1 => Some("1 record has two versions: choose what to keep".to_owned()),
        n => Some(format!(
            "{n} records have two versions: choose what to keep"
        )),
    }
}

#[cfg(test)]
mod tests;
