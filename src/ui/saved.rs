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

/// What a form's save does: the edits to apply in one go, what to say
/// about it, and the page to go to after.
pub struct Saving {
    pub edits: Vec<crate::model::Edit>,
    pub message: String,
    pub then: String,
}

/// A form's save: `make` checks what was typed into edits (or says why
/// not); they are applied together, and the page landed on says what was
/// saved. The action's value holds the error to show, if any.
pub fn use_save<D: Clone + Send + Sync + 'static>(
    make: impl Fn(&D) -> Result<Saving, String> + 'static,
) -> Action<D, Result<(String, String), String>> {
    let local = crate::ui::local::use_local();
    let saved = expect_context::<Saved>();
    let navigate = leptos_router::hooks::use_navigate();
    let save = Action::new_local(move |draft: &D| {
        let saving = make(draft);
        async move {
            let Saving {
                edits,
                message,
                then,
            } = saving?;
            let store = local.store().await.map_err(|e| e.to_string())?;
            store.apply(edits).await.map_err(|e| e.to_string())?;
            Ok((message, then))
        }
    });
    Effect::new(move || {
        if let Some(Ok((message, then))) = save.value().get() {
            saved.set(message);
            navigate(&then, Default::default());
        }
    });
    save
}

/// Why the last save failed, as an alert at the top of the form.
#[component]
pub fn SaveError<D: Send + Sync + 'static>(
    save: Action<D, Result<(String, String), String>>,
) -> impl IntoView {
    move || {
        save.value().get().and_then(Result::err).map(|why| {
            view! { <p class="notice" role="alert" data-testid="save-error">{why}</p> }
        })
    }
}
