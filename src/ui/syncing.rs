//! Sync, opportunistically: one replicator for the app, run when the app
//! opens, when the browser comes back online, a few seconds after a local
//! save, on a timer while the app is open, and when the person taps "Sync
//! now". One run at a time, never in the way of a tap (it is all awaits on
//! the network and the store); after a failure it waits longer each time
//! (`sync::retry`), and resumes from its checkpoints, never from zero.
//! The state is shared as [`Syncing`] for the mark on every screen and the
//! Sync page.

use std::time::Duration;

use futures::StreamExt;
use futures::channel::mpsc;
use leptos::prelude::*;
use leptos::task::spawn_local;

use std::collections::BTreeSet;

use crate::model::DocId;
use crate::store::query::Waiting;
use crate::sync::replicate::{self, Outcome, Remote};
use crate::sync::retry;
use crate::sync::status::{Phase, Status};
use crate::ui::Online;
use crate::ui::live::{use_feed, use_query};
use crate::ui::local::{now, use_local};

/// How long after a local save to sync (saves come in bursts).
const AFTER_SAVE: Duration = Duration::from_secs(4);
/// How often to sync while the app is open.
const EVERY: Duration = Duration::from_secs(5 * 60);

/// Sync's state and the way to ask for a sync now.
#[derive(Clone, Copy)]
pub struct Syncing {
    status: RwSignal<Status>,
    /// Records changed here not on the server yet.
    waiting: Memo<BTreeSet<DocId>>,
    last: RwSignal<Option<Outcome>>,
    kick: StoredValue<Option<mpsc::UnboundedSender<()>>, LocalStorage>,
}

impl Syncing {
    pub fn status(&self) -> Status {
        self.status.get()
    }

    /// Whether this record waits to go to the server (only ever while
    /// sync is set up: with no server, nothing is "not sent").
    pub fn waiting(&self, id: DocId) -> bool {
        !matches!(self.status.with(|s| s.phase.clone()), Phase::Off)
            && self.waiting.with(|w| w.contains(&id))
    }

    /// What the last sync did (who was kept here, what was refused).
    pub fn last(&self) -> Option<Outcome> {
        self.last.get()
    }

    /// Asks for a sync as soon as the one running (if any) is done.
    pub fn now(&self) {
        self.kick.with_value(|kick| {
            if let Some(kick) = kick {
                let _ = kick.unbounded_send(());
            }
        });
    }
}

pub fn use_syncing() -> Syncing {
    expect_context::<Syncing>()
}

/// Starts the replicator for the server `remote` names (none: sync is not
/// set up; `paused`: set up, held). Call once, near the root.
pub fn provide_syncing(remote: Signal<Option<Remote>>, paused: Signal<bool>) {
    let (kick, mut kicks) = mpsc::unbounded::<()>();
    let waiting = use_query(|| Waiting);
    let syncing = Syncing {
        status: RwSignal::new(Status::off()),
        waiting: Memo::new(move |_| waiting.get().and_then(Result::ok).unwrap_or_default()),
        last: RwSignal::new(None),
        kick: StoredValue::new_local(Some(kick)),
    };
    provide_context(syncing);
    // The mark follows every change: "3 to send" moves as work is saved.
    Effect::new(move |_| {
        // The waiting set, counted: one read of the index serves both.
        let to_send = syncing.waiting.with(|w| w.len() as u32);
        let phase = match (remote.get().is_some(), paused.get()) {
            (false, _) => Some(Phase::Off),
            (true, true) => Some(Phase::Paused),
            _ => None,
        };
        syncing.status.update(|s| {
            s.to_send = to_send;
            if let Some(phase) = phase {
                s.phase = phase;
            } else if matches!(s.phase, Phase::Off | Phase::Paused) {
                s.phase = Phase::Idle;
            }
        });
    });
    triggers(syncing, remote, paused);
    let local = use_local();
    spawn_local(async move {
        let mut failures = 0u32;
        while kicks.next().await.is_some() {
            // Kicks that came while waiting are one sync.
            while kicks.try_recv().is_ok() {}
            let (Some(remote), Some(false)) = (remote.get_untracked(), paused.try_get_untracked())
            else {
                continue;
            };
            let Ok(store) = local.store().await else {
                continue;
            };
            syncing
                .status
                .update(|s| s.phase = Phase::Running(Default::default()));
            let result = replicate::sync(&store, &remote, &|p| {
                syncing.status.try_update(|s| s.phase = Phase::Running(p));
            })
            .await;
            match result {
                Ok(outcome) => {
                    failures = 0;
                    syncing.last.try_set(Some(outcome));
                    syncing.status.try_update(|s| {
                        s.phase = Phase::Idle;
                        s.last_ok = Some(now());
                    });
                }
                Err(e) => {
                    failures += 1;
                    let transient = e.is_transient();
                    syncing.status.try_update(|s| s.phase = Phase::Failed(e));
                    if transient {
                        retry_later(syncing, failures);
                    }
                }
            }
        }
    });
}

/// Tries again after the back-off for this many failures in a row.
fn retry_later(syncing: Syncing, failures: u32) {
    let wait = retry::delay(failures, js_sys::Math::random());
    spawn_local(async move {
        crate::sync::http::sleep(wait).await;
        syncing.now();
    });
}

/// What starts a sync: the app opening (or sync being set up or resumed),
/// the browser coming back online, a local save, and a timer.
fn triggers(syncing: Syncing, remote: Signal<Option<Remote>>, paused: Signal<bool>) {
    Effect::new(move |_| {
        if remote.with(Option::is_some) && !paused.get() {
            syncing.now();
        }
    });
    let Online(online) = expect_context::<Online>();
    Effect::new(move |was: Option<bool>| {
        let is = online.get();
        if is && was == Some(false) {
            syncing.now();
        }
        is
    });
    let feed = use_feed();
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        feed.heard();
        // Writes sync itself makes are not a reason to sync again.
        if matches!(syncing.status.get_untracked().phase, Phase::Running(_)) {
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || syncing.now(), AFTER_SAVE).ok();
        pending.set_value(handle);
    });
    if let Ok(timer) = set_interval_with_handle(move || syncing.now(), EVERY) {
        on_cleanup(move || timer.clear());
    }
}

/// The small sync mark on every screen: synced, N to send, can't
/// connect; a link to the Sync page. Nothing while sync is not set up.
#[component]
pub fn SyncMark() -> impl IntoView {
    let syncing = use_syncing();
    let status = Memo::new(move |_| syncing.status());
    move || {
        let status = status.get();
        status.mark().map(|mark| {
            let all_there = status.all_on_server();
            let failed = matches!(status.phase, Phase::Failed(_));
            view! {
                <a href="/sync" class="sync-mark" class:synced=all_there class:failed=failed
                    role="status" data-testid="sync-mark" title=status.summary()>
                    {mark}
                </a>
            }
        })
    }
}

/// "Not sent yet" beside a record changed here that the team's server
/// does not have yet (nothing while sync is not set up).
#[component]
pub fn NotSent(id: DocId) -> impl IntoView {
    let syncing = use_syncing();
    move || {
        syncing.waiting(id).then(|| {
            view! { <span class="not-sent" data-testid="not-sent">"Not sent yet"</span> }
        })
    }
}
