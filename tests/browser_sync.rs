//! Sync against a real PouchDB Server, in headless Chromium: the
//! replicator, the store and the protocol together. scripts/test starts
//! the server and names it at build time in KITH_TEST_COUCH; each test
//! makes its own database there and its own IndexedDB databases (two
//! "devices" are two stores).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

// Shared with tests/browser.rs, which uses the rest of it.
#[allow(dead_code)]
#[path = "browser/support.rs"]
mod support;

use kith::model::consent::Allowed;
use kith::model::record::{Consent, ConsentHow, Purpose, Visibility};
use kith::model::{DocId, Edit, Kind, Record};
use kith::store::Store;
use kith::sync::http::{Auth, Call};
use kith::sync::replicate::{self, Outcome, Remote};
use kith::sync::setup::{AuthMode, SyncSettings};
use serde_json::Value;
use support::{fresh_db_name, meta};
use wasm_bindgen_test::wasm_bindgen_test as test;

/// The server scripts/test started for these tests.
const COUCH: Option<&str> = option_env!("KITH_TEST_COUCH");

async fn new_database(test: &str) -> Remote {
    let server = COUCH.expect("KITH_TEST_COUCH names a PouchDB Server (scripts/test starts one)");
    let db_url = format!("{server}/{}", fresh_db_name(test).to_lowercase());
    let made = Call::new("PUT", db_url.clone(), &Auth::None)
        .send()
        .await
        .unwrap();
    assert_eq!(made.status, 201, "{}", made.body);
    Remote::new(
        SyncSettings::new(&db_url, "", AuthMode::Basic).unwrap(),
        String::new(),
    )
}

async fn device(test: &str) -> Store {
    Store::open(&fresh_db_name(test)).await.unwrap()
}

/// A person who agreed to be kept and shared with the team.
fn shared(name: &str) -> Record {
    let mut record = support::person(name);
    if let Record::Person(p) = &mut record {
        p.meta.visibility = Visibility::Team;
        p.consents = [Purpose::Store, Purpose::ShareWithTeam]
            .into_iter()
            .map(|purpose| Consent {
                purpose,
                given: true,
                how: ConsentHow::Verbal,
                wording: String::new(),
                recorded_by: "Test worker".into(),
                at: meta().created,
            })
            .collect();
    }
    record
}

async fn save_new(store: &Store, records: Vec<Record>) -> Vec<DocId> {
    let ids: Vec<DocId> = records.iter().map(|r| DocId::new(r.kind())).collect();
    let edits = ids
        .iter()
        .zip(records)
        .map(|(id, record)| Edit::Save {
            id: *id,
            parent: None,
            record,
        })
        .collect();
    store.apply(edits).await.unwrap();
    ids
}

async fn sync(store: &Store, remote: &Remote) -> Outcome {
    replicate::sync(store, remote, &|_| {}).await.unwrap()
}

async fn server_count(remote: &Remote) -> u64 {
    let info = Call::new("GET", remote.db_url.clone(), &Auth::None)
        .send()
        .await
        .unwrap();
    info.json().unwrap()["doc_count"].as_u64().unwrap()
}

fn name(store_record: Option<(kith::model::Rev, Record)>) -> Option<String> {
    store_record.map(|(_, r)| r.name().unwrap_or_default().to_owned())
}

#[test]
async fn a_first_sync_carries_a_thousand_records_each_way_and_a_rerun_moves_nothing() {
    let remote = new_database("first").await;
    let (a, b) = (device("first-a").await, device("first-b").await);
    let from_a = save_new(
        &a,
        (0..1000)
            .map(|i| shared(&format!("A person {i}")))
            .collect(),
    )
    .await;
    let from_b = save_new(
        &b,
        (0..1000)
            .map(|i| shared(&format!("B person {i}")))
            .collect(),
    )
    .await;

    let first = sync(&a, &remote).await;
    assert_eq!((first.sent, first.received), (1000, 0));
    assert_eq!(server_count(&remote).await, 1000);
    assert_eq!(
        a.count_unsent().await.unwrap(),
        0,
        "everything sent is marked sent"
    );

    let second = sync(&b, &remote).await;
    assert_eq!((second.sent, second.received), (1000, 1000));
    let third = sync(&a, &remote).await;
    assert_eq!((third.sent, third.received), (0, 1000));
    assert_eq!(server_count(&remote).await, 2000);
    for (store, ids, prefix) in [(&b, &from_a, "A"), (&a, &from_b, "B")] {
        assert_eq!(store.count(Kind::Person).await.unwrap(), 2000);
        let (rev, record) = store.record(ids[7]).await.unwrap().unwrap();
        assert_eq!(record.name(), Some(format!("{prefix} person 7").as_str()));
        assert_eq!(rev.pos(), 1, "the same revision, not a copy");
    }
    // Received records are not sent back as if they were new here.
    assert_eq!(b.count_unsent().await.unwrap(), 0);

    let again = sync(&a, &remote).await;
    assert_eq!((again.sent, again.received), (0, 0));
    assert_eq!(
        again.change_requests, 1,
        "resumed from its checkpoint, one look at the feed"
    );
}

