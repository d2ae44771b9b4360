//! Ticking many people at once (who received hours, who came to a
//! session): a name box narrows the list, and the count of those ticked
//! is always said.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::model::record::GiftMode;
use crate::model::{DocId, Kind, Record};
use crate::store::StoreError;
use crate::ui::Local;
use crate::ui::fields::TextField;
use crate::ui::pages::party::mode_words;

/// Every live record of these kinds with its name, by name.
pub async fn named(local: Local, kinds: &[Kind]) -> Result<Vec<(DocId, String)>, StoreError> {
    let store = local.store().await?;
    let mut all = Vec::new();
    for kind in kinds {
        for (id, record) in store.list(*kind, u32::MAX).await? {
            all.push((id, record.name().unwrap_or_default().to_owned()));
        }
    }
    all.sort_by_key(|(_, name)| name.to_lowercase());
    Ok(all)
}

/// A person's, group's or place's gifts of these modes, in the order they
/// were recorded, each named by what it is ("Needs: shopping").
pub async fn gifts_of(
    local: Local,
    owner: Option<DocId>,
    modes: &[GiftMode],
) -> Result<Vec<(DocId, String)>, StoreError> {
    let Some(owner) = owner else {
        return Ok(Vec::new());
    };
    let store = local.store().await?;
    let mut gifts: Vec<_> = store
        .linked(owner)
        .await?
        .into_iter()
        .filter_map(|(id, _, record)| match record {
            Record::Gift(g) if g.owner == owner && modes.contains(&g.mode) => Some((id, g)),
            _ => None,
        })
        .collect();
    gifts.sort_by_key(|(id, g)| (g.meta.created, *id));
    Ok(gifts
        .into_iter()
        .map(|(id, g)| (id, format!("{}: {}", mode_words(g.mode), g.title())))
        .collect())
}

/// Everyone who can give, receive or attend, by name, groups and places
/// said as such.
pub async fn everyone(local: Local) -> Result<Vec<(DocId, String)>, StoreError> {
    Ok(with_kinds(
        named(local, &[Kind::Person, Kind::Group, Kind::Place]).await?,
    ))
}

/// Names for a list that mixes kinds: "Food bank (group)", "St Mary's Hall
/// (place)"; a person's name as it is.
pub fn with_kinds(names: Vec<(DocId, String)>) -> Vec<(DocId, String)> {
    names
        .into_iter()
        .map(|(id, name)| {
            let kind = match id.kind() {
                Kind::Group => " (group)",
                Kind::Place => " (place)",
                Kind::Activity => " (activity)",
                _ => "",
            };
            (id, format!("{name}{kind}"))
        })
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
                        .map(|(id, name)| view! { <li><Tick id name ticked /></li> })
                        .collect_view()
                }}
            </ul>
        </fieldset>
    }
}

#[component]
fn Tick(id: DocId, name: String, ticked: RwSignal<BTreeSet<DocId>>) -> impl IntoView {
    view! {
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || ticked.with(|r| r.contains(&id))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    ticked.update(|r| {
                        if on { r.insert(id); } else { r.remove(&id); }
                    });
                }
            />
            <span>{name}</span>
        </label>
    }
}

/// A name list being read, as a picker shows it: empty until it is read.
pub fn listed(
    list: LocalResource<Result<Vec<(DocId, String)>, StoreError>>,
) -> Signal<Vec<(DocId, String)>> {
    Signal::derive(move || list.get().and_then(Result::ok).unwrap_or_default())
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
