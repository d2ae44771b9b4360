//! A group's regular activity (Friday singing, the Tuesday walk): its
//! name, where, which days and when, and the skills it offers. Sessions of
//! it are then recorded in the log. The same form changes or deletes one
//! saved.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::model::log::ActivityDraft;
use crate::model::record::Weekday;
use crate::model::{DocId, Kind, Record};
use crate::ui::command::CommandAlert;
use crate::ui::fields::{TextField, Tick};
use crate::ui::local::now;
use crate::ui::page::Page;
use crate::ui::pages::entry::{ChangedElsewhere, DeleteEntry, EditEntry, Elsewhere, use_back};
use crate::ui::pages::roster::{Pick, use_names};
use crate::ui::preferences::worker;
use crate::ui::saved::{Saving, use_save};

#[component]
pub fn NewActivityPage() -> impl IntoView {
    let params = use_params_map();
    let group = params
        .read_untracked()
        .get("id")
        .and_then(|s| s.parse::<DocId>().ok())
        .filter(|id| id.kind() == Kind::Group);
    view! {
        <Page title="Add an activity">
            {group.map(|group| view! { <ActivityForm draft=ActivityDraft::new(group) /> })}
        </Page>
    }
}

#[component]
pub fn EditActivityPage() -> impl IntoView {
    view! {
        <EditEntry kind=Kind::Activity title="Change an activity" form=|opened, elsewhere| {
            match opened {
                (id, rev, Record::Activity(a)) => match ActivityDraft::open(id, rev, a) {
                    Some(draft) => view! { <ActivityForm draft elsewhere /> }.into_any(),
                    None => view! { <p>"This activity belongs to no group, so it cannot be changed here."</p> }.into_any(),
                },
                _ => ().into_any(),
            }
        } />
    }
}

#[component]
fn ActivityForm(
    draft: ActivityDraft,
    #[prop(optional, into)] elsewhere: Option<Signal<Elsewhere>>,
) -> impl IntoView {
    let place_names = use_names(&[Kind::Place]);
    let group = draft.group;
    let base = StoredValue::new(draft.base.clone());
    let name = RwSignal::new(draft.name);
    let place = RwSignal::new(draft.place);
    let days = RwSignal::new(draft.days);
    let starts = RwSignal::new(draft.starts);
    let ends = RwSignal::new(draft.ends);
    let skills = RwSignal::new(draft.skills);

    let back = use_back().unwrap_or_else(|| format!("/people/{group}"));
    let then = back.clone();
    let save = use_save(move |draft: &ActivityDraft| {
        let (_, edit) = draft.to_edit(now(), &worker())?;
        Ok(Saving {
            edits: vec![edit],
            message: format!("Saved {}.", draft.name.trim()),
            then: then.clone(),
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(ActivityDraft {
            base: base.get_value(),
            group,
            name: name.get_untracked(),
            place: place.get_untracked(),
            days: days.get_untracked(),
            starts: starts.get_untracked(),
            ends: ends.get_untracked(),
            skills: skills.get_untracked(),
        });
    };
    let deleting = draft.base.map(|(id, rev, a)| {
        view! { <DeleteEntry opened=(id, rev, Record::Activity(a)) back=back.clone() /> }
    });
    view! {
        <form class="record-form" on:submit=submit novalidate>
            {elsewhere.map(|elsewhere| view! { <ChangedElsewhere elsewhere /> })}
            <TextField label="Name" id="activity-name" value=name required=true />
            <Pick label="Where" id="activity-place" choices=place_names chosen=place none="Not set" />
            <Days days />
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
            // A failure is said beside Save, where the person is looking.
            <CommandAlert action=save />
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                "Save"
            </button>
        </form>
        {deleting}
    }
}

/// The days it happens, a box each.
#[component]
fn Days(days: RwSignal<std::collections::BTreeSet<Weekday>>) -> impl IntoView {
    view! {
        <fieldset class="days">
            <legend>"Every"</legend>
            {Weekday::ALL
                .into_iter()
                .map(|day| view! { <Tick value=day label=day.label().to_owned() ticked=days /> })
                .collect_view()}
        </fieldset>
    }
}
