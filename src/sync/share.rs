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

use crate::model::consent::{self, Allowed, allows};
use crate::model::record::Purpose;
use crate::model::{Doc, DocId, Kind, Record, Rev};

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

/// Whether a record kept here for this reason takes back a copy the team
/// already has (the sample never left, so there is nothing to take back).
pub fn takes_back(why: Allowed) -> bool {
    why != Allowed::Sample
}

/// The stand-in that takes a shared copy back: a version on top of the
/// server's (`on_server`) holding only the kind and "consent withdrawn",
/// with that history. This device never takes it in (it keeps the whole
/// record); every other device shows it for what it is.
pub fn stand_in(id: DocId, on_server: &Rev) -> (Doc, Vec<Rev>) {
    let body = consent::stub_body(id.kind());
    let rev = Rev::for_edit(Some(on_server), false, &body);
    let doc = Doc {
        id,
        rev: rev.clone(),
        deleted: false,
        body,
    };
    (doc, vec![rev, on_server.clone()])
}

/// When the record may leave again, its stand-in is closed: a deletion on
/// top of it, so the whole record sent beside it is the one everyone sees.
pub fn close_stand_in(id: DocId, stub: &Rev) -> (Doc, Vec<Rev>) {
    let body = serde_json::json!({ "type": id.kind().prefix() });
    let rev = Rev::for_edit(Some(stub), true, &body);
    let doc = Doc {
        id,
        rev: rev.clone(),
        deleted: true,
        body,
    };
    (doc, vec![rev, stub.clone()])
}

/// When the record may leave again but the server already has its
/// latest version (beneath the stand-in: nothing was changed here since),
/// that version is put back on top of the stand-in, as its next version.
pub fn restore_over(id: DocId, stub: &Rev, body: &serde_json::Value) -> (Doc, Vec<Rev>) {
    let rev = Rev::for_edit(Some(stub), false, body);
    let doc = Doc {
        id,
        rev: rev.clone(),
        deleted: false,
        body: body.clone(),
    };
    (doc, vec![rev, stub.clone()])
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

    #[test]
    fn a_stand_in_sits_on_the_shared_copy_holding_nothing_but_the_words() {
        use crate::model::{DocState, RevTree};
        let id = DocId::new(Kind::Person);
        let shared: Rev = "3-abc".parse().unwrap();
        let (stub, history) = stand_in(id, &shared);
        assert_eq!(stub.rev.pos(), 4);
        assert_eq!(history, vec![stub.rev.clone(), shared.clone()]);
        assert!(consent::is_stub(&stub.body));
        let json = stub.to_json(Some(&history)).to_string();
        assert!(
            !json.contains("name") && json.contains("consent withdrawn"),
            "{json}"
        );
        // Another device that had the shared copy takes the stand-in as
        // the winner; closing it lets a whole version win again.
        let mut other = DocState::new(id);
        other.tree = RevTree::new();
        other
            .merge(
                Doc {
                    id,
                    rev: shared.clone(),
                    deleted: false,
                    body: stub.body.clone(),
                },
                std::slice::from_ref(&shared),
            )
            .unwrap();
        other.merge(stub.clone(), &history).unwrap();
        assert_eq!(other.tree.winner(), Some(&stub.rev));
        let (closed, closed_history) = close_stand_in(id, &stub.rev);
        assert!(closed.deleted);
        other.merge(closed, &closed_history).unwrap();
        assert!(
            other.tree.is_deleted(),
            "only the closed stand-in is left there"
        );
        // Or, when nothing changed beneath it, the shared version is put
        // back on top of it and wins.
        let mut again = DocState::new(id);
        again
            .merge(
                Doc {
                    id,
                    rev: shared.clone(),
                    deleted: false,
                    body: serde_json::json!({"type": "person", "name": "Amina"}),
                },
                std::slice::from_ref(&shared),
            )
            .unwrap();
        again.merge(stub.clone(), &history).unwrap();
        let (back, back_history) = restore_over(
            id,
            &stub.rev,
            &serde_json::json!({"type": "person", "name": "Amina"}),
        );
        again.merge(back.clone(), &back_history).unwrap();
        assert_eq!(again.tree.winner(), Some(&back.rev));
        assert_eq!(again.leaves[&back.rev]["name"], "Amina");
        assert!(!takes_back(Allowed::Sample));
        assert!(takes_back(Allowed::Withdrawn) && takes_back(Allowed::OnlyMe));
    }
}
