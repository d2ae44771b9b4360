//! The one way a page writes: a person's action becomes a
//! `store::Command` built by the core from what they typed, the store does
//! it in one transaction and announces it, and a refusal or failure comes
//! back typed, to be put into words only where the person reads it.

use leptos::prelude::*;

use crate::model::geo::PositionError;
use crate::model::log::{ActivityError, LogError};
use crate::model::record::Invalid;
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

/// What the last run of an action failed with, as an alert; nothing
/// while it has not failed.
#[component]
pub fn CommandAlert<D: 'static, T: Clone + 'static>(
    action: Action<D, Result<T, CommandError>>,
) -> impl IntoView {
    move || {
        action.value().get().and_then(Result::err).map(|why| {
            view! { <p class="notice" role="alert" data-testid="save-error">{why.to_string()}</p> }
        })
    }
}
