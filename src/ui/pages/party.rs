//! One person, group or place: their gifts and needs, how to reach them,
//! and the ways to change them (add, edit, delete).

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::model::draft::{Opened, PartyDraft};
use crate::model::log::{
    LogLine, connection_line, entry_date, newest_first, plan_follow_up, status_words,
};
use crate::model::record::{
    Connection, ConnectionKind, Consent, ConsentHow, ContactKind, ContactMethod, Gift, GiftKind,
    GiftMode, Purpose, Visibility, latest_consent,
};
use crate::model::{DocId, Edit, Kind, Record};
use crate::store::StoreError;
use crate::ui::local::{now, today, use_local};
use crate::ui::page::Page;
use crate::ui::pages::party_form::{PartyForm, purpose_words};
use crate::ui::saved::{Saved, SavedNotice};

#[component]
pub fn NewPersonPage() -> impl IntoView {
    view! { <NewParty kind=Kind::Person title="Add a person" /> }
}

#[component]
pub fn NewGroupPage() -> impl IntoView {
    view! { <NewParty kind=Kind::Group title="Add a group" /> }
}

#[component]
pub fn NewPlacePage() -> impl IntoView {
    view! { <NewParty kind=Kind::Place title="Add a place" /> }
}

#[component]
fn NewParty(kind: Kind, title: &'static str) -> impl IntoView {
    view! {
        <Page title>
            <PartyForm draft=PartyDraft::new(kind) />
        </Page>
    }
}

/// A connection this person, group or place is part of, with the other side's name.
#[derive(Debug, Clone)]
struct Linked {
    id: DocId,
    connection: Connection,
    other: String,
    /// Whether this party is the one connected (`from`), not the one
    /// connected to.
    outgoing: bool,
}

/// A party, its gifts, connections, hours and sessions, and (for a group)
/// the names of its activities.
type Loaded = Option<(
    Opened<Record>,
    Vec<Opened<Gift>>,
    Vec<Linked>,
    Vec<LogLine>,
    Vec<String>,
)>;

/// The person, group or place named in the address, with their gifts and
/// connections, once read.
fn use_party() -> LocalResource<Result<Loaded, StoreError>> {
    let params = use_params_map();
    let local = use_local();
    LocalResource::new(move || {
        let id = params
            .read()
            .get("id")
            .and_then(|s| s.parse::<DocId>().ok())
            .filter(|id| matches!(id.kind(), Kind::Person | Kind::Group | Kind::Place));
        async move {
            let Some(id) = id else { return Ok(None) };
            let store = local.store().await?;
            let Some((rev, party)) = store.record(id).await? else {
                return Ok(None);
            };
            let linked = store.linked(id).await?;
            // Everyone and everything their log entries name, each read once.
            let mut names = BTreeMap::from([(id, party.title())]);
            let named: BTreeSet<DocId> = linked
                .iter()
                .filter(|(_, _, r)| entry_date(r).is_some())
                .flat_map(|(_, _, r)| r.links())
                .filter(|other| *other != id)
                .collect();
            for other in named {
                if let Some((_, r)) = store.record(other).await? {
                    names.insert(other, r.title());
                }
            }
            let mut gifts: Vec<Opened<Gift>> = Vec::new();
            let mut connections = Vec::new();
            let mut timeline = Vec::new();
            let mut activities = Vec::new();
            for (linked_id, rev, record) in linked {
                match record {
                    Record::Activity(a) if a.group == Some(id) => activities.push(a.name),
                    Record::Hours(_) | Record::Session(_) => {
                        timeline.extend(LogLine::of(linked_id, &record, &names));
                    }
                    Record::Gift(g) => gifts.push((linked_id, rev, g)),
                    Record::Connection(c) => {
                        let other_id = if c.from == id { c.to } else { c.from };
                        let other = names
                            .get(&other_id)
                            .cloned()
                            .unwrap_or_else(|| "someone no longer recorded".to_owned());
                        connections.push(Linked {
                            id: linked_id,
                            outgoing: c.from == id,
                            connection: c,
                            other,
                        });
                    }
                    _ => {}
                }
            }
            // Newest first.
            connections.sort_by(|a, b| {
                (b.connection.date, b.connection.meta.created)
                    .cmp(&(a.connection.date, a.connection.meta.created))
            });
            // Offers first, then in the order they were recorded.
            gifts.sort_by(|a, b| {
                (a.2.mode, a.2.meta.created, a.0).cmp(&(b.2.mode, b.2.meta.created, b.0))
            });
            newest_first(&mut timeline);
            activities.sort_by_key(|n| n.to_lowercase());
            Ok(Some((
                (id, rev, party),
                gifts,
                connections,
                timeline,
                activities,
            )))
        }
    })
}

