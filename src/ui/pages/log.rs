//! The activity log: connections made, sessions held, hours given, newest
//! first, in words, narrowed by type, whom it is about, who recorded it
//! and dates.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::ui::pages::entry::change_path;
use leptos_router::components::A;

use crate::model::log::{LogFilter, LogLine};
use crate::model::{DocId, Kind};
use crate::store::query::Log;
use crate::ui::fields::TextField;
use crate::ui::live::use_query;
use crate::ui::page::{EmptyState, Page, UnreadableNotice};
use crate::ui::pages::roster::{Pick, with_kinds};
use crate::ui::saved::SavedNotice;

/// How many lines are drawn at first, and added by each "Show more".
const PAGE: usize = 100;

/// The kinds of entry the log can be narrowed to.
const ENTRY_KINDS: [Kind; 3] = [Kind::Connection, Kind::Session, Kind::Hours];

/// What the log shows now: whether anything is logged at all, the page of
/// matching lines drawn, and how many more match.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    any: bool,
    page: Vec<LogLine>,
    more: usize,
}

#[component]
pub fn LogPage() -> impl IntoView {
    let log = use_query(|| Log);
    let about_names = Signal::derive(move || {
        log.with(|l| match l {
            Some(Ok(log)) => with_kinds(log.about.clone()),
            _ => Vec::new(),
        })
    });
    let unreadable = Signal::derive(move || {
        log.with(|l| match l {
            Some(Ok(log)) => log.unreadable,
            _ => 0,
        })
    });
    let workers = Signal::derive(move || {
        log.with(|l| match l {
            Some(Ok(log)) => log
                .lines
                .iter()
                .map(|l| l.by.clone())
                .filter(|by| !by.is_empty())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            _ => Vec::<String>::new(),
        })
    });
    let only = RwSignal::new(None::<Kind>);
    let about = RwSignal::new(None::<DocId>);
    let worker = RwSignal::new(None::<String>);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    // A date box left blank (or half typed) does not narrow the log.
    let day = |typed: String| typed.trim().parse::<jiff::civil::Date>().ok();
    let filter = Memo::new(move |_| LogFilter {
        kind: only.get(),
        about: about.get(),
        by: worker.get(),
        from: day(from.get()),
        to: day(to.get()),
    });
    // The newest lines first, a page at a time: a long log is read whole
    // (to narrow it) but only drawn as far as the person has asked, under
    // the filters they asked it with; other filters start at one page.
    let asked = RwSignal::new((LogFilter::default(), PAGE));
    let limit = move || {
        asked.with(|(under, n)| {
            if filter.with(|now| now == under) {
                *n
            } else {
                PAGE
            }
        })
    };
    let show_more = move |_| asked.set((filter.get_untracked(), limit() + PAGE));
    let in_use = move || {
        let n = filter.with(LogFilter::in_use);
        (n > 0).then(|| format!(" ({n} in use)"))
    };
    let shown = Memo::new(move |_| {
        let limit = limit();
        filter.with(|filter| {
            log.with(|r| {
                r.as_ref().map(|r| {
                    r.as_ref().map_err(Clone::clone).map(|log| {
                        let (page, more) = filter.page(&log.lines, limit);
                        Shown {
                            any: !log.lines.is_empty(),
                            page,
                            more,
                        }
                    })
                })
            })
        })
    });
    let listed = move || shown.with(|s| matches!(s, Some(Ok(s)) if !s.page.is_empty()));
    let page = move || {
        shown.with(|s| match s {
            Some(Ok(s)) => s.page.clone(),
            _ => Vec::new(),
        })
    };
    let more = move || {
        shown.with(|s| {
            s.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map_or(0, |s| s.more)
        })
    };
    let matching = move || {
        let n = shown.with(|s| match s {
            Some(Ok(s)) => s.page.len() + s.more,
            _ => 0,
        });
        match n {
            1 => "1 entry matches.".to_owned(),
            n => format!("{n} entries match."),
        }
    };
    view! {
        <Page title="Activity log">
            <SavedNotice />
            <p class="actions">
                <A href="/log/hours/new" attr:class="button primary">"Record hours"</A>
                " "
                <A href="/log/sessions/new" attr:class="button secondary">"Record a session"</A>
                " "
                <A href="/log/connections/new" attr:class="button secondary">"Record a connection"</A>
                " "
                <A href="/log/report" attr:class="button secondary">"Reports"</A>
            </p>
            <details class="filters">
                <summary>"Filters"{in_use}</summary>
                <div class="field">
                    <label for="log-type">"Show"</label>
                    <select id="log-type" on:change=move |ev| {
                        only.set(Kind::from_prefix(&event_target_value(&ev)))
                    }>
                        <option value="">"Everything"</option>
                        {ENTRY_KINDS.map(|k| view! { <option value=k.prefix()>{k.plural()}</option> })}
                    </select>
                </div>
                <Pick label="About" id="log-about" choices=about_names chosen=about none="Anyone" />
                <Show when=move || workers.with(|w| !w.is_empty())>
                    <WorkerPick workers chosen=worker />
                </Show>
                <fieldset class="period">
                    <legend>"Between"</legend>
                    <TextField label="From" id="log-from" value=from input_type="date" />
                    <TextField label="To" id="log-to" value=to input_type="date" />
                </fieldset>
            </details>
            <UnreadableNotice count=unreadable />
            {move || shown.with(|s| match s {
                None => None,
                Some(Err(e)) => Some(view! { <p class="notice" role="alert">{e.to_string()}</p> }.into_any()),
                Some(Ok(Shown { any: false, .. })) => Some(view! {
                    <EmptyState heading="Nothing logged yet">
                        <p>"Connections made, sessions held and hours given are listed here, newest first."</p>
                    </EmptyState>
                }.into_any()),
                Some(Ok(Shown { page, .. })) if page.is_empty() => Some(view! {
                    <p data-testid="log-none">"Nothing in the log matches these choices."</p>
                }.into_any()),
                Some(Ok(_)) => None,
            })}
            <Show when=listed>
                <Show when=move || in_use().is_some()>
                    <p class="hint" role="status" data-testid="log-count">{matching}</p>
                </Show>
                <ul class="records" data-testid="log-list">
                    <For each=page key=|l| l.id children=|line| view! { <Entry line /> } />
                </ul>
                // Its own block, so the button (and the focus on it) stays
                // while lines are added above it.
                <Show when=move || more() != 0>
                    <p class="actions">
                        <span class="hint" data-testid="log-more">{move || format!("{} older not shown yet.", more())}</span>
                        " "
                        <button type="button" class="secondary" on:click=show_more>
                            {move || format!("Show {} more", more().min(PAGE))}
                        </button>
                    </p>
                </Show>
            </Show>
        </Page>
    }
}

#[component]
fn Entry(line: LogLine) -> impl IntoView {
    let mut when = line.date.strftime("%-d %b %Y").to_string();
    if !line.by.is_empty() {
        when.push_str(&format!(" · {}", line.by));
    }
    // Any entry can be put right: changed, or deleted from its page.
    let change = change_path(line.kind, line.id, "/log").map(|href| {
        view! {
            <A href attr:class="find" attr:aria-label=format!("Change: {}", line.words)>
                "Change"
            </A>
        }
    });
    view! {
        <li>
            <span>{line.words}</span>
            <span class="area">{when}</span>
            {change}
        </li>
    }
}

/// Whose work to show: anyone's, or one worker's.
#[component]
fn WorkerPick(workers: Signal<Vec<String>>, chosen: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="log-worker">"Recorded by"</label>
            <select id="log-worker" on:change=move |ev| {
                let picked = event_target_value(&ev);
                chosen.set((!picked.is_empty()).then_some(picked));
            }>
                <option value="">"Anyone"</option>
                {move || workers.get().into_iter().map(|name| {
                    let value = name.clone();
                    view! { <option value=value>{name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
