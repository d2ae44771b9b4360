// On wasm32 the same tests run in the browser (scripts/test).
#[cfg(target_family = "wasm")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::model::DocState;
use crate::model::record::{
    Activity, Address, ConnectionKind, ConnectionStatus, ConsentHow, Extra, Gift, GiftKind,
    GiftMode, Group, Hours, HoursNature, LatLon, Meta, Person, Place, Repeats, Schedule, Session,
    Visibility, Weekday,
};

fn at(when: &str) -> Timestamp {
    when.parse().unwrap()
}

fn meta() -> Meta {
    Meta::new(at("2026-11-27T09:30:00Z"), "Sam")
}

/// Meta of a version changed at `when`.
fn changed(when: &str) -> Meta {
    Meta {
        updated: at(when),
        ..meta()
    }
}

fn now() -> Timestamp {
    at("2026-12-01T12:00:00Z")
}

/// Two versions made apart from one first version, as a stale form's save
/// makes them, read back as the screen reads them.
fn versions(first: Record, mine: Record, theirs: Record, names: Names) -> Versions {
    let id = DocId::new(first.kind());
    let mut state = DocState::new(id);
    let r1 = state.save(None, &first).unwrap();
    state.save(Some(&r1), &mine).unwrap();
    state.save(Some(&r1), &theirs).unwrap();
    let winner = state.winner().unwrap();
    let mut records = vec![winner.record().unwrap()];
    records.extend(state.conflicts().iter().map(|d| d.record().unwrap()));
    // The tests name versions by what they say, whichever won.
    if records[0] != mine {
        records.swap(0, 1);
    }
    assert_eq!(records, [mine, theirs]);
    Versions {
        id,
        winner: winner.rev,
        records,
        names,
    }
}

/// Each difference as "label: first | second".
fn said(v: &Versions) -> Vec<String> {
    v.differences()
        .into_iter()
        .map(|d| format!("{}: {}", d.label, d.values.join(" | ")))
        .collect()
}

fn resolved(v: &Versions, choice: Choice) -> Record {
    match v.resolve(&choice, now()).unwrap() {
        Edit::Resolve { id, winner, record } => {
            assert_eq!((id, &winner), (v.id, &v.winner));
            assert_eq!(record.meta().updated, now());
            record
        }
        other => panic!("{other:?}"),
    }
}

fn pick(parts: &[(Part, usize)]) -> Choice {
    Choice::Fields(parts.iter().copied().collect())
}

fn phone(value: &str) -> ContactMethod {
    ContactMethod {
        kind: ContactKind::Phone,
        value: value.into(),
        label: String::new(),
        preferred: false,
    }
}

fn email(value: &str) -> ContactMethod {
    ContactMethod {
        kind: ContactKind::Email,
        ..phone(value)
    }
}

fn consent(purpose: Purpose, given: bool, when: &str) -> Consent {
    Consent {
        purpose,
        given,
        how: ConsentHow::Verbal,
        wording: String::new(),
        recorded_by: "Sam".into(),
        at: at(when),
    }
}

#[test]
fn a_person_is_compared_field_by_field_and_built_from_the_fields_picked() {
    let first = Person {
        area: "S40".into(),
        contacts: vec![phone("07700 900001")],
        consents: vec![consent(Purpose::Store, true, "2026-11-27T09:30:00Z")],
        ..Person::new("Amina Begum", meta())
    };
    let mine = Record::Person(Person {
        name: "Amina B. Begum".into(),
        contacts: vec![phone("07700 900123"), email("amina@example.org")],
        meta: changed("2026-11-28T10:05:00Z"),
        ..first.clone()
    });
    let mut theirs = Person {
        name: "Amina Begum-Khan".into(),
        area: "S41".into(),
        languages: vec!["Bengali".into()],
        meta: changed("2026-11-28T10:07:00Z"),
        ..first.clone()
    };
    theirs
        .consents
        .push(consent(Purpose::ShowOnMap, true, "2026-11-28T10:07:00Z"));
    let v = versions(
        Record::Person(first),
        mine,
        Record::Person(theirs),
        Names::new(),
    );
    assert_eq!(v.title(), "Amina B. Begum");
    assert_eq!(
        said(&v),
        [
            "Name: Amina B. Begum | Amina Begum-Khan",
            "Area: S40 | S41",
            "Languages they speak: (blank) | Bengali",
            "Phone: 07700 900123 | 07700 900001",
            "Email: amina@example.org | (blank)",
            "Agreed to: Keep their details in Kith | Keep their details in Kith; Show them on the community map",
        ]
    );
    assert!(!Part::Agreed.picked() && Part::Name.picked());

    // Their name and area, my phone and email.
    let Record::Person(p) = resolved(&v, pick(&[(Part::Name, 1), (Part::Area, 1)])) else {
        panic!("a person")
    };
    assert_eq!(
        (p.name.as_str(), p.area.as_str()),
        ("Amina Begum-Khan", "S41")
    );
    assert_eq!(
        p.contacts,
        [phone("07700 900123"), email("amina@example.org")]
    );
    assert!(p.languages.is_empty(), "not picked: the first version's");
    // Every answer about consent is kept, whichever version is chosen.
    assert_eq!(p.consents.len(), 2);
    assert!(consents_to(&p.consents, Purpose::ShowOnMap));

    let Record::Person(p) = resolved(&v, pick(&[(Part::Contact(ContactKind::Phone), 1)])) else {
        panic!("a person")
    };
    assert_eq!(
        p.contacts,
        [email("amina@example.org"), phone("07700 900001")]
    );

    let Record::Person(whole) = resolved(&v, Choice::Whole(1)) else {
        panic!("a person")
    };
    assert_eq!(
        (
            whole.name.as_str(),
            whole.languages.len(),
            whole.consents.len()
        ),
        ("Amina Begum-Khan", 1, 2)
    );
}

