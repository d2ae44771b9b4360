//! Kith's own updates, through its service worker (`public/sw.js`, listed
//! by `scripts/precache`). A new version downloads in the background and
//! waits; the app says it is ready, and only the person's tap lets it take
//! over and reload. Records live in IndexedDB, which an update never
//! touches.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Whether a new version is downloaded and waiting for the person's word.
#[derive(Debug, Clone, Copy)]
pub struct AppUpdate {
    pub ready: ReadSignal<bool>,
}

/// The browser's service workers, where it has them (not in an insecure
/// context, nor in some private modes).
fn workers() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers the worker and shares whether an update waits. Call once,
/// near the root.
pub fn provide_app_update() {
    let (ready, set_ready) = signal(false);
    provide_context(AppUpdate { ready });
    let Some(container) = workers() else { return };
    spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("/sw.js")).await else {
            // No worker (a test page, a private window): Kith still works
            // while online; there is nothing to say.
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        // A worker waiting for a page that already has one is an update; the
        // very first worker simply takes over.
        let check = {
            let container = container.clone();
            move |r: &ServiceWorkerRegistration| {
                if r.waiting().is_some() && container.controller().is_some() {
                    set_ready.set(true);
                }
            }
        };
        check(&registration);
        let found = {
            let registration = registration.clone();
            Closure::<dyn FnMut()>::new(move || {
                let Some(installing) = registration.installing() else {
                    return;
                };
                let registration = registration.clone();
                let check = check.clone();
                let watched = installing.clone();
                let changed = Closure::<dyn FnMut()>::new(move || {
                    if watched.state() == ServiceWorkerState::Installed {
                        check(&registration);
                    }
                });
                installing.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
                // Lives as long as that worker: the browser drops it with it.
                changed.forget();
            })
        };
        registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        // The app's lifetime: registered once.
        found.forget();
        // Look for a newer version now, not only on the next page load.
        if let Ok(asked) = registration.update() {
            let _ = JsFuture::from(asked).await;
        }
    });
}

/// Lets the waiting version take over, then reloads into it.
pub fn update_now() {
    let Some(container) = workers() else { return };
    let reload = Closure::once_into_js(move || {
        let _ = window().location().reload();
    });
    let _ = container.add_event_listener_with_callback("controllerchange", reload.unchecked_ref());
    spawn_local(async move {
        let Ok(found) = JsFuture::from(container.get_registration()).await else {
            return;
        };
        let Some(waiting) = found
            .dyn_into::<ServiceWorkerRegistration>()
            .ok()
            .and_then(|r| r.waiting())
        else {
            return;
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"update-now".into());
        let _ = waiting.post_message(&message);
    });
}

/// The quiet line that says a new version is ready, with the button that
/// takes it.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let AppUpdate { ready } = expect_context::<AppUpdate>();
    let taking = RwSignal::new(false);
    view! {
        <Show when=move || ready.get()>
            <div class="update" role="status" data-testid="update-ready">
                <p>"A new version of Kith is ready. Everything you have saved stays."</p>
                <button
                    type="button"
                    class="primary"
                    disabled=move || taking.get()
                    on:click=move |_| {
                        taking.set(true);
                        update_now();
                    }
                >
                    "Update now"
                </button>
            </div>
        </Show>
    }
}
