//! "Saved Amina Begum with 3 gifts": the word a person gets after a save,
//! carried to the page they land on and shown there once.

use leptos::prelude::*;

use crate::model::Edit;
use crate::store::{Command, Done};
use crate::ui::command::{CommandError, use_command_with};

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
    pub edits: Vec<Edit>,
    pub message: String,
    pub then: String,
}

/// What a save said and where it went.
#[derive(Debug, Clone, PartialEq)]
pub struct Landed {
    pub message: String,
    pub then: String,
}

/// What is said when a save kept a version made elsewhere beside this
/// one: nothing is lost, and the record's page shows both.
pub const BOTH_KEPT: &str = " It was changed elsewhere while you had it open, so both versions are kept: its page shows them.";

/// A form's save: `make` checks what was typed into edits (or says why
/// not); they are applied together, and the page landed on says what was
/// saved. The action's value holds the error to show, if any.
pub fn use_save<D: 'static>(
    make: impl Fn(&D) -> Result<Saving, CommandError> + 'static,
) -> Action<D, Result<(Done, Landed), CommandError>> {
    let saved = expect_context::<Saved>();
    let navigate = leptos_router::hooks::use_navigate();
    let here = here();
    follow_a_save_cut_short(&here);
    let save = use_command_with(move |draft: &D| {
        let Saving {
            edits,
            message,
            then,
        } = make(draft)?;
        if let Some(edit) = edits.first() {
            pending::set(&here, edit.id(), &message, &then);
        }
        Ok((Command::Apply(edits), Landed { message, then }))
    });
    Effect::new(move || {
        if let Some(Ok((done, landed))) = save.value().get() {
            pending::clear();
            let mut message = landed.message;
            if !done.conflicted.is_empty() {
                message.push_str(BOTH_KEPT);
            }
            saved.set(message);
            navigate(&landed.then, Default::default());
        }
        if let Some(Err(_)) = save.value().get() {
            pending::clear();
        }
    });
    save
}

/// The address of the page, as a save started there remembers it.
fn here() -> String {
    let location = leptos_router::hooks::use_location();
    format!(
        "{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked()
    )
}

/// A reload just after Save (before the page moved on) comes back to the
/// form's address: if the save it cut short was kept, go where it would
/// have gone, so the person sees their record, not an empty form.
fn follow_a_save_cut_short(here: &str) {
    let Some(cut) = pending::take(here) else {
        return;
    };
    let saved = expect_context::<Saved>();
    let navigate = leptos_router::hooks::use_navigate();
    let kept = crate::ui::live::use_query(move || crate::store::query::Current(Some(cut.id)));
    Effect::new(move || {
        if let Some(Ok(Some(_))) = kept.get() {
            saved.set(cut.message.clone());
            navigate(&cut.then, Default::default());
        }
    });
}

/// The save in flight, kept in this tab's session storage until it ends.
mod pending {
    use gloo_storage::{SessionStorage, Storage};
    use serde::{Deserialize, Serialize};

    use crate::model::DocId;

    const KEY: &str = "kith.save-in-flight";

    #[derive(Clone, Serialize, Deserialize)]
    pub struct Pending {
        pub from: String,
        pub id: DocId,
        pub message: String,
        pub then: String,
    }

    pub fn set(from: &str, id: DocId, message: &str, then: &str) {
        // Without session storage the save still happens; only this
        // safety net is lost.
        let _ = SessionStorage::set(
            KEY,
            Pending {
                from: from.to_owned(),
                id,
                message: message.to_owned(),
                then: then.to_owned(),
            },
        );
    }

    pub fn clear() {
        SessionStorage::delete(KEY);
    }

    /// The save cut short on the page at `from`, if there was one.
    pub fn take(from: &str) -> Option<Pending> {
        let pending = SessionStorage::get::<Pending>(KEY).ok()?;
        clear();
        (pending.from == from).then_some(pending)
    }
}
