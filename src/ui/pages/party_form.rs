//! The form for a person, group or place and their gifts, to add one or
//! edit one: one screen, one save, made for a phone held in one hand on a
//! doorstep. Only the name is needed.

use leptos::prelude::*;

use crate::model::consent::{sharing_meaning, visibility_meaning};
use crate::model::draft::{GiftDraft, Opened, PartyDraft};
use crate::model::party::{PartyView, differences};
use crate::model::record::{
    ConsentHow, ContactKind, Field, Gift, GiftKind, GiftMode, Purpose, Record, Visibility,
};
use crate::model::{Kind, skill};
use crate::store::query::SkillTerms;
use crate::ui::command::{CommandAlert, refusal_at};
use crate::ui::fields::{Choice, TextField};
use crate::ui::live::{use_listed, use_query};
use crate::ui::local::now;
use crate::ui::position::PositionField;
use crate::ui::preferences;
use crate::ui::saved::{Saving, use_save};

/// What happened to the record elsewhere while its form was open.
#[derive(Debug, Clone, PartialEq)]
pub enum Elsewhere {
    /// Another tab or a sync saved a newer version: here it is.
    Changed(Box<PartyView>),
    /// It was deleted elsewhere.
    Deleted,
}

/// The fields that show their own refusals; any other is said at the top.
const AT_FIELDS: [Field; 3] = [Field::Name, Field::Phone, Field::Email];

/// One gift row's fields.
#[derive(Clone, Copy)]
struct GiftRow {
    key: u32,
    /// The saved gift this row edits, if any.
    base: StoredValue<Option<Opened<Gift>>>,
    kind: RwSignal<GiftKind>,
    mode: RwSignal<GiftMode>,
    skills: RwSignal<String>,
    tags: RwSignal<String>,
    description: RwSignal<String>,
    availability: RwSignal<String>,
}

impl GiftRow {
    fn new(key: u32, draft: GiftDraft) -> GiftRow {
        GiftRow {
            key,
            kind: RwSignal::new(draft.kind),
            mode: RwSignal::new(draft.mode),
            skills: RwSignal::new(draft.skills.join(", ")),
            tags: RwSignal::new(draft.tags.join(", ")),
            description: RwSignal::new(draft.description),
            availability: RwSignal::new(draft.availability),
            base: StoredValue::new(draft.base),
        }
    }

