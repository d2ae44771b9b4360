//! The app's connection to the local replica, shared through context.
//!
//! The store opens once, as the app starts; `ui::live` (reads) and
//! `ui::command` (writes) get it as soon as it is open (a few
//! milliseconds: no spinner is shown). Pages never hold it. If an older
//! Kith in another tab holds the database, the app says so and carries
//! on when that tab lets go.

use std::future::{Future, IntoFuture};
use std::rc::Rc;

use leptos::prelude::*;

use crate::store::{DB_NAME, Store, StoreError, device};
use crate::ui::live::provide_feed;

/// The opened store (or why it could not open) and whether the open is
/// waiting on another tab.
#[derive(Clone, Copy)]
pub struct Local {
    store: LocalResource<Result<Rc<Store>, StoreError>>,
    pub blocked: ReadSignal<bool>,
}

impl Local {
    /// The store, once open: for `ui::live` and `ui::command` only.
    pub(super) async fn store(self) -> Result<Rc<Store>, StoreError> {
        // A task that outlives the app it started in (an app unmounted in a
        // test or benchmark) gets an error, not a panic: release builds
        // abort on a panic.
        if self.store.is_disposed() {
            return Err(StoreError::Closed);
        }
        // Waited for, not followed: a query awaiting the store inside its
        // resource must not be read again because the store opened.
        let mut open = Box::pin(self.store.into_future());
        std::future::poll_fn(|cx| untrack(|| open.as_mut().poll(cx))).await
    }

    /// Why the store could not open, once that is known.
    pub fn failure(&self) -> Option<StoreError> {
        self.store.get().and_then(Result::err)
    }
}

/// Opens the store and shares it. Call once, near the root.
pub fn provide_local() {
    let (blocked, set_blocked) = signal(false);
    let feed = provide_feed();
    let store = LocalResource::new(move || async move {
        let store = Store::open_with(DB_NAME, move || set_blocked.set(true)).await;
        set_blocked.set(false);
        if let Ok(store) = &store {
            // Every write that commits, here or in another tab, reaches
            // the pages from now on.
            feed.follow(|tell| store.subscribe(tell));
            // Ask once the database exists; the browser remembers the answer.
            device::request_persistence().await;
        }
        store.map(Rc::new)
    });
    provide_context(Local { store, blocked });
}

/// The time now, from the browser's clock.
pub fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_millisecond(js_sys::Date::now() as i64)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// Today's date where the device is.
pub fn today() -> jiff::civil::Date {
    let now = js_sys::Date::new_0();
    jiff::civil::Date::new(
        now.get_full_year() as i16,
        now.get_month() as i8 + 1,
        now.get_date() as i8,
    )
    .unwrap_or_else(|_| now_utc_date())
}

/// How far the device's clock is from UTC now, for times said in words.
pub fn offset() -> jiff::tz::Offset {
    let minutes = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    jiff::tz::Offset::from_seconds(minutes * 60).unwrap_or(jiff::tz::Offset::UTC)
}

fn now_utc_date() -> jiff::civil::Date {
    now().to_zoned(jiff::tz::TimeZone::UTC).date()
}

pub fn use_local() -> Local {
    expect_context::<Local>()
}

/// Tells the person when their records cannot be reached, and why.
#[component]
pub fn StoreNotice() -> impl IntoView {
    let local = use_local();
    let message = move || {
        if local.blocked.get() {
            Some("Kith is open in another tab with an older version. Close or reload that tab, and Kith will carry on here.".to_owned())
        } else {
            local.failure().map(|e| e.to_string())
        }
    };
    view! {
        <Show when=move || message().is_some()>
            <p class="notice" role="alert" data-testid="store-notice">{message}</p>
        </Show>
    }
}
