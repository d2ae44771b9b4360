//! The home screen. On a fresh install it says what to do first, and can
//! load a sample neighbourhood to try things with (and remove it in one
//! tap). Once there are records, it says what is here and where to go.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::log::due_follow_ups;
use crate::model::record::{Connection, ConnectionStatus, Meta};
use crate::model::sample;
use crate::model::{DocId, Record};
use crate::model::{Edit, Kind};
use crate::store::{StoreError, device};
use crate::ui::local::{now, today, use_local};
use crate::ui::page::{EmptyState, Page};

/// The flag that says the sample neighbourhood is on this device.
const SAMPLE: &str = "sample";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Counts {
    people: u32,
    groups: u32,
    places: u32,
    sample: bool,
    /// The browser said it may clear the records (persistence refused).
    unprotected: bool,
}

impl Counts {
    fn is_empty(&self) -> bool {
        self.people + self.groups + self.places == 0
    }

    fn describe(&self) -> String {
        let part =
            |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{}, {} and {} on this device.",
            part(self.people, "person", "people"),
            part(self.groups, "group", "groups"),
            part(self.places, "place", "places")
        )
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let local = use_local();
    let counts = LocalResource::new(move || async move {
        let store = local.store().await?;
        Ok::<_, StoreError>(Counts {
            people: store.count(Kind::Person).await?,
            groups: store.count(Kind::Group).await?,
            places: store.count(Kind::Place).await?,
            sample: store.flag(SAMPLE).await?,
            unprotected: device::persisted().await == Some(false),
        })
    });

