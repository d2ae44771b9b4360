//! A small made-up neighbourhood to try Kith with: people with gifts and
//! needs that match, a choir with a weekly session, a hall and a library.
//! Every record is marked `sample`, so one tap removes exactly these.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use jiff::civil::Time;

use super::doc::Edit;
use super::draft::Opened;

use super::id::{DocId, Kind};
use super::record::{
    Activity, Address, Area, Consent, ConsentHow, Gift, GiftKind, GiftMode, Group, LatLon, Meta,
    Person, Place, Purpose, Record, Repeats, Schedule, Visibility, Weekday,
};

/// Who the sample says recorded it.
pub const SAMPLE_RECORDER: &str = "Kith sample";

struct Builder {
    meta: Meta,
    records: Vec<(DocId, Record)>,
}

impl Builder {
    fn person(&mut self, name: &str, area: &str) -> DocId {
        let id = DocId::new(Kind::Person);
        // Made-up people "agree" to being kept and shown on the map, so
        // the sample shows what a real neighbourhood looks like; the
        // consent rule keeps them out of files and reports all the same.
        let agreed = |purpose| Consent {
            purpose,
            given: true,
            how: ConsentHow::Other,
            wording: "Made up for trying Kith out.".into(),
            recorded_by: SAMPLE_RECORDER.into(),
            at: self.meta.created,
        };
        let person = Person {
            area: area.into(),
            consents: vec![agreed(Purpose::Store), agreed(Purpose::ShowOnMap)],
            ..Person::new(name, self.meta.clone())
        };
        self.records.push((id, Record::Person(person)));
        id
    }

    fn gift(
        &mut self,
        owner: DocId,
        mode: GiftMode,
        kind: GiftKind,
        skills: &[&str],
        words: &str,
        when: &str,
    ) {
        let gift = Gift {
            mode,
            kind,
            skills: skills.iter().map(|s| s.to_string()).collect(),
            description: words.into(),
            availability: when.into(),
            ..Gift::new(owner, self.meta.clone())
        };
        self.records
            .push((DocId::new(Kind::Gift), Record::Gift(gift)));
    }

    fn group(&mut self, name: &str, description: &str, area: &str) -> DocId {
        let id = DocId::new(Kind::Group);
        let group = Group {
            description: description.into(),
            ..Group::new(name, area, self.meta.clone())
        };
        self.records.push((id, Record::Group(group)));
        id
    }

    fn place(
        &mut self,
        name: &str,
        description: &str,
        street: &str,
        postcode: &str,
        facilities: &[&str],
        location: LatLon,
    ) -> DocId {
        let id = DocId::new(Kind::Place);
        let area = postcode.split(' ').next().unwrap_or_default();
        self.records.push((
            id,
            Record::Place(Place {
                name: name.into(),
                description: description.into(),
                address: Some(Address {
                    lines: vec![street.into()],
                    town: "Chesterfield".into(),
                    postcode: postcode.into(),
                }),
                area: area.into(),
                location: Some(location),
                facilities: facilities.iter().map(|s| s.to_string()).collect(),
                accessibility: "Step-free entrance".into(),
                contacts: vec![],
                consents: vec![],
                meta: self.meta.clone(),
                extra: Default::default(),
            }),
        ));
        id
    }
}

