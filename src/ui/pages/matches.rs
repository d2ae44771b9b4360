//! Matches for one gift: from a need, who could answer it; from an offer,
//! who needs it. Each says why in words; Connect says whether it is
//! suggested or made, takes a note, puts the helper's phone one tap away,
//! and records the connection in the activity log, with an Undo after.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::model::contact;
use crate::model::matching::{Match, Subject};
use crate::model::record::{
    Connection, ConnectionKind, ConnectionStatus, ContactKind, Extra, Meta,
};
use crate::model::search::Index;
use crate::model::{DocId, Edit, Kind, Record};
use crate::store::Command;
use crate::store::query::{Current, Neighbourhood};
use crate::ui::command::{CommandAlert, use_command};
use crate::ui::fields::{Choice, TextField};
use crate::ui::live::use_query;
use crate::ui::local::{now, today};
use crate::ui::page::Page;
use crate::ui::undo::use_undo;

/// How many matches are shown.
const SHOWN: usize = 20;

#[component]
pub fn MatchesPage() -> impl IntoView {
    let params = use_params_map();
    let gift = move || {
        params
            .read()
            .get("gift")
            .and_then(|s| s.parse::<DocId>().ok())
            .filter(|id| id.kind() == Kind::Gift)
    };
    let index = use_query(|| Neighbourhood);
    view! {
        <Transition>
            {move || Suspend::new(async move {
                let found = index.await.map(|found| {
                    let gift = gift()?;
                    let subject = found.index.subject(gift)?;
                    Some((gift, subject, found.index))
                });
                match found {
                    Ok(Some((gift, subject, index))) => view! { <MatchList gift subject index /> }.into_any(),
                    Ok(None) => {
                        view! {
                            <Page title="Nothing to match">
                                <p>"This gift or need is not on this device: it may have been deleted."</p>
                            </Page>
                        }
                            .into_any()
                    }
                    Err(e) => {
                        view! {
                            <Page title="Records unavailable">
                                <p class="notice" role="alert">{e.to_string()}</p>
                            </Page>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

fn title(subject: &Subject) -> String {
    let what = subject.skills.join(", ");
    let what = if what.is_empty() {
        "this".to_owned()
    } else {
        what
    };
    if subject.is_wanted() {
        format!("Who could help {} with {what}", subject.owner_name)
    } else {
        format!("Who could use {}'s {what}", subject.owner_name)
    }
}

#[component]
fn MatchList(gift: DocId, subject: Subject, index: Rc<Index>) -> impl IntoView {
    let matches = index.matches(gift, SHOWN);
    let back = format!("/people/{}", subject.owner);
    let subject = Arc::new(subject);
    let summary = match matches.len() {
        0 => "No one yet: nobody recorded here offers or needs anything like it. Try again as more people are added."
            .to_owned(),
        1 => "1 possible match, best first.".to_owned(),
        n => format!("{n} possible matches, best first."),
    };
    view! {
        <Page title=title(&subject)>
            <p class="summary" data-testid="match-summary">{summary}</p>
            <ul class="records" data-testid="matches">
                {matches
                    .into_iter()
                    .map(|m| view! { <MatchRow subject=Arc::clone(&subject) gift found=m /> })
                    .collect_view()}
            </ul>
            <p>
                <A href=back>{format!("Back to {}", subject.owner_name)}</A>
            </p>
        </Page>
    }
}

/// The connection a tap records: from whoever has the need to whoever can
/// answer it, naming the need, as the worker says it stands.
fn connection(
    subject: &Subject,
    gift: DocId,
    found: &Match,
    status: ConnectionStatus,
    note: &str,
) -> Connection {
    let (from, to, need) = if subject.is_wanted() {
        (subject.owner, found.who, gift)
    } else {
        (found.who, subject.owner, found.gift)
    };
    Connection {
        from,
        to,
        kind: ConnectionKind::Introduction,
        status,
        need: Some(need),
        due: None,
        date: today(),
        note: note.trim().to_owned(),
        meta: Meta::new(now(), crate::ui::preferences::worker()),
        extra: Extra::new(),
    }
}

#[component]
fn MatchRow(subject: Arc<Subject>, gift: DocId, found: Match) -> impl IntoView {
    let opened = RwSignal::new(false);
    let href = match found.who.kind() {
        Kind::Person | Kind::Group | Kind::Place => Some(format!("/people/{}", found.who)),
        _ => None,
    };
    let label = format!("Connect {} and {}", subject.owner_name, found.name);
    let name = found.name.clone();
    let found = StoredValue::new(found);
    view! {
        <li>
            {match href {
                Some(href) => view! { <A href=href attr:class="name">{name}</A> }.into_any(),
                None => view! { <span class="name">{name}</span> }.into_any(),
            }}
            <span class="why">{found.with_value(|f| f.why.clone())}</span>
            <Show
                when=move || opened.get()
                fallback=move || view! {
                    <button type="button" class="secondary" aria-label=label.clone() on:click=move |_| opened.set(true)>
                        "Connect"
                    </button>
                }
            >
                <ConnectPanel subject=Arc::clone(&subject) gift found=found.get_value() />
            </Show>
        </li>
    }
}

/// Connecting from a match: the worker says whether it is only suggested
/// or made, adds a note, has the helper's phone one tap away, and saves;
/// Undo takes it back for a while.
#[component]
fn ConnectPanel(subject: Arc<Subject>, gift: DocId, found: Match) -> impl IntoView {
    let status = RwSignal::new(ConnectionStatus::Suggested);
    let note = RwSignal::new(String::new());
    let undo = use_undo();
    let key = found.who.to_string();
    let made = StoredValue::new_local((Arc::clone(&subject), found.clone()));
    let id = DocId::new(Kind::Connection);
    let connect = use_command(move |_: &()| {
        let record = made.with_value(|(subject, found)| {
            connection(
                subject,
                gift,
                found,
                status.get_untracked(),
                &note.get_untracked(),
            )
        });
        Ok(Command::Apply(vec![Edit::Save {
            id,
            parent: None,
            record: Record::Connection(record),
        }]))
    });
    let pair = format!("{} and {}", subject.owner_name, found.name);
    let said = StoredValue::new(pair.clone());
    Effect::new(move || {
        if let Some(Ok(done)) = connect.value().get()
            && let Some(rev) = done.revs.first().cloned().flatten()
        {
            let take_back = Edit::Delete { id, parent: rev };
            undo.offer(
                format!(
                    "Connected {} ({}).",
                    said.get_value(),
                    status.get_untracked().word()
                ),
                Command::Apply(vec![take_back]),
            );
        }
    });
    let done = move || matches!(connect.value().get(), Some(Ok(_)));
    view! {
        <Show
            when=done
            fallback=move || view! {
                <div class="connect" data-testid="connect-panel">
                    <HelperPhone who=found.who name=found.name.clone() />
                    <Choice
                        legend="Where it stands"
                        name=format!("connect-{key}-status")
                        options=[ConnectionStatus::Suggested, ConnectionStatus::Made]
                            .map(|s| (s, s.label()))
                            .to_vec()
                        selected=status
                    />
                    <TextField label="Note" id=format!("connect-{key}-note") value=note />
                    <button
                        type="button"
                        class="primary"
                        on:click=move |_| { connect.dispatch(()); }
                        disabled=move || connect.pending().get()
                    >
                        "Save the connection"
                    </button>
                    <CommandAlert action=connect />
                </div>
            }
        >
            <p class="saved" role="status">
                {format!("Connected {pair}: recorded in the activity log.")}
            </p>
        </Show>
    }
}

/// The helper's phone number, to call or text from the doorstep.
#[component]
fn HelperPhone(who: DocId, name: String) -> impl IntoView {
    let read = use_query(move || Current(Some(who)));
    move || {
        let (_, _, record) = read.get()?.ok()??;
        let (contacts, _) = record.contact_details()?;
        let phone = contacts
            .iter()
            .filter(|c| c.kind == ContactKind::Phone)
            .max_by_key(|c| c.preferred)?;
        // Only a number that parses is dialled (ARCHITECTURE: contact
        // links are made from parsed values, never from text).
        let dial = contact::link(ContactKind::Phone, &phone.value)?;
        Some(view! {
            <p>
                <a class="button secondary" href=dial>
                    {format!("Call {name}: {}", phone.value)}
                </a>
            </p>
        })
    }
}