    let load_sample = Action::new_local(move |_: &()| async move {
        let store = local.store().await.map_err(|e| e.to_string())?;
        let edits = sample::neighbourhood(now())
            .into_iter()
            .map(|(id, record)| Edit::Save {
                id,
                parent: None,
                record,
            })
            .collect();
        store.apply(edits).await.map_err(|e| e.to_string())?;
        store
            .set_flag(SAMPLE, true)
            .await
            .map_err(|e| e.to_string())
    });
    let remove_sample = Action::new_local(move |_: &()| async move {
        let store = local.store().await.map_err(|e| e.to_string())?;
        let edits = store
            .sample_records()
            .await
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|(id, parent)| Edit::Delete { id, parent })
            .collect();
        store.apply(edits).await.map_err(|e| e.to_string())?;
        store
            .set_flag(SAMPLE, false)
            .await
            .map_err(|e| e.to_string())
    });
    // After either, read the counts again.
    Effect::new(move || {
        if load_sample.value().get().is_some() || remove_sample.value().get().is_some() {
            counts.refetch();
        }
    });
    let error = move || {
        load_sample
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| remove_sample.value().get().and_then(Result::err))
    };
    let busy = move || load_sample.pending().get() || remove_sample.pending().get();

    view! {
        <Page title="Skills map">
            <Show when=move || error().is_some()>
                <p class="notice" role="alert">{error}</p>
            </Show>
            <Transition>
                {move || Suspend::new(async move {
                    match counts.await {
                        Ok(c) if c.is_empty() => {
                            view! {
                                <FirstSteps
                                    on_sample=move || {
                                        load_sample.dispatch(());
                                    }
                                    busy
                                />
                            }
                                .into_any()
                        }
                        Ok(c) => {
                            view! {
                                <Overview
                                    counts=c
                                    on_remove=move || {
                                        remove_sample.dispatch(());
                                    }
                                    busy
                                />
                            }
                                .into_any()
                        }
                        Err(e) => view! { <p class="notice" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </Page>
    }
}

/// What a fresh install says: what Kith is for and what to do first.
#[component]
fn FirstSteps(
    on_sample: impl Fn() + Send + Sync + 'static,
    busy: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <EmptyState heading="Start here">
            <p>
                "Kith keeps a map of what people around here can offer, teach, want to learn or need, and helps you connect them. Everything stays on this device, with or without a signal."
            </p>
            <ol class="steps">
                <li>
                    <A href="/people/new" attr:class="button primary">
                        "Add the first person you meet"
                    </A>
                </li>
                <li>
                    <p>"Or try Kith with a made-up neighbourhood of 12 people, 2 groups and 2 places. You can remove it in one tap."</p>
                    <button type="button" class="secondary" on:click=move |_| on_sample() disabled=busy>
                        "Try a sample neighbourhood"
                    </button>
                </li>
            </ol>
        </EmptyState>
    }
}

/// What a device with records says: what is here, and where to go.
#[component]
fn Overview(
    counts: Counts,
    on_remove: impl Fn() + Send + Sync + 'static,
    busy: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        {counts.sample.then(|| view! {
            <section class="notice" aria-labelledby="sample-heading" data-testid="sample-banner">
                <h2 id="sample-heading">"This is a sample neighbourhood"</h2>
                <p>"The people, groups and places it added are made up. Remove them when you are ready to start for real; what you added yourself stays."</p>
                <button type="button" class="secondary" on:click=move |_| on_remove() disabled=busy>
                    "Remove the sample"
                </button>
            </section>
        })}
        <DueFollowUps />
        <p data-testid="home-counts">{counts.describe()}</p>
        {counts.unprotected.then(|| view! {
            <p class="hint" data-testid="home-unprotected">
                "This browser may clear Kith's records if the device runs short of space: sync or export them regularly. "
                <A href="/settings">"More in Settings"</A>
            </p>
        })}
        <p class="actions">
            <A href="/people" attr:class="button primary">"Find someone"</A>
            " "
            <A href="/people/new" attr:class="button secondary">"Add a person"</A>
        </p>
    }
}

/// Follow-ups due today or overdue, each done in one tap.
#[component]
fn DueFollowUps() -> impl IntoView {
    let local = use_local();
    let due = LocalResource::new(move || async move {
        let store = local.store().await?;
        let due = due_follow_ups(store.list(Kind::Connection, u32::MAX).await?, today());
        // Only the names of those due are read: Home is the first screen.
        let mut names = std::collections::BTreeMap::new();
        for id in due.iter().flat_map(|d| d.with) {
            if let Some((_, r)) = store.record(id).await? {
                names.insert(id, r.title());
            }
        }
        Ok::<_, StoreError>(
            due.into_iter()
                .map(|d| (d.id, d.words(&names)))
                .collect::<Vec<_>>(),
        )
    });
    let done = Action::new_local(move |id: &DocId| {
        let id = *id;
        async move {
            let store = local.store().await.map_err(|e| e.to_string())?;
            let Some((rev, Record::Connection(c))) =
                store.record(id).await.map_err(|e| e.to_string())?
            else {
                return Err("That follow-up is no longer here.".to_owned());
            };
            let record = Record::Connection(Connection {
                status: ConnectionStatus::Made,
                date: today(),
                meta: Meta {
                    updated: now(),
                    ..c.meta.clone()
                },
                ..c
            });
            store
                .save(id, Some(rev), record)
                .await
                .map_err(|e| e.to_string())?;
            Ok(())
        }
    });
    Effect::new(move || {
        if done.value().get().is_some() {
            due.refetch();
        }
    });
    let error = move || done.value().get().and_then(Result::err);
    view! {
        {move || due.get().and_then(Result::ok).filter(|d| !d.is_empty()).map(|list| view! {
            <section aria-labelledby="due-heading" data-testid="due-follow-ups">
                <h2 id="due-heading">"Follow-ups due"</h2>
                <ul class="records">
                    {list.into_iter().map(|(id, words)| {
                        let label = format!("Done: {words}");
                        view! {
                            <li>
                                <span>{words}</span>
                                <button type="button" class="secondary" aria-label=label on:click=move |_| { done.dispatch(id); }>
                                    "Done"
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <Show when=move || error().is_some()>
            <p class="notice" role="alert">{error}</p>
        </Show>
    }
}
