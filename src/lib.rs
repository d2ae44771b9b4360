//! Kith: an offline-first community skills map.
//!
//! `model` is the pure core (host-tested); `store` keeps it in IndexedDB;
//! `sync` is the network; `ui` is the Leptos app. ARCHITECTURE.md has the
//! map and the rules that keep them apart.

pub mod model;
pub mod store;
pub mod sync;
pub mod ui;

// Unit tests built for wasm32 run in headless Chromium, like the app.
#[cfg(all(test, target_family = "wasm"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app on the page's body. Called by the binary's `main`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::App);
}
