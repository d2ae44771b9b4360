//! What a form says when its record changed elsewhere while it was open.

use leptos::prelude::*;

use crate::model::party::{PartyView, differences};
use crate::model::record::Record;

/// What happened to the record elsewhere while its form was open.
#[derive(Debug, Clone, PartialEq)]
pub enum Elsewhere {
    /// Another tab or a sync saved a newer version: here it is.
    Changed(Box<PartyView>),
    /// It was deleted elsewhere.
    Deleted,
}

/// Said at the top of the form, at once, when the record changed elsewhere
/// while it was open: what typed here is kept, what the newer version
/// says (on request), and the way to start again from it.
#[component]
pub fn ChangedElsewhere(
    elsewhere: Signal<Option<Elsewhere>>,
    opened: Option<Record>,
    restart: Option<Callback<()>>,
) -> impl IntoView {
    let opened = StoredValue::new(opened);
    move || {
        let what = elsewhere.get()?;
        let (said, newer) = match &what {
            Elsewhere::Changed(view) => (
                "This was changed in another tab or on another device while you had it open. What you typed here is kept: saving keeps both versions side by side, and their page shows both.",
                Some(newer_lines(opened.get_value().as_ref(), view)),
            ),
            Elsewhere::Deleted => (
                "This was deleted in another tab or on another device while you had it open. What you typed here is kept: saving puts it back with your changes.",
                None,
            ),
        };
        Some(view! {
            <section class="notice" role="alert" data-testid="changed-elsewhere">
                <p>{said}</p>
                {newer.map(|lines| view! {
                    <details data-testid="newer-version">
                        <summary>"Show the newer version"</summary>
                        <ul class="records">
                            {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                        </ul>
                        {restart.map(|restart| view! {
                            <button type="button" class="secondary" on:click=move |_| restart.run(())>
                                "Start again from the newer version"
                            </button>
                            <p class="hint">"This drops what you typed here."</p>
                        })}
                    </details>
                })}
            </section>
        })
    }
}

/// What the newer version says that the one opened did not, and its
/// gifts and needs as they are now.
fn newer_lines(opened: Option<&Record>, newer: &PartyView) -> Vec<String> {
    let mut lines = match opened {
        Some(opened) => differences(opened, &newer.party.2),
        None => Vec::new(),
    };
    let gifts: Vec<String> = newer
        .gifts
        .iter()
        .map(|(_, _, g)| format!("{} {}", g.mode.label(), g.title()))
        .collect();
    lines.push(if gifts.is_empty() {
        "Gifts and needs: none".to_owned()
    } else {
        format!("Gifts and needs: {}", gifts.join("; "))
    });
    lines
}