#[test]
async fn edits_deletions_and_a_record_brought_back_travel_both_ways() {
    let remote = new_database("edits").await;
    let (a, b) = (device("edits-a").await, device("edits-b").await);
    let ids = save_new(&a, vec![shared("Amina"), shared("Ben"), shared("Chloe")]).await;
    sync(&a, &remote).await;
    sync(&b, &remote).await;

    // B renames Amina and deletes Ben; A renames Chloe.
    let (rev, mut amina) = b.record(ids[0]).await.unwrap().unwrap();
    if let Record::Person(p) = &mut amina {
        p.name = "Amina Begum".into();
    }
    b.save(ids[0], Some(rev), amina).await.unwrap();
    let (ben_rev, ben) = b.record(ids[1]).await.unwrap().unwrap();
    b.delete(ids[1], ben_rev).await.unwrap();
    let (rev, mut chloe) = a.record(ids[2]).await.unwrap().unwrap();
    if let Record::Person(p) = &mut chloe {
        p.name = "Chloe Price".into();
    }
    a.save(ids[2], Some(rev), chloe).await.unwrap();

    sync(&b, &remote).await;
    sync(&a, &remote).await;
    sync(&b, &remote).await;
    for store in [&a, &b] {
        assert_eq!(
            name(store.record(ids[0]).await.unwrap()).as_deref(),
            Some("Amina Begum")
        );
        assert_eq!(
            store.record(ids[1]).await.unwrap(),
            None,
            "the deletion travelled"
        );
        assert_eq!(
            name(store.record(ids[2]).await.unwrap()).as_deref(),
            Some("Chloe Price")
        );
    }

    // A brings Ben back (Undo of a delete is a revive): it reaches B.
    a.apply(vec![Edit::Revive {
        id: ids[1],
        record: ben,
    }])
    .await
    .unwrap();
    sync(&a, &remote).await;
    sync(&b, &remote).await;
    assert_eq!(
        name(b.record(ids[1]).await.unwrap()).as_deref(),
        Some("Ben")
    );
}

#[test]
async fn one_record_changed_on_two_devices_is_a_conflict_on_both_with_the_same_winner() {
    let remote = new_database("conflict").await;
    let (a, b) = (device("conflict-a").await, device("conflict-b").await);
    let ids = save_new(&a, vec![shared("Dev")]).await;
    sync(&a, &remote).await;
    sync(&b, &remote).await;
    for (store, new_name) in [(&a, "Dev Patel"), (&b, "Devendra")] {
        let (rev, mut record) = store.record(ids[0]).await.unwrap().unwrap();
        if let Record::Person(p) = &mut record {
            p.name = new_name.into();
        }
        store.save(ids[0], Some(rev), record).await.unwrap();
    }
    sync(&a, &remote).await;
    sync(&b, &remote).await;
    sync(&a, &remote).await;
    let (sa, sb) = (
        a.get(ids[0]).await.unwrap().unwrap(),
        b.get(ids[0]).await.unwrap().unwrap(),
    );
    assert_eq!(sa.tree.winner(), sb.tree.winner());
    assert_eq!(
        sa.conflicts().len(),
        1,
        "the other version is kept, not dropped"
    );
    assert_eq!(sb.conflicts().len(), 1);
}

