//! Editing a person, group or place. The form is filled once, from the
//! version opened, and never redrawn under the person's thumbs; if the
//! record changes elsewhere meanwhile (another tab, sync), the form says
//! so and can show the newer version, and a save keeps both.

use leptos::prelude::*;

use crate::model::draft::PartyDraft;
use crate::model::party::PartyView;
use crate::store::StoreError;
use crate::store::query::{Party, PartyRead};
use crate::ui::live::use_query;
use crate::ui::page::Page;
use crate::ui::pages::party_form::{Elsewhere, PartyForm, Step};

use super::{ConsentWithdrawn, Damaged, NoSuchPerson, StoreTrouble, party_in_address};

/// The read a form was opened from, and for which party.
type Opened = (
    Option<crate::model::DocId>,
    Option<Result<PartyRead, StoreError>>,
);

#[component]
pub fn EditPartyPage() -> impl IntoView {
    view! { <EditParty step=Step::Whole /> }
}

/// A person's gifts and needs, the step after the first.
#[component]
pub fn PartyGiftsPage() -> impl IntoView {
    view! { <EditParty step=Step::Gifts /> }
}

#[component]
fn EditParty(step: Step) -> impl IntoView {
    let id = party_in_address();
    let at = id.clone();
    let live = use_query(move || Party(at()));
    // Bumped to open the form again from the newest version.
    let restart = RwSignal::new(0u32);
    // The first read, kept: the form is filled from it once.
    let opened = Memo::new(move |before: Option<&(Opened, u32)>| {
        let (id, restarts) = (id(), restart.get());
        match before {
            Some(((was, Some(read)), r)) if *was == id && *r == restarts => {
                ((id, Some(read.clone())), restarts)
            }
            _ => ((id, live.get()), restarts),
        }
    });
    let elsewhere = Signal::derive(move || {
        let base = opened.with(|((_, read), _)| match read {
            Some(Ok(PartyRead::Found(view))) => Some(view.clone()),
            _ => None,
        })?;
        match live.get()? {
            Ok(PartyRead::Found(now)) if changed_since(&base, &now) => {
                Some(Elsewhere::Changed(now))
            }
            Ok(PartyRead::Missing | PartyRead::Withdrawn) => Some(Elsewhere::Deleted),
            _ => None,
        }
    });
    let restart = Callback::new(move |()| restart.update(|r| *r += 1));
    move || {
        let ((_, read), _) = opened.get();
        match read? {
            Ok(PartyRead::Found(view)) => {
                let name = view.party.2.name().unwrap_or_default();
                let title = match step {
                    Step::Gifts => format!("Gifts and needs of {name}"),
                    _ => format!("Edit {name}"),
                };
                let draft = PartyDraft::open(view.party.clone(), view.gifts.clone());
                Some(match draft {
                    Some(draft) => view! {
                        <Page title>
                            <PartyForm draft step elsewhere restart />
                        </Page>
                    }
                    .into_any(),
                    None => view! { <NoSuchPerson /> }.into_any(),
                })
            }
            Ok(PartyRead::Missing) => Some(view! { <NoSuchPerson /> }.into_any()),
            Ok(PartyRead::Withdrawn) => Some(view! { <ConsentWithdrawn /> }.into_any()),
            Ok(PartyRead::Damaged(corrupt)) => Some(view! { <Damaged corrupt /> }.into_any()),
            Err(e) => Some(view! { <StoreTrouble error=e /> }.into_any()),
        }
    }
}

/// Whether the party or any of its gifts is at another version than the
/// form was opened at.
fn changed_since(opened: &PartyView, now: &PartyView) -> bool {
    let revs = |v: &PartyView| {
        let mut revs: Vec<_> = v
            .gifts
            .iter()
            .map(|(id, rev, _)| (*id, rev.clone()))
            .collect();
        revs.push((v.party.0, v.party.1.clone()));
        revs.sort();
        revs
    };
    revs(opened) != revs(now)
}
