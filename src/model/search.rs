//! Search as you type across people, groups and places: their names, areas,
//! languages, and their gifts' skills, tags, words and times. Plain Rust
//! over an in-memory index, rebuilt from the store, so every keystroke is
//! answered at once.
//!
//! Every word typed must start some word of the record (so "gard" finds
//! "community gardening"); a full postcode finds its district, cut as
//! saving cuts it ("S41 2XY" finds S41); a day or part of the day finds
//! who is free then ("tue" finds "weekday mornings"). Filters narrow by
//! type, gift kind and mode, skill term and area. Hits are ranked, names
//! first, and say why they matched.

use std::collections::BTreeMap;

use jiff::civil::Time;

use super::draft::area_of;
use super::id::{DocId, Kind};
use super::log::listed;
use super::record::{GiftKind, GiftMode, Record, Schedule, Weekday};
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
    /// An area or postcode district ("S40" also finds "S40 1"); a full
    /// postcode finds its district.
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

/// A part of the day, as availability is said: "Tuesday mornings".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
}

impl DayPart {
    /// The part of the day a start time falls in: a morning before noon,
    /// an afternoon before five, then an evening.
    pub fn of(time: Time) -> DayPart {
        match time.hour() {
            ..12 => DayPart::Morning,
            12..17 => DayPart::Afternoon,
            _ => DayPart::Evening,
        }
    }
}

/// Days of the week and parts of the day: what a gift's availability or
/// an activity's schedule says, or what a word typed asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct When {
    days: u8,
    parts: u8,
}

/// How many letters of a day's or part of the day's name a word typed
/// needs to name it ("tue", "tues", "tuesday" and "tuesdays" all name
/// Tuesday; "tu" not yet).
const SHORTEST_TIME_WORD: usize = 3;

/// Words that join two days into a run: "Monday to Friday" (a dash is read
/// as "to").
const RUN_WORDS: [&str; 5] = ["to", "till", "until", "through", "thru"];

impl When {
    const WEEKDAYS: When = When {
        days: 0b001_1111,
        parts: 0,
    };
    const WEEKEND: When = When {
        days: 0b110_0000,
        parts: 0,
    };
    const EVERY_DAY: u8 = 0b111_1111;

    pub fn day(day: Weekday) -> When {
        When {
            days: 1 << day as u8,
            parts: 0,
        }
    }

    pub fn part(part: DayPart) -> When {
        When {
            days: 0,
            parts: 1 << part as u8,
        }
    }

    pub fn is_empty(self) -> bool {
        self.days == 0 && self.parts == 0
    }

    pub fn days(self) -> impl Iterator<Item = Weekday> {
        Weekday::ALL
            .into_iter()
            .filter(move |d| self.days & (1 << *d as u8) != 0)
    }

    pub fn parts(self) -> impl Iterator<Item = DayPart> {
        DayPart::ALL
            .into_iter()
            .filter(move |p| self.parts & (1 << *p as u8) != 0)
    }

    pub fn and(self, other: When) -> When {
        When {
            days: self.days | other.days,
            parts: self.parts | other.parts,
        }
    }

    /// The days and parts of the day both name.
    pub fn common(self, other: When) -> When {
        When {
            days: self.days & other.days,
            parts: self.parts & other.parts,
        }
    }

    /// Whether `other` has what this asks for: one of its days, if it asks
    /// for days, and one of its parts of the day, if it asks for those. A
    /// time that names no part of the day ("Tuesdays") is not "mornings".
    pub fn found_in(self, other: When) -> bool {
        !self.is_empty()
            && (self.days == 0 || self.days & other.days != 0)
            && (self.parts == 0 || self.parts & other.parts != 0)
    }

    /// Every word a time is known by, in full, with what it names.
    fn vocabulary() -> impl Iterator<Item = (&'static str, When)> {
        Weekday::ALL
            .into_iter()
            .map(|d| (d.plural(), When::day(d)))
            .chain([
                ("weekdays", When::WEEKDAYS),
                ("weekends", When::WEEKEND),
                ("weds", When::day(Weekday::Wednesday)),
            ])
            .chain(
                DayPart::ALL
                    .into_iter()
                    .map(|p| (p.plural(), When::part(p))),
            )
    }

