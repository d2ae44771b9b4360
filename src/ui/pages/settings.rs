//! Settings and facts about this copy of Kith.

use leptos::prelude::*;

use crate::ui::page::Page;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <Page title="Settings">
            <section>
                <h2>"About Kith"</h2>
                <dl class="facts">
                    <dt>"Version"</dt>
                    <dd data-testid="app-version">{env!("CARGO_PKG_VERSION")}</dd>
                    <dt>"Where your work is kept"</dt>
                    <dd>"On this device, in this browser"</dd>
                </dl>
            </section>
        </Page>
    }
}
