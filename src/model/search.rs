//! Search as you type across people, groups and places: their names, areas,
//! and their gifts' skills, tags and words. Plain Rust over an in-memory
//! index, rebuilt from the store, so every keystroke is answered at once.
//!
//! Every word typed must start some word of the record (so "gard" finds
//! "community gardening"); filters narrow by type, gift kind and mode,
//! skill term and area. Hits are ranked, names first.

use std::collections::BTreeMap;

use super::id::{DocId, Kind};
use super::record::{GiftKind, GiftMode, Record, Schedule};
use super::skill;

/// What a person narrows a search by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub kind: Option<Kind>,
    pub gift_kind: Option<GiftKind>,
    pub mode: Option<GiftMode>,
    /// A skill term, in any case or spacing.
    pub skill: Option<String>,
    /// An area or postcode district ("S40" also finds "S40 1").
    pub area: Option<String>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.kind.is_none()
            && self.gift_kind.is_none()
            && self.mode.is_none()
            && self.skill.as_deref().is_none_or(|s| s.trim().is_empty())
            && self.area.as_deref().is_none_or(|s| s.trim().is_empty())
    }
}

/// One gift as search sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Facet {
    /// The gift (or activity) this is.
    pub(super) id: DocId,
    pub(super) kind: GiftKind,
    pub(super) mode: GiftMode,
    pub(super) skills: Vec<String>,
    pub(super) words: Vec<String>,
    /// When, in the person's words ("Tuesday mornings").
    pub(super) availability: String,
}

/// A person, group or place with everything it can be found by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Card {
    pub(super) id: DocId,
    pub(super) name: String,
    /// The name in lower case, to sort by.
    sort_name: String,
    name_words: Vec<String>,
    pub(super) area: String,
    /// The area in lower case, to match typed letters and filters.
    area_lower: String,
    pub(super) facets: Vec<Facet>,
}

/// A search result: who, and why they matched, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub id: DocId,
    pub name: String,
    pub area: String,
    pub why: String,
}

/// The searchable form of a neighbourhood.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub(super) cards: Vec<Card>,
}

/// Lower-case words of a text, split at anything not a letter or digit.
pub(super) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Index {
    /// Builds the index from live records: parties, the gifts that belong
    /// to them, and activities (others are ignored). An activity offers its
    /// skills, at its schedule, in its group's area.
    pub fn build(records: impl IntoIterator<Item = (DocId, Record)>) -> Index {
        let mut cards: BTreeMap<DocId, Card> = BTreeMap::new();
        let mut gifts = Vec::new();
        let mut activities = Vec::new();
        for (id, record) in records {
            match record {
                Record::Person(p) => {
                    cards.insert(id, Card::new(id, p.name, p.area));
                }
                Record::Group(g) => {
                    cards.insert(id, Card::new(id, g.name, g.area));
                }
                Record::Place(p) => {
                    cards.insert(id, Card::new(id, p.name, p.area));
                }
                Record::Gift(g) => gifts.push((id, g)),
                Record::Activity(a) => activities.push((id, a)),
                _ => {}
            }
        }
        for (id, gift) in gifts {
            if let Some(card) = cards.get_mut(&gift.owner) {
                let mut text = gift.description;
                for tag in &gift.tags {
                    text.push(' ');
                    text.push_str(tag);
                }
                card.facets.push(Facet {
                    id,
                    kind: gift.kind,
                    mode: gift.mode,
                    skills: skill::normalize_all(&gift.skills),
                    words: words(&text),
                    availability: gift.availability,
                });
            }
        }
        for (id, activity) in activities {
            let area = activity
                .group
                .and_then(|g| cards.get(&g))
                .map(|g| g.area.clone())
                .unwrap_or_default();
            let mut card = Card::new(id, activity.name, area);
            card.facets.push(Facet {
                id,
                kind: GiftKind::Hands,
                mode: GiftMode::Offer,
                skills: skill::normalize_all(&activity.skills),
                words: words(&format!(
                    "{} {}",
                    activity.description,
                    activity.tags.join(" ")
                )),
                availability: schedule_words(&activity.schedule),
            });
            cards.insert(id, card);
        }
        Index {
            cards: cards.into_values().collect(),
        }
    }

    /// How many people, groups and places can be found.
    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// The best `limit` hits for a query, best first (then by name), with
    /// how many matched in all.
    pub fn search(&self, query: &Query, limit: usize) -> (Vec<Hit>, usize) {
        let terms = words(&query.text);
        let skill_filter = query
            .skill
            .as_deref()
            .map(skill::normalize)
            .filter(|s| !s.is_empty());
        let area_filter = query
            .area
            .as_deref()
            .map(|a| a.trim().to_lowercase())
            .filter(|a| !a.is_empty());
        // First score every card (cheap, no text made), then say why for
        // the few that are shown.
        let mut scored: Vec<(u32, &Card, Vec<&Facet>)> = Vec::new();
        for card in &self.cards {
            if query.kind.is_some_and(|k| k != card.id.kind()) {
                continue;
            }
            if let Some(area) = &area_filter
                && !card.area_lower.starts_with(area.as_str())
            {
                continue;
            }
            // Gifts that pass the gift filters; a card needs one if any is set.
            let gift_filtered =
                query.gift_kind.is_some() || query.mode.is_some() || skill_filter.is_some();
            let facets: Vec<&Facet> = card
                .facets
                .iter()
                .filter(|f| query.gift_kind.is_none_or(|k| k == f.kind))
                .filter(|f| query.mode.is_none_or(|m| m == f.mode))
                .filter(|f| skill_filter.as_ref().is_none_or(|s| f.skills.contains(s)))
                .collect();
            if gift_filtered && facets.is_empty() {
                continue;
            }
            if let Some(score) = card.score(&terms, &facets) {
                scored.push((score, card, facets));
            }
        }
        let total = scored.len();
        let order = |a: &(u32, &Card, Vec<&Facet>), b: &(u32, &Card, Vec<&Facet>)| {
            b.0.cmp(&a.0)
                .then_with(|| a.1.sort_name.cmp(&b.1.sort_name))
        };
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit, order);
            scored.truncate(limit);
        }
        scored.sort_by(order);
        let hits = scored
            .into_iter()
            .map(|(_, card, facets)| Hit {
                id: card.id,
                name: card.name.clone(),
                area: card.area.clone(),
                why: card.why(&terms, &facets),
            })
            .collect();
        (hits, total)
    }
}

