//! Schema upgrades, other tabs, and browsers that refuse storage.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use kith::model::{DocId, Kind};
use kith::store::{SCHEMA_VERSION, Store, StoreError};
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{delete_db, fresh_db_name, name_of, person, sleep, wait_for};

#[wasm_bindgen_test]
async fn a_database_written_by_version_one_is_upgraded_without_losing_a_record() {
    let name = fresh_db_name("upgrade");
    let ada = DocId::new(Kind::Person);
    let bea = DocId::new(Kind::Person);
    let odd = DocId::new(Kind::Group);
    {
        // What the first version wrote: bodies alone, keyed by id.
        let v1 = Store::open_at_version(&name, 1).await.unwrap();
        let tx = v1
            .transaction("docs")
            .with_mode(TransactionMode::Readwrite)
            .build()
            .unwrap();
        let docs = tx.object_store("docs").unwrap();
        for (id, body) in [
            (ada, serde_json::to_value(person("Ada")).unwrap()),
            (bea, serde_json::to_value(person("Bea")).unwrap()),
            (
                odd,
                json!({"note": "not a record this version understands"}),
            ),
        ] {
            docs.put(body)
                .with_key(id.to_string())
                .serde()
                .unwrap()
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        v1.close();
    }

    let store = Store::open(&name).await.unwrap();
    let people = store.list(Kind::Person, 10).await.unwrap();
    assert_eq!(
        people.iter().map(|(_, r)| name_of(r)).collect::<Vec<_>>(),
        ["Ada", "Bea"]
    );
    let (rev, record) = store.record(ada).await.unwrap().unwrap();
    assert_eq!(rev.pos(), 1, "a first revision");
    assert_eq!(record, person("Ada"));
    // Unreadable as a record, but kept, not dropped.
    let kept = store.get(odd).await.unwrap().unwrap();
    assert_eq!(
        kept.winner().unwrap().body["note"],
        "not a record this version understands"
    );
    assert_eq!(
        store.count_unsent().await.unwrap(),
        3,
        "moved records still need sharing"
    );
    store.close();

    // A second open finds nothing left to move and changes nothing.
    let store = Store::open(&name).await.unwrap();
    assert_eq!(store.last_seq().await.unwrap(), 3);
    assert_eq!(store.list(Kind::Person, 10).await.unwrap().len(), 2);
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn an_upgrade_blocked_by_another_tab_says_so_and_goes_ahead_when_it_closes() {
    let name = fresh_db_name("blocked");
    // An old tab: version 1, which never steps aside for upgrades.
    let old_tab = Store::open_at_version(&name, 1).await.unwrap();

    let blocked = Rc::new(Cell::new(false));
    let opened: Rc<RefCell<Option<Result<Store, StoreError>>>> = Rc::default();
    let (flag, slot) = (Rc::clone(&blocked), Rc::clone(&opened));
    let name2 = name.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = Store::open_with(&name2, move || flag.set(true)).await;
        *slot.borrow_mut() = Some(result);
    });

    assert!(
        wait_for(2000, || blocked.get()).await,
        "the app was told it is blocked"
    );
    sleep(50).await;
    assert!(opened.borrow().is_none(), "and waits rather than failing");

    old_tab.close();
    assert!(wait_for(2000, || opened.borrow().is_some()).await);
    let store = opened.borrow_mut().take().unwrap().unwrap();
    store
        .save(DocId::new(Kind::Person), None, person("After the upgrade"))
        .await
        .unwrap();
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn an_open_store_steps_aside_for_a_newer_version_in_another_tab() {
    let name = fresh_db_name("newer");
    let this_tab = Store::open(&name).await.unwrap();
    let id = DocId::new(Kind::Person);
    this_tab.save(id, None, person("Kept")).await.unwrap();

    // A newer Kith opens with a higher schema version: it is not blocked.
    let newer = Store::open_at_version(&name, SCHEMA_VERSION + 1)
        .await
        .unwrap();
    let err = this_tab.record(id).await.unwrap_err();
    assert_eq!(err, StoreError::Closed);
    assert!(err.to_string().contains("Reload this page"), "{err}");
    newer.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
fn a_full_disk_reads_as_out_of_space_not_as_a_code() {
    let quota =
        web_sys::DomException::new_with_message_and_name("quota", "QuotaExceededError").unwrap();
    let err = StoreError::from(indexed_db_futures::error::Error::from(JsValue::from(quota)));
    assert_eq!(err, StoreError::Full);
    assert!(
        err.to_string()
            .starts_with("This device is out of space, so this was not saved.")
    );
}
