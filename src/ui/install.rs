//! Installing Kith to the home screen. Browsers that can install it say so
//! with a `beforeinstallprompt` event, kept here until the person taps
//! "Install Kith"; Safari on iPhone and iPad cannot be asked, so Kith says
//! how (Share, then Add to Home Screen), which also protects its records
//! from Safari's clearing.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What this browser allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Installable {
    /// Already running from the home screen.
    Installed,
    /// The browser offered to install: one tap asks it.
    Offered,
    /// iPhone or iPad: Share, then Add to Home Screen.
    ByHand,
    /// Nothing to offer; the browser's menu may still have a way.
    Unknown,
}

#[derive(Clone, Copy)]
pub struct Install {
    pub state: ReadSignal<Installable>,
    prompt: StoredValue<Option<JsValue>, LocalStorage>,
    set_state: WriteSignal<Installable>,
}

fn standalone() -> bool {
    let by_media = window()
        .match_media("(display-mode: standalone)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    // Safari's own flag.
    let by_safari = js_sys::Reflect::get(&window().navigator(), &"standalone".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    by_media || by_safari
}

fn apple_mobile() -> bool {
    let agent = window().navigator().user_agent().unwrap_or_default();
    agent.contains("iPhone") || agent.contains("iPad") || agent.contains("iPod")
}

/// Listens for the browser's offer from the start (it comes once, early)
/// and shares what can be done. Call once, near the root.
pub fn provide_install() {
    let first = if standalone() {
        Installable::Installed
    } else if apple_mobile() {
        Installable::ByHand
    } else {
        Installable::Unknown
    };
    let (state, set_state) = signal(first);
    let prompt = StoredValue::new_local(None::<JsValue>);
    let offered = window_event_listener(
        ev::Custom::new("beforeinstallprompt"),
        move |e: web_sys::Event| {
            // Kith shows its own button instead of the browser's mini bar.
            e.prevent_default();
            prompt.set_value(Some(e.into()));
            set_state.set(Installable::Offered);
        },
    );
    let installed =
        window_event_listener(ev::Custom::new("appinstalled"), move |_: web_sys::Event| {
            prompt.set_value(None);
            set_state.set(Installable::Installed);
        });
    on_cleanup(move || {
        offered.remove();
        installed.remove();
    });
    provide_context(Install {
        state,
        prompt,
        set_state,
    });
}

impl Install {
    /// Asks the browser to install, with the event it offered.
    fn ask(self) {
        let Some(event) = self.prompt.get_value() else {
            return;
        };
        let call = js_sys::Reflect::get(&event, &"prompt".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let Some(Ok(asked)) = call.map(|f| f.call0(&event)) else {
            return;
        };
        spawn_local(async move {
            let _ = JsFuture::from(js_sys::Promise::resolve(&asked)).await;
            // An offer can be used once; the browser makes a new one if the
            // person said not now.
            self.prompt.set_value(None);
            if self.state.get_untracked() == Installable::Offered {
                self.set_state.set(if standalone() {
                    Installable::Installed
                } else {
                    Installable::Unknown
                });
            }
        });
    }
}

/// The Settings section: install, or how to.
#[component]
pub fn InstallSection() -> impl IntoView {
    let install = expect_context::<Install>();
    view! {
        <section aria-labelledby="install-heading">
            <h2 id="install-heading">"Install Kith"</h2>
            {move || match install.state.get() {
                Installable::Installed => view! {
                    <p data-testid="install-state">"Kith is installed on this device: open it from the home screen, with or without a signal."</p>
                }
                    .into_any(),
                Installable::Offered => view! {
                    <p data-testid="install-state">"Put Kith on the home screen: it opens like any app, with or without a signal."</p>
                    <button type="button" class="primary" on:click=move |_| install.ask()>"Install Kith"</button>
                }
                    .into_any(),
                Installable::ByHand => view! {
                    <p data-testid="install-state">
                        "On iPhone and iPad: tap Share, then Add to Home Screen. Installed, Kith opens with no signal, and Safari does not clear its records."
                    </p>
                }
                    .into_any(),
                Installable::Unknown => view! {
                    <p data-testid="install-state">
                        "To install Kith, look in this browser's menu for Install app or Add to Home screen. It works in the browser too."
                    </p>
                }
                    .into_any(),
            }}
        </section>
    }
}
