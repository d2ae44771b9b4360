//! Whether the server answers at all: a `HEAD /kith-probe` that only the
//! network can answer (the service worker never answers it from its
//! cache), because a phone with a signal but no route to the server is
//! offline too.

use wasm_bindgen_futures::JsFuture;

/// The path the service worker leaves to the network (see public/sw.js).
const PROBE: &str = "/kith-probe";

/// Whether the server answered (any status will do).
pub async fn server_answers() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let init = web_sys::RequestInit::new();
    init.set_method("HEAD");
    init.set_cache(web_sys::RequestCache::NoStore);
    JsFuture::from(window.fetch_with_str_and_init(PROBE, &init))
        .await
        .is_ok()
}
