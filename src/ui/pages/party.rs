//! One person, group or place: their gifts and needs, how to reach them,
//! and the ways to change them (add, edit, delete). The page follows the
//! store: a change made in another tab or by sync redraws it; a form
//! open on them says so and keeps what was typed.

mod edit;
mod sections;

use leptos::prelude::*;

use crate::ui::syncing::NotSent;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::model::consent::{Allowed, allows, visibility_meaning};
use crate::model::draft::PartyDraft;
use crate::model::party::{PartyView, differences};
use crate::model::record::Purpose;
use crate::model::{DocId, Kind, Record};
use crate::store::query::{Party, PartyRead};
use crate::store::{Corrupt, StoreError};
use crate::ui::live::use_query;
use crate::ui::page::{Page, UnreadableNotice};
use crate::ui::pages::party_form::{PartyForm, Step};
use crate::ui::saved::SavedNotice;

pub use edit::{EditPartyPage, PartyGiftsPage};
use sections::{
    ActivityList, ConnectionList, ConsentSummary, ContactList, DeleteParty, GiftList, Timeline,
};

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
    // A person is added in two short steps; a group or place on one form.
    let step = if kind == Kind::Person {
        Step::First
    } else {
        Step::Whole
    };
    view! {
        <Page title>
            <PartyForm draft=PartyDraft::new(kind) step />
        </Page>
    }
}

/// The party the address names, if it names one.
fn party_in_address() -> impl Fn() -> Option<DocId> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<DocId>().ok())
    }
}

