//! The mounted app in a real page.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

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
        ["Home", "Map", "People", "Log", "Sync", "Settings"]
    );
    assert_eq!(host.query_selector_all("main").unwrap().length(), 1);
    assert_eq!(texts(&host, "h1"), ["Skills map"]);
    assert_eq!(document().title(), "Skills map · Kith");
    assert_eq!(texts(&host, "nav a[aria-current=page]"), ["Home"]);
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

/// Mounts the app as if opened at `path`. The address is put back at once
/// (before any await) so tests running beside this one are not moved.
fn mount_app_at(path: &str) -> web_sys::HtmlElement {
    let history = web_sys::window().unwrap().history().unwrap();
    let here = web_sys::window().unwrap().location().pathname().unwrap();
    history
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    let host = mount_app();
    history
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&here))
        .unwrap();
    host
}

#[wasm_bindgen_test]
async fn the_people_page_lists_what_the_store_holds_sorted_by_name() {
    use kith::model::{DocId, Kind};
    use kith::store::{DB_NAME, Edit, Store};

    let store = Store::open(DB_NAME).await.unwrap();
    let names = ["Zainab Ali", "ada Obi", "Bea Moss"];
    let edits = names
        .iter()
        .map(|n| Edit::Save {
            id: DocId::new(Kind::Person),
            parent: None,
            record: crate::support::person(n),
        })
        .collect();
    store.apply(edits).await.unwrap();
    store.close();

    let host = mount_app_at("/people");
    let listed = || texts(&host, "[data-testid=people-list] li .name");
    assert!(
        crate::support::wait_for(3000, || listed().len() >= 3).await,
        "listed {:?}",
        listed()
    );
    let listed = listed();
    let ours: Vec<&String> = listed
        .iter()
        .filter(|n| names.contains(&n.as_str()))
        .collect();
    assert_eq!(
        ours,
        ["ada Obi", "Bea Moss", "Zainab Ali"],
        "by name, whatever the case"
    );
    assert!(
        texts(&host, "[data-testid=people-summary]")
            .concat()
            .ends_with("people")
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn a_long_log_shows_its_newest_hundred_and_more_on_a_tap() {
    use kith::model::record::{Hours, HoursNature};
    use kith::model::{DocId, Kind, Record};
    use kith::store::{DB_NAME, Edit, Store};

    // 250 hours entries dated far ahead, so they are the newest whatever
    // else this browser's log holds.
    let store = Store::open(DB_NAME).await.unwrap();
    let (giver, receiver) = (DocId::new(Kind::Person), DocId::new(Kind::Person));
    let first: jiff::civil::Date = "2099-01-01".parse().unwrap();
    let edits = (0..250)
        .map(|i| Edit::Save {
            id: DocId::new(Kind::Hours),
            parent: None,
            record: Record::Hours(Hours {
                giver,
                receivers: vec![receiver],
                minutes: 1 + i,
                date: first + jiff::Span::new().days(i64::from(i)),
                for_what: None,
                description: String::new(),
                nature: HoursNature::Volunteering,
                meta: crate::support::meta(),
                extra: Default::default(),
            }),
        })
        .collect();
    store.apply(edits).await.unwrap();
    store.close();

    let host = mount_app_at("/log");
    let lines = || texts(&host, "[data-testid=log-list] li");
    assert!(
        crate::support::wait_for(5000, || lines().len() == 100).await,
        "first page: {} lines",
        lines().len()
    );
    // Newest first: the last day written, 250 minutes given.
    assert!(lines()[0].contains("4 h 10 min"), "{:?}", lines()[0]);
    assert!(lines()[1].contains("4 h 9 min"), "{:?}", lines()[1]);
    let more: web_sys::HtmlElement = host
        .query_selector("[data-testid=log-more] + button")
        .unwrap()
        .expect("a Show more button")
        .unchecked_into();
    assert_eq!(more.text_content().unwrap(), "Show 100 more");
    more.focus().unwrap();
    more.click();
    assert!(
        crate::support::wait_for(3000, || lines().len() == 200).await,
        "after one tap: {} lines",
        lines().len()
    );
    // The same button, still there and still focused, for the next tap.
    assert!(more.is_connected());
    assert_eq!(
        document()
            .active_element()
            .map(|e| e.unchecked_into::<web_sys::HtmlElement>()),
        Some(more.clone())
    );
    assert!(lines()[199].contains("gave 51 min"), "{:?}", lines()[199]);
    host.remove();
}

#[wasm_bindgen_test]
async fn an_open_people_page_follows_saves_made_in_another_tab() {
    use kith::model::{DocId, Kind};
    use kith::store::{DB_NAME, Store};

    let host = mount_app_at("/people");
    let listed = || texts(&host, "[data-testid=people-list] li .name");
    // The app's store is open once its first list is drawn.
    assert!(crate::support::wait_for(3000, || host.query_selector("h1").unwrap().is_some()).await);
    crate::support::sleep(300).await;

    // Another tab: its own handle on the same database.
    let other = Store::open(DB_NAME).await.unwrap();
    let id = DocId::new(Kind::Person);
    let name = format!("Aaa Newcomer {}", id.uuid().simple());
    let rev = other
        .save(id, None, crate::support::person(&name))
        .await
        .unwrap();
    assert!(
        crate::support::wait_for(3000, || listed().contains(&name)).await,
        "the new person appears without a reload: {:?}",
        listed()
    );
    let renamed = format!("{name} Smith");
    let rev = other
        .save(id, Some(rev), crate::support::person(&renamed))
        .await
        .unwrap();
    assert!(
        crate::support::wait_for(3000, || listed().contains(&renamed)).await,
        "an edit shows: {:?}",
        listed()
    );
    assert!(!listed().contains(&name));
    other.delete(id, rev).await.unwrap();
    assert!(
        crate::support::wait_for(3000, || !listed().contains(&renamed)).await,
        "a deletion shows: {:?}",
        listed()
    );
    other.close();
    host.remove();
}
