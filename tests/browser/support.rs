//! Helpers shared by the in-browser tests.

use kith::model::record::{Gift, GiftMode, Meta, Person};
use kith::model::{DocId, Kind, Record};

/// Each test gets its own database, so tests never see each other's data.
pub fn fresh_db_name(test: &str) -> String {
    format!("kith-test-{test}-{}", DocId::new(Kind::Person).uuid())
}

pub async fn delete_db(name: &str) {
    indexed_db_futures::database::Database::delete_by_name(name)
        .expect("delete request")
        .await
        .expect("database deleted");
}

pub fn meta() -> Meta {
    Meta::new("2026-11-27T09:30:00Z".parse().unwrap(), "Test worker")
}

pub fn person(name: &str) -> Record {
    Record::Person(Person {
        area: "S40".into(),
        ..Person::new(name, meta())
    })
}

pub fn gift(owner: DocId, mode: GiftMode, skills: &[&str], tags: &[&str]) -> Record {
    Record::Gift(Gift {
        mode,
        skills: skills.iter().map(|s| s.to_string()).collect(),
        tags: tags.iter().map(|s| s.to_string()).collect(),
        ..Gift::new(owner, meta())
    })
}

pub fn name_of(record: &Record) -> &str {
    record.name().expect("a named record")
}

/// Waits `ms` milliseconds, letting other tasks and browser events run.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `done` holds, checking every 10 ms, for at most `ms`.
pub async fn wait_for(ms: i32, done: impl Fn() -> bool) -> bool {
    for _ in 0..(ms / 10).max(1) {
        if done() {
            return true;
        }
        sleep(10).await;
    }
    done()
}

/// Writes a value straight into one of a database's object stores, as
/// something other than Kith might (a damaged disk, a bad restore): under
/// `key`, or under its own key path when `key` is `None`.
pub async fn put_raw(db: &str, store: &str, key: Option<&str>, value: serde_json::Value) {
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    let db = indexed_db_futures::database::Database::open(db)
        .await
        .expect("database open");
    let tx = db
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let os = tx.object_store(store).unwrap();
    match key {
        Some(key) => os
            .put(value)
            .with_key(key.to_owned())
            .without_key_type()
            .serde()
            .unwrap()
            .await
            .unwrap(),
        None => os.put(value).serde().unwrap().await.unwrap(),
    }
    tx.commit().await.unwrap();
    db.close();
}

/// A connection made on 27 November 2026, with nothing else said.
pub fn connection(
    from: DocId,
    to: DocId,
    kind: kith::model::record::ConnectionKind,
    status: kith::model::record::ConnectionStatus,
) -> kith::model::record::Connection {
    kith::model::record::Connection {
        from,
        to,
        kind,
        status,
        need: None,
        due: None,
        date: "2026-11-27".parse().unwrap(),
        note: String::new(),
        meta: meta(),
        extra: Default::default(),
    }
}
