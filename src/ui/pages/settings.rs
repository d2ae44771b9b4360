//! Settings and facts about this copy of Kith and the device it keeps
//! records on.

use leptos::prelude::*;

use crate::model::quota::Usage;
use crate::model::skill;
use crate::store::Command;
use crate::store::query::{DamagedRecords, DamagedRow, DeviceSpace, Space, Unsent};
use crate::ui::command::{CommandAlert, use_command};
use crate::ui::fields::TextField;
use crate::ui::install::InstallSection;
use crate::ui::live::use_query;
use crate::ui::page::Page;
use crate::ui::preferences;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <Page title="Settings">
            <WorkerName />
            <DeviceStorage />
            <Damaged />
            <InstallSection />
            <SkillList />
            <section>
                <h2>"About Kith"</h2>
                <dl class="facts">
                    <dt>"Version"</dt>
                    <dd data-testid="app-version">{env!("CARGO_PKG_VERSION")}</dd>
                </dl>
            </section>
        </Page>
    }
}

/// Who uses this device: their name goes on everything they record, so a
/// coordinator combining several workers' logs can tell whose is whose.
#[component]
fn WorkerName() -> impl IntoView {
    let name = RwSignal::new(preferences::worker());
    let status = RwSignal::new(None::<Result<String, String>>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked();
        status.set(Some(preferences::set_worker(&typed).map(|()| {
            let kept = preferences::worker();
            name.set(kept.clone());
            if kept.is_empty() {
                "Saved: what you record from now on carries no name.".to_owned()
            } else {
                format!("Saved: what you record from now on says it was recorded by {kept}.")
            }
        })));
    };
    view! {
        <section aria-labelledby="worker-heading">
            <h2 id="worker-heading">"You"</h2>
            <form on:submit=save novalidate>
                <TextField
                    label="Your name"
                    id="worker-name"
                    hint="It goes on the people, connections, sessions and hours you record, so your team can tell whose work is whose. Kept on this device."
                    value=name
                />
                <p class="actions">
                    <button type="submit" class="primary">"Save your name"</button>
                </p>
            </form>
            <Outcome status />
        </section>
    }
}

/// The starter list of skill terms the skill picker offers, one a line.
#[component]
fn SkillList() -> impl IntoView {
    let text = RwSignal::new(preferences::skill_list().join("\n"));
    let status = RwSignal::new(None::<Result<String, String>>);
    let save = move |_| {
        let terms = skill::parse_list(&text.get_untracked());
        status.set(Some(preferences::set_skill_list(&terms).map(|()| {
            text.set(terms.join("\n"));
            format!("Saved: {} skill terms.", terms.len())
        })));
    };
    let reset = move |_| {
        preferences::reset_skill_list();
        let terms = preferences::skill_list();
        text.set(terms.join("\n"));
        status.set(Some(Ok(format!(
            "Back to the {} terms Kith comes with.",
            terms.len()
        ))));
    };
    view! {
        <section aria-labelledby="skills-heading">
            <h2 id="skills-heading">"Skill list"</h2>
            <div class="field">
                <label for="skill-list">"Skills offered when adding gifts, one a line"</label>
                <p class="hint" id="skill-list-hint">
                    "Terms already in use are always offered too. This list is kept on this device."
                </p>
                <textarea
                    id="skill-list"
                    rows="8"
                    aria-describedby="skill-list-hint"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </div>
            <p class="actions">
                <button type="button" class="primary" on:click=save>"Save the list"</button>
                " "
                <button type="button" class="secondary" on:click=reset>"Use Kith's list"</button>
            </p>
            <Outcome status />
        </section>
    }
}

