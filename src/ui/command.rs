//! The one way a page writes: a person's action becomes a
//! `store::Command` built by the core from what they typed, the store does
//! it in one transaction and announces it, and a refusal or failure comes
//! back typed, to be put into words only where the person reads it.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::geo::PositionError;
use crate::model::log::{ActivityError, LogError};
use crate::model::record::{Field, Invalid};
use crate::store::{Command, Done, StoreError};
use crate::ui::local::use_local;

/// Why an action did not happen. Each says, in its own words, what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// What was typed cannot be saved.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Log(#[from] LogError),
    #[error(transparent)]
    Activity(#[from] ActivityError),
    #[error(transparent)]
    Position(#[from] PositionError),
    /// The device could not do it.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CommandError {
    /// The form field a refusal concerns, if it concerns one: the form
    /// shows it there.
    pub fn field(&self) -> Option<Field> {
        match self {
            CommandError::Invalid(why) | CommandError::Log(LogError::Invalid(why)) => why.field(),
            _ => None,
        }
    }
}

/// Runs a command on the app's store: every write goes through here.
async fn run(local: crate::ui::Local, command: Command) -> Result<Done, CommandError> {
    let store = local.store().await?;
    Ok(store.run(command).await?)
}

/// An action that writes: `make` turns its input into a command (or says
/// why not), the store runs it. The action's value is what came of it.
pub fn use_command<D: 'static>(
    make: impl Fn(&D) -> Result<Command, CommandError> + 'static,
) -> Action<D, Result<Done, CommandError>> {
    let local = use_local();
    Action::new_local(move |input: &D| {
        let command = make(input);
        async move { run(local, command?).await }
    })
}

/// As [`use_command`], with something `make` worked out beside the
/// command (what to say after, where to go) carried to the result.
pub fn use_command_with<D: 'static, T: 'static>(
    make: impl Fn(&D) -> Result<(Command, T), CommandError> + 'static,
) -> Action<D, Result<(Done, T), CommandError>> {
    let local = use_local();
    Action::new_local(move |input: &D| {
        let made = make(input);
        async move {
            let (command, beside) = made?;
            Ok((run(local, command).await?, beside))
        }
    })
}

/// What the last run of an action failed with, if it concerns `field`:
/// for the field to show under its box.
pub fn refusal_at<D: 'static, T: Clone + 'static>(
    action: Action<D, Result<T, CommandError>>,
    field: Field,
) -> Signal<Option<CommandError>> {
    Signal::derive(move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .filter(|why| why.field() == Some(field))
    })
}

/// What the last run of an action failed with, as an alert that takes
/// focus, so it is seen (and heard) wherever the person was on the page;
/// nothing while it has not failed. Refusals of the `fields` a form shows
/// its own refusals at are left to them.
#[component]
pub fn CommandAlert<D: 'static, T: Clone + 'static>(
    action: Action<D, Result<T, CommandError>>,
    #[prop(optional)] fields: &'static [Field],
) -> impl IntoView {
    let shown = move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .filter(|why| why.field().is_none_or(|field| !fields.contains(&field)))
    };
    let alert = NodeRef::<html::P>::new();
    // Each failure, even the same one again, brings the alert back.
    Effect::new(move || {
        if shown().is_some() {
            bring_to(alert, alert);
        }
    });
    move || {
        shown().map(|why| {
            view! {
                <p class="notice" role="alert" tabindex="-1" data-testid="save-error" node_ref=alert>
                    {why.to_string()}
                </p>
            }
        })
    }
}

/// Once the page is drawn, moves focus to `focus` and scrolls `whole`
/// (a field with its label and message, or an alert) to the top of the
/// screen: above the fold and clear of the bottom bar, where a person
/// looking at the Save button would otherwise miss it.
pub fn bring_to<F, W>(focus: NodeRef<F>, whole: NodeRef<W>)
where
    F: html::ElementType,
    F::Output: JsCast + AsRef<web_sys::HtmlElement> + Clone + 'static,
    W: html::ElementType,
    W::Output: JsCast + AsRef<web_sys::Element> + Clone + 'static,
{
    request_animation_frame(move || {
        if let (Some(focus), Some(whole)) = (focus.get_untracked(), whole.get_untracked()) {
            let focus: &web_sys::HtmlElement = focus.as_ref();
            let whole: &web_sys::Element = whole.as_ref();
            let _ = focus.focus();
            whole.scroll_into_view_with_bool(true);
        }
    });
}
