//! The navigation bar: one tap to each main area. At the bottom of the
//! screen on phones (within reach of a thumb), across the top on wide ones.

use leptos::prelude::*;
use leptos_router::components::A;

use super::sections::SECTIONS;

#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Main">
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
