//! The pages' queries with what sync and files will bring: records that
//! arrive out of order, refer to what was deleted, come from a newer Kith,
//! or were edited in two places at once.

use kith::model::record::{Connection, ConnectionKind, ConnectionStatus, GiftMode};
use kith::model::{DocId, DocState, Kind, Record};
use kith::store::query::{
    ContestCount, Contests, Current, DamagedRecords, GiftsOf, Log, Neighbourhood, Party, PartyRead,
    People, Query, VersionsOf, VersionsRead,
};
use kith::store::{Command, Edit, Entry, Store};
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{connection, delete_db, fresh_db_name, gift, name_of, person, put_raw};

async fn run<Q: Query>(store: &Store, query: Q) -> Q::Output {
    query.run(store).await.unwrap()
}

fn found(read: PartyRead) -> Box<kith::model::party::PartyView> {
    match read {
        PartyRead::Found(view) => view,
        other => panic!("read {other:?}"),
    }
}

/// A record as another device sends it: its first revision.
fn from_elsewhere(id: DocId, record: &Record) -> (kith::model::Doc, Vec<kith::model::Rev>) {
    let mut state = DocState::new(id);
    let rev = state.save(None, record).unwrap();
    (state.winner().unwrap(), vec![rev])
}

#[wasm_bindgen_test]
async fn a_gift_that_arrives_before_its_owner_waits_for_them() {
    let name = fresh_db_name("orphan");
    let store = Store::open(&name).await.unwrap();
    let (owner, g) = (DocId::new(Kind::Person), DocId::new(Kind::Gift));
    store
        .merge(
            vec![from_elsewhere(
                g,
                &gift(owner, GiftMode::Offer, &["plumbing"], &[]),
            )],
            false,
        )
        .await
        .unwrap();
    // Nothing breaks, and nothing is claimed about someone not here.
    assert!(run(&store, People { shown: 10 }).await.people.is_empty());
    assert_eq!(run(&store, Party(Some(owner))).await, PartyRead::Missing);
    let index = run(&store, Neighbourhood).await.index;
    assert!(index.is_empty());

    store
        .merge(vec![from_elsewhere(owner, &person("Olu"))], false)
        .await
        .unwrap();
    let view = found(run(&store, Party(Some(owner))).await);
    assert_eq!(view.gifts.iter().map(|g| g.0).collect::<Vec<_>>(), [g]);
    let offered = run(
        &store,
        GiftsOf {
            owner: Some(owner),
            modes: vec![GiftMode::Offer],
        },
    )
    .await;
    assert_eq!(offered, [(g, "Can offer: plumbing".to_owned())]);
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn a_connection_to_a_record_deleted_since_still_reads() {
    let name = fresh_db_name("gone");
    let store = Store::open(&name).await.unwrap();
    let (ada, bea) = (DocId::new(Kind::Person), DocId::new(Kind::Person));
    let met = Record::Connection(connection(
        ada,
        bea,
        ConnectionKind::Referral,
        ConnectionStatus::Made,
    ));
    let revs = store
        .apply(vec![
            Edit::Save {
                id: ada,
                parent: None,
                record: person("Ada"),
            },
            Edit::Save {
                id: bea,
                parent: None,
                record: person("Bea"),
            },
            Edit::Save {
                id: DocId::new(Kind::Connection),
                parent: None,
                record: met,
            },
        ])
        .await
        .unwrap();
    store.delete(bea, revs[1].clone().unwrap()).await.unwrap();
    let view = found(run(&store, Party(Some(ada))).await);
    assert_eq!(view.connections[0].other, "someone no longer recorded");
    let log = run(&store, Log).await;
    assert_eq!(
        log.lines[0].words,
        "Ada referred to someone no longer here (made)"
    );
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn what_a_newer_kith_wrote_is_kept_and_never_shown_or_called_damaged() {
    let name = fresh_db_name("newer");
    let store = Store::open(&name).await.unwrap();
    // A person with a field this Kith does not know, from elsewhere.
    let ada = DocId::new(Kind::Person);
    let mut body = serde_json::to_value(person("Ada")).unwrap();
    body["pronouns"] = json!("she/her");
    let (mut doc, history) = from_elsewhere(ada, &person("Ada"));
    doc.body = body;
    store.merge(vec![(doc, history)], false).await.unwrap();
    store.close();
    // And a kind of record this Kith does not know.
    let mut badge = DocState::new(DocId::new(Kind::Person));
    badge.save(None, &person("placeholder")).unwrap();
    let (mut entry, _) = Entry::from_state(&badge, 50, false).unwrap();
    entry.id = entry.id.replace("person:", "badge:");
    entry.kind = "badge".into();
    entry.live = Some(("badge".into(), "gold".into()));
    entry.links = vec![ada.to_string()];
    entry.body = r#"{"type":"badge","for":"listening"}"#.into();
    let badge_id = entry.id.clone();
    put_raw(&name, "records", None, serde_json::to_value(entry).unwrap()).await;

    let store = Store::open(&name).await.unwrap();
    let view = found(run(&store, Party(Some(ada))).await);
    assert_eq!(
        view.unreadable, 0,
        "a newer kind linking here is not damage"
    );
    assert_eq!(name_of(&view.party.2), "Ada");
    let people = run(&store, People { shown: 10 }).await;
    assert_eq!((people.people.len(), people.unreadable), (1, 0));
    let checked = run(&store, DamagedRecords).await;
    assert!(checked.damaged.is_empty());
    assert_eq!(checked.newer, 1);

    // Edited here, the unknown field stays.
    let (_, rev, record) = run(&store, Current(Some(ada))).await.unwrap();
    let Record::Person(mut p) = record else {
        panic!("not a person")
    };
    p.name = "Ada Obi".into();
    store.save(ada, Some(rev), Record::Person(p)).await.unwrap();
    let (_, _, Record::Person(p)) = run(&store, Current(Some(ada))).await.unwrap() else {
        panic!("not a person")
    };
    assert_eq!(p.extra["pronouns"], "she/her");
    // And the newer kind's record is still there, as it was.
    let _ = badge_id;
    assert_eq!(run(&store, DamagedRecords).await.newer, 1);
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn a_save_from_a_page_opened_before_another_tab_saved_keeps_both_versions() {
    let name = fresh_db_name("branch");
    let here = Store::open(&name).await.unwrap();
    let there = Store::open(&name).await.unwrap();
    let ada = DocId::new(Kind::Person);
    here.save(ada, None, person("Ada")).await.unwrap();
    let opened = found(run(&here, Party(Some(ada))).await);

    // The other tab saves first.
    let (rev, _) = there.record(ada).await.unwrap().unwrap();
    there
        .save(ada, Some(rev), person("Ada Lovelace"))
        .await
        .unwrap();
    // This tab saves what it typed on the version it opened.
    let done = here
        .run(Command::Apply(vec![Edit::Save {
            id: ada,
            parent: Some(opened.party.1.clone()),
            record: person("Ada King"),
        }]))
        .await
        .unwrap();
    assert_eq!(done.conflicted, [ada]);

    let view = found(run(&there, Party(Some(ada))).await);
    assert_eq!(view.versions.len(), 1, "the page says it has two versions");
    let shown = name_of(&view.party.2).to_owned();
    let other = name_of(&view.versions[0]).to_owned();
    let mut both = [shown, other];
    both.sort();
    assert_eq!(both, ["Ada King", "Ada Lovelace"]);
    here.close();
    there.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn the_sample_comes_and_goes_in_one_transaction_each_and_home_follows() {
    use kith::model::sample;
    use kith::store::query::{Counts, FollowUpsDue, Named};
    let name = fresh_db_name("sample");
    let store = Store::open(&name).await.unwrap();
    let mine = DocId::new(Kind::Person);
    store
        .save(mine, None, person("Real Resident"))
        .await
        .unwrap();
    let before = store.last_seq().await.unwrap();

    let edits: Vec<Edit> = sample::neighbourhood("2026-11-27T09:30:00Z".parse().unwrap())
        .into_iter()
        .map(|(id, record)| Edit::Save {
            id,
            parent: None,
            record,
        })
        .collect();
    let n = edits.len() as u64;
    let done = store.run(Command::LoadSample(edits)).await.unwrap();
    assert_eq!(done.changed.flags, ["sample"]);
    assert_eq!(store.last_seq().await.unwrap(), before + n);
    let counted = run(&store, Counts).await;
    assert!(counted.sample);
    assert!(counted.people > 1 && counted.groups > 0 && counted.places > 0);
    let named = run(&store, Named(vec![Kind::Person])).await;
    assert_eq!(named.len() as u32, counted.people);
    assert!(
        named
            .windows(2)
            .all(|w| w[0].1.to_lowercase() <= w[1].1.to_lowercase())
    );

    // Real work names a sample person: a connection the worker recorded.
    let amina = named
        .iter()
        .find(|(_, n)| n == "Amina Begum")
        .map(|(id, _)| *id)
        .unwrap();
    let real = DocId::new(Kind::Connection);
    store
        .save(
            real,
            None,
            Record::Connection(connection(
                mine,
                amina,
                ConnectionKind::Introduction,
                ConnectionStatus::Made,
            )),
        )
        .await
        .unwrap();
    let now: jiff::Timestamp = "2026-12-01T10:00:00Z".parse().unwrap();
    let asked = run(&store, kith::store::query::SampleRemoval(now)).await;
    assert_eq!(
        asked.kept, 1,
        "the person is told of the one real entry first"
    );

    let done = store.run(Command::RemoveSample { now }).await.unwrap();
    assert_eq!(done.changed.flags, ["sample"]);
    assert_eq!(
        done.changed.ids.len() as u64,
        n + 1,
        "every sample record went, and the real entry kept their name"
    );
    assert!(!done.changed.ids.contains(&mine));
    assert_eq!(done.removed.len() as u64, n);
    let (_, kept) = store
        .record(real)
        .await
        .unwrap()
        .expect("the real entry stays");
    assert_eq!(
        kept.meta().named.get(&amina).map(String::as_str),
        Some("Amina Begum (sample)")
    );
    let counted = run(&store, Counts).await;
    assert!(!counted.sample);
    assert_eq!((counted.people, counted.groups, counted.places), (1, 0, 0));
    assert_eq!(
        run(&store, Named(vec![Kind::Person])).await,
        [(mine, "Real Resident".to_owned())]
    );
    assert!(
        run(&store, FollowUpsDue("2026-12-01".parse().unwrap()))
            .await
            .is_empty()
    );

    // Undo puts every sample record back, as it was, and the flag.
    let revive: Vec<Edit> = done
        .removed
        .into_iter()
        .map(|(id, record)| Edit::Revive { id, record })
        .collect();
    store.run(Command::LoadSample(revive)).await.unwrap();
    let counted = run(&store, Counts).await;
    assert!(counted.sample);
    assert_eq!(
        run(&store, Named(vec![Kind::Person])).await.len(),
        named.len()
    );
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn follow_ups_due_say_who_with_and_open_the_connection_to_mark_done() {
    use kith::model::log::{follow_up_done, plan_follow_up};
    use kith::store::query::FollowUpsDue;
    let name = fresh_db_name("due");
    let store = Store::open(&name).await.unwrap();
    let (ada, bea) = (DocId::new(Kind::Person), DocId::new(Kind::Person));
    let met = Connection {
        date: "2026-11-20".parse().unwrap(),
        ..connection(
            ada,
            bea,
            ConnectionKind::Introduction,
            ConnectionStatus::Made,
        )
    };
    let (_, follow) = plan_follow_up(
        &met,
        "2026-11-20".parse().unwrap(),
        "2026-11-20T10:00:00Z".parse().unwrap(),
        "Sam",
    );
    store
        .apply(vec![
            Edit::Save {
                id: ada,
                parent: None,
                record: person("Ada"),
            },
            Edit::Save {
                id: bea,
                parent: None,
                record: person("Bea"),
            },
            follow,
        ])
        .await
        .unwrap();
    assert!(
        run(&store, FollowUpsDue("2026-11-26".parse().unwrap()))
            .await
            .is_empty()
    );
    let due = run(&store, FollowUpsDue("2026-11-29".parse().unwrap())).await;
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].words, "Follow up with Ada and Bea (2 days overdue)");
    let edit = follow_up_done(
        &due[0].connection,
        "2026-11-29".parse().unwrap(),
        "2026-11-29T10:00:00Z".parse().unwrap(),
    );
    store.apply(vec![edit]).await.unwrap();
    assert!(
        run(&store, FollowUpsDue("2026-11-29".parse().unwrap()))
            .await
            .is_empty()
    );
    store.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn records_with_two_versions_are_listed_counted_and_settled_by_a_choice() {
    use kith::model::conflict::{Choice, Part};
    let name = fresh_db_name("contests");
    let here = Store::open(&name).await.unwrap();
    let there = Store::open(&name).await.unwrap();
    assert!(run(&here, Contests).await.records.is_empty());
    assert_eq!(run(&here, ContestCount).await, 0);

    // Ada changed in two tabs; Bea once, deleted on a stale version's
    // branch (a closed version kept beside her, not a competing one).
    let (ada, bea) = (DocId::new(Kind::Person), DocId::new(Kind::Person));
    here.save(ada, None, person("Ada")).await.unwrap();
    let r1 = here.save(bea, None, person("Bea")).await.unwrap();
    here.save(bea, Some(r1.clone()), person("Bea G"))
        .await
        .unwrap();
    here.delete(bea, r1).await.unwrap();
    let (opened, _) = here.record(ada).await.unwrap().unwrap();
    there
        .save(ada, Some(opened.clone()), person("Ada Lovelace"))
        .await
        .unwrap();
    here.save(ada, Some(opened), person("Ada King"))
        .await
        .unwrap();
    // A second record contested, arriving from another device.
    let c = DocId::new(Kind::Connection);
    let with =
        |status| Record::Connection(connection(ada, bea, ConnectionKind::Introduction, status));
    let mut state = DocState::new(c);
    let r1 = state
        .save(None, &with(ConnectionStatus::Suggested))
        .unwrap();
    here.merge(vec![(state.winner().unwrap(), vec![r1.clone()])], false)
        .await
        .unwrap();
    let r2 = state
        .save(Some(&r1), &with(ConnectionStatus::Declined))
        .unwrap();
    here.save(c, Some(r1), with(ConnectionStatus::Made))
        .await
        .unwrap();
    here.merge(
        vec![(state.winner().unwrap(), state.tree.history(&r2, 10))],
        false,
    )
    .await
    .unwrap();

    let list = run(&there, Contests).await;
    let words: Vec<String> = list.records.iter().map(|r| r.words()).collect();
    assert_eq!(words.len(), 2, "{words:?}");
    assert!(
        words
            .iter()
            .any(|w| w.ends_with(": 2 versions") && w.contains("Ada"))
    );
    assert!(
        words.iter().any(|w| w.starts_with("Ada")
            && w.contains("introduced to")
            && w.ends_with(": 2 versions")),
        "{words:?}"
    );
    assert_eq!(run(&there, ContestCount).await, 2);

    // The screen for Ada: both versions, then her name picked from the
    // second and saved as one edit.
    let VersionsRead::Found(versions) = run(&there, VersionsOf(Some(ada))).await else {
        panic!("Ada has two versions")
    };
    let mut names: Vec<&str> = versions.records.iter().map(name_of).collect();
    names.sort();
    assert_eq!(names, ["Ada King", "Ada Lovelace"]);
    let second = name_of(&versions.records[1]).to_owned();
    let choice = Choice::Fields([(Part::Name, 1)].into_iter().collect());
    let edit = versions
        .resolve(&choice, crate::support::meta().updated)
        .unwrap();
    let done = there.run(Command::Apply(vec![edit])).await.unwrap();
    assert!(done.conflicted.is_empty());

    assert_eq!(
        run(&here, VersionsOf(Some(ada))).await,
        VersionsRead::Settled
    );
    assert_eq!(
        run(&here, VersionsOf(Some(bea))).await,
        VersionsRead::Settled
    );
    let view = found(run(&here, Party(Some(ada))).await);
    assert_eq!(name_of(&view.party.2), second);
    assert!(view.versions.is_empty(), "no other version listed");
    assert_eq!(run(&here, ContestCount).await, 1, "the connection waits");
    here.close();
    there.close();
    delete_db(&name).await;
}
