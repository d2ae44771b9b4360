//! The navigation bar: one tap to each main area. At the bottom of the
//! screen on phones (within reach of a thumb), across the top on wide ones.
//! Whatever takes focus is never left under it.

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

use super::sections::SECTIONS;

#[component]
pub fn Nav() -> impl IntoView {
    let nav = NodeRef::<html::Nav>::new();
    // Tab and the page's own focus() scroll a field clear of the bar by
    // themselves (the style sheet's scroll-padding-bottom); a tap on a
    // field half under the bar focuses it where it is. So once a tap is
    // over (a frame after its click, or the page would move under the
    // finger and the tap land elsewhere), what it focused in the page is
    // brought up to sit just above the bar (WCAG 2.4.11).
    let clear_of_bar = window_event_listener(leptos::ev::click, move |_| {
        request_animation_frame(move || {
            let (Some(nav), Some(field)) = (nav.get_untracked(), document().active_element())
            else {
                return;
            };
            if field.closest("main").ok().flatten().is_none() {
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
