//! The activity log as people write and read it: hours typed on one
//! screen for one giver and many receivers, and every entry told in words
//! for timelines and the log ("Amina Begum gave 1 h 30 min to Bea Gardner
//! (volunteering)").

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use jiff::civil::Date;

use super::doc::Edit;
use super::draft::Opened;
use super::id::{DocId, Kind};
use super::record::{
    Connection, ConnectionKind, ConnectionStatus, Hours, HoursNature, Invalid, Meta, Record,
    Session,
};
use super::rev::Rev;

/// Why hours as typed cannot be saved, in words for the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogError {
    #[error("Choose who gave the time.")]
    NoGiver,
    #[error("Type the time as whole hours and minutes: 1 and 30 for an hour and a half.")]
    BadTime,
    #[error("Type the date as year-month-day: 2026-11-27.")]
    BadDate,
    #[error("Choose the activity that was held.")]
    NoActivity,
    #[error("Type how many others came as a whole number, or leave it blank.")]
    BadCount,
    #[error("Choose who was connected.")]
    NoFrom,
    #[error("Choose who or what they were connected to.")]
    NoTo,
    #[error("Type the day to follow up by, as year-month-day: 2026-12-04.")]
    BadDue,
    #[error("A follow-up cannot be due before the day it was planned.")]
    DueBeforeDate,
    #[error("{0}")]
    Invalid(#[from] Invalid),
}

/// Hours as the form holds them: new, or an entry opened to change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HoursDraft {
    /// The entry as opened, when changing one already saved.
    pub base: Option<Opened<Hours>>,
    pub giver: Option<DocId>,
    /// Everyone ticked as having received the time.
    pub receivers: BTreeSet<DocId>,
    pub hours: String,
    pub minutes: String,
    /// "2026-11-27", as a date box gives it.
    pub date: String,
    pub nature: HoursNature,
    /// The gift or activity the time was given for, if any.
    pub for_what: Option<DocId>,
    pub description: String,
}

impl HoursDraft {
    /// The whole minutes typed, if they are whole numbers (blank is 0).
    pub fn total_minutes(&self) -> Result<u32, LogError> {
        let number = |typed: &str| -> Result<u32, LogError> {
            match typed.trim() {
                "" => Ok(0),
                t => t.parse::<u32>().map_err(|_| LogError::BadTime),
            }
        };
        let (h, m) = (number(&self.hours)?, number(&self.minutes)?);
        h.checked_mul(60)
            .and_then(|h| h.checked_add(m))
            .ok_or(LogError::BadTime)
    }

    /// A saved entry's fields, ready to change.
    pub fn open(id: DocId, rev: Rev, h: Hours) -> HoursDraft {
        let (hours, minutes) = (h.minutes / 60, h.minutes % 60);
        HoursDraft {
            giver: Some(h.giver),
            receivers: h.receivers.iter().copied().collect(),
            hours: as_typed(hours),
            minutes: as_typed(minutes),
            date: h.date.to_string(),
            nature: h.nature,
            for_what: h.for_what,
            description: h.description.clone(),
            base: Some((id, rev, h)),
        }
    }

    /// The entry saved (new, or the next version of the one opened),
    /// checked: the first problem stops it.
    pub fn to_edit(&self, now: Timestamp, recorded_by: &str) -> Result<(DocId, Edit), LogError> {
        let giver = self.giver.ok_or(LogError::NoGiver)?;
        let minutes = self.total_minutes()?;
        let date: Date = self.date.trim().parse().map_err(|_| LogError::BadDate)?;
        let (meta, extra) = kept(
            self.base.as_ref().map(|(_, _, h)| (&h.meta, &h.extra)),
            now,
            recorded_by,
        );
        let record = Record::Hours(Hours {
            giver,
            receivers: self.receivers.iter().copied().collect(),
            minutes,
            date,
            for_what: self.for_what,
            description: self.description.trim().to_owned(),
            nature: self.nature,
            meta,
            extra,
        });
        Ok(saved(
            self.base.as_ref().map(|(id, rev, _)| (*id, rev)),
            record,
        )?)
    }

    /// Whether the time typed is so long that it is more likely a slip
    /// (90 typed as hours instead of minutes): asked before saving.
    pub fn doubt(&self) -> Option<Doubt> {
        let minutes = self.total_minutes().ok()?;
        (minutes > LONGEST_MINUTES).then_some(Doubt::LongTime(minutes))
    }
}

/// A count as a form's box shows it opened: none is a blank box, as it
/// was left when typed.
fn as_typed(n: u32) -> String {
    if n > 0 { n.to_string() } else { String::new() }
}

/// More than this from one giver in one entry is asked about: 12 hours.
pub const LONGEST_MINUTES: u32 = 12 * 60;

/// A session is asked about when more came than the activity has ever
/// had, plus this many.
pub const MORE_THAN_EVER: u32 = 50;

/// Something typed that is possible but more likely a slip: the form asks
/// "Is that right?" before saving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Doubt {
    #[error("That is {} from one person in one entry. Is that right?", time_words(u64::from(*.0)))]
    LongTime(u32),
    #[error(
        "That is {came} people, and the most this activity has had before is {most}. Is that right?"
    )]
    ManyCame { came: u32, most: u32 },
}

/// The bookkeeping of a record saved from a form: the opened version's,
/// updated now (who first recorded it stays, and fields a newer Kith
/// wrote), or new.
fn kept(
    base: Option<(&Meta, &super::record::Extra)>,
    now: Timestamp,
    recorded_by: &str,
) -> (Meta, super::record::Extra) {
    match base {
        Some((meta, extra)) => (
            Meta {
                updated: now,
                ..meta.clone()
            },
            extra.clone(),
        ),
        None => (Meta::new(now, recorded_by), Default::default()),
    }
}

