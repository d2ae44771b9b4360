//! The change feed: every committed write is announced, here and to other
//! tabs (another store handle on the same database stands in for a tab).

use std::cell::RefCell;
use std::rc::Rc;

use kith::model::record::GiftMode;
use kith::model::{DocId, DocState, Kind};
use kith::store::{Changed, Command, Edit, Store};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{delete_db, fresh_db_name, gift, person, sleep, wait_for};

/// Everything a handle hears, kept for the test to look at.
fn listen(store: &Store) -> (Rc<RefCell<Vec<Changed>>>, kith::store::Subscription) {
    let heard = Rc::new(RefCell::new(Vec::new()));
    let keep = Rc::clone(&heard);
    let subscription = store.subscribe(move |c| keep.borrow_mut().push(c.clone()));
    (heard, subscription)
}

#[wasm_bindgen_test]
async fn a_write_through_one_tab_is_announced_to_the_other_once_committed() {
    let name = fresh_db_name("feed");
    let here = Rc::new(Store::open(&name).await.unwrap());
    let there = Rc::new(Store::open(&name).await.unwrap());
    let (heard_here, _a) = listen(&here);
    // The other tab reads the record the moment it hears of it: it must
    // be there already, or the announcement came before the commit.
    let seen_there = Rc::new(RefCell::new(Vec::new()));
    let _b = {
        let (store, seen) = (Rc::clone(&there), Rc::clone(&seen_there));
        there.subscribe(move |changed| {
            let (store, seen, changed) = (Rc::clone(&store), Rc::clone(&seen), changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let read = store.record(changed.ids[0]).await.unwrap();
                seen.borrow_mut().push((changed, read.is_some()));
            });
        })
    };

    let (p, g) = (DocId::new(Kind::Person), DocId::new(Kind::Gift));
    here.apply(vec![
        Edit::Save {
            id: p,
            parent: None,
            record: person("Amina Begum"),
        },
        Edit::Save {
            id: g,
            parent: None,
            record: gift(p, GiftMode::Offer, &["baking"], &[]),
        },
    ])
    .await
    .unwrap();
    // This tab is told before the save returns.
    assert_eq!(heard_here.borrow().len(), 1);
    let local = heard_here.borrow()[0].clone();
    assert_eq!(local.ids, [p, g]);
    assert!(local.links.contains(&p), "the gift's owner is named too");
    assert!(!local.elsewhere);

    assert!(wait_for(2000, || !seen_there.borrow().is_empty()).await);
    let (changed, found) = seen_there.borrow()[0].clone();
    assert_eq!(changed.ids, [p, g]);
    assert!(changed.elsewhere);
    assert_eq!(
        changed.kinds().into_iter().collect::<Vec<_>>(),
        [Kind::Person, Kind::Gift]
    );
    assert!(found, "announced only once it was committed");
    sleep(100).await;
    assert_eq!(seen_there.borrow().len(), 1, "announced once");
    drop((_a, _b));
    Rc::try_unwrap(here).ok().unwrap().close();
    Rc::try_unwrap(there).ok().unwrap().close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn a_merge_of_revisions_from_elsewhere_is_announced_like_a_save() {
    let name = fresh_db_name("feed-merge");
    let here = Store::open(&name).await.unwrap();
    let there = Store::open(&name).await.unwrap();
    let (heard_here, _a) = listen(&here);
    let (heard_there, _b) = listen(&there);

    let mut remote = DocState::new(DocId::new(Kind::Person));
    let rev = remote.save(None, &person("From the server")).unwrap();
    let report = here
        .merge(vec![(remote.winner().unwrap(), vec![rev.clone()])], false)
        .await
        .unwrap();
    assert_eq!(report.updated, 1);
    assert_eq!(heard_here.borrow()[0].ids, [remote.id]);
    assert!(wait_for(2000, || heard_there.borrow().len() == 1).await);
    assert_eq!(heard_there.borrow()[0].ids, [remote.id]);

    // Merging what is known already writes nothing, so says nothing.
    here.merge(vec![(remote.winner().unwrap(), vec![rev])], false)
        .await
        .unwrap();
    sleep(150).await;
    assert_eq!(heard_here.borrow().len(), 1);
    assert_eq!(heard_there.borrow().len(), 1);
    drop((_a, _b));
    here.close();
    there.close();
    delete_db(&name).await;
}

#[wasm_bindgen_test]
async fn a_failed_transaction_announces_nothing() {
    let name = fresh_db_name("feed-fail");
    let here = Store::open(&name).await.unwrap();
    let there = Store::open(&name).await.unwrap();
    let (heard_here, _a) = listen(&here);
    let (heard_there, _b) = listen(&there);

    // The second edit is refused, so the first is never written.
    let err = here
        .run(Command::Apply(vec![
            Edit::Save {
                id: DocId::new(Kind::Person),
                parent: None,
                record: person("Ada"),
            },
            Edit::Save {
                id: DocId::new(Kind::Person),
                parent: None,
                record: person("   "),
            },
        ]))
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "A name is needed.");
    sleep(200).await;
    assert!(heard_here.borrow().is_empty());
    assert!(heard_there.borrow().is_empty());

    // A subscription dropped hears nothing more.
    drop(_a);
    there.set_flag("sample", true).await.unwrap();
    assert!(wait_for(2000, || heard_there.borrow().len() == 1).await);
    assert_eq!(heard_there.borrow()[0].flags, ["sample"]);
    sleep(100).await;
    assert!(heard_here.borrow().is_empty());
    drop(_b);
    here.close();
    there.close();
    delete_db(&name).await;
}