    fn draft(&self) -> GiftDraft {
        GiftDraft {
            base: self.base.get_value(),
            kind: self.kind.get_untracked(),
            mode: self.mode.get_untracked(),
            // Several skills go in one box, separated by commas.
            skills: self
                .skills
                .get_untracked()
                .split(',')
                .map(str::to_owned)
                .collect(),
            tags: self
                .tags
                .get_untracked()
                .split(',')
                .map(str::to_owned)
                .collect(),
            description: self.description.get_untracked(),
            availability: self.availability.get_untracked(),
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
    #[prop(optional, into)] elsewhere: Option<Signal<Option<Elsewhere>>>,
    #[prop(optional)] restart: Option<Callback<()>>,
) -> impl IntoView {
    let kind = draft.kind;
    let opened = draft.base.clone().map(|(_, _, record)| record);
    let base = StoredValue::new(draft.base);
    let removed = StoredValue::new(Vec::new());
    let name = RwSignal::new(draft.name);
    let area = RwSignal::new(draft.area);
    let description = RwSignal::new(draft.description);
    let street = RwSignal::new(draft.street);
    let town = RwSignal::new(draft.town);
    let postcode = RwSignal::new(draft.postcode);
    let facilities = RwSignal::new(draft.facilities);
    let accessibility = RwSignal::new(draft.accessibility);
    let location = RwSignal::new(draft.location);
    let phone = RwSignal::new(draft.phone);
    let email = RwSignal::new(draft.email);
    let post = RwSignal::new(draft.post);
    let other = RwSignal::new(draft.other);
    let preferred = RwSignal::new(draft.preferred);
    let visibility = RwSignal::new(draft.visibility);
    let agreed = RwSignal::new(draft.agreed);
    let consent_how = RwSignal::new(draft.consent_how);
    let consent_wording = StoredValue::new(draft.consent_wording);
    let mut rows: Vec<GiftRow> = draft
        .gifts
        .into_iter()
        .enumerate()
        .map(|(i, g)| GiftRow::new(i as u32, g))
        .collect();
    if rows.is_empty() {
        rows.push(GiftRow::new(0, GiftDraft::default()));
    }
    let next_key = StoredValue::new(rows.len() as u32);
    let gifts = RwSignal::new(rows);

    let in_use = use_listed(use_query(|| SkillTerms));

    let save = use_save(move |draft: &PartyDraft| {
        let (id, edits) = draft.to_edits(now(), &preferences::worker())?;
        let gifts = draft.gifts.iter().filter(|g| !g.is_blank()).count();
        Ok(Saving {
            edits,
            message: saved_message(
                draft.name.trim(),
                gifts,
                draft.kind == Kind::Person && !draft.agreed.contains(&Purpose::Store),
            ),
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
        let draft = PartyDraft {
            kind,
            base: base.get_value(),
            removed: removed.get_value(),
            name: name.get_untracked(),
            area: area.get_untracked(),
            description: description.get_untracked(),
            street: street.get_untracked(),
            town: town.get_untracked(),
            postcode: postcode.get_untracked(),
            facilities: facilities.get_untracked(),
            accessibility: accessibility.get_untracked(),
            location: location.get_untracked(),
            phone: phone.get_untracked(),
            email: email.get_untracked(),
            post: post.get_untracked(),
            other: other.get_untracked(),
            preferred: preferred.get_untracked(),
            gifts: gifts.get_untracked().iter().map(GiftRow::draft).collect(),
            visibility: visibility.get_untracked(),
            agreed: agreed.get_untracked(),
            consent_how: consent_how.get_untracked(),
            consent_wording: consent_wording.get_value(),
        };
        save.dispatch(draft);
    };
    let add_gift = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        gifts.update(|g| g.push(GiftRow::new(key, GiftDraft::default())));
    };
    let remove_gift = move |key: u32| {
        gifts.update(|g| {
            if let Some(at) = g.iter().position(|r| r.key == key) {
                // A saved gift removed from the form is deleted on save.
                if let Some((id, rev, _)) = g[at].base.get_value() {
                    removed.update_value(|r| r.push((id, rev)));
                }
                g.remove(at);
            }
        });
    };

    view! {
        <form class="record-form" on:submit=submit novalidate>
            <ChangedElsewhere elsewhere opened restart />
            <CommandAlert action=save fields=&AT_FIELDS />
            <TextField
                label=Field::Name.label()
                value=name
                autocomplete=if kind == Kind::Person { "name" } else { "organization" }
                required=true
                error=refusal_at(save, Field::Name)
            />
            {(kind != Kind::Person).then(|| view! { <TextField label="About it" value=description /> })}
            {match kind {
                Kind::Place => {
                    view! {
                        <TextField label="Street" value=street autocomplete="address-line1" />
                        <TextField label="Town" value=town autocomplete="address-level2" />
                        <TextField label="Postcode" value=postcode autocomplete="postal-code" />
                        <PositionField label="Position on the map" value=location />
                        <TextField
                            label="Facilities"
                            hint="Separated by commas: kitchen, hearing loop, parking."
                            value=facilities
                        />
                        <TextField label="Access" hint="Steps, toilets, parking for blue badges." value=accessibility />
                    }
                        .into_any()
                }
                _ => {
                    view! {
                        <TextField
                            label="Area or postcode"
                            hint="Only the district is kept: S40 1AB is saved as S40."
                            value=area
                            autocomplete="postal-code"
                        />
                    }
                        .into_any()
                }
            }}
            <TextField label=Field::Phone.label() value=phone input_type="tel" autocomplete="tel" error=refusal_at(save, Field::Phone) />
            <TextField label=Field::Email.label() value=email input_type="email" autocomplete="email" error=refusal_at(save, Field::Email) />
            // A place's own address is already above.
            {(kind != Kind::Place).then(|| view! {
                <TextField label="Postal address" value=post autocomplete="street-address" />
            })}
            <TextField label="Another way" hint="WhatsApp, a neighbour, a carer: how and who." value=other />
            <Choice
                legend="Try first"
                name="preferred".to_owned()
                options=contact_options(kind)
                selected=preferred
            />
            <datalist id="skill-terms">
                {move || {
                    skill::suggest("", &in_use.get(), &preferences::skill_list(), 300)
                        .into_iter()
                        .map(|t| view! { <option value=t></option> })
                        .collect_view()
                }}
            </datalist>
            <h2>"Gifts and needs"</h2>
            <For each=move || gifts.get() key=|row| row.key let:row>
                <GiftFields
                    row
                    number=move || gifts.with(|g| g.iter().position(|r| r.key == row.key).unwrap_or(0) + 1)
                    remove=move || remove_gift(row.key)
                />
            </For>
            <button type="button" class="secondary" on:click=add_gift>
                "Add another gift or need"
            </button>
            {if kind == Kind::Person {
                view! { <ConsentFields agreed consent_how consent_wording=consent_wording.get_value() visibility /> }
                    .into_any()
            } else {
                // Groups and places are not asked personal-consent questions.
                view! {
                    <h2>"Who can see it"</h2>
                    <VisibilityChoice visibility meaning=Signal::derive(move || visibility_meaning(visibility.get())) />
                }
                    .into_any()
            }}
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                {move || {
                    let unasked = kind == Kind::Person && agreed.with(|a| !a.contains(&Purpose::Store));
                    if unasked { "Save as not asked yet" } else { "Save" }
                }}
            </button>
        </form>
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

fn saved_message(name: &str, gifts: usize, unasked: bool) -> String {
    let name = if unasked {
        format!("{name} as not asked yet")
    } else {
        name.to_owned()
    };
    match gifts {
        0 => format!("Saved {name}."),
        1 => format!("Saved {name} with 1 gift or need."),
        n => format!("Saved {name} with {n} gifts and needs."),
    }
}

#[component]
fn GiftFields(
    row: GiftRow,
    number: impl Fn() -> usize + Send + Sync + 'static,
    remove: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let number = Memo::new(move |_| number());
    view! {
        <fieldset class="gift">
            <legend>{move || format!("Gift or need {}", number.get())}</legend>
            <Choice
                legend="This is"
                name=format!("gift-{}-mode", row.key)
                options=GiftMode::ALL.map(|m| (m, m.label())).to_vec()
                selected=row.mode
            />
            <Choice
                legend="Kind"
                name=format!("gift-{}-kind", row.key)
                options=GiftKind::ALL.map(|k| (k, k.explained())).to_vec()
                selected=row.kind
            />
            <TextField
                label="Skills"
                id=format!("gift-{}-skills", row.key)
                hint="Pick from the list or type new ones, separated by commas."
                list="skill-terms"
                value=row.skills
            />
            <TextField label="In their words" id=format!("gift-{}-description", row.key) value=row.description />
            <TextField
                label="Tags"
                id=format!("gift-{}-tags", row.key)
                hint="Your own words to find it by, separated by commas: lunch club, weekends."
                value=row.tags
            />
            <TextField
                label="When"
                id=format!("gift-{}-availability", row.key)
                placeholder="e.g. Tuesday mornings"
                value=row.availability
            />
            <button type="button" class="link" on:click=move |_| remove()>
                {move || format!("Remove gift or need {}", number.get())}
            </button>
        </fieldset>
    }
}

/// A person's consent, asked purpose by purpose, how it was given, and
/// who can see them, with what the two mean together said beside them.
#[component]
fn ConsentFields(
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
                .map(|purpose| view! { <ConsentBox purpose agreed /> })
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
fn VisibilityChoice(
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

#[component]
fn ConsentBox(
    purpose: Purpose,
    agreed: RwSignal<std::collections::BTreeSet<Purpose>>,
) -> impl IntoView {
    view! {
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || agreed.with(|a| a.contains(&purpose))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    agreed.update(|a| {
                        if on { a.insert(purpose); } else { a.remove(&purpose); }
                    });
                }
            />
            <span>{purpose.label()}</span>
        </label>
    }
}

/// Said at the top of the form, at once, when the record changed elsewhere
/// while it was open: what typed here is kept, what the newer version
/// says (on request), and the way to start again from it.
#[component]
fn ChangedElsewhere(
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
