//! One damaged record never hides the others: each kind of damage is
//! written straight into IndexedDB, then every list, search, the map, the
//! log and the reports still show the rest, saves still work, and Settings
//! lists the damaged record with its reason and can remove it.

use kith::model::record::{ConnectionKind, ConnectionStatus, GiftMode};
use kith::model::{DocId, DocState, Kind, Record};
use kith::store::query::{
    DamagedRecords, Log, MapPoints, Neighbourhood, Party, PartyRead, People, Query, ReportRecords,
};
use kith::store::{Command, Damage, Edit, Entry, Store};
use serde_json::{Value, json};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{connection, delete_db, fresh_db_name, gift, name_of, person, put_raw};

/// A small neighbourhood: Ada (who offers baking), Bea, a connection
/// between them. Returns Ada's and Bea's ids.
async fn neighbourhood(store: &Store) -> (DocId, DocId) {
    let (ada, bea) = (DocId::new(Kind::Person), DocId::new(Kind::Person));
    let met = Record::Connection(connection(
        ada,
        bea,
        ConnectionKind::Introduction,
        ConnectionStatus::Made,
    ));
    let edits = [
        (ada, person("Ada")),
        (bea, person("Bea")),
        (
            DocId::new(Kind::Gift),
            gift(ada, GiftMode::Offer, &["baking"], &[]),
        ),
        (DocId::new(Kind::Connection), met),
    ]
    .into_iter()
    .map(|(id, record)| Edit::Save {
        id,
        parent: None,
        record,
    })
    .collect();
    store.apply(edits).await.unwrap();
    (ada, bea)
}

/// A well-formed row for a person called Zed, as the store writes it.
fn zed_row() -> (DocId, Entry) {
    let mut state = DocState::new(DocId::new(Kind::Person));
    let r1 = state.save(None, &person("Zed")).unwrap();
    state.save(Some(&r1), &person("Zed Two")).unwrap();
    let (entry, _) = Entry::from_state(&state, 100, true).unwrap();
    (state.id, entry)
}

/// The kinds of damage seen in the field, each as it lies in the store,
/// and whether lists can still show the record (only its history is bad).
fn damages() -> Vec<(&'static str, Value, bool)> {
    let (_, good) = zed_row();
    let with = |change: &dyn Fn(&mut Entry)| {
        let mut entry = good.clone();
        change(&mut entry);
        serde_json::to_value(entry).unwrap()
    };
    let mut shape = serde_json::to_value(&good).unwrap();
    shape.as_object_mut().unwrap().remove("tree");
    shape["seq"] = json!("one hundred");
    vec![
        (
            "a name stored as a number",
            with(&|e| e.body = e.body.replace("\"Zed Two\"", "5")),
            false,
        ),
        ("a body cut off", with(&|e| e.body.truncate(20)), false),
        (
            "an unknown type under a person id",
            with(&|e| {
                e.body = e
                    .body
                    .replace("\"type\":\"person\"", "\"type\":\"spaceship\"")
            }),
            false,
        ),
        (
            "a date in the year 9999",
            with(&|e| {
                e.body = e
                    .body
                    .replace("2026-11-27T09:30:00Z", "9999-12-31T23:59:59Z")
            }),
            false,
        ),
        (
            "an id that is not a UUID",
            with(&|e| e.id = "person:not-a-uuid".into()),
            false,
        ),
        ("a row not shaped like a record", shape, false),
        (
            "a winner that is not a leaf",
            with(&|e| {
                let tree: kith::model::RevTree = serde_json::from_str(&e.tree).unwrap();
                let first = tree.leaves()[0].clone();
                e.winner = tree.parent(&first).unwrap().to_string();
            }),
            true,
        ),
    ]
}

async fn run<Q: Query>(store: &Store, query: Q) -> Q::Output {
    query.run(store).await.unwrap()
}