#[test]
fn a_withdrawal_on_one_side_is_kept_whichever_version_is_kept() {
    let first = Person {
        consents: vec![consent(Purpose::ShowOnMap, true, "2026-11-27T09:30:00Z")],
        ..Person::new("Bea", meta())
    };
    let mut withdrew = first.clone();
    withdrew
        .consents
        .push(consent(Purpose::ShowOnMap, false, "2026-11-28T09:00:00Z"));
    let renamed = Person {
        name: "Bea Gardner".into(),
        ..first.clone()
    };
    let v = versions(
        Record::Person(first),
        Record::Person(renamed),
        Record::Person(withdrew),
        Names::new(),
    );
    let kept = resolved(&v, Choice::Whole(0));
    assert!(kept.withdrew(Purpose::ShowOnMap));
    assert_eq!(kept.name(), Some("Bea Gardner"));
}

#[test]
fn a_group_and_a_place_say_what_they_are_and_where() {
    let group = Group::new("Choir", "S40", meta());
    let v = versions(
        Record::Group(group.clone()),
        Record::Group(Group {
            description: "Sings on Fridays".into(),
            ..group.clone()
        }),
        Record::Group(Group {
            area: "S41".into(),
            meta: Meta {
                visibility: Visibility::Team,
                ..meta()
            },
            ..group
        }),
        Names::new(),
    );
    assert_eq!(
        said(&v),
        [
            "About it: Sings on Fridays | (blank)",
            "Area: S40 | S41",
            "Who can see it: Only me | My team",
        ]
    );
    let Record::Group(g) = resolved(&v, pick(&[(Part::Visibility, 1)])) else {
        panic!("a group")
    };
    assert_eq!(
        (g.description.as_str(), g.area.as_str(), g.meta.visibility),
        ("Sings on Fridays", "S40", Visibility::Team)
    );

    let place = Place::new("Church hall", meta());
    let v = versions(
        Record::Place(place.clone()),
        Record::Place(Place {
            address: Some(Address {
                lines: vec!["1 Hill Road".into()],
                town: "Chesterfield".into(),
                postcode: "S40 1AB".into(),
            }),
            ..place.clone()
        }),
        Record::Place(Place {
            location: Some(LatLon {
                lat: 53.235,
                lon: -1.421,
            }),
            facilities: vec!["Kitchen".into(), "Toilets".into()],
            ..place
        }),
        Names::new(),
    );
    assert_eq!(
        said(&v),
        [
            "Address: 1 Hill Road, Chesterfield, S40 1AB | (blank)",
            "Position: (blank) | 53.23500, -1.42100",
            "Facilities: (blank) | Kitchen, Toilets",
        ]
    );
    let Record::Place(p) = resolved(&v, pick(&[(Part::Position, 1)])) else {
        panic!("a place")
    };
    assert!(p.address.is_some() && p.location.is_some() && p.facilities.is_empty());
}

