//! Sharing this device's records with the team's server.

use leptos::prelude::*;

use crate::ui::page::{EmptyState, Page};
use crate::ui::pages::conflicts::ConflictsCount;

#[component]
pub fn SyncPage() -> impl IntoView {
    view! {
        <Page title="Sync">
            <ConflictsCount />
            <EmptyState heading="Not sharing with a team yet">
                <p>
                    "Everything you enter stays on this device. When your team has a shared server, you will connect to it here, and see what is waiting to be sent."
                </p>
            </EmptyState>
        </Page>
    }
}
