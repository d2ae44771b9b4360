//! A session for a whole group on one screen: pick the activity, tick who
//! came (and say how many more), save. Where it was held starts as the
//! activity's usual place.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::model::log::SessionDraft;
use crate::model::{DocId, Kind, Record};
use crate::store::StoreError;
use crate::ui::fields::TextField;
use crate::ui::local::{now, today, use_local};
use crate::ui::page::Page;
use crate::ui::pages::roster::{Pick, Roster, everyone, named};
use crate::ui::preferences::worker;
use crate::ui::saved::{Saving, save_error, use_save};

fn saving(draft: &SessionDraft) -> Result<Saving, String> {
    let (_, edit) = draft.to_edit(now(), &worker()).map_err(|e| e.to_string())?;
    let came = draft.count().unwrap_or(0);
    Ok(Saving {
        edits: vec![edit],
        message: format!(
            "Saved the session: {came} {}.",
            if came == 1 {
                "person came"
            } else {
                "people came"
            }
        ),
        then: "/log".into(),
    })
}

#[component]
pub fn NewSessionPage() -> impl IntoView {
    let local = use_local();
    let people = LocalResource::new(move || everyone(local));
    let names = Signal::derive(move || people.get().and_then(Result::ok).unwrap_or_default());
    let activities = LocalResource::new(move || named(local, &[Kind::Activity]));
    let places = LocalResource::new(move || named(local, &[Kind::Place]));

    let activity = RwSignal::new(None::<DocId>);
    let date = RwSignal::new(today().to_string());
    let place = RwSignal::new(None::<DocId>);
    let attendees = RwSignal::new(BTreeSet::<DocId>::new());
    let others = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());

    // Choosing the activity puts in its usual place; it can be changed.
    Effect::watch(
        move || activity.get(),
        move |chosen, _, _| {
            let Some(chosen) = *chosen else { return };
            leptos::task::spawn_local(async move {
                if let Ok(store) = local.store().await
                    && let Ok(Some((_, Record::Activity(a)))) = store.record(chosen).await
                    && a.place.is_some()
                {
                    place.set(a.place);
                }
            });
        },
        false,
    );

    let save = use_save(saving);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SessionDraft {
            activity: activity.get_untracked(),
            date: date.get_untracked(),
            place: place.get_untracked(),
            attendees: attendees.get_untracked(),
            others: others.get_untracked(),
            note: note.get_untracked(),
        });
    };
    let choices = Signal::derive(move || activities.get().and_then(Result::ok).unwrap_or_default());
    let place_names = Signal::derive(move || {
        places
            .get()
            .and_then(Result::<_, StoreError>::ok)
            .unwrap_or_default()
    });
    view! {
        <Page title="Record a session">
            <form class="record-form" on:submit=submit novalidate>
                <Show when=move || save_error(save).is_some()>
                    <p class="notice" role="alert" data-testid="save-error">{move || save_error(save)}</p>
                </Show>
                <Pick label="Activity" id="session-activity" choices=choices chosen=activity />
                <TextField label="Date" id="session-date" value=date input_type="date" />
                <Pick label="Where" id="session-place" choices=place_names chosen=place none="Not said" />
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
