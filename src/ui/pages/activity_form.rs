//! A group's regular activity (Friday singing, the Tuesday walk): its
//! name, where, which days and when, and the skills it offers. Sessions of
//! it are then recorded in the log.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::model::log::ActivityDraft;
use crate::model::record::Weekday;
use crate::model::{DocId, Kind};
use crate::ui::command::CommandAlert;
use crate::ui::fields::TextField;
use crate::ui::local::now;
use crate::ui::page::Page;
use crate::ui::pages::roster::{Pick, use_names};
use crate::ui::preferences::worker;
use crate::ui::saved::{Saving, use_save};

#[component]
pub fn NewActivityPage() -> impl IntoView {
    let params = use_params_map();
    let group = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<DocId>().ok())
            .filter(|id| id.kind() == Kind::Group)
    };
    let place_names = use_names(&[Kind::Place]);

    let name = RwSignal::new(String::new());
    let place = RwSignal::new(None::<DocId>);
    let days = RwSignal::new(BTreeSet::<Weekday>::new());
    let starts = RwSignal::new(String::new());
    let ends = RwSignal::new(String::new());
    let skills = RwSignal::new(String::new());

    let save = use_save(|draft: &ActivityDraft| {
        let (_, edit) = draft.to_edit(now(), &worker())?;
        Ok(Saving {
            edits: vec![edit],
            message: format!("Saved {}.", draft.name.trim()),
            then: format!("/people/{}", draft.group),
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(group) = group() else { return };
        save.dispatch(ActivityDraft {
            group,
            name: name.get_untracked(),
            place: place.get_untracked(),
            days: days.get_untracked(),
            starts: starts.get_untracked(),
            ends: ends.get_untracked(),
            skills: skills.get_untracked(),
        });
    };
    view! {
        <Page title="Add an activity">
            <form class="record-form" on:submit=submit novalidate>
                <CommandAlert action=save />
                <TextField label="Name" id="activity-name" value=name required=true />
                <Pick label="Where" id="activity-place" choices=place_names chosen=place none="Not set" />
                <fieldset class="days">
                    <legend>"Every"</legend>
                    {Weekday::ALL
                        .into_iter()
                        .map(|day| view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || days.with(|d| d.contains(&day))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        days.update(|d| {
                                            if on { d.insert(day); } else { d.remove(&day); }
                                        });
                                    }
                                />
                                <span>{day.label()}</span>
                            </label>
                        })
                        .collect_view()}
                </fieldset>
                <fieldset class="time">
                    <legend>"When"</legend>
                    <TextField label="Starts" id="activity-starts" value=starts input_type="time" />
                    <TextField label="Ends" id="activity-ends" value=ends input_type="time" />
                </fieldset>
                <TextField
                    label="Skills"
                    id="activity-skills"
                    hint="What people can find it by, separated by commas: singing, choir."
                    value=skills
                />
                <button type="submit" class="primary" disabled=move || save.pending().get()>
                    "Save"
                </button>
            </form>
        </Page>
    }
}
