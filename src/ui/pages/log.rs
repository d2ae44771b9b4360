//! The activity log: connections made, sessions held, hours given.

use leptos::prelude::*;

use crate::ui::page::{EmptyState, Page};

#[component]
pub fn LogPage() -> impl IntoView {
    view! {
        <Page title="Activity log">
            <EmptyState heading="Nothing logged yet">
                <p>
                    "Connections made, sessions held and hours given will be listed here, newest first."
                </p>
            </EmptyState>
        </Page>
    }
}