/// The edit that saves `record`: the next version of the one opened at
/// `base`, or a new record. Checked first.
fn saved(base: Option<(DocId, &Rev)>, record: Record) -> Result<(DocId, Edit), Invalid> {
    match base {
        None => created(record),
        Some((id, rev)) => {
            record.validate()?;
            Ok((
                id,
                Edit::Save {
                    id,
                    parent: Some(rev.clone()),
                    record,
                },
            ))
        }
    }
}

/// A new record, checked, as the edit that saves it, with its new id.
pub fn created(record: Record) -> Result<(DocId, Edit), Invalid> {
    record.validate()?;
    let id = DocId::new(record.kind());
    Ok((
        id,
        Edit::Save {
            id,
            parent: None,
            record,
        },
    ))
}

/// A session as the form holds it: the activity, the day, everyone ticked
/// as there, and how many more came without being named.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionDraft {
    /// The session as opened, when changing one already saved.
    pub base: Option<Opened<Session>>,
    pub activity: Option<DocId>,
    pub date: String,
    /// Where it was held, when the form says.
    pub place: Option<DocId>,
    pub attendees: BTreeSet<DocId>,
    pub others: String,
    pub note: String,
}

impl SessionDraft {
    /// Everyone who came: the named and the others.
    pub fn count(&self) -> Result<u32, LogError> {
        let others = match self.others.trim() {
            "" => 0,
            t => t.parse::<u32>().map_err(|_| LogError::BadCount)?,
        };
        (self.attendees.len() as u32)
            .checked_add(others)
            .ok_or(LogError::BadCount)
    }

    /// A saved session's fields, ready to change.
    pub fn open(id: DocId, rev: Rev, s: Session) -> SessionDraft {
        let others = s.attendee_count.saturating_sub(s.attendees.len() as u32);
        SessionDraft {
            activity: Some(s.activity),
            date: s.date.to_string(),
            place: s.place,
            attendees: s.attendees.iter().copied().collect(),
            others: as_typed(others),
            note: s.note.clone(),
            base: Some((id, rev, s)),
        }
    }

    /// The session saved (new, or the next version of the one opened),
    /// checked: the first problem stops it.
    pub fn to_edit(&self, now: Timestamp, recorded_by: &str) -> Result<(DocId, Edit), LogError> {
        let activity = self.activity.ok_or(LogError::NoActivity)?;
        let date: Date = self.date.trim().parse().map_err(|_| LogError::BadDate)?;
        let (meta, extra) = kept(
            self.base.as_ref().map(|(_, _, s)| (&s.meta, &s.extra)),
            now,
            recorded_by,
        );
        let record = Record::Session(Session {
            activity,
            date,
            place: self.place,
            attendee_count: self.count()?,
            attendees: self.attendees.iter().copied().collect(),
            note: self.note.trim().to_owned(),
            meta,
            extra,
        });
        Ok(saved(
            self.base.as_ref().map(|(id, rev, _)| (*id, rev)),
            record,
        )?)
    }

    /// Whether more came than is likely (`most`: the most the activity
    /// has had at one session before): asked before saving.
    pub fn doubt(&self, most: u32) -> Option<Doubt> {
        let came = self.count().ok()?;
        (came > most.saturating_add(MORE_THAN_EVER)).then_some(Doubt::ManyCame { came, most })
    }
}

/// A connection as the form holds it: a new one, or one opened to change
/// (most often its status, once the person went or did not).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConnectionDraft {
    /// The connection as opened, when changing one already saved.
    pub base: Option<Opened<Connection>>,
    pub from: Option<DocId>,
    /// A person, group, place or activity.
    pub to: Option<DocId>,
    pub kind: ConnectionKind,
    pub status: ConnectionStatus,
    /// The need it answered: one of `from`'s needs or wishes to learn.
    pub need: Option<DocId>,
    pub date: String,
    /// For a follow-up: the day to do it by.
    pub due: String,
    pub note: String,
}

impl ConnectionDraft {
    /// A new connection, dated today.
    pub fn new(from: Option<DocId>, today: Date) -> ConnectionDraft {
        ConnectionDraft {
            from,
            date: today.to_string(),
            ..Default::default()
        }
    }

    /// The fields of a saved connection, ready to change.
    pub fn open(id: DocId, rev: Rev, c: Connection) -> ConnectionDraft {
        ConnectionDraft {
            from: Some(c.from),
            to: Some(c.to),
            kind: c.kind,
            status: c.status,
            need: c.need,
            date: c.date.to_string(),
            due: c.due.map(|d| d.to_string()).unwrap_or_default(),
            note: c.note.clone(),
            base: Some((id, rev, c)),
        }
    }

    /// The connection saved (new, or the next version of the one opened,
    /// keeping who recorded it and anything this version of Kith does not
    /// know), checked: the first problem stops it.
    pub fn to_edit(&self, now: Timestamp, recorded_by: &str) -> Result<(DocId, Edit), LogError> {
        let from = self.from.ok_or(LogError::NoFrom)?;
        let to = self.to.ok_or(LogError::NoTo)?;
        let date: Date = self.date.trim().parse().map_err(|_| LogError::BadDate)?;
        let due = match (self.kind, self.due.trim()) {
            (ConnectionKind::FollowUp, "") => return Err(LogError::BadDue),
            // Only a follow-up has a day to be done by.
            (ConnectionKind::FollowUp, typed) => {
                Some(typed.parse::<Date>().map_err(|_| LogError::BadDue)?)
            }
            _ => None,
        };
        if due.is_some_and(|d| d < date) {
            return Err(LogError::DueBeforeDate);
        }
        let (meta, extra) = kept(
            self.base.as_ref().map(|(_, _, c)| (&c.meta, &c.extra)),
            now,
            recorded_by,
        );
        let record = Record::Connection(Connection {
            from,
            to,
            kind: self.kind,
            status: self.status,
            need: self.need,
            date,
            due,
            note: self.note.trim().to_owned(),
            meta,
            extra,
        });
        Ok(saved(
            self.base.as_ref().map(|(id, rev, _)| (*id, rev)),
            record,
        )?)
    }
}

