//! A person's consent on their form, purpose by purpose, and who can see
//! them, with what the two mean together said as they change. Groups and
//! places are asked only who can see them.

use leptos::prelude::*;

use crate::model::consent::sharing_meaning;
use crate::model::record::{ConsentHow, Purpose, Visibility};
use crate::ui::fields::{Choice, Tick};

/// A person's consent, asked purpose by purpose, how it was given, and
/// who can see them, with what the two mean together said beside them.
#[component]
pub fn ConsentFields(
    agreed: RwSignal<std::collections::BTreeSet<Purpose>>,
    consent_how: RwSignal<ConsentHow>,
    consent_wording: String,
    visibility: RwSignal<Visibility>,
) -> impl IntoView {
    let meaning = Signal::derive(move || {
        agreed.with(|a| {
            sharing_meaning(
                visibility.get(),
                a.contains(&Purpose::Store),
                a.contains(&Purpose::ShareWithTeam),
            )
        })
    });
    view! {
        <h2>"Consent and who can see them"</h2>
        <fieldset class="consent">
            <legend>"They agreed to"</legend>
            <p class="hint" data-testid="consent-wording">{consent_wording}</p>
            {Purpose::ALL
                .into_iter()
                .map(|purpose| view! { <Tick value=purpose label=purpose.label().to_owned() ticked=agreed /> })
                .collect_view()}
        </fieldset>
        <Choice
            legend="How they agreed"
            name="consent-how".to_owned()
            options=ConsentHow::OFFERED.map(|h| (h, h.label())).to_vec()
            selected=consent_how
        />
        <VisibilityChoice visibility meaning />
    }
}

/// "Who can see them", and what the choice means, said as it changes.
#[component]
pub fn VisibilityChoice(
    visibility: RwSignal<Visibility>,
    meaning: Signal<&'static str>,
) -> impl IntoView {
    view! {
        <Choice
            legend="Who can see them"
            name="visibility".to_owned()
            options=Visibility::ALL.map(|v| (v, v.label())).to_vec()
            selected=visibility
        />
        <p class="hint" data-testid="sharing-meaning" aria-live="polite">{move || meaning.get()}</p>
    }
}
