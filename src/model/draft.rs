//! What a person types into a form, before it becomes records: plain text,
//! checked and turned into records in one go, so a form never saves half.

use super::id::{DocId, Kind};
use super::record::{
    ContactKind, ContactMethod, Gift, GiftKind, GiftMode, Invalid, Meta, Person, Record,
};
use super::skill;

/// One gift as typed: what kind, offered or needed, which skills, in words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GiftDraft {
    pub kind: GiftKind,
    pub mode: GiftMode,
    pub skills: Vec<String>,
    pub description: String,
}

impl GiftDraft {
    /// A row left as it was opened says nothing and is not saved.
    pub fn is_blank(&self) -> bool {
        skill::normalize_all(&self.skills).is_empty() && self.description.trim().is_empty()
    }
}

/// A new person as typed on a doorstep: only the name is needed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonDraft {
    pub name: String,
    pub area: String,
    pub phone: String,
    pub email: String,
    pub gifts: Vec<GiftDraft>,
}

impl PersonDraft {
    /// The records to save together: the person first, then each gift that
    /// says something. The first problem found stops it all.
    pub fn to_records(&self, meta: &Meta) -> Result<Vec<(DocId, Record)>, Invalid> {
        let id = DocId::new(Kind::Person);
        let mut contacts = Vec::new();
        for (kind, value) in [
            (ContactKind::Phone, &self.phone),
            (ContactKind::Email, &self.email),
        ] {
            let value = value.trim();
            if !value.is_empty() {
                contacts.push(ContactMethod {
                    kind,
                    value: value.to_owned(),
                    label: String::new(),
                    // The first way given is the one to try first.
                    preferred: contacts.is_empty(),
                });
            }
        }
        let person = Record::Person(Person {
            area: area_of(&self.area),
            contacts,
            ..Person::new(self.name.trim(), meta.clone())
        });
        person.validate()?;
        let mut records = vec![(id, person)];
        for gift in self.gifts.iter().filter(|g| !g.is_blank()) {
            let record = Record::Gift(Gift {
                kind: gift.kind,
                mode: gift.mode,
                skills: skill::normalize_all(&gift.skills),
                description: gift.description.trim().to_owned(),
                ..Gift::new(id, meta.clone())
            });
            record.validate()?;
            records.push((DocId::new(Kind::Gift), record));
        }
        Ok(records)
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

    fn meta() -> Meta {
        Meta::new("2026-11-27T09:30:00Z".parse().unwrap(), "Sam")
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
        let draft = PersonDraft {
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
        };
        let records = draft.to_records(&meta()).unwrap();
        assert_eq!(records.len(), 4, "the blank gift row is not saved");
        let (person_id, Record::Person(person)) = &records[0] else {
            panic!("person first")
        };
        assert_eq!(person.name, "Amina Begum");
        assert_eq!(person.area, "S40");
        assert_eq!(person.contacts.len(), 2);
        assert!(person.contacts[0].preferred && !person.contacts[1].preferred);
        for (id, record) in &records[1..] {
            let Record::Gift(gift) = record else {
                panic!("gifts after")
            };
            assert_eq!(id.kind(), Kind::Gift);
            assert_eq!(&gift.owner, person_id);
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
        let draft = PersonDraft {
            name: "   ".into(),
            gifts: vec![GiftDraft {
                skills: vec!["singing".into()],
                ..Default::default()
            }],
            ..Default::default()
        };
        assert_eq!(draft.to_records(&meta()), Err(Invalid::NoName));
    }
}