/// A follow-up still to do: planned, not yet done, and its day has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub id: DocId,
    pub due: Date,
    /// The two it is with.
    pub with: [DocId; 2],
    /// Days past its day: 0 when due today.
    pub late: i32,
    /// Names the connection kept of those since removed.
    pub named: BTreeMap<DocId, String>,
}

impl Due {
    /// "Follow up with Bea and Cal (3 days overdue)".
    pub fn words(&self, names: &BTreeMap<DocId, String>) -> String {
        let when = match self.late {
            0 => "due today".to_owned(),
            1 => "1 day overdue".to_owned(),
            n => format!("{n} days overdue"),
        };
        let [a, b] = self.with.map(|id| match self.named.get(&id) {
            Some(kept) if !names.contains_key(&id) => kept.clone(),
            _ => name_or_gone(names, &id),
        });
        format!("Follow up with {a} and {b} ({when})")
    }
}

/// Follow-ups planned and not yet done that are due today or overdue,
/// the oldest first.
pub fn due_follow_ups(records: impl IntoIterator<Item = (DocId, Record)>, today: Date) -> Vec<Due> {
    let mut due: Vec<Due> = records
        .into_iter()
        .filter_map(|(id, record)| match record {
            Record::Connection(c)
                if c.kind == ConnectionKind::FollowUp
                    && c.status == ConnectionStatus::Suggested =>
            {
                let day = c.due.filter(|d| *d <= today)?;
                Some(Due {
                    id,
                    due: day,
                    with: [c.from, c.to],
                    late: (today - day).get_days(),
                    named: c.meta.named,
                })
            }
            _ => None,
        })
        .collect();
    due.sort_by_key(|d| (d.due, d.id));
    due
}

/// A record's name, or that it is gone (deleted since).
pub(super) fn name_or_gone(names: &BTreeMap<DocId, String>, id: &DocId) -> String {
    names.get(id).cloned().unwrap_or_else(|| {
        match id.kind() {
            Kind::Activity => "an activity no longer here",
            Kind::Group => "a group no longer here",
            Kind::Place => "a place no longer here",
            _ => "someone no longer here",
        }
        .to_owned()
    })
}

/// A follow-up done: the connection as opened, now made, today, keeping
/// who recorded it and everything else.
pub fn follow_up_done(opened: &Opened<Connection>, today: Date, now: Timestamp) -> Edit {
    let (id, rev, c) = opened;
    Edit::Save {
        id: *id,
        parent: Some(rev.clone()),
        record: Record::Connection(Connection {
            status: ConnectionStatus::Made,
            date: today,
            meta: Meta {
                updated: now,
                ..c.meta.clone()
            },
            ..c.clone()
        }),
    }
}

/// A follow-up of a connection, planned for a week from today.
pub fn plan_follow_up(
    of: &Connection,
    today: Date,
    now: Timestamp,
    recorded_by: &str,
) -> (DocId, Edit) {
    let id = DocId::new(Kind::Connection);
    let record = Record::Connection(Connection {
        from: of.from,
        to: of.to,
        kind: ConnectionKind::FollowUp,
        status: ConnectionStatus::Suggested,
        need: of.need,
        date: today,
        due: Some(today + jiff::Span::new().days(7)),
        note: String::new(),
        meta: Meta::new(now, recorded_by),
        extra: Default::default(),
    });
    (
        id,
        Edit::Save {
            id,
            parent: None,
            record,
        },
    )
}

/// A connection as its party's page says it: "Referred to the food bank"
/// on the person's page, "Amina Begum was referred here" on the food
/// bank's.
pub fn connection_line(c: &Connection, other: &str, outgoing: bool) -> String {
    let how = c.kind.verb();
    let symmetric = matches!(
        c.kind,
        ConnectionKind::Introduction | ConnectionKind::FollowUp
    );
    if outgoing || symmetric {
        format!("{}{} {other}", how[..1].to_uppercase(), &how[1..])
    } else {
        let done = how.trim_end_matches(" to");
        format!("{other} was {done} here")
    }
}

/// "1 h 30 min", "45 min", "2 h".
pub fn time_words(minutes: u64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// "Bea Gardner", "Bea Gardner and Cal Green", "Bea, Cal and Dee".
pub(super) fn listed(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A name known and not blank: a mention (the gift hours were for, where a
/// session was held) is left out rather than said as nothing.
fn known<'a>(names: &'a BTreeMap<DocId, String>, id: &DocId) -> Option<&'a String> {
    names.get(id).filter(|n| !n.trim().is_empty())
}

/// A log entry in words, with the names known; `None` for records that
/// are not log entries.
pub fn entry_words(record: &Record, names: &BTreeMap<DocId, String>) -> Option<String> {
    let names = &*record.names_known(names);
    let name = |id: &DocId| name_or_gone(names, id);
    Some(match record {
        Record::Hours(h) => {
            let mut to: Vec<String> = h.receivers.iter().map(name).collect();
            to.sort_by_key(|n| n.to_lowercase());
            let nature = h.nature.word();
            let what = h
                .for_what
                .and_then(|f| known(names, &f))
                .map(|f| format!(", for {f}"))
                .unwrap_or_default();
            format!(
                "{} gave {} to {} ({nature}{what})",
                name(&h.giver),
                time_words(u64::from(h.minutes)),
                listed(&to)
            )
        }
        Record::Connection(c) => {
            let mut words = format!(
                "{} {} {} ({})",
                name(&c.from),
                c.kind.verb(),
                name(&c.to),
                c.status.word()
            );
            if let Some(need) = c.need.and_then(|n| known(names, &n)) {
                words.push_str(&format!(", for: {need}"));
            }
            words
        }
        Record::Session(s) => {
            let came = match s.attendee_count {
                1 => "1 came".to_owned(),
                n => format!("{n} came"),
            };
            match s.place.and_then(|p| known(names, &p)) {
                Some(place) => format!("{} held at {place}: {came}", name(&s.activity)),
                None => format!("{} held: {came}", name(&s.activity)),
            }
        }
        _ => return None,
    })
}

/// One line of the overall log: an entry in words, with what narrows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    pub id: DocId,
    pub kind: Kind,
    pub date: Date,
    pub created: Timestamp,
    pub words: String,
    /// The worker who recorded it, as they named themselves.
    pub by: String,
    /// Everyone and everything the entry names.
    pub links: Vec<DocId>,
}

