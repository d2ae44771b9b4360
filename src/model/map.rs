//! What the map shows, and where: the privacy rules of the map as plain
//! data for the screen to draw.
//!
//! - A place the community may see (visibility community or public) with
//!   a position is drawn where it is, with the activities held there.
//! - Everyone and everything else is drawn at its area's point, never at
//!   a door: people, groups, private places. An area's point is the one
//!   set for it, or else the middle of the public places in it.
//! - A record whose latest word on "show on the map" is a withdrawal is
//!   left off altogether (and the map says how many were).
//! - What has no area, or an area with no point yet, is listed beside the
//!   map so that nothing silently disappears.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::consent::{Allowed, allows};
use super::doc::Edit;
use super::draft::Opened;
use super::id::{DocId, Kind};
use super::record::{Area, LatLon, Meta, Place, Purpose, Record, Visibility};

/// A person, group, place or activity as the map lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Member {
    pub kind: Kind,
    pub name: String,
    pub id: DocId,
}

/// What a point on the map stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Spot {
    /// A place at its own position.
    Place(DocId),
    /// An area ("S40"): everyone in it.
    Area(String),
}

/// One point on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Pin {
    pub spot: Spot,
    /// The place's name, or the area.
    pub label: String,
    pub at: LatLon,
    pub members: Vec<Member>,
}

impl Pin {
    /// What the point is, in words for a screen reader and a tap:
    /// "S40: 3 people, 1 group".
    pub fn summary(&self) -> String {
        match &self.spot {
            Spot::Place(id) => {
                let others: Vec<&Member> = self.members.iter().filter(|m| m.id != *id).collect();
                if others.is_empty() {
                    format!("{} (place)", self.label)
                } else {
                    format!("{} (place): {}", self.label, counted(others))
                }
            }
            Spot::Area(_) => format!("{}: {}", self.label, counted(&self.members)),
        }
    }
}

/// Records with an area but no point for it yet, or no area at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Unplaced {
    /// Empty for records with no area.
    pub area: String,
    pub members: Vec<Member>,
}

/// Everything the map shows and lists.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub pins: Vec<Pin>,
    pub unplaced: Vec<Unplaced>,
    /// How many were left off because they withdrew consent to the map
    /// (or to being kept at all).
    pub withdrawn: usize,
    /// How many people were left off because nobody has asked them yet.
    pub not_asked: usize,
}

impl Plan {
    /// What was left off and why, a sentence each, for under the map.
    pub fn left_off(&self) -> Vec<String> {
        let mut said = Vec::new();
        match self.withdrawn {
            0 => {}
            1 => said.push(
                "1 record is not on the map: they withdrew consent to being shown on it."
                    .to_owned(),
            ),
            n => said.push(format!(
                "{n} records are not on the map: they withdrew consent to being shown on it."
            )),
        }
        match self.not_asked {
            0 => {}
            1 => said.push(
                "1 person is not on the map: not asked yet whether they may be shown.".to_owned(),
            ),
            n => said.push(format!(
                "{n} people are not on the map: not asked yet whether they may be shown."
            )),
        }
        said
    }
}

