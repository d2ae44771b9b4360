//! Hours given, on one screen: who gave the time, tick everyone who
//! received it, how long, when, and for which gift or activity. One save,
//! one entry in the log.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::model::log::{HoursDraft, time_words};
use crate::model::record::{GiftMode, HoursNature};
use crate::model::{DocId, Kind};
use crate::ui::command::{CommandAlert, CommandError};
use crate::ui::fields::{Choice, TextField};
use crate::ui::local::{now, today};
use crate::ui::page::Page;
use crate::ui::pages::roster::{Pick, Roster, use_everyone, use_gifts_of, use_names, with_kinds};
use crate::ui::preferences::worker;
use crate::ui::saved::{Saving, use_save};

fn saving(draft: &HoursDraft) -> Result<Saving, CommandError> {
    let (_, edit) = draft.to_edit(now(), &worker())?;
    let total = u64::from(draft.total_minutes().unwrap_or(0));
    let n = draft.receivers.len();
    Ok(Saving {
        edits: vec![edit],
        message: format!(
            "Saved {} given to {}.",
            time_words(total),
            Kind::Person.counted(n as u64)
        ),
        then: "/log".into(),
    })
}

#[component]
pub fn NewHoursPage() -> impl IntoView {
    let names = use_everyone();

    let giver = RwSignal::new(None::<DocId>);
    let receivers = RwSignal::new(BTreeSet::<DocId>::new());
    let hours = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let nature = RwSignal::new(HoursNature::Volunteering);
    let for_what = RwSignal::new(None::<DocId>);
    let description = RwSignal::new(String::new());

    // What the time was for: one of the giver's gifts, or an activity.
    let gifts = use_gifts_of(move || giver.get(), &[GiftMode::Offer, GiftMode::Teach]);
    let activities = use_names(&[Kind::Activity]);
    let purpose_names = Signal::derive(move || {
        let mut all = gifts.get();
        all.extend(with_kinds(activities.get()));
        all
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

    view! {
        <Page title="Record hours">
            <form class="record-form" on:submit=submit novalidate>
                <CommandAlert action=save />
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
                    options=HoursNature::ALL.map(|n| (n, n.label())).to_vec()
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