/// An activity's schedule in words: "weekly on Tuesday, Friday".
fn schedule_words(schedule: &Schedule) -> String {
    let days: Vec<&str> = schedule.days.iter().map(|d| d.label()).collect();
    let mut out = schedule.repeats.word().to_owned();
    if !days.is_empty() {
        if !out.is_empty() {
            out.push_str(" on ");
        }
        out.push_str(&days.join(", "));
    }
    out
}

impl Card {
    fn new(id: DocId, name: String, area: String) -> Card {
        Card {
            id,
            sort_name: name.to_lowercase(),
            name_words: words(&name),
            name,
            area_lower: area.to_lowercase(),
            area,
            facets: Vec::new(),
        }
    }

    fn name_matches(&self, term: &str) -> bool {
        self.name_words.iter().any(|w| w.starts_with(term))
    }

    fn facet_matches(facet: &Facet, term: &str) -> (bool, bool) {
        let in_skill = facet
            .skills
            .iter()
            .any(|s| s.split(' ').any(|w| w.starts_with(term)));
        (in_skill, facet.words.iter().any(|w| w.starts_with(term)))
    }

    /// Whether every term matches somewhere, and how well: names count
    /// most, then skills, then the area and the gifts' words.
    fn score(&self, terms: &[String], facets: &[&Facet]) -> Option<u32> {
        let mut score = 0;
        for term in terms {
            let mut found = false;
            if self.name_matches(term) {
                score += if self.name_words.iter().any(|w| w == term) {
                    6
                } else {
                    5
                };
                found = true;
            }
            if self.area_lower.starts_with(term.as_str()) {
                score += 2;
                found = true;
            }
            for facet in facets {
                match Card::facet_matches(facet, term) {
                    (true, _) => score += 3,
                    (false, true) => score += 1,
                    (false, false) => continue,
                }
                found = true;
            }
            if !found {
                return None;
            }
        }
        Some(score)
    }

    /// What to say about a match: the gifts that matched (all that passed
    /// the filters, when nothing was typed) and the area.
    fn why(&self, terms: &[String], facets: &[&Facet]) -> String {
        let shown = facets.iter().filter(|f| {
            terms.is_empty()
                || terms
                    .iter()
                    .any(|t| Card::facet_matches(f, t) != (false, false))
        });
        let mut why: Vec<String> = shown
            .filter(|f| !f.skills.is_empty())
            .take(3)
            .map(|f| format!("{} {}", f.mode.verb(), f.skills.join(", ")))
            .collect();
        if !self.area.is_empty() {
            why.push(self.area.clone());
        }
        why.join("; ")
    }
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::model::record::{Gift, Group, Meta, Person};

    fn meta() -> Meta {
        Meta::new("2026-11-27T09:30:00Z".parse().unwrap(), "Sam")
    }

    fn person(name: &str, area: &str) -> (DocId, Record) {
        let id = DocId::new(Kind::Person);
        (
            id,
            Record::Person(Person {
                area: area.into(),
                ..Person::new(name, meta())
            }),
        )
    }

    fn gift(owner: DocId, mode: GiftMode, skills: &[&str], description: &str) -> (DocId, Record) {
        let record = Record::Gift(Gift {
            mode,
            skills: skills.iter().map(|s| s.to_string()).collect(),
            description: description.into(),
            ..Gift::new(owner, meta())
        });
        (DocId::new(Kind::Gift), record)
    }

