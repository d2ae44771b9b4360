//! Hours given, on one screen: who gave the time, tick everyone who
//! received it, how long, when, and for which gift or activity. One save,
//! one entry in the log.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::model::log::{HoursDraft, time_words};
use crate::model::record::{GiftMode, HoursNature};
use crate::model::{DocId, Kind};
use crate::ui::fields::{Choice, TextField};
use crate::ui::local::{now, today, use_local};
use crate::ui::page::Page;
use crate::ui::pages::roster::{Pick, Roster, everyone, gifts_of, listed, named, with_kinds};
use crate::ui::preferences::worker;
use crate::ui::saved::{SaveError, Saving, use_save};

fn saving(draft: &HoursDraft) -> Result<Saving, String> {
    let (_, edit) = draft.to_edit(now(), &worker()).map_err(|e| e.to_string())?;
    let total = u64::from(draft.total_minutes().unwrap_or(0));
    let n = draft.receivers.len();
    Ok(Saving {
        edits: vec![edit],
        message: format!(
            "Saved {} given to {n} {}.",
            time_words(total),
            if n == 1 { "person" } else { "people" }
        ),
        then: "/log".into(),
    })
}

#[component]
pub fn NewHoursPage() -> impl IntoView {
    let local = use_local();
    let people = LocalResource::new(move || everyone(local));

    let giver = RwSignal::new(None::<DocId>);
    let receivers = RwSignal::new(BTreeSet::<DocId>::new());
    let hours = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let nature = RwSignal::new(HoursNature::Volunteering);
    let for_what = RwSignal::new(None::<DocId>);
    let description = RwSignal::new(String::new());

    // What the time was for: one of the giver's gifts, or an activity.
    let purposes = LocalResource::new(move || {
        let giver = giver.get();
        async move {
            let mut all = gifts_of(local, giver, &[GiftMode::Offer, GiftMode::Teach]).await?;
            all.extend(with_kinds(named(local, &[Kind::Activity]).await?));
            Ok::<_, crate::store::StoreError>(all)
        }
    });
    // A gift of the giver chosen before is not this giver's.
    Effect::watch(
        move || giver.get(),
        move |_, _, _| {
            if for_what
                .get_untracked()
                .is_some_and(|f| f.kind() == Kind::Gift)
            {
                for_what.set(None);
            }
        },
        false,
    );

    let save = use_save(saving);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(HoursDraft {
            giver: giver.get_untracked(),
            receivers: receivers.get_untracked(),
            hours: hours.get_untracked(),
            minutes: minutes.get_untracked(),
            date: date.get_untracked(),
            nature: nature.get_untracked(),
            for_what: for_what.get_untracked(),
            description: description.get_untracked(),
        });
    };

    let names = listed(people);
    let purpose_names = listed(purposes);
    view! {
        <Page title="Record hours">
            <form class="record-form" on:submit=submit novalidate>
                <SaveError save />
                <Pick label="Who gave the time" id="hours-giver" choices=names chosen=giver />
                <Roster legend="Who received it" people=names ticked=receivers except=Signal::derive(move || giver.get()) />
                <fieldset class="time">
                    <legend>"How long"</legend>
                    <TextField label="Hours" id="hours-hours" value=hours input_type="number" />
                    <TextField label="Minutes" id="hours-minutes" value=minutes input_type="number" />
                </fieldset>
                <TextField label="Date" id="hours-date" value=date input_type="date" />
                <Choice
                    legend="Counted as"
                    name="hours-nature".to_owned()
                    options=vec![
                        (HoursNature::Volunteering, "Volunteering"),
                        (HoursNature::Exchange, "Timebank exchange"),
                    ]
                    selected=nature
                />
                <Pick
                    label="For a gift or activity"
                    id="hours-for"
                    choices=purpose_names
                    chosen=for_what
                    none="Nothing in particular"
                />
                <TextField label="Note" id="hours-description" value=description />
                <button type="submit" class="primary" disabled=move || save.pending().get()>
                    "Save"
                </button>
            </form>
        </Page>
    }
}
