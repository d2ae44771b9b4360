//! The activity log: connections made, sessions held, hours given, newest
//! first, in words, narrowed by type.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::log::{entry_date, entry_words};
use crate::model::{DocId, Kind};
use crate::store::StoreError;
use crate::ui::local::use_local;
use crate::ui::page::{EmptyState, Page};
use crate::ui::saved::SavedNotice;

/// One line of the log.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    kind: Kind,
    date: jiff::civil::Date,
    created: jiff::Timestamp,
    words: String,
}

async fn read_log(local: crate::ui::Local) -> Result<Vec<Line>, StoreError> {
    let store = local.store().await?;
    let mut names: BTreeMap<DocId, String> = BTreeMap::new();
    for kind in [Kind::Person, Kind::Group, Kind::Place, Kind::Activity] {
        for (id, record) in store.list(kind, u32::MAX).await? {
            names.insert(id, record.name().unwrap_or_default().to_owned());
        }
    }
    let mut lines = Vec::new();
    for kind in [Kind::Connection, Kind::Session, Kind::Hours] {
        for (_, record) in store.list(kind, u32::MAX).await? {
            if let (Some(words), Some(date)) = (entry_words(&record, &names), entry_date(&record)) {
                lines.push(Line {
                    kind,
                    date,
                    created: record.meta().created,
                    words,
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
    let only = RwSignal::new(None::<Kind>);
    let shown = move || {
        log.get().map(|r| {
            r.map(|lines| {
                lines
                    .into_iter()
                    .filter(|l| only.get().is_none_or(|k| k == l.kind))
                    .collect::<Vec<_>>()
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
            {move || match shown() {
                None => None,
                Some(Err(e)) => Some(view! { <p class="notice" role="alert">{e.to_string()}</p> }.into_any()),
                Some(Ok(lines)) if lines.is_empty() => Some(view! {
                    <EmptyState heading="Nothing logged yet">
                        <p>"Connections made, sessions held and hours given are listed here, newest first."</p>
                    </EmptyState>
                }.into_any()),
                Some(Ok(lines)) => Some(view! {
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
