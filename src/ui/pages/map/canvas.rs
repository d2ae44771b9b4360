//! The drawn map: an SVG in screen pixels, redrawn from a `View` as it
//! pans and zooms. One finger drags, two pinch, a wheel zooms where the
//! pointer is; the buttons and the keyboard (arrows, + and -) do the same
//! for anyone who cannot.

use leptos::ev;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::PointerEvent;

use crate::model::geo::{self, Screen, View, World, project, unproject};
use crate::model::map::{Pin, Spot};
use crate::model::record::LatLon;
use crate::ui::Online;

/// Street-map tiles, drawn only when chosen and online.
const TILES: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
/// Movement (in pixels) below which a press is a tap, not a drag.
const TAP_SLOP: f64 = 6.0;
/// How far the arrow keys move the map.
const KEY_STEP: f64 = 60.0;
/// Room around the points when the map fits them.
const MARGIN: f64 = 44.0;

#[derive(Clone, Copy, Debug)]
struct Finger {
    id: i32,
    x: f64,
    y: f64,
}

#[component]
pub fn MapCanvas(
    pins: Signal<Vec<Pin>>,
    selected: RwSignal<Option<Spot>>,
    /// The area whose point a tap on the map sets, if any.
    placing: Signal<Option<String>>,
    on_place: Callback<LatLon>,
    street_map: Signal<bool>,
) -> impl IntoView {
    let Online(online) = expect_context::<Online>();
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let screen = RwSignal::new(Screen {
        width: 360.0,
        height: 360.0,
    });
    // The points are fitted once the map's real size is known.
    let measured = RwSignal::new(false);
    // None until the points have been fitted on screen once.
    let view = RwSignal::new(None::<View>);
    let current = move || view.get().unwrap_or_else(|| View::world(screen.get()));

    let measure = move || {
        if let Some(el) = svg.get_untracked() {
            let rect = el.get_bounding_client_rect();
            screen.set(Screen {
                width: rect.width().max(1.0),
                height: rect.height().max(1.0),
            });
            measured.set(rect.width() > 0.0);
        }
    };
    // The map's size settles after the first paint (styles, a rotated
    // phone, a zoomed page): watch it rather than guess.
    Effect::new(move || {
        let Some(el) = svg.get() else { return };
        measure();
        let on_resize = Closure::<dyn FnMut()>::new(measure);
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&el);
            let held = SendWrapper::new((observer, on_resize));
            on_cleanup(move || held.take().0.disconnect());
        }
    });

    let fit = move || {
        let points: Vec<World> = pins.with_untracked(|p| p.iter().map(|p| project(p.at)).collect());
        view.set(Some(View::fit(&points, screen.get_untracked(), MARGIN)));
    };
    // Fit the points when they arrive and whenever the map changes size,
    // until the person moves the map themselves.
    let by_hand = StoredValue::new(false);
    Effect::new(move || {
        let any = pins.with(|p| !p.is_empty());
        screen.track();
        if any && measured.get() && !by_hand.get_value() {
            fit();
        }
    });
    let set_view = move |v: View| {
        by_hand.set_value(true);
        view.set(Some(v));
    };
    // A point chosen from the list, if out of sight, is brought to the middle.
    Effect::new(move || {
        let Some(spot) = selected.get() else { return };
        let Some(at) = pins.with_untracked(|p| p.iter().find(|p| p.spot == spot).map(|p| p.at))
        else {
            return;
        };
        let (x, y) = current_untracked(view, screen).to_screen(project(at), screen.get_untracked());
        let s = screen.get_untracked();
        // Only when it is off the map or at its very edge: a fitted map
        // has points exactly MARGIN in, and they should stay put.
        let edge = MARGIN / 2.0;
        if x < edge || y < edge || x > s.width - edge || y > s.height - edge {
            set_view(View {
                centre: project(at),
                ..current_untracked(view, screen)
            });
        }
    });

    let fingers = StoredValue::new(Vec::<Finger>::new());
    let travelled = StoredValue::new(0.0f64);
    // Where a pointer is, in the map's pixels.
    let local = move |ev: &web_sys::MouseEvent| -> (f64, f64) {
        let rect = svg.get_untracked().map(|el| el.get_bounding_client_rect());
        let (left, top) = rect.map(|r| (r.left(), r.top())).unwrap_or_default();
        (
            f64::from(ev.client_x()) - left,
            f64::from(ev.client_y()) - top,
        )
    };
    let down = move |ev: PointerEvent| {
        let (x, y) = local(&ev);
        fingers.update_value(|f| {
            if f.is_empty() {
                travelled.set_value(0.0);
            }
            f.retain(|f| f.id != ev.pointer_id());
            f.push(Finger {
                id: ev.pointer_id(),
                x,
                y,
            });
        });
    };
    let moved = move |ev: PointerEvent| {
        let (x, y) = local(&ev);
        let id = ev.pointer_id();
        let before = fingers.get_value();
        let Some(at) = before.iter().position(|f| f.id == id) else {
            return;
        };
        let s = screen.get_untracked();
        match before.as_slice() {
            [one] => {
                let (dx, dy) = (x - one.x, y - one.y);
                travelled.update_value(|t| *t += dx.hypot(dy));
                if travelled.get_value() > TAP_SLOP {
                    // Now a drag: keep the finger even if it leaves the map.
                    if let Some(el) = svg.get_untracked() {
                        let _ = el.set_pointer_capture(id);
                    }
                    set_view(current_untracked(view, screen).pan(dx, dy));
                }
            }
            [a, b] => {
                let other = if at == 0 { b } else { a };
                let old = (a.x - b.x).hypot(a.y - b.y);
                let new = (x - other.x).hypot(y - other.y);
                let (old_mid, new_mid) = (
                    ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0),
                    ((x + other.x) / 2.0, (y + other.y) / 2.0),
                );
                travelled.update_value(|t| *t += TAP_SLOP + 1.0);
                if old > 1.0 && new > 1.0 {
                    let v = current_untracked(view, screen)
                        .pan(new_mid.0 - old_mid.0, new_mid.1 - old_mid.1)
                        .zoom(new / old, new_mid.0, new_mid.1, s);
                    set_view(v);
                }
            }
            _ => {}
        }
        fingers.update_value(|f| {
            if let Some(finger) = f.iter_mut().find(|f| f.id == id) {
                finger.x = x;
                finger.y = y;
            }
        });
    };
    let up = move |ev: PointerEvent| {
        fingers.update_value(|f| f.retain(|f| f.id != ev.pointer_id()));
    };
    let tapped = move |ev: ev::MouseEvent| {
        if travelled.get_value() > TAP_SLOP || placing.get_untracked().is_none() {
            return;
        }
        let (x, y) = local(&ev);
        let at = current_untracked(view, screen).to_world(x, y, screen.get_untracked());
        // Keep the map still, so the point lands where it was tapped.
        by_hand.set_value(true);
        on_place.run(unproject(at));
    };
    let wheel = move |ev: ev::WheelEvent| {
        ev.prevent_default();
        let (x, y) = local(&ev);
        let factor = (-ev.delta_y() * 0.002).exp();
        set_view(current_untracked(view, screen).zoom(factor, x, y, screen.get_untracked()));
    };
    let zoom_by = move |factor: f64| {
        let s = screen.get_untracked();
        set_view(current_untracked(view, screen).zoom(factor, s.width / 2.0, s.height / 2.0, s));
    };
    let key = move |ev: ev::KeyboardEvent| {
        let v = current_untracked(view, screen);
        let next = match ev.key().as_str() {
            "ArrowLeft" => v.pan(KEY_STEP, 0.0),
            "ArrowRight" => v.pan(-KEY_STEP, 0.0),
            "ArrowUp" => v.pan(0.0, KEY_STEP),
            "ArrowDown" => v.pan(0.0, -KEY_STEP),
            "+" | "=" => {
                zoom_by(2.0);
                ev.prevent_default();
                return;
            }
            "-" | "_" => {
                zoom_by(0.5);
                ev.prevent_default();
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        set_view(next);
    };

    let tiles = move || {
        if !(street_map.get() && online.get()) {
            return Vec::new();
        }
        geo::tiles(&current(), screen.get())
    };
    let scale = move || {
        let s = screen.get();
        let (px, words) = geo::scale_bar(&current(), (s.width / 3.0).min(120.0));
        (s.height, px, words)
    };

    view! {
        <div class="map-frame" class:placing=move || placing.get().is_some()>
            <svg
                node_ref=svg
                class="map"
                role="group"
                aria-label="Map of the neighbourhood. Arrow keys move it, plus and minus zoom."
                aria-describedby="map-how"
                tabindex="0"
                data-testid="map"
                data-zoom=move || current().zoom_level().to_string()
                viewBox=move || {
                    let s = screen.get();
                    format!("0 0 {} {}", s.width, s.height)
                }
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=up
                on:click=tapped
                on:wheel=wheel
                on:keydown=key
            >
                <g class="tiles" aria-hidden="true">
                    {move || {
                        tiles()
                            .into_iter()
                            .map(|t| {
                                view! {
                                    <image
                                        href=t.url(TILES)
                                        x=format!("{:.1}", t.left)
                                        y=format!("{:.1}", t.top)
                                        width=format!("{:.1}", t.size + 0.5)
                                        height=format!("{:.1}", t.size + 0.5)
                                    ></image>
                                }
                            })
                            .collect_view()
                    }}
                </g>
                <For each=move || pins.get() key=|pin| (pin.spot.clone(), pin.summary(), pin.at.to_string()) let:pin>
                    <PinMark pin selected travelled view=Signal::derive(current) screen=screen.into() />
                </For>
                <g class="scale" aria-hidden="true">
                    {move || {
                        let (h, px, words) = scale();
                        view! {
                            <line x1="12" y1=h - 14.0 x2=12.0 + px y2=h - 14.0></line>
                            <text x="12" y=h - 20.0 data-testid="map-scale">{words}</text>
                        }
                    }}
                </g>
            </svg>
            <p class="hint" id="map-how">
                {move || if placing.get().is_some() {
                    "Tap the map where the area’s middle is."
                } else {
                    "Drag to move, pinch or use the buttons to zoom, tap a point to see who is there."
                }}
            </p>
            <div class="map-controls">
                <button type="button" class="secondary" on:click=move |_| zoom_by(2.0)>"Zoom in"</button>
                <button type="button" class="secondary" on:click=move |_| zoom_by(0.5)>"Zoom out"</button>
                <button type="button" class="secondary" on:click=move |_| {
                    by_hand.set_value(false);
                    fit();
                }>"Show everything"</button>
            </div>
        </div>
    }
}

fn current_untracked(view: RwSignal<Option<View>>, screen: RwSignal<Screen>) -> View {
    view.get_untracked()
        .unwrap_or_else(|| View::world(screen.get_untracked()))
}

/// One point: a circle sized by how many it stands for (an area) or a
/// smaller mark with its name (a place). A button for taps and keys.
#[component]
fn PinMark(
    pin: Pin,
    selected: RwSignal<Option<Spot>>,
    /// How far the finger went since it touched: a drag is not a tap.
    travelled: StoredValue<f64>,
    view: Signal<View>,
    screen: Signal<Screen>,
) -> impl IntoView {
    let at = project(pin.at);
    let transform = move || {
        let (x, y) = view.get().to_screen(at, screen.get());
        format!("translate({x:.1} {y:.1})")
    };
    let spot = pin.spot.clone();
    let is_selected = {
        let spot = spot.clone();
        move || selected.get().as_ref() == Some(&spot)
    };
    let pressed = is_selected.clone();
    let choose = {
        let spot = spot.clone();
        move || selected.set(Some(spot.clone()))
    };
    let on_key = {
        let choose = choose.clone();
        move |ev: ev::KeyboardEvent| {
            if ev.key() == "Enter" || ev.key() == " " {
                ev.prevent_default();
                ev.stop_propagation();
                choose();
            }
        }
    };
    // The button is the shape; its words sit beside it, hidden from screen
    // readers, since the button's name already says them in full.
    let (shape, words) = match &pin.spot {
        Spot::Area(_) => {
            let r = 16.0 + (pin.members.len() as f64).sqrt() * 3.0;
            (
                view! {
                    <circle class="hit" r=r + 6.0></circle>
                    <circle class="mark area" r=r></circle>
                }
                .into_any(),
                view! {
                    <text class="count" dy="0.35em">{pin.members.len()}</text>
                    <text class="label" y=r + 16.0>{pin.label.clone()}</text>
                }
                .into_any(),
            )
        }
        Spot::Place(_) => (
            view! {
                <circle class="hit" r="20"></circle>
                <rect class="mark place" x="-10" y="-10" width="20" height="20" rx="3"></rect>
            }
            .into_any(),
            view! { <text class="label beside" x="16" dy="0.35em">{pin.label.clone()}</text> }
                .into_any(),
        ),
    };
    view! {
        <g class="pin" class:selected=is_selected.clone() transform=transform>
            <g
                role="button"
                tabindex="0"
                aria-label=pin.summary()
                aria-pressed=move || pressed().to_string()
                on:click=move |ev| {
                    ev.stop_propagation();
                    if travelled.get_value() <= TAP_SLOP {
                        choose();
                    }
                }
                on:keydown=on_key
            >
                {shape}
            </g>
            <g aria-hidden="true">{words}</g>
        </g>
    }
}
