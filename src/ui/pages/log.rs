//! The activity log: connections made, sessions held, hours given, newest
//! first, in words, narrowed by type.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::log::{entry_date, entry_words};
use crate::model::{DocId, Kind};
use crate::store::StoreError;
use crate::ui::fields::TextField;
use crate::ui::local::use_local;
use crate::ui::page::{EmptyState, Page};
use crate::ui::pages::roster::{Pick, everyone, named};
use crate::ui::saved::SavedNotice;

/// One line of the log.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    kind: Kind,
    date: jiff::civil::Date,
    created: jiff::Timestamp,
    words: String,
    /// Everyone and everything the entry names.
    links: Vec<DocId>,
}

async fn read_log(local: crate::ui::Local) -> Result<Vec<Line>, StoreError> {
    let names: BTreeMap<DocId, String> = named(
        local,
        &[Kind::Person, Kind::Group, Kind::Place, Kind::Activity],
    )
    .await?
    .into_iter()
    .collect();
    let store = local.store().await?;
    let mut lines = Vec::new();
    for kind in [Kind::Connection, Kind::Session, Kind::Hours] {
        for (_, record) in store.list(kind, u32::MAX).await? {
            if let (Some(words), Some(date)) = (entry_words(&record, &names), entry_date(&record)) {
                lines.push(Line {
                    kind,
                    date,
                    created: record.meta().created,
                    words,
                    links: record.links(),
                });
            }
        }
    }
    lines.sort_by_key(|l| std::cmp::Reverse((l.date, l.created)));
    Ok(lines)
}

#[component]
pub fn LogPage() -> impl IntoView {
    let local = use_local();
    let log = LocalResource::new(move || read_log(local));
    let people = LocalResource::new(move || everyone(local));
    let names = Signal::derive(move || people.get().and_then(Result::ok).unwrap_or_default());
    let only = RwSignal::new(None::<Kind>);
    let about = RwSignal::new(None::<DocId>);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    // A date box left blank (or half typed) does not narrow the log.
    let day = |typed: String| typed.trim().parse::<jiff::civil::Date>().ok();
    let shown = move || {
        let (from, to) = (day(from.get()), day(to.get()));
        log.get().map(|r| {
            r.map(|lines| {
                let any = !lines.is_empty();
                let kept = lines
                    .into_iter()
                    .filter(|l| only.get().is_none_or(|k| k == l.kind))
                    .filter(|l| about.get().is_none_or(|id| l.links.contains(&id)))
                    .filter(|l| from.is_none_or(|d| l.date >= d) && to.is_none_or(|d| l.date <= d))
                    .collect::<Vec<_>>();
                (any, kept)
            })
        })
    };
    view! {
        <Page title="Activity log">
            <SavedNotice />
            <p class="actions">
                <A href="/log/hours/new" attr:class="button primary">"Record hours"</A>
                " "
                <A href="/log/sessions/new" attr:class="button secondary">"Record a session"</A>
                " "
                <A href="/log/report" attr:class="button secondary">"Reports"</A>
            </p>
            <div class="field">
                <label for="log-type">"Show"</label>
                <select id="log-type" on:change=move |ev| {
                    only.set(match event_target_value(&ev).as_str() {
                        "connection" => Some(Kind::Connection),
                        "session" => Some(Kind::Session),
                        "hours" => Some(Kind::Hours),
                        _ => None,
                    })
                }>
                    <option value="">"Everything"</option>
                    <option value="connection">"Connections"</option>
                    <option value="session">"Sessions"</option>
                    <option value="hours">"Hours"</option>
                </select>
            </div>
            <Pick label="About" id="log-about" choices=names chosen=about none="Anyone" />
            <fieldset class="period">
                <legend>"Between"</legend>
                <TextField label="From" id="log-from" value=from input_type="date" />
                <TextField label="To" id="log-to" value=to input_type="date" />
            </fieldset>
            {move || match shown() {
                None => None,
                Some(Err(e)) => Some(view! { <p class="notice" role="alert">{e.to_string()}</p> }.into_any()),
                Some(Ok((true, lines))) if lines.is_empty() => Some(view! {
                    <p data-testid="log-none">"Nothing in the log matches these choices."</p>
                }.into_any()),
                Some(Ok((false, _))) => Some(view! {
                    <EmptyState heading="Nothing logged yet">
                        <p>"Connections made, sessions held and hours given are listed here, newest first."</p>
                    </EmptyState>
                }.into_any()),
                Some(Ok((_, lines))) => Some(view! {
                    <ul class="records" data-testid="log-list">
                        {lines.into_iter().map(|l| view! {
                            <li>
                                <span>{l.words}</span>
                                <span class="area">{l.date.strftime("%-d %b %Y").to_string()}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()),
            }}
        </Page>
    }
}
