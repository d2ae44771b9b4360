//! The change feed: every write that commits is announced, once, after
//! the commit and never before, to whoever listens in this tab and, through
//! a `BroadcastChannel` named for the database, to every other tab of the
//! same browser. A local save, a merge from the sync endpoint, an imported
//! file and a save made in another tab all come out of it alike, so a page
//! never needs to know where a change came from.
//!
//! [`Changed`] and its rules are plain data, tested on the host; only
//! [`Feed`] touches the browser.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::model::{DocId, Kind};

/// What one committed write touched.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changed {
    /// The records written, in the order they were written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<DocId>,
    /// The records they refer to, before and after the write (a gift's
    /// owner, the two sides of a connection): pages showing those are
    /// concerned too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<DocId>,
    /// Rows written that are not readable records (damaged ones removed),
    /// by key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<String>,
    /// Yes/no settings kept with the records that were set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    /// Whether only "not yet shared" marks changed (after a sync or an
    /// export), not what any record says.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shared: bool,
    /// Heard from another tab rather than written here.
    #[serde(skip)]
    pub elsewhere: bool,
}

impl Changed {
    /// Whether nothing at all was written (a merge that knew everything).
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty() && self.rows.is_empty() && self.flags.is_empty() && !self.shared
    }

    /// The kinds of record written.
    pub fn kinds(&self) -> BTreeSet<Kind> {
        self.ids.iter().map(DocId::kind).collect()
    }

    /// Whether a record of any of these kinds was written.
    pub fn has_kind(&self, kinds: &[Kind]) -> bool {
        self.ids.iter().any(|id| kinds.contains(&id.kind()))
    }

    /// Whether `id` was written, or a record referring to it was.
    pub fn touches(&self, id: DocId) -> bool {
        self.ids.contains(&id) || self.links.contains(&id)
    }

    /// Whether any of `ids` was written or referred to.
    pub fn touches_any(&self, ids: &BTreeSet<DocId>) -> bool {
        self.ids
            .iter()
            .chain(&self.links)
            .any(|id| ids.contains(id))
    }

    /// The message other tabs get.
    pub fn to_message(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A message from another tab; `None` if it is not one of ours (an
    /// older or newer Kith may say things this one does not know).
    pub fn from_message(text: &str) -> Option<Changed> {
        let mut changed: Changed = serde_json::from_str(text).ok()?;
        changed.elsewhere = true;
        Some(changed)
    }
}

type Listener = Rc<dyn Fn(&Changed)>;
type OnMessage = Closure<dyn FnMut(web_sys::MessageEvent)>;

/// Whoever listens in this tab, and the channel to the others.
pub struct Feed {
    listeners: RefCell<Vec<(u64, Listener)>>,
    next: Cell<u64>,
    channel: Option<web_sys::BroadcastChannel>,
    /// Kept alive for as long as the channel may call it.
    _on_message: RefCell<Option<OnMessage>>,
}

/// A listener's place on the feed: dropping it stops the calls.
pub struct Subscription {
    feed: std::rc::Weak<Feed>,
    key: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(feed) = self.feed.upgrade() {
            feed.listeners.borrow_mut().retain(|(k, _)| *k != self.key);
        }
    }
}

impl Feed {
    /// The feed for the database called `name`. Without BroadcastChannel
    /// (very old browsers, the host) it still tells this tab.
    pub fn open(name: &str) -> Rc<Feed> {
        let channel = web_sys::BroadcastChannel::new(&format!("kith-changes:{name}")).ok();
        let feed = Rc::new(Feed {
            listeners: RefCell::new(Vec::new()),
            next: Cell::new(0),
            channel,
            _on_message: RefCell::new(None),
        });
        if let Some(channel) = &feed.channel {
            let weak = Rc::downgrade(&feed);
            let on_message = OnMessage::new(move |event: web_sys::MessageEvent| {
                let heard = event
                    .data()
                    .as_string()
                    .and_then(|text| Changed::from_message(&text));
                if let (Some(feed), Some(changed)) = (weak.upgrade(), heard) {
                    feed.tell(&changed);
                }
            });
            channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            *feed._on_message.borrow_mut() = Some(on_message);
        }
        feed
    }

    /// Calls `listener` with every change from now on, until the returned
    /// subscription is dropped.
    pub fn subscribe(self: &Rc<Feed>, listener: impl Fn(&Changed) + 'static) -> Subscription {
        let key = self.next.get();
        self.next.set(key + 1);
        self.listeners.borrow_mut().push((key, Rc::new(listener)));
        Subscription {
            feed: Rc::downgrade(self),
            key,
        }
    }

    /// Announces a committed write here and in the other tabs.
    pub fn announce(&self, changed: &Changed) {
        if changed.is_empty() {
            return;
        }
        if let Some(channel) = &self.channel {
            // A tab that cannot be told reads afresh when next opened.
            let _ = channel.post_message(&changed.to_message().into());
        }
        self.tell(changed);
    }

    fn tell(&self, changed: &Changed) {
        // Listeners may subscribe or drop others while being told.
        let listeners: Vec<Listener> = self
            .listeners
            .borrow()
            .iter()
            .map(|(_, l)| Rc::clone(l))
            .collect();
        for listener in listeners {
            listener(changed);
        }
    }

    /// Stops hearing other tabs (the store is closing).
    pub fn close(&self) {
        if let Some(channel) = &self.channel {
            channel.set_onmessage(None);
            channel.close();
        }
        self._on_message.borrow_mut().take();
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn a_change_crosses_to_another_tab_as_it_was() {
        let (person, gift) = (DocId::new(Kind::Person), DocId::new(Kind::Gift));
        let changed = Changed {
            ids: vec![gift],
            links: vec![person],
            ..Changed::default()
        };
        let heard = Changed::from_message(&changed.to_message()).unwrap();
        assert!(heard.elsewhere);
        assert_eq!(
            Changed {
                elsewhere: false,
                ..heard.clone()
            },
            changed
        );
        assert!(heard.touches(person) && heard.touches(gift));
        assert!(!heard.touches(DocId::new(Kind::Person)));
        assert_eq!(heard.kinds(), BTreeSet::from([Kind::Gift]));
        assert!(heard.has_kind(&[Kind::Gift, Kind::Place]));
        assert!(!heard.has_kind(&[Kind::Person]));
    }

    #[test]
    fn a_message_that_is_not_a_change_is_ignored() {
        assert_eq!(Changed::from_message("hello"), None);
        assert_eq!(Changed::from_message(r#"{"ids": ["dog:1"]}"#), None);
        // A newer Kith's extra fields do not stop this one hearing the rest.
        let id = DocId::new(Kind::Person);
        let heard = Changed::from_message(&format!(r#"{{"ids": ["{id}"], "later": 1}}"#)).unwrap();
        assert_eq!(heard.ids, [id]);
    }

    #[test]
    fn nothing_written_is_nothing_to_announce() {
        assert!(Changed::default().is_empty());
        assert!(
            !Changed {
                flags: vec!["sample".into()],
                ..Changed::default()
            }
            .is_empty()
        );
    }
}