#[component]
pub fn PartyPage() -> impl IntoView {
    let id = party_in_address();
    let read = use_query(move || Party(id()));
    view! {
        <Transition>
            {move || Suspend::new(async move {
                match read.await {
                    Ok(PartyRead::Found(view)) => view! { <PartyPageView view=*view /> }.into_any(),
                    Ok(PartyRead::Missing) => view! { <NoSuchPerson /> }.into_any(),
                    Ok(PartyRead::Withdrawn) => view! { <ConsentWithdrawn /> }.into_any(),
                    Ok(PartyRead::Damaged(corrupt)) => view! { <Damaged corrupt /> }.into_any(),
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

/// A record whose consent was withdrawn after it was shared: the team's
/// copy holds only that, so this device shows only that.
#[component]
fn ConsentWithdrawn() -> impl IntoView {
    view! {
        <Page title="Consent withdrawn">
            <p class="notice" data-testid="consent-withdrawn">
                "This person withdrew their consent to be shared with the team, so their details were taken off the team's server. Only the worker who recorded them keeps them."
            </p>
            <p>
                <A href="/people">"Back to people"</A>
            </p>
        </Page>
    }
}

/// A record that is on the device but cannot be read: what is wrong, and
/// where it can be downloaded or removed.
#[component]
fn Damaged(corrupt: Corrupt) -> impl IntoView {
    view! {
        <Page title="This record is damaged">
            <p class="notice" role="alert" data-testid="damaged-record">
                {format!("Kith cannot show this record: {}.", corrupt.damage)}
            </p>
            <p>
                "Everything else on this device is unaffected. Settings lists damaged records: you can download this one as it is stored, or remove it. "
                <A href="/settings#damaged">"Damaged records"</A>
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
fn PartyPageView(view: PartyView) -> impl IntoView {
    let (id, _, record) = &view.party;
    let party_id = *id;
    let name = record.name().unwrap_or_default().to_owned();
    let edit_href = format!("/people/{id}/edit");
    let connect_href = format!("/log/connections/new?from={id}");
    let details = details(record);
    let (contacts, consents) = record
        .contact_details()
        .map(|(c, k)| (c.to_vec(), k.to_vec()))
        .unwrap_or_default();
    let visibility = record.meta().visibility;
    let is_person = record.kind() == Kind::Person;
    let no_gifts = view.gifts.is_empty();
    let not_kept = record.clone();
    let versions: Vec<Vec<String>> = view
        .versions
        .iter()
        .map(|other| differences(record, other))
        .collect();
    let group = view.is_group().then(|| (party_id, view.activities.clone()));
    let unreadable = view.unreadable;
    view! {
        <Page title=name.clone()>
            <SavedNotice />
            <NotSent id=party_id />
            <NotKept record=not_kept edit_href=edit_href.clone() />
            <Versions id=party_id name=name.clone() versions />
            <UnreadableNotice count=unreadable />
            <div data-testid="details">
                {details.into_iter().map(|line| view! { <p class="summary">{line}</p> }).collect_view()}
            </div>
            <section aria-labelledby="gifts-heading">
                <h2 id="gifts-heading">"Gifts and needs"</h2>
                <GiftList gifts=view.gifts.clone() />
                <p>
                    <A href=format!("/people/{party_id}/gifts") attr:class=if no_gifts { "button primary" } else { "button secondary" }>
                        {if no_gifts { "Add gifts and needs" } else { "Add or change gifts and needs" }}
                    </A>
                </p>
            </section>
            {group.map(|(group, activities)| view! { <ActivityList group activities /> })}
            <section aria-labelledby="connections-heading">
                <h2 id="connections-heading">"Connections"</h2>
                <ConnectionList party=party_id connections=view.connections.clone() />
                <p><A href=connect_href attr:class="button secondary">"Record a connection"</A></p>
            </section>
            <Timeline lines=view.timeline.clone() party=party_id />
            <section aria-labelledby="contact-heading">
                <h2 id="contact-heading">"How to reach them"</h2>
                <ContactList contacts />
            </section>
            <section aria-labelledby="consent-heading">
                {if is_person {
                    view! {
                        <h2 id="consent-heading">"Consent and who can see them"</h2>
                        <ConsentSummary consents visibility />
                    }
                        .into_any()
                } else {
                    view! {
                        <h2 id="consent-heading">"Who can see it"</h2>
                        <p data-testid="visibility">{format!("Who can see it: {}", visibility.label())}</p>
                        <p class="hint">{visibility_meaning(visibility)}</p>
                    }
                        .into_any()
                }}
            </section>
            <p class="actions">
                <A href=edit_href attr:class="button primary">
                    {format!("Edit {name}")}
                </A>
            </p>
            <DeleteParty party=view.party.clone() gifts=view.gifts.clone() />
        </Page>
    }
}

/// Said first on the page of a person Kith may not keep yet: nobody has
/// asked them, or they withdrew. Until someone asks, they stay on this
/// device and out of the map, reports by name and files.
#[component]
fn NotKept(record: Record, edit_href: String) -> impl IntoView {
    let said = match allows(&record, Purpose::Store) {
        Allowed::NotAsked => {
            "Not asked yet: nobody has asked them whether Kith may keep their details. Ask them, and record their answer under Edit. Until then they stay on this device only, and are left out of the map, of reports by name and of files."
        }
        Allowed::Withdrawn => {
            "They withdrew consent to Kith keeping their details. Delete this record, or ask them again and record their answer under Edit. Until then they are left out of the map, of reports by name and of files."
        }
        _ => return None,
    };
    Some(view! {
        <section class="notice" data-testid="not-kept">
            <p>{said}</p>
            <p><A href=edit_href>"Record their answer"</A></p>
        </section>
    })
}

/// Other versions of the party, made apart (a save from a form opened
/// before another change): kept, and said, until someone chooses on
/// the screen that compares them.
#[component]
fn Versions(id: DocId, name: String, versions: Vec<Vec<String>>) -> impl IntoView {
    (!versions.is_empty()).then(|| {
        let heading = match versions.len() {
            1 => "Two versions are kept".to_owned(),
            n => format!("{} versions are kept", n + 1),
        };
        view! {
            <section class="notice" aria-labelledby="versions-heading" data-testid="versions">
                <h2 id="versions-heading">{heading}</h2>
                <p>
                    {format!("{name} was changed in two places at once (on another phone or in another tab), so Kith kept every version: nothing either side typed is lost. This page shows the version every device agrees on until you choose.")}
                </p>
                <p>
                    <A href=crate::ui::pages::conflicts::versions_path(id) attr:class="button primary">
                        "Compare them and choose what to keep"
                    </A>
                </p>
                {versions.into_iter().map(|lines| view! {
                    <p>"The other version says:"</p>
                    <ul class="records">
                        {if lines.is_empty() {
                            view! { <li>"The same as this one, apart from its gifts or history."</li> }.into_any()
                        } else {
                            lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view().into_any()
                        }}
                    </ul>
                }).collect_view()}
            </section>
        }
    })
}
