//! What the Sync page tells the worker after an action: a sentence in a
//! live region that takes focus, so it is seen and heard where they are.

use leptos::html;
use leptos::prelude::*;

use crate::sync::SyncError;
use crate::sync::connect::{Connected, test_connection};
use crate::sync::setup::SyncSettings;
use crate::ui::command::bring_to;

/// One sentence: news (a status) or a refusal (an alert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub text: String,
    pub alert: bool,
}

impl Said {
    pub fn news(text: impl Into<String>) -> Option<Said> {
        Some(Said {
            text: text.into(),
            alert: false,
        })
    }

    pub fn alert(why: impl ToString) -> Option<Said> {
        Some(Said {
            text: why.to_string(),
            alert: true,
        })
    }
}

/// Shows what was said; each time something is said (even the same
/// again) focus moves to it.
#[component]
pub fn Told(said: RwSignal<Option<Said>>, #[prop(into)] testid: String) -> impl IntoView {
    let region = NodeRef::<html::P>::new();
    Effect::new(move || {
        if said.with(Option::is_some) {
            bring_to(region, region);
        }
    });
    move || {
        said.get().map(|Said { text, alert }| {
            view! {
                <p
                    class=if alert { "notice" } else { "saved" }
                    role=if alert { "alert" } else { "status" }
                    tabindex="-1"
                    data-testid=testid.clone()
                    node_ref=region
                >
                    {text}
                </p>
            }
        })
    }
}

/// What a test was of, and what came of it.
pub type Tested = (SyncSettings, String, Result<Connected, SyncError>);

/// "Test connection": the action, and its answer said in `said`.
pub fn use_test(said: RwSignal<Option<Said>>) -> Action<(SyncSettings, String), Tested> {
    let test = Action::new_local(|(settings, password): &(SyncSettings, String)| {
        let (settings, password) = (settings.clone(), password.clone());
        async move {
            let result = test_connection(&settings, &password).await;
            (settings, password, result)
        }
    });
    Effect::new(move || {
        if test.pending().get() {
            said.set(Said::news("Testing the connection…"));
        } else if let Some((settings, _, result)) = test.value().get() {
            said.set(match result {
                Ok(_) => Said::news(connected(&settings)),
                Err(why) => Said::alert(why),
            });
        }
    });
    test
}

/// What a good test says.
fn connected(settings: &SyncSettings) -> String {
    let name = settings.db().map(|db| db.name).unwrap_or_default();
    if settings.user.is_empty() {
        format!("Connected: the server answers, and the database {name} is open to this phone.")
    } else {
        format!(
            "Connected: the server answers, and {} may use the database {name}.",
            settings.user
        )
    }
}