    /// What one word typed names: "tue", "Tuesdays" → Tuesday; "weekend"
    /// → Saturday and Sunday; "mornings". A word half typed already names
    /// what it begins; a short or other word names nothing.
    pub fn of_word(word: &str) -> When {
        if word.chars().count() < SHORTEST_TIME_WORD {
            return When::default();
        }
        When::named(|full, _| begins(full, word))
    }

    /// What one word of a written time names: a day in full or cut short
    /// ("tue", "thurs"), a part of the day or "weekend", in the singular
    /// or plural; "after" (in "after 6") is not "afternoons".
    fn of_written_word(word: &str) -> When {
        When::named(|full, named| {
            let singular = &full[..full.len() - 1];
            word.eq_ignore_ascii_case(full)
                || word.eq_ignore_ascii_case(singular)
                || (named.one_day().is_some()
                    && word.chars().count() >= SHORTEST_TIME_WORD
                    && begins(singular, word))
        })
    }

    /// Everything the words of the vocabulary that `names` accepts name.
    fn named(names: impl Fn(&str, When) -> bool) -> When {
        When::vocabulary()
            .filter(|(full, named)| names(full, *named))
            .fold(When::default(), |when, (_, named)| when.and(named))
    }

    /// What a text says: "Tuesday mornings", "weekends", "evenings after
    /// 6", "Mon-Fri", "Monday to Thursday afternoons".
    pub fn of_text(text: &str) -> When {
        let words = words(&text.replace(['-', '–', '—'], " to "));
        let mut when = When::default();
        let mut i = 0;
        while let Some(word) = words.get(i) {
            let here = When::of_written_word(word);
            let run_to = words
                .get(i + 1)
                .filter(|w| RUN_WORDS.contains(&w.as_str()))
                .and_then(|_| words.get(i + 2))
                .and_then(|w| When::of_written_word(w).one_day());
            if let (Some(from), Some(to)) = (here.one_day(), run_to) {
                when = when.and(When::run(from, to));
                i += 3;
            } else {
                when = when.and(here);
                i += 1;
            }
        }
        when
    }

    /// An activity's days, the part of the day it starts in, and what its
    /// note says.
    pub fn of_schedule(schedule: &Schedule) -> When {
        let days = schedule.days.iter().map(|d| When::day(*d));
        let start = schedule.starts.map(|t| When::part(DayPart::of(t)));
        days.chain(start)
            .fold(When::of_text(&schedule.note), When::and)
    }

    /// The one day this names, if it names exactly one and nothing else.
    fn one_day(self) -> Option<Weekday> {
        (self.parts == 0 && self.days.count_ones() == 1)
            .then(|| self.days().next())
            .flatten()
    }

    /// The days from one to another, round the end of the week if need be
    /// ("Fri-Mon").
    fn run(from: Weekday, to: Weekday) -> When {
        let mut when = When::default();
        let mut day = from as usize;
        loop {
            when = when.and(When::day(Weekday::ALL[day]));
            if day == to as usize {
                return when;
            }
            day = (day + 1) % 7;
        }
    }

    /// This time as `asked` narrows it: the days asked for, if any were,
    /// else all its days; the same for parts of the day. "Weekday mornings"
    /// asked for Tuesday is "Tuesday mornings".
    fn narrowed_to(self, asked: When) -> When {
        When {
            days: if asked.days == 0 {
                self.days
            } else {
                self.days & asked.days
            },
            parts: if asked.parts == 0 {
                self.parts
            } else {
                self.parts & asked.parts
            },
        }
    }

