//! Building blocks every page shares: its heading and window title, focus
//! on arrival, and the friendly empty state shown before there is anything
//! to list.

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

use super::sections::window_title;

/// Which address last put focus on its page's heading: set by `Page`, read
/// and written once per page drawn. Provided by the shell, where the
/// address (path and query) is known.
#[derive(Clone, Copy)]
pub struct Arrival {
    address: Signal<String>,
    last: StoredValue<Option<String>>,
}

impl Arrival {
    pub fn provide(address: Signal<String>) {
        provide_context(Arrival {
            address,
            last: StoredValue::new(None),
        });
    }

    /// Whether the page now drawn was arrived at (a link followed, back or
    /// forward) rather than loaded or redrawn where it was.
    fn arrived(&self) -> bool {
        let here = self.address.get_untracked();
        let mut arrived = false;
        self.last.update_value(|last| {
            arrived = arrives(last.as_deref(), &here);
            *last = Some(here);
        });
        arrived
    }
}

/// The rule: the first page drawn takes no focus (the browser leaves it on
/// the document, as on any page load); a page drawn at a new address takes
/// it; a page redrawn at the same address (its records changed) leaves it
/// where the person put it.
fn arrives(last: Option<&str>, here: &str) -> bool {
    last.is_some_and(|last| last != here)
}

/// Moves focus to a page's heading just arrived at, so a screen reader
/// reads the new page and the next Tab goes into it; unless the page has
/// already put focus somewhere of its own (a field with an error), which
/// wins. Focus left on a link (the one just followed) or outside `main`
/// (the navigation) is nobody's claim.
fn focus_heading(h1: &web_sys::HtmlElement) {
    let claimed = document().active_element().is_some_and(|active| {
        let in_main = h1
            .closest("main")
            .ok()
            .flatten()
            .is_some_and(|main| main != active && main.contains(Some(&active)));
        in_main && active.tag_name() != "A"
    });
    if !claimed {
        let _ = h1.focus();
    }
}

/// A page: one `h1` (the only one on screen) and the window title to match.
/// The heading takes focus when the page is arrived at (`Arrival`); it is
/// focusable only by script (`tabindex="-1"`), never a Tab stop.
#[component]
pub fn Page(#[prop(into)] title: String, children: Children) -> impl IntoView {
    let window = window_title(&title);
    Effect::new(move || document().set_title(&window));
    let heading = NodeRef::<html::H1>::new();
    let arrival = use_context::<Arrival>();
    Effect::new(move || {
        let (Some(h1), Some(arrival)) = (heading.get(), arrival) else {
            return;
        };
        if arrival.arrived() {
            // After this frame's other effects (a form's own focus) and once
            // the page is in the document.
            let h1: web_sys::HtmlElement = (*h1).clone();
            request_animation_frame(move || focus_heading(&h1));
        }
    });
    view! {
        <h1 tabindex="-1" node_ref=heading>{title}</h1>
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

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::arrives;

    #[test]
    fn the_first_page_drawn_takes_no_focus() {
        assert!(!arrives(None, "/"));
        assert!(!arrives(None, "/people/new"));
    }

    #[test]
    fn a_new_address_takes_focus() {
        assert!(arrives(Some("/"), "/log"));
        assert!(arrives(Some("/log"), "/"));
        assert!(arrives(Some("/people/person:1"), "/people/person:2"));
        assert!(arrives(
            Some("/log/connections/new"),
            "/log/connections/new?from=person:1"
        ));
    }

    #[test]
    fn a_page_redrawn_where_it_was_leaves_focus_alone() {
        assert!(!arrives(Some("/people/person:1"), "/people/person:1"));
    }
}