#[component]
pub fn PartyPage() -> impl IntoView {
    let loaded = use_party();
    view! {
        <Transition>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(Some((party, gifts, connections, timeline, activities))) => {
                        view! { <PartyView party gifts connections timeline activities /> }.into_any()
                    }
                    Ok(None) => view! { <NoSuchPerson /> }.into_any(),
                    Err(e) => view! { <StoreTrouble error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn EditPartyPage() -> impl IntoView {
    let loaded = use_party();
    view! {
        <Transition>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(Some((party, gifts, _, _, _))) => {
                        let title = format!("Edit {}", party.2.name().unwrap_or_default());
                        match PartyDraft::open(party, gifts) {
                            Some(draft) => view! { <Page title><PartyForm draft /></Page> }.into_any(),
                            None => view! { <NoSuchPerson /> }.into_any(),
                        }
                    }
                    Ok(None) => view! { <NoSuchPerson /> }.into_any(),
                    Err(e) => view! { <StoreTrouble error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn NoSuchPerson() -> impl IntoView {
    view! {
        <Page title="Not on this device">
            <p>"This person, group or place is not on this device: they may have been deleted."</p>
            <p>
                <A href="/people">"Back to people"</A>
            </p>
        </Page>
    }
}

#[component]
fn StoreTrouble(error: StoreError) -> impl IntoView {
    view! {
        <Page title="Records unavailable">
            <p class="notice" role="alert">{error.to_string()}</p>
        </Page>
    }
}

/// What a party's page says about it before its gifts: area for a
/// person; what it is and its area for a group; what it is, where, its
/// facilities and access for a place.
fn details(record: &Record) -> Vec<String> {
    let mut lines = Vec::new();
    let mut push = |label: &str, value: &str| {
        if !value.trim().is_empty() {
            lines.push(format!("{label}{value}"));
        }
    };
    match record {
        Record::Person(p) => push("Area: ", &p.area),
        Record::Group(g) => {
            push("", &g.description);
            push("Area: ", &g.area);
        }
        Record::Place(p) => {
            push("", &p.description);
            if let Some(a) = &p.address {
                let parts: Vec<&str> = a
                    .lines
                    .iter()
                    .map(String::as_str)
                    .chain([a.town.as_str(), a.postcode.as_str()])
                    .filter(|s| !s.is_empty())
                    .collect();
                push("Address: ", &parts.join(", "));
            }
            push("Facilities: ", &p.facilities.join(", "));
            push("Access: ", &p.accessibility);
            if let Some(at) = p.location {
                let how = if crate::model::map::drawn_where_it_is(p) {
                    "drawn there on the map"
                } else {
                    "the map shows it by its area only, until the community can see it"
                };
                push("Position: ", &format!("{at} ({how})"));
            }
        }
        _ => {}
    }
    lines
}

#[component]
fn PartyView(
    party: Opened<Record>,
    gifts: Vec<Opened<Gift>>,
    connections: Vec<Linked>,
    timeline: Vec<LogLine>,
    activities: Vec<String>,
) -> impl IntoView {
    let is_group = party.0.kind() == Kind::Group;
    let add_activity = format!("/people/{}/activities/new", party.0);
    let (id, _, record) = &party;
    let edit_href = format!("/people/{id}/edit");
    let connect_href = format!("/log/connections/new?from={id}");
    let party_id = *id;
    let name = record.name().unwrap_or_default().to_owned();
    let details = details(record);
    let (contacts, consents) = record
        .contact_details()
        .map(|(c, k)| (c.to_vec(), k.to_vec()))
        .unwrap_or_default();
    let visibility = record.meta().visibility;
    view! {
        <Page title=name.clone()>
            <SavedNotice />
            <div data-testid="details">
                {details.into_iter().map(|line| view! { <p class="summary">{line}</p> }).collect_view()}
            </div>
            <section aria-labelledby="gifts-heading">
                <h2 id="gifts-heading">"Gifts and needs"</h2>
                <GiftList gifts=gifts.clone() />
            </section>
            {is_group.then(|| view! {
                <section aria-labelledby="activities-heading">
                    <h2 id="activities-heading">"Activities"</h2>
                    {if activities.is_empty() {
                        view! { <p>"None recorded yet."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="records" data-testid="activity-list">
                                {activities.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <p><A href=add_activity attr:class="button secondary">"Add an activity"</A></p>
                </section>
            })}
            <section aria-labelledby="connections-heading">
                <h2 id="connections-heading">"Connections"</h2>
                <ConnectionList party=party_id connections />
                <p><A href=connect_href attr:class="button secondary">"Record a connection"</A></p>
            </section>
            <section aria-labelledby="timeline-heading">
                <h2 id="timeline-heading">"Hours and sessions"</h2>
                {if timeline.is_empty() {
                    view! { <p>"None recorded yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="records" data-testid="timeline">
                            {timeline.into_iter().map(|line| view! {
                                <li>
                                    <span>{line.words}</span>
                                    <span class="area">{line.date.strftime("%-d %b %Y").to_string()}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="contact-heading">
                <h2 id="contact-heading">"How to reach them"</h2>
                <ContactList contacts />
            </section>
            <section aria-labelledby="consent-heading">
                <h2 id="consent-heading">"Consent and who can see them"</h2>
                <ConsentSummary consents visibility />
            </section>
            <p class="actions">
                <A href=edit_href attr:class="button primary">
                    {format!("Edit {name}")}
                </A>
            </p>
            <DeleteParty party gifts />
        </Page>
    }
}

pub(crate) fn mode_words(mode: GiftMode) -> &'static str {
    match mode {
        GiftMode::Offer => "Can offer",
        GiftMode::Teach => "Can teach",
        GiftMode::Learn => "Wants to learn",
        GiftMode::Need => "Needs",
    }
}

fn kind_words(kind: GiftKind) -> &'static str {
    match kind {
        GiftKind::Head => "head",
        GiftKind::Hands => "hands",
        GiftKind::Heart => "heart",
    }
}

#[component]
fn GiftList(gifts: Vec<Opened<Gift>>) -> impl IntoView {
    if gifts.is_empty() {
        return view! { <p>"None recorded yet."</p> }.into_any();
    }
    view! {
        <ul class="records" data-testid="gift-list">
            {gifts
                .into_iter()
                .map(|(id, _, g)| {
                    let find = match g.mode {
                        GiftMode::Need | GiftMode::Learn => "Find who could help",
                        GiftMode::Offer | GiftMode::Teach => "Find who could use this",
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
                                <strong>{mode_words(g.mode)}</strong>
                                " "
                                {what}
                            </span>
                            <span class="area">{kind_words(g.kind)}</span>
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

#[component]
fn ConnectionList(party: DocId, connections: Vec<Linked>) -> impl IntoView {
    if connections.is_empty() {
        return view! {
            <p>"None recorded yet. Find matches from a gift or need above, or record one."</p>
        }
        .into_any();
    }
    view! {
        <ul class="records" data-testid="connection-list">
            {connections
                .into_iter()
                .map(|Linked { id, connection: c, other, outgoing }| {
                    let words = connection_line(&c, &other, outgoing);
                    let when = format!("{}, {}", c.date.strftime("%-d %b %Y"), status_words(c.status));
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
                            {(c.kind != ConnectionKind::FollowUp).then(move || view! { <FollowUpButton connection=c other /> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
        .into_any()
}

/// Plans a follow-up of a connection, due in a week; the home screen
/// lists it when its day comes.
#[component]
fn FollowUpButton(connection: Connection, other: String) -> impl IntoView {
    let local = use_local();
    let plan = Action::new_local(move |c: &Connection| {
        let (_, edit) = plan_follow_up(c, today(), now(), &crate::ui::preferences::worker());
        let due = match &edit {
            Edit::Save {
                record: Record::Connection(f),
                ..
            } => f.due,
            _ => None,
        };
        async move {
            let store = local.store().await.map_err(|e| e.to_string())?;
            store.apply(vec![edit]).await.map_err(|e| e.to_string())?;
            Ok::<_, String>(
                due.map(|d| d.strftime("%-d %b %Y").to_string())
                    .unwrap_or_default(),
            )
        }
    });
    let label = format!("Follow up in a week with {other}");
    view! {
        {move || match plan.value().get() {
            Some(Ok(due)) => view! { <span class="saved" role="status">{format!("Follow-up planned for {due}.")}</span> }.into_any(),
            Some(Err(e)) => view! { <span class="notice" role="alert">{e}</span> }.into_any(),
            None => {
                let c = connection.clone();
                view! {
                    <button type="button" class="link" aria-label=label.clone() on:click=move |_| { plan.dispatch(c.clone()); }>
                        "Follow up in a week"
                    </button>
                }
                    .into_any()
            }
        }}
    }
}

fn visibility_words(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Private => "Only me",
        Visibility::Team => "My team",
        Visibility::Community => "The community",
        Visibility::Public => "Everyone",
    }
}

/// Where each purpose stands, in plain words; a withdrawal says what it
/// means for the record.
#[component]
fn ConsentSummary(consents: Vec<Consent>, visibility: Visibility) -> impl IntoView {
    let lines: Vec<String> = Purpose::ALL
        .into_iter()
        .map(|purpose| {
            // "Keep their details in Kith" → "keep their details in Kith".
            let words = purpose_words(purpose);
            let what = format!("{}{}", words[..1].to_lowercase(), &words[1..]);
            match latest_consent(&consents, purpose) {
                Some(c) if c.given => {
                    let how = match c.how {
                        ConsentHow::Verbal => "told me",
                        ConsentHow::Paper => "on paper",
                        ConsentHow::InApp => "in the app",
                        ConsentHow::Other => "recorded",
                    };
                    format!("Agreed: {what} ({how}, {})", c.at.strftime("%-d %b %Y"))
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
        <p data-testid="visibility">{format!("Who can see them: {}", visibility_words(visibility))}</p>
        <ul class="records" data-testid="consent-list">
            {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
        </ul>
    }
}

/// Each contact method as a link that does the reaching: a phone number
/// opens the dialler, an email address the mail app.
#[component]
fn ContactList(contacts: Vec<ContactMethod>) -> impl IntoView {
    if contacts.is_empty() {
        return view! { <p>"No way to reach them recorded yet."</p> }.into_any();
    }
    view! {
        <ul class="records" data-testid="contact-list">
            {contacts
                .into_iter()
                .map(|c| {
                    let href = match c.kind {
                        ContactKind::Phone => Some(format!("tel:{}", c.value.replace(' ', ""))),
                        ContactKind::Email => Some(format!("mailto:{}", c.value)),
                        ContactKind::Address | ContactKind::Other => None,
                    };
                    let preferred = c.preferred.then_some(" (try first)");
                    view! {
                        <li>
                            {match href {
                                Some(href) => view! { <a href=href>{c.value.clone()}</a> }.into_any(),
                                None => {
                                    let how = if c.kind == ContactKind::Address { "Post: " } else { "Other: " };
                                    view! { <span>{how}{c.value.clone()}</span> }.into_any()
                                }
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
fn DeleteParty(party: Opened<Record>, gifts: Vec<Opened<Gift>>) -> impl IntoView {
    let local = use_local();
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

    let delete = Action::new_local(move |_: &()| async move {
        let store = local.store().await.map_err(|e| e.to_string())?;
        store
            .apply(edits.get_value())
            .await
            .map_err(|e| e.to_string())
    });
    let gone = name.clone();
    Effect::new(move || {
        if let Some(Ok(_)) = delete.value().get() {
            saved.set(format!("Deleted {gone}."));
            navigate("/people", Default::default());
        }
    });
    let error = move || delete.value().get().and_then(Result::err);
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
                <Show when=move || error().is_some()>
                    <p class="notice" role="alert">{error}</p>
                </Show>
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
