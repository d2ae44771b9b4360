//! Matching, the heart of the tool: from a need, who could answer it; from
//! an offer, who needs it. Candidates are ranked by how close their skills
//! are, how near they are, and whether their times agree, and each comes
//! with the reason in words: "offers gardening; S40, same area; Tuesdays".

use super::id::DocId;
use super::record::GiftMode;
use super::search::{Card, Facet, Index};

/// Someone (or an activity) who could answer a need, or who needs an offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The person, group, place or activity.
    pub who: DocId,
    pub name: String,
    /// Their gift (or the activity) that matched.
    pub gift: DocId,
    pub why: String,
    pub score: u32,
}

/// The gift whose matches are wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub owner: DocId,
    pub owner_name: String,
    pub mode: GiftMode,
    pub skills: Vec<String>,
}

impl Subject {
    /// Whether this is something wanted (a need, a wish to learn) rather
    /// than something given.
    pub fn is_wanted(&self) -> bool {
        matches!(self.mode, GiftMode::Need | GiftMode::Learn)
    }
}

/// The modes that answer a mode: a need is met by an offer or a teacher, a
/// wish to learn by a teacher first; an offer meets a need.
fn answers(mode: GiftMode) -> &'static [GiftMode] {
    match mode {
        GiftMode::Need => &[GiftMode::Offer, GiftMode::Teach],
        GiftMode::Learn => &[GiftMode::Teach, GiftMode::Offer],
        GiftMode::Offer => &[GiftMode::Need],
        GiftMode::Teach => &[GiftMode::Learn, GiftMode::Need],
    }
}

/// Words too common to relate two skills ("and", "of"…): any word shorter
/// than this.
const MIN_SHARED_WORD: usize = 4;

/// How closely two gifts' skills agree: the same term counts most, then a
/// shared word ("gardening" and "community gardening"), then the words of
/// one meeting the skills of the other. Returns the score and the matched
/// terms of `theirs` to name.
fn skill_closeness(ours: &Facet, theirs: &Facet) -> (u32, Vec<String>) {
    let mut score = 0;
    let mut named = Vec::new();
    for skill in &theirs.skills {
        let shares = |w: &str| w.len() >= MIN_SHARED_WORD && skill.split(' ').any(|s| s == w);
        let points = if ours.skills.contains(skill) {
            10
        } else if ours.skills.iter().any(|s| s.split(' ').any(shares)) {
            5
        } else if ours.words.iter().any(|w| shares(w)) {
            3
        } else {
            continue;
        };
        score += points;
        named.push(skill.clone());
    }
    (score, named)
}

/// A postcode district's letters and number: "S40" → ("S", 40).
fn district(area: &str) -> Option<(String, u32)> {
    let area = area.trim().to_uppercase();
    let letters: String = area.chars().take_while(char::is_ascii_alphabetic).collect();
    let digits: String = area[letters.len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if letters.is_empty() || digits.is_empty() {
        return None;
    }
    Some((letters, digits.parse().ok()?))
}

/// How near two areas are, and the words for it.
fn nearness(ours: &str, theirs: &str) -> (u32, Option<String>) {
    if theirs.trim().is_empty() || ours.trim().is_empty() {
        return (0, None);
    }
    if ours.trim().eq_ignore_ascii_case(theirs.trim()) {
        return (4, Some(format!("{theirs}, same area")));
    }
    match (district(ours), district(theirs)) {
        (Some((a, x)), Some((b, y))) if a == b && x.abs_diff(y) <= 2 => {
            (2, Some(format!("{theirs}, nearby")))
        }
        _ => (0, Some(theirs.to_owned())),
    }
}

/// The days and parts of the day both gifts are free: "Tuesday",
/// "Morning".
fn shared_times(ours: &Facet, theirs: &Facet) -> Vec<&'static str> {
    let both = ours.when.common(theirs.when);
    both.days()
        .map(|d| d.label())
        .chain(both.parts().map(|p| p.label()))
        .collect()
}