/// "3 people, 1 group, 2 activities": how many of each kind, in order.
pub fn counted<'a>(members: impl IntoIterator<Item = &'a Member>) -> String {
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for m in members {
        *counts.entry(m.kind).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(kind, n)| {
            let (one, many) = match kind {
                Kind::Person => ("person", "people"),
                Kind::Group => ("group", "groups"),
                Kind::Place => ("place", "places"),
                Kind::Activity => ("activity", "activities"),
                _ => ("record", "records"),
            };
            format!("{n} {}", if n == 1 { one } else { many })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a place is drawn at its own position: only when it has one and
/// the community may see it. Everything else is drawn by its area.
pub fn drawn_where_it_is(place: &Place) -> bool {
    place.location.is_some()
        && matches!(
            place.meta.visibility,
            Visibility::Community | Visibility::Public
        )
}

/// The key an area is gathered under: "s40 " and "S40" are one area.
fn area_key(area: &str) -> String {
    area.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// Works out the map from live records: people, groups, places,
/// activities and area points (other records are ignored).
/// Puts an area's point at `at`: the record that holds it moved (as
/// opened), or a new one. Where a district is, is no one's secret.
pub fn place_area(
    existing: Option<&Opened<Area>>,
    code: &str,
    at: LatLon,
    now: Timestamp,
    recorded_by: &str,
) -> Edit {
    match existing {
        Some((id, rev, area)) => Edit::Save {
            id: *id,
            parent: Some(rev.clone()),
            record: Record::Area(Area {
                location: at,
                meta: Meta {
                    updated: now,
                    ..area.meta.clone()
                },
                ..area.clone()
            }),
        },
        None => Edit::Save {
            id: DocId::new(Kind::Area),
            parent: None,
            record: Record::Area(Area {
                code: code.to_owned(),
                location: at,
                meta: Meta {
                    visibility: Visibility::Public,
                    ..Meta::new(now, recorded_by)
                },
                extra: Default::default(),
            }),
        },
    }
}

pub fn plan(records: impl IntoIterator<Item = (DocId, Record)>) -> Plan {
    let mut plan = Plan::default();
    // Each area's set point: the latest set wins if two devices set one.
    let mut set_points: BTreeMap<String, (jiff::Timestamp, LatLon)> = BTreeMap::new();
    let mut places: BTreeMap<DocId, Pin> = BTreeMap::new();
    // Where each party is drawn, for the activities that belong to them.
    let mut drawn_at: BTreeMap<DocId, Spot> = BTreeMap::new();
    let mut in_area: BTreeMap<String, Vec<Member>> = BTreeMap::new();
    let mut activities = Vec::new();
    // Public places' positions by area, for areas with no set point.
    let mut public_points: BTreeMap<String, Vec<LatLon>> = BTreeMap::new();
    for (id, record) in records {
        match allows(&record, Purpose::ShowOnMap) {
            Allowed::NotAsked => {
                plan.not_asked += 1;
                continue;
            }
            Allowed::Withdrawn => {
                plan.withdrawn += 1;
                continue;
            }
            _ => {}
        }
        let member = |name: &str| Member {
            kind: id.kind(),
            name: name.to_owned(),
            id,
        };
        match record {
            Record::Area(a) => {
                let updated = a.meta.updated;
                let key = area_key(&a.code);
                if set_points.get(&key).is_none_or(|(t, _)| *t < updated) {
                    set_points.insert(key, (updated, a.location));
                }
            }
            Record::Place(p) if drawn_where_it_is(&p) => {
                let at = p.location.unwrap_or(LatLon { lat: 0.0, lon: 0.0 });
                drawn_at.insert(id, Spot::Place(id));
                places.insert(
                    id,
                    Pin {
                        spot: Spot::Place(id),
                        label: p.name.clone(),
                        at,
                        members: vec![member(&p.name)],
                    },
                );
                // A public place's position is public: its area may use it.
                public_points.entry(area_key(&p.area)).or_default().push(at);
            }
            Record::Person(p) => gather(&mut in_area, &mut drawn_at, &p.area, member(&p.name)),
            Record::Group(g) => gather(&mut in_area, &mut drawn_at, &g.area, member(&g.name)),
            Record::Place(p) => gather(&mut in_area, &mut drawn_at, &p.area, member(&p.name)),
            Record::Activity(a) => {
                activities.push((member(&a.name), a.place.into_iter().chain(a.group)))
            }
            _ => {}
        }
    }
    // An activity is drawn where it is held, or else with its group.
    for (member, hosts) in activities {
        let spot = hosts.into_iter().find_map(|h| drawn_at.get(&h).cloned());
        match spot {
            Some(Spot::Place(place)) => {
                if let Some(pin) = places.get_mut(&place) {
                    pin.members.push(member);
                }
            }
            Some(Spot::Area(area)) => in_area.entry(area).or_default().push(member),
            None => in_area.entry(String::new()).or_default().push(member),
        }
    }
    for (area, mut members) in in_area {
        if members.is_empty() {
            continue;
        }
        members.sort();
        let at = set_points
            .get(&area)
            .map(|(_, at)| *at)
            .or_else(|| public_points.get(&area).map(|points| middle(points)));
        match at {
            Some(at) if !area.is_empty() => plan.pins.push(Pin {
                spot: Spot::Area(area.clone()),
                label: area,
                at,
                members,
            }),
            _ => plan.unplaced.push(Unplaced { area, members }),
        }
    }
    for mut pin in places.into_values() {
        pin.members[1..].sort();
        plan.pins.push(pin);
    }
    plan.pins.sort_by(|a, b| a.label.cmp(&b.label));
    plan
}

fn gather(
    in_area: &mut BTreeMap<String, Vec<Member>>,
    drawn_at: &mut BTreeMap<DocId, Spot>,
    area: &str,
    member: Member,
) {
    let key = area_key(area);
    drawn_at.insert(member.id, Spot::Area(key.clone()));
    in_area.entry(key).or_default().push(member);
}

/// The middle of a few nearby points (an area's places): near enough to
/// average degrees directly.
fn middle(points: &[LatLon]) -> LatLon {
    let n = points.len().max(1) as f64;
    LatLon {
        lat: points.iter().map(|p| p.lat).sum::<f64>() / n,
        lon: points.iter().map(|p| p.lon).sum::<f64>() / n,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::model::record::{
        Activity, Area, Consent, ConsentHow, Group, Meta, Person, Schedule,
    };
    use jiff::Timestamp;

    fn at(minute: i64) -> Timestamp {
        Timestamp::from_second(1_795_000_000 + minute * 60).unwrap()
    }

    fn meta(visibility: Visibility) -> Meta {
        Meta {
            visibility,
            ..Meta::new(at(0), "Sam")
        }
    }

    const HALL: LatLon = LatLon {
        lat: 53.2350,
        lon: -1.4210,
    };
    const LIBRARY: LatLon = LatLon {
        lat: 53.2370,
        lon: -1.4250,
    };
    const S40: LatLon = LatLon {
        lat: 53.2300,
        lon: -1.4300,
    };

    fn person(name: &str, area: &str) -> (DocId, Record) {
        (
            DocId::new(Kind::Person),
            Record::Person(Person {
                area: area.into(),
                // They agreed to be kept and shown, at the start.
                consents: vec![
                    Consent {
                        purpose: Purpose::Store,
                        ..consent(true, 0)
                    },
                    consent(true, 0),
                ],
                ..Person::new(name, meta(Visibility::Private))
            }),
        )
    }

    fn place(name: &str, area: &str, location: LatLon, visibility: Visibility) -> (DocId, Record) {
        (
            DocId::new(Kind::Place),
            Record::Place(Place {
                area: area.into(),
                location: Some(location),
                ..Place::new(name, meta(visibility))
            }),
        )
    }

    fn area(code: &str, location: LatLon, minute: i64) -> (DocId, Record) {
        (
            DocId::new(Kind::Area),
            Record::Area(Area {
                code: code.into(),
                location,
                meta: Meta::new(at(minute), "Sam"),
                extra: Default::default(),
            }),
        )
    }

    fn activity(name: &str, group: Option<DocId>, place: Option<DocId>) -> (DocId, Record) {
        let activity = Activity {
            name: name.into(),
            description: String::new(),
            group,
            place,
            schedule: Schedule::default(),
            skills: vec![],
            tags: vec![],
            meta: meta(Visibility::Public),
            extra: Default::default(),
        };
        (DocId::new(Kind::Activity), Record::Activity(activity))
    }

    fn consent(given: bool, minute: i64) -> Consent {
        Consent {
            purpose: Purpose::ShowOnMap,
            given,
            how: ConsentHow::Verbal,
            wording: String::new(),
            recorded_by: "Sam".into(),
            at: at(minute),
        }
    }

    fn names(members: &[Member]) -> Vec<&str> {
        members.iter().map(|m| m.name.as_str()).collect()
    }

    #[test]
    fn people_are_drawn_at_their_areas_point_never_alone() {
        let plan = plan([
            person("Bea", "S40"),
            person("Amina", "s40 "),
            area("S40", S40, 1),
        ]);
        assert_eq!(plan.pins.len(), 1);
        let pin = &plan.pins[0];
        assert_eq!(pin.spot, Spot::Area("S40".into()));
        assert_eq!(pin.at, S40);
        assert_eq!(names(&pin.members), ["Amina", "Bea"]);
        assert_eq!(pin.summary(), "S40: 2 people");
        assert!(plan.unplaced.is_empty());
    }

    #[test]
    fn a_community_place_is_drawn_where_it_is_with_what_happens_there() {
        let hall = place("Church Hall", "S40", HALL, Visibility::Community);
        let plan = plan([activity("Friday singing", None, Some(hall.0)), hall]);
        assert_eq!(plan.pins.len(), 1);
        assert_eq!(plan.pins[0].at, HALL);
        assert_eq!(plan.pins[0].summary(), "Church Hall (place): 1 activity");
        assert_eq!(
            names(&plan.pins[0].members),
            ["Church Hall", "Friday singing"]
        );
    }

    #[test]
    fn a_private_place_is_drawn_only_by_its_area_and_lends_it_no_position() {
        let garden = place("Mo's garden", "S41", HALL, Visibility::Private);
        let team = place("Office", "S41", LIBRARY, Visibility::Team);
        let plan = plan([garden, team]);
        assert!(plan.pins.is_empty(), "{:?}", plan.pins);
        assert_eq!(plan.unplaced.len(), 1);
        assert_eq!(plan.unplaced[0].area, "S41");
        assert_eq!(names(&plan.unplaced[0].members), ["Mo's garden", "Office"]);
    }

    #[test]
    fn an_area_with_no_set_point_sits_in_the_middle_of_its_public_places() {
        let plan = plan([
            place("Church Hall", "S40", HALL, Visibility::Public),
            place("Library", "S40", LIBRARY, Visibility::Community),
            person("Bea", "S40"),
        ]);
        let area = plan
            .pins
            .iter()
            .find(|p| p.spot == Spot::Area("S40".into()))
            .unwrap();
        assert!((area.at.lat - 53.2360).abs() < 1e-9);
        assert!((area.at.lon + 1.4230).abs() < 1e-9);
        assert_eq!(area.summary(), "S40: 1 person");
        assert_eq!(plan.pins.len(), 3);
    }

    #[test]
    fn the_latest_point_set_for_an_area_wins() {
        let plan = plan([
            area("S40", HALL, 5),
            area("S40", S40, 1),
            person("Bea", "S40"),
        ]);
        assert_eq!(plan.pins[0].at, HALL);
    }

    #[test]
    fn whoever_withdrew_consent_to_the_map_is_left_off_and_counted() {
        let (id, mut record) = person("Bea", "S40");
        if let Record::Person(p) = &mut record {
            p.consents.extend([consent(true, 1), consent(false, 2)]);
        }
        let (back_id, mut back) = person("Cal", "S40");
        if let Record::Person(p) = &mut back {
            p.consents.extend([consent(false, 1), consent(true, 2)]);
        }
        let mut hall = place("Church Hall", "S40", HALL, Visibility::Public);
        if let Record::Place(p) = &mut hall.1 {
            p.consents = vec![consent(false, 3)];
        }
        let plan = plan([(id, record), (back_id, back), hall, area("S40", S40, 1)]);
        assert_eq!(plan.withdrawn, 2);
        assert_eq!(plan.pins.len(), 1);
        assert_eq!(names(&plan.pins[0].members), ["Cal"]);
        assert_eq!(
            plan.left_off(),
            ["2 records are not on the map: they withdrew consent to being shown on it."]
        );
    }

    #[test]
    fn people_not_asked_yet_are_left_off_and_counted_apart() {
        let (id, mut unasked) = person("Dee", "S40");
        if let Record::Person(p) = &mut unasked {
            p.consents.clear();
        }
        let (id2, mut map_only) = person("Eli", "S40");
        if let Record::Person(p) = &mut map_only {
            // Agreed to the map, but never asked whether Kith may keep them.
            p.consents.retain(|c| c.purpose == Purpose::ShowOnMap);
        }
        let plan = plan([
            (id, unasked),
            (id2, map_only),
            person("Fay", "S40"),
            area("S40", S40, 1),
        ]);
        assert_eq!(names(&plan.pins[0].members), ["Fay"]);
        assert_eq!((plan.not_asked, plan.withdrawn), (2, 0));
        assert_eq!(
            plan.left_off(),
            ["2 people are not on the map: not asked yet whether they may be shown."]
        );
    }

    #[test]
    fn what_has_no_point_yet_is_listed_not_dropped() {
        let group = Group::new("Walkers", "S42", meta(Visibility::Public));
        let plan = plan([
            person("Nobody-knows-where", ""),
            (DocId::new(Kind::Group), Record::Group(group)),
            person("Dee", "S42"),
        ]);
        assert!(plan.pins.is_empty());
        let listed: Vec<(&str, Vec<&str>)> = plan
            .unplaced
            .iter()
            .map(|u| (u.area.as_str(), names(&u.members)))
            .collect();
        assert_eq!(
            listed,
            [
                ("", vec!["Nobody-knows-where"]),
                ("S42", vec!["Dee", "Walkers"])
            ]
        );
        assert_eq!(counted(&plan.unplaced[1].members), "1 person, 1 group");
    }

    #[test]
    fn a_groups_activity_with_no_public_place_is_drawn_with_the_group() {
        let group_id = DocId::new(Kind::Group);
        let group = Group::new("Choir", "S41", meta(Visibility::Public));
        let hall = place("Back room", "S41", HALL, Visibility::Private);
        let plan = plan([
            activity("Singing", Some(group_id), Some(hall.0)),
            (group_id, Record::Group(group)),
            hall,
            area("S41", S40, 1),
        ]);
        assert_eq!(plan.pins.len(), 1);
        assert_eq!(plan.pins[0].summary(), "S41: 1 group, 1 place, 1 activity");
    }
}
