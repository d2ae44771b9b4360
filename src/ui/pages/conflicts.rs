//! Records with two versions (changed on another phone or in another tab
//! while this one changed them too): the list of them, the count the Sync
//! page shows, and the screen to compare and choose (`choose`). Nothing is
//! closed until a person chooses, and then only by an ordinary edit.

mod choose;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::conflict::{Contested, count_words};
use crate::store::query::{ContestCount, Contests};
use crate::ui::live::use_query;
use crate::ui::page::{EmptyState, Page, UnreadableNotice};
use crate::ui::saved::SavedNotice;

pub use choose::ConflictPage;

/// Where the screen for one record's versions is.
pub fn versions_path(id: crate::model::DocId) -> String {
    format!("/conflicts/{id}")
}

#[component]
pub fn ConflictsPage() -> impl IntoView {
    let read = use_query(|| Contests);
    view! {
        <Page title="Records with two versions">
            <SavedNotice />
            <Transition>
                {move || Suspend::new(async move {
                    match read.await {
                        Ok(list) => view! {
                            <UnreadableNotice count=list.unreadable />
                            <ContestedList records=list.records />
                        }
                        .into_any(),
                        Err(e) => view! { <p class="notice" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </Page>
    }
}

#[component]
fn ContestedList(records: Vec<Contested>) -> impl IntoView {
    if records.is_empty() {
        return view! {
            <EmptyState heading="Nothing to choose">
                <p data-testid="no-conflicts">
                    "Every record on this device has one version. When someone changes a record on another phone or in another tab while it is being changed here, both versions are kept and listed here, for you to choose what to keep."
                </p>
            </EmptyState>
        }
        .into_any();
    }
    view! {
        <p>
            "Each of these was changed on another phone or in another tab while it was being changed here too, so Kith kept both versions: nothing either side typed is lost. Open one to compare them and choose what to keep."
        </p>
        <ul class="records" data-testid="conflicts-list">
            {records
                .into_iter()
                .map(|c| view! {
                    <li><A href=versions_path(c.id) attr:class="name">{c.words()}</A></li>
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// "2 records have two versions: choose what to keep", linking to the
/// list; nothing when there are none. For the Sync page.
#[component]
pub fn ConflictsCount() -> impl IntoView {
    let count = use_query(|| ContestCount);
    move || {
        let said = count_words(count.get()?.ok()?)?;
        Some(view! {
            <p class="notice" data-testid="conflicts-count">
                <A href="/conflicts">{said}</A>
            </p>
        })
    }
}
