//! People, groups and places, with their gifts and how to reach them.

use leptos::prelude::*;

use crate::ui::page::{EmptyState, Page};

#[component]
pub fn PeoplePage() -> impl IntoView {
    view! {
        <Page title="People, groups and places">
            <EmptyState heading="No one here yet">
                <p>
                    "People, groups and places you add will be listed here, with their gifts and how to reach them."
                </p>
            </EmptyState>
        </Page>
    }
}
