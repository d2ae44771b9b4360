//! A session for a whole group on one screen: pick the activity, tick who
//! came (and say how many more), save. Where it was held starts as the
//! activity's usual place.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::model::log::SessionDraft;
use crate::model::{DocId, Kind, Record};
use crate::ui::fields::TextField;
use crate::ui::local::{now, today, use_local};
use crate::ui::page::Page;
use crate::ui::pages::roster::{Pick, Roster, everyone, listed, named};
use crate::ui::preferences::worker;
use crate::ui::saved::{SaveError, Saving, use_save};

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
    let names = listed(people);
    let activities = LocalResource::new(move || named(local, &[Kind::Activity]));
    let places = LocalResource::new(move || named(local, &[Kind::Place]));

    let activity = RwSignal::new(None::<DocId>);
    let date = RwSignal::new(today().to_string());
    let place = RwSignal::new(None::<DocId>);
    let attendees = RwSignal::new(BTreeSet::<DocId>::new());
    let others = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());

    // Choosing the activity puts in its usual place, unless another place
    // was chosen by hand: that choice stands.
    let filled = StoredValue::new(None::<DocId>);
    Effect::watch(
        move || activity.get(),
        move |chosen, _, _| {
            let Some(chosen) = *chosen else { return };
            leptos::task::spawn_local(async move {
                let Ok(store) = local.store().await else {
                    return;
                };
                let usual = match store.record(chosen).await {
                    Ok(Some((_, Record::Activity(a)))) => a.place,
                    _ => None,
                };
                if place.get_untracked() == filled.get_value() {
                    place.set(usual);
                    filled.set_value(usual);
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
    let choices = listed(activities);
    let place_names = listed(places);
    view! {
        <Page title="Record a session">
            <form class="record-form" on:submit=submit novalidate>
                <SaveError save />
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
