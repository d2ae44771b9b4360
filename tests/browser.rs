//! In-browser tests: IndexedDB and the mounted app, in headless Chromium
//! through wasm-bindgen-test-runner (scripts/test sets it up).
#![cfg(target_arch = "wasm32")]

use kith::model::{DocId, Kind};
use kith::store::Store;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Each test gets its own database, so tests never see each other's data.
fn fresh_db_name(test: &str) -> String {
    format!("kith-test-{test}-{}", DocId::new(Kind::Person).uuid())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Sketch {
    name: String,
    gifts: Vec<String>,
    minutes: u32,
}

#[wasm_bindgen_test]
async fn a_record_written_to_indexeddb_is_read_back_after_reopening() {
    let name = fresh_db_name("roundtrip");
    let id = DocId::new(Kind::Person);
    let amina = Sketch {
        name: "Amina Begum".into(),
        gifts: vec!["baking".into(), "Bengali – teaching".into()],
        minutes: 90,
    };

    let store = Store::open(&name).await.expect("open");
    store.put(&id, &amina).await.expect("put");
    store.close();

    // A new connection reads what the first one wrote: it reached the disk's
    // database, not a cache in memory.
    let store = Store::open(&name).await.expect("reopen");
    let back: Option<Sketch> = store.get(&id).await.expect("get");
    assert_eq!(back, Some(amina));

    let missing: Option<Sketch> = store
        .get(&DocId::new(Kind::Person))
        .await
        .expect("get missing");
    assert_eq!(missing, None);
    store.close();
    indexed_db_futures::database::Database::delete_by_name(&name)
        .expect("delete")
        .await
        .expect("deleted");
}

#[wasm_bindgen_test]
async fn a_second_write_to_the_same_id_replaces_the_first() {
    let name = fresh_db_name("replace");
    let id = DocId::new(Kind::Group);
    let store = Store::open(&name).await.expect("open");
    let mut choir = Sketch {
        name: "Tuesday choir".into(),
        gifts: vec!["singing".into()],
        minutes: 60,
    };
    store.put(&id, &choir).await.expect("first put");
    choir.minutes = 75;
    store.put(&id, &choir).await.expect("second put");
    let back: Option<Sketch> = store.get(&id).await.expect("get");
    assert_eq!(back.map(|c| c.minutes), Some(75));
    store.close();
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the whole app in a fresh element and returns that element.
fn mount_app() -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), kith::ui::App);
    // The app lives for the rest of the page, as it does in real use.
    handle.forget();
    host
}

fn texts(host: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = host.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| {
            nodes
                .item(i)
                .unwrap()
                .text_content()
                .unwrap_or_default()
                .trim()
                .to_string()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_shell_shows_navigation_one_main_and_the_home_heading() {
    let host = mount_app();
    leptos::task::tick().await;

    assert_eq!(
        texts(&host, "nav[aria-label=Main] a"),
        ["Map", "People", "Log", "Sync", "Settings"]
    );
    assert_eq!(host.query_selector_all("main").unwrap().length(), 1);
    assert_eq!(texts(&host, "h1"), ["Skills map"]);
    assert_eq!(document().title(), "Skills map · Kith");
    let current = texts(&host, "nav a[aria-current=page]");
    assert_eq!(current, ["Map"]);
    host.remove();
}

#[wasm_bindgen_test]
async fn the_indicator_follows_the_browsers_online_and_offline_events() {
    let host = mount_app();
    leptos::task::tick().await;
    let status = || texts(&host, "[data-testid=network-status]").concat();
    let window = web_sys::window().unwrap();

    window
        .dispatch_event(&web_sys::Event::new("offline").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert!(status().starts_with("Offline"), "said {:?}", status());

    window
        .dispatch_event(&web_sys::Event::new("online").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(status(), "Online");
    host.remove();
}
