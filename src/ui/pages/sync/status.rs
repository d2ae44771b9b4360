//! Where sync stands, on the Sync page: the summary in words, a progress
//! bar with counts during a long sync, when it last went through, what
//! stays on this phone by consent, what the server refused, and "Sync now".

use leptos::prelude::*;

use crate::store::query;
use crate::sync::status::Phase;
use crate::ui::live::use_query;
use crate::ui::syncing::use_syncing;

#[component]
pub fn SyncStatus() -> impl IntoView {
    let syncing = use_syncing();
    let status = Memo::new(move |_| syncing.status());
    let running = move || matches!(status.get().phase, Phase::Running(_));
    view! {
        <section class="sync-status" aria-labelledby="sync-status-heading">
            <h2 id="sync-status-heading">"Where sync stands"</h2>
            <p data-testid="sync-summary" role="status">{move || status.get().summary()}</p>
            <SyncProgress />
            <p data-testid="sync-last">
                {move || match status.get().last_ok {
                    Some(at) => format!("Last synced at {}", clock(at)),
                    None => "Not synced yet on this phone.".to_owned(),
                }}
            </p>
            <KeptHere />
            <button type="button" class="button" disabled=running on:click=move |_| syncing.now()>
                "Sync now"
            </button>
        </section>
    }
}

/// The bar while a sync runs, with its counts in words.
#[component]
fn SyncProgress() -> impl IntoView {
    let syncing = use_syncing();
    move || match syncing.status().phase {
        Phase::Running(progress) => {
            let (done, max) = progress.bar();
            Some(view! {
                <div class="progress">
                    <progress
                        role="progressbar"
                        aria-label="Sync progress"
                        aria-valuemin="0"
                        aria-valuenow=done.to_string()
                        aria-valuemax=max.to_string()
                        value=done.to_string()
                        max=max.to_string()
                    ></progress>
                </div>
            })
        }
        _ => None,
    }
}

/// Records the consent rule keeps on this phone, and any the server
/// would not take in the last sync.
#[component]
fn KeptHere() -> impl IntoView {
    let syncing = use_syncing();
    let kept = use_query(|| query::KeptHere);
    let kept = move || {
        let n = kept.get().and_then(Result::ok).unwrap_or(0);
        let words = match n {
            0 => return None,
            1 => "1 record stays on this phone: the person has not agreed to share it with the team, or it is kept to you.".to_owned(),
            n => format!("{n} records stay on this phone: the people have not agreed to share them with the team, or they are kept to you."),
        };
        Some(view! { <p data-testid="sync-kept-here">{words}</p> })
    };
    let refused = move || {
        let last = syncing.last().filter(|l| !l.refused.is_empty())?;
        Some(view! {
            <div role="alert" data-testid="sync-refused">
                <p>{format!("The server would not take {} records:", last.refused.len())}</p>
                <ul>
                    {last.refused.iter().map(|r| view! { <li>{r.reason.clone()}</li> }).collect_view()}
                </ul>
            </div>
        })
    };
    view! { {kept} {refused} }
}

/// A time today as the phone's clock shows it ("14:05").
fn clock(at: jiff::Timestamp) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.as_millisecond() as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"hour".into(), &"2-digit".into());
    let _ = js_sys::Reflect::set(&options, &"minute".into(), &"2-digit".into());
    date.to_locale_time_string_with_options("en-GB", &options)
        .into()
}
