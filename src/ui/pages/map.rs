//! The skills map: who around here can do what. The home screen.

use leptos::prelude::*;

use crate::ui::page::{EmptyState, Page};

#[component]
pub fn MapPage() -> impl IntoView {
    view! {
        <Page title="Skills map">
            <EmptyState heading="Nothing on the map yet">
                <p>
                    "The skills map shows the people, groups and places around here, and what each can offer, teach, want to learn or need."
                </p>
                <p>"Everything you add is kept on this device, with or without a signal."</p>
            </EmptyState>
        </Page>
    }
}
