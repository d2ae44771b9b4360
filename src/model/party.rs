//! What a person's, group's or place's page shows, put together from the
//! records read for it: their gifts, connections, hours and sessions, a
//! group's activities, and any other version of them kept in conflict.
//! Plain data, so the store's query reads and this decides.

use std::collections::{BTreeMap, BTreeSet};

use super::conflict::Part;
use super::draft::Opened;
use super::id::{DocId, Kind};
use super::log::{LogLine, entry_date, newest_first};
use super::record::{Connection, Gift, Record};

/// A connection this party is part of, with the other side's name.
#[derive(Debug, Clone, PartialEq)]
pub struct Linked {
    pub id: DocId,
    pub rev: super::rev::Rev,
    pub connection: Connection,
    pub other: String,
    /// Whether this party is the one connected (`from`), not the one
    /// connected to.
    pub outgoing: bool,
}

/// Everything a party's page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyView {
    pub party: Opened<Record>,
    /// Offers first, then in the order they were recorded.
    pub gifts: Vec<Opened<Gift>>,
    /// Newest first.
    pub connections: Vec<Linked>,
    /// Hours and sessions, newest first.
    pub timeline: Vec<LogLine>,
    /// A group's activities, by name.
    pub activities: Vec<(DocId, String)>,
    /// The other live versions of the party, made apart and not yet
    /// settled (a save from a form opened before another change).
    pub versions: Vec<Record>,
    /// Records it refers to that could not be read.
    pub unreadable: u32,
}

impl PartyView {
    /// Whose names a page needs besides the party's own: everyone the
    /// connections, hours and sessions name.
    pub fn names_needed(id: DocId, linked: &[Opened<Record>]) -> BTreeSet<DocId> {
        linked
            .iter()
            .filter(|(_, _, r)| entry_date(r).is_some())
            .flat_map(|(_, _, r)| r.links())
            .filter(|other| *other != id)
            .collect()
    }

    /// The page from the party, the records that refer to it, and the
    /// names of the others they name (someone deleted since has none).
    pub fn assemble(
        party: Opened<Record>,
        linked: Vec<Opened<Record>>,
        mut names: BTreeMap<DocId, String>,
        versions: Vec<Record>,
    ) -> PartyView {
        let id = party.0;
        names.insert(id, party.2.title());
        let mut gifts: Vec<Opened<Gift>> = Vec::new();
        let mut connections = Vec::new();
        let mut timeline = Vec::new();
        let mut activities = Vec::new();
        for (linked_id, rev, record) in linked {
            match record {
                Record::Activity(a) if a.group == Some(id) => activities.push((linked_id, a.name)),
                Record::Hours(_) | Record::Session(_) => {
                    timeline.extend(LogLine::of(linked_id, &record, &names));
                }
                Record::Gift(g) if g.owner == id => gifts.push((linked_id, rev, g)),
                Record::Connection(c) => {
                    let other_id = if c.from == id { c.to } else { c.from };
                    let other = names
                        .get(&other_id)
                        .or_else(|| c.meta.named.get(&other_id))
                        .cloned()
                        .unwrap_or_else(|| "someone no longer recorded".to_owned());
                    connections.push(Linked {
                        id: linked_id,
                        rev,
                        outgoing: c.from == id,
                        connection: c,
                        other,
                    });
                }
                _ => {}
            }
        }
        connections.sort_by(|a, b| {
            (b.connection.date, b.connection.meta.created)
                .cmp(&(a.connection.date, a.connection.meta.created))
        });
        gifts.sort_by(|a, b| {
            (a.2.mode, a.2.meta.created, a.0).cmp(&(b.2.mode, b.2.meta.created, b.0))
        });
        newest_first(&mut timeline);
        activities.sort_by_key(|(_, n)| n.to_lowercase());
        PartyView {
            party,
            gifts,
            connections,
            timeline,
            activities,
            versions,
            unreadable: 0,
        }
    }

    /// Every record the page shows or names: a change to any of them
    /// redraws it.
    pub fn shown(&self) -> BTreeSet<DocId> {
        let mut ids = BTreeSet::from([self.party.0]);
        ids.extend(self.gifts.iter().map(|g| g.0));
        for c in &self.connections {
            ids.insert(c.id);
            ids.insert(c.connection.from);
            ids.insert(c.connection.to);
        }
        ids.extend(self.timeline.iter().map(|l| l.id));
        ids
    }

    pub fn is_group(&self) -> bool {
        self.party.0.kind() == Kind::Group
    }
}

/// Where `other` says something else than `shown`, each as "Name: Ada
/// King" ("Area: (blank)" when it says nothing): the fields and words the
/// screen for choosing between versions uses (`conflict`).
pub fn differences(shown: &Record, other: &Record) -> Vec<String> {
    let names = BTreeMap::new();
    Part::of(shown.kind())
        .into_iter()
        .map(|part| (part, part.words(shown, &names), part.words(other, &names)))
        .filter(|(_, mine, theirs)| mine != theirs)
        .map(|(part, _, value)| {
            if value.trim().is_empty() {
                format!("{}: (blank)", part.label())
            } else {
                format!("{}: {value}", part.label())
            }
        })
        .collect()
}

