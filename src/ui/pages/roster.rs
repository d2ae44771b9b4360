//! Ticking many people at once (who received hours, who came to a
//! session): a name box narrows the list, and the count of those ticked
//! is always said.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::model::record::GiftMode;
use crate::model::{DocId, Kind};
use crate::store::query::{GiftsOf, Named};
use crate::ui::fields::{TextField, Tick};
use crate::ui::live::{use_listed, use_query};

/// Every live record of these kinds with its name, by name, kept up to
/// date: what a picker offers.
pub fn use_names(kinds: &'static [Kind]) -> Signal<Vec<(DocId, String)>> {
    use_listed(use_query(move || Named(kinds.to_vec())))
}

/// Everyone who can give, receive or attend, by name, groups and places
/// said as such.
pub fn use_everyone() -> Signal<Vec<(DocId, String)>> {
    let names = use_names(&[Kind::Person, Kind::Group, Kind::Place]);
    Signal::derive(move || with_kinds(names.get()))
}

/// The gifts of these modes of whoever `owner` names, each named by what
/// it is ("Needs: shopping").
pub fn use_gifts_of(
    owner: impl Fn() -> Option<DocId> + 'static,
    modes: &'static [GiftMode],
) -> Signal<Vec<(DocId, String)>> {
    use_listed(use_query(move || GiftsOf {
        owner: owner(),
        modes: modes.to_vec(),
    }))
}

/// Names for a list that mixes kinds: "Food bank (group)", "St Mary's Hall
/// (place)"; a person's name as it is.
pub fn with_kinds(names: Vec<(DocId, String)>) -> Vec<(DocId, String)> {
    names
        .into_iter()
        .map(|(id, name)| (id, id.kind().marked(&name)))
        .collect()
}

/// The list to tick from, without whoever `except` names.
#[component]
pub fn Roster(
    legend: &'static str,
    people: Signal<Vec<(DocId, String)>>,
    ticked: RwSignal<BTreeSet<DocId>>,
    #[prop(optional, into)] except: Option<Signal<Option<DocId>>>,
) -> impl IntoView {
    let find = RwSignal::new(String::new());
    view! {
        <fieldset class="receivers">
            <legend>{legend}</legend>
            <TextField label="Find by name" id="roster-find" value=find />
            <p class="hint" role="status" data-testid="ticked">
                {move || match ticked.with(BTreeSet::len) {
                    0 => "No one ticked yet.".to_owned(),
                    1 => "1 ticked.".to_owned(),
                    n => format!("{n} ticked."),
                }}
            </p>
            <ul class="ticks">
                {move || {
                    let typed = find.get().trim().to_lowercase();
                    let left_out = except.and_then(|e| e.get());
                    people
                        .get()
                        .into_iter()
                        .filter(|(id, name)| {
                            Some(*id) != left_out
                                && (typed.is_empty() || name.to_lowercase().contains(&typed))
                        })
                        .map(|(id, name)| view! { <li><Tick value=id label=name ticked /></li> })
                        .collect_view()
                }}
            </ul>
        </fieldset>
    }
}

/// One record chosen from a list by name (who gave the time, which
/// activity was held); "Choose…" until one is. A record chosen before
/// that is no longer in the list (deleted since) is shown as such, never
/// kept out of sight.
#[component]
pub fn Pick(
    label: &'static str,
    id: &'static str,
    choices: Signal<Vec<(DocId, String)>>,
    chosen: RwSignal<Option<DocId>>,
    #[prop(default = "Choose…")] none: &'static str,
) -> impl IntoView {
    let gone = move || {
        let chosen = chosen.get()?;
        choices
            .with(|c| !c.is_empty() && c.iter().all(|(id, _)| *id != chosen))
            .then_some(chosen)
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                <option value="" prop:selected=move || chosen.get().is_none()>{none}</option>
                {move || gone().map(|id| view! {
                    <option value=id.to_string() prop:selected=true>"(no longer on this device)"</option>
                })}
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|(id, name)| {
                            view! {
                                <option value=id.to_string() prop:selected=move || chosen.get() == Some(id)>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
