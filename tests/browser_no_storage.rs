//! A browser that gives Kith no IndexedDB at all (some private modes).
//!
//! Its own test binary: it hides `window.indexedDB`, which would break any
//! test running beside it on the same page.
#![cfg(target_arch = "wasm32")]

use kith::model::{DocId, Kind};
use kith::store::{Store, StoreError};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_browser_without_storage_gets_a_clear_message() {
    let window = web_sys::window().unwrap();
    let key = JsValue::from_str("indexedDB");
    // Some private modes give no IndexedDB at all.
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"value".into(), &JsValue::NULL).unwrap();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).unwrap();
    js_sys::Object::define_property(&window, &key, &descriptor);

    let result = Store::open(&format!(
        "kith-test-unavailable-{}",
        DocId::new(Kind::Person).uuid()
    ))
    .await;

    js_sys::Reflect::delete_property(&window, &key).unwrap();
    let err = result.err().expect("no store without IndexedDB");
    assert_eq!(err, StoreError::Unavailable);
    assert!(err.to_string().contains("private browsing"), "{err}");
}
