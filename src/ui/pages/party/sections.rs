//! The sections of a party's page: gifts, activities, connections, hours
//! and sessions, how to reach them, consent, and deleting them.

use leptos::prelude::*;

use crate::model::Kind;
use crate::ui::pages::entry::change_path;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::model::contact;
use crate::model::draft::Opened;
use crate::model::log::{LogLine, connection_line, plan_follow_up};
use crate::model::party::Linked;
use crate::model::record::{
    Connection, ConnectionKind, ConnectionStatus, Consent, ContactKind, ContactMethod, Gift,
    Purpose, Visibility, latest_consent,
};
use crate::model::{DocId, Edit, Record};
use crate::store::Command;
use crate::ui::command::{CommandAlert, use_command};
use crate::ui::local::{now, today};
use crate::ui::saved::Saved;

/// The day a date is, as the page says it: "4 Dec 2026".
pub fn day(date: jiff::civil::Date) -> String {
    date.strftime("%-d %b %Y").to_string()
}

#[component]
pub fn GiftList(gifts: Vec<Opened<Gift>>) -> impl IntoView {
    if gifts.is_empty() {
        return view! { <p>"None recorded yet."</p> }.into_any();
    }
    view! {
        <ul class="records" data-testid="gift-list">
            {gifts
                .into_iter()
                .map(|(id, _, g)| {
                    let find = if g.mode.is_wanted() {
                        "Find who could help"
                    } else {
                        "Find who could use this"
                    };
                    let mut what = g.title();
                    if !g.availability.is_empty() {
                        what.push_str(&format!(" ({})", g.availability));
                    }
                    if !g.tags.is_empty() {
                        what.push_str(&format!(" · tags: {}", g.tags.join(", ")));
                    }
                    view! {
                        <li>
                            <span>
                                <strong>{g.mode.label()}</strong>
                                " "
                                {what}
                            </span>
                            <span class="area">{g.kind.label().to_lowercase()}</span>
                            <A href=format!("/match/{id}") attr:class="find">
                                {find}
                            </A>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// A group's activities, and the way to add one.
#[component]
pub fn ActivityList(group: DocId, activities: Vec<(DocId, String)>) -> impl IntoView {
    let add = format!("/people/{group}/activities/new");
    let back = format!("/people/{group}");
    view! {
        <section aria-labelledby="activities-heading">
            <h2 id="activities-heading">"Activities"</h2>
            {if activities.is_empty() {
                view! { <p>"None recorded yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="records" data-testid="activity-list">
                        {activities.into_iter().map(|(id, name)| {
                            let href = change_path(Kind::Activity, id, &back);
                            let label = format!("Change {name}");
                            view! {
                                <li>
                                    <span>{name}</span>
                                    {href.map(|href| view! { <A href attr:class="find" attr:aria-label=label>"Change"</A> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><A href=add attr:class="button secondary">"Add an activity"</A></p>
        </section>
    }
}

/// Hours and sessions they took part in, newest first.
#[component]
pub fn Timeline(lines: Vec<LogLine>, party: DocId) -> impl IntoView {
    let back = format!("/people/{party}");
    view! {
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Hours and sessions"</h2>
            {if lines.is_empty() {
                view! { <p>"None recorded yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="records" data-testid="timeline">
                        {lines.into_iter().map(|line| {
                            let change = change_path(line.kind, line.id, &back).map(|href| view! {
                                <A href attr:class="find" attr:aria-label=format!("Change: {}", line.words)>
                                    "Change"
                                </A>
                            });
                            view! {
                                <li>
                                    <span>{line.words}</span>
                                    <span class="area">{day(line.date)}</span>
                                    {change}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn ConnectionList(party: DocId, connections: Vec<Linked>) -> impl IntoView {
    if connections.is_empty() {
        return view! {
            <p>"None recorded yet. Find matches from a gift or need above, or record one."</p>
        }
        .into_any();
    }
    // Follow-ups planned and not yet done, by the two they are between: a
    // connection with one says when it is due instead of offering another.
    let open: Vec<([DocId; 2], jiff::civil::Date)> = connections
        .iter()
        .filter(|l| {
            l.connection.kind == ConnectionKind::FollowUp
                && l.connection.status == ConnectionStatus::Suggested
        })
        .filter_map(|l| Some((pair(&l.connection), l.connection.due?)))
        .collect();
    view! {
        <ul class="records" data-testid="connection-list">
            {connections
                .into_iter()
                .map(|Linked { id, connection: c, other, outgoing, .. }| {
                    let planned = open.iter().find(|(p, _)| *p == pair(&c)).map(|(_, due)| *due);
                    let words = connection_line(&c, &other, outgoing);
                    let when = format!("{}, {}", day(c.date), c.status.word());
                    // Changed, it comes back to this page.
                    let change = format!("/log/connections/{id}?back=/people/{party}");
                    let label = format!("Change the connection with {other}");
                    view! {
                        <li>
                            <span>{words}</span>
                            <span class="area">{when}</span>
                            <A href=change attr:class="find" attr:aria-label=label>
                                "Change"
                            </A>
                            {match (c.kind, planned) {
                                (ConnectionKind::FollowUp, _) => None,
                                (_, Some(due)) => Some(view! {
                                    <span class="saved" role="status">{format!("Follow-up planned for {}.", day(due))}</span>
                                }.into_any()),
                                (_, None) => Some(view! { <FollowUpButton connection=c other /> }.into_any()),
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The two a connection is between, in either direction.
fn pair(c: &Connection) -> [DocId; 2] {
    let mut pair = [c.from, c.to];
    pair.sort();
    pair
}

/// Plans a follow-up of a connection, due in a week; the home screen
/// lists it when its day comes, and this page says so in its place.
#[component]
fn FollowUpButton(connection: Connection, other: String) -> impl IntoView {
    let plan = use_command(move |c: &Connection| {
        let (_, edit) = plan_follow_up(c, today(), now(), &crate::ui::preferences::worker());
        Ok(Command::Apply(vec![edit]))
    });
    let label = format!("Follow up in a week with {other}");
    view! {
        <button
            type="button"
            class="link"
            aria-label=label
            disabled=move || plan.pending().get() || matches!(plan.value().get(), Some(Ok(_)))
            on:click=move |_| { plan.dispatch(connection.clone()); }
        >
            "Follow up in a week"
        </button>
        <CommandAlert action=plan />
    }
}

/// Where each purpose stands, in plain words; a withdrawal says what it
/// means for the record.
#[component]
pub fn ConsentSummary(consents: Vec<Consent>, visibility: Visibility) -> impl IntoView {
    let lines: Vec<String> = Purpose::ALL
        .into_iter()
        .map(|purpose| {
            // "Keep their details in Kith" → "keep their details in Kith".
            let words = purpose.label();
            let what = format!("{}{}", words[..1].to_lowercase(), &words[1..]);
            match latest_consent(&consents, purpose) {
                Some(c) if c.given => {
                    format!(
                        "Agreed: {what} ({}, {})",
                        c.how.word(),
                        c.at.strftime("%-d %b %Y")
                    )
                }
                Some(c) => {
                    let when = c.at.strftime("%-d %b %Y");
                    match purpose {
                        Purpose::ShowOnMap => format!("Not shown on the map: consent withdrawn on {when}"),
                        Purpose::Export => format!("Left out of exported files: consent withdrawn on {when}"),
                        Purpose::ShareWithTeam => format!("Not shared with the team: consent withdrawn on {when}"),
                        Purpose::Store => {
                            format!("Consent to keep their details withdrawn on {when}: delete this record, or ask again")
                        }
                    }
                }
                None => format!("Not asked yet: {what}"),
            }
        })
        .collect();
    view! {
        <p data-testid="visibility">{format!("Who can see them: {}", visibility.label())}</p>
        <ul class="records" data-testid="consent-list">
            {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
        </ul>
    }
}

/// Each contact method as a link that does the reaching: a phone number
/// opens the dialler, an email address the mail app. Links are made from
/// the parsed number or address only; one saved before it was checked
/// that does not parse is shown as text, with a word to check it.
#[component]
pub fn ContactList(contacts: Vec<ContactMethod>) -> impl IntoView {
    if contacts.is_empty() {
        return view! { <p>"No way to reach them recorded yet."</p> }.into_any();
    }
    view! {
        <ul class="records" data-testid="contact-list">
            {contacts
                .into_iter()
                .map(|c| {
                    let unlinked = matches!(c.kind, ContactKind::Phone | ContactKind::Email)
                        .then_some(" (check it: Kith cannot make a link of it)");
                    let preferred = c.preferred.then_some(" (try first)");
                    view! {
                        <li>
                            {match contact::link(c.kind, &c.value) {
                                Some(href) => view! { <a href=href>{c.value}</a> }.into_any(),
                                None => view! {
                                    <span>{c.kind.noun()}": "{c.value}{unlinked}</span>
                                }.into_any(),
                            }}
                            <span class="area">{preferred}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Deleting asks once more, then removes the person and their gifts in one
/// save. The deletion travels to other devices like any change.
#[component]
pub fn DeleteParty(party: Opened<Record>, gifts: Vec<Opened<Gift>>) -> impl IntoView {
    let saved = expect_context::<Saved>();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let name = party.2.name().unwrap_or_default().to_owned();
    let question = match gifts.len() {
        0 => format!("Delete {name}?"),
        1 => format!("Delete {name} and 1 gift or need?"),
        n => format!("Delete {name} and {n} gifts and needs?"),
    };
    let mut edits = vec![Edit::Delete {
        id: party.0,
        parent: party.1,
    }];
    edits.extend(
        gifts
            .into_iter()
            .map(|(id, rev, _)| Edit::Delete { id, parent: rev }),
    );
    let edits = StoredValue::new(edits);
    let delete = use_command(move |_: &()| Ok(Command::Apply(edits.get_value())));
    let gone = name.clone();
    Effect::new(move || {
        if let Some(Ok(_)) = delete.value().get() {
            saved.set(format!("Deleted {gone}."));
            navigate("/people", Default::default());
        }
    });
    let label = format!("Delete {name}");

    view! {
        <Show
            when=move || confirming.get()
            fallback=move || {
                view! {
                    <button type="button" class="secondary danger" on:click=move |_| confirming.set(true)>
                        {label.clone()}
                    </button>
                }
            }
        >
            <section class="confirm" aria-labelledby="confirm-heading">
                <h2 id="confirm-heading">{question.clone()}</h2>
                <p>"They will be gone from this device, and from others when it next syncs."</p>
                <CommandAlert action=delete />
                <button type="button" class="primary danger" on:click=move |_| { delete.dispatch(()); }>
                    "Yes, delete"
                </button>
                " "
                <button type="button" class="secondary" on:click=move |_| confirming.set(false)>
                    "Keep"
                </button>
            </section>
        </Show>
    }
}
