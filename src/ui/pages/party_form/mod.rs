//! The form for a person, group or place, made for a phone held in one
//! hand on a doorstep. Adding a person is two short steps: who they are,
//! how to reach them and what they agreed to (saved on its own), then
//! their gifts and needs. A group or place, or any record edited, is one
//! form. Only the name is needed. Refusals are said at the field, others
//! beside Save; a possible duplicate is pointed out before saving.

mod consent;
mod elsewhere;
mod gifts;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::model::consent::visibility_meaning;
use crate::model::draft::PartyDraft;
use crate::model::record::{ConsentHow, ContactKind, Field, Purpose, Visibility};
use crate::model::{DocId, Kind};
use crate::store::query::Namesakes;
use crate::ui::command::{CommandAlert, refusal_at};
use crate::ui::fields::{Choice, TextField};
use crate::ui::live::{use_listed, use_query};
use crate::ui::local::now;
use crate::ui::position::PositionField;
use crate::ui::preferences;
use crate::ui::saved::{Saving, use_save};

use consent::{ConsentFields, VisibilityChoice};
use elsewhere::ChangedElsewhere;
pub use elsewhere::Elsewhere;
use gifts::{GiftRows, Gifts};

/// Which part of the form is shown. What is not shown keeps the values
/// it was opened with, so a step never wipes what another step saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Everything: a group, a place, or any record opened to edit.
    Whole,
    /// A new person's first step: name, area, a way to reach them, consent.
    First,
    /// A person's gifts and needs, added next.
    Gifts,
}

/// The fields that show their own refusals; any other is said beside Save.
const AT_FIELDS: [Field; 3] = [Field::Name, Field::Phone, Field::Email];

/// Every box of the form, as signals filled once from the draft.
#[derive(Clone, Copy)]
struct Boxes {
    name: RwSignal<String>,
    area: RwSignal<String>,
    description: RwSignal<String>,
    street: RwSignal<String>,
    town: RwSignal<String>,
    postcode: RwSignal<String>,
    facilities: RwSignal<String>,
    accessibility: RwSignal<String>,
    location: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    post: RwSignal<String>,
    other: RwSignal<String>,
    languages: RwSignal<String>,
    preferred: RwSignal<Option<ContactKind>>,
    visibility: RwSignal<Visibility>,
    agreed: RwSignal<std::collections::BTreeSet<Purpose>>,
    consent_how: RwSignal<ConsentHow>,
    gifts: Gifts,
}

impl Boxes {
    fn new(draft: &PartyDraft) -> Boxes {
        let text = |s: &String| RwSignal::new(s.clone());
        Boxes {
            name: text(&draft.name),
            area: text(&draft.area),
            description: text(&draft.description),
            street: text(&draft.street),
            town: text(&draft.town),
            postcode: text(&draft.postcode),
            facilities: text(&draft.facilities),
            accessibility: text(&draft.accessibility),
            location: text(&draft.location),
            phone: text(&draft.phone),
            email: text(&draft.email),
            post: text(&draft.post),
            other: text(&draft.other),
            languages: text(&draft.languages),
            preferred: RwSignal::new(draft.preferred),
            visibility: RwSignal::new(draft.visibility),
            agreed: RwSignal::new(draft.agreed.clone()),
            consent_how: RwSignal::new(draft.consent_how),
            gifts: Gifts::new(draft.gifts.clone()),
        }
    }

    /// The draft as typed, over the one opened.
    fn typed(&self, opened: &PartyDraft) -> PartyDraft {
        PartyDraft {
            removed: self.gifts.removed.get_value(),
            name: self.name.get_untracked(),
            area: self.area.get_untracked(),
            description: self.description.get_untracked(),
            street: self.street.get_untracked(),
            town: self.town.get_untracked(),
            postcode: self.postcode.get_untracked(),
            facilities: self.facilities.get_untracked(),
            accessibility: self.accessibility.get_untracked(),
            location: self.location.get_untracked(),
            phone: self.phone.get_untracked(),
            email: self.email.get_untracked(),
            post: self.post.get_untracked(),
            other: self.other.get_untracked(),
            languages: self.languages.get_untracked(),
            preferred: self.preferred.get_untracked(),
            gifts: self.gifts.drafts(),
            visibility: self.visibility.get_untracked(),
            agreed: self.agreed.get_untracked(),
            consent_how: self.consent_how.get_untracked(),
            ..opened.clone()
        }
    }
}

