//! What a person types into a form, before it becomes records: plain text,
//! checked and turned into records in one go, so a form never saves half.

use std::collections::BTreeSet;

use jiff::Timestamp;

use super::contact::{Email, Phone};
use super::doc::Edit;
use super::id::{DocId, Kind};
use super::record::{
    Address, Consent, ConsentHow, ContactKind, ContactMethod, Gift, GiftKind, GiftMode, Group,
    Invalid, LatLon, Meta, Person, Place, Purpose, Record, Visibility, check_name, consents_to,
    latest_consent,
};
use super::rev::Rev;
use super::skill;

/// A record as opened for editing: the version an edit is based on.
pub type Opened<T> = (DocId, Rev, T);

/// One gift as typed: what kind, offered or needed, which skills, in words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GiftDraft {
    /// The gift as opened, when editing one already saved.
    pub base: Option<Opened<Gift>>,
    pub kind: GiftKind,
    pub mode: GiftMode,
    pub skills: Vec<String>,
    /// Free words to find it by: "lunch club", "weekends".
    pub tags: Vec<String>,
    pub description: String,
    /// When, in their words: "Tuesday mornings".
    pub availability: String,
}

impl GiftDraft {
    /// The fields of a saved gift, ready to edit.
    pub fn open(id: DocId, rev: Rev, gift: Gift) -> GiftDraft {
        GiftDraft {
            kind: gift.kind,
            mode: gift.mode,
            skills: gift.skills.clone(),
            tags: gift.tags.clone(),
            description: gift.description.clone(),
            availability: gift.availability.clone(),
            base: Some((id, rev, gift)),
        }
    }

    /// A row left as it was opened says nothing and is not saved.
    pub fn is_blank(&self) -> bool {
        skill::normalize_all(&self.skills).is_empty()
            && tidy_tags(&self.tags).is_empty()
            && self.description.trim().is_empty()
    }
}

/// A person, group or place as typed on a doorstep: only the name is
/// needed. Fields a kind does not have are ignored for it.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyDraft {
    /// Person, group or place.
    pub kind: Kind,
    /// The record as opened, when editing one already saved.
    pub base: Option<Opened<Record>>,
    /// Saved gifts removed from the form.
    pub removed: Vec<(DocId, Rev)>,
    pub name: String,
    /// A person's or group's area (a postcode is cut to its district).
    pub area: String,
    /// A group's or place's few words about itself.
    pub description: String,
    /// A place's address; its postcode also gives its area.
    pub street: String,
    pub town: String,
    pub postcode: String,
    /// A place's facilities, separated by commas.
    pub facilities: String,
    pub accessibility: String,
    /// A place's position on the map, "53.2350, -1.4210"; blank for none.
    pub location: String,
    pub phone: String,
    pub email: String,
    /// A postal address to reach them by (a group's or person's; a place's
    /// own address is its address).
    pub post: String,
    /// Any other way: "WhatsApp", "through their daughter, 07700 900789".
    pub other: String,
    /// The languages a person speaks, separated by commas.
    pub languages: String,
    /// The way to try first; `None` keeps the one chosen before.
    pub preferred: Option<ContactKind>,
    pub gifts: Vec<GiftDraft>,
    /// Who may see them.
    pub visibility: Visibility,
    /// The purposes agreed to, as the form shows them now.
    pub agreed: BTreeSet<Purpose>,
    /// How consent was given or withdrawn this time, and the words used.
    pub consent_how: ConsentHow,
    pub consent_wording: String,
}

/// The words a worker reads out (or shows) when asking for consent.
pub const CONSENT_WORDING: &str = "We keep your name, area and how to reach you so that we can connect you with people, groups and places nearby. You choose who sees them, and you can ask us to change or remove them at any time.";

impl Default for PartyDraft {
    fn default() -> PartyDraft {
        PartyDraft::new(Kind::Person)
    }
}

impl PartyDraft {
    /// An empty form for a new person, group or place.
    pub fn new(kind: Kind) -> PartyDraft {
        PartyDraft {
            kind,
            base: None,
            removed: Vec::new(),
            name: String::new(),
            area: String::new(),
            description: String::new(),
            street: String::new(),
            town: String::new(),
            postcode: String::new(),
            facilities: String::new(),
            accessibility: String::new(),
            location: String::new(),
            phone: String::new(),
            email: String::new(),
            post: String::new(),
            other: String::new(),
            languages: String::new(),
            preferred: None,
            gifts: Vec::new(),
            visibility: Visibility::Private,
            agreed: BTreeSet::new(),
            consent_how: ConsentHow::Verbal,
            consent_wording: CONSENT_WORDING.to_owned(),
        }
    }

