//! People, groups and places, with their gifts and how to reach them.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::{DocId, Kind, Record};
use crate::store::StoreError;
use crate::ui::local::use_local;
use crate::ui::page::{EmptyState, Page};
use crate::ui::saved::SavedNotice;

/// How many people the list shows at first, sorted by name.
const SHOWN: u32 = 200;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let local = use_local();
    let people = LocalResource::new(move || async move {
        let store = local.store().await?;
        let total = store.count(Kind::Person).await?;
        let first = store.list(Kind::Person, SHOWN).await?;
        Ok::<_, StoreError>((total, first))
    });
    view! {
        <Page title="People, groups and places">
            <SavedNotice />
            <p>
                <A href="/people/new" attr:class="button primary">
                    "Add a person"
                </A>
            </p>
            // No fallback: the local store answers in milliseconds.
            <Transition>
                {move || Suspend::new(async move {
                    match people.await {
                        Ok((0, _)) => view! { <NoOneYet /> }.into_any(),
                        Ok((total, first)) => view! { <PeopleList total first /> }.into_any(),
                        Err(e) => view! { <p class="notice" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </Page>
    }
}

#[component]
fn NoOneYet() -> impl IntoView {
    view! {
        <EmptyState heading="No one here yet">
            <p>
                "People, groups and places you add will be listed here, with their gifts and how to reach them."
            </p>
        </EmptyState>
    }
}

#[component]
fn PeopleList(total: u32, first: Vec<(DocId, Record)>) -> impl IntoView {
    let shown = first.len();
    let summary = if shown as u32 == total {
        format!("{total} {}", if total == 1 { "person" } else { "people" })
    } else {
        format!("The first {shown} of {total} people, by name")
    };
    view! {
        <section aria-labelledby="people-heading">
            <h2 id="people-heading">"People"</h2>
            <p class="summary" data-testid="people-summary">{summary}</p>
            <ul class="records" data-testid="people-list">
                {first
                    .into_iter()
                    .map(|(id, record)| view! { <PersonRow id record /> })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn PersonRow(id: DocId, record: Record) -> impl IntoView {
    let area = match &record {
        Record::Person(p) if !p.area.is_empty() => Some(p.area.clone()),
        _ => None,
    };
    view! {
        <li>
            <A href=format!("/people/{id}") attr:class="name">
                {record.name().unwrap_or_default().to_owned()}
            </A>
            {area.map(|a| view! { <span class="area">{a}</span> })}
        </li>
    }
}
