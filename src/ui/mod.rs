//! The Leptos app: the shell (header, navigation, main area) and one page
//! per area of the app. Components stay small and read state from signals
//! provided close to where they are used.

mod app_update;
mod command;
mod connectivity;
mod fields;
mod install;
mod live;
mod local;
mod nav;
mod page;
mod pages;
mod position;
mod preferences;
mod saved;
pub mod sections;
mod shell;
pub mod sync_settings;
pub mod syncing;
mod undo;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

pub use connectivity::{Online, provide_online};
pub use local::{Local, provide_local, use_local};

/// Starts sync with whatever the Sync page set up (nothing until then).
fn provide_replicator() {
    let setup = sync_settings::use_sync_setup();
    let settings = setup.settings();
    let kept = setup.password_kept();
    let remote = Signal::derive(move || {
        kept.track();
        let s = settings.get()?;
        Some(crate::sync::replicate::Remote::new(s, setup.password()))
    });
    let paused = Signal::derive(move || settings.with(|s| s.as_ref().is_some_and(|s| s.paused)));
    syncing::provide_syncing(remote, paused);
}

/// The whole app: the shell around whichever page the address names.
#[component]
pub fn App() -> impl IntoView {
    provide_online();
    app_update::provide_app_update();
    install::provide_install();
    provide_local();
    saved::provide_saved();
    undo::provide_undo();
    sync_settings::provide_sync_setup();
    provide_replicator();
    view! {
        <Router>
            <sync_settings::SetupLinkCatcher />
            <shell::Shell>
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::HomePage />
                    <Route path=path!("/map") view=pages::MapPage />
                    <Route path=path!("/people") view=pages::PeoplePage />
                    <Route path=path!("/people/new") view=pages::NewPersonPage />
                    <Route path=path!("/groups/new") view=pages::NewGroupPage />
                    <Route path=path!("/places/new") view=pages::NewPlacePage />
                    <Route path=path!("/people/:id") view=pages::PartyPage />
                    <Route path=path!("/people/:id/edit") view=pages::EditPartyPage />
                    <Route path=path!("/people/:id/gifts") view=pages::PartyGiftsPage />
                    <Route path=path!("/people/:id/activities/new") view=pages::NewActivityPage />
                    <Route path=path!("/activities/:id") view=pages::EditActivityPage />
                    <Route path=path!("/match/:gift") view=pages::MatchesPage />
                    <Route path=path!("/log") view=pages::LogPage />
                    <Route path=path!("/log/hours/new") view=pages::NewHoursPage />
                    <Route path=path!("/log/hours/:id") view=pages::EditHoursPage />
                    <Route path=path!("/log/connections/new") view=pages::NewConnectionPage />
                    <Route path=path!("/log/connections/:id") view=pages::EditConnectionPage />
                    <Route path=path!("/log/report") view=pages::ReportPage />
                    <Route path=path!("/log/sessions/new") view=pages::NewSessionPage />
                    <Route path=path!("/log/sessions/:id") view=pages::EditSessionPage />
                    <Route path=path!("/conflicts") view=pages::ConflictsPage />
                    <Route path=path!("/conflicts/:id") view=pages::ConflictPage />
                    <Route path=path!("/sync") view=pages::SyncPage />
                    <Route path=path!("/settings") view=pages::SettingsPage />
                </Routes>
            </shell::Shell>
        </Router>
    }
}