/// Whether a person being added is likely someone already recorded: the
/// same name (as lists sort it: case and spacing aside) and the same area
/// (a postcode cut to its district, as saving cuts it). The form points
/// such a record out before saving; it never refuses (two Amina Begums
/// may live in S40).
pub fn possible_duplicate(name: &str, area: &str, existing: &Record) -> bool {
    let Record::Person(p) = existing else {
        return false;
    };
    let name = super::skill::normalize(name);
    !name.is_empty()
        && super::skill::normalize(&p.name) == name
        && super::draft::area_of(area).to_lowercase()
            == super::draft::area_of(&p.area).to_lowercase()
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::model::record::{
        ConnectionKind, ConnectionStatus, Extra, GiftMode, Group, Meta, Person,
    };
    use crate::model::rev::Rev;

    fn meta() -> Meta {
        Meta::new("2026-11-27T09:30:00Z".parse().unwrap(), "Sam")
    }

    fn rev() -> Rev {
        "1-abc".parse().unwrap()
    }

    #[test]
    fn a_page_lists_gifts_connections_and_copes_with_the_missing() {
        let amina = DocId::new(Kind::Person);
        let gone = DocId::new(Kind::Person);
        let need = (
            DocId::new(Kind::Gift),
            rev(),
            Gift {
                mode: GiftMode::Need,
                ..Gift::new(amina, meta())
            },
        );
        let offer = (DocId::new(Kind::Gift), rev(), Gift::new(amina, meta()));
        let connection = Connection {
            from: amina,
            to: gone,
            kind: ConnectionKind::Referral,
            status: ConnectionStatus::Made,
            need: None,
            due: None,
            date: "2026-11-27".parse().unwrap(),
            note: String::new(),
            meta: meta(),
            extra: Extra::new(),
        };
        let c = DocId::new(Kind::Connection);
        let linked = vec![
            (need.0, need.1.clone(), Record::Gift(need.2.clone())),
            (offer.0, offer.1.clone(), Record::Gift(offer.2.clone())),
            (c, rev(), Record::Connection(connection)),
        ];
        let needed = PartyView::names_needed(amina, &linked);
        assert_eq!(needed, BTreeSet::from([gone]));
        let view = PartyView::assemble(
            (amina, rev(), Record::Person(Person::new("Amina", meta()))),
            linked,
            BTreeMap::new(),
            Vec::new(),
        );
        assert_eq!(
            view.gifts.iter().map(|g| g.0).collect::<Vec<_>>(),
            [offer.0, need.0],
            "offers first"
        );
        assert_eq!(view.connections[0].other, "someone no longer recorded");
        assert!(view.shown().contains(&gone) && view.shown().contains(&c));
    }

    #[test]
    fn two_versions_are_told_apart_by_what_differs() {
        let mine = Record::Person(Person {
            area: "S40".into(),
            ..Person::new("Ada King", meta())
        });
        let theirs = Record::Person(Person {
            area: String::new(),
            ..Person::new("Ada Lovelace", meta())
        });
        assert_eq!(
            differences(&mine, &theirs),
            ["Name: Ada Lovelace", "Area: (blank)"]
        );
        assert!(differences(&mine, &mine).is_empty());
    }

    #[test]
    fn a_gift_that_names_another_owner_is_not_this_partys() {
        let group = DocId::new(Kind::Group);
        let someone = DocId::new(Kind::Person);
        let theirs = (
            DocId::new(Kind::Gift),
            rev(),
            Record::Gift(Gift::new(someone, meta())),
        );
        let view = PartyView::assemble(
            (
                group,
                rev(),
                Record::Group(Group {
                    name: "Choir".into(),
                    description: String::new(),
                    area: String::new(),
                    contacts: Vec::new(),
                    consents: Vec::new(),
                    meta: meta(),
                    extra: Extra::new(),
                }),
            ),
            vec![theirs],
            BTreeMap::new(),
            Vec::new(),
        );
        assert!(view.gifts.is_empty());
        assert!(view.is_group());
    }

    #[test]
    fn the_same_name_in_the_same_area_is_a_possible_duplicate() {
        let amina = Record::Person(crate::model::record::Person {
            area: "S40".into(),
            ..crate::model::record::Person::new("Amina Begum", meta())
        });
        assert!(possible_duplicate("amina  begum ", "s40 1ab", &amina));
        assert!(possible_duplicate("Amina Begum", "S40", &amina));
        assert!(
            !possible_duplicate("Amina Begum", "S41", &amina),
            "another area"
        );
        assert!(
            !possible_duplicate("Amina Bégum", "S40", &amina),
            "another name"
        );
        assert!(!possible_duplicate("  ", "S40", &amina));
        let group = Record::Group(crate::model::record::Group::new(
            "Amina Begum",
            "S40",
            meta(),
        ));
        assert!(
            !possible_duplicate("Amina Begum", "S40", &group),
            "only people"
        );
    }
}
