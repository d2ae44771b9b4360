//! A connection or referral recorded by hand: from a person to a person,
//! group, place or activity, how and how far it got, the need it
//! answered. The same form changes one already saved, most often its
//! status once the person went (or did not).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::model::log::{ConnectionDraft, entry_words};
use crate::model::record::{ConnectionKind, ConnectionStatus, GiftMode};
use crate::model::{DocId, Kind, Record};
use crate::ui::command::CommandAlert;
use crate::ui::fields::{Choice, TextField};
use crate::ui::local::{now, today};
use crate::ui::page::Page;
use crate::ui::pages::entry::{DeleteEntry, EditEntry, Elsewhere, use_back};
use crate::ui::pages::roster::{Pick, use_everyone, use_gifts_of, use_names, with_kinds};
use crate::ui::preferences::worker;
use crate::ui::saved::{Saving, use_save};

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
    view! {
        <EditEntry kind=Kind::Connection title="Change a connection" form=|opened, elsewhere| {
            match opened {
                (id, rev, Record::Connection(c)) => {
                    view! { <ConnectionForm draft=ConnectionDraft::open(id, rev, c) elsewhere /> }.into_any()
                }
                _ => ().into_any(),
            }
        } />
    }
}

#[component]
fn ConnectionForm(
    draft: ConnectionDraft,
    #[prop(optional, into)] elsewhere: Option<Signal<Elsewhere>>,
) -> impl IntoView {
    let base = StoredValue::new(draft.base.clone());
    let from = RwSignal::new(draft.from);
    let to = RwSignal::new(draft.to);
    let kind = RwSignal::new(draft.kind);
    let status = RwSignal::new(draft.status);
    let need = RwSignal::new(draft.need);
    let date = RwSignal::new(draft.date);
    let due = RwSignal::new(draft.due);
    let note = RwSignal::new(draft.note);

    let party_names = use_everyone();
    let target_names = use_names(&[Kind::Person, Kind::Group, Kind::Place, Kind::Activity]);
    let need_names = use_gifts_of(move || from.get(), &[GiftMode::Need, GiftMode::Learn]);
    // A need belongs to whoever is connected: another's is not theirs.
    Effect::watch(move || from.get(), move |_, _, _| need.set(None), false);
    let target_choices = Signal::derive(move || with_kinds(target_names.get()));
    // Where the person came from ("?back=/log"), to go back there after.
    let back = use_back();
    let deleting = draft.base.clone().map(|(id, rev, c)| {
        let from = draft
            .from
            .map_or_else(|| "/log".to_owned(), |f| format!("/people/{f}"));
        view! { <DeleteEntry opened=(id, rev, Record::Connection(c)) back=back.clone().unwrap_or(from) /> }
    });

    let save = use_save(move |draft: &ConnectionDraft| {
        let (_, edit) = draft.to_edit(now(), &worker())?;
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
            {elsewhere.map(|elsewhere| view! { <ChangedElsewhere elsewhere /> })}
            <Pick label="Who was connected" id="connection-from" choices=party_names chosen=from />
            <Pick label="To whom or what" id="connection-to" choices=target_choices chosen=to />
            <Choice
                legend="How"
                name="connection-kind".to_owned()
                options=ConnectionKind::ALL.map(|k| (k, k.label())).to_vec()
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
                options=ConnectionStatus::ALL.map(|s| (s, s.label())).to_vec()
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
            // A failure is said beside Save, where the person is looking.
            <CommandAlert action=save />
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                "Save"
            </button>
        </form>
        {deleting}
    }
}

/// Said at once when the connection changed elsewhere while its form was
/// open: what is typed stays, and a save keeps both versions.
#[component]
fn ChangedElsewhere(elsewhere: Signal<Elsewhere>) -> impl IntoView {
    move || {
        let newer = elsewhere.get()?;
        let said = match &newer {
            Some(Record::Connection(c)) => format!(
                "This connection was changed in another tab or on another device while you had it open: it now says {}, {}, {}{}. What you typed here is kept, and saving keeps both versions.",
                c.kind.label().to_lowercase(),
                c.status.word(),
                c.date.strftime("%-d %b %Y"),
                if c.note.is_empty() { String::new() } else { format!(", \u{201c}{}\u{201d}", c.note) },
            ),
            Some(_) => return None,
            None => "This connection was deleted in another tab or on another device while you had it open. What you typed here is kept: saving puts it back.".to_owned(),
        };
        Some(view! { <p class="notice" role="alert" data-testid="changed-elsewhere">{said}</p> })
    }
}
