//! The map: the neighbourhood's places and areas as points on a plain
//! projected SVG that pans and zooms, with no tile server and no signal.
//! What is drawn where follows `model::map` (never a door, nothing from
//! whoever withdrew consent). Street-map tiles are an optional layer.
//!
//! Everything the picture shows is also listed below it, as text and
//! buttons, for screen readers and for anyone who would rather read.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::Kind;
use crate::model::map::{Member, Pin, Plan, Spot, counted, place_area};
use crate::model::record::LatLon;
use crate::store::Command;
use crate::store::query::MapPoints;
use crate::ui::Online;
use crate::ui::command::{CommandError, use_command_with};
use crate::ui::live::use_query;
use crate::ui::local::now;
use crate::ui::page::{EmptyState, Page, UnreadableNotice};
use crate::ui::position::PositionField;
use crate::ui::preferences;

mod canvas;

use canvas::MapCanvas;

/// Saving where an area is: its code and the position typed; the code
/// comes back once saved.
type SavePoint = Action<(String, String), Result<(crate::store::Done, String), CommandError>>;

#[component]
pub fn MapPage() -> impl IntoView {
    let loaded = use_query(|| MapPoints);
    // Each reads the one part it needs (`with`, never a copy of the rest).
    let plan = Memo::new(move |_| {
        loaded.with(|l| match l {
            Some(Ok(l)) => l.plan.clone(),
            _ => Default::default(),
        })
    });
    let failure = move || {
        loaded.with(|l| match l {
            Some(Err(e)) => Some(e.to_string()),
            _ => None,
        })
    };
    let ready = move || loaded.with(|l| matches!(l, Some(Ok(_))));
    let unreadable = Signal::derive(move || {
        loaded.with(|l| match l {
            Some(Ok(l)) => l.unreadable,
            _ => 0,
        })
    });
    let pins = Signal::derive(move || plan.with(|p| p.pins.clone()));

    let selected = RwSignal::new(None::<Spot>);
    // The area whose point is being set, and the position typed or tapped.
    let placing = RwSignal::new(None::<String>);
    let position = RwSignal::new(String::new());
    let street_map = RwSignal::new(preferences::street_map());

    let save_point: SavePoint = use_command_with(move |(code, typed): &(String, String)| {
        let at = LatLon::parse(typed)?;
        let existing = loaded.with_untracked(|l| match l {
            Some(Ok(l)) => l.points.get(code).cloned(),
            _ => None,
        });
        let edit = place_area(existing.as_ref(), code, at, now(), &preferences::worker());
        Ok((Command::Apply(vec![edit]), code.clone()))
    });
    Effect::new(move || {
        if let Some(Ok((_, code))) = save_point.value().get() {
            placing.set(None);
            selected.set(Some(Spot::Area(code)));
        }
    });
    let save_error = move || {
        save_point
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.to_string())
    };
    let start_placing = move |code: String| {
        let current = plan.with_untracked(|p| {
            p.pins
                .iter()
                .find(|pin| pin.spot == Spot::Area(code.clone()))
                .map(|pin| pin.at.to_string())
        });
        position.set(current.unwrap_or_default());
        save_point.value().set(None);
        placing.set(Some(code));
    };

    view! {
        <Page title="Map">
            <p class="lede">
                "Places the community can see are drawn where they are. People, groups and private places are drawn by their area, never at their door."
            </p>
            <Show when=move || failure().is_some()>
                <p class="notice" role="alert">{failure}</p>
            </Show>
            <UnreadableNotice count=unreadable />
            <Show when=move || ready() && plan.with(|p| p.pins.is_empty() && p.unplaced.is_empty())>
                <EmptyState heading="Nothing to draw yet">
                    <p>
                        "Add people, groups and places with their area, or try the sample neighbourhood from the "
                        <A href="/">"home screen"</A>"."
                    </p>
                </EmptyState>
            </Show>
            <StreetMapChoice street_map />
            <Show when=move || placing.get().is_some()>
                <PointForm placing position save=save_point error=Signal::derive(save_error) />
            </Show>
            <MapCanvas
                pins
                selected
                placing=placing.into()
                on_place=Callback::new(move |at: LatLon| position.set(at.to_string()))
                street_map=street_map.into()
            />
            <Selected plan selected on_move=Callback::new(start_placing) />
            <Withdrawn plan />
            <PinList plan selected />
            <Unplaced plan on_place=Callback::new(start_placing) />
        </Page>
    }
}

/// The optional street-map layer: off by default, and only ever drawn
/// when the browser is online.
#[component]
fn StreetMapChoice(street_map: RwSignal<bool>) -> impl IntoView {
    let Online(online) = expect_context::<Online>();
    view! {
        <div class="map-options">
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || street_map.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        preferences::set_street_map(on);
                        street_map.set(on);
                    }
                />
                <span>"Show streets underneath (needs a signal)"</span>
            </label>
            <Show when=move || street_map.get() && !online.get()>
                <p class="hint" data-testid="street-map-offline">
                    "No signal: the streets come back when you are online. The points work without them."
                </p>
            </Show>
            <Show when=move || street_map.get() && online.get()>
                <p class="hint attribution">
                    "Streets © "
                    <a href="https://www.openstreetmap.org/copyright" rel="noopener" target="_blank">
                        "OpenStreetMap contributors"
                    </a>
                </p>
            </Show>
        </div>
    }
}

