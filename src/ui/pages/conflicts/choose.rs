//! One record's versions side by side (stacked on a phone), each field
//! that differs in words, who made each and when; "Keep this version", or
//! a choice per field and "Save what I chose". Either is one ordinary
//! edit (`Edit::Resolve`, made by `model::conflict`), through `use_save`.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::model::conflict::{Choice, Difference, Part, Versions, made};
use crate::model::{DocId, Kind, Record};
use crate::store::Done;
use crate::store::query::{VersionsOf, VersionsRead};
use crate::ui::command::{CommandAlert, CommandError};
use crate::ui::live::use_query;
use crate::ui::local::{now, offset};
use crate::ui::page::Page;
use crate::ui::saved::{Landed, Saving, use_save};

type Save = Action<Choice, Result<(Done, Landed), CommandError>>;

#[component]
pub fn ConflictPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<DocId>().ok())
    };
    let read = use_query(move || VersionsOf(id()));
    view! {
        <Transition>
            {move || Suspend::new(async move {
                match read.await {
                    Ok(VersionsRead::Found(v)) => view! { <Choose versions=*v /> }.into_any(),
                    Ok(VersionsRead::Settled) => view! {
                        <Page title="Nothing to choose">
                            <p>"This record has one version now (or is no longer on this device): there is nothing to choose."</p>
                            <p><A href="/conflicts">"Records with two versions"</A></p>
                        </Page>
                    }
                    .into_any(),
                    Ok(VersionsRead::Damaged(c)) => view! {
                        <Page title="This record is damaged">
                            <p class="notice" role="alert">
                                {format!("Kith cannot show its versions to choose from: {}. Nothing is closed until they can be read.", c.damage)}
                            </p>
                            <p><A href="/settings#damaged">"Damaged records"</A></p>
                        </Page>
                    }
                    .into_any(),
                    Err(e) => view! {
                        <Page title="Records unavailable">
                            <p class="notice" role="alert">{e.to_string()}</p>
                        </Page>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// Where a person lands once they chose: the record's own page, or the
/// list it is in.
fn landing(v: &Versions) -> String {
    match &v.records[0] {
        Record::Person(_) | Record::Group(_) | Record::Place(_) => format!("/people/{}", v.id),
        Record::Gift(g) => format!("/people/{}", g.owner),
        r if matches!(r.kind(), Kind::Connection | Kind::Session | Kind::Hours) => "/log".into(),
        _ => "/conflicts".into(),
    }
}

#[component]
fn Choose(versions: Versions) -> impl IntoView {
    let title = versions.title();
    let differences = versions.differences();
    let offset = offset();
    let made: Vec<String> = versions.records.iter().map(|r| made(r, offset)).collect();
    let then = landing(&versions);
    let save: Save = use_save(move |choice: &Choice| {
        let edit = versions.resolve(choice, now())?;
        let kept = edit
            .record()
            .map(|r| crate::model::conflict::title(r, &versions.names))
            .unwrap_or_default();
        Ok(Saving {
            edits: vec![edit],
            message: format!("Saved what you chose: {kept}. It has one version again."),
            then: then.clone(),
        })
    });
    let cards = made
        .into_iter()
        .enumerate()
        .map(|(i, made)| {
            let lines = differences
                .iter()
                .map(|d| (d.label, d.values[i].clone()))
                .collect();
            view! { <VersionCard index=i made lines save /> }
        })
        .collect_view();
    view! {
        <Page title=format!("Choose what to keep: {title}")>
            <p>
                {format!("{title} was changed on another phone or in another tab while it was being changed here too, so Kith kept both versions. Keep one, or choose field by field: the other version is closed only when you save.")}
            </p>
            <CommandAlert action=save />
            <div class="versions" data-testid="versions-side-by-side">{cards}</div>
            <PickFields differences save />
        </Page>
    }
}

/// One version: who made it and when, what it says where they differ,
/// and the button that keeps it whole.
#[component]
fn VersionCard(
    index: usize,
    made: String,
    lines: Vec<(&'static str, String)>,
    save: Save,
) -> impl IntoView {
    let heading_id = format!("version-{}", index + 1);
    let labelled_by = heading_id.clone();
    let heading = match index {
        0 => "Version 1 (shown now)".to_owned(),
        n => format!("Version {}", n + 1),
    };
    let same = lines.is_empty().then(|| {
        view! { <p>"The same as the other in every field shown here."</p> }
    });
    view! {
        <section class="version" aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            <p class="summary">{made}</p>
            {same}
            <dl>
                {lines
                    .into_iter()
                    .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                    .collect_view()}
            </dl>
            <button
                type="button"
                class="primary"
                disabled=move || save.pending().get()
                on:click=move |_| {
                    save.dispatch(Choice::Whole(index));
                }
            >
                "Keep this version"
            </button>
        </section>
    }
}

/// A choice per field that differs (the first version's to start with),
/// saved as one record.
#[component]
fn PickFields(differences: Vec<Difference>, save: Save) -> impl IntoView {
    if !differences.iter().any(|d| d.part.picked()) {
        return None;
    }
    let picks = RwSignal::new(BTreeMap::<Part, usize>::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(Choice::Fields(picks.get_untracked()));
    };
    let rows = differences
        .into_iter()
        .map(|d| {
            if d.part.picked() {
                view! { <PickOne difference=d picks /> }.into_any()
            } else {
                view! {
                    <p data-testid="consent-kept">
                        {format!("{}: every answer from each version is kept, and the latest answer on each counts.", d.label)}
                    </p>
                }
                .into_any()
            }
        })
        .collect_view();
    Some(view! {
        <form class="record-form pick-fields" on:submit=submit novalidate>
            <h2>"Or choose field by field"</h2>
            {rows}
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                "Save what I chose"
            </button>
        </form>
    })
}

#[component]
fn PickOne(difference: Difference, picks: RwSignal<BTreeMap<Part, usize>>) -> impl IntoView {
    let part = difference.part;
    let name = format!("pick-{part:?}");
    let chosen = move || picks.with(|p| p.get(&part).copied().unwrap_or(0));
    view! {
        <fieldset class="choice pick">
            <legend>{difference.label}</legend>
            {difference
                .values
                .into_iter()
                .enumerate()
                .map(|(i, value)| view! {
                    <label class="option">
                        <input
                            type="radio"
                            name=name.clone()
                            prop:checked=move || chosen() == i
                            on:change=move |_| picks.update(|p| {
                                p.insert(part, i);
                            })
                        />
                        <span>{format!("Version {}: {value}", i + 1)}</span>
                    </label>
                })
                .collect_view()}
        </fieldset>
    }
}
