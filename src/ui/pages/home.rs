//! The home screen. On a fresh install it says what to do first, and can
//! load a sample neighbourhood to try things with (and remove it in one
//! tap). Once there are records, it says what is here and where to go.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::consent::Allowed;
use crate::model::log::follow_up_done;
use crate::model::{Edit, Kind, Record, sample};
use crate::store::Command;
use crate::store::query::{Counted, Counts, DeviceSpace, FollowUpsDue, NotKept, SampleRemoval};
use crate::ui::command::{CommandAlert, use_command, use_command_with};
use crate::ui::live::use_query;
use crate::ui::local::{now, today};
use crate::ui::page::{EmptyState, Page};
use crate::ui::undo::use_undo;

/// Loading or removing the sample neighbourhood: one tap, one command.
type Sample = Action<(), Result<crate::store::Done, crate::ui::command::CommandError>>;

/// What Home says is here, in words.
fn describe(counts: &Counted) -> String {
    format!(
        "{}, {} and {} on this device.",
        Kind::Person.counted(counts.people.into()),
        Kind::Group.counted(counts.groups.into()),
        Kind::Place.counted(counts.places.into())
    )
}

#[component]
pub fn HomePage() -> impl IntoView {
    let counts = use_query(|| Counts);
    // The browser said it may clear the records (persistence refused).
    let space = use_query(|| DeviceSpace);
    let unprotected = move || {
        space
            .get()
            .and_then(Result::ok)
            .is_some_and(|s| s.persisted == Some(false))
    };

    let load_sample = use_command(|_: &()| {
        Ok(Command::LoadSample(
            sample::neighbourhood(now())
                .into_iter()
                .map(|(id, record)| Edit::Save {
                    id,
                    parent: None,
                    record,
                })
                .collect(),
        ))
    });
    let remove_sample = use_command(|_: &()| Ok(Command::RemoveSample { now: now() }));
    let undo = use_undo();
    Effect::new(move || {
        if let Some(Ok(done)) = remove_sample.value().get() {
            // Undo puts back every record it removed, and the flag.
            let revive = done
                .removed
                .into_iter()
                .map(|(id, record)| Edit::Revive { id, record })
                .collect();
            undo.offer(
                "Removed the sample neighbourhood.",
                Command::LoadSample(revive),
            );
        }
    });
    let busy = move || load_sample.pending().get() || remove_sample.pending().get();

    view! {
        <Page title="Skills map">
            <Transition>
                {move || Suspend::new(async move {
                    match counts.await {
                        Ok(c) if c.people + c.groups + c.places == 0 => {
                            view! {
                                <FirstSteps load=load_sample busy />
                            }
                                .into_any()
                        }
                        Ok(c) => {
                            view! {
                                <Overview
                                    counts=c
                                    unprotected=Signal::derive(unprotected)
                                    remove=remove_sample
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
    /// Loads the sample neighbourhood; a failure is said beside its button.
    load: Sample,
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
                    <button type="button" class="secondary" on:click=move |_| { load.dispatch(()); } disabled=busy>
                        "Try a sample neighbourhood"
                    </button>
                    <CommandAlert action=load />
                </li>
            </ol>
        </EmptyState>
    }
}

/// What a device with records says: what is here, and where to go.
#[component]
fn Overview(
    counts: Counted,
    unprotected: Signal<bool>,
    remove: Sample,
    busy: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        {counts.sample.then(|| view! { <SampleBanner remove busy=Signal::derive(busy) /> })}
        <DueFollowUps />
        <NotKeptList />
        <p data-testid="home-counts">{describe(&counts)}</p>
        <Show when=move || unprotected.get()>
            <p class="hint" data-testid="home-unprotected">
                "This browser may clear Kith's records if the device runs short of space: installing Kith protects them. "
                <A href="/settings">"More in Settings"</A>
            </p>
        </Show>
        <p class="actions">
            <A href="/people" attr:class="button primary">"Find someone"</A>
            " "
            <A href="/people/new" attr:class="button secondary">"Add a person"</A>
        </p>
    }
}

/// The sample neighbourhood's banner. Removing it asks first, saying what
/// goes and what real work names sample people (it stays, keeping the
/// names); an Undo follows.
#[component]
fn SampleBanner(remove: Sample, busy: Signal<bool>) -> impl IntoView {
    let asking = RwSignal::new(false);
    view! {
        <section class="notice" aria-labelledby="sample-heading" data-testid="sample-banner">
            <h2 id="sample-heading">"This is a sample neighbourhood"</h2>
            <p>"The people, groups and places it added are made up. Remove them when you are ready to start for real; what you added yourself stays."</p>
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <button type="button" class="secondary" on:click=move |_| asking.set(true)>
                        "Remove the sample"
                    </button>
                }
            >
                <SampleRemovalCheck />
                <p class="actions">
                    <button type="button" class="primary" on:click=move |_| { remove.dispatch(()); } disabled=busy>
                        "Yes, remove the sample"
                    </button>
                    " "
                    <button type="button" class="secondary" on:click=move |_| asking.set(false)>
                        "Keep it"
                    </button>
                </p>
                // A failure is said beside the buttons, where the person is.
                <CommandAlert action=remove />
            </Show>
        </section>
    }
}

/// What removing the sample would do, in words, read just before asking.
#[component]
fn SampleRemovalCheck() -> impl IntoView {
    let removal = use_query(|| SampleRemoval(now()));
    move || {
        removal.get().and_then(Result::ok).map(|r| {
            let mut kinds: Vec<(Kind, u64)> = Vec::new();
            for kind in [Kind::Person, Kind::Group, Kind::Place, Kind::Gift, Kind::Activity] {
                let n = r.removed.iter().filter(|(id, _)| id.kind() == kind).count() as u64;
                if n > 0 {
                    kinds.push((kind, n));
                }
            }
            let going = kinds
                .into_iter()
                .map(|(kind, n)| kind.counted(n))
                .collect::<Vec<_>>()
                .join(", ");
            let kept = match r.kept {
                0 => "Nothing you recorded names a sample person.".to_owned(),
                1 => "1 entry you recorded names sample people: it stays, and keeps their names, marked \u{201c}(sample)\u{201d}.".to_owned(),
                n => format!("{n} entries you recorded name sample people: they stay, and keep their names, marked \u{201c}(sample)\u{201d}."),
            };
            view! {
                <p data-testid="sample-removal" role="alert">
                    {format!("Remove the sample? This removes {going}. {kept}")}
                </p>
            }
        })
    }
}

/// People nobody has asked yet whether Kith may keep their details (and
/// any who withdrew), each a link to their page to record the answer.
#[component]
fn NotKeptList() -> impl IntoView {
    // Home is a first screen, not a list: the rest are on People.
    const SHOWN: usize = 10;
    let people = use_query(|| NotKept);
    move || {
        let people = people
            .get()
            .and_then(Result::ok)
            .filter(|p| !p.is_empty())?;
        let heading = match people.len() {
            1 => "1 person to ask about keeping their details".to_owned(),
            n => format!("{n} people to ask about keeping their details"),
        };
        Some(view! {
            <section aria-labelledby="not-kept-heading" data-testid="not-kept-list">
                <h2 id="not-kept-heading">{heading}</h2>
                <p class="hint">"Until they agree, they stay on this device and out of the map, reports by name and files."</p>
                <ul class="records">
                    {people.iter().take(SHOWN).map(|(id, name, why)| {
                        let said = match why {
                            Allowed::Withdrawn => format!("{name} (withdrew)"),
                            _ => format!("{name} (not asked yet)"),
                        };
                        view! { <li><A href=format!("/people/{id}")>{said}</A></li> }
                    }).collect_view()}
                </ul>
                {(people.len() > SHOWN).then(|| view! {
                    <p>{format!("And {} more.", people.len() - SHOWN)}</p>
                })}
            </section>
        })
    }
}

/// Follow-ups due today or overdue, each done in one tap.
#[component]
fn DueFollowUps() -> impl IntoView {
    let due = use_query(|| FollowUpsDue(today()));
    let done = use_command_with(
        |(opened, words): &(
            crate::model::draft::Opened<crate::model::record::Connection>,
            String,
        )| {
            let edit = follow_up_done(opened, today(), now());
            // Undone, the follow-up is due again as it was.
            let before = Record::Connection(opened.2.clone());
            Ok((
                Command::Apply(vec![edit.clone()]),
                (edit, before, words.clone()),
            ))
        },
    );
    let undo = use_undo();
    Effect::new(move || {
        if let Some(Ok((done, (edit, before, words)))) = done.value().get()
            && let Some(back) = edit.undo(
                Some(&before),
                done.revs.first().and_then(Option::as_ref),
                now(),
            )
        {
            undo.offer(format!("Done: {words}."), Command::Apply(vec![back]));
        }
    });
    view! {
        {move || due.get().and_then(Result::ok).filter(|d| !d.is_empty()).map(|list| view! {
            <section aria-labelledby="due-heading" data-testid="due-follow-ups">
                <h2 id="due-heading">"Follow-ups due"</h2>
                <ul class="records">
                    {list.into_iter().map(|line| {
                        let label = format!("Done: {}", line.words);
                        let connection = line.connection;
                        let words = line.words.clone();
                        view! {
                            <li>
                                <span>{line.words}</span>
                                <button type="button" class="secondary" aria-label=label on:click=move |_| { done.dispatch((connection.clone(), words.clone())); }>
                                    "Done"
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <CommandAlert action=done />
    }
}
