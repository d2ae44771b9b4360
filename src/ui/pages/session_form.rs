//! A session for a whole group on one screen: pick the activity, tick who
//! came (and say how many more), save. Where it was held starts as the
//! activity's usual place. The same form changes or deletes a session
//! saved, and asks before saving far more people than the activity has
//! ever had.

use leptos::prelude::*;

use crate::model::log::SessionDraft;
use crate::model::{DocId, Kind, Record};
use crate::store::query::{Current, MostCame};
use crate::ui::command::{CommandAlert, CommandError};
use crate::ui::fields::TextField;
use crate::ui::live::{use_listed, use_query};
use crate::ui::local::{now, today};
use crate::ui::page::Page;
use crate::ui::pages::entry::{
    ChangedElsewhere, DeleteEntry, EditEntry, Elsewhere, IsThatRight, use_asking_save, use_back,
};
use crate::ui::pages::roster::{Pick, Roster, use_everyone, use_names};
use crate::ui::preferences::worker;
use crate::ui::saved::{Saving, use_save};

fn saving(draft: &SessionDraft, then: String) -> Result<Saving, CommandError> {
    let (_, edit) = draft.to_edit(now(), &worker())?;
    let came = draft.count().unwrap_or(0);
    Ok(Saving {
        edits: vec![edit],
        message: format!(
            "Saved the session: {came} {}.",
            if came == 1 {
                "person came"
            } else {
                "people came"
            }
        ),
        then,
    })
}

#[component]
pub fn NewSessionPage() -> impl IntoView {
    let draft = SessionDraft {
        date: today().to_string(),
        ..Default::default()
    };
    view! {
        <Page title="Record a session">
            <SessionForm draft />
        </Page>
    }
}

#[component]
pub fn EditSessionPage() -> impl IntoView {
    view! {
        <EditEntry kind=Kind::Session title="Change a session" form=|opened, elsewhere| {
            match opened {
                (id, rev, Record::Session(s)) => {
                    view! { <SessionForm draft=SessionDraft::open(id, rev, s) elsewhere /> }.into_any()
                }
                _ => ().into_any(),
            }
        } />
    }
}

#[component]
fn SessionForm(
    draft: SessionDraft,
    #[prop(optional, into)] elsewhere: Option<Signal<Elsewhere>>,
) -> impl IntoView {
    let names = use_everyone();
    let choices = use_names(&[Kind::Activity]);
    let place_names = use_names(&[Kind::Place]);

    let base = StoredValue::new(draft.base.clone());
    let activity = RwSignal::new(draft.activity);
    let date = RwSignal::new(draft.date);
    let place = RwSignal::new(draft.place);
    let attendees = RwSignal::new(draft.attendees);
    let others = RwSignal::new(draft.others);
    let note = RwSignal::new(draft.note);
    use_usual_place(activity, place, draft.base.is_some());
    let except = draft.base.as_ref().map(|(id, _, _)| *id);
    let most = use_listed(use_query(move || MostCame {
        activity: activity.get(),
        except,
    }));

    let back = use_back().unwrap_or_else(|| "/log".to_owned());
    let then = back.clone();
    let save = use_save(move |draft: &SessionDraft| saving(draft, then.clone()));
    let typed = move || SessionDraft {
        base: base.get_value(),
        activity: activity.get_untracked(),
        date: date.get_untracked(),
        place: place.get_untracked(),
        attendees: attendees.get_untracked(),
        others: others.get_untracked(),
        note: note.get_untracked(),
    };
    let (doubt, submit, confirmed) = use_asking_save(save, typed, move |d: &SessionDraft| {
        d.doubt(most.get_untracked())
    });
    let deleting = draft.base.map(|(id, rev, s)| {
        view! { <DeleteEntry opened=(id, rev, Record::Session(s)) back=back.clone() /> }
    });
    view! {
        <form class="record-form" on:submit=submit novalidate>
            {elsewhere.map(|elsewhere| view! { <ChangedElsewhere elsewhere /> })}
            <Pick label="Activity" id="session-activity" choices=choices chosen=activity />
            <TextField label="Date" id="session-date" value=date input_type="date" />
            <Pick label="Where" id="session-place" choices=place_names chosen=place none="Not said" />
            <Roster legend="Who came" people=names ticked=attendees />
            <TextField
                label="Others who came"
                id="session-others"
                hint="People not named here: a number."
                value=others
                input_type="number"
            />
            <TextField label="Note" id="session-note" value=note />
            <IsThatRight doubt on_yes=confirmed field="session-others" />
            // A failure is said beside Save, where the person is looking.
            <CommandAlert action=save />
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                "Save"
            </button>
        </form>
        {deleting}
    }
}

/// Choosing the activity puts in its usual place, unless another place
/// was chosen by hand: that choice stands.
fn use_usual_place(
    activity: RwSignal<Option<DocId>>,
    place: RwSignal<Option<DocId>>,
    opened: bool,
) {
    let chosen = use_listed(use_query(move || Current(activity.get())));
    // What was put in by this rule last (or opened with): only that may
    // be replaced, and only when the activity changes (a session opened
    // to change keeps the place it was saved with).
    let filled = StoredValue::new(place.get_untracked());
    let applied_for = StoredValue::new(activity.get_untracked().filter(|_| opened));
    Effect::new(move || {
        let (id, usual) = match chosen.get() {
            Some((id, _, Record::Activity(a))) => (id, a.place),
            _ => return,
        };
        if applied_for.get_value() == Some(id) {
            return;
        }
        applied_for.set_value(Some(id));
        if place.get_untracked() == filled.get_value() {
            place.set(usual);
            filled.set_value(usual);
        }
    });
}
