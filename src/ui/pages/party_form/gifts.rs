//! The gift rows of a person's, group's or place's form: what kind, offered
//! or needed, which skills, in their words, when. A saved gift removed
//! from the form is deleted on save; a row left blank is not saved.

use leptos::prelude::*;

use crate::model::draft::{GiftDraft, Opened};
use crate::model::record::{Gift, GiftKind, GiftMode};
use crate::model::skill;
use crate::store::query::SkillTerms;
use crate::ui::fields::{Choice, TextField};
use crate::ui::live::{use_listed, use_query};
use crate::ui::preferences;

/// One gift row's fields.
#[derive(Clone, Copy)]
pub struct GiftRow {
    pub key: u32,
    /// The saved gift this row edits, if any.
    pub base: StoredValue<Option<Opened<Gift>>>,
    kind: RwSignal<GiftKind>,
    mode: RwSignal<GiftMode>,
    skills: RwSignal<String>,
    tags: RwSignal<String>,
    description: RwSignal<String>,
    availability: RwSignal<String>,
}

impl GiftRow {
    pub fn new(key: u32, draft: GiftDraft) -> GiftRow {
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

    pub fn draft(&self) -> GiftDraft {
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

/// Every gift row, a button for another, and the skills offered as
/// suggestions while typing.
#[component]
pub fn GiftRows(gifts: Gifts) -> impl IntoView {
    let in_use = use_listed(use_query(|| SkillTerms));
    view! {
        <datalist id="skill-terms">
            {move || {
                skill::suggest("", &in_use.get(), &preferences::skill_list(), 300)
                    .into_iter()
                    .map(|t| view! { <option value=t></option> })
                    .collect_view()
            }}
        </datalist>
        <h2 id="gifts">"Gifts and needs"</h2>
        <For each=move || gifts.rows.get() key=|row| row.key let:row>
            <GiftFields
                row
                number=move || gifts.rows.with(|g| g.iter().position(|r| r.key == row.key).unwrap_or(0) + 1)
                remove=move || gifts.remove(row.key)
            />
        </For>
        <button type="button" class="secondary" on:click=move |_| gifts.add()>
            "Add another gift or need"
        </button>
    }
}

/// The rows on the form, and the saved gifts removed from it.
#[derive(Clone, Copy)]
pub struct Gifts {
    pub rows: RwSignal<Vec<GiftRow>>,
    pub removed: StoredValue<Vec<(crate::model::DocId, crate::model::Rev)>>,
    next_key: StoredValue<u32>,
}

impl Gifts {
    /// The rows for these gifts; one empty row when there are none.
    pub fn new(gifts: Vec<GiftDraft>) -> Gifts {
        let mut rows: Vec<GiftRow> = gifts
            .into_iter()
            .enumerate()
            .map(|(i, g)| GiftRow::new(i as u32, g))
            .collect();
        if rows.is_empty() {
            rows.push(GiftRow::new(0, GiftDraft::default()));
        }
        Gifts {
            next_key: StoredValue::new(rows.len() as u32),
            rows: RwSignal::new(rows),
            removed: StoredValue::new(Vec::new()),
        }
    }

    fn add(&self) {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        self.rows
            .update(|g| g.push(GiftRow::new(key, GiftDraft::default())));
    }

    fn remove(&self, key: u32) {
        let removed = self.removed;
        self.rows.update(|g| {
            if let Some(at) = g.iter().position(|r| r.key == key) {
                // A saved gift removed from the form is deleted on save.
                if let Some((id, rev, _)) = g[at].base.get_value() {
                    removed.update_value(|r| r.push((id, rev)));
                }
                g.remove(at);
            }
        });
    }

    pub fn drafts(&self) -> Vec<GiftDraft> {
        self.rows
            .get_untracked()
            .iter()
            .map(GiftRow::draft)
            .collect()
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
