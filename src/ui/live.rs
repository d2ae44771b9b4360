//! Pages that follow the store: the one way a page reads.
//!
//! [`use_query`] runs a `store::query` and keeps its answer live: the
//! store announces every write that commits (here, in another tab, from
//! sync or a file), the app keeps the last few announcements, and each
//! query reads again when one concerns what it read. A resource keyed on a
//! version signal re-reads itself, as in Leptos's todo_app_sqlite; while it
//! does, the page keeps showing what it had (no spinner, no empty flash).

use std::collections::VecDeque;
use std::future::{Future, IntoFuture};
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::store::query::Query;
use crate::store::{Changed, StoreError, Subscription};
use crate::ui::local::use_local;

/// How many announcements are kept for queries to look back on; one that
/// missed more than this reads again to be safe.
const KEPT: usize = 64;

/// The announcements heard so far: how many, and the latest of them.
#[derive(Clone, Copy)]
pub struct Feed {
    heard: RwSignal<u64>,
    recent: StoredValue<VecDeque<(u64, Arc<Changed>)>>,
    /// The store's subscription, for as long as the app lives.
    subscription: StoredValue<Option<SendWrapper<Subscription>>>,
}

impl Feed {
    fn new() -> Feed {
        Feed {
            heard: RwSignal::new(0),
            recent: StoredValue::new(VecDeque::new()),
            subscription: StoredValue::new(None),
        }
    }

    /// Starts hearing the store's announcements.
    pub fn follow(self, subscribe: impl FnOnce(Box<dyn Fn(&Changed)>) -> Subscription) {
        let subscription = subscribe(Box::new(move |changed: &Changed| {
            // An announcement after the app is gone (a test unmounting it)
            // has no one to tell.
            let Some(n) = self.heard.try_get_untracked() else {
                return;
            };
            let n = n + 1;
            self.recent.update_value(|recent| {
                recent.push_back((n, Arc::new(changed.clone())));
                while recent.len() > KEPT {
                    recent.pop_front();
                }
            });
            self.heard.try_set(n);
        }));
        self.subscription
            .set_value(Some(SendWrapper::new(subscription)));
    }

    /// How many announcements were heard (tracked): a count that moves on
    /// whenever anything is written, here or elsewhere.
    pub fn heard(&self) -> u64 {
        self.heard.get()
    }

    /// Whether any announcement after number `seen` satisfies `concerns`;
    /// true as well when some of them are no longer kept.
    fn any_since(&self, seen: u64, concerns: impl Fn(&Changed) -> bool) -> bool {
        self.recent.with_value(|recent| {
            let missed = recent.front().is_none_or(|(first, _)| *first > seen + 1);
            missed
                || recent
                    .iter()
                    .filter(|(n, _)| *n > seen)
                    .any(|(_, c)| concerns(c))
        })
    }
}

pub fn provide_feed() -> Feed {
    let feed = Feed::new();
    provide_context(feed);
    feed
}

pub fn use_feed() -> Feed {
    expect_context::<Feed>()
}

/// The answer to a query, read when the page opens and again whenever a
/// committed change concerns it. `make` says which query (it may read
/// signals, such as the address's id: the query then follows them too).
pub fn use_query<Q: Query>(
    make: impl Fn() -> Q + 'static,
) -> LocalResource<Result<Q::Output, StoreError>> {
    follow(Rc::new(make), None::<LocalResource<()>>, None)
}

/// As [`use_query`], read only once `first` has been (what is on screen
/// first must not wait for a bigger read that is needed only later), and
/// read again only while `active` holds: a change that concerns it while
/// it is not in use waits until it is (the search index, rebuilt from
/// every record, waits for the search box).
pub fn use_query_after<Q: Query, T: Clone + 'static>(
    first: LocalResource<T>,
    active: Signal<bool>,
    make: impl Fn() -> Q + 'static,
) -> LocalResource<Result<Q::Output, StoreError>> {
    follow(Rc::new(make), Some(first), Some(active))
}

fn follow<Q: Query, T: Clone + 'static>(
    make: Rc<dyn Fn() -> Q>,
    first: Option<LocalResource<T>>,
    active: Option<Signal<bool>>,
) -> LocalResource<Result<Q::Output, StoreError>> {
    let local = use_local();
    let feed = use_feed();
    let version = RwSignal::new(0u64);
    let query = Rc::clone(&make);
    let resource = LocalResource::new(move || {
        version.track();
        let query = query();
        async move {
            if let Some(first) = first {
                // Waited for, not followed: polled untracked, so a re-read
                // of `first` does not re-read this too.
                let mut wait = Box::pin(first.into_future());
                std::future::poll_fn(|cx| untrack(|| wait.as_mut().poll(cx))).await;
            }
            let store = local.store().await?;
            query.run(&store).await
        }
    });
    // Whether a change concerned it while it was not in use.
    let stale = StoredValue::new(false);
    Effect::new(move |seen: Option<u64>| {
        let heard = feed.heard.get();
        let active = active.is_none_or(|a| a.get());
        if let Some(seen) = seen
            && heard > seen
        {
            let query = untrack(|| make());
            let concerned = resource.with_untracked(|read| {
                let read = read.as_ref().and_then(|r| r.as_ref().ok());
                feed.any_since(seen, |changed| query.concerns(changed, read))
            });
            if concerned {
                stale.set_value(true);
            }
        }
        if active && stale.get_value() {
            stale.set_value(false);
            version.update(|v| *v += 1);
        }
        heard
    });
    resource
}

/// A query's answer as a plain signal, empty until first read or when the
/// read failed: for pickers and suggestions that show nothing until then.
pub fn use_listed<T: Clone + Default + Send + Sync + 'static>(
    read: LocalResource<Result<T, StoreError>>,
) -> Signal<T> {
    Signal::derive(move || read.get().and_then(Result::ok).unwrap_or_default())
}