#[test]
async fn what_a_person_did_not_agree_to_share_never_leaves_the_device() {
    let remote = new_database("consent").await;
    let a = device("consent-a").await;
    let mut only_me = shared("Only Me");
    if let Record::Person(p) = &mut only_me {
        p.meta.visibility = Visibility::Private;
    }
    let ids = save_new(
        &a,
        vec![support::person("Not Asked"), only_me, shared("Agreed")],
    )
    .await;
    let gifts = save_new(
        &a,
        vec![
            support::gift(
                ids[0],
                kith::model::record::GiftMode::Offer,
                &["cooking"],
                &[],
            ),
            support::gift(
                ids[2],
                kith::model::record::GiftMode::Offer,
                &["sewing"],
                &[],
            ),
        ],
    )
    .await;
    let outcome = sync(&a, &remote).await;
    assert_eq!(outcome.sent, 2, "the agreed person and their gift");
    let withheld: Vec<(DocId, Allowed)> = outcome.withheld.clone();
    assert!(
        withheld.contains(&(ids[0], Allowed::NotAsked)),
        "{withheld:?}"
    );
    assert!(
        withheld.contains(&(ids[1], Allowed::OnlyMe)),
        "{withheld:?}"
    );
    assert!(
        withheld.contains(&(gifts[0], Allowed::NotAsked)),
        "{withheld:?}"
    );
    assert_eq!(server_count(&remote).await, 2);
    for id in [ids[0], ids[1], gifts[0]] {
        let answer = Call::new("GET", format!("{}/{id}", remote.db_url), &Auth::None)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status, 404, "{id} is not on the server");
    }
    let body: Value = Call::new(
        "GET",
        format!("{}/_all_docs?include_docs=true", remote.db_url),
        &Auth::None,
    )
    .send()
    .await
    .unwrap()
    .json()
    .unwrap();
    assert!(!body.to_string().contains("Not Asked") && !body.to_string().contains("Only Me"));
}

fn answer_sharing(record: &mut Record, given: bool) {
    if let Record::Person(p) = record {
        p.consents.push(Consent {
            purpose: Purpose::ShareWithTeam,
            given,
            how: ConsentHow::Verbal,
            wording: String::new(),
            recorded_by: "Test worker".into(),
            at: "2026-12-03T10:00:00Z".parse().unwrap(),
        });
    }
}

async fn on_server(remote: &Remote, id: DocId) -> Value {
    Call::new("GET", format!("{}/{id}", remote.db_url), &Auth::None)
        .send()
        .await
        .unwrap()
        .json()
        .unwrap()
}

#[test]
async fn a_withdrawal_takes_the_shared_copy_back_and_a_new_yes_shares_it_again() {
    use kith::model::record::GiftMode;
    use kith::store::query::{Party, PartyRead, Query};
    let remote = new_database("withdraw").await;
    let (a, b) = (device("withdraw-a").await, device("withdraw-b").await);
    let ids = save_new(&a, vec![shared("Amina Begum")]).await;
    let gifts = save_new(
        &a,
        vec![support::gift(ids[0], GiftMode::Offer, &["cooking"], &[])],
    )
    .await;
    sync(&a, &remote).await;
    sync(&b, &remote).await;
    assert_eq!(b.count(Kind::Gift).await.unwrap(), 1);

    let (rev, mut amina) = a.record(ids[0]).await.unwrap().unwrap();
    answer_sharing(&mut amina, false);
    a.save(ids[0], Some(rev), amina).await.unwrap();
    let outcome = sync(&a, &remote).await;
    assert!(
        outcome.withheld.contains(&(ids[0], Allowed::Withdrawn)),
        "{outcome:?}"
    );
    for id in [ids[0], gifts[0]] {
        let copy = on_server(&remote, id).await;
        let mut keys: Vec<&str> = copy
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(keys, ["_id", "_rev", "type", "withdrawn"], "{copy}");
        assert_eq!(copy["withdrawn"], "consent withdrawn");
    }
    sync(&b, &remote).await;
    assert_eq!(b.record(ids[0]).await.unwrap(), None);
    assert_eq!(b.count(Kind::Person).await.unwrap(), 0);
    assert_eq!(
        b.count(Kind::Gift).await.unwrap(),
        0,
        "the gift went back with its owner"
    );
    assert_eq!(
        Party(Some(ids[0])).run(&b).await.unwrap(),
        PartyRead::Withdrawn
    );
    // The device that recorded her keeps everything, sync after sync.
    sync(&a, &remote).await;
    assert_eq!(
        name(a.record(ids[0]).await.unwrap()).as_deref(),
        Some("Amina Begum")
    );
    assert_eq!(a.count(Kind::Gift).await.unwrap(), 1);

    // She agrees again: the whole record goes back, and the stand-in closes.
    let (rev, mut amina) = a.record(ids[0]).await.unwrap().unwrap();
    answer_sharing(&mut amina, true);
    a.save(ids[0], Some(rev), amina).await.unwrap();
    sync(&a, &remote).await;
    assert_eq!(on_server(&remote, ids[0]).await["name"], "Amina Begum");
    sync(&b, &remote).await;
    assert_eq!(
        name(b.record(ids[0]).await.unwrap()).as_deref(),
        Some("Amina Begum")
    );
    assert_eq!(b.count(Kind::Gift).await.unwrap(), 1);
    assert_eq!(a.count_unsent().await.unwrap(), 0);
}
