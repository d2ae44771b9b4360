//! The local replica in IndexedDB: what a person's actions leave behind.

use kith::model::record::GiftMode;
use kith::model::rev::REVS_LIMIT;
use kith::model::{DocError, DocId, DocState, Kind, Record};
use kith::store::{Command, Edit, MergeReport, Store, StoreError};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{delete_db, fresh_db_name, gift, name_of, person};

#[wasm_bindgen_test]
async fn create_edit_and_delete_a_person() {
    let name = fresh_db_name("crud");
    let store = Store::open(&name).await.unwrap();
    let id = DocId::new(Kind::Person);

    let r1 = store.save(id, None, person("Amina Begum")).await.unwrap();
    let (rev, record) = store.record(id).await.unwrap().unwrap();
    assert_eq!((rev.clone(), name_of(&record)), (r1.clone(), "Amina Begum"));

    let r2 = store
        .save(id, Some(r1.clone()), person("Amina Begum-Khan"))
        .await
        .unwrap();
    assert_eq!(r2.pos(), 2);
    assert_eq!(
        name_of(&store.record(id).await.unwrap().unwrap().1),
        "Amina Begum-Khan"
    );
    let listed = store.list(Kind::Person, 10).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].0, id);

    store.delete(id, r2).await.unwrap();
    assert_eq!(store.record(id).await.unwrap(), None);
    assert!(store.list(Kind::Person, 10).await.unwrap().is_empty());
    assert_eq!(store.count(Kind::Person).await.unwrap(), 0);
    // The deletion is kept, to travel to other replicas.
    let state = store.get(id).await.unwrap().unwrap();
    assert!(state.is_deleted());
    let changes = store.changes_since(0, 10).await.unwrap();
    assert_eq!(changes.len(), 1);
    assert!(changes[0].deleted);
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn an_edit_of_an_old_version_keeps_both_versions() {
    let name = fresh_db_name("stale");
    let store = Store::open(&name).await.unwrap();
    let id = DocId::new(Kind::Person);
    let r1 = store.save(id, None, person("Ada")).await.unwrap();
    // Saved elsewhere first; this edit was opened at r1.
    store
        .save(id, Some(r1.clone()), person("Ada L"))
        .await
        .unwrap();
    let done = store
        .run(Command::Apply(vec![Edit::Save {
            id,
            parent: Some(r1),
            record: person("Ada Stale"),
        }]))
        .await
        .unwrap();
    assert_eq!(done.conflicted, [id], "the save says it kept two versions");
    let state = store.get(id).await.unwrap().unwrap();
    let mut names: Vec<String> = std::iter::once(state.winner().unwrap())
        .chain(state.conflicts())
        .map(|d| d.body["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["Ada L", "Ada Stale"]);

    // A revision the record never had is refused, and changes nothing.
    let seq = store.last_seq().await.unwrap();
    let err = store
        .save(id, Some("9-abc".parse().unwrap()), person("Who?"))
        .await
        .unwrap_err();
    assert_eq!(err, StoreError::Record(DocError::Conflict));
    assert_eq!(store.last_seq().await.unwrap(), seq);
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn an_action_that_fails_midway_leaves_nothing_behind() {
    let name = fresh_db_name("atomic");
    let store = Store::open(&name).await.unwrap();
    let existing = DocId::new(Kind::Person);
    let r1 = store
        .save(existing, None, person("Existing"))
        .await
        .unwrap();
    store
        .save(existing, Some(r1.clone()), person("Existing, edited"))
        .await
        .unwrap();
    let (seq, unsent) = (
        store.last_seq().await.unwrap(),
        store.count_unsent().await.unwrap(),
    );

    // A person and their gift are new; the third edit is of a version the
    // record never had, so the whole action must be refused.
    let (a, g) = (DocId::new(Kind::Person), DocId::new(Kind::Gift));
    let err = store
        .apply(vec![
            Edit::Save {
                id: a,
                parent: None,
                record: person("New person"),
            },
            Edit::Save {
                id: g,
                parent: None,
                record: gift(a, GiftMode::Offer, &["baking"], &[]),
            },
            Edit::Save {
                id: existing,
                parent: Some(kith::model::Rev::new(r1.pos() + 5, "f00d").unwrap()),
                record: person("Stale"),
            },
        ])
        .await
        .unwrap_err();
    assert_eq!(err, StoreError::Record(DocError::Conflict));

    assert_eq!(store.record(a).await.unwrap(), None);
    assert_eq!(store.record(g).await.unwrap(), None);
    assert!(store.by_skill("baking").await.unwrap().is_empty());
    assert_eq!(store.last_seq().await.unwrap(), seq);
    assert_eq!(store.count_unsent().await.unwrap(), unsent);
    assert_eq!(
        name_of(&store.record(existing).await.unwrap().unwrap().1),
        "Existing, edited"
    );

    // An invalid record is refused the same way, with its reason.
    let err = store
        .apply(vec![Edit::Save {
            id: a,
            parent: None,
            record: person("  "),
        }])
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "A name is needed.");
    assert_eq!(store.last_seq().await.unwrap(), seq);
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn a_foreign_branch_merged_in_is_kept_as_a_conflict_until_resolved() {
    let name = fresh_db_name("conflict");
    let store = Store::open(&name).await.unwrap();
    let id = DocId::new(Kind::Person);
    let r1 = store.save(id, None, person("Ada")).await.unwrap();

    // Another phone had revision 1 and edited it apart.
    let mut elsewhere = store.get(id).await.unwrap().unwrap();
    let theirs = elsewhere
        .save(Some(&r1), &person("Ada (their phone)"))
        .unwrap();
    let ours = store
        .save(id, Some(r1), person("Ada (this phone)"))
        .await
        .unwrap();
    let doc = elsewhere.winner().unwrap();
    let history = elsewhere.tree.history(&theirs, REVS_LIMIT);
    let report = store
        .merge(vec![(doc.clone(), history.clone())], false)
        .await
        .unwrap();
    assert_eq!(
        report,
        MergeReport {
            updated: 1,
            known: 0
        }
    );

    let state = store.get(id).await.unwrap().unwrap();
    assert_eq!(state.tree.leaves().len(), 2);
    let winner = state.winner().unwrap();
    assert_eq!(winner.rev, std::cmp::max(theirs.clone(), ours.clone()));
    let conflicts = state.conflicts();
    assert_eq!(conflicts.len(), 1, "the losing version is kept");
    let mut names: Vec<String> = [&winner, &conflicts[0]]
        .iter()
        .map(|d| d.body["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["Ada (their phone)", "Ada (this phone)"]);
    // Merging the same branch again is a no-op.
    let again = store.merge(vec![(doc, history)], false).await.unwrap();
    assert_eq!(
        again,
        MergeReport {
            updated: 0,
            known: 1
        }
    );

    // A person chooses; one live version remains, on every replica alike.
    store
        .apply(vec![Edit::Resolve {
            id,
            winner: winner.rev.clone(),
            record: person("Ada Lovelace"),
        }])
        .await
        .unwrap();
    let state = store.get(id).await.unwrap().unwrap();
    assert!(state.conflicts().is_empty());
    assert_eq!(
        state.leaves.len(),
        2,
        "the live version and the deleted loser"
    );
    assert_eq!(
        name_of(&store.record(id).await.unwrap().unwrap().1),
        "Ada Lovelace"
    );
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn records_are_there_after_reopening_and_the_sequence_goes_on() {
    let name = fresh_db_name("reopen");
    let store = Store::open(&name).await.unwrap();
    let id = DocId::new(Kind::Place);
    let place = Record::Place(kith::model::record::Place {
        name: "St Mary's Hall".into(),
        description: "Kitchen, hearing loop".into(),
        address: None,
        area: "S41".into(),
        location: None,
        facilities: vec!["kitchen".into()],
        accessibility: "Step-free".into(),
        contacts: vec![],
        consents: vec![],
        meta: crate::support::meta(),
        extra: Default::default(),
    });
    store.save(id, None, place.clone()).await.unwrap();
    let seq = store.last_seq().await.unwrap();
    store.close();

    let store = Store::open(&name).await.unwrap();
    assert_eq!(store.record(id).await.unwrap().unwrap().1, place);
    let other = DocId::new(Kind::Person);
    store.save(other, None, person("Bea")).await.unwrap();
    assert_eq!(store.last_seq().await.unwrap(), seq + 1);
    let changes = store.changes_since(seq, 10).await.unwrap();
    assert_eq!(changes.iter().map(|c| c.id).collect::<Vec<_>>(), [other]);
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn gifts_are_found_by_skill_term_and_tag_in_any_case() {
    let name = fresh_db_name("skills");
    let store = Store::open(&name).await.unwrap();
    let (p, q) = (DocId::new(Kind::Person), DocId::new(Kind::Person));
    let (g1, g2, g3) = (
        DocId::new(Kind::Gift),
        DocId::new(Kind::Gift),
        DocId::new(Kind::Gift),
    );
    store
        .apply(vec![
            Edit::Save {
                id: p,
                parent: None,
                record: person("Pat"),
            },
            Edit::Save {
                id: q,
                parent: None,
                record: person("Quinn"),
            },
            Edit::Save {
                id: g1,
                parent: None,
                record: gift(p, GiftMode::Offer, &["Gardening"], &["allotment"]),
            },
            Edit::Save {
                id: g2,
                parent: None,
                record: gift(q, GiftMode::Need, &["gardening", "lifts"], &[]),
            },
            Edit::Save {
                id: g3,
                parent: None,
                record: gift(q, GiftMode::Teach, &["Urdu"], &["Allotment"]),
            },
        ])
        .await
        .unwrap();
    let mut found: Vec<DocId> = store
        .by_skill(" GARDENING ")
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    found.sort();
    let mut expected = vec![g1, g2];
    expected.sort();
    assert_eq!(found, expected);
    assert_eq!(store.by_tag("allotment").await.unwrap().len(), 2);
    assert!(store.by_skill("knitting").await.unwrap().is_empty());
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn unsent_changes_are_counted_until_shared() {
    let name = fresh_db_name("unsent");
    let store = Store::open(&name).await.unwrap();
    let ids: Vec<DocId> = (0..3).map(|_| DocId::new(Kind::Person)).collect();
    let mut revs = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        revs.push(
            store
                .save(*id, None, person(&format!("Person {i}")))
                .await
                .unwrap(),
        );
    }
    assert_eq!(store.count_unsent().await.unwrap(), 3);

    let shared_up_to = store.last_seq().await.unwrap();
    assert_eq!(store.mark_shared(shared_up_to).await.unwrap(), 3);
    assert_eq!(store.count_unsent().await.unwrap(), 0);

    store
        .save(ids[0], Some(revs[0].clone()), person("Person 0, edited"))
        .await
        .unwrap();
    assert_eq!(store.count_unsent().await.unwrap(), 1);

    // Revisions pulled from the server are not "unsent"; from a file they are.
    let mut remote = DocState::new(DocId::new(Kind::Person));
    let rev = remote.save(None, &person("From the server")).unwrap();
    store
        .merge(vec![(remote.winner().unwrap(), vec![rev])], false)
        .await
        .unwrap();
    assert_eq!(store.count_unsent().await.unwrap(), 1);
    let mut file = DocState::new(DocId::new(Kind::Person));
    let rev = file.save(None, &person("From a file")).unwrap();
    store
        .merge(vec![(file.winner().unwrap(), vec![rev])], true)
        .await
        .unwrap();
    assert_eq!(store.count_unsent().await.unwrap(), 2);
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn ten_thousand_records_are_written_and_read_back_intact() {
    let name = fresh_db_name("bulk");
    let store = Store::open(&name).await.unwrap();
    let people: Vec<(DocId, String)> = (0..10_000)
        .map(|i| (DocId::new(Kind::Person), format!("Person {i:05}")))
        .collect();
    for chunk in people.chunks(1000) {
        let edits = chunk
            .iter()
            .map(|(id, n)| Edit::Save {
                id: *id,
                parent: None,
                record: person(n),
            })
            .collect();
        store.apply(edits).await.unwrap();
    }
    assert_eq!(store.count(Kind::Person).await.unwrap(), 10_000);
    assert_eq!(store.last_seq().await.unwrap(), 10_000);
    let listed = store.list(Kind::Person, 20_000).await.unwrap();
    assert_eq!(listed.len(), 10_000);
    // Sorted by name, and every record exactly as written.
    for ((id, record), (want_id, want_name)) in listed.iter().zip(&people) {
        assert_eq!((id, name_of(record)), (want_id, want_name.as_str()));
        assert_eq!(record, &person(want_name));
    }
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn a_persons_gifts_are_found_through_their_links_and_skill_terms_are_counted() {
    let name = fresh_db_name("links");
    let store = Store::open(&name).await.unwrap();
    let (p, q) = (DocId::new(Kind::Person), DocId::new(Kind::Person));
    let (g1, g2, g3) = (
        DocId::new(Kind::Gift),
        DocId::new(Kind::Gift),
        DocId::new(Kind::Gift),
    );
    let revs = store
        .apply(vec![
            Edit::Save {
                id: p,
                parent: None,
                record: person("Pat"),
            },
            Edit::Save {
                id: q,
                parent: None,
                record: person("Quinn"),
            },
            Edit::Save {
                id: g1,
                parent: None,
                record: gift(p, GiftMode::Offer, &["baking", "cakes"], &[]),
            },
            Edit::Save {
                id: g2,
                parent: None,
                record: gift(p, GiftMode::Need, &["lifts"], &[]),
            },
            Edit::Save {
                id: g3,
                parent: None,
                record: gift(q, GiftMode::Offer, &["Baking"], &[]),
            },
        ])
        .await
        .unwrap();

    let mut pats: Vec<DocId> = store
        .linked(p)
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    pats.sort();
    let mut expected = vec![g1, g2];
    expected.sort();
    assert_eq!(pats, expected);
    let (_, rev, _) = store.linked(q).await.unwrap().remove(0);
    assert_eq!(Some(rev.clone()), revs[4], "with the revision to edit");

    let mut terms = store.skill_terms().await.unwrap();
    terms.sort();
    assert_eq!(
        terms,
        [
            ("baking".to_string(), 2),
            ("cakes".into(), 1),
            ("lifts".into(), 1)
        ]
    );

    // A deleted gift no longer links or counts.
    store.delete(g3, rev).await.unwrap();
    assert!(store.linked(q).await.unwrap().is_empty());
    assert!(
        store
            .skill_terms()
            .await
            .unwrap()
            .contains(&("baking".to_string(), 1))
    );
    store.close();
    delete_db(&name).await;
}