/// The sample neighbourhood, made now. Groups, places and their activity
/// are public, as a real directory's would be; the people are private.
pub fn neighbourhood(now: Timestamp) -> Vec<(DocId, Record)> {
    use GiftKind::{Hands, Head, Heart};
    use GiftMode::{Learn, Need, Offer, Teach};
    let mut b = Builder {
        meta: Meta {
            sample: true,
            ..Meta::new(now, SAMPLE_RECORDER)
        },
        records: Vec::new(),
    };

    let amina = b.person("Amina Begum", "S40");
    b.gift(
        amina,
        Offer,
        Hands,
        &["baking"],
        "Cakes for the lunch club",
        "Weekday mornings",
    );
    b.gift(amina, Teach, Head, &["bengali"], "", "Saturday");
    b.gift(
        amina,
        Need,
        Hands,
        &["lifts"],
        "To the surgery on Thursdays",
        "Thursday",
    );
    let bea = b.person("Bea Gardner", "S40");
    b.gift(
        bea,
        Need,
        Hands,
        &["gardening"],
        "Help with her allotment",
        "Tuesday mornings",
    );
    b.gift(
        bea,
        Offer,
        Heart,
        &["listening", "befriending"],
        "",
        "Afternoons",
    );
    let cal = b.person("Cal Green", "S40");
    b.gift(cal, Offer, Hands, &["gardening", "diy"], "", "Tuesdays");
    let dee = b.person("Dee Rowe", "S42");
    b.gift(
        dee,
        Teach,
        Head,
        &["community gardening"],
        "Runs the Holme Hall growing plot",
        "Weekends",
    );
    let eli = b.person("Eli Marsh", "S41");
    b.gift(
        eli,
        Offer,
        Head,
        &["computers", "smartphones"],
        "Patient with beginners",
        "Evenings",
    );
    let fay = b.person("Fay Holt", "S41");
    b.gift(
        fay,
        Need,
        Heart,
        &["befriending"],
        "Lives alone since her husband died",
        "Afternoons",
    );
    b.gift(fay, Offer, Hands, &["knitting"], "", "");
    let gus = b.person("Gus Ives", "S40");
    b.gift(
        gus,
        Offer,
        Hands,
        &["lifts", "driving"],
        "Has a car most days",
        "Thursday",
    );
    let hana = b.person("Hana Ito", "S43");
    b.gift(
        hana,
        Teach,
        Hands,
        &["knitting", "sewing"],
        "",
        "Wednesday evenings",
    );
    let jas = b.person("Jas Singh", "S41");
    b.gift(jas, Offer, Heart, &["singing"], "Sings bass", "Fridays");
    b.gift(jas, Need, Head, &["form filling"], "Pension forms", "");
    let kim = b.person("Kim Lowe", "S42");
    b.gift(kim, Learn, Hands, &["guitar"], "", "Evenings");
    let lou = b.person("Lou Park", "S42");
    b.gift(
        lou,
        Teach,
        Hands,
        &["guitar", "music"],
        "",
        "Monday evenings",
    );
    let mo = b.person("Mo Reid", "S40");
    b.gift(
        mo,
        Offer,
        Head,
        &["form filling", "welfare benefits"],
        "Retired benefits adviser",
        "Weekday mornings",
    );

    let public = Meta {
        visibility: Visibility::Public,
        ..b.meta.clone()
    };
    let people = std::mem::replace(&mut b.meta, public);
    let choir = b.group(
        "Tuesday Choir",
        "A friendly community choir: no auditions, all voices welcome.",
        "S40",
    );
    b.group(
        "Walking for Health",
        "Gentle led walks from the library.",
        "S41",
    );
    let hall = b.place(
        "St Mary's Hall",
        "Church hall with a kitchen and a hearing loop.",
        "Church Way",
        "S40 1XJ",
        &["kitchen", "hearing loop", "accessible toilet"],
        LatLon {
            lat: 53.2352,
            lon: -1.4262,
        },
    );
    b.place(
        "Newbold Library",
        "Meeting room and free computers.",
        "Newbold Road",
        "S41 7PG",
        &["computers", "meeting room"],
        LatLon {
            lat: 53.2519,
            lon: -1.4338,
        },
    );
    let singing = Activity {
        name: "Friday singing".into(),
        description: "The choir's open session: tea, then songs.".into(),
        group: Some(choir),
        place: Some(hall),
        schedule: Schedule {
            repeats: Repeats::Weekly,
            days: vec![Weekday::Friday],
            starts: Some(Time::constant(10, 30, 0, 0)),
            ends: Some(Time::constant(12, 0, 0, 0)),
            ..Default::default()
        },
        skills: vec!["singing".into()],
        tags: vec![],
        meta: b.meta.clone(),
        extra: Default::default(),
    };
    b.records
        .push((DocId::new(Kind::Activity), Record::Activity(singing)));
    b.meta = people;
    // Where the sample's areas are drawn (roughly Chesterfield's districts).
    for (code, lat, lon) in [
        ("S40", 53.2310, -1.4420),
        ("S41", 53.2560, -1.4230),
        ("S42", 53.2150, -1.3880),
        ("S43", 53.2700, -1.3650),
    ] {
        let area = Area {
            code: code.into(),
            location: LatLon { lat, lon },
            meta: b.meta.clone(),
            extra: Default::default(),
        };
        b.records.push((DocId::new(Kind::Area), Record::Area(area)));
    }
    b.records
}