#[test]
fn a_gift_names_whose_it_is() {
    let amina = DocId::new(Kind::Person);
    let bea = DocId::new(Kind::Person);
    let names = Names::from([(amina, "Amina Begum".into()), (bea, "Bea Gardner".into())]);
    let gift = Gift {
        skills: vec!["shopping".into()],
        ..Gift::new(amina, meta())
    };
    let v = versions(
        Record::Gift(gift.clone()),
        Record::Gift(Gift {
            mode: GiftMode::Need,
            availability: "Tuesday mornings".into(),
            ..gift.clone()
        }),
        Record::Gift(Gift {
            owner: bea,
            kind: GiftKind::Heart,
            expires: Some("2027-01-31".parse().unwrap()),
            ..gift
        }),
        names,
    );
    assert_eq!(v.title(), "Needs: shopping");
    assert_eq!(
        said(&v),
        [
            "Whose it is: Amina Begum | Bea Gardner",
            "This is: Needs | Can offer",
            "Kind: Hands: does | Heart: cares about",
            "When: Tuesday mornings | (blank)",
            "Until: (blank) | 31 Jan 2027",
        ]
    );
    let Record::Gift(g) = resolved(&v, pick(&[(Part::Expires, 1), (Part::GiftKind, 1)])) else {
        panic!("a gift")
    };
    assert_eq!(
        (g.owner, g.mode, g.kind, g.expires.map(|d| d.to_string())),
        (
            amina,
            GiftMode::Need,
            GiftKind::Heart,
            Some("2027-01-31".into())
        )
    );
}

#[test]
fn an_activity_says_where_and_when() {
    let hall = DocId::new(Kind::Place);
    let choir = DocId::new(Kind::Group);
    let names = Names::from([(hall, "Church hall".into()), (choir, "Choir".into())]);
    let activity = Activity {
        name: "Friday singing".into(),
        description: String::new(),
        group: Some(choir),
        place: None,
        schedule: Schedule::default(),
        skills: Vec::new(),
        tags: Vec::new(),
        meta: meta(),
        extra: Extra::new(),
    };
    let v = versions(
        Record::Activity(activity.clone()),
        Record::Activity(Activity {
            place: Some(hall),
            ..activity.clone()
        }),
        Record::Activity(Activity {
            schedule: Schedule {
                repeats: Repeats::Weekly,
                days: vec![Weekday::Friday],
                starts: Some("18:30".parse().unwrap()),
                ends: Some("20:00".parse().unwrap()),
                ..Schedule::default()
            },
            ..activity
        }),
        names,
    );
    assert_eq!(v.title(), "Friday singing");
    assert_eq!(
        said(&v),
        [
            "Where: Church hall | (blank)",
            "When it is on: (blank) | weekly on Friday, 18:30 to 20:00",
        ]
    );
    let Record::Activity(a) = resolved(&v, pick(&[(Part::Schedule, 1)])) else {
        panic!("an activity")
    };
    assert_eq!(
        (a.place, a.schedule.days.as_slice()),
        (Some(hall), &[Weekday::Friday][..])
    );
}

#[test]
fn a_connection_says_who_how_and_where_it_stands() {
    let amina = DocId::new(Kind::Person);
    let bank = DocId::new(Kind::Group);
    let names = Names::from([(amina, "Amina Begum".into()), (bank, "Food bank".into())]);
    let connection = crate::model::record::Connection {
        from: amina,
        to: bank,
        kind: ConnectionKind::Referral,
        status: ConnectionStatus::Suggested,
        need: None,
        date: "2026-11-27".parse().unwrap(),
        due: None,
        note: String::new(),
        meta: meta(),
        extra: Extra::new(),
    };
    let v = versions(
        Record::Connection(connection.clone()),
        Record::Connection(crate::model::record::Connection {
            status: ConnectionStatus::Made,
            ..connection.clone()
        }),
        Record::Connection(crate::model::record::Connection {
            status: ConnectionStatus::Declined,
            note: "Not this week".into(),
            ..connection
        }),
        names,
    );
    assert_eq!(v.title(), "Amina Begum referred to Food bank (made)");
    assert_eq!(
        said(&v),
        [
            "Where it stands: Made | Declined",
            "Note: (blank) | Not this week",
        ]
    );
    let Record::Connection(c) = resolved(&v, pick(&[(Part::Note, 1)])) else {
        panic!("a connection")
    };
    assert_eq!(
        (c.status, c.note.as_str()),
        (ConnectionStatus::Made, "Not this week")
    );
}