/// Setting where an area is drawn: typed, from where the device is, or by
/// tapping the map.
#[component]
fn PointForm(
    placing: RwSignal<Option<String>>,
    position: RwSignal<String>,
    save: SavePoint,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let code = move || placing.get().unwrap_or_default();
    // Bring the form (and the map just below it) into view, and tell a
    // screen reader what is being set, without opening the keyboard.
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move || {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(code) = placing.get_untracked() {
            save.dispatch((code, position.get_untracked()));
        }
    };
    view! {
        <form class="record-form point-form" on:submit=submit novalidate aria-labelledby="point-heading">
            <h2 id="point-heading" tabindex="-1" node_ref=heading>{move || format!("Where {} is", code())}</h2>
            <p class="hint">
                "Tap the map where the middle of the area is, use where you are now, or type a position. Everyone in the area is drawn there."
            </p>
            <Show when=move || error.get().is_some()>
                <p class="notice" role="alert" data-testid="point-error">{move || error.get()}</p>
            </Show>
            <PositionField label="Position" value=position id="field-area-position" />
            <p class="actions">
                <button type="submit" class="primary" disabled=move || save.pending().get()>
                    {move || format!("Save where {} is", code())}
                </button>
                " "
                <button type="button" class="secondary" on:click=move |_| placing.set(None)>
                    "Cancel"
                </button>
            </p>
        </form>
    }
}

/// A member as a line: a link to their page where they have one.
fn member_line(m: &Member) -> AnyView {
    let kind = m.kind.label();
    let name = m.name.clone();
    match m.kind {
        Kind::Person | Kind::Group | Kind::Place => view! {
            <li>
                <A href=format!("/people/{}", m.id)>{name}</A>
                <span class="kind">{kind}</span>
            </li>
        }
        .into_any(),
        _ => view! {
            <li>{name}<span class="kind">{kind}</span></li>
        }
        .into_any(),
    }
}

/// What the chosen point stands for: everyone there, one tap from their
/// page; an area's point can be moved.
#[component]
fn Selected(
    plan: Memo<Plan>,
    selected: RwSignal<Option<Spot>>,
    on_move: Callback<String>,
) -> impl IntoView {
    let pin = move || {
        let spot = selected.get()?;
        plan.with(|p| p.pins.iter().find(|pin| pin.spot == spot).cloned())
    };
    view! {
        <section class="map-selected" aria-live="polite" data-testid="map-selected">
            {move || pin().map(|pin: Pin| {
                let area = match &pin.spot {
                    Spot::Area(code) => Some(code.clone()),
                    Spot::Place(_) => None,
                };
                view! {
                    <h2>{pin.summary()}</h2>
                    <ul class="members">{pin.members.iter().map(member_line).collect_view()}</ul>
                    {area.map(|code| {
                        let label = format!("Move {code}’s point");
                        view! {
                            <button type="button" class="secondary" on:click=move |_| on_move.run(code.clone())>
                                {label}
                            </button>
                        }
                    })}
                }
            })}
        </section>
    }
}

/// Who was left off the map and why (consent withdrawn, not asked yet).
#[component]
fn Withdrawn(plan: Memo<Plan>) -> impl IntoView {
    let words = Memo::new(move |_| plan.with(Plan::left_off));
    view! {
        <Show when=move || words.with(|w| !w.is_empty())>
            <p class="hint" data-testid="map-withdrawn">
                {move || words.get().join(" ")}
            </p>
        </Show>
    }
}

/// Every point, as a list: the same as the picture, for reading.
#[component]
fn PinList(plan: Memo<Plan>, selected: RwSignal<Option<Spot>>) -> impl IntoView {
    view! {
        <Show when=move || plan.with(|p| !p.pins.is_empty())>
            <h2>"On the map"</h2>
            <ul class="pin-list" data-testid="pin-list">
                <For each=move || plan.with(|p| p.pins.clone()) key=|pin| (pin.spot.clone(), pin.summary(), pin.at.to_string()) let:pin>
                    {
                        let spot = pin.spot.clone();
                        let shown = pin.spot.clone();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="link"
                                    aria-pressed=move || (selected.get().as_ref() == Some(&shown)).to_string()
                                    on:click=move |_| selected.set(Some(spot.clone()))
                                >
                                    {pin.summary()}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </Show>
    }
}

/// What the map cannot draw yet, and how to fix that: nothing is dropped.
#[component]
fn Unplaced(plan: Memo<Plan>, on_place: Callback<String>) -> impl IntoView {
    view! {
        <Show when=move || plan.with(|p| !p.unplaced.is_empty())>
            <h2>"Not on the map yet"</h2>
            <ul class="unplaced" data-testid="unplaced">
                {move || plan.with(|p| p.unplaced.iter().map(|u| {
                    if u.area.is_empty() {
                        view! {
                            <li>
                                <p>{format!("No area given: {}. Add an area to draw them.", counted(&u.members))}</p>
                                <ul class="members">{u.members.iter().map(member_line).collect_view()}</ul>
                            </li>
                        }
                        .into_any()
                    } else {
                        let code = u.area.clone();
                        let label = format!("Put {code} on the map");
                        view! {
                            <li>
                                <p>{format!("{}: {}", u.area, counted(&u.members))}</p>
                                <button type="button" class="secondary" on:click=move |_| on_place.run(code.clone())>
                                    {label}
                                </button>
                            </li>
                        }
                        .into_any()
                    }
                }).collect_view())}
            </ul>
        </Show>
    }
}
