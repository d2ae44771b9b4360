//! The browser's word on the storage Kith's records live in: how much is
//! used and allowed, and whether it is protected from automatic clearing.
//! Each answer is `None` where the browser does not say.

use js_sys::Promise;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{StorageEstimate, StorageManager};

use crate::model::quota::Usage;

fn manager() -> Option<StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers and some webviews have no navigator.storage.
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    storage.dyn_into::<StorageManager>().ok()
}

async fn settle(promise: Result<Promise, wasm_bindgen::JsValue>) -> Option<wasm_bindgen::JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

/// `navigator.storage.estimate()`: bytes used and the quota.
pub async fn estimate() -> Option<Usage> {
    let estimate: StorageEstimate = settle(manager()?.estimate()).await?.unchecked_into();
    Some(Usage {
        used: estimate.get_usage()? as u64,
        quota: estimate.get_quota()? as u64,
    })
}

/// Whether the browser has promised not to clear Kith's data on its own.
pub async fn persisted() -> Option<bool> {
    settle(manager()?.persisted()).await?.as_bool()
}

/// Asks for that promise (`navigator.storage.persist()`); the browser may
/// decide by itself, ask the person, or refuse.
pub async fn request_persistence() -> Option<bool> {
    settle(manager()?.persist()).await?.as_bool()
}
