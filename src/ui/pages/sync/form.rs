//! The set-up form: the database's address (unless a set-up link gave
//! it), the user name and password, how to sign in; Test connection, and
//! Save, which turns sync on whether or not the test got through (and
//! says which).

use leptos::prelude::*;

use super::told::{Said, Told, use_test};
use crate::sync::setup::{AuthMode, SetupOffer, SyncSettings};
use crate::ui::fields::{Choice, TextField};
use crate::ui::sync_settings::use_sync_setup;

#[component]
pub fn SetupForm(
    /// From a set-up link: the address is the link's, shown in its question.
    offer: Option<SetupOffer>,
    /// Where the page says what came of Save.
    said: RwSignal<Option<Said>>,
) -> impl IntoView {
    let setup = use_sync_setup();
    let from_link = offer.is_some();
    let address = RwSignal::new(offer.map(|o| o.db.url).unwrap_or_default());
    let (user, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let mode = RwSignal::new(AuthMode::Basic);
    let answer = RwSignal::new(None::<Said>);
    let test = use_test(answer);
    let typed = move || {
        SyncSettings::new(
            &address.get_untracked(),
            &user.get_untracked(),
            mode.get_untracked(),
        )
        .map(|settings| (settings, password.get_untracked()))
    };
    let on_test = move |_| match typed() {
        Ok(input) => {
            test.dispatch(input);
        }
        Err(why) => answer.set(Said::alert(why)),
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (settings, typed_password) = match typed() {
            Ok(input) => input,
            Err(why) => return answer.set(Said::alert(why)),
        };
        if let Err(why) = setup.save(settings.clone(), &typed_password) {
            return answer.set(Said::alert(why));
        }
        setup.link.set(None);
        let tested = test.value().get_untracked();
        let tested = tested.filter(|(s, p, _)| *s == settings && *p == typed_password);
        said.set(Said::news(match tested {
            Some((_, _, Ok(_))) => "Saved: sync is on.".to_owned(),
            Some((_, _, Err(why))) => format!("Saved, but the test did not get through: {why}"),
            None => "Saved. The connection has not been tested: tap Test connection to check it."
                .to_owned(),
        }));
    };
    let modes = AuthMode::ALL.map(|m| (m, m.label())).to_vec();
    view! {
        <form on:submit=save novalidate class="record-form">
            {(!from_link).then(|| view! {
                <TextField
                    label="Database address"
                    id="sync-address"
                    input_type="url"
                    hint="Your coordinator gives it to you. It ends with the database's name, for example https://couch.example.org/chesterfield."
                    value=address
                />
            })}
            <TextField label="User name" id="sync-user" value=user />
            <TextField
                label="Password"
                id="sync-password"
                input_type="password"
                autocomplete="current-password"
                hint="Kept on this phone only, never sent anywhere but your server. You can forget it in one tap."
                value=password
            />
            <Choice legend="Sign in with" name="sync-auth".to_owned() options=modes selected=mode />
            <p class="hint">
                "Pick a cookie session only if whoever runs the server asks you to: some servers want it, and some browsers (Safari) refuse its cookie when Kith and the server are at different addresses."
            </p>
            <Told said=answer testid="sync-test" />
            <p class="actions">
                <button type="button" class="secondary" on:click=on_test>"Test connection"</button>
                " "
                <button type="submit" class="primary">
                    {if from_link { "Yes, set up sync" } else { "Save" }}
                </button>
            </p>
        </form>
    }
}