    /// A saved person, group or place and their gifts, ready to edit.
    /// `None` for any other kind of record.
    pub fn open(party: Opened<Record>, gifts: Vec<Opened<Gift>>) -> Option<PartyDraft> {
        let (id, _, record) = &party;
        let (contacts, consents) = record.contact_details()?;
        let first = |kind| {
            contacts
                .iter()
                .find(|c| c.kind == kind)
                .map(|c| c.value.clone())
                .unwrap_or_default()
        };
        let mut draft = PartyDraft {
            name: record.name().unwrap_or_default().to_owned(),
            phone: first(ContactKind::Phone),
            email: first(ContactKind::Email),
            post: first(ContactKind::Address),
            other: first(ContactKind::Other),
            preferred: contacts.iter().find(|c| c.preferred).map(|c| c.kind),
            gifts: gifts
                .into_iter()
                .map(|(id, rev, g)| GiftDraft::open(id, rev, g))
                .collect(),
            visibility: record.meta().visibility,
            agreed: Purpose::ALL
                .into_iter()
                .filter(|purpose| consents_to(consents, *purpose))
                .collect(),
            ..PartyDraft::new(id.kind())
        };
        match record {
            Record::Person(p) => {
                draft.area = p.area.clone();
                draft.languages = p.languages.join(", ");
            }
            Record::Group(g) => {
                draft.area = g.area.clone();
                draft.description = g.description.clone();
            }
            Record::Place(p) => {
                draft.description = p.description.clone();
                if let Some(a) = &p.address {
                    draft.street = a.lines.join(", ");
                    draft.town = a.town.clone();
                    draft.postcode = a.postcode.clone();
                }
                draft.area = p.area.clone();
                draft.facilities = p.facilities.join(", ");
                draft.accessibility = p.accessibility.clone();
                draft.location = p.location.map(|at| at.to_string()).unwrap_or_default();
            }
            _ => return None,
        }
        draft.base = Some(party);
        Some(draft)
    }

    /// The edits that save this draft as one action: the person first,
    /// then each gift that changed; blanked or removed gifts are deleted.
    /// The first problem found, in the form's order, stops it all. Returns
    /// the person's id too.
    pub fn to_edits(
        &self,
        now: Timestamp,
        recorded_by: &str,
    ) -> Result<(DocId, Vec<Edit>), Invalid> {
        let fresh = Meta::new(now, recorded_by);
        let (id, parent, base) = match &self.base {
            Some((id, rev, record)) => (*id, Some(rev.clone()), record.clone()),
            None => (DocId::new(self.kind), None, empty(self.kind, fresh.clone())),
        };
        let person = self.apply_to(base, now, recorded_by)?;
        person.validate()?;
        let mut edits = vec![Edit::Save {
            id,
            parent,
            record: person,
        }];
        for gift in &self.gifts {
            match (&gift.base, gift.is_blank()) {
                (None, true) => {}
                (Some((gift_id, rev, _)), true) => edits.push(Edit::Delete {
                    id: *gift_id,
                    parent: rev.clone(),
                }),
                (base, false) => {
                    let (gift_id, parent, old) = match base {
                        Some((gift_id, rev, old)) => (*gift_id, Some(rev.clone()), old.clone()),
                        None => (DocId::new(Kind::Gift), None, Gift::new(id, fresh.clone())),
                    };
                    let new = Gift {
                        kind: gift.kind,
                        mode: gift.mode,
                        skills: skill::normalize_all(&gift.skills),
                        tags: tidy_tags(&gift.tags),
                        description: gift.description.trim().to_owned(),
                        availability: gift.availability.trim().to_owned(),
                        ..old.clone()
                    };
                    // An untouched gift keeps its revision: nothing to send.
                    if parent.is_some() && new == old {
                        continue;
                    }
                    let record = Record::Gift(Gift {
                        meta: Meta {
                            updated: now,
                            ..old.meta
                        },
                        ..new
                    });
                    record.validate()?;
                    edits.push(Edit::Save {
                        id: gift_id,
                        parent,
                        record,
                    });
                }
            }
        }
        edits.extend(self.removed.iter().map(|(id, rev)| Edit::Delete {
            id: *id,
            parent: rev.clone(),
        }));
        Ok((id, edits))
    }

