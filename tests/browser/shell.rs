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
        ["Map", "People", "Log", "Sync", "Settings"]
    );
    assert_eq!(host.query_selector_all("main").unwrap().length(), 1);
    assert_eq!(texts(&host, "h1"), ["Skills map"]);
    assert_eq!(document().title(), "Skills map · Kith");
    assert_eq!(texts(&host, "nav a[aria-current=page]"), ["Map"]);
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
