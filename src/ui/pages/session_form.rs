//! A session for a whole group on one screen: pick the activity, tick who
//! came (and say how many more), save. Where it was held starts as the
//! activity's usual place.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::model::log::SessionDraft;
use crate::model::{DocId, Kind, Record};
use crate::store::query::Current;
use crate::ui::command::{CommandAlert, CommandError};
use crate::ui::fields::TextField;
use crate::ui::live::{use_listed, use_query};
use crate::ui::local::{now, today};
use crate::ui::page::Page;
use crate::ui::pages::roster::{Pick, Roster, use_everyone, use_names};
use crate::ui::preferences::worker;
use crate::ui::saved::{Saving, use_save};

fn saving(draft: &SessionDraft) -> Result<Saving, CommandError> {
    let (_, edit) = draft.to_edit(now(), &worker())?;
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
    let names = use_everyone();
    let choices = use_names(&[Kind::Activity]);
    let place_names = use_names(&[Kind::Place]);

    let activity = RwSignal::new(None::<DocId>);
    let date = RwSignal::new(today().to_string());
    let place = RwSignal::new(None::<DocId>);
    let attendees = RwSignal::new(BTreeSet::<DocId>::new());
    let others = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());

    // Choosing the activity puts in its usual place, unless another place
    // was chosen by hand: that choice stands.
    let chosen = use_listed(use_query(move || Current(activity.get())));
    let filled = StoredValue::new(None::<DocId>);
    Effect::new(move || {
        let usual = match chosen.get() {
            Some((_, _, Record::Activity(a))) => a.place,
            _ => return,
        };
        if place.get_untracked() == filled.get_value() {
            place.set(usual);
            filled.set_value(usual);
        }
    });

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
    view! {
        <Page title="Record a session">
            <form class="record-form" on:submit=submit novalidate>
                <CommandAlert action=save />
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