    /// The record as this form has it: the typed fields over the record as
    /// opened, so fields the form does not show are kept. The name, a
    /// place's position, then the phone and email are checked, as the form
    /// lists them.
    fn apply_to(&self, base: Record, now: Timestamp, recorded_by: &str) -> Result<Record, Invalid> {
        let name = self.name.trim().to_owned();
        check_name(&name)?;
        let location = match (&base, self.location.trim()) {
            (Record::Place(_), typed) if !typed.is_empty() => Some(LatLon::parse(typed)?),
            _ => None,
        };
        let list = |text: &str| {
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        // What every party takes from the form alike.
        let (contacts, consents) = match base.contact_details() {
            Some((contacts, consents)) => (
                self.contacts(contacts)?,
                self.consents(consents, now, recorded_by),
            ),
            None => return Ok(base),
        };
        let meta = Meta {
            updated: now,
            visibility: self.visibility,
            ..base.meta().clone()
        };
        Ok(match base {
            Record::Person(p) => Record::Person(Person {
                name,
                area: area_of(&self.area),
                languages: list(&self.languages),
                contacts,
                consents,
                meta,
                ..p
            }),
            Record::Group(g) => Record::Group(Group {
                name,
                description: self.description.trim().to_owned(),
                area: area_of(&self.area),
                contacts,
                consents,
                meta,
                ..g
            }),
            Record::Place(p) => {
                let postcode = self
                    .postcode
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_uppercase();
                let street = self.street.trim();
                let given =
                    !(street.is_empty() && self.town.trim().is_empty() && postcode.is_empty());
                Record::Place(Place {
                    name,
                    description: self.description.trim().to_owned(),
                    address: given.then(|| Address {
                        lines: if street.is_empty() {
                            Vec::new()
                        } else {
                            vec![street.to_owned()]
                        },
                        town: self.town.trim().to_owned(),
                        postcode: postcode.clone(),
                    }),
                    // A place's postcode is public; its district is its area.
                    area: area_of(if postcode.is_empty() {
                        &self.area
                    } else {
                        &postcode
                    }),
                    facilities: list(&self.facilities),
                    accessibility: self.accessibility.trim().to_owned(),
                    location,
                    contacts,
                    consents,
                    meta,
                    ..p
                })
            }
            other => other,
        })
    }

    /// The consent history with a new event for each purpose whose box
    /// changed: given when ticked, withdrawn when unticked. Nothing ticked
    /// on a new person records nothing: no word is no consent.
    fn consents(&self, before: &[Consent], now: Timestamp, recorded_by: &str) -> Vec<Consent> {
        let mut consents = before.to_vec();
        for purpose in Purpose::ALL {
            let agreed = self.agreed.contains(&purpose);
            let was = latest_consent(before, purpose).map(|c| c.given);
            if was.unwrap_or(false) != agreed && (agreed || was.is_some()) {
                consents.push(Consent {
                    purpose,
                    given: agreed,
                    how: self.consent_how,
                    wording: self.consent_wording.trim().to_owned(),
                    recorded_by: recorded_by.to_owned(),
                    at: now,
                });
            }
        }
        consents
    }

    /// The phone, email, address and other way as typed, each in place of
    /// the first of its kind (further ones stay as they were), and the way
    /// to try first marked. A phone number or email address that is new
    /// or changed must parse; one left as it was opened is kept as it is,
    /// even if an older version let it through, so the record can still be
    /// edited.
    fn contacts(&self, before: &[ContactMethod]) -> Result<Vec<ContactMethod>, Invalid> {
        let mut contacts: Vec<ContactMethod> = before.to_vec();
        for (kind, typed) in [
            (ContactKind::Phone, &self.phone),
            (ContactKind::Email, &self.email),
            (ContactKind::Address, &self.post),
            (ContactKind::Other, &self.other),
        ] {
            let typed = typed.trim();
            let at = contacts.iter().position(|c| c.kind == kind);
            if !typed.is_empty() && at.is_some_and(|at| contacts[at].value.trim() == typed) {
                continue;
            }
            let value = checked(kind, typed)?;
            match (at, value.is_empty()) {
                (Some(at), true) => {
                    contacts.remove(at);
                }
                (Some(at), false) => contacts[at].value = value,
                (None, true) => {}
                (None, false) => contacts.push(ContactMethod {
                    kind,
                    value,
                    label: String::new(),
                    preferred: false,
                }),
            }
        }
        if let Some(kind) = self.preferred
            && contacts.iter().any(|c| c.kind == kind)
        {
            let mut marked = false;
            for c in &mut contacts {
                c.preferred = c.kind == kind && !marked;
                marked |= c.preferred;
            }
        }
        // The first way given is the one to try first, unless one was chosen.
        if !contacts.iter().any(|c| c.preferred)
            && let Some(first) = contacts.first_mut()
        {
            first.preferred = true;
        }
        Ok(contacts)
    }
}

/// A way to reach someone as it is kept: a phone number or email address
/// only once it parses (as [`Phone`] or [`Email`] tidy it), any other way
/// as typed; blank is none.
fn checked(kind: ContactKind, typed: &str) -> Result<String, Invalid> {
    Ok(match kind {
        _ if typed.is_empty() => String::new(),
        ContactKind::Phone => Phone::parse(typed)?.to_string(),
        ContactKind::Email => Email::parse(typed)?.to_string(),
        ContactKind::Address | ContactKind::Other => typed.to_owned(),
    })
}

/// Tags as typed, trimmed, blanks dropped, each once (in any case).
fn tidy_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
    {
        if !tag.is_empty() && !out.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            out.push(tag);
        }
    }
    out
}

