//! The frame around every page: a skip link, the header with the network
//! indicator, the navigation bar and the one `main` landmark; and the
//! address each page is drawn at, so a page arrived at takes focus.

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::app_update::UpdateBanner;
use super::connectivity::NetworkStatus;
use super::local::StoreNotice;
use super::nav::Nav;
use super::page::Arrival;
use super::undo::UndoBar;

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let location = use_location();
    Arrival::provide(Signal::derive(move || {
        format!("{}{}", location.pathname.get(), location.search.get())
    }));
    let main = NodeRef::<html::Main>::new();
    // The router turns "#main" into a client-side navigation that moves no
    // focus, so the skip link moves it itself.
    let skip_to_main = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = main.get() {
            let _ = main.focus();
        }
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>
            "Skip to content"
        </a>
        <header class="top">
            <span class="brand">
                <svg class="icon" aria-hidden="true" focusable="false">
                    <use href="/icons/kith-icons.svg#kith"></use>
                </svg>
                "Kith"
            </span>
            <NetworkStatus />
            <super::syncing::SyncMark />
        </header>
        <UpdateBanner />
        <Nav />
        <main id="main" tabindex="-1" node_ref=main>
            <StoreNotice />
            {children()}
            <UndoBar />
        </main>
    }
}
