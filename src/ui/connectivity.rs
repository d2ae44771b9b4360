//! Whether Kith can reach its server: the browser's `online`/`offline`
//! events, and `sync::probe`, a small request that only the network
//! answers, because a phone with a signal but no route to the server is
//! offline too. Nothing in Kith waits on this: saving is always local. It
//! tells the person where they stand and, later, when sync may run.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::sync::probe::server_answers;

/// The last word on connectivity, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Online(pub Signal<bool>);

/// How often to ask again while the page is open.
const EVERY: Duration = Duration::from_secs(20);

/// Starts listening and asking, and shares the result as [`Online`]. Call
/// once, near the root.
pub fn provide_online() {
    let (network, set_network) = signal(window().navigator().on_line());
    let (reached, set_reached) = signal(true);
    let ask = move || {
        spawn_local(async move { set_reached.set(server_answers().await) });
    };
    ask();
    let went_online = window_event_listener(ev::online, move |_| {
        set_network.set(true);
        ask();
    });
    let went_offline = window_event_listener(ev::offline, move |_| set_network.set(false));
    let again = set_interval_with_handle(ask, EVERY).ok();
    on_cleanup(move || {
        went_online.remove();
        went_offline.remove();
        if let Some(again) = again {
            again.clear();
        }
    });
    provide_context(Online(Signal::derive(move || {
        network.get() && reached.get()
    })));
}

/// What the indicator says, in the field's words rather than the network's.
pub fn status_text(online: bool) -> &'static str {
    if online {
        "Online"
    } else {
        "Offline · saved on this device"
    }
}

/// The small status pill in the header; a polite live region, so a screen
/// reader hears when the connection drops or returns.
#[component]
pub fn NetworkStatus() -> impl IntoView {
    let Online(online) = expect_context::<Online>();
    view! {
        <p class="network" class:offline=move || !online.get() role="status" data-testid="network-status">
            <span class="dot" aria-hidden="true"></span>
            <span>{move || status_text(online.get())}</span>
        </p>
    }
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::status_text;

    #[test]
    fn offline_text_reassures_that_work_is_kept() {
        assert_eq!(status_text(true), "Online");
        assert!(status_text(false).starts_with("Offline"));
        assert!(status_text(false).contains("saved on this device"));
    }
}