/// A new, empty record of a party kind.
fn empty(kind: Kind, meta: Meta) -> Record {
    match kind {
        Kind::Group => Record::Group(Group::new("", "", meta)),
        Kind::Place => Record::Place(Place::new("", meta)),
        _ => Record::Person(Person::new("", meta)),
    }
}

/// The area to keep for a person: a UK postcode is cut to its district
/// ("S40 1AB" → "S40"), enough to match neighbours and not enough to find
/// a door. Anything else (a village, an estate) is kept as typed.
pub fn area_of(typed: &str) -> String {
    let compact: String = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    let upper = compact.to_uppercase();
    let outward = match upper.split_once(' ') {
        Some((out, inward)) if is_inward(inward) => out.to_owned(),
        None if upper.len() >= 5 && is_inward(&upper[upper.len() - 3..]) => {
            upper[..upper.len() - 3].to_owned()
        }
        _ => upper.clone(),
    };
    if is_outward(&outward) {
        outward
    } else {
        compact
    }
}

/// "1AB": a digit and two letters.
fn is_inward(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3
        && b[0].is_ascii_digit()
        && b[1].is_ascii_alphabetic()
        && b[2].is_ascii_alphabetic()
}

/// "S40", "SW1A", "M1": one or two letters, a digit, then a letter or digit.
fn is_outward(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let rest = &b[letters..];
    (1..=2).contains(&letters)
        && (1..=2).contains(&rest.len())
        && rest[0].is_ascii_digit()
        && rest.iter().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::model::contact::{EmailError, PhoneError};
    use crate::model::record::Field;

    fn now() -> Timestamp {
        "2026-11-27T09:30:00Z".parse().unwrap()
    }

    /// The records saved by a list of edits, in order.
    fn saved(edits: &[Edit]) -> Vec<(DocId, Record)> {
        edits
            .iter()
            .filter_map(|e| match e {
                Edit::Save { id, record, .. } => Some((*id, record.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_languages_a_person_speaks_are_kept_as_a_list_and_opened_again() {
        let draft = PartyDraft {
            name: "Ola".into(),
            languages: " Polish, , English ".into(),
            ..PartyDraft::new(Kind::Person)
        };
        let (id, edits) = draft.to_edits(now(), "Sam").unwrap();
        let (_, record) = saved(&edits).remove(0);
        let Record::Person(p) = &record else {
            panic!("a person")
        };
        assert_eq!(p.languages, ["Polish", "English"]);
        let rev: Rev = "1-967a00dff5e02add41819138abb3284d".parse().unwrap();
        let opened = PartyDraft::open((id, rev, record), vec![]).unwrap();
        assert_eq!(opened.languages, "Polish, English");
    }

    #[test]
    fn a_full_postcode_keeps_only_its_district() {
        assert_eq!(area_of("s40 1ab"), "S40");
        assert_eq!(area_of("  SW1A  2AA "), "SW1A");
        assert_eq!(area_of("m11ae"), "M1");
        assert_eq!(area_of("S40"), "S40");
        assert_eq!(area_of("s41"), "S41");
        assert_eq!(area_of("Brampton"), "Brampton");
        assert_eq!(area_of("  Old  Whittington "), "Old Whittington");
        assert_eq!(area_of(""), "");
    }

    #[test]
    fn a_person_and_three_gifts_become_four_records_linked_together() {
        let draft = PartyDraft {
            name: "  Amina Begum ".into(),
            area: "S40 1AB".into(),
            phone: "07700 900123".into(),
            email: "amina@example.org".into(),
            gifts: vec![
                GiftDraft {
                    mode: GiftMode::Offer,
                    skills: vec!["Baking".into()],
                    ..Default::default()
                },
                GiftDraft {
                    mode: GiftMode::Teach,
                    kind: GiftKind::Head,
                    skills: vec!["Bengali".into()],
                    ..Default::default()
                },
                GiftDraft {
                    mode: GiftMode::Need,
                    description: "Lifts to the surgery".into(),
                    ..Default::default()
                },
                GiftDraft::default(),
            ],
            ..Default::default()
        };
        let (person_id, edits) = draft.to_edits(now(), "Sam").unwrap();
        assert!(
            edits
                .iter()
                .all(|e| matches!(e, Edit::Save { parent: None, .. }))
        );
        let records = saved(&edits);
        assert_eq!(records.len(), 4, "the blank gift row is not saved");
        let (id, Record::Person(person)) = &records[0] else {
            panic!("person first")
        };
        assert_eq!(*id, person_id);
        assert_eq!(person.name, "Amina Begum");
        assert_eq!(person.area, "S40");
        assert_eq!(person.contacts.len(), 2);
        assert!(person.contacts[0].preferred && !person.contacts[1].preferred);
        for (id, record) in &records[1..] {
            let Record::Gift(gift) = record else {
                panic!("gifts after")
            };
            assert_eq!(id.kind(), Kind::Gift);
            assert_eq!(gift.owner, person_id);
        }
        let Record::Gift(teach) = &records[2].1 else {
            unreachable!()
        };
        assert_eq!(
            (teach.mode, teach.kind, teach.skills.as_slice()),
            (
                GiftMode::Teach,
                GiftKind::Head,
                &["bengali".to_string()][..]
            )
        );
    }

    #[test]
    fn a_draft_without_a_name_is_refused_whole() {
        let draft = PartyDraft {
            name: "   ".into(),
            gifts: vec![GiftDraft {
                skills: vec!["singing".into()],
                ..Default::default()
            }],
            ..Default::default()
        };
        assert_eq!(draft.to_edits(now(), "Sam"), Err(Invalid::NoName));
    }

    /// The ways to reach the person saved first in `edits`, as kept.
    fn contact_values(edits: &[Edit]) -> Vec<(ContactKind, String)> {
        let Some(Edit::Save {
            record: Record::Person(p),
            ..
        }) = edits.first()
        else {
            panic!("a person first: {edits:?}")
        };
        p.contacts
            .iter()
            .map(|c| (c.kind, c.value.clone()))
            .collect()
    }

    #[test]
    fn a_new_email_or_phone_must_be_one_and_is_refused_at_its_field() {
        let mut draft = PartyDraft {
            name: "Amina".into(),
            email: "x//@example.org?cc=someone@else.example&body=Hi".into(),
            ..Default::default()
        };
        let refused = draft.to_edits(now(), "Sam").unwrap_err();
        assert_eq!(
            refused,
            Invalid::Email(EmailError::Forbidden(vec!['/', '?', '&']))
        );
        assert_eq!(refused.field(), Some(Field::Email));

        draft.email = " amina@example.org ".into();
        draft.phone = "07700 CALL ME".into();
        let refused = draft.to_edits(now(), "Sam").unwrap_err();
        assert_eq!(refused, Invalid::Phone(PhoneError::NotDialable));
        assert_eq!(refused.field(), Some(Field::Phone));

        draft.phone = " +44 (0)7700  900123".into();
        let (_, edits) = draft.to_edits(now(), "Sam").unwrap();
        assert_eq!(
            contact_values(&edits),
            [
                (ContactKind::Phone, "+44 (0)7700 900123".to_owned()),
                (ContactKind::Email, "amina@example.org".to_owned()),
            ]
        );
    }

    #[test]
    fn the_first_refusal_is_of_the_first_field_on_the_form() {
        let mut draft = PartyDraft {
            name: " ".into(),
            phone: "ring me".into(),
            email: "not an address".into(),
            ..PartyDraft::new(Kind::Place)
        };
        draft.location = "north of the church".into();
        let first = |draft: &PartyDraft| draft.to_edits(now(), "Sam").unwrap_err().field();
        assert_eq!(first(&draft), Some(Field::Name));
        draft.name = "Hall".into();
        assert!(matches!(
            draft.to_edits(now(), "Sam"),
            Err(Invalid::Position(_))
        ));
        draft.location.clear();
        assert_eq!(first(&draft), Some(Field::Phone));
        draft.phone.clear();
        assert_eq!(first(&draft), Some(Field::Email));
    }

    #[test]
    fn a_saved_way_left_as_it_was_is_kept_as_it_is_and_a_changed_one_is_checked() {
        // Saved by an older version that checked nothing.
        let old_email = "x//@example.org?cc=someone@else.example";
        let old_phone = "after 6: 07700 900123";
        let mut person = Person::new("Ada", Meta::new(now(), "Sam"));
        for (kind, value) in [
            (ContactKind::Email, old_email),
            (ContactKind::Phone, old_phone),
        ] {
            person.contacts.push(ContactMethod {
                kind,
                value: value.into(),
                label: String::new(),
                preferred: false,
            });
        }
        let id = DocId::new(Kind::Person);
        let mut draft =
            PartyDraft::open((id, "1-a".parse().unwrap(), Record::Person(person)), vec![]).unwrap();
        draft.name = "Ada King".into();
        let (_, edits) = draft.to_edits(now(), "Jo").unwrap();
        assert_eq!(
            contact_values(&edits),
            [
                (ContactKind::Email, old_email.to_owned()),
                (ContactKind::Phone, old_phone.to_owned()),
            ],
            "an old record can still be edited"
        );

        draft.email = "ada@example.org?cc=someone@else.example".into();
        assert!(matches!(
            draft.to_edits(now(), "Jo"),
            Err(Invalid::Email(_))
        ));
        draft.email = "ada@example.org".into();
        let (_, edits) = draft.to_edits(now(), "Jo").unwrap();
        assert_eq!(
            contact_values(&edits),
            [
                (ContactKind::Email, "ada@example.org".to_owned()),
                (ContactKind::Phone, old_phone.to_owned()),
            ]
        );
        draft.phone.clear();
        let (_, edits) = draft.to_edits(now(), "Jo").unwrap();
        assert_eq!(contact_values(&edits).len(), 1, "an emptied way goes");
    }

    /// A saved person with two gifts, opened for editing.
    fn opened() -> PartyDraft {
        let (id, gift_a, gift_b) = (
            DocId::new(Kind::Person),
            DocId::new(Kind::Gift),
            DocId::new(Kind::Gift),
        );
        let rev = |s: &str| -> Rev { s.parse().unwrap() };
        let mut person = Person::new("Ada", Meta::new(now(), "Sam"));
        person.notes = "Prefers mornings".into();
        person.contacts = vec![
            ContactMethod {
                kind: ContactKind::Email,
                value: "ada@example.org".into(),
                label: String::new(),
                preferred: true,
            },
            ContactMethod {
                kind: ContactKind::Address,
                value: "Flat 2".into(),
                label: String::new(),
                preferred: false,
            },
        ];
        let gift = |skills: &[&str]| Gift {
            skills: skills.iter().map(|s| s.to_string()).collect(),
            ..Gift::new(id, Meta::new(now(), "Sam"))
        };
        PartyDraft::open(
            (id, rev("1-a"), Record::Person(person)),
            vec![
                (gift_a, rev("1-b"), gift(&["baking"])),
                (gift_b, rev("1-c"), gift(&["singing"])),
            ],
        )
        .expect("a person opens")
    }

    #[test]
    fn every_way_to_reach_them_is_kept_and_the_one_to_try_first_is_chosen() {
        let mut draft = opened();
        assert_eq!(
            (draft.post.as_str(), draft.preferred),
            ("Flat 2", Some(ContactKind::Email))
        );
        draft.phone = "07700 900123".into();
        draft.other = " WhatsApp ".into();
        draft.preferred = Some(ContactKind::Phone);
        let (_, edits) = draft.to_edits(now(), "Jo").unwrap();
        let Edit::Save {
            record: Record::Person(p),
            ..
        } = &edits[0]
        else {
            panic!("person first")
        };
        let ways: Vec<(ContactKind, &str, bool)> = p
            .contacts
            .iter()
            .map(|c| (c.kind, c.value.as_str(), c.preferred))
            .collect();
        assert_eq!(
            ways,
            [
                (ContactKind::Email, "ada@example.org", false),
                (ContactKind::Address, "Flat 2", false),
                (ContactKind::Phone, "07700 900123", true),
                (ContactKind::Other, "WhatsApp", false),
            ]
        );

        // The chosen way emptied: the first way left is tried first.
        let mut draft = opened();
        draft.email.clear();
        draft.preferred = Some(ContactKind::Email);
        let (_, edits) = draft.to_edits(now(), "Jo").unwrap();
        let Edit::Save {
            record: Record::Person(p),
            ..
        } = &edits[0]
        else {
            panic!("person first")
        };
        assert_eq!(p.contacts.len(), 1);
        assert!(p.contacts[0].preferred && p.contacts[0].kind == ContactKind::Address);
    }

    #[test]
    fn a_gifts_tags_are_tidied_and_a_row_with_only_tags_is_saved() {
        let mut draft = PartyDraft::new(Kind::Person);
        draft.name = "Amina".into();
        draft.gifts.push(GiftDraft {
            tags: vec![
                " lunch  club ".into(),
                "".into(),
                "Lunch Club".into(),
                "weekends".into(),
            ],
            ..GiftDraft::default()
        });
        let (_, edits) = draft.to_edits(now(), "Sam").unwrap();
        let Some(Edit::Save {
            record: Record::Gift(g),
            ..
        }) = edits.get(1)
        else {
            panic!("the gift is saved: {edits:?}")
        };
        assert_eq!(g.tags, ["lunch club", "weekends"]);
    }

    #[test]
    fn an_opened_person_shows_their_saved_fields() {
        let draft = opened();
        assert_eq!(
            (
                draft.name.as_str(),
                draft.email.as_str(),
                draft.phone.as_str()
            ),
            ("Ada", "ada@example.org", "")
        );
        assert_eq!(draft.gifts.len(), 2);
        assert_eq!(draft.gifts[1].skills, ["singing"]);
    }

    #[test]
    fn an_edit_saves_what_changed_and_keeps_what_the_form_does_not_show() {
        let mut draft = opened();
        draft.name = "Ada Lovelace".into();
        draft.phone = "07700 900123".into();
        draft.gifts[1].skills = vec!["Singing".into(), "choir".into()];
        let later: Timestamp = "2026-12-01T10:00:00Z".parse().unwrap();
        let (id, edits) = draft.to_edits(later, "Jo").unwrap();
        assert_eq!(
            edits.len(),
            2,
            "the untouched gift is left alone: {edits:?}"
        );
        let Edit::Save {
            id: saved_id,
            parent,
            record: Record::Person(p),
        } = &edits[0]
        else {
            panic!("person first")
        };
        assert_eq!(
            (*saved_id, parent.as_ref().map(Rev::to_string)),
            (id, Some("1-a".into()))
        );
        assert_eq!(p.name, "Ada Lovelace");
        assert_eq!(
            p.notes, "Prefers mornings",
            "fields the form does not show are kept"
        );
        assert_eq!(p.contacts.len(), 3);
        assert!(p.contacts[0].preferred && p.contacts[0].kind == ContactKind::Email);
        assert_eq!(
            (p.meta.created, p.meta.updated, p.meta.recorded_by.as_str()),
            (now(), later, "Sam")
        );
        let Edit::Save {
            parent,
            record: Record::Gift(g),
            ..
        } = &edits[1]
        else {
            panic!("then the gift")
        };
        assert_eq!(parent.as_ref().map(Rev::to_string), Some("1-c".into()));
        assert_eq!(g.skills, ["singing", "choir"]);
    }

    #[test]
    fn blanked_and_removed_gifts_are_deleted_and_an_emptied_contact_goes() {
        let mut draft = opened();
        draft.email.clear();
        draft.gifts[0].skills.clear();
        let (gift_b, rev_b) = draft.gifts[1]
            .base
            .as_ref()
            .map(|(id, rev, _)| (*id, rev.clone()))
            .unwrap();
        draft.removed.push((gift_b, rev_b.clone()));
        draft.gifts.remove(1);
        let (_, edits) = draft.to_edits(now(), "Sam").unwrap();
        let Edit::Save {
            record: Record::Person(p),
            ..
        } = &edits[0]
        else {
            panic!()
        };
        assert_eq!(p.contacts.len(), 1);
        assert!(
            p.contacts[0].preferred,
            "the address is now the way to reach her"
        );
        let deleted: Vec<String> = edits
            .iter()
            .filter_map(|e| match e {
                Edit::Delete { parent, .. } => Some(parent.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(deleted, ["1-b", "1-c"]);
    }

    #[test]
    fn ticking_and_unticking_consent_records_who_agreed_to_what_and_when() {
        let mut draft = PartyDraft {
            name: "Ada".into(),
            ..Default::default()
        };
        draft.agreed = [Purpose::Store, Purpose::ShowOnMap].into_iter().collect();
        draft.visibility = Visibility::Community;
        let (id, edits) = draft.to_edits(now(), "Sam").unwrap();
        let Edit::Save {
            record: Record::Person(p),
            ..
        } = &edits[0]
        else {
            panic!()
        };
        assert_eq!(p.consents.len(), 2, "only what was agreed is recorded");
        assert!(
            p.consents
                .iter()
                .all(|c| c.given && c.recorded_by == "Sam" && c.wording == CONSENT_WORDING)
        );
        assert_eq!(p.meta.visibility, Visibility::Community);

        // Opened again, the boxes show what holds; unticking the map withdraws.
        let mut again = PartyDraft::open(
            (id, "1-a".parse().unwrap(), Record::Person(p.clone())),
            vec![],
        )
        .unwrap();
        assert_eq!(
            again.agreed,
            [Purpose::Store, Purpose::ShowOnMap].into_iter().collect()
        );
        assert_eq!(again.visibility, Visibility::Community);
        again.agreed.remove(&Purpose::ShowOnMap);
        again.consent_how = ConsentHow::Paper;
        let later: Timestamp = "2026-12-01T10:00:00Z".parse().unwrap();
        let (_, edits) = again.to_edits(later, "Jo").unwrap();
        let Edit::Save {
            record: Record::Person(p),
            ..
        } = &edits[0]
        else {
            panic!()
        };
        assert_eq!(p.consents.len(), 3, "the history is kept");
        let withdrawn = latest_consent(&p.consents, Purpose::ShowOnMap).unwrap();
        assert_eq!(
            (
                withdrawn.given,
                withdrawn.how,
                withdrawn.at,
                withdrawn.recorded_by.as_str()
            ),
            (false, ConsentHow::Paper, later, "Jo")
        );
        assert!(consents_to(&p.consents, Purpose::Store));
    }

    #[test]
    fn a_place_keeps_its_whole_address_and_takes_its_area_from_the_postcode() {
        let mut draft = PartyDraft::new(Kind::Place);
        draft.name = "St Mary's Hall".into();
        draft.street = " Church Way ".into();
        draft.town = "Chesterfield".into();
        draft.postcode = "s40 1xj".into();
        draft.facilities = "kitchen, hearing loop, ".into();
        let (id, edits) = draft.to_edits(now(), "Sam").unwrap();
        assert_eq!(id.kind(), Kind::Place);
        let Edit::Save {
            record: Record::Place(place),
            ..
        } = &edits[0]
        else {
            panic!("a place")
        };
        let address = place.address.as_ref().unwrap();
        assert_eq!(
            (address.lines.as_slice(), address.postcode.as_str()),
            (&["Church Way".to_string()][..], "S40 1XJ")
        );
        assert_eq!(place.area, "S40");
        assert_eq!(place.facilities, ["kitchen", "hearing loop"]);

        // Opened again, the form shows it as typed (tidied).
        let opened = PartyDraft::open(
            (id, "1-a".parse().unwrap(), Record::Place(place.clone())),
            vec![],
        )
        .unwrap();
        assert_eq!(
            (
                opened.kind,
                opened.postcode.as_str(),
                opened.facilities.as_str()
            ),
            (Kind::Place, "S40 1XJ", "kitchen, hearing loop")
        );
    }

    #[test]
    fn a_place_keeps_its_position_and_a_mistyped_one_saves_nothing() {
        let mut draft = PartyDraft::new(Kind::Place);
        draft.name = "Library".into();
        draft.location = "53.2370,-1.425".into();
        let (id, edits) = draft.to_edits(now(), "Sam").unwrap();
        let Edit::Save {
            record: Record::Place(place),
            ..
        } = &edits[0]
        else {
            panic!("a place")
        };
        assert_eq!(
            place.location,
            Some(LatLon {
                lat: 53.237,
                lon: -1.425
            })
        );
        let opened = PartyDraft::open(
            (id, "1-a".parse().unwrap(), Record::Place(place.clone())),
            vec![],
        )
        .unwrap();
        assert_eq!(opened.location, "53.23700, -1.42500");

        draft.location = "53.2370 north".into();
        draft.gifts.push(GiftDraft {
            skills: vec!["books".into()],
            ..GiftDraft::default()
        });
        let refused = draft.to_edits(now(), "Sam").unwrap_err();
        assert!(
            refused
                .to_string()
                .starts_with("Type the position as latitude")
        );
    }

    #[test]
    fn a_group_keeps_its_description_and_district() {
        let mut draft = PartyDraft::new(Kind::Group);
        draft.name = "Tuesday Choir".into();
        draft.description = "All voices welcome".into();
        draft.area = "S40 1AB".into();
        let (_, edits) = draft.to_edits(now(), "Sam").unwrap();
        let Edit::Save {
            record: Record::Group(group),
            ..
        } = &edits[0]
        else {
            panic!("a group")
        };
        assert_eq!(
            (group.description.as_str(), group.area.as_str()),
            ("All voices welcome", "S40")
        );
        assert!(
            PartyDraft::open(
                (
                    DocId::new(Kind::Gift),
                    "1-a".parse().unwrap(),
                    Record::Gift(Gift::new(DocId::new(Kind::Person), Meta::new(now(), "")))
                ),
                vec![]
            )
            .is_none()
        );
    }
}
