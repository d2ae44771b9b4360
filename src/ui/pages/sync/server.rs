//! Once set up: which server and user this phone syncs with, and what the
//! worker can do about it: test, pause or resume, forget the password (or
//! give it again), stop syncing with this server.

use leptos::prelude::*;

use super::told::{Said, Told, use_test};
use crate::sync::setup::SyncSettings;
use crate::ui::command::bring_to;
use crate::ui::fields::TextField;
use crate::ui::sync_settings::use_sync_setup;

#[component]
pub fn ServerView(said: RwSignal<Option<Said>>) -> impl IntoView {
    let setup = use_sync_setup();
    let settings = setup.settings();
    let kept = setup.password_kept();
    let fact = move |f: fn(&SyncSettings) -> String| {
        move || settings.with(|s| s.as_ref().map(f).unwrap_or_default())
    };
    let answer = RwSignal::new(None::<Said>);
    let test = use_test(answer);
    let on_test = move |_| {
        if let Some(settings) = settings.get_untracked() {
            test.dispatch((settings, setup.password()));
        }
    };
    let paused = move || settings.with(|s| s.as_ref().is_some_and(|s| s.paused));
    let pause = move |_| {
        let now = !paused();
        said.set(match setup.set_paused(now) {
            Ok(()) if now => {
                Said::news("Sync is paused: nothing is sent or received until you resume it.")
            }
            Ok(()) => Said::news("Sync is on again."),
            Err(why) => Said::alert(why),
        });
    };
    let forget = move |_| {
        setup.forget_password();
        said.set(Said::news(
            "The password is forgotten: it is no longer on this phone. Type it again to sync.",
        ));
    };
    view! {
        <section aria-labelledby="server-heading">
            <h2 id="server-heading">"The server"</h2>
            <dl class="facts" data-testid="sync-server">
                <dt>"Database"</dt>
                <dd>{fact(|s| s.db().map(|db| db.name).unwrap_or_default())}</dd>
                <dt>"Server"</dt>
                <dd>{fact(|s| s.db().map(|db| db.server).unwrap_or_default())}</dd>
                <dt>"User"</dt>
                <dd>{fact(|s| if s.user.is_empty() { "None (an open database)".into() } else { s.user.clone() })}</dd>
                <dt>"Signed in with"</dt>
                <dd>{fact(|s| s.auth.label().to_owned())}</dd>
                <dt>"Password"</dt>
                <dd>{move || if kept.get() { "Kept on this phone" } else { "Not kept on this phone" }}</dd>
            </dl>
            <Told said=answer testid="sync-test" />
            <p class="actions">
                <button type="button" class="secondary" on:click=on_test>"Test connection"</button>
                " "
                <button type="button" class="secondary" on:click=pause>
                    {move || if paused() { "Resume sync" } else { "Pause sync" }}
                </button>
                " "
                <Show when=move || kept.get()>
                    <button type="button" class="secondary" on:click=forget>"Forget password"</button>
                </Show>
            </p>
            <Show when=move || !kept.get()>
                <GivePassword said />
            </Show>
            <StopSyncing said />
        </section>
    }
}

/// The password again, after it was forgotten.
#[component]
fn GivePassword(said: RwSignal<Option<Said>>) -> impl IntoView {
    let setup = use_sync_setup();
    let password = RwSignal::new(String::new());
    let keep = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        said.set(match setup.keep_password(&password.get_untracked()) {
            Ok(()) => Said::news("The password is kept on this phone."),
            Err(why) => Said::alert(why),
        });
        password.set(String::new());
    };
    view! {
        <form on:submit=keep novalidate>
            <TextField
                label="Password"
                id="sync-password"
                input_type="password"
                autocomplete="current-password"
                value=password
            />
            <p class="actions">
                <button type="submit" class="primary">"Keep password"</button>
            </p>
        </form>
    }
}

/// "Stop syncing with this server", asked first: the settings and the
/// password go, every record stays.
#[component]
fn StopSyncing(said: RwSignal<Option<Said>>) -> impl IntoView {
    let setup = use_sync_setup();
    let asking = RwSignal::new(false);
    // The button tapped is gone: the question takes focus in its place.
    let question = NodeRef::<leptos::html::H3>::new();
    Effect::new(move || {
        if asking.get() {
            bring_to(question, question);
        }
    });
    let stop = move |_| {
        setup.stop();
        said.set(Said::news(
            "Sync is off. Every record is still on this phone.",
        ));
    };
    view! {
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <p class="actions">
                    <button type="button" class="secondary danger" on:click=move |_| asking.set(true)>
                        "Stop syncing with this server"
                    </button>
                </p>
            }
        >
            <section class="confirm" aria-labelledby="stop-heading">
                <h3 id="stop-heading" tabindex="-1" node_ref=question>"Stop syncing with this server?"</h3>
                <p>
                    "The server's address, your user name and password are removed from this phone. Every record stays on this phone, and what was sent stays on the server."
                </p>
                <button type="button" class="primary danger" on:click=stop>"Yes, stop syncing"</button>
                " "
                <button type="button" class="secondary" on:click=move |_| asking.set(false)>
                    "Keep syncing"
                </button>
            </section>
        </Show>
    }
}