#[wasm_bindgen_test]
async fn each_kind_of_damage_leaves_everything_else_shown_and_saving() {
    for (what, row, listed) in damages() {
        let name = fresh_db_name("damage");
        let store = Store::open(&name).await.unwrap();
        let (ada, bea) = neighbourhood(&store).await;
        store.close();
        put_raw(&name, "records", None, row.clone()).await;
        let key = row["id"].as_str().unwrap().to_owned();

        let store = Store::open(&name).await.unwrap();
        let people = run(&store, People { shown: 200 }).await;
        let names: Vec<&str> = people.people.iter().map(|(_, r)| name_of(r)).collect();
        let unreadable = u32::from(!listed);
        if listed {
            assert_eq!(names, ["Ada", "Bea", "Zed Two"], "{what}");
        } else {
            assert_eq!(names, ["Ada", "Bea"], "{what}");
        }
        assert_eq!(people.unreadable, unreadable, "{what}: the list says so");

        let found = run(&store, Neighbourhood).await;
        assert_eq!(found.unreadable, unreadable, "{what}");
        let query = kith::model::search::Query {
            text: "baking".into(),
            ..Default::default()
        };
        assert_eq!(
            found.index.search(&query, 10).0[0].id,
            ada,
            "{what}: search"
        );

        let log = run(&store, Log).await;
        assert_eq!(log.lines.len(), 1, "{what}: the log");
        assert!(
            log.lines[0].words.contains("Ada introduced to Bea"),
            "{what}"
        );
        assert_eq!(
            run(&store, ReportRecords).await.unreadable,
            unreadable,
            "{what}"
        );
        let map = run(&store, MapPoints).await;
        assert_eq!(map.unreadable, unreadable, "{what}: the map");
        // Ada and Bea were read all the same (nobody has asked them about
        // the map yet, so they are counted, not drawn).
        assert!(map.plan.not_asked >= 2, "{what}: the map");

        // Ada's page is whole; the damaged record's page says what is wrong.
        match run(&store, Party(Some(ada))).await {
            PartyRead::Found(view) => {
                assert_eq!(view.gifts.len(), 1, "{what}");
                assert_eq!(view.connections[0].other, "Bea", "{what}");
            }
            other => panic!("{what}: Ada's page read {other:?}"),
        }
        if let Ok(id) = key.parse::<DocId>() {
            assert!(
                matches!(run(&store, Party(Some(id))).await, PartyRead::Damaged(_)),
                "{what}: its page says it is damaged"
            );
        }

        // Settings lists it with the reason and what it holds.
        let damaged = run(&store, DamagedRecords).await.damaged;
        assert_eq!(damaged.len(), 1, "{what}: {damaged:?}");
        assert_eq!(damaged[0].key, key, "{what}");
        let raw: Value = serde_json::from_str(&damaged[0].raw).unwrap();
        for field in ["id", "body", "tree", "winner"] {
            assert_eq!(raw[field], row[field], "{what}: downloadable as stored");
        }
        if listed {
            assert_eq!(damaged[0].damage, Damage::Winner, "{what}");
        }

        // Saving still works, beside it and on Bea.
        let cal = DocId::new(Kind::Person);
        store.save(cal, None, person("Cal")).await.unwrap();
        let (rev, _) = store.record(bea).await.unwrap().unwrap();
        store
            .save(bea, Some(rev), person("Bea Moss"))
            .await
            .unwrap();

        // Removing it leaves a deletion in its place, and nothing listed.
        let done = store
            .run(Command::RemoveDamaged(key.clone()))
            .await
            .unwrap();
        assert_eq!(done.changed.rows, std::slice::from_ref(&key), "{what}");
        assert!(
            run(&store, DamagedRecords).await.damaged.is_empty(),
            "{what}"
        );
        let people = run(&store, People { shown: 200 }).await;
        let names: Vec<&str> = people.people.iter().map(|(_, r)| name_of(r)).collect();
        assert_eq!(names, ["Ada", "Bea Moss", "Cal"], "{what}");
        assert_eq!(people.unreadable, 0, "{what}");
        if let Ok(id) = key.parse::<DocId>() {
            let state = store.get(id).await.unwrap().unwrap();
            assert!(state.is_deleted(), "{what}: a tombstone is kept");
            assert_eq!(
                state.winner().unwrap().body,
                json!({"type": "person"}),
                "{what}"
            );
        }
        store.close();
        delete_db(&name).await;
    }
}

#[wasm_bindgen_test]
async fn a_damaged_sequence_counter_is_put_right_on_open() {
    for (what, counter) in [
        ("not a number", json!("garbage")),
        ("behind the records", json!(1)),
        ("negative", json!(-4)),
        ("an object", json!({"n": 1})),
    ] {
        let name = fresh_db_name("counter");
        let store = Store::open(&name).await.unwrap();
        neighbourhood(&store).await;
        let highest = store.last_seq().await.unwrap();
        store.close();
        put_raw(&name, "meta", Some("seq"), counter).await;

        let store = Store::open(&name).await.unwrap();
        assert_eq!(store.last_seq().await.unwrap(), highest, "{what}");
        let id = DocId::new(Kind::Person);
        store.save(id, None, person("Dee")).await.unwrap();
        assert_eq!(store.last_seq().await.unwrap(), highest + 1, "{what}");
        let changes = store.changes_since(highest, 10).await.unwrap();
        assert_eq!(
            changes.iter().map(|c| c.id).collect::<Vec<_>>(),
            [id],
            "{what}"
        );
        store.close();
        delete_db(&name).await;
    }
}
