//! Sync's settings and password, kept on this device only, in the
//! browser's local storage (gloo-storage, as `preferences`): the settings
//! under one key, the password under another, so that forgetting it is
//! one removal and nothing that shows or logs the settings can carry it.
//! Never a record: never synced, exported or logged.
//!
//! Also the set-up link: an address opened with `#sync=…` is read once,
//! taken out of the address bar and handed to the Sync page, which asks
//! the worker before anything is set up.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::sync::http::Auth;
use crate::sync::setup::{
    SetupLinkError, SetupOffer, SyncSettings, is_setup_fragment, read_setup_fragment,
};

const SETTINGS: &str = "kith.sync";
const PASSWORD: &str = "kith.sync-password";

/// Why a setting could not be kept: the browser refused to store it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("This could not be kept on this device ({0}). Nothing was changed.")]
pub struct NotKept(String);

/// What a set-up link the app was opened with offers (or why it was
/// refused), until the worker answers it.
pub type LinkOffer = Result<SetupOffer, SetupLinkError>;

/// Sync's set-up, shared by the Sync page, the replicator and the mark.
#[derive(Clone, Copy)]
pub struct SyncSetup {
    settings: RwSignal<Option<SyncSettings>>,
    password_kept: RwSignal<bool>,
    /// A set-up link waiting for the worker's answer.
    pub link: RwSignal<Option<LinkOffer>>,
}

pub fn provide_sync_setup() {
    provide_context(SyncSetup {
        settings: RwSignal::new(LocalStorage::get::<SyncSettings>(SETTINGS).ok()),
        password_kept: RwSignal::new(LocalStorage::get::<String>(PASSWORD).is_ok()),
        link: RwSignal::new(None),
    });
}

pub fn use_sync_setup() -> SyncSetup {
    expect_context::<SyncSetup>()
}

impl SyncSetup {
    /// What this device syncs with; `None` until set up (sync is off).
    pub fn settings(&self) -> Signal<Option<SyncSettings>> {
        self.settings.into()
    }

    /// Whether a password is kept on this device.
    pub fn password_kept(&self) -> Signal<bool> {
        self.password_kept.into()
    }

    /// The password kept on this device (blank when forgotten). Read it
    /// only to send it to the server.
    pub fn password(&self) -> String {
        LocalStorage::get::<String>(PASSWORD).unwrap_or_default()
    }

    /// The credentials every request to the server carries now.
    pub fn auth(&self) -> Option<Auth> {
        let settings = self.settings.get_untracked()?;
        Some(crate::sync::connect::auth(&settings, &self.password()))
    }

    /// Sets up sync: these settings replace any others, and the password
    /// typed with them replaces any kept (none typed keeps none).
    pub fn save(&self, settings: SyncSettings, password: &str) -> Result<(), NotKept> {
        LocalStorage::set(SETTINGS, &settings).map_err(|e| NotKept(e.to_string()))?;
        self.settings.set(Some(settings));
        if password.is_empty() {
            self.forget_password();
            Ok(())
        } else {
            self.keep_password(password)
        }
    }

    pub fn keep_password(&self, password: &str) -> Result<(), NotKept> {
        LocalStorage::set(PASSWORD, password).map_err(|e| NotKept(e.to_string()))?;
        self.password_kept.set(true);
        Ok(())
    }

    /// Removes the password from this device (one tap, no question).
    pub fn forget_password(&self) {
        LocalStorage::delete(PASSWORD);
        self.password_kept.set(false);
    }

    pub fn set_paused(&self, paused: bool) -> Result<(), NotKept> {
        let Some(mut settings) = self.settings.get_untracked() else {
            return Ok(());
        };
        settings.paused = paused;
        LocalStorage::set(SETTINGS, &settings).map_err(|e| NotKept(e.to_string()))?;
        self.settings.set(Some(settings));
        Ok(())
    }

    /// Stops syncing: the settings and password go; every record stays.
    pub fn stop(&self) {
        LocalStorage::delete(SETTINGS);
        self.settings.set(None);
        self.forget_password();
    }
}

/// Watches the address for a set-up link (on opening, and when one is
/// opened in a tab already on Kith): reads it, takes it out of the address
/// bar (so it is not bookmarked or passed on) and goes to the Sync page.
#[component]
pub fn SetupLinkCatcher() -> impl IntoView {
    let setup = use_sync_setup();
    let navigate = use_navigate();
    let catch = move || {
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let hash = location.hash().unwrap_or_default();
        if !is_setup_fragment(&hash) {
            return;
        }
        setup.link.set(Some(read_setup_fragment(&hash)));
        let path = location.pathname().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{path}{search}")),
            );
        }
        let replace = NavigateOptions {
            replace: true,
            ..Default::default()
        };
        navigate("/sync", replace);
    };
    let again = catch.clone();
    Effect::new(catch);
    let listener = window_event_listener(leptos::ev::hashchange, move |_| again());
    on_cleanup(move || listener.remove());
}