    fn neighbourhood() -> (Index, DocId, DocId, DocId) {
        let amina = person("Amina Begum", "S40");
        let bea = person("Bea Gardner", "S41");
        let choir_id = DocId::new(Kind::Group);
        let choir = (
            choir_id,
            Record::Group(Group::new("Tuesday Choir", "S40", meta())),
        );
        let records = vec![
            gift(
                amina.0,
                GiftMode::Offer,
                &["baking"],
                "Cakes for the lunch club",
            ),
            gift(amina.0, GiftMode::Teach, &["bengali"], ""),
            gift(
                bea.0,
                GiftMode::Need,
                &["community gardening"],
                "Help with her allotment",
            ),
            gift(choir_id, GiftMode::Offer, &["singing"], ""),
            amina.clone(),
            bea.clone(),
            choir,
        ];
        (Index::build(records), amina.0, bea.0, choir_id)
    }

    fn ids(hits: &[Hit]) -> Vec<DocId> {
        hits.iter().map(|h| h.id).collect()
    }

    fn text(t: &str) -> Query {
        Query {
            text: t.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_few_letters_find_names_skills_and_words() {
        let (index, amina, bea, choir) = neighbourhood();
        assert_eq!(index.len(), 3);
        assert_eq!(ids(&index.search(&text("ami"), 10).0), [amina]);
        assert_eq!(ids(&index.search(&text("bak"), 10).0), [amina]);
        assert_eq!(
            ids(&index.search(&text("allot"), 10).0),
            [bea],
            "words of the description"
        );
        assert_eq!(
            ids(&index.search(&text("GARD"), 10).0),
            [bea],
            "inside a two-word skill"
        );
        assert_eq!(ids(&index.search(&text("choir"), 10).0), [choir]);
        assert!(index.search(&text("knitting"), 10).0.is_empty());
    }

    #[test]
    fn every_word_typed_must_match() {
        let (index, amina, _, _) = neighbourhood();
        assert_eq!(ids(&index.search(&text("amina bengali"), 10).0), [amina]);
        assert!(index.search(&text("amina singing"), 10).0.is_empty());
    }

    #[test]
    fn a_name_match_ranks_above_a_skill_match() {
        // Jas is found by name, the choir only by the singing it offers.
        let jas = person("Jas Singh", "S42");
        let choir = DocId::new(Kind::Group);
        let choir_gift = gift(choir, GiftMode::Offer, &["singing"], "");
        let choir_group = (
            choir,
            Record::Group(Group::new("Tuesday Choir", "S40", meta())),
        );
        let index = Index::build(vec![jas.clone(), choir_group, choir_gift]);
        assert_eq!(index.len(), 2);
        assert_eq!(ids(&index.search(&text("sing"), 10).0), [jas.0, choir]);
    }

    #[test]
    fn filters_narrow_by_type_mode_skill_and_area() {
        let (index, amina, bea, choir) = neighbourhood();
        let q = |f: fn(&mut Query)| {
            let mut q = Query::default();
            f(&mut q);
            ids(&index.search(&q, 10).0)
        };
        assert_eq!(q(|q| q.kind = Some(Kind::Group)), [choir]);
        assert_eq!(q(|q| q.mode = Some(GiftMode::Need)), [bea]);
        assert_eq!(q(|q| q.skill = Some(" Baking ".into())), [amina]);
        let mut s40 = q(|q| q.area = Some("s40".into()));
        s40.sort();
        let mut expected = vec![amina, choir];
        expected.sort();
        assert_eq!(s40, expected);
        assert!(
            q(|q| {
                q.mode = Some(GiftMode::Need);
                q.area = Some("S40".into());
            })
            .is_empty()
        );
    }

    #[test]
    fn hits_say_why_in_words() {
        let (index, _, _, _) = neighbourhood();
        let (hits, _) = index.search(&text("gardening"), 10);
        assert_eq!(hits[0].why, "needs community gardening; S41");
        let (hits, _) = index.search(
            &Query {
                mode: Some(GiftMode::Teach),
                ..Default::default()
            },
            10,
        );
        assert_eq!(hits[0].why, "teaches bengali; S40");
    }

    #[test]
    fn the_limit_caps_hits_but_the_total_counts_them_all() {
        let records: Vec<(DocId, Record)> = (0..50)
            .map(|i| person(&format!("Sam {i:02}"), "S40"))
            .collect();
        let index = Index::build(records);
        let (hits, total) = index.search(&text("sam"), 20);
        assert_eq!((hits.len(), total), (20, 50));
        assert_eq!(hits[0].name, "Sam 00");
    }

    #[test]
    fn an_empty_query_is_empty() {
        assert!(Query::default().is_empty());
        assert!(
            Query {
                skill: Some("  ".into()),
                ..Default::default()
            }
            .is_empty()
        );
        assert!(
            !Query {
                mode: Some(GiftMode::Need),
                ..Default::default()
            }
            .is_empty()
        );
    }
}