impl LogLine {
    /// The line for a log entry; `None` for records that are not entries.
    pub fn of(id: DocId, record: &Record, names: &BTreeMap<DocId, String>) -> Option<LogLine> {
        Some(LogLine {
            id,
            kind: record.kind(),
            date: entry_date(record)?,
            created: record.meta().created,
            words: entry_words(record, names)?,
            by: record.meta().recorded_by.clone(),
            links: record.links(),
        })
    }
}

/// Newest first: by date, then by when recorded.
pub fn newest_first(lines: &mut [LogLine]) {
    lines.sort_by_key(|l| std::cmp::Reverse((l.date, l.created, l.id)));
}

/// What the log is narrowed to; nothing chosen keeps everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogFilter {
    pub kind: Option<Kind>,
    /// Entries naming this person, group, place or activity.
    pub about: Option<DocId>,
    /// Entries recorded by this worker.
    pub by: Option<String>,
    /// Both days included.
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl LogFilter {
    /// How many of the choices narrow the log.
    pub fn in_use(&self) -> usize {
        [
            self.kind.is_some(),
            self.about.is_some(),
            self.by.is_some(),
            self.from.is_some(),
            self.to.is_some(),
        ]
        .into_iter()
        .filter(|on| *on)
        .count()
    }

    pub fn keeps(&self, line: &LogLine) -> bool {
        self.kind.is_none_or(|k| k == line.kind)
            && self.about.is_none_or(|id| line.links.contains(&id))
            && self.by.as_ref().is_none_or(|by| *by == line.by)
            && self.from.is_none_or(|d| line.date >= d)
            && self.to.is_none_or(|d| line.date <= d)
    }

    /// The first `limit` lines kept (in the order given), and how many
    /// more are kept beyond them.
    pub fn page(&self, lines: &[LogLine], limit: usize) -> (Vec<LogLine>, usize) {
        let mut kept = lines.iter().filter(|l| self.keeps(l));
        let page = kept.by_ref().take(limit).cloned().collect();
        (page, kept.count())
    }
}