#[test]
fn a_session_says_who_came() {
    let singing = DocId::new(Kind::Activity);
    let (amina, bea) = (DocId::new(Kind::Person), DocId::new(Kind::Person));
    let names = Names::from([
        (singing, "Friday singing".into()),
        (amina, "Amina Begum".into()),
        (bea, "Bea Gardner".into()),
    ]);
    let session = Session {
        activity: singing,
        date: "2026-11-27".parse().unwrap(),
        place: None,
        attendee_count: 2,
        attendees: vec![amina],
        note: String::new(),
        meta: meta(),
        extra: Extra::new(),
    };
    let v = versions(
        Record::Session(session.clone()),
        Record::Session(Session {
            attendee_count: 5,
            ..session.clone()
        }),
        Record::Session(Session {
            attendees: vec![bea, amina],
            ..session
        }),
        names,
    );
    assert_eq!(
        said(&v),
        [
            "How many came: 5 | 2",
            "Who came: Amina Begum | Amina Begum and Bea Gardner",
        ]
    );
    let Record::Session(s) = resolved(&v, pick(&[(Part::Attendees, 1)])) else {
        panic!("a session")
    };
    assert_eq!((s.attendee_count, s.attendees.len()), (5, 2));
}

#[test]
fn hours_say_who_gave_how_long_and_a_mix_that_does_not_fit_is_refused() {
    let (amina, bea, cal) = (
        DocId::new(Kind::Person),
        DocId::new(Kind::Person),
        DocId::new(Kind::Person),
    );
    let names = Names::from([
        (amina, "Amina Begum".into()),
        (bea, "Bea Gardner".into()),
        (cal, "Cal Green".into()),
    ]);
    let hours = Hours {
        giver: amina,
        receivers: vec![bea],
        minutes: 60,
        date: "2026-11-27".parse().unwrap(),
        for_what: None,
        description: String::new(),
        nature: HoursNature::Volunteering,
        meta: meta(),
        extra: Extra::new(),
    };
    let v = versions(
        Record::Hours(hours.clone()),
        Record::Hours(Hours {
            minutes: 90,
            meta: changed("2026-11-28T10:05:00Z"),
            ..hours.clone()
        }),
        Record::Hours(Hours {
            giver: bea,
            receivers: vec![cal, amina],
            nature: HoursNature::Exchange,
            ..hours
        }),
        names,
    );
    assert_eq!(
        v.title(),
        "Amina Begum gave 1 h 30 min to Bea Gardner (volunteering)"
    );
    assert_eq!(
        said(&v),
        [
            "Who gave the time: Amina Begum | Bea Gardner",
            "Who received it: Bea Gardner | Amina Begum and Cal Green",
            "How long: 1 h 30 min | 1 h",
            "Counted as: Volunteering | Timebank exchange",
        ]
    );
    let Record::Hours(h) = resolved(&v, pick(&[(Part::Nature, 1)])) else {
        panic!("hours")
    };
    assert_eq!((h.minutes, h.nature), (90, HoursNature::Exchange));
    // Bea giving to Bea: refused, as the form refuses it.
    assert_eq!(
        v.resolve(&pick(&[(Part::Giver, 1)]), now()),
        Err(Invalid::GaveToSelf)
    );
    let Record::Hours(h) = resolved(&v, Choice::Whole(1)) else {
        panic!("hours")
    };
    assert_eq!((h.giver, h.minutes), (bea, 60));
}

#[test]
fn who_made_each_version_and_when_is_said_in_local_time() {
    let first = Record::Person(Person::new("Ada", meta()));
    let bst = Offset::from_hours(1).unwrap();
    assert_eq!(made(&first, bst), "Recorded 27 Nov 2026 at 10:30 by Sam");
    let later = Record::Person(Person::new("Ada", changed("2026-11-28T17:05:00Z")));
    assert_eq!(
        made(&later, Offset::UTC),
        "Changed 28 Nov 2026 at 17:05; first recorded by Sam"
    );
}

#[test]
fn the_list_and_the_count_say_how_many() {
    let c = Contested {
        id: DocId::new(Kind::Group),
        title: "Choir".into(),
        versions: 2,
    };
    assert_eq!(c.words(), "Choir (group): 2 versions");
    assert_eq!(count_words(0), None);
    assert_eq!(
        count_words(1).as_deref(),
        Some("1 record has two versions: choose what to keep")
    );
    assert_eq!(
        count_words(3).as_deref(),
        Some("3 records have two versions: choose what to keep")
    );
}

#[test]
fn every_kind_has_its_fields_each_labelled_once() {
    for kind in Kind::ALL {
        let parts = Part::of(kind);
        let mut labels: Vec<&str> = parts.iter().map(|p| p.label()).collect();
        assert!(labels.iter().all(|l| !l.is_empty()));
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), parts.len(), "{kind:?}");
        assert!(parts.contains(&Part::Visibility));
    }
}
