//! What may leave this device for the team's server: consent and
//! visibility travel with sync. One rule, asked of every record a push
//! would send, through `model::consent::allows` (the only reader of
//! consent):
//! - a person, group or place leaves when it may be shared with the team
//!   (kept, agreed to sharing, not "Only me", not the sample);
//! - a gift, activity or log entry leaves only when every person, group and
//!   place it names may be shared too: an hours entry between two people
//!   says something about both;
//! - a deletion leaves: it carries only the record's type, and the team
//!   must learn that a record is gone;
//! - the made-up sample never leaves.

use crate::model::consent::{Allowed, allows};
use crate::model::record::Purpose;
use crate::model::{DocId, Kind, Record};

/// Whether a record may be sent, and if not, why (the first reason met).
/// `record` is the version that would be sent (none for a deletion);
/// `party` says the same of a person, group or place it names, or none
/// when that record is not on this device (then the server gave it here,
/// so the team has it already).
pub fn may_leave(
    record: Option<&Record>,
    party: impl Fn(DocId) -> Option<Allowed>,
) -> Result<(), Allowed> {
    let Some(record) = record else {
        return Ok(());
    };
    if record.meta().sample {
        return Err(Allowed::Sample);
    }
    match record.kind() {
        Kind::Person | Kind::Group | Kind::Place => refused(allows(record, Purpose::ShareWithTeam)),
        Kind::Area => Ok(()),
        _ => record
            .links()
            .into_iter()
            .filter(|id| matches!(id.kind(), Kind::Person | Kind::Group | Kind::Place))
            .filter_map(&party)
            .try_for_each(refused),
    }
}

fn refused(allowed: Allowed) -> Result<(), Allowed> {
    if allowed.yes() { Ok(()) } else { Err(allowed) }
}

/// What a party's own answer is, for [`may_leave`]'s `party`.
pub fn party_answer(record: &Record) -> Allowed {
    if record.meta().sample {
        Allowed::Sample
    } else {
        allows(record, Purpose::ShareWithTeam)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use std::collections::BTreeMap;

    use super::*;
    use crate::model::record::{
        Consent, ConsentHow, Gift, Hours, HoursNature, Meta, Person, Visibility,
    };

    fn now() -> jiff::Timestamp {
        "2026-12-03T10:00:00Z".parse().unwrap()
    }

    fn person(agreed: &[Purpose], visibility: Visibility) -> Record {
        let mut p = Person::new("Amina Begum", Meta::new(now(), "Sam"));
        p.meta.visibility = visibility;
        p.consents = agreed
            .iter()
            .map(|&purpose| Consent {
                purpose,
                given: true,
                how: ConsentHow::Verbal,
                wording: String::new(),
                recorded_by: "Sam".into(),
                at: now(),
            })
            .collect();
        Record::Person(p)
    }

    fn shared() -> Record {
        person(&[Purpose::Store, Purpose::ShareWithTeam], Visibility::Team)
    }

    #[test]
    fn a_person_leaves_only_when_kept_agreed_and_not_only_me() {
        assert_eq!(may_leave(Some(&shared()), |_| None), Ok(()));
        assert_eq!(
            may_leave(Some(&person(&[], Visibility::Team)), |_| None),
            Err(Allowed::NotAsked)
        );
        assert_eq!(
            may_leave(Some(&person(&[Purpose::Store], Visibility::Team)), |_| None),
            Err(Allowed::NotAsked)
        );
        let only_me = person(
            &[Purpose::Store, Purpose::ShareWithTeam],
            Visibility::Private,
        );
        assert_eq!(may_leave(Some(&only_me), |_| None), Err(Allowed::OnlyMe));
        let mut sample = shared();
        if let Record::Person(p) = &mut sample {
            p.meta.sample = true;
        }
        assert_eq!(may_leave(Some(&sample), |_| None), Err(Allowed::Sample));
        assert_eq!(party_answer(&sample), Allowed::Sample);
    }

    #[test]
    fn a_gift_or_log_entry_leaves_only_when_everyone_it_names_may_be_shared() {
        let (amina, ben) = (DocId::new(Kind::Person), DocId::new(Kind::Person));
        let gift = Record::Gift(Gift::new(amina, Meta::new(now(), "Sam")));
        let hours = Record::Hours(Hours {
            giver: amina,
            receivers: vec![ben],
            minutes: 60,
            date: "2026-12-02".parse().unwrap(),
            for_what: None,
            description: String::new(),
            nature: HoursNature::Exchange,
            meta: Meta::new(now(), "Sam"),
            extra: Default::default(),
        });
        let answers = BTreeMap::from([(amina, Allowed::Yes), (ben, Allowed::Withdrawn)]);
        let party = |id: DocId| answers.get(&id).copied();
        assert_eq!(may_leave(Some(&gift), party), Ok(()));
        assert_eq!(may_leave(Some(&hours), party), Err(Allowed::Withdrawn));
        // Someone not on this device came from the server: the team has them.
        assert_eq!(
            may_leave(Some(&hours), |id| (id == amina).then_some(Allowed::Yes)),
            Ok(())
        );
        // A deletion carries only the type: it always leaves.
        assert_eq!(may_leave(None, |_| Some(Allowed::Withdrawn)), Ok(()));
    }
}