/// The form, filled from `draft`: empty to add one, or opened from one
/// saved. A save lands on the record's page. `elsewhere` says when the
/// record changed elsewhere since it was opened; `restart` opens the form
/// again from the newer version.
#[component]
pub fn PartyForm(
    draft: PartyDraft,
    #[prop(default = Step::Whole)] step: Step,
    #[prop(optional, into)] elsewhere: Option<Signal<Option<Elsewhere>>>,
    #[prop(optional)] restart: Option<Callback<()>>,
) -> impl IntoView {
    let kind = draft.kind;
    let opened = draft.base.clone().map(|(_, _, record)| record);
    let adding = draft.base.is_none();
    let boxes = Boxes::new(&draft);
    let draft = StoredValue::new(draft);

    let save = use_save(move |draft: &PartyDraft| {
        let (id, edits) = draft.to_edits(now(), &preferences::worker())?;
        let gifts = draft.gifts.iter().filter(|g| !g.is_blank()).count();
        let unasked = draft.kind == Kind::Person && !draft.agreed.contains(&Purpose::Store);
        Ok(Saving {
            edits,
            message: saved_message(draft.name.trim(), gifts, unasked, step),
            then: format!("/people/{id}"),
        })
    });
    // Its own save is announced too: that is not news from elsewhere.
    let elsewhere = Signal::derive(move || {
        let saving = save.pending().get() || matches!(save.value().get(), Some(Ok(_)));
        elsewhere.and_then(|e| e.get()).filter(|_| !saving)
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(draft.with_value(|opened| boxes.typed(opened)));
    };
    let unasked =
        move || kind == Kind::Person && boxes.agreed.with(|a| !a.contains(&Purpose::Store));

    view! {
        <form class="record-form" on:submit=submit novalidate>
            <ChangedElsewhere elsewhere opened restart />
            {(step != Step::Gifts).then(|| view! {
                <TextField
                    label=Field::Name.label()
                    value=boxes.name
                    required=true
                    error=refusal_at(save, Field::Name)
                />
                <AboutFields kind boxes />
                {(adding && kind == Kind::Person).then(|| view! { <Namesake boxes /> })}
                <TextField label=Field::Phone.label() value=boxes.phone input_type="tel" error=refusal_at(save, Field::Phone) />
                <TextField label=Field::Email.label() value=boxes.email input_type="email" error=refusal_at(save, Field::Email) />
            })}
            {(step == Step::Whole).then(|| view! { <MoreWays kind boxes /> })}
            {(step != Step::First).then(|| view! { <GiftRows gifts=boxes.gifts /> })}
            {(step != Step::Gifts).then(|| if kind == Kind::Person {
                view! {
                    <ConsentFields
                        agreed=boxes.agreed
                        consent_how=boxes.consent_how
                        consent_wording=draft.with_value(|d| d.consent_wording.clone())
                        visibility=boxes.visibility
                    />
                }
                    .into_any()
            } else {
                // Groups and places are not asked personal-consent questions.
                let visibility = boxes.visibility;
                view! {
                    <h2>"Who can see it"</h2>
                    <VisibilityChoice visibility meaning=Signal::derive(move || visibility_meaning(visibility.get())) />
                }
                    .into_any()
            })}
            // A failure is said beside Save, where the person is looking.
            <CommandAlert action=save fields=&AT_FIELDS />
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                {move || match (step, unasked()) {
                    (Step::Gifts, _) => "Save gifts and needs",
                    (_, true) => "Save as not asked yet",
                    _ => "Save",
                }}
            </button>
        </form>
    }
}

/// Where they are and what they are: a person's or group's area; a
/// group's or place's words about itself; a place's address, position,
/// facilities and access.
#[component]
fn AboutFields(kind: Kind, boxes: Boxes) -> impl IntoView {
    view! {
        {(kind != Kind::Person).then(|| view! { <TextField label="About it" value=boxes.description /> })}
        {if kind == Kind::Place {
            view! {
                <TextField label="Street" value=boxes.street />
                <TextField label="Town" value=boxes.town />
                <TextField label="Postcode" value=boxes.postcode />
                <PositionField label="Position on the map" value=boxes.location />
                <TextField
                    label="Facilities"
                    hint="Separated by commas: kitchen, hearing loop, parking."
                    value=boxes.facilities
                />
                <TextField label="Access" hint="Steps, toilets, parking for blue badges." value=boxes.accessibility />
            }
                .into_any()
        } else {
            view! {
                <TextField
                    label="Area or postcode"
                    hint="Only the district is kept: S40 1AB is saved as S40."
                    value=boxes.area
                />
                {(kind == Kind::Person).then(|| view! {
                    <TextField label="Languages they speak" hint="Separated by commas: Polish, English." value=boxes.languages />
                })}
            }
                .into_any()
        }}
    }
}

/// The other ways to reach them, and which to try first.
#[component]
fn MoreWays(kind: Kind, boxes: Boxes) -> impl IntoView {
    view! {
        // A place's own address is already above.
        {(kind != Kind::Place).then(|| view! {
            <TextField label="Postal address" value=boxes.post />
        })}
        <TextField label="Another way" hint="WhatsApp, a neighbour, a carer: how and who." value=boxes.other />
        <Choice
            legend="Try first"
            name="preferred".to_owned()
            options=contact_options(kind)
            selected=boxes.preferred
        />
    }
}

/// Someone already recorded with the same name in the same area, said as
/// the name and area are typed, with the way to their record. Saving is
/// still allowed: two neighbours may share a name.
#[component]
fn Namesake(boxes: Boxes) -> impl IntoView {
    let found = use_listed(use_query(move || Namesakes {
        name: boxes.name.get(),
        area: boxes.area.get(),
        except: None,
    }));
    view! {
        <div aria-live="polite" data-testid="namesake">
            {move || {
                let found: Vec<(DocId, String)> = found.get();
                (!found.is_empty()).then(|| view! {
                    <div class="notice">
                        <p>
                            {match found.len() {
                                1 => "Already on this device, with the same name and area:".to_owned(),
                                n => format!("{n} already on this device, with the same name and area:"),
                            }}
                        </p>
                        <ul class="records">
                            {found.into_iter().map(|(id, name)| view! {
                                <li><A href=format!("/people/{id}")>{format!("Open {name}'s record")}</A></li>
                            }).collect_view()}
                        </ul>
                        <p class="hint">"If this is someone else, save: Kith keeps both."</p>
                    </div>
                })
            }}
        </div>
    }
}

/// The ways to reach them, as the "try first" choice offers them.
fn contact_options(kind: Kind) -> Vec<(Option<ContactKind>, &'static str)> {
    [
        ContactKind::Phone,
        ContactKind::Email,
        ContactKind::Address,
        ContactKind::Other,
    ]
    .into_iter()
    // A place's own address is its address.
    .filter(|k| kind != Kind::Place || *k != ContactKind::Address)
    .map(|k| (Some(k), k.label()))
    .collect()
}

fn saved_message(name: &str, gifts: usize, unasked: bool, step: Step) -> String {
    let name = if unasked {
        format!("{name} as not asked yet")
    } else {
        name.to_owned()
    };
    match (step, gifts) {
        (Step::First, _) => format!("Saved {name}. Add what they can give and need next."),
        (_, 0) => format!("Saved {name}."),
        (_, 1) => format!("Saved {name} with 1 gift or need."),
        (_, n) => format!("Saved {name} with {n} gifts and needs."),
    }
}