/// The date a log entry happened on.
pub fn entry_date(record: &Record) -> Option<Date> {
    match record {
        Record::Hours(h) => Some(h.date),
        Record::Connection(c) => Some(c.date),
        Record::Session(s) => Some(s.date),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use jiff::civil::date;

    fn now() -> Timestamp {
        "2026-11-27T09:30:00Z".parse().unwrap()
    }

    #[test]
    fn ninety_typed_as_hours_is_asked_about_and_a_saved_entry_is_changed_as_its_next_version() {
        let (mut typed, _) = draft();
        assert_eq!(typed.doubt(), None, "an hour and a half is ordinary");
        typed.hours = "90".into();
        typed.minutes = String::new();
        let doubt = typed.doubt().unwrap();
        assert_eq!(doubt, Doubt::LongTime(90 * 60));
        assert_eq!(
            doubt.to_string(),
            "That is 90 h from one person in one entry. Is that right?"
        );
        typed.hours = "12".into();
        assert_eq!(
            typed.doubt(),
            None,
            "twelve hours is a long day, not a slip"
        );

        // Saved by Sam, opened by Kim, changed to 90 minutes.
        let (_, edit) = draft().0.to_edit(now(), "Sam").unwrap();
        let (id, Some(Record::Hours(saved))) = (edit.id(), edit.record().cloned()) else {
            panic!("hours")
        };
        let rev: Rev = "1-967a00dff5e02add41819138abb3284d".parse().unwrap();
        let mut opened = HoursDraft::open(id, rev.clone(), saved.clone());
        assert_eq!(
            (opened.hours.as_str(), opened.minutes.as_str()),
            ("1", "30")
        );
        opened.hours = String::new();
        opened.minutes = "90".into();
        let later = now() + jiff::SignedDuration::from_hours(1);
        let (
            same,
            Edit::Save {
                parent,
                record: Record::Hours(changed),
                ..
            },
        ) = opened.to_edit(later, "Kim").unwrap()
        else {
            panic!("a save")
        };
        assert_eq!((same, parent), (id, Some(rev)));
        assert_eq!(changed.minutes, 90);
        assert_eq!(changed.meta.recorded_by, "Sam", "who recorded it stays");
        assert_eq!(
            (changed.meta.created, changed.meta.updated),
            (saved.meta.created, later)
        );
    }

    #[test]
    fn a_session_with_far_more_than_ever_is_asked_about() {
        let draft = SessionDraft {
            activity: Some(DocId::new(Kind::Activity)),
            date: "2026-11-27".into(),
            others: "80".into(),
            ..Default::default()
        };
        assert_eq!(draft.doubt(30), None, "80 is within 50 of 30");
        let doubt = draft.doubt(12).unwrap();
        assert_eq!(
            doubt.to_string(),
            "That is 80 people, and the most this activity has had before is 12. Is that right?"
        );
        assert_eq!(draft.doubt(0), Some(Doubt::ManyCame { came: 80, most: 0 }));
    }

    fn draft() -> (HoursDraft, Vec<DocId>) {
        let p: Vec<DocId> = (0..4).map(|_| DocId::new(Kind::Person)).collect();
        let draft = HoursDraft {
            base: None,
            giver: Some(p[0]),
            receivers: p[1..].iter().copied().collect(),
            hours: "1".into(),
            minutes: " 30 ".into(),
            date: "2026-11-27".into(),
            nature: HoursNature::Volunteering,
            for_what: None,
            description: " Gardening morning ".into(),
        };
        (draft, p)
    }

    #[test]
    fn hours_for_three_are_one_entry_with_every_receiver() {
        let (draft, p) = draft();
        let (id, edit) = draft.to_edit(now(), "Sam").unwrap();
        let Edit::Save {
            id: saved,
            parent: None,
            record: Record::Hours(h),
        } = edit
        else {
            panic!("a new hours entry")
        };
        assert_eq!(saved, id);
        let mut expected = p[1..].to_vec();
        expected.sort();
        assert_eq!(h.receivers, expected);
        assert_eq!(
            (h.giver, h.minutes, h.date, h.description.as_str()),
            (p[0], 90, date(2026, 11, 27), "Gardening morning")
        );
        assert_eq!(h.meta.recorded_by, "Sam");
    }

    #[test]
    fn what_cannot_be_saved_says_why() {
        let (mut d, _) = draft();
        d.giver = None;
        assert_eq!(d.to_edit(now(), "").unwrap_err(), LogError::NoGiver);
        let (mut d, _) = draft();
        d.hours = "1.5".into();
        assert_eq!(d.to_edit(now(), "").unwrap_err(), LogError::BadTime);
        let (mut d, _) = draft();
        (d.hours, d.minutes) = (String::new(), "0".into());
        assert_eq!(
            d.to_edit(now(), "").unwrap_err().to_string(),
            "Hours need some time: at least one minute."
        );
        let (mut d, _) = draft();
        d.receivers.clear();
        assert_eq!(
            d.to_edit(now(), "").unwrap_err(),
            LogError::Invalid(Invalid::NoReceivers)
        );
        let (mut d, _) = draft();
        let giver = d.giver.unwrap();
        d.receivers.insert(giver);
        assert_eq!(
            d.to_edit(now(), "").unwrap_err(),
            LogError::Invalid(Invalid::GaveToSelf)
        );
        let (mut d, _) = draft();
        d.date = "27/11/2026".into();
        assert_eq!(d.to_edit(now(), "").unwrap_err(), LogError::BadDate);
    }

    #[test]
    fn a_session_counts_the_named_and_the_others() {
        let people: BTreeSet<DocId> = (0..3).map(|_| DocId::new(Kind::Person)).collect();
        let singing = DocId::new(Kind::Activity);
        let mut draft = SessionDraft {
            base: None,
            activity: Some(singing),
            date: "2026-11-27".into(),
            place: None,
            attendees: people.clone(),
            others: " 9 ".into(),
            note: String::new(),
        };
        let (
            _,
            Edit::Save {
                record: Record::Session(s),
                ..
            },
        ) = draft.to_edit(now(), "Sam").unwrap()
        else {
            panic!("a session")
        };
        assert_eq!(
            (s.activity, s.attendee_count, s.attendees.len()),
            (singing, 12, 3)
        );
        let mut names: BTreeMap<DocId, String> = BTreeMap::new();
        names.insert(singing, "Friday singing".into());
        assert_eq!(
            entry_words(&Record::Session(s), &names).unwrap(),
            "Friday singing held: 12 came"
        );
        draft.others = "a few".into();
        assert_eq!(draft.to_edit(now(), "").unwrap_err(), LogError::BadCount);
        draft.others.clear();
        draft.activity = None;
        assert_eq!(draft.to_edit(now(), "").unwrap_err(), LogError::NoActivity);
    }

    #[test]
    fn a_planned_follow_up_is_due_a_week_later_until_it_is_done() {
        let (bea, cal) = (DocId::new(Kind::Person), DocId::new(Kind::Person));
        let made = Connection {
            from: bea,
            to: cal,
            kind: ConnectionKind::Introduction,
            status: ConnectionStatus::Made,
            need: None,
            date: date(2026, 11, 20),
            due: None,
            note: String::new(),
            meta: Meta::new(now(), "Sam"),
            extra: Default::default(),
        };
        let (id, Edit::Save { record, .. }) =
            plan_follow_up(&made, date(2026, 11, 20), now(), "Sam")
        else {
            panic!("a new follow-up")
        };
        let names: BTreeMap<DocId, String> =
            [(bea, "Bea".to_owned()), (cal, "Cal".to_owned())].into();
        let due = |today| due_follow_ups([(id, record.clone())], today);
        assert_eq!(due(date(2026, 11, 26)), []);
        assert_eq!(
            due(date(2026, 11, 27))[0].words(&names),
            "Follow up with Bea and Cal (due today)"
        );
        assert_eq!(
            due(date(2026, 11, 30))[0].words(&names),
            "Follow up with Bea and Cal (3 days overdue)"
        );
        let Record::Connection(mut done) = record else {
            panic!()
        };
        done.status = ConnectionStatus::Made;
        assert_eq!(
            due_follow_ups([(id, Record::Connection(done))], date(2026, 11, 30)),
            [],
            "a follow-up done is no longer due"
        );
    }

    fn connection_draft() -> (ConnectionDraft, DocId, DocId, DocId) {
        let (amina, food) = (DocId::new(Kind::Person), DocId::new(Kind::Group));
        let need = DocId::new(Kind::Gift);
        let mut d = ConnectionDraft::new(Some(amina), date(2026, 11, 27));
        d.to = Some(food);
        d.kind = ConnectionKind::Referral;
        d.status = ConnectionStatus::Made;
        d.need = Some(need);
        d.note = " Tuesdays at ten ".into();
        (d, amina, food, need)
    }

    #[test]
    fn a_referral_to_a_group_keeps_the_need_it_answers_and_who_made_it() {
        let (d, amina, food, need) = connection_draft();
        let (
            id,
            Edit::Save {
                id: saved,
                parent: None,
                record: Record::Connection(c),
            },
        ) = d.to_edit(now(), "Sam").unwrap()
        else {
            panic!("a new connection")
        };
        assert_eq!(id, saved);
        assert_eq!(
            (c.from, c.to, c.kind, c.status, c.need, c.date, c.due),
            (
                amina,
                food,
                ConnectionKind::Referral,
                ConnectionStatus::Made,
                Some(need),
                date(2026, 11, 27),
                None
            )
        );
        assert_eq!(
            (c.note.as_str(), c.meta.recorded_by.as_str()),
            ("Tuesdays at ten", "Sam")
        );
        let names: BTreeMap<DocId, String> = [
            (amina, "Amina".to_owned()),
            (food, "Food bank".to_owned()),
            (need, "food".to_owned()),
        ]
        .into();
        assert_eq!(
            entry_words(&Record::Connection(c), &names).unwrap(),
            "Amina referred to Food bank (made), for: food"
        );
    }

    #[test]
    fn a_connection_that_cannot_be_saved_says_why() {
        let (d, amina, _, _) = connection_draft();
        let fails = |change: &dyn Fn(&mut ConnectionDraft)| {
            let mut d = d.clone();
            change(&mut d);
            d.to_edit(now(), "").unwrap_err()
        };
        assert_eq!(fails(&|d| d.from = None), LogError::NoFrom);
        assert_eq!(fails(&|d| d.to = None), LogError::NoTo);
        assert_eq!(
            fails(&|d| d.to = Some(amina)),
            LogError::Invalid(Invalid::ConnectedToSelf)
        );
        assert_eq!(fails(&|d| d.date = "tomorrow".into()), LogError::BadDate);
        assert_eq!(
            fails(&|d| d.kind = ConnectionKind::FollowUp),
            LogError::BadDue
        );
        assert_eq!(
            fails(&|d| {
                d.kind = ConnectionKind::FollowUp;
                d.due = "2026-11-20".into();
            }),
            LogError::DueBeforeDate
        );
    }

    #[test]
    fn a_follow_up_has_its_due_day_and_other_kinds_drop_one() {
        let (mut d, ..) = connection_draft();
        d.kind = ConnectionKind::FollowUp;
        d.status = ConnectionStatus::Suggested;
        d.due = "2026-12-04".into();
        let (id, Edit::Save { record, .. }) = d.to_edit(now(), "Sam").unwrap() else {
            panic!()
        };
        let Record::Connection(c) = &record else {
            panic!()
        };
        assert_eq!(c.due, Some(date(2026, 12, 4)));
        assert_eq!(
            due_follow_ups([(id, record.clone())], date(2026, 12, 4)).len(),
            1
        );
        d.kind = ConnectionKind::Signpost;
        let (
            _,
            Edit::Save {
                record: Record::Connection(c),
                ..
            },
        ) = d.to_edit(now(), "").unwrap()
        else {
            panic!()
        };
        assert_eq!(c.due, None);
    }

    #[test]
    fn changing_a_status_is_the_next_version_and_keeps_who_recorded_it() {
        let (d, ..) = connection_draft();
        let (
            id,
            Edit::Save {
                record: Record::Connection(mut c),
                ..
            },
        ) = d.to_edit(now(), "Sam").unwrap()
        else {
            panic!()
        };
        c.extra
            .insert("from_a_newer_kith".into(), serde_json::json!(true));
        let rev = Rev::new(1, "abc").unwrap();
        let mut opened = ConnectionDraft::open(id, rev.clone(), c.clone());
        assert_eq!(
            (opened.date.as_str(), opened.note.as_str()),
            ("2026-11-27", "Tuesdays at ten")
        );
        opened.status = ConnectionStatus::Attended;
        let later: Timestamp = "2026-12-02T15:00:00Z".parse().unwrap();
        let (
            same,
            Edit::Save {
                id: saved,
                parent,
                record: Record::Connection(changed),
            },
        ) = opened.to_edit(later, "Jo").unwrap()
        else {
            panic!()
        };
        assert_eq!((same, saved, parent), (id, id, Some(rev)));
        assert_eq!(changed.status, ConnectionStatus::Attended);
        assert_eq!(
            (
                changed.meta.created,
                changed.meta.updated,
                changed.meta.recorded_by.as_str()
            ),
            (c.meta.created, later, "Sam")
        );
        assert_eq!(changed.extra, c.extra);
    }

    #[test]
    fn hours_for_an_activity_and_a_session_at_a_place_say_so() {
        let (mut d, p) = draft();
        let singing = DocId::new(Kind::Activity);
        d.for_what = Some(singing);
        let (_, Edit::Save { record, .. }) = d.to_edit(now(), "").unwrap() else {
            panic!()
        };
        let mut names: BTreeMap<DocId, String> = BTreeMap::new();
        for (id, n) in p.iter().zip(["Amina", "Bea", "Cal", "Dee"]) {
            names.insert(*id, n.to_owned());
        }
        names.insert(singing, "Friday singing".into());
        assert_eq!(
            entry_words(&record, &names).unwrap(),
            "Amina gave 1 h 30 min to Bea, Cal and Dee (volunteering, for Friday singing)"
        );
        assert!(
            record.links().contains(&singing),
            "found on the activity's timeline"
        );
        names.insert(singing, " ".into());
        assert_eq!(
            entry_words(&record, &names).unwrap(),
            "Amina gave 1 h 30 min to Bea, Cal and Dee (volunteering)",
            "a mention with no name is left out, not said as nothing"
        );
        names.insert(singing, "Friday singing".into());
        let hall = DocId::new(Kind::Place);
        names.insert(hall, "St Mary's Hall".into());
        let session = SessionDraft {
            activity: Some(singing),
            date: "2026-11-27".into(),
            place: Some(hall),
            others: "4".into(),
            ..Default::default()
        };
        let (_, Edit::Save { record, .. }) = session.to_edit(now(), "").unwrap() else {
            panic!()
        };
        assert_eq!(
            entry_words(&record, &names).unwrap(),
            "Friday singing held at St Mary's Hall: 4 came"
        );
        assert!(
            record.links().contains(&hall),
            "found on the place's timeline"
        );
    }

    #[test]
    fn each_side_of_a_connection_reads_it_its_own_way() {
        let (d, ..) = connection_draft();
        let (
            _,
            Edit::Save {
                record: Record::Connection(mut c),
                ..
            },
        ) = d.to_edit(now(), "").unwrap()
        else {
            panic!()
        };
        assert_eq!(
            connection_line(&c, "Food bank", true),
            "Referred to Food bank"
        );
        assert_eq!(
            connection_line(&c, "Amina", false),
            "Amina was referred here"
        );
        c.kind = ConnectionKind::Signpost;
        assert_eq!(
            connection_line(&c, "Amina", false),
            "Amina was signposted here"
        );
        c.kind = ConnectionKind::Introduction;
        assert_eq!(connection_line(&c, "Amina", false), "Introduced to Amina");
    }

    #[test]
    fn the_log_narrows_then_pages_newest_first() {
        let (amina, bea) = (DocId::new(Kind::Person), DocId::new(Kind::Person));
        let names: BTreeMap<DocId, String> =
            [(amina, "Amina".to_owned()), (bea, "Bea".to_owned())].into();
        // 250 days of hours, from Amina to Bea; Sam recorded every third.
        let mut lines: Vec<LogLine> = (0..250)
            .map(|i| {
                let record = Record::Hours(Hours {
                    giver: amina,
                    receivers: vec![bea],
                    minutes: 30,
                    date: date(2026, 1, 1) + jiff::Span::new().days(i),
                    for_what: None,
                    description: String::new(),
                    nature: HoursNature::Volunteering,
                    meta: Meta::new(now(), if i % 3 == 0 { "Sam" } else { "Jo" }),
                    extra: Default::default(),
                });
                LogLine::of(DocId::new(Kind::Hours), &record, &names).unwrap()
            })
            .collect();
        // Two on the newest day: the one recorded later comes first.
        let later = Record::Hours(Hours {
            giver: bea,
            receivers: vec![amina],
            minutes: 15,
            date: date(2026, 9, 7),
            for_what: None,
            description: String::new(),
            nature: HoursNature::Volunteering,
            meta: Meta::new("2026-11-27T10:00:00Z".parse().unwrap(), "Jo"),
            extra: Default::default(),
        });
        lines.insert(
            100,
            LogLine::of(DocId::new(Kind::Hours), &later, &names).unwrap(),
        );
        newest_first(&mut lines);
        assert_eq!(lines[0].words, "Bea gave 15 min to Amina (volunteering)");
        assert_eq!(lines[1].date, date(2026, 9, 7), "the newest first");
        lines.remove(0);

        let everything = LogFilter::default();
        let (page, more) = everything.page(&lines, 100);
        assert_eq!((page.len(), more), (100, 150));
        assert_eq!(page[..], lines[..100]);
        let (page, more) = everything.page(&lines, 300);
        assert_eq!((page.len(), more), (250, 0));

        let sams = LogFilter {
            by: Some("Sam".into()),
            ..Default::default()
        };
        let (page, more) = sams.page(&lines, 50);
        assert_eq!((page.len(), more), (50, 34));
        assert!(page.iter().all(|l| l.by == "Sam"));

        let august = LogFilter {
            from: Some(date(2026, 8, 1)),
            to: Some(date(2026, 8, 31)),
            about: Some(bea),
            kind: Some(Kind::Hours),
            ..Default::default()
        };
        assert_eq!(august.page(&lines, 100).0.len(), 31, "both ends included");
        assert_eq!(
            (everything.in_use(), sams.in_use(), august.in_use()),
            (0, 1, 4)
        );
        let elsewhere = LogFilter {
            about: Some(DocId::new(Kind::Person)),
            ..Default::default()
        };
        assert_eq!(elsewhere.page(&lines, 100), (vec![], 0));
        let sessions = LogFilter {
            kind: Some(Kind::Session),
            ..Default::default()
        };
        assert_eq!(sessions.page(&lines, 100), (vec![], 0));
    }

    #[test]
    fn entries_read_as_sentences() {
        let (draft, p) = draft();
        let (_, Edit::Save { record, .. }) = draft.to_edit(now(), "Sam").unwrap() else {
            panic!()
        };
        let mut names: BTreeMap<DocId, String> = BTreeMap::new();
        for (id, n) in p.iter().zip(["Amina", "Bea", "Cal", "Dee"]) {
            names.insert(*id, n.to_owned());
        }
        assert_eq!(
            entry_words(&record, &names).unwrap(),
            "Amina gave 1 h 30 min to Bea, Cal and Dee (volunteering)"
        );
        assert_eq!(listed(&["A".into(), "B".into(), "C".into()]), "A, B and C");
        assert_eq!(time_words(45), "45 min");
        assert_eq!(time_words(120), "2 h");
        assert_eq!(entry_date(&record), Some(date(2026, 11, 27)));
    }
}

/// A group's regular activity as typed: its name, where, which days, when.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityDraft {
    /// The activity as opened, when changing one already saved.
    pub base: Option<Opened<super::record::Activity>>,
    pub group: DocId,
    pub name: String,
    pub place: Option<DocId>,
    pub days: BTreeSet<super::record::Weekday>,
    /// "10:30", as a time box gives it; blank for none.
    pub starts: String,
    pub ends: String,
    /// Separated by commas.
    pub skills: String,
}