impl Index {
    /// Who could answer (or needs) the gift `gift`, best first, at most
    /// `limit`. Its owner is never their own match.
    pub fn matches(&self, gift: DocId, limit: usize) -> Vec<Match> {
        let Some((owner, ours)) = self.find_facet(gift) else {
            return Vec::new();
        };
        let wanted = answers(ours.mode);
        let mut found: Vec<Match> = Vec::new();
        for card in self.cards.iter().filter(|c| c.id != owner.id) {
            // A card's best gift of a wanted mode stands for it.
            let best = card
                .facets
                .iter()
                .filter(|f| wanted.contains(&f.mode))
                .filter_map(|f| {
                    let (skill, named) = skill_closeness(ours, f);
                    (skill > 0).then_some((skill, named, f))
                })
                .max_by_key(|(skill, _, f)| {
                    (
                        *skill,
                        wanted.len() - wanted.iter().position(|m| *m == f.mode).unwrap_or(0),
                    )
                });
            let Some((skill, named, theirs)) = best else {
                continue;
            };
            let (near, place) = nearness(&owner.area, &card.area);
            let times = shared_times(ours, theirs);
            let mut why = vec![format!("{} {}", theirs.mode.verb(), named.join(", "))];
            why.extend(place);
            if !times.is_empty() {
                why.push(times.join(", "));
            } else if !theirs.availability.is_empty() {
                why.push(theirs.availability.clone());
            }
            found.push(Match {
                who: card.id,
                name: card.name.clone(),
                gift: theirs.id,
                why: why.join("; "),
                score: skill + near + 2 * times.len() as u32,
            });
        }
        found.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
        found.truncate(limit);
        found
    }

    /// What a gift is, for the heading of its matches: its owner, the
    /// owner's name, its mode and skills.
    pub fn subject(&self, gift: DocId) -> Option<Subject> {
        let (card, facet) = self.find_facet(gift)?;
        Some(Subject {
            owner: card.id,
            owner_name: card.name.clone(),
            mode: facet.mode,
            skills: facet.skills.clone(),
        })
    }

    fn find_facet(&self, gift: DocId) -> Option<(&Card, &Facet)> {
        self.cards
            .iter()
            .find_map(|c| c.facets.iter().find(|f| f.id == gift).map(|f| (c, f)))
    }
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::model::record::{
        Activity, Gift, Group, Meta, Person, Record, Repeats, Schedule, Weekday,
    };
    use crate::model::{Kind, Record as R};

    fn meta() -> Meta {
        Meta::new("2026-11-27T09:30:00Z".parse().unwrap(), "Sam")
    }

    struct Hood {
        records: Vec<(DocId, Record)>,
    }

    impl Hood {
        fn person(&mut self, name: &str, area: &str) -> DocId {
            let id = DocId::new(Kind::Person);
            self.records.push((
                id,
                R::Person(Person {
                    area: area.into(),
                    ..Person::new(name, meta())
                }),
            ));
            id
        }

        fn gift(
            &mut self,
            owner: DocId,
            mode: GiftMode,
            skills: &[&str],
            availability: &str,
        ) -> DocId {
            let id = DocId::new(Kind::Gift);
            self.records.push((
                id,
                R::Gift(Gift {
                    mode,
                    skills: skills.iter().map(|s| s.to_string()).collect(),
                    availability: availability.into(),
                    ..Gift::new(owner, meta())
                }),
            ));
            id
        }

        fn index(&self) -> Index {
            Index::build(self.records.clone())
        }
    }

    fn names(matches: &[Match]) -> Vec<&str> {
        matches.iter().map(|m| m.name.as_str()).collect()
    }

