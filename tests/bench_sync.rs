//! A benchmark, not a test: `scripts/bench sync` runs it (release build,
//! headless Chromium) against a PouchDB Server it started, named at build
//! time in KITH_TEST_COUCH (as for tests/browser_sync.rs), and BENCHMARKS.md
//! records what it printed. One round a run: a push of 10,000 people and
//! 30,000 gifts from a fresh IndexedDB into an empty database, a pull of
//! the same into another fresh IndexedDB, and a sync with nothing new,
//! whose requests and bytes the server counts (KITH_BENCH_COUNTS).
//! tests/e2e/bench-sync.mjs does the same with PouchDB in the same run.
#![cfg(target_arch = "wasm32")]

use kith::model::record::{
    Consent, ConsentHow, ContactKind, ContactMethod, Extra, Gift, GiftKind, GiftMode, Meta, Person,
    Purpose, Visibility,
};
use kith::model::{DocId, Kind, Record};
use kith::store::{Edit, Store};
use kith::sync::http::{Auth, Call};
use kith::sync::replicate::{self, Outcome, Remote};
use kith::sync::setup::{AuthMode, SyncSettings};
use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const COUCH: Option<&str> = option_env!("KITH_TEST_COUCH");
const COUNTS: Option<&str> = option_env!("KITH_BENCH_COUNTS");

const PEOPLE: usize = 10_000;
const GIFTS_PER_PERSON: usize = 3;
const RECORDS: usize = PEOPLE * (1 + GIFTS_PER_PERSON);
/// Records per transaction while filling a device: one "action" each.
const WRITE_BATCH: usize = 1_000;
/// The server's database every pull reads (PouchDB's too): written once
/// a run, by the first round's Kith push.
pub const SOURCE: &str = "bench-sync-source";

const SKILLS: [&str; 12] = [
    "gardening",
    "baking",
    "cooking",
    "knitting",
    "sewing",
    "singing",
    "guitar",
    "bike repair",
    "computers",
    "english",
    "befriending",
    "first aid",
];

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn report(what: &str, value: String) {
    web_sys::console::log_1(&format!("BENCH {what}: {value}").into());
}

fn meta() -> Meta {
    Meta {
        visibility: Visibility::Team,
        ..Meta::new("2026-11-27T09:30:00Z".parse().unwrap(), "Benchmark worker")
    }
}

/// A person who agreed to be kept and shared with the team, with the
/// details a worker records: about 600 bytes as JSON.
fn person(i: usize) -> Record {
    Record::Person(Person {
        area: format!("S4{}", i % 6),
        contacts: vec![
            ContactMethod {
                kind: ContactKind::Phone,
                value: format!("07700 9{i:05}"),
                label: "Mobile".into(),
                preferred: true,
            },
            ContactMethod {
                kind: ContactKind::Email,
                value: format!("person{i:05}@example.org"),
                label: String::new(),
                preferred: false,
            },
        ],
        consents: [Purpose::Store, Purpose::ShareWithTeam]
            .into_iter()
            .map(|purpose| Consent {
                purpose,
                given: true,
                how: ConsentHow::Verbal,
                wording: "Kith keeps your details and shares them with the team.".into(),
                recorded_by: "Benchmark worker".into(),
                at: "2026-11-27T09:30:00Z".parse().unwrap(),
            })
            .collect(),
        languages: vec!["English".into()],
        access_needs: String::new(),
        notes: format!(
            "Met at the Tuesday drop-in; would like to help with {}.",
            SKILLS[i % 12]
        ),
        ..Person::new(format!("Person {i:05}"), meta())
    })
}

/// One of a person's gifts: about 450 bytes as JSON.
fn gift(owner: DocId, i: usize) -> Record {
    let modes = [
        GiftMode::Offer,
        GiftMode::Teach,
        GiftMode::Learn,
        GiftMode::Need,
    ];
    Record::Gift(Gift {
        owner,
        kind: GiftKind::Hands,
        mode: modes[i % 4],
        skills: vec![SKILLS[i % 12].into(), SKILLS[(i * 7 + 3) % 12].into()],
        tags: vec![format!("tag{}", i % 50)],
        description: format!("Gift number {i}, described in a sentence or two as a worker would."),
        availability: "Weekday mornings".into(),
        expires: None,
        meta: meta(),
        extra: Extra::new(),
    })
}

/// 10,000 people, each with 3 gifts.
fn neighbourhood() -> Vec<(DocId, Record)> {
    let people: Vec<DocId> = (0..PEOPLE).map(|_| DocId::new(Kind::Person)).collect();
    let mut records: Vec<(DocId, Record)> = people
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, person(i)))
        .collect();
    records.extend(
        (0..PEOPLE * GIFTS_PER_PERSON)
            .map(|i| (DocId::new(Kind::Gift), gift(people[i % PEOPLE], i))),
    );
    records
}

async fn fill(store: &Store, records: &[(DocId, Record)]) {
    for chunk in records.chunks(WRITE_BATCH) {
        let edits = chunk
            .iter()
            .map(|(id, record)| Edit::Save {
                id: *id,
                parent: None,
                record: record.clone(),
            })
            .collect();
        store.apply(edits).await.expect("batch written");
    }
}

fn unique(what: &str) -> String {
    format!(
        "bench-sync-{what}-{}",
        DocId::new(Kind::Person).uuid().simple()
    )
}

