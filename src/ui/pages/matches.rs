//! Matches for one gift: from a need, who could answer it; from an offer,
//! who needs it. Each says why in words, and one tap records the
//! connection in the activity log.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::model::matching::{Match, Subject};
use crate::model::record::{Connection, ConnectionKind, ConnectionStatus, Extra, Meta};
use crate::model::search::Index;
use crate::model::{DocId, Edit, Kind, Record};
use crate::store::Command;
use crate::store::query::Neighbourhood;
use crate::ui::command::{CommandAlert, use_command};
use crate::ui::live::use_query;
use crate::ui::local::{now, today};
use crate::ui::page::Page;

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
/// answer it, naming the need.
fn connection(subject: &Subject, gift: DocId, found: &Match) -> Connection {
    let (from, to, need) = if subject.is_wanted() {
        (subject.owner, found.who, gift)
    } else {
        (found.who, subject.owner, found.gift)
    };
    Connection {
        from,
        to,
        kind: ConnectionKind::Introduction,
        status: ConnectionStatus::Made,
        need: Some(need),
        due: None,
        date: today(),
        note: String::new(),
        meta: Meta::new(now(), crate::ui::preferences::worker()),
        extra: Extra::new(),
    }
}

#[component]
fn MatchRow(subject: Arc<Subject>, gift: DocId, found: Match) -> impl IntoView {
    let record = StoredValue::new_local(connection(&subject, gift, &found));
    let connect = use_command(move |_: &()| {
        Ok(Command::Apply(vec![Edit::Save {
            id: DocId::new(Kind::Connection),
            parent: None,
            record: Record::Connection(record.get_value()),
        }]))
    });
    let done = move || matches!(connect.value().get(), Some(Ok(_)));
    let href = match found.who.kind() {
        Kind::Person | Kind::Group | Kind::Place => Some(format!("/people/{}", found.who)),
        _ => None,
    };
    let label = format!("Connect {} and {}", subject.owner_name, found.name);
    let connected = format!(
        "Connected {} and {}: recorded in the activity log.",
        subject.owner_name, found.name
    );
    view! {
        <li>
            {match href {
                Some(href) => view! { <A href=href attr:class="name">{found.name.clone()}</A> }.into_any(),
                None => view! { <span class="name">{found.name.clone()}</span> }.into_any(),
            }}
            <span class="why">{found.why.clone()}</span>
            <Show
                when=done
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="secondary"
                            aria-label=label.clone()
                            on:click=move |_| {
                                connect.dispatch(());
                            }
                            disabled=move || connect.pending().get()
                        >
                            "Connect"
                        </button>
                    }
                }
            >
                <p class="saved" role="status">{connected.clone()}</p>
            </Show>
            <CommandAlert action=connect />
        </li>
    }
}