    #[test]
    fn a_need_is_answered_by_offers_of_the_same_or_related_skills_nearest_first() {
        let mut hood = Hood { records: vec![] };
        let bea = hood.person("Bea", "S40");
        let need = hood.gift(bea, GiftMode::Need, &["gardening"], "Tuesday mornings");
        let cal = hood.person("Cal", "S40");
        hood.gift(cal, GiftMode::Offer, &["gardening"], "Tuesdays");
        let dee = hood.person("Dee", "S42");
        hood.gift(dee, GiftMode::Offer, &["community gardening"], "");
        let eli = hood.person("Eli", "M1");
        hood.gift(eli, GiftMode::Offer, &["gardening"], "");
        let fay = hood.person("Fay", "S40");
        hood.gift(fay, GiftMode::Need, &["gardening"], "");
        hood.gift(fay, GiftMode::Offer, &["knitting"], "");

        let found = hood.index().matches(need, 10);
        assert_eq!(
            names(&found),
            ["Cal", "Eli", "Dee"],
            "same skill and area and day, same skill far off, a related skill"
        );
        assert_eq!(found[0].why, "offers gardening; S40, same area; Tuesday");
        assert_eq!(found[1].why, "offers gardening; M1");
        assert_eq!(found[2].why, "offers community gardening; S42, nearby");
        assert!(found.iter().all(|m| m.who != bea), "never their own match");
    }

    #[test]
    fn an_offer_finds_who_needs_it_and_a_teacher_who_wants_to_learn() {
        let mut hood = Hood { records: vec![] };
        let amina = hood.person("Amina", "S40");
        let teach = hood.gift(amina, GiftMode::Teach, &["bengali"], "");
        let offer = hood.gift(amina, GiftMode::Offer, &["baking"], "");
        let jo = hood.person("Jo", "S41");
        hood.gift(jo, GiftMode::Learn, &["bengali"], "");
        let kim = hood.person("Kim", "S40");
        hood.gift(kim, GiftMode::Need, &["baking"], "");
        hood.gift(kim, GiftMode::Offer, &["bengali"], "");
        let index = hood.index();

        let learners = index.matches(teach, 10);
        assert_eq!(names(&learners), ["Jo"]);
        assert_eq!(learners[0].why, "wants to learn bengali; S41, nearby");
        assert_eq!(names(&index.matches(offer, 10)), ["Kim"]);
    }

    #[test]
    fn a_groups_activity_can_answer_a_need() {
        let mut hood = Hood { records: vec![] };
        let choir = DocId::new(Kind::Group);
        hood.records
            .push((choir, R::Group(Group::new("Tuesday Choir", "S40", meta()))));
        let singing = DocId::new(Kind::Activity);
        hood.records.push((
            singing,
            R::Activity(Activity {
                name: "Friday singing".into(),
                description: String::new(),
                group: Some(choir),
                place: None,
                schedule: Schedule {
                    repeats: Repeats::Weekly,
                    days: vec![Weekday::Friday],
                    ..Default::default()
                },
                skills: vec!["singing".into()],
                tags: vec![],
                meta: meta(),
                extra: Default::default(),
            }),
        ));
        let lonely = hood.person("Ray", "S40");
        let need = hood.gift(
            lonely,
            GiftMode::Need,
            &["singing", "company"],
            "Friday afternoons",
        );
        let found = hood.index().matches(need, 10);
        assert_eq!(names(&found), ["Friday singing"]);
        assert_eq!(found[0].who, singing);
        assert_eq!(found[0].why, "offers singing; S40, same area; Friday");
    }

    #[test]
    fn nothing_in_common_is_no_match() {
        let mut hood = Hood { records: vec![] };
        let a = hood.person("A", "S40");
        let need = hood.gift(a, GiftMode::Need, &["plumbing"], "");
        let b = hood.person("B", "S40");
        hood.gift(b, GiftMode::Offer, &["piano"], "");
        assert!(hood.index().matches(need, 10).is_empty());
        assert!(
            hood.index().matches(DocId::new(Kind::Gift), 10).is_empty(),
            "an unknown gift"
        );
    }
}
