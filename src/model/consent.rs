//! Consent as a rule, not a note: one function decides, for each purpose
//! (keeping their details, sharing with the team, the community map,
//! exported files), whether a record may be used for it. Every place that
//! shows, exports, reports by name or syncs a record asks it, so no screen
//! or file can apply a rule of its own.
//!
//! The rules:
//! - A person's latest word on a purpose decides it; no word is no
//!   consent ("not asked yet").
//! - Every other purpose needs "keep their details" first: a person who
//!   was never asked that, or withdrew it, is used for nothing else.
//! - Sharing with the team also needs a visibility wider than "Only me":
//!   a record kept to its maker stays on the device whatever was agreed.
//! - Groups and places are not asked personal-consent questions: they may
//!   be used unless a withdrawal was recorded for them (older versions
//!   asked), and "Only me" still keeps them from the team.
//! - Gifts, activities and log entries follow the person, group or place
//!   they belong to: the caller asks about that record.
//! - The made-up sample neighbourhood never leaves the device, whatever
//!   its people "agreed".

use super::id::Kind;
use super::record::{Purpose, Record, Visibility, latest_consent};

/// Whether a record may be used for a purpose, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Allowed {
    Yes,
    /// Never asked, so no consent.
    NotAsked,
    /// They said no, or took back a yes.
    Withdrawn,
    /// Agreed to be shared, but kept to the one who recorded it.
    OnlyMe,
    /// Made up to try Kith out: never shared or exported as real.
    Sample,
}

impl Allowed {
    pub fn yes(self) -> bool {
        self == Allowed::Yes
    }
}

/// The latest word on one purpose, as an answer on its own.
fn word(record: &Record, purpose: Purpose) -> Allowed {
    let consents = record.contact_details().map_or(&[][..], |(_, c)| c);
    match latest_consent(consents, purpose) {
        Some(c) if c.given => Allowed::Yes,
        Some(_) => Allowed::Withdrawn,
        None if record.kind() == Kind::Person => Allowed::NotAsked,
        // Groups and places are not asked.
        None => Allowed::Yes,
    }
}

/// May `record` be used for `purpose`? See the module's rules.
pub fn allows(record: &Record, purpose: Purpose) -> Allowed {
    if !matches!(record.kind(), Kind::Person | Kind::Group | Kind::Place) {
        return Allowed::Yes;
    }
    let kept = word(record, Purpose::Store);
    if purpose == Purpose::Store || !kept.yes() {
        return kept;
    }
    let own = word(record, purpose);
    if !own.yes() {
        return own;
    }
    let leaves = matches!(purpose, Purpose::ShareWithTeam | Purpose::Export);
    if leaves && record.meta().sample {
        return Allowed::Sample;
    }
    if purpose == Purpose::ShareWithTeam && record.meta().visibility == Visibility::Private {
        return Allowed::OnlyMe;
    }
    Allowed::Yes
}

/// Whether a person has not been asked yet whether Kith may keep their
/// details: the page and Home point them out until someone asks.
pub fn not_asked_yet(record: &Record) -> bool {
    record.kind() == Kind::Person && allows(record, Purpose::Store) == Allowed::NotAsked
}

/// What "Who can see them" and the sharing answer mean together, said
/// beside the choice so the two never contradict each other silently.
/// `kept` and `shared` are the boxes as ticked now.
pub fn sharing_meaning(visibility: Visibility, kept: bool, shared: bool) -> &'static str {
    match (visibility, kept, shared) {
        (_, false, _) => {
            "Until they agree to Kith keeping their details, they stay on this device only and are marked \u{201c}not asked yet\u{201d}."
        }
        (Visibility::Private, true, true) => {
            "They agreed to be shared with your team, but \u{201c}Only me\u{201d} keeps them on this device. Choose \u{201c}My team\u{201d} or wider to share them."
        }
        (Visibility::Private, true, false) => "Only you will see them, on this device.",
        (_, true, false) => {
            "They have not agreed to be shared with your team, so they stay on this device until they do, whatever is chosen here."
        }
        (Visibility::Team, true, true) => "Your team will see them.",
        (Visibility::Community, true, true) => {
            "Your team will see them, and residents using the community's map may see them."
        }
        (Visibility::Public, true, true) => {
            "Your team will see them, and they may be published, for example in a directory of services."
        }
    }
}

/// What a group's or place's "Who can see it" means (they are not asked
/// consent questions).
pub fn visibility_meaning(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Private => "Only you will see it, on this device.",
        Visibility::Team => "Your team will see it.",
        Visibility::Community => {
            "Your team will see it, and residents using the community's map may see it."
        }
        Visibility::Public => {
            "Anyone may see it: it may be published, for example in a directory of services."
        }
    }
}

/// What a withdrawal leaves on the team's server in place of a record
/// that was shared: its id (the document's own), its kind, and these
/// words. No name, contact, note or gift.
pub const WITHDRAWN: &str = "consent withdrawn";

/// The body of that stand-in.
pub fn stub_body(kind: Kind) -> serde_json::Value {
    serde_json::json!({ "type": kind.prefix(), "withdrawn": WITHDRAWN })
}