/// Why an activity as typed cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActivityError {
    #[error("Type a time as hours and minutes: 10:30.")]
    BadTime,
    #[error("{0}")]
    Invalid(#[from] Invalid),
}

impl ActivityDraft {
    /// A new activity of `group`, nothing typed yet.
    pub fn new(group: DocId) -> ActivityDraft {
        ActivityDraft {
            base: None,
            group,
            name: String::new(),
            place: None,
            days: BTreeSet::new(),
            starts: String::new(),
            ends: String::new(),
            skills: String::new(),
        }
    }

    /// A saved activity's fields, ready to change; `None` for one with no
    /// group (Kith adds activities to groups).
    pub fn open(id: DocId, rev: Rev, a: super::record::Activity) -> Option<ActivityDraft> {
        let time = |t: Option<jiff::civil::Time>| {
            t.map(|t| t.strftime("%H:%M").to_string())
                .unwrap_or_default()
        };
        Some(ActivityDraft {
            group: a.group?,
            name: a.name.clone(),
            place: a.place,
            days: a.schedule.days.iter().copied().collect(),
            starts: time(a.schedule.starts),
            ends: time(a.schedule.ends),
            skills: a.skills.join(", "),
            base: Some((id, rev, a)),
        })
    }

    /// The activity saved (new, or the next version of the one opened,
    /// keeping what this form does not show), checked.
    pub fn to_edit(
        &self,
        now: Timestamp,
        recorded_by: &str,
    ) -> Result<(DocId, Edit), ActivityError> {
        let time = |typed: &str| -> Result<Option<jiff::civil::Time>, ActivityError> {
            match typed.trim() {
                "" => Ok(None),
                t => t.parse().map(Some).map_err(|_| ActivityError::BadTime),
            }
        };
        let days: Vec<_> = self.days.iter().copied().collect();
        let old = self.base.as_ref().map(|(_, _, a)| a);
        let (mut meta, extra) = kept(old.map(|a| (&a.meta, &a.extra)), now, recorded_by);
        if old.is_none() {
            // A group's activity is there to be found.
            meta.visibility = super::record::Visibility::Community;
        }
        let schedule = old.map(|a| a.schedule.clone()).unwrap_or_default();
        let record = Record::Activity(super::record::Activity {
            name: self.name.trim().to_owned(),
            description: old.map(|a| a.description.clone()).unwrap_or_default(),
            group: Some(self.group),
            place: self.place,
            schedule: super::record::Schedule {
                repeats: match (days.is_empty(), schedule.repeats) {
                    (true, _) => super::record::Repeats::Once,
                    (false, super::record::Repeats::Once) => super::record::Repeats::Weekly,
                    (false, repeats) => repeats,
                },
                days,
                starts: time(&self.starts)?,
                ends: time(&self.ends)?,
                ..schedule
            },
            skills: super::skill::normalize_all(
                &self
                    .skills
                    .split(',')
                    .map(str::to_owned)
                    .collect::<Vec<_>>(),
            ),
            tags: old.map(|a| a.tags.clone()).unwrap_or_default(),
            meta,
            extra,
        });
        Ok(saved(
            self.base.as_ref().map(|(id, rev, _)| (*id, rev)),
            record,
        )?)
    }
}

