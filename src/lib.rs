//! Kith: an offline-first community skills map.
//!
//! `model` is the pure core (host-tested); `store` keeps it in IndexedDB;
//! `ui` is the Leptos app. ARCHITECTURE.md has the map.

pub mod model;
pub mod store;
pub mod ui;

/// Mounts the app on the page's body. Called by the binary's `main`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::App);
}
