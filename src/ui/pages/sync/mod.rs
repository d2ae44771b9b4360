//! Sharing this device's records with the team's server: setting sync up
//! (by hand, or from a set-up link a coordinator sent), and once it is,
//! the server, pausing, forgetting the password, stopping.

mod form;
mod server;
mod status;
mod told;

use leptos::prelude::*;

use crate::sync::setup::{SetupOffer, SyncSettings};
use crate::ui::page::Page;
use crate::ui::sync_settings::use_sync_setup;
use form::SetupForm;
use server::ServerView;
use told::{Said, Told};

/// What the page shows; it changes only when one of these does (not when
/// sync is paused), so focus stays where the worker left it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Showing {
    Offer(SetupOffer),
    SetUp,
    NotSetUp,
}

#[component]
pub fn SyncPage() -> impl IntoView {
    let setup = use_sync_setup();
    let said = RwSignal::new(None::<Said>);
    let showing =
        Memo::new(
            move |_| match (setup.link.get(), setup.settings().with(Option::is_some)) {
                (Some(Ok(offer)), _) => Showing::Offer(offer),
                (_, true) => Showing::SetUp,
                (_, false) => Showing::NotSetUp,
            },
        );
    view! {
        <Page title="Sync">
            <LinkRefused said />
            <Told said testid="sync-said" />
            // Two versions arise without sync too (a form saved in two tabs).
            <crate::ui::pages::conflicts::ConflictsCount />
            {move || match showing.get() {
                Showing::Offer(offer) => view! { <LinkOffer offer said /> }.into_any(),
                Showing::SetUp => view! {
                    <ServerView said />
                    <SyncState />
                }.into_any(),
                Showing::NotSetUp => view! { <NotSetUp said /> }.into_any(),
            }}
        </Page>
    }
}

/// Before sync is set up: what it is for, and the form.
#[component]
fn NotSetUp(said: RwSignal<Option<Said>>) -> impl IntoView {
    view! {
        <section aria-labelledby="setup-heading">
            <h2 id="setup-heading">"Share with your team"</h2>
            <p>
                "Everything you enter stays on this phone. When your team shares a server, connect to it here: the people, gifts and hours you record go to the server and your team's come to this phone, whenever there is a signal. Nothing is shared until you save."
            </p>
            <p>
                "Your coordinator can send you a set-up link that fills in the address; or type what they give you."
            </p>
            <SetupForm offer=None said />
        </section>
    }
}

/// A set-up link's offer: what will be set up, asked before anything is.
#[component]
fn LinkOffer(offer: SetupOffer, said: RwSignal<Option<Said>>) -> impl IntoView {
    let setup = use_sync_setup();
    let replaces = setup.settings().get_untracked().and_then(|s: SyncSettings| {
        let db = s.db().ok()?;
        (db != offer.db).then(|| {
            format!(
                "This phone syncs with the database {} at {} now: yes replaces it (every record stays on this phone).",
                db.name, db.server
            )
        })
    });
    let not_now = move |_| {
        setup.link.set(None);
        said.set(Said::news("Nothing was set up."));
    };
    view! {
        <section class="confirm" aria-labelledby="offer-heading" data-testid="sync-offer">
            <h2 id="offer-heading">{offer.question()}</h2>
            <p>"A set-up link brought you here. Type the user name and password your coordinator gave you; nothing changes until you say yes."</p>
            {replaces.map(|r| view! { <p class="notice">{r}</p> })}
            <SetupForm offer=Some(offer) said />
            <p class="actions">
                <button type="button" class="secondary" on:click=not_now>"Not now"</button>
            </p>
        </section>
    }
}

/// A refused set-up link: why, and that nothing was set up.
#[component]
fn LinkRefused(said: RwSignal<Option<Said>>) -> impl IntoView {
    let setup = use_sync_setup();
    Effect::new(move || {
        if let Some(Err(why)) = setup.link.get() {
            said.set(Said::alert(why));
            setup.link.set(None);
        }
    });
}

/// Where sync stands (`status`); the count of records with competing
/// versions joins it.
#[component]
fn SyncState() -> impl IntoView {
    view! {
        <div data-testid="sync-state">
            <status::SyncStatus />
        </div>
    }
}
