//! "Saved Amina Begum with 3 gifts": the word a person gets after a save,
//! carried to the page they land on and shown there once.

use leptos::prelude::*;

/// The last save's message, until a page has shown it.
#[derive(Clone, Copy)]
pub struct Saved(RwSignal<Option<String>>);

impl Saved {
    pub fn set(&self, message: String) {
        self.0.set(Some(message));
    }
}

pub fn provide_saved() {
    provide_context(Saved(RwSignal::new(None)));
}

/// Shows the last save's message as a polite status. The page that shows
/// it takes it, so it is said once, on the page landed on.
#[component]
pub fn SavedNotice() -> impl IntoView {
    let Saved(message) = expect_context::<Saved>();
    let text = message.get_untracked();
    message.set(None);
    view! {
        <p class="saved" role="status" data-testid="saved">
            {text}
        </p>
    }
}
