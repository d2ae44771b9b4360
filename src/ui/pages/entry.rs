//! What every log entry's page shares, so any slip can be put right:
//! opening the entry the address names to change it, deleting it (asked
//! first, with an Undo after), asking "Is that right?" before saving
//! something more likely a slip, and going back where the person came
//! from.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::model::draft::Opened;
use crate::model::log::Doubt;
use crate::model::{DocId, Edit, Kind, Record};
use crate::store::query::{Current, InWords, VersionsOf, VersionsRead};
use crate::store::{Command, StoreError};
use crate::ui::command::{CommandAlert, use_command};
use crate::ui::live::{use_listed, use_query};
use crate::ui::page::Page;
use crate::ui::saved::Saved;
use crate::ui::undo::use_undo;

/// Where the page that changes an entry is, coming back to `back`.
pub fn change_path(kind: Kind, id: DocId, back: &str) -> Option<String> {
    let section = match kind {
        Kind::Hours => "log/hours",
        Kind::Session => "log/sessions",
        Kind::Connection => "log/connections",
        Kind::Activity => "activities",
        _ => return None,
    };
    Some(format!("/{section}/{id}?back={back}"))
}

/// The page the person came from ("?back=/log"), if the address says one
/// on this site.
pub fn use_back() -> Option<String> {
    use_query_map()
        .read_untracked()
        .get("back")
        .filter(|b| b.starts_with('/') && !b.starts_with("//"))
}

/// What became of an entry elsewhere while its form was open: a newer
/// version, or `None` when it was deleted.
pub type Elsewhere = Option<Option<Record>>;

/// The entry of `kind` the address names, read once to fill `form`;
/// later versions are said above the form, never poured over what is
/// typed.
#[component]
pub fn EditEntry(
    kind: Kind,
    title: &'static str,
    form: impl Fn(Opened<Record>, Signal<Elsewhere>) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<DocId>().ok())
            .filter(|id| id.kind() == kind)
    };
    let live = use_query(move || Current(id()));
    type Read = Option<Result<Option<Opened<Record>>, StoreError>>;
    let opened = Memo::new(move |before: Option<&(Option<DocId>, Read)>| {
        let id = id();
        match before {
            Some((was, Some(read))) if *was == id => (id, Some(Clone::clone(read))),
            _ => (id, live.get()),
        }
    });
    move || {
        let (_, read) = opened.get();
        Some(match read? {
            Ok(Some(opened)) => {
                let base = opened.1.clone();
                let elsewhere = Signal::derive(move || match live.get() {
                    Some(Ok(Some((_, now, newer)))) if now != base => Some(Some(newer)),
                    Some(Ok(None)) => Some(None),
                    _ => None,
                });
                let versions = opened.0;
                let body = form(opened, elsewhere);
                view! {
                    <Page title>
                        <OtherVersions id=versions />
                        {body}
                    </Page>
                }
                .into_any()
            }
            Ok(None) => view! {
                <Page title="Not on this device">
                    <p>"This entry is not on this device: it may have been deleted."</p>
                </Page>
            }
            .into_any(),
            Err(e) => view! {
                <Page title="Records unavailable">
                    <p class="notice" role="alert">{e.to_string()}</p>
                </Page>
            }
            .into_any(),
        })
    }
}

/// Said while the entry has another version kept beside it (changed in
/// two places at once), with the way to compare them and choose.
#[component]
fn OtherVersions(id: DocId) -> impl IntoView {
    let read = use_query(move || VersionsOf(Some(id)));
    move || {
        matches!(read.get()?, Ok(VersionsRead::Found(_))).then(|| view! {
            <section class="notice" data-testid="versions">
                <p>"This was changed on another phone or in another tab at the same time, so both versions are kept: nothing either side typed is lost."</p>
                <p>
                    <A href=crate::ui::pages::conflicts::versions_path(id) attr:class="button primary">
                        "Compare them and choose what to keep"
                    </A>
                </p>
            </section>
        })
    }
}

/// Said at once when the entry changed elsewhere while its form was open:
/// what is typed stays, and a save keeps both versions.
#[component]
pub fn ChangedElsewhere(elsewhere: Signal<Elsewhere>) -> impl IntoView {
    move || {
        let said = match elsewhere.get()? {
            Some(_) => {
                "This was changed in another tab or on another device while you had it open. What you typed here is kept, and saving keeps both versions."
            }
            None => {
                "This was deleted in another tab or on another device while you had it open. What you typed here is kept: saving puts it back."
            }
        };
        Some(view! { <p class="notice" role="alert" data-testid="changed-elsewhere">{said}</p> })
    }
}