    /// The time within a sentence: "on Tuesdays", "at weekends", "in the
    /// mornings", "on Tuesday and Friday evenings", "every day"; nothing
    /// when it names nothing.
    pub fn said(self) -> Option<String> {
        let parts: Vec<String> = self.parts().map(|p| p.plural().to_owned()).collect();
        let parts = listed(&parts);
        // The days before parts of the day ("weekend mornings"), and alone.
        let (before, alone) = match self.days {
            0 => return (!parts.is_empty()).then(|| format!("in the {parts}")),
            When::EVERY_DAY => return Some(format!("every day{}", in_the(&parts))),
            d if d == When::WEEKEND.days => ("weekend".to_owned(), "at weekends".to_owned()),
            d if d == When::WEEKDAYS.days => ("weekday".to_owned(), "on weekdays".to_owned()),
            _ => {
                let labels: Vec<String> = self.days().map(|d| d.label().to_owned()).collect();
                let plurals: Vec<String> = self.days().map(|d| d.plural().to_owned()).collect();
                (listed(&labels), format!("on {}", listed(&plurals)))
            }
        };
        Some(if parts.is_empty() {
            alone
        } else {
            format!("on {before} {parts}")
        })
    }
}

/// Whether `word` begins `full`, in any case ("Tues" begins "Tuesdays").
fn begins(full: &str, word: &str) -> bool {
    full.get(..word.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(word))
}

/// " in the mornings", or nothing.
fn in_the(parts: &str) -> String {
    if parts.is_empty() {
        String::new()
    } else {
        format!(" in the {parts}")
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
    /// When, as days and parts of the day.
    pub(super) when: When,
}

impl Facet {
    /// How well a word typed meets the gift: in a skill (3), its time
    /// (2), its words (1), or not at all (0).
    fn points(&self, term: &Term) -> u32 {
        let starts = |w: &str| w.starts_with(term.word.as_str());
        if self.skills.iter().any(|s| s.split(' ').any(starts)) {
            3
        } else if term.when.found_in(self.when) {
            2
        } else if self.words.iter().any(|w| starts(w)) {
            1
        } else {
            0
        }
    }

    /// When the gift is, as far as the words typed asked about it
    /// ("Available on Tuesday mornings"); nothing when no day or part of
    /// the day was asked for, or none found it.
    fn when_asked(&self, terms: &[Term]) -> Option<String> {
        let asked = terms
            .iter()
            .filter(|t| t.when.found_in(self.when))
            .fold(When::default(), |asked, t| asked.and(t.when));
        if asked.is_empty() {
            return None;
        }
        let said = self.when.narrowed_to(asked).said()?;
        // An activity happens then; a gift is available.
        Some(if self.id.kind() == Kind::Activity {
            let mut chars = said.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        } else {
            format!("Available {said}")
        })
    }
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
    /// The area as saving cuts it ("S41" for "s41 2xy" kept by older
    /// versions), to meet a full postcode typed.
    district: String,
    /// The languages a person speaks, as written, with their words.
    languages: Vec<(String, Vec<String>)>,
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

/// The district of a full postcode, cut as saving cuts it ("s41 2xy",
/// "S412XY" → "S41"); nothing for anything else, a district alone
/// included.
pub fn postcode_district(typed: &str) -> Option<String> {
    let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let district = area_of(typed);
    (!district.contains(' ') && letters(&district) < letters(typed)).then_some(district)
}

/// A word typed, and what else it may mean.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    /// In lower case.
    word: String,
    /// A full postcode's district: such a term finds that district only.
    district: Option<String>,
    /// The days or parts of the day the word names, if any.
    when: When,
}

impl Term {
    /// The words typed, a full postcode (one word or two) taken as one.
    fn all(text: &str) -> Vec<Term> {
        let words = words(text);
        let mut terms = Vec::new();
        let mut i = 0;
        while let Some(word) = words.get(i) {
            let pair = words.get(i + 1).map(|next| format!("{word} {next}"));
            let (district, taken) = match pair.as_deref().and_then(postcode_district) {
                Some(d) => (Some(d), 2),
                None => (postcode_district(word), 1),
            };
            terms.push(Term {
                when: if district.is_some() {
                    When::default()
                } else {
                    When::of_word(word)
                },
                word: word.clone(),
                district,
            });
            i += taken;
        }
        terms
    }
}

/// How the area filter is met: a full postcode by its district, anything
/// else by the area's first letters.
enum AreaFilter {
    District(String),
    Starts(String),
}

impl AreaFilter {
    fn of(typed: Option<&str>) -> Option<AreaFilter> {
        let typed = typed?.trim();
        if typed.is_empty() {
            return None;
        }
        Some(match postcode_district(typed) {
            Some(d) => AreaFilter::District(d),
            None => AreaFilter::Starts(typed.to_lowercase()),
        })
    }

    fn admits(&self, card: &Card) -> bool {
        match self {
            AreaFilter::District(d) => card.district == *d,
            AreaFilter::Starts(s) => card.area_lower.starts_with(s.as_str()),
        }
    }
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
                    let mut card = Card::new(id, p.name, p.area);
                    card.languages = p
                        .languages
                        .iter()
                        .map(|l| l.trim())
                        .filter(|l| !l.is_empty())
                        .map(|l| (l.to_owned(), words(l)))
                        .collect();
                    cards.insert(id, card);
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
                    when: When::of_text(&gift.availability),
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
                when: When::of_schedule(&activity.schedule),
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
        let terms = Term::all(&query.text);
        let skill_filter = query
            .skill
            .as_deref()
            .map(skill::normalize)
            .filter(|s| !s.is_empty());
        let area_filter = AreaFilter::of(query.area.as_deref());
        // First score every card (cheap, no text made), then say why for
        // the few that are shown.
        let mut scored: Vec<(u32, &Card, Vec<&Facet>)> = Vec::new();
        for card in &self.cards {
            if query.kind.is_some_and(|k| k != card.id.kind()) {
                continue;
            }
            if area_filter.as_ref().is_some_and(|a| !a.admits(card)) {
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
                why: card.why(&terms, &facets, area_filter.is_some()),
            })
            .collect();
        (hits, total)
    }
}