/// What removing the sample neighbourhood does, worked out before it is
/// done so the person can be told first, and done in one transaction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Removal {
    /// Deletions: every sample record, and gifts added to sample people
    /// (which mean nothing without them); then the real entries that name
    /// sample records, each saved with the names it mentions kept.
    pub edits: Vec<Edit>,
    /// The records removed as they were, to put back on Undo.
    pub removed: Vec<(DocId, Record)>,
    /// How many real entries (connections, sessions, hours, activities)
    /// name a sample record: they stay, and keep those names.
    pub kept: usize,
}

/// How a removed sample record is named in the real entries that
/// mention it: "Amina Begum (sample)".
pub fn kept_name(record: &Record) -> String {
    format!("{} (sample)", record.title())
}

/// Works out the removal from the sample's records and every record that
/// refers to one of them (sample or not), each as opened.
pub fn removal(
    sample: Vec<Opened<Record>>,
    linked: Vec<Opened<Record>>,
    now: Timestamp,
) -> Removal {
    let names: BTreeMap<DocId, String> = sample
        .iter()
        .map(|(id, _, record)| (*id, kept_name(record)))
        .collect();
    let mut out = Removal::default();
    let mut seen: BTreeSet<DocId> = BTreeSet::new();
    for (id, rev, record) in sample {
        seen.insert(id);
        out.edits.push(Edit::Delete { id, parent: rev });
        out.removed.push((id, record));
    }
    for (id, rev, mut record) in linked {
        if !seen.insert(id) || record.meta().sample {
            continue;
        }
        match &record {
            Record::Gift(g) if names.contains_key(&g.owner) => {
                out.edits.push(Edit::Delete { id, parent: rev });
                out.removed.push((id, record));
            }
            _ => {
                for link in record.links() {
                    if let Some(name) = names.get(&link) {
                        record
                            .meta_mut()
                            .named
                            .entry(link)
                            .or_insert_with(|| name.clone());
                    }
                }
                record.meta_mut().updated = now;
                out.kept += 1;
                out.edits.push(Edit::Save {
                    id,
                    parent: Some(rev),
                    record,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::model::search::Index;

    fn sample() -> Vec<(DocId, Record)> {
        neighbourhood("2026-11-27T09:30:00Z".parse().unwrap())
    }

    #[test]
    fn every_sample_record_is_valid_and_marked_as_sample() {
        let records = sample();
        assert_eq!(
            records
                .iter()
                .filter(|(id, _)| id.kind() == Kind::Person)
                .count(),
            12
        );
        assert!(records.iter().any(|(id, _)| id.kind() == Kind::Activity));
        for (id, record) in &records {
            assert_eq!(record.kind(), id.kind());
            assert_eq!(record.validate(), Ok(()), "{record:?}");
            assert!(record.meta().sample);
        }
    }

    #[test]
    fn the_sample_map_draws_its_places_and_every_area_with_no_one_left_over() {
        let plan = crate::model::map::plan(sample());
        let labels: Vec<String> = plan.pins.iter().map(|p| p.summary()).collect();
        assert_eq!(
            labels,
            [
                "Newbold Library (place)",
                "S40: 5 people, 1 group",
                "S41: 3 people, 1 group",
                "S42: 3 people",
                "S43: 1 person",
                "St Mary's Hall (place): 1 activity",
            ]
        );
        assert!(plan.unplaced.is_empty());
        assert_eq!(plan.withdrawn, 0);
    }

    #[test]
    fn the_sample_shows_matching_at_work() {
        let records = sample();
        let need = records
            .iter()
            .find_map(|(id, r)| match r {
                Record::Gift(g) if g.mode == GiftMode::Need && g.skills == ["gardening"] => {
                    Some(*id)
                }
                _ => None,
            })
            .unwrap();
        let index = Index::build(records);
        let matches = index.matches(need, 5);
        assert_eq!(matches[0].name, "Cal Green");
        assert_eq!(matches[0].why, "offers gardening; S40, same area; Tuesday");
    }

    #[test]
    fn removing_the_sample_keeps_real_entries_readable_with_the_names_they_mention() {
        use crate::model::log::entry_words;
        use crate::model::record::{Connection, Hours, HoursNature, Meta};
        use crate::model::rev::Rev;
        let records = sample();
        let now: Timestamp = "2026-12-01T10:00:00Z".parse().unwrap();
        let named = |name: &str| {
            records
                .iter()
                .find(|(_, r)| r.name() == Some(name))
                .map(|(id, _)| *id)
                .unwrap()
        };
        let (amina, bea) = (named("Amina Begum"), named("Bea Gardner"));
        let rev: Rev = "1-967a00dff5e02add41819138abb3284d".parse().unwrap();
        let real = Meta::new(now, "Sam");
        let worker = DocId::new(Kind::Person);
        let hours = Record::Hours(Hours {
            giver: worker,
            receivers: vec![amina],
            minutes: 60,
            date: "2026-11-30".parse().unwrap(),
            for_what: None,
            description: String::new(),
            nature: HoursNature::Volunteering,
            meta: real.clone(),
            extra: Default::default(),
        });
        let connection = Record::Connection(Connection {
            from: amina,
            to: bea,
            kind: Default::default(),
            status: Default::default(),
            need: None,
            date: "2026-11-30".parse().unwrap(),
            due: None,
            note: String::new(),
            meta: real.clone(),
            extra: Default::default(),
        });
        let gift = Record::Gift(crate::model::record::Gift::new(bea, real));
        let (h, c, g) = (
            DocId::new(Kind::Hours),
            DocId::new(Kind::Connection),
            DocId::new(Kind::Gift),
        );
        let opened = |list: Vec<(DocId, Record)>| {
            list.into_iter()
                .map(|(id, r)| (id, rev.clone(), r))
                .collect::<Vec<_>>()
        };
        let removal = removal(
            opened(records.clone()),
            opened(vec![(h, hours), (c, connection), (g, gift)]),
            now,
        );
        assert_eq!(removal.kept, 2, "the hours and the connection stay");
        assert_eq!(
            removal.removed.len(),
            records.len() + 1,
            "and the gift added to Bea goes"
        );
        let saved: Vec<&Record> = removal
            .edits
            .iter()
            .filter_map(|e| match e {
                Edit::Save { record, .. } => Some(record),
                _ => None,
            })
            .collect();
        let mut names = BTreeMap::new();
        names.insert(worker, "Sam Worker".to_owned());
        let words: Vec<String> = saved
            .iter()
            .map(|r| entry_words(r, &names).unwrap())
            .collect();
        assert_eq!(
            words,
            [
                "Sam Worker gave 1 h to Amina Begum (sample) (volunteering)",
                "Amina Begum (sample) introduced to Bea Gardner (sample) (suggested)",
            ]
        );
        assert!(
            saved
                .iter()
                .all(|r| r.meta().updated == now && !r.meta().sample)
        );
    }
}
