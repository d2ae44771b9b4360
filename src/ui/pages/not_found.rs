//! What an unknown address shows: a way back, not a dead end.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::page::Page;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Page title="Page not found">
            <p>"There is nothing at this address."</p>
            <p>
                <A href="/">"Go to the skills map"</A>
            </p>
        </Page>
    }
}
