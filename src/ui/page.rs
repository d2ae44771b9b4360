//! Building blocks every page shares: its heading and window title, and the
//! friendly empty state shown before there is anything to list.

use leptos::prelude::*;
use leptos_router::components::A;

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

/// What a list says when it left out records it could not read, with the
/// way to the place that lists them (Settings, Damaged records).
#[component]
pub fn UnreadableNotice(#[prop(into)] count: Signal<u32>) -> impl IntoView {
    move || {
        let n = count.get();
        (n > 0).then(|| {
            let said = match n {
                1 => "1 record could not be read and is left out here. ".to_owned(),
                n => format!("{n} records could not be read and are left out here. "),
            };
            view! {
                <p class="notice" data-testid="unreadable">
                    {said}
                    <A href="/settings#damaged">"See which in Settings"</A>
                </p>
            }
        })
    }
}