#[cfg(test)]
mod activity_tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::model::record::{Repeats, Weekday};

    #[test]
    fn an_activity_changed_keeps_what_the_form_does_not_show() {
        let group = DocId::new(Kind::Group);
        let now: Timestamp = "2026-11-27T09:30:00Z".parse().unwrap();
        let mut draft = ActivityDraft::new(group);
        draft.name = "Walk".into();
        draft.days = [Weekday::Tuesday].into();
        let (id, edit) = draft.to_edit(now, "Sam").unwrap();
        let Some(Record::Activity(mut saved)) = edit.record().cloned() else {
            panic!("an activity")
        };
        saved.description = "Gentle, an hour".into();
        saved.schedule.note = "Not in August".into();
        saved.schedule.repeats = Repeats::Fortnightly;
        let rev: Rev = "1-967a00dff5e02add41819138abb3284d".parse().unwrap();
        let mut opened = ActivityDraft::open(id, rev, saved).unwrap();
        assert_eq!(opened.name, "Walk");
        opened.starts = "10:00".into();
        let (_, edit) = opened.to_edit(now, "Kim").unwrap();
        let Some(Record::Activity(a)) = edit.record() else {
            panic!("an activity")
        };
        assert_eq!(a.description, "Gentle, an hour");
        assert_eq!(a.schedule.note, "Not in August");
        assert_eq!(a.schedule.repeats, Repeats::Fortnightly);
        assert_eq!(a.schedule.starts, Some(jiff::civil::time(10, 0, 0, 0)));
        assert_eq!(a.meta.recorded_by, "Sam");
    }

    #[test]
    fn an_activity_keeps_its_group_days_times_and_skills() {
        let group = DocId::new(Kind::Group);
        let mut draft = ActivityDraft {
            base: None,
            group,
            name: " Friday singing ".into(),
            place: None,
            days: [Weekday::Friday].into(),
            starts: "10:30".into(),
            ends: "12:00".into(),
            skills: "Singing, , choir".into(),
        };
        let now: Timestamp = "2026-11-27T09:30:00Z".parse().unwrap();
        let (
            _,
            Edit::Save {
                record: Record::Activity(a),
                ..
            },
        ) = draft.to_edit(now, "Sam").unwrap()
        else {
            panic!("an activity")
        };
        assert_eq!((a.name.as_str(), a.group), ("Friday singing", Some(group)));
        assert_eq!(
            (a.schedule.repeats, a.schedule.days.as_slice()),
            (Repeats::Weekly, &[Weekday::Friday][..])
        );
        assert_eq!(
            a.schedule.starts.map(|t| t.to_string()),
            Some("10:30:00".into())
        );
        assert_eq!(a.skills, ["singing", "choir"]);
        draft.starts = "half ten".into();
        assert_eq!(draft.to_edit(now, "").unwrap_err(), ActivityError::BadTime);
        draft.starts.clear();
        draft.name = "  ".into();
        assert_eq!(
            draft.to_edit(now, "").unwrap_err().to_string(),
            "A name is needed."
        );
    }
}
