//! Hours given, on one screen: who gave the time, tick everyone who
//! received it, how long, when. One save, one entry in the log.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::model::DocId;
use crate::model::log::{HoursDraft, time_words};
use crate::model::record::HoursNature;
use crate::ui::fields::{Choice, TextField};
use crate::ui::local::{now, today, use_local};
use crate::ui::page::Page;
use crate::ui::pages::roster::{Pick, Roster, everyone};
use crate::ui::saved::Saved;

#[component]
pub fn NewHoursPage() -> impl IntoView {
    let local = use_local();
    let saved = expect_context::<Saved>();
    let navigate = use_navigate();
    let people = LocalResource::new(move || everyone(local));

    let giver = RwSignal::new(None::<DocId>);
    let receivers = RwSignal::new(BTreeSet::<DocId>::new());
    let hours = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let nature = RwSignal::new(HoursNature::Volunteering);
    let description = RwSignal::new(String::new());

    let save = Action::new_local(move |draft: &HoursDraft| {
        let draft = draft.clone();
        async move {
            let (_, edit) = draft.to_edit(now(), "").map_err(|e| e.to_string())?;
            let store = local.store().await.map_err(|e| e.to_string())?;
            store.apply(vec![edit]).await.map_err(|e| e.to_string())?;
            let total = u64::from(draft.total_minutes().unwrap_or(0));
            let n = draft.receivers.len();
            Ok::<_, String>(format!(
                "Saved {} given to {n} {}.",
                time_words(total),
                if n == 1 { "person" } else { "people" }
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
        save.dispatch(HoursDraft {
            giver: giver.get_untracked(),
            receivers: receivers.get_untracked(),
            hours: hours.get_untracked(),
            minutes: minutes.get_untracked(),
            date: date.get_untracked(),
            nature: nature.get_untracked(),
            description: description.get_untracked(),
        });
    };

    let names = Signal::derive(move || people.get().and_then(Result::ok).unwrap_or_default());
    view! {
        <Page title="Record hours">
            <form class="record-form" on:submit=submit novalidate>
                <Show when=move || error().is_some()>
                    <p class="notice" role="alert" data-testid="save-error">{error}</p>
                </Show>
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
                <TextField label="What for" id="hours-description" value=description />
                <button type="submit" class="primary" disabled=move || save.pending().get()>
                    "Save"
                </button>
            </form>
        </Page>
    }
}
