//! Whether the browser believes it has a network, from its `online` and
//! `offline` events. Nothing in Kith waits on this: saving is always local.
//! It tells the person where they stand and, later, when sync may run.

use leptos::ev;
use leptos::prelude::*;

/// The browser's last word on connectivity, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Online(pub ReadSignal<bool>);

/// Starts listening for the window's `online`/`offline` events and shares
/// the result as [`Online`]. Call once, near the root.
pub fn provide_online() {
    let (online, set_online) = signal(window().navigator().on_line());
    let went_online = window_event_listener(ev::online, move |_| set_online.set(true));
    let went_offline = window_event_listener(ev::offline, move |_| set_online.set(false));
    on_cleanup(move || {
        went_online.remove();
        went_offline.remove();
    });
    provide_context(Online(online));
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
