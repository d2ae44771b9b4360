//! "Undo", for a while after a one-tap action (a connection made from a
//! match, a follow-up done, the sample removed): a slip of the thumb can
//! be taken back. The page that acted offers the command that takes it
//! back (made by the core: `Edit::undo`); the bar shows it, in the frame,
//! so it stays while the person moves on to another page.

use std::time::Duration;

use leptos::prelude::*;

use crate::store::Command;
use crate::ui::command::{CommandAlert, use_command};

/// How long Undo is offered: long enough to notice on a doorstep.
const OFFERED_FOR: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, PartialEq)]
struct Offer {
    /// What was done, in words: "Connected Amina Begum and Cal Green."
    said: String,
    /// What takes it back.
    command: Command,
    serial: u64,
}

/// The offer on screen, if any.
#[derive(Clone, Copy)]
pub struct Undo {
    offer: RwSignal<Option<Offer>>,
    serial: StoredValue<u64>,
    /// What the last Undo said it did.
    undone: RwSignal<Option<String>>,
}

impl Undo {
    /// Offers to take back what was just done: `said` says what it was,
    /// `command` takes it back. A newer offer replaces an older one.
    pub fn offer(&self, said: impl Into<String>, command: Command) {
        let serial = self.serial.get_value() + 1;
        self.serial.set_value(serial);
        self.undone.set(None);
        self.offer.set(Some(Offer {
            said: said.into(),
            command,
            serial,
        }));
        let offer = self.offer;
        set_timeout(
            move || {
                // Only this offer's own time runs out.
                if offer.with_untracked(|o| o.as_ref().is_some_and(|o| o.serial == serial)) {
                    offer.set(None);
                }
            },
            OFFERED_FOR,
        );
    }
}

pub fn provide_undo() {
    provide_context(Undo {
        offer: RwSignal::new(None),
        serial: StoredValue::new(0),
        undone: RwSignal::new(None),
    });
}

pub fn use_undo() -> Undo {
    expect_context::<Undo>()
}

/// The bar: what was done and its Undo button, then what Undo did.
#[component]
pub fn UndoBar() -> impl IntoView {
    let undo = use_undo();
    let run = use_command(|command: &Command| Ok(command.clone()));
    Effect::new(move || {
        if let Some(Ok(_)) = run.value().get() {
            undo.offer.set(None);
        }
    });
    let take_back = move |_| {
        if let Some(offer) = undo.offer.get_untracked() {
            undo.undone.set(Some(format!("Undone: {}", offer.said)));
            run.dispatch(offer.command);
        }
    };
    view! {
        // A live region (not a second "status": the network mark is that).
        <div class="undo-bar" aria-live="polite" data-testid="undo-bar">
            {move || {
                undo.offer.get().map(|offer| view! {
                    <p>
                        <span>{offer.said}</span>
                        " "
                        <button type="button" class="secondary" on:click=take_back disabled=move || run.pending().get()>
                            "Undo"
                        </button>
                    </p>
                })
            }}
            {move || {
                (undo.offer.with(Option::is_none) && matches!(run.value().get(), Some(Ok(_))))
                    .then(|| undo.undone.get().map(|said| view! { <p>{said}</p> }))
                    .flatten()
            }}
            <CommandAlert action=run />
        </div>
    }
}
