//! In-browser tests: IndexedDB, web APIs and the mounted app, in headless
//! Chromium through wasm-bindgen-test-runner (scripts/test sets it up).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "browser/support.rs"]
mod support;

#[path = "browser/damage.rs"]
mod damage;
#[path = "browser/feed.rs"]
mod feed;
#[path = "browser/queries.rs"]
mod queries;
#[path = "browser/shell.rs"]
mod shell;
#[path = "browser/store.rs"]
mod store;
#[path = "browser/upgrade.rs"]
mod upgrade;