/// What the browser says about the space Kith's records take, whether they
/// are protected from clearing, and what has not been shared yet.
#[component]
fn DeviceStorage() -> impl IntoView {
    let facts = use_query(|| DeviceSpace);
    let unsent = use_query(|| Unsent);
    view! {
        <section aria-labelledby="device-heading">
            <h2 id="device-heading">"Records on this device"</h2>
            <Transition>
                {move || Suspend::new(async move {
                    let Space { usage, persisted } = facts.await.unwrap_or(Space {
                        usage: None,
                        persisted: None,
                    });
                    view! {
                        {usage.filter(Usage::is_low).map(|_| view! { <LowSpace /> })}
                        <dl class="facts">
                            <dt>"Space used"</dt>
                            <dd data-testid="storage-usage">{space_text(usage)}</dd>
                            <dt>"Protection"</dt>
                            <dd data-testid="storage-persisted">{protection_text(persisted)}</dd>
                            <dt>"Not yet shared"</dt>
                            <dd data-testid="unsent-count">
                                {move || unsent_text(unsent.get().and_then(Result::ok))}
                            </dd>
                        </dl>
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn LowSpace() -> impl IntoView {
    view! {
        <p class="notice" role="alert" data-testid="storage-low">
            "Less than a tenth of the space this browser allows Kith is left. Free some space on this device (photos, videos or apps you no longer need) before it runs out."
        </p>
    }
}

fn space_text(usage: Option<Usage>) -> String {
    match usage {
        Some(usage) => usage.describe(),
        None => "This browser does not say.".into(),
    }
}

fn protection_text(persisted: Option<bool>) -> &'static str {
    match persisted {
        Some(true) => "Protected: this browser will not clear Kith's records by itself.",
        Some(false) => {
            "Not protected: this browser may clear Kith's records if the device runs short of space. Installing Kith (Install, or on iPhone and iPad Add to Home Screen) protects them."
        }
        None => {
            "This browser does not say whether it may clear Kith's records. Installing Kith protects them in most browsers."
        }
    }
}

fn unsent_text(unsent: Option<u32>) -> String {
    match unsent {
        Some(0) => "Nothing: every change has been synced or exported.".into(),
        Some(1) => "1 record changed here since it was last synced or exported.".into(),
        Some(n) => format!("{n} records changed here since they were last synced or exported."),
        None => "Unknown until Kith can open its records.".into(),
    }
}

/// What the last save on a settings section came to: said politely when it
/// worked, as an alert when it did not.
#[component]
fn Outcome(status: RwSignal<Option<Result<String, String>>>) -> impl IntoView {
    move || match status.get() {
        Some(Ok(message)) => {
            Some(view! { <p class="saved" role="status">{message}</p> }.into_any())
        }
        Some(Err(message)) => {
            Some(view! { <p class="notice" role="alert">{message}</p> }.into_any())
        }
        None => None,
    }
}

/// Records on this device that cannot be read: each with what is wrong,
/// to download as it is stored, or to remove (a deletion is kept in its
/// place, so other devices hear of it). Reading every record to find
/// them waits until the rest of Settings is on screen.
#[component]
fn Damaged() -> impl IntoView {
    let found = use_query(|| DamagedRecords);
    let remove = use_command(|key: &String| Ok(Command::RemoveDamaged(key.clone())));
    view! {
        <section id="damaged" aria-labelledby="damaged-heading">
            <h2 id="damaged-heading">"Damaged records"</h2>
            <CommandAlert action=remove />
            {move || match found.get() {
                None => view! { <p class="hint">"Checking every record…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice" role="alert">{e.to_string()}</p> }.into_any(),
                Some(Ok(read)) => {
                    let newer = (read.newer > 0).then(|| {
                        view! {
                            <p class="hint" data-testid="newer-records">
                                {match read.newer {
                                    1 => "1 record is of a kind from a newer Kith: it is kept as it is, for that version to show.".to_owned(),
                                    n => format!("{n} records are of kinds from a newer Kith: they are kept as they are, for that version to show."),
                                }}
                            </p>
                        }
                    });
                    let list = if read.damaged.is_empty() {
                        view! { <p data-testid="damaged-none">"None: every record on this device can be read."</p> }.into_any()
                    } else {
                        view! {
                            <p>"These could not be read, so lists leave them out. Download one to keep what it holds, or remove it: everything else is unaffected."</p>
                            <ul class="records" data-testid="damaged-list">
                                {read.damaged.into_iter().map(|row| view! { <DamagedLine row remove /> }).collect_view()}
                            </ul>
                        }.into_any()
                    };
                    view! { {list} {newer} }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn DamagedLine(
    row: DamagedRow,
    remove: Action<String, Result<crate::store::Done, crate::ui::command::CommandError>>,
) -> impl IntoView {
    let href = format!(
        "data:application/json;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&row.raw))
    );
    let file = format!("kith-damaged-{}.json", row.key.replace([':', '/'], "-"));
    let key = row.key.clone();
    let label = format!("Remove {}", row.key);
    view! {
        <li>
            <span>{format!("{}: {}", row.key, row.damage)}</span>
            <a class="find" href=href download=file>"Download"</a>
            <button type="button" class="secondary" aria-label=label on:click=move |_| { remove.dispatch(key.clone()); }>
                "Remove"
            </button>
        </li>
    }
}
