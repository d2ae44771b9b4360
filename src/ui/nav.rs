//! The navigation bar: one tap to each main area. At the bottom of the
//! screen on phones (within reach of a thumb), across the top on wide ones.
//! Whatever takes focus is never left under it.

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use super::sections::SECTIONS;

#[component]
pub fn Nav() -> impl IntoView {
    let nav = NodeRef::<html::Nav>::new();
    // Tab and the page's own focus() scroll a field clear of the bar by
    // themselves (the style sheet's scroll-padding-bottom); a tap on a
    // field half under the bar scrolls nothing, so it is done here. On a
    // page scrolling under a bar fixed at the bottom, the field is brought
    // up to sit just above it (WCAG 2.4.11, Focus Not Obscured).
    let clear_of_bar = window_event_listener(leptos::ev::focusin, move |ev| {
        let (Some(nav), Some(field)) = (
            nav.get_untracked(),
            ev.target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok()),
        ) else {
            return;
        };
        if nav.contains(Some(&field)) {
            return;
        }
        // A box ticked or an option chosen is seen as its whole label.
        let field = field.closest("label").ok().flatten().unwrap_or(field);
        let (bar, seen) = (
            nav.get_bounding_client_rect(),
            field.get_bounding_client_rect(),
        );
        if seen.bottom() > bar.top() && seen.top() < bar.bottom() {
            field.scroll_into_view_with_bool(false);
        }
    });
    on_cleanup(move || clear_of_bar.remove());
    view! {
        <nav class="tabs" aria-label="Main" node_ref=nav>
            <ul>
                {SECTIONS
                    .iter()
                    .map(|s| {
                        view! {
                            <li>
                                // The root link would otherwise be current on every page.
                                <A href=s.path exact=s.path == "/">
                                    <svg class="icon" aria-hidden="true" focusable="false">
                                        <use href=format!("/icons/kith-icons.svg#{}", s.icon)></use>
                                    </svg>
                                    <span>{s.label}</span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