/// Deletes the entry as opened, asked first; the page landed on says so,
/// and Undo brings it back for a while.
#[component]
pub fn DeleteEntry(opened: Opened<Record>, back: String) -> impl IntoView {
    let saved = expect_context::<Saved>();
    let undo = use_undo();
    let navigate = use_navigate();
    let asking = RwSignal::new(false);
    let (id, rev, record) = opened;
    // Said as the log says it, names and all.
    let words = use_listed(use_query({
        let record = record.clone();
        move || InWords(record.clone())
    }));
    let delete = use_command(move |_: &()| {
        Ok(Command::Apply(vec![Edit::Delete {
            id,
            parent: rev.clone(),
        }]))
    });
    let record = StoredValue::new(record);
    Effect::new(move || {
        if let Some(Ok(_)) = delete.value().get() {
            let said = format!("Deleted: {}.", words.get_untracked());
            let back_again = Edit::Revive {
                id,
                record: record.get_value(),
            };
            undo.offer(said.clone(), Command::Apply(vec![back_again]));
            saved.set(said.clone());
            navigate(&back, Default::default());
        }
    });
    view! {
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <button type="button" class="secondary danger" on:click=move |_| asking.set(true)>
                    "Delete this entry"
                </button>
            }
        >
            <section class="confirm" aria-labelledby="delete-heading">
                <h2 id="delete-heading" tabindex="-1">"Delete this entry?"</h2>
                <p>{words}</p>
                <CommandAlert action=delete />
                <button type="button" class="primary danger" on:click=move |_| { delete.dispatch(()); }>
                    "Yes, delete"
                </button>
                " "
                <button type="button" class="secondary" on:click=move |_| asking.set(false)>
                    "Keep it"
                </button>
            </section>
        </Show>
    }
}

/// A form's Save that asks first: on submit, what was `typed` is saved at
/// once unless `doubt_of` finds it more likely a slip; then the question
/// (`IsThatRight`, given the returned doubt and callback) saves it on Yes.
pub fn use_asking_save<D: Send + Sync + 'static, T: Send + Sync + 'static>(
    save: Action<D, T>,
    typed: impl Fn() -> D + Clone + Send + Sync + 'static,
    doubt_of: impl Fn(&D) -> Option<Doubt> + 'static,
) -> (
    RwSignal<Option<Doubt>>,
    impl Fn(leptos::ev::SubmitEvent) + 'static,
    Callback<()>,
) {
    let doubt = RwSignal::new(None::<Doubt>);
    let again = typed.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = typed();
        match doubt_of(&draft) {
            Some(d) => doubt.set(Some(d)),
            None => {
                save.dispatch(draft);
            }
        }
    };
    let confirmed = Callback::new(move |_| {
        doubt.set(None);
        save.dispatch(again());
    });
    (doubt, submit, confirmed)
}

/// "Is that right?" beside the Save button, when what was typed is
/// possible but more likely a slip: Yes saves it as it is, No goes back
/// to `field` to change it.
#[component]
pub fn IsThatRight(
    doubt: RwSignal<Option<Doubt>>,
    on_yes: Callback<()>,
    /// The id of the field to go back to.
    field: &'static str,
) -> impl IntoView {
    let question = NodeRef::<leptos::html::P>::new();
    // The question is where the person is looking: focus goes to it.
    Effect::new(move || {
        if doubt.with(Option::is_some)
            && let Some(p) = question.get()
        {
            let _ = p.focus();
        }
    });
    let change = move |_| {
        doubt.set(None);
        if let Some(input) = leptos::prelude::document().get_element_by_id(field)
            && let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(input)
        {
            let _ = input.focus();
        }
    };
    move || {
        doubt.get().map(|d| {
            view! {
                <div class="confirm" data-testid="is-that-right">
                    <p role="alert" tabindex="-1" node_ref=question>{d.to_string()}</p>
                    <button type="button" class="primary" on:click=move |_| on_yes.run(())>
                        "Yes, save it"
                    </button>
                    " "
                    <button type="button" class="secondary" on:click=change>
                        "No, change it"
                    </button>
                </div>
            }
        })
    }
}