async fn fresh_store(what: &str) -> (Store, String) {
    let name = unique(what);
    (Store::open(&name).await.unwrap(), name)
}

async fn drop_store(store: Store, name: &str) {
    store.close();
    indexed_db_futures::database::Database::delete_by_name(name)
        .unwrap()
        .await
        .unwrap();
}

fn remote(db: &str) -> Remote {
    let server =
        COUCH.expect("KITH_TEST_COUCH names a PouchDB Server (scripts/bench sync starts one)");
    let settings = SyncSettings::new(&format!("{server}/{db}"), "", AuthMode::Basic)
        .expect("a database address");
    Remote::new(settings, String::new())
}

async fn call(method: &'static str, url: String) -> (u16, Value) {
    let reply = Call::new(method, url, &Auth::None)
        .timeout(std::time::Duration::from_secs(600))
        .send()
        .await
        .unwrap();
    (reply.status, reply.json().unwrap_or(Value::Null))
}

async fn sync(store: &Store, remote: &Remote) -> (f64, Outcome) {
    let start = now_ms();
    let outcome = replicate::sync(store, remote, &|_| {}).await.unwrap();
    (now_ms() - start, outcome)
}

/// The server's counts since the last reset: requests, bytes from the
/// client, bytes to it, and each request's method and path.
async fn counts(reset: bool) -> Value {
    let base = COUNTS.expect("KITH_BENCH_COUNTS names the server's counter");
    call(
        "GET",
        format!("{base}/{}", if reset { "reset" } else { "counts" }),
    )
    .await
    .1
}

/// The server's time by kind of request, busiest first.
fn busy(counts: &Value) -> String {
    let mut kinds: Vec<(String, u64, f64)> = counts["busy"]
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v["requests"].as_u64().unwrap_or(0),
                        v["ms"].as_f64().unwrap_or(0.0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    kinds.sort_by(|a, b| b.2.total_cmp(&a.2));
    kinds
        .iter()
        .map(|(k, n, ms)| format!("{k} {n}x {ms:.0} ms"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[wasm_bindgen_test]
async fn sync_ten_thousand_people_and_thirty_thousand_gifts() {
    let records = neighbourhood();
    let bytes: usize = records
        .iter()
        .map(|(_, r)| serde_json::to_string(r).unwrap().len())
        .sum();
    report(
        "sync data",
        format!(
            "{PEOPLE} people, {} gifts, {:.0} bytes a record on average as JSON",
            PEOPLE * GIFTS_PER_PERSON,
            bytes as f64 / RECORDS as f64
        ),
    );

    // The source every pull reads, written once a run by a Kith push.
    let source = remote(SOURCE);
    if call("GET", source.db_url.clone()).await.0 == 404 {
        assert_eq!(call("PUT", source.db_url.clone()).await.0, 201);
        let (store, name) = fresh_store("seed").await;
        fill(&store, &records).await;
        let (ms, outcome) = sync(&store, &source).await;
        assert_eq!(outcome.sent as usize, RECORDS);
        report("sync seed", format!("{ms:.0} ms (a Kith push)"));
        drop_store(store, &name).await;
    }

    // Push: a device holding the 40,000 records, an empty database.
    let (store, name) = fresh_store("push").await;
    let start = now_ms();
    fill(&store, &records).await;
    report(
        "sync kith local write",
        format!(
            "{:.0} ms ({RECORDS} records, {WRITE_BATCH} a transaction)",
            now_ms() - start
        ),
    );
    let target = remote(&unique("kith-push"));
    assert_eq!(call("PUT", target.db_url.clone()).await.0, 201);
    counts(true).await;
    let (ms, outcome) = sync(&store, &target).await;
    report(
        "sync kith push, the server's time",
        busy(&counts(false).await),
    );
    assert_eq!((outcome.sent as usize, outcome.received), (RECORDS, 0));
    assert!(outcome.withheld.is_empty() && outcome.refused.is_empty());
    let (_, info) = call("GET", target.db_url.clone()).await;
    assert_eq!(info["doc_count"].as_u64(), Some(RECORDS as u64));
    report("sync kith push", format!("{ms:.0} ms ({RECORDS} records)"));
    call("DELETE", target.db_url.clone()).await;
    drop_store(store, &name).await;

    // Pull: a fresh device, the source's 40,000 records.
    let (store, name) = fresh_store("pull").await;
    counts(true).await;
    let (ms, outcome) = sync(&store, &source).await;
    report(
        "sync kith pull, the server's time",
        busy(&counts(false).await),
    );
    assert_eq!((outcome.sent, outcome.received as usize), (0, RECORDS));
    assert_eq!(store.count(Kind::Person).await.unwrap() as usize, PEOPLE);
    assert_eq!(
        store.count(Kind::Gift).await.unwrap() as usize,
        PEOPLE * GIFTS_PER_PERSON
    );
    report(
        "sync kith pull",
        format!(
            "{ms:.0} ms ({RECORDS} records, {} requests to _changes)",
            outcome.change_requests
        ),
    );

    // Nothing new: the same device syncs again.
    counts(true).await;
    let (ms, outcome) = sync(&store, &source).await;
    let seen = counts(false).await;
    assert_eq!((outcome.sent, outcome.received), (0, 0));
    report(
        "sync kith noop",
        format!(
            "{ms:.0} ms, {} requests, {} bytes sent, {} bytes received: {}",
            seen["requests"], seen["sent"], seen["received"], seen["log"]
        ),
    );
    drop_store(store, &name).await;
}