/// Whether a body is such a stand-in: nothing but its type and the words.
pub fn is_stub(body: &serde_json::Value) -> bool {
    body.as_object().is_some_and(|map| {
        map.get("withdrawn").and_then(serde_json::Value::as_str) == Some(WITHDRAWN)
            && map.keys().all(|k| k == "type" || k == "withdrawn")
    })
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::model::record::{Consent, ConsentHow, Group, Meta, Person, Place};
    use jiff::Timestamp;

    fn at(minute: i64) -> Timestamp {
        "2026-11-27T09:30:00Z".parse::<Timestamp>().unwrap()
            + jiff::SignedDuration::from_mins(minute)
    }

    fn said(purpose: Purpose, given: bool, minute: i64) -> Consent {
        Consent {
            purpose,
            given,
            how: ConsentHow::Verbal,
            wording: String::new(),
            recorded_by: "Sam".into(),
            at: at(minute),
        }
    }

    fn person(consents: Vec<Consent>, visibility: Visibility) -> Record {
        let mut meta = Meta::new(at(0), "Sam");
        meta.visibility = visibility;
        Record::Person(Person {
            consents,
            ..Person::new("Bea", meta)
        })
    }

    fn all_given() -> Vec<Consent> {
        Purpose::ALL.iter().map(|p| said(*p, true, 1)).collect()
    }

    #[test]
    fn a_person_never_asked_is_used_for_nothing() {
        let bea = person(vec![], Visibility::Team);
        for purpose in Purpose::ALL {
            assert_eq!(allows(&bea, purpose), Allowed::NotAsked, "{purpose:?}");
        }
        assert!(not_asked_yet(&bea));
    }

    #[test]
    fn every_purpose_needs_keeping_their_details_first() {
        let mut consents: Vec<Consent> = all_given()
            .into_iter()
            .filter(|c| c.purpose != Purpose::Store)
            .collect();
        let bea = person(consents.clone(), Visibility::Team);
        assert_eq!(allows(&bea, Purpose::Export), Allowed::NotAsked);
        assert_eq!(allows(&bea, Purpose::ShowOnMap), Allowed::NotAsked);
        consents.push(said(Purpose::Store, true, 2));
        consents.push(said(Purpose::Store, false, 3));
        let bea = person(consents, Visibility::Team);
        assert_eq!(allows(&bea, Purpose::Export), Allowed::Withdrawn);
        assert!(!not_asked_yet(&bea), "withdrawn is not 'not asked'");
    }

    #[test]
    fn the_latest_word_on_each_purpose_decides_it() {
        let mut consents = all_given();
        let bea = person(consents.clone(), Visibility::Team);
        for purpose in Purpose::ALL {
            assert_eq!(allows(&bea, purpose), Allowed::Yes, "{purpose:?}");
        }
        consents.push(said(Purpose::Export, false, 5));
        let bea = person(consents.clone(), Visibility::Team);
        assert_eq!(allows(&bea, Purpose::Export), Allowed::Withdrawn);
        assert_eq!(
            allows(&bea, Purpose::ShowOnMap),
            Allowed::Yes,
            "each stands alone"
        );
        consents.push(said(Purpose::Export, true, 6));
        assert_eq!(
            allows(&person(consents, Visibility::Team), Purpose::Export),
            Allowed::Yes
        );
    }

    #[test]
    fn only_me_keeps_a_record_from_the_team_whatever_was_agreed() {
        let bea = person(all_given(), Visibility::Private);
        assert_eq!(allows(&bea, Purpose::ShareWithTeam), Allowed::OnlyMe);
        assert_eq!(allows(&bea, Purpose::Store), Allowed::Yes);
        let hall = Record::Place(Place::new("Hall", Meta::new(at(0), "Sam")));
        assert_eq!(allows(&hall, Purpose::ShareWithTeam), Allowed::OnlyMe);
    }

    #[test]
    fn groups_and_places_are_not_asked_but_a_recorded_withdrawal_counts() {
        let mut meta = Meta::new(at(0), "Sam");
        meta.visibility = Visibility::Public;
        let choir = Group::new("Choir", "S40", meta.clone());
        for purpose in Purpose::ALL {
            assert_eq!(allows(&Record::Group(choir.clone()), purpose), Allowed::Yes);
        }
        let hall = Record::Place(Place {
            consents: vec![said(Purpose::ShowOnMap, false, 1)],
            ..Place::new("Hall", meta)
        });
        assert_eq!(allows(&hall, Purpose::ShowOnMap), Allowed::Withdrawn);
        assert_eq!(allows(&hall, Purpose::Export), Allowed::Yes);
        assert!(!not_asked_yet(&hall));
    }

    #[test]
    fn the_sample_never_leaves_the_device() {
        let Record::Person(mut bea) = person(all_given(), Visibility::Team) else {
            unreachable!()
        };
        bea.meta.sample = true;
        let bea = Record::Person(bea);
        assert_eq!(allows(&bea, Purpose::Export), Allowed::Sample);
        assert_eq!(allows(&bea, Purpose::ShareWithTeam), Allowed::Sample);
        assert_eq!(allows(&bea, Purpose::ShowOnMap), Allowed::Yes);
    }

    #[test]
    fn the_form_says_what_visibility_and_sharing_mean_together() {
        let private_shared = sharing_meaning(Visibility::Private, true, true);
        assert!(
            private_shared.contains("keeps them on this device"),
            "{private_shared}"
        );
        let team_unshared = sharing_meaning(Visibility::Team, true, false);
        assert!(
            team_unshared.contains("not agreed to be shared"),
            "{team_unshared}"
        );
        assert_eq!(
            sharing_meaning(Visibility::Team, true, true),
            "Your team will see them."
        );
        let unkept = sharing_meaning(Visibility::Community, false, true);
        assert!(unkept.contains("not asked yet"), "{unkept}");
    }

    #[test]
    fn a_stub_holds_only_its_kind_and_the_words() {
        let stub = stub_body(Kind::Person);
        assert_eq!(
            stub,
            serde_json::json!({"type": "person", "withdrawn": "consent withdrawn"})
        );
        assert!(is_stub(&stub));
        let mut with_a_name = stub.clone();
        with_a_name["name"] = "Amina".into();
        assert!(!is_stub(&with_a_name), "a stub never carries anything else");
        assert!(!is_stub(&serde_json::json!({"type": "person"})));
    }
}