/// An activity's schedule in words: "weekly on Tuesday, Friday".
pub(super) fn schedule_words(schedule: &Schedule) -> String {
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
            district: area_of(&area),
            area,
            languages: Vec::new(),
            facets: Vec::new(),
        }
    }

    fn name_matches(&self, term: &str) -> bool {
        self.name_words.iter().any(|w| w.starts_with(term))
    }

    /// Whether a word typed finds the area: a full postcode its district,
    /// other words its first letters.
    fn area_matches(&self, term: &Term) -> bool {
        match &term.district {
            Some(d) => self.district == *d,
            None => self.area_lower.starts_with(term.word.as_str()),
        }
    }

    /// The languages a word typed begins a word of.
    fn speaks<'a>(&'a self, term: &'a Term) -> impl Iterator<Item = &'a String> {
        self.languages
            .iter()
            .filter(|(_, words)| words.iter().any(|w| w.starts_with(term.word.as_str())))
            .map(|(language, _)| language)
    }

    /// Whether every term matches somewhere, and how well: names count
    /// most, then skills and languages, then times, the area and the
    /// gifts' words. A full postcode finds the area alone.
    fn score(&self, terms: &[Term], facets: &[&Facet]) -> Option<u32> {
        let mut score = 0;
        for term in terms {
            let before = score;
            if self.area_matches(term) {
                score += 2;
            }
            if term.district.is_none() {
                if self.name_matches(&term.word) {
                    score += if self.name_words.contains(&term.word) {
                        6
                    } else {
                        5
                    };
                }
                if self.speaks(term).next().is_some() {
                    score += 3;
                }
                score += facets.iter().map(|f| f.points(term)).sum::<u32>();
            }
            if score == before {
                return None;
            }
        }
        Some(score)
    }

    /// What to say about a match: the gifts that matched (all that passed
    /// the filters, when nothing was typed), when they are if a time was
    /// asked for, the languages that matched, and the area ("In S41" when
    /// it was what was asked for).
    fn why(&self, terms: &[Term], facets: &[&Facet], area_filtered: bool) -> String {
        let shown: Vec<&Facet> = facets
            .iter()
            .copied()
            .filter(|f| terms.is_empty() || terms.iter().any(|t| f.points(t) > 0))
            .collect();
        let mut why: Vec<String> = shown
            .iter()
            .filter(|f| !f.skills.is_empty())
            .take(3)
            .map(|f| format!("{} {}", f.mode.verb(), f.skills.join(", ")))
            .collect();
        for when in shown.iter().filter_map(|f| f.when_asked(terms)).take(3) {
            if !why.contains(&when) {
                why.push(when);
            }
        }
        let mut spoken: Vec<String> = Vec::new();
        for language in terms.iter().flat_map(|t| self.speaks(t)) {
            if !spoken.contains(language) {
                spoken.push(language.clone());
            }
        }
        if !spoken.is_empty() {
            why.push(format!("Speaks {}", listed(&spoken)));
        }
        if !self.area.is_empty() {
            why.push(
                if area_filtered || terms.iter().any(|t| self.area_matches(t)) {
                    format!("In {}", self.area)
                } else {
                    self.area.clone()
                },
            );
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
    use crate::model::record::{Activity, Gift, Group, Meta, Person, Repeats};

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

    /// A gift with only an availability, for the time tests.
    fn free(owner: DocId, skill: &str, when: &str) -> (DocId, Record) {
        let record = Record::Gift(Gift {
            skills: vec![skill.into()],
            availability: when.into(),
            ..Gift::new(owner, meta())
        });
        (DocId::new(Kind::Gift), record)
    }

    fn activity(name: &str, group: DocId, day: Weekday, starts: Time) -> (DocId, Record) {
        let record = Record::Activity(Activity {
            name: name.into(),
            description: String::new(),
            group: Some(group),
            place: None,
            schedule: Schedule {
                repeats: Repeats::Weekly,
                days: vec![day],
                starts: Some(starts),
                ..Default::default()
            },
            skills: vec![],
            tags: vec![],
            meta: meta(),
            extra: Default::default(),
        });
        (DocId::new(Kind::Activity), record)
    }

    fn found(index: &Index, typed: &str) -> Vec<(String, String)> {
        index
            .search(&text(typed), 20)
            .0
            .into_iter()
            .map(|h| (h.name, h.why))
            .collect()
    }

    fn names(index: &Index, typed: &str) -> Vec<String> {
        found(index, typed).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn a_full_postcode_is_cut_to_its_district_as_saving_cuts_it() {
        for typed in ["S41 2XY", "s41 2xy", "S412XY", "s412xy", "  s41   2XY "] {
            assert_eq!(postcode_district(typed).as_deref(), Some("S41"), "{typed}");
            // The same cut as the form makes when a person is saved.
            assert_eq!(postcode_district(typed), Some(area_of(typed)));
        }
        assert_eq!(postcode_district("sw1a 2aa").as_deref(), Some("SW1A"));
        for not_full in ["S41", "s41", "Brampton", "Old Whittington", "", "2XY"] {
            assert_eq!(postcode_district(not_full), None, "{not_full}");
        }
    }

    #[test]
    fn a_full_postcode_typed_finds_everyone_in_its_district() {
        let (index, _, bea, _) = neighbourhood();
        for typed in ["S41 2XY", "s41 2xy", "S412XY", "s41  2XY"] {
            let (hits, _) = index.search(&text(typed), 10);
            assert_eq!(ids(&hits), [bea], "{typed}");
            assert_eq!(hits[0].why, "In S41");
        }
        // With other words: every word must still match.
        assert_eq!(ids(&index.search(&text("gardening s41 2xy"), 10).0), [bea]);
        assert!(index.search(&text("amina S41 2XY"), 10).0.is_empty());
        // A district is exact: S4's postcodes are not S40's or S41's.
        assert!(index.search(&text("S4 1AB"), 10).0.is_empty());
        // The area filter takes a full postcode too.
        let (hits, _) = index.search(
            &Query {
                area: Some("s41 2xy".into()),
                ..Default::default()
            },
            10,
        );
        assert_eq!(ids(&hits), [bea]);
        assert_eq!(hits[0].why, "needs community gardening; In S41");
    }

    #[test]
    fn a_postcode_kept_whole_by_an_older_version_is_found_by_its_district() {
        let old = person("Dora Okafor", "s41 2ab");
        let index = Index::build(vec![old.clone()]);
        assert_eq!(ids(&index.search(&text("S41 2XY"), 10).0), [old.0]);
        assert_eq!(ids(&index.search(&text("s41"), 10).0), [old.0]);
    }

    #[test]
    fn day_names_are_known_in_every_form_a_worker_types() {
        let tuesday = When::day(Weekday::Tuesday);
        for typed in [
            "tue", "tues", "tuesd", "tuesday", "tuesdays", "TUESDAY", "Tues",
        ] {
            assert_eq!(When::of_word(typed), tuesday, "{typed}");
        }
        let wednesday = When::day(Weekday::Wednesday);
        for typed in ["wed", "weds", "wednesday", "wednesdays"] {
            assert_eq!(When::of_word(typed), wednesday, "{typed}");
        }
        for typed in ["thu", "thur", "thurs", "thursday"] {
            assert_eq!(
                When::of_word(typed),
                When::day(Weekday::Thursday),
                "{typed}"
            );
        }
        for (typed, day) in [
            ("mon", Weekday::Monday),
            ("fri", Weekday::Friday),
            ("sat", Weekday::Saturday),
            ("sun", Weekday::Sunday),
        ] {
            assert_eq!(When::of_word(typed), When::day(day), "{typed}");
        }
        let weekend = When::day(Weekday::Saturday).and(When::day(Weekday::Sunday));
        assert_eq!(When::of_word("weekend"), weekend);
        assert_eq!(When::of_word("weekends"), weekend);
        assert_eq!(
            When::of_word("weekdays").days().collect::<Vec<_>>(),
            Weekday::ALL[..5]
        );
        for part in DayPart::ALL {
            let plural = part.plural();
            assert_eq!(When::of_word(plural), When::part(part));
            assert_eq!(When::of_word(&plural[..plural.len() - 1]), When::part(part));
        }
        assert_eq!(When::of_word("eve"), When::part(DayPart::Evening));
        // Too short to say, or not a time at all.
        for other in ["t", "tu", "mo", "tuesdayz", "money", "sunny", "", "2"] {
            assert!(When::of_word(other).is_empty(), "{other}");
        }
    }

    #[test]
    fn availability_text_says_days_runs_of_days_and_parts_of_the_day() {
        let days = |text: &str| When::of_text(text).days().collect::<Vec<_>>();
        let parts = |text: &str| When::of_text(text).parts().collect::<Vec<_>>();
        use DayPart::*;
        use Weekday::*;
        assert_eq!(days("Tuesday mornings"), [Tuesday]);
        assert_eq!(parts("Tuesday mornings"), [Morning]);
        assert_eq!(days("weekends"), [Saturday, Sunday]);
        assert_eq!(parts("weekends"), []);
        assert_eq!(days("evenings after 6"), []);
        assert_eq!(parts("evenings after 6"), [Evening]);
        assert_eq!(
            days("Weekday mornings"),
            [Monday, Tuesday, Wednesday, Thursday, Friday]
        );
        assert_eq!(days("Mon-Wed, afternoons"), [Monday, Tuesday, Wednesday]);
        assert_eq!(parts("Mon-Wed, afternoons"), [Afternoon]);
        assert_eq!(
            days("Monday to Thursday"),
            [Monday, Tuesday, Wednesday, Thursday]
        );
        assert_eq!(days("Fri – Mon"), [Monday, Friday, Saturday, Sunday]);
        assert_eq!(days("Tuesdays and Fridays"), [Tuesday, Friday]);
        assert_eq!(parts("mornings or evenings"), [Morning, Evening]);
        assert!(When::of_text("whenever suits").is_empty());
        // Written words are read whole: "after" is not "afternoons", nor
        // "eve" an evening.
        assert!(When::of_text("after 6, on the eve").is_empty());
        assert_eq!(days("Tues and Thurs"), [Tuesday, Thursday]);
        assert!(When::of_text("").is_empty());
    }

    #[test]
    fn an_activity_is_at_its_days_and_the_part_of_the_day_it_starts_in() {
        let at = |h, m| Time::constant(h, m, 0, 0);
        assert_eq!(DayPart::of(at(10, 0)), DayPart::Morning);
        assert_eq!(DayPart::of(at(11, 59)), DayPart::Morning);
        assert_eq!(DayPart::of(at(12, 0)), DayPart::Afternoon);
        assert_eq!(DayPart::of(at(14, 0)), DayPart::Afternoon);
        assert_eq!(DayPart::of(at(17, 0)), DayPart::Evening);
        assert_eq!(DayPart::of(at(18, 30)), DayPart::Evening);
        let schedule = Schedule {
            days: vec![Weekday::Tuesday, Weekday::Friday],
            starts: Some(at(14, 0)),
            note: "and some Sundays".into(),
            ..Default::default()
        };
        let when = When::of_schedule(&schedule);
        assert_eq!(
            when.days().collect::<Vec<_>>(),
            [Weekday::Tuesday, Weekday::Friday, Weekday::Sunday]
        );
        assert_eq!(when.parts().collect::<Vec<_>>(), [DayPart::Afternoon]);
        assert!(When::of_schedule(&Schedule::default()).is_empty());
    }

    /// People free at different times, and a group's activities.
    fn week() -> Index {
        let tess = person("Tess", "S40");
        let wendy = person("Wendy", "S40");
        let eve = person("Eve", "S41");
        let will = person("Will", "S41");
        let sam = person("Sam", "S42");
        let club = DocId::new(Kind::Group);
        Index::build(vec![
            free(tess.0, "gardening", "Tuesday mornings"),
            free(wendy.0, "lifts", "Weekends"),
            free(eve.0, "computers", "Evenings after 6"),
            free(will.0, "cooking", "Weekday mornings"),
            free(sam.0, "music", "Saturdays"),
            tess,
            wendy,
            eve,
            will,
            sam,
            (club, Record::Group(Group::new("Lunch Club", "S40", meta()))),
            activity(
                "Coffee morning",
                club,
                Weekday::Thursday,
                Time::constant(10, 0, 0, 0),
            ),
            activity(
                "Card games",
                club,
                Weekday::Tuesday,
                Time::constant(14, 0, 0, 0),
            ),
            activity(
                "Quiz night",
                club,
                Weekday::Friday,
                Time::constant(18, 0, 0, 0),
            ),
        ])
    }

    #[test]
    fn a_day_typed_finds_who_is_free_that_day_and_says_so() {
        let index = week();
        for typed in ["tue", "tues", "tuesday", "Tuesdays"] {
            assert_eq!(
                names(&index, typed),
                ["Card games", "Tess", "Will"],
                "{typed}"
            );
        }
        assert_eq!(
            found(&index, "tuesday"),
            [
                ("Card games".into(), "On Tuesday afternoons; S40".into()),
                (
                    "Tess".into(),
                    "offers gardening; Available on Tuesday mornings; S40".into()
                ),
                (
                    "Will".into(),
                    "offers cooking; Available on Tuesday mornings; S41".into()
                ),
            ]
        );
        assert_eq!(names(&index, "weekend"), ["Sam", "Wendy"]);
        assert_eq!(
            found(&index, "weekends")[1].1,
            "offers lifts; Available at weekends; S40"
        );
        assert_eq!(
            found(&index, "weekend")[0].1,
            "offers music; Available on Saturdays; S42"
        );
        assert_eq!(names(&index, "saturday"), ["Sam", "Wendy"]);
        assert_eq!(
            found(&index, "sat")[1].1,
            "offers lifts; Available on Saturdays; S40"
        );
        assert!(names(&index, "monday").contains(&"Will".to_owned()));
    }

    #[test]
    fn a_part_of_the_day_finds_availability_and_activities_by_their_start() {
        let index = week();
        assert_eq!(names(&index, "morning"), ["Coffee morning", "Tess", "Will"]);
        assert_eq!(
            found(&index, "mornings")[1..],
            [
                (
                    "Tess".into(),
                    "offers gardening; Available on Tuesday mornings; S40".into()
                ),
                (
                    "Will".into(),
                    "offers cooking; Available on weekday mornings; S41".into()
                ),
            ]
        );
        assert_eq!(
            found(&index, "afternoon"),
            [("Card games".into(), "On Tuesday afternoons; S40".into())]
        );
        assert_eq!(names(&index, "evening"), ["Eve", "Quiz night"]);
        assert_eq!(
            found(&index, "evenings")[0].1,
            "offers computers; Available in the evenings; S41"
        );
        // Saying a day without a part of the day is not saying mornings.
        assert!(!names(&index, "morning").contains(&"Sam".to_owned()));
        // A day and a part together narrow to both.
        assert_eq!(names(&index, "tuesday morning"), ["Tess", "Will"]);
        assert_eq!(names(&index, "friday evening"), ["Quiz night"]);
        assert_eq!(
            found(&index, "friday evening")[0].1,
            "On Friday evenings; S40"
        );
    }

    #[test]
    fn the_languages_a_person_speaks_are_searched() {
        let zofia = DocId::new(Kind::Person);
        let index = Index::build(vec![
            (
                zofia,
                Record::Person(Person {
                    area: "S41".into(),
                    languages: vec!["Polish".into(), " English ".into(), "".into()],
                    ..Person::new("Zofia Nowak", meta())
                }),
            ),
            person("Amina Begum", "S40"),
        ]);
        for typed in ["polish", "Polish", "pol"] {
            let (hits, _) = index.search(&text(typed), 10);
            assert_eq!(ids(&hits), [zofia], "{typed}");
            assert_eq!(hits[0].why, "Speaks Polish; S41");
        }
        assert_eq!(
            index.search(&text("polish english"), 10).0[0].why,
            "Speaks Polish and English; S41"
        );
        assert!(index.search(&text("urdu"), 10).0.is_empty());
    }

    #[test]
    fn times_are_said_in_plain_words() {
        let day = When::day;
        let part = When::part;
        use DayPart::*;
        use Weekday::*;
        let said = |w: When| w.said().unwrap_or_default();
        assert_eq!(said(day(Tuesday)), "on Tuesdays");
        assert_eq!(
            said(day(Tuesday).and(day(Friday))),
            "on Tuesdays and Fridays"
        );
        assert_eq!(
            said(day(Monday).and(day(Tuesday)).and(day(Friday))),
            "on Mondays, Tuesdays and Fridays"
        );
        assert_eq!(said(part(Morning)), "in the mornings");
        assert_eq!(
            said(part(Morning).and(part(Evening))),
            "in the mornings and evenings"
        );
        assert_eq!(said(day(Tuesday).and(part(Morning))), "on Tuesday mornings");
        assert_eq!(said(When::of_word("weekend")), "at weekends");
        assert_eq!(said(When::of_word("weekday")), "on weekdays");
        assert_eq!(
            said(When::of_word("weekend").and(part(Afternoon))),
            "on weekend afternoons"
        );
        assert_eq!(said(When::of_text("Mon-Sun")), "every day");
        assert_eq!(
            said(When::of_text("Mon-Sun evenings")),
            "every day in the evenings"
        );
        assert_eq!(When::default().said(), None);
    }
}
