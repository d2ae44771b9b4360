//! Hours given, on one screen: who gave the time, tick everyone who
//! received it, how long, when, and for which gift or activity. One save,
//! one entry in the log; the same form changes or deletes an entry saved,
//! and asks before saving a time more likely a slip (90 hours for 90
//! minutes).

use leptos::prelude::*;

use crate::model::log::{HoursDraft, time_words};
use crate::model::record::{GiftMode, HoursNature};
use crate::model::{DocId, Kind, Record};
use crate::ui::command::{CommandAlert, CommandError};
use crate::ui::fields::{Choice, TextField};
use crate::ui::local::{now, today};
use crate::ui::page::Page;
use crate::ui::pages::entry::{
    ChangedElsewhere, DeleteEntry, EditEntry, Elsewhere, IsThatRight, use_asking_save, use_back,
};
use crate::ui::pages::roster::{Pick, Roster, use_everyone, use_gifts_of, use_names, with_kinds};
use crate::ui::preferences::worker;
use crate::ui::saved::{Saving, use_save};

fn saving(draft: &HoursDraft, then: String) -> Result<Saving, CommandError> {
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
        then,
    })
}

#[component]
pub fn NewHoursPage() -> impl IntoView {
    let draft = HoursDraft {
        date: today().to_string(),
        ..Default::default()
    };
    view! {
        <Page title="Record hours">
            <HoursForm draft />
        </Page>
    }
}

#[component]
pub fn EditHoursPage() -> impl IntoView {
    view! {
        <EditEntry kind=Kind::Hours title="Change hours" form=|opened, elsewhere| {
            match opened {
                (id, rev, Record::Hours(h)) => {
                    view! { <HoursForm draft=HoursDraft::open(id, rev, h) elsewhere /> }.into_any()
                }
                _ => ().into_any(),
            }
        } />
    }
}

#[component]
fn HoursForm(
    draft: HoursDraft,
    #[prop(optional, into)] elsewhere: Option<Signal<Elsewhere>>,
) -> impl IntoView {
    let names = use_everyone();
    let base = StoredValue::new(draft.base.clone());
    let giver = RwSignal::new(draft.giver);
    let receivers = RwSignal::new(draft.receivers);
    let hours = RwSignal::new(draft.hours);
    let minutes = RwSignal::new(draft.minutes);
    let date = RwSignal::new(draft.date);
    let nature = RwSignal::new(draft.nature);
    let for_what = RwSignal::new(draft.for_what);
    let description = RwSignal::new(draft.description);
    let purpose_names = use_purposes(giver, for_what);

    let back = use_back().unwrap_or_else(|| "/log".to_owned());
    let then = back.clone();
    let save = use_save(move |draft: &HoursDraft| saving(draft, then.clone()));
    let typed = move || HoursDraft {
        base: base.get_value(),
        giver: giver.get_untracked(),
        receivers: receivers.get_untracked(),
        hours: hours.get_untracked(),
        minutes: minutes.get_untracked(),
        date: date.get_untracked(),
        nature: nature.get_untracked(),
        for_what: for_what.get_untracked(),
        description: description.get_untracked(),
    };
    let (doubt, submit, confirmed) = use_asking_save(save, typed, HoursDraft::doubt);
    let deleting = draft.base.map(|(id, rev, h)| {
        view! { <DeleteEntry opened=(id, rev, Record::Hours(h)) back=back.clone() /> }
    });

    view! {
        <form class="record-form" on:submit=submit novalidate>
            {elsewhere.map(|elsewhere| view! { <ChangedElsewhere elsewhere /> })}
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
            <IsThatRight doubt on_yes=confirmed field="hours-hours" />
            // A failure is said beside Save, where the person is looking.
            <CommandAlert action=save />
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                "Save"
            </button>
        </form>
        {deleting}
    }
}

/// What the time can be said to be for: one of the giver's gifts, or an
/// activity. A gift of a giver chosen before is not this giver's.
fn use_purposes(
    giver: RwSignal<Option<DocId>>,
    for_what: RwSignal<Option<DocId>>,
) -> Signal<Vec<(DocId, String)>> {
    let gifts = use_gifts_of(move || giver.get(), &[GiftMode::Offer, GiftMode::Teach]);
    let activities = use_names(&[Kind::Activity]);
    Effect::watch(
        move || giver.get(),
        move |_, before, _| {
            // Only a change of giver drops the gift (not the first fill).
            if before.is_some()
                && for_what
                    .get_untracked()
                    .is_some_and(|f| f.kind() == Kind::Gift)
            {
                for_what.set(None);
            }
        },
        false,
    );
    Signal::derive(move || {
        let mut all = gifts.get();
        all.extend(with_kinds(activities.get()));
        all
    })
}
