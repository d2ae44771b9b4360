//! A connection or referral recorded by hand: from a person to a person,
//! group, place or activity, how and how far it got, the need it
//! answered. The same form changes one already saved, most often its
//! status once the person went (or did not).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::model::log::{ConnectionDraft, entry_words};
use crate::model::record::{ConnectionKind, ConnectionStatus, GiftMode};
use crate::model::{DocId, Kind, Record};
use crate::store::StoreError;
use crate::ui::fields::{Choice, TextField};
use crate::ui::local::{now, today, use_local};
use crate::ui::page::Page;
use crate::ui::pages::roster::{Pick, everyone, gifts_of, listed, named, with_kinds};
use crate::ui::preferences::worker;
use crate::ui::saved::{SaveError, Saving, use_save};

#[component]
pub fn NewConnectionPage() -> impl IntoView {
    let query = use_query_map();
    let from = query
        .read_untracked()
        .get("from")
        .and_then(|s| s.parse::<DocId>().ok())
        .filter(|id| matches!(id.kind(), Kind::Person | Kind::Group | Kind::Place));
    view! {
        <Page title="Record a connection">
            <ConnectionForm draft=ConnectionDraft::new(from, today()) />
        </Page>
    }
}

#[component]
pub fn EditConnectionPage() -> impl IntoView {
    let params = use_params_map();
    let local = use_local();
    let opened = LocalResource::new(move || {
        let id = params
            .read()
            .get("id")
            .and_then(|s| s.parse::<DocId>().ok())
            .filter(|id| id.kind() == Kind::Connection);
        async move {
            let Some(id) = id else { return Ok(None) };
            let store = local.store().await?;
            Ok::<_, StoreError>(match store.record(id).await? {
                Some((rev, Record::Connection(c))) => Some(ConnectionDraft::open(id, rev, c)),
                _ => None,
            })
        }
    });
    view! {
        <Transition>
            {move || Suspend::new(async move {
                match opened.await {
                    Ok(Some(draft)) => view! {
                        <Page title="Change a connection">
                            <ConnectionForm draft />
                        </Page>
                    }
                        .into_any(),
                    Ok(None) => view! {
                        <Page title="Not on this device">
                            <p>"This connection is not on this device: it may have been deleted."</p>
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

#[component]
fn ConnectionForm(draft: ConnectionDraft) -> impl IntoView {
    let local = use_local();
    let base = StoredValue::new(draft.base);
    let from = RwSignal::new(draft.from);
    let to = RwSignal::new(draft.to);
    let kind = RwSignal::new(draft.kind);
    let status = RwSignal::new(draft.status);
    let need = RwSignal::new(draft.need);
    let date = RwSignal::new(draft.date);
    let due = RwSignal::new(draft.due);
    let note = RwSignal::new(draft.note);

    let parties = LocalResource::new(move || everyone(local));
    let targets = LocalResource::new(move || {
        named(
            local,
            &[Kind::Person, Kind::Group, Kind::Place, Kind::Activity],
        )
    });
    let needs = LocalResource::new(move || {
        let from = from.get();
        async move { gifts_of(local, from, &[GiftMode::Need, GiftMode::Learn]).await }
    });
    // A need belongs to whoever is connected: another's is not theirs.
    Effect::watch(move || from.get(), move |_, _, _| need.set(None), false);

    let (party_names, target_names, need_names) = (listed(parties), listed(targets), listed(needs));
    let target_choices = Signal::derive(move || with_kinds(target_names.get()));
    // Where the person came from ("?back=/log"), to go back there after.
    let back = use_query_map()
        .read_untracked()
        .get("back")
        .filter(|b| b.starts_with('/') && !b.starts_with("//"));

    let save = use_save(move |draft: &ConnectionDraft| {
        let (_, edit) = draft.to_edit(now(), &worker()).map_err(|e| e.to_string())?;
        let names: std::collections::BTreeMap<DocId, String> =
            target_names.get_untracked().into_iter().collect();
        let words = edit
            .record()
            .and_then(|r| entry_words(r, &names))
            .unwrap_or_default();
        Ok(Saving {
            message: format!("Saved: {words}."),
            // Back where they came from, or to the page of the one
            // connected, which lists the connection.
            then: back.clone().unwrap_or_else(|| {
                draft
                    .from
                    .map_or_else(|| "/log".to_owned(), |from| format!("/people/{from}"))
            }),
            edits: vec![edit],
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(ConnectionDraft {
            base: base.get_value(),
            from: from.get_untracked(),
            to: to.get_untracked(),
            kind: kind.get_untracked(),
            status: status.get_untracked(),
            need: need.get_untracked(),
            date: date.get_untracked(),
            due: due.get_untracked(),
            note: note.get_untracked(),
        });
    };
    view! {
        <form class="record-form" on:submit=submit novalidate>
            <SaveError save />
            <Pick label="Who was connected" id="connection-from" choices=party_names chosen=from />
            <Pick label="To whom or what" id="connection-to" choices=target_choices chosen=to />
            <Choice
                legend="How"
                name="connection-kind".to_owned()
                options=vec![
                    (ConnectionKind::Introduction, "Introduction"),
                    (ConnectionKind::Referral, "Referral"),
                    (ConnectionKind::Signpost, "Signpost"),
                    (ConnectionKind::FollowUp, "Follow-up"),
                ]
                selected=kind
            />
            <Show when=move || kind.get() == ConnectionKind::FollowUp>
                <TextField
                    label="Follow up by"
                    id="connection-due"
                    hint="The home screen lists it from this day until it is done."
                    value=due
                    input_type="date"
                />
            </Show>
            <Choice
                legend="Where it stands"
                name="connection-status".to_owned()
                options=vec![
                    (ConnectionStatus::Suggested, "Suggested"),
                    (ConnectionStatus::Made, "Made"),
                    (ConnectionStatus::Attended, "Attended"),
                    (ConnectionStatus::Declined, "Declined"),
                ]
                selected=status
            />
            <Pick
                label="The need it answers"
                id="connection-need"
                choices=need_names
                chosen=need
                none="None in particular"
            />
            <TextField label="Date" id="connection-date" value=date input_type="date" />
            <TextField label="Note" id="connection-note" value=note />
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                "Save"
            </button>
        </form>
    }
}
