//! People, groups and places: the list, and search as you type across
//! names, skills, tags and words, with filters.

use leptos::prelude::*;

use crate::ui::syncing::NotSent;
use leptos_router::components::A;

use crate::model::record::{GiftKind, GiftMode};
use crate::model::search::{Hit, Query};
use crate::model::{DocId, Kind, Record};
use crate::store::StoreError;
use crate::store::query::{Neighbourhood, People, PeopleList, Searchable};
use crate::ui::fields::TextField;
use crate::ui::live::{use_query, use_query_after};
use crate::ui::page::{EmptyState, Page, UnreadableNotice};
use crate::ui::saved::SavedNotice;

/// How many people the list shows at first, sorted by name.
const SHOWN: u32 = 200;
/// How many search results are drawn at once.
const HITS: usize = 50;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let people = use_query(|| People { shown: SHOWN });
    let query = SearchQuery::new();
    // The whole neighbourhood in memory, read after the first list is up
    // (that must not wait on this), so every keystroke is answered
    // without waiting on the store; changes are read in while searching.
    let searching = Signal::derive(move || !query.get().is_empty());
    let index = use_query_after(people, searching, || Neighbourhood);
    let unreadable = Signal::derive(move || {
        people.with(|p| match p {
            Some(Ok(p)) => p.unreadable,
            _ => 0,
        })
    });

    view! {
        <Page title="People, groups and places">
            <SavedNotice />
            <p class="actions">
                <A href="/people/new" attr:class="button primary">
                    "Add a person"
                </A>
                " "
                <A href="/groups/new" attr:class="button secondary">
                    "Add a group"
                </A>
                " "
                <A href="/places/new" attr:class="button secondary">
                    "Add a place"
                </A>
            </p>
            <SearchForm query />
            <Show
                when=move || query.get().is_empty()
                fallback=move || view! { <SearchResults index query /> }
            >
                <UnreadableNotice count=unreadable />
                // No fallback: the local store answers in milliseconds.
                <Transition>
                    {move || Suspend::new(async move {
                        match people.await {
                            Ok(list) => view! { <Lists list /> }.into_any(),
                            Err(e) => view! { <p class="notice" role="alert">{e.to_string()}</p> }.into_any(),
                        }
                    })}
                </Transition>
            </Show>
        </Page>
    }
}

/// The three lists, or the first steps when there is no one yet.
#[component]
fn Lists(list: PeopleList) -> impl IntoView {
    let PeopleList {
        total,
        people,
        groups,
        places,
        ..
    } = list;
    view! {
        {if total == 0 {
            view! { <NoOneYet /> }.into_any()
        } else {
            view! { <PeopleList total first=people /> }.into_any()
        }}
        <OtherList kind=Kind::Group records=groups />
        <OtherList kind=Kind::Place records=places />
    }
}

/// The search box and filters, one signal each.
#[derive(Clone, Copy)]
struct SearchQuery {
    text: RwSignal<String>,
    kind: RwSignal<Option<Kind>>,
    mode: RwSignal<Option<GiftMode>>,
    gift_kind: RwSignal<Option<GiftKind>>,
    skill: RwSignal<String>,
    area: RwSignal<String>,
}

impl SearchQuery {
    fn new() -> SearchQuery {
        SearchQuery {
            text: RwSignal::new(String::new()),
            kind: RwSignal::new(None),
            mode: RwSignal::new(None),
            gift_kind: RwSignal::new(None),
            skill: RwSignal::new(String::new()),
            area: RwSignal::new(String::new()),
        }
    }

    fn get(&self) -> Query {
        Query {
            text: self.text.get(),
            kind: self.kind.get(),
            gift_kind: self.gift_kind.get(),
            mode: self.mode.get(),
            skill: Some(self.skill.get()),
            area: Some(self.area.get()),
        }
    }
}

#[component]
fn SearchForm(query: SearchQuery) -> impl IntoView {
    view! {
        <form class="search" role="search" on:submit=|ev| ev.prevent_default()>
            <TextField
                label="Search names, skills and places"
                id="search-text"
                input_type="search"
                placeholder="e.g. gardening, Amina, S40"
                value=query.text
            />
            <details class="filters">
                <summary>"Filters"</summary>
                <Select
                    label="Type"
                    options=[Kind::Person, Kind::Group, Kind::Place].map(|k| (k, k.plural())).to_vec()
                    value=query.kind
                />
                <Select
                    label="Gifts and needs"
                    options=GiftMode::ALL.map(|m| (m, m.label())).to_vec()
                    value=query.mode
                />
                <Select
                    label="Kind of gift"
                    options=GiftKind::ALL.map(|k| (k, k.label())).to_vec()
                    value=query.gift_kind
                />
                <TextField label="Skill" id="search-skill" value=query.skill />
                <TextField label="Area or postcode district" id="search-area" value=query.area />
            </details>
        </form>
    }
}

