//! A session for a whole group on one screen: pick the activity, tick who
//! came (and say how many more), save.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::model::log::SessionDraft;
use crate::model::{DocId, Kind};
use crate::ui::fields::TextField;
use crate::ui::local::{now, today, use_local};
use crate::ui::page::Page;
use crate::ui::pages::roster::{Pick, Roster, everyone, named};
use crate::ui::saved::Saved;

#[component]
pub fn NewSessionPage() -> impl IntoView {
    let local = use_local();
    let saved = expect_context::<Saved>();
    let navigate = use_navigate();
    let people = LocalResource::new(move || everyone(local));
    let names = Signal::derive(move || people.get().and_then(Result::ok).unwrap_or_default());
    let activities = LocalResource::new(move || named(local, &[Kind::Activity]));

    let activity = RwSignal::new(None::<DocId>);
    let date = RwSignal::new(today().to_string());
    let attendees = RwSignal::new(BTreeSet::<DocId>::new());
    let others = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());

    let save = Action::new_local(move |draft: &SessionDraft| {
        let draft = draft.clone();
        async move {
            let (_, edit) = draft.to_edit(now(), "").map_err(|e| e.to_string())?;
            let store = local.store().await.map_err(|e| e.to_string())?;
            store.apply(vec![edit]).await.map_err(|e| e.to_string())?;
            let came = draft.count().unwrap_or(0);
            Ok::<_, String>(format!(
                "Saved the session: {came} {}.",
                if came == 1 {
                    "person came"
                } else {
                    "people came"
                }
            ))
        }
    });
    Effect::new(move || {
        if let Some(Ok(message)) = save.value().get() {
            saved.set(message);
            navigate("/log", Default::default());
        }
    });
    let error = move || save.value().get().and_then(Result::err);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SessionDraft {
            activity: activity.get_untracked(),
            date: date.get_untracked(),
            attendees: attendees.get_untracked(),
            others: others.get_untracked(),
            note: note.get_untracked(),
        });
    };
    let choices = Signal::derive(move || activities.get().and_then(Result::ok).unwrap_or_default());
    view! {
        <Page title="Record a session">
            <form class="record-form" on:submit=submit novalidate>
                <Show when=move || error().is_some()>
                    <p class="notice" role="alert" data-testid="save-error">{error}</p>
                </Show>
                <Pick label="Activity" id="session-activity" choices=choices chosen=activity />
                <TextField label="Date" id="session-date" value=date input_type="date" />
                <Roster legend="Who came" people=names ticked=attendees />
                <TextField
                    label="Others who came"
                    id="session-others"
                    hint="People not named here: a number."
                    value=others
                    input_type="number"
                />
                <TextField label="Note" id="session-note" value=note />
                <button type="submit" class="primary" disabled=move || save.pending().get()>
                    "Save"
                </button>
            </form>
        </Page>
    }
}
