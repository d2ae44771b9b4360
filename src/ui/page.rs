//! Building blocks every page shares: its heading and window title, and the
//! friendly empty state shown before there is anything to list.

use leptos::prelude::*;

use super::sections::window_title;

/// A page: one `h1` (the only one on screen) and the window title to match.
#[component]
pub fn Page(#[prop(into)] title: String, children: Children) -> impl IntoView {
    let window = window_title(&title);
    Effect::new(move || document().set_title(&window));
    view! {
        <h1>{title}</h1>
        {children()}
    }
}

/// What a page shows while it has nothing to list: what will be here, and
/// how it gets here.
#[component]
pub fn EmptyState(heading: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="empty">
            <h2>{heading}</h2>
            {children()}
        </section>
    }
}