/// A drop-down of options with "Any" first.
#[component]
fn Select<T>(
    label: &'static str,
    options: Vec<(T, &'static str)>,
    value: RwSignal<Option<T>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let id = format!("filter-{}", label.to_lowercase().replace(' ', "-"));
    let choices = StoredValue::new(options.clone());
    let on_change = move |ev: leptos::ev::Event| {
        let picked = event_target_value(&ev).parse::<usize>().ok();
        value.set(picked.and_then(|i| choices.with_value(|c| c.get(i).map(|(v, _)| *v))));
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id on:change=on_change>
                <option value="" selected=move || value.get().is_none()>
                    "Any"
                </option>
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (v, text))| {
                        view! {
                            <option value=i.to_string() selected=move || value.get() == Some(v)>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn SearchResults(
    index: LocalResource<Result<Searchable, StoreError>>,
    query: SearchQuery,
) -> impl IntoView {
    let results = move || {
        let found = index.get()?;
        Some(found.map(|found| found.index.search(&query.get(), HITS)))
    };
    let unreadable =
        Signal::derive(move || index.get().and_then(Result::ok).map_or(0, |f| f.unreadable));
    view! {
        <section aria-labelledby="results-heading">
            <h2 id="results-heading">"Found"</h2>
            <UnreadableNotice count=unreadable />
            {move || match results() {
                None => view! { <p class="summary">"Getting ready to search…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice" role="alert">{e.to_string()}</p> }.into_any(),
                Some(Ok((hits, total))) => view! { <HitList hits total /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn HitList(hits: Vec<Hit>, total: usize) -> impl IntoView {
    let summary = match total {
        0 => "No one matches. Try fewer letters or fewer filters.".to_owned(),
        1 => "1 match".to_owned(),
        n if n > hits.len() => format!("{n} matches; the best {} shown", hits.len()),
        n => format!("{n} matches"),
    };
    view! {
        <p class="summary" role="status" data-testid="search-summary">{summary}</p>
        <ul class="records" data-testid="search-results">
            {hits
                .into_iter()
                .map(|hit| {
                    // People are named plainly; the rest say what they are.
                    let label = hit.id.kind().marked(&hit.name);
                    let name = match hit.id.kind() {
                        Kind::Person | Kind::Group | Kind::Place => {
                            view! {
                                <A href=format!("/people/{}", hit.id) attr:class="name">
                                    {label}
                                </A>
                            }
                                .into_any()
                        }
                        // Activities get pages of their own with the activity log.
                        _ => view! { <span class="name">{label}</span> }.into_any(),
                    };
                    view! {
                        <li>
                            {name}
                            <span class="why">{hit.why}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn NoOneYet() -> impl IntoView {
    view! {
        <EmptyState heading="No one here yet">
            <p>
                "People, groups and places you add will be listed here, with their gifts and how to reach them."
            </p>
        </EmptyState>
    }
}

#[component]
fn PeopleList(total: u32, first: Vec<(DocId, Record)>) -> impl IntoView {
    let shown = first.len();
    let summary = if shown as u32 == total {
        Kind::Person.counted(total.into())
    } else {
        format!("The first {shown} of {total} people, by name")
    };
    view! {
        <section aria-labelledby="people-heading">
            <h2 id="people-heading">"People"</h2>
            <p class="summary" data-testid="people-summary">{summary}</p>
            <ul class="records" data-testid="people-list">
                {first.into_iter().map(|(id, record)| view! { <PersonRow id record /> }).collect_view()}
            </ul>
        </section>
    }
}

/// Groups or places, by name; nothing at all when there are none.
#[component]
fn OtherList(kind: Kind, records: Vec<(DocId, Record)>) -> impl IntoView {
    let heading = kind.plural();
    let id = match kind {
        Kind::Group => "groups",
        _ => "places",
    };
    (!records.is_empty()).then(|| {
        let heading_id = format!("{id}-heading");
        let labelled_by = heading_id.clone();
        view! {
            <section aria-labelledby=labelled_by>
                <h2 id=heading_id>{heading}</h2>
                <ul class="records" data-testid=format!("{id}-list")>
                    {records.into_iter().map(|(id, record)| view! { <PersonRow id record /> }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn PersonRow(id: DocId, record: Record) -> impl IntoView {
    let area = match &record {
        Record::Person(p) => Some(p.area.clone()),
        Record::Group(g) => Some(g.area.clone()),
        Record::Place(p) => Some(p.area.clone()),
        _ => None,
    }
    .filter(|a| !a.is_empty());
    view! {
        <li>
            <A href=format!("/people/{id}") attr:class="name">
                {record.name().unwrap_or_default().to_owned()}
            </A>
            {area.map(|a| view! { <span class="area">{a}</span> })}
            <NotSent id />
        </li>
    }
}
