//! Revisions and revision trees, under CouchDB's rules.
//!
//! Every edit of a record makes a new revision `N-hash` whose parent is the
//! revision it edited. Edits made apart (two phones offline, a file from a
//! colleague) branch the tree; merging keeps every branch. All replicas pick
//! the same winning revision from the same tree, and the losing leaves are
//! kept as conflicts for a person to resolve: nothing is silently dropped.
//!
//! The tree is stored flat, as a map from each revision to its parent, which
//! makes merging a foreign history a matter of inserting its links.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use md5::{Digest, Md5};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// How many revisions of history each branch keeps (CouchDB's default
/// `revs_limit`). Older ones are forgotten, their bodies long gone.
pub const REVS_LIMIT: usize = 1000;

/// A revision id: its generation (1 for a new record, +1 per edit) and a
/// hash of its content.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rev {
    pos: u64,
    hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a revision: it should look like 3-1a2b3c")]
pub struct RevError(pub String);

impl Rev {
    pub fn new(pos: u64, hash: impl Into<String>) -> Result<Rev, RevError> {
        let hash = hash.into();
        let valid = pos >= 1 && !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_alphanumeric());
        if valid {
            Ok(Rev { pos, hash })
        } else {
            Err(RevError(format!("{pos}-{hash}")))
        }
    }

    /// The revision's generation: how many edits deep it is.
    pub fn pos(&self) -> u64 {
        self.pos
    }

    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The revision made by editing `parent` (or creating, without one)
    /// into `body`. Deterministic, as in CouchDB: the same edit of the same
    /// revision gets the same id on every device.
    pub fn for_edit(parent: Option<&Rev>, deleted: bool, body: &Value) -> Rev {
        let mut md5 = Md5::new();
        // serde_json's maps keep keys sorted, so equal bodies hash equally.
        let input = serde_json::json!([parent.map(Rev::to_string), deleted, body]);
        md5.update(input.to_string().as_bytes());
        let hash = md5
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        Rev {
            pos: parent.map_or(1, |p| p.pos + 1),
            hash,
        }
    }

    /// The order that picks the winner among leaves: a live leaf beats a
    /// deleted one, then the longer history, then the greater hash.
    fn winning_key(&self, deleted: bool) -> (bool, u64, &str) {
        (!deleted, self.pos, &self.hash)
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.pos, self.hash)
    }
}

impl FromStr for Rev {
    type Err = RevError;

    fn from_str(s: &str) -> Result<Rev, RevError> {
        let (pos, hash) = s.split_once('-').ok_or_else(|| RevError(s.to_owned()))?;
        let pos = pos.parse().map_err(|_| RevError(s.to_owned()))?;
        Rev::new(pos, hash).map_err(|_| RevError(s.to_owned()))
    }
}

impl Serialize for Rev {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rev {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Rev, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// One revision's place in the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Node {
    /// `None` for the first revision, or where older history was forgotten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<Rev>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
}

/// An edit based on a revision that is no longer current: someone else
/// changed the record first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("this record was changed elsewhere since it was opened")]
pub struct EditConflict;

/// A revision history that cannot be: generations must count down by one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a revision history must list each revision's parent after it: {0}")]
pub struct BadHistory(pub String);

/// A record's revision tree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RevTree {
    revs: BTreeMap<Rev, Node>,
}

impl RevTree {
    pub fn new() -> RevTree {
        RevTree::default()
    }

    pub fn is_empty(&self) -> bool {
        self.revs.is_empty()
    }

    /// How many revisions the tree remembers.
    pub fn len(&self) -> usize {
        self.revs.len()
    }

    pub fn contains(&self, rev: &Rev) -> bool {
        self.revs.contains_key(rev)
    }

    pub fn parent(&self, rev: &Rev) -> Option<&Rev> {
        self.revs.get(rev).and_then(|n| n.parent.as_ref())
    }

    pub fn is_deleted_rev(&self, rev: &Rev) -> bool {
        self.revs.get(rev).is_some_and(|n| n.deleted)
    }

    /// Revisions nothing has been built on, in ascending order.
    pub fn leaves(&self) -> Vec<&Rev> {
        let parents: BTreeSet<&Rev> = self
            .revs
            .values()
            .filter_map(|n| n.parent.as_ref())
            .collect();
        self.revs.keys().filter(|r| !parents.contains(r)).collect()
    }

    pub fn is_leaf(&self, rev: &Rev) -> bool {
        self.contains(rev) && !self.revs.values().any(|n| n.parent.as_ref() == Some(rev))
    }

    /// The revision every replica shows for this record.
    pub fn winner(&self) -> Option<&Rev> {
        self.leaves().into_iter().max_by(|a, b| {
            a.winning_key(self.revs[*a].deleted)
                .cmp(&b.winning_key(self.revs[*b].deleted))
        })
    }

    /// Whether the record as a whole is deleted: its winner is a tombstone.
    pub fn is_deleted(&self) -> bool {
        self.winner().is_some_and(|w| self.revs[w].deleted)
    }

    /// Live leaves that lost to the winner, newest first: edits made apart
    /// that a person should look at.
    pub fn conflicts(&self) -> Vec<&Rev> {
        let winner = self.winner();
        let mut losers: Vec<&Rev> = self
            .leaves()
            .into_iter()
            .filter(|r| Some(*r) != winner && !self.revs[*r].deleted)
            .collect();
        losers.sort_by(|a, b| b.winning_key(false).cmp(&a.winning_key(false)));
        losers
    }

    /// Records a local edit of `parent` (or a new record, without one) and
    /// returns the new revision. An edit of a revision that has been built
    /// on since (a form opened before another tab or a sync changed the
    /// record) is a new branch beside that change, not over it: CouchDB's
    /// rule, so both versions are kept as a conflict. A parent this tree
    /// does not know is refused, as is a second first revision; a record
    /// whose winner is deleted can be made again without naming a parent.
    pub fn edit(
        &mut self,
        parent: Option<&Rev>,
        deleted: bool,
        body: &Value,
    ) -> Result<Rev, EditConflict> {
        let parent = match parent {
            Some(p) if self.contains(p) => Some(p.clone()),
            Some(_) => return Err(EditConflict),
            None if self.is_empty() => None,
            // Re-creating a deleted record continues its deleted branch, so
            // the tree keeps one history.
            None if self.is_deleted() => self.winner().cloned(),
            None => return Err(EditConflict),
        };
        let rev = Rev::for_edit(parent.as_ref(), deleted, body);
        self.link(rev.clone(), parent, deleted);
        Ok(rev)
    }

    /// Merges a revision history from elsewhere: `history` lists a leaf
    /// first, then its parent, and so on back (CouchDB's `_revisions`).
    /// Returns the revisions that were new here.
    pub fn merge(&mut self, history: &[Rev], leaf_deleted: bool) -> Result<Vec<Rev>, BadHistory> {
        let chained = history.windows(2).all(|w| w[1].pos + 1 == w[0].pos);
        if history.is_empty() || !chained {
            let list: Vec<String> = history.iter().map(Rev::to_string).collect();
            return Err(BadHistory(list.join(", ")));
        }
        let mut added = Vec::new();
        for (i, rev) in history.iter().enumerate() {
            let parent = history.get(i + 1).cloned();
            match self.revs.get_mut(rev) {
                Some(node) => {
                    // Known already; it may be the forgotten end of a branch
                    // whose parent this history brings back.
                    if node.parent.is_none() {
                        node.parent = parent;
                    }
                }
                None => {
                    self.link(rev.clone(), parent, i == 0 && leaf_deleted);
                    added.push(rev.clone());
                }
            }
        }
        Ok(added)
    }

    /// Adds `rev` under `parent`. Only a leaf can be deleted, so the parent
    /// (no longer a leaf) drops its mark; trees that hold the same
    /// revisions are then equal whatever order they arrived in.
    fn link(&mut self, rev: Rev, parent: Option<Rev>, deleted: bool) {
        if let Some(node) = parent.as_ref().and_then(|p| self.revs.get_mut(p)) {
            node.deleted = false;
        }
        self.revs.insert(rev, Node { parent, deleted });
    }

    /// `rev` and its ancestors, newest first, at most `limit` of them: the
    /// history to send with a revision (`_revisions`).
    pub fn history(&self, rev: &Rev, limit: usize) -> Vec<Rev> {
        let mut out = Vec::new();
        let mut at = self.revs.get_key_value(rev);
        while let Some((r, node)) = at {
            if out.len() == limit {
                break;
            }
            out.push(r.clone());
            at = node
                .parent
                .as_ref()
                .and_then(|p| self.revs.get_key_value(p));
        }
        out
    }

    /// Forgets revisions more than `limit` steps behind every leaf, as
    /// CouchDB does. Returns the forgotten revisions.
    pub fn stem(&mut self, limit: usize) -> Vec<Rev> {
        let mut keep = BTreeSet::new();
        for leaf in self.leaves() {
            keep.extend(self.history(leaf, limit));
        }
        let forgotten: Vec<Rev> = self
            .revs
            .keys()
            .filter(|r| !keep.contains(*r))
            .cloned()
            .collect();
        for rev in &forgotten {
            self.revs.remove(rev);
        }
        for node in self.revs.values_mut() {
            if node.parent.as_ref().is_some_and(|p| !keep.contains(p)) {
                node.parent = None;
            }
        }
        forgotten
    }
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use serde_json::json;

    fn rev(s: &str) -> Rev {
        s.parse().unwrap()
    }

    fn revs(list: &[&str]) -> Vec<Rev> {
        list.iter().map(|s| rev(s)).collect()
    }

    #[test]
    fn revisions_print_and_parse_as_generation_dash_hash() {
        assert_eq!(rev("3-abc").pos(), 3);
        assert_eq!(rev("3-abc").hash(), "abc");
        assert_eq!(rev("12-0f").to_string(), "12-0f");
        for bad in ["", "3", "-abc", "0-abc", "x-abc", "3-", "3-ab-c", "3-a b"] {
            assert!(bad.parse::<Rev>().is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn revision_ids_depend_on_parent_deletion_and_body() {
        let body = json!({"type": "person", "name": "Ada"});
        let first = Rev::for_edit(None, false, &body);
        assert_eq!(first.pos(), 1);
        assert_eq!(first.hash().len(), 32);
        assert_eq!(
            first,
            Rev::for_edit(None, false, &body),
            "same edit, same id"
        );
        assert_ne!(first, Rev::for_edit(None, true, &body));
        assert_ne!(
            first,
            Rev::for_edit(None, false, &json!({"type": "person", "name": "Ada B"}))
        );
        let second = Rev::for_edit(Some(&first), false, &body);
        assert_eq!(second.pos(), 2);
        assert_ne!(second.hash(), first.hash());
    }

    #[test]
    fn linear_edits_make_a_single_branch() {
        let mut tree = RevTree::new();
        let r1 = tree.edit(None, false, &json!({"n": 1})).unwrap();
        let r2 = tree.edit(Some(&r1), false, &json!({"n": 2})).unwrap();
        let r3 = tree.edit(Some(&r2), false, &json!({"n": 3})).unwrap();
        assert_eq!(r3.pos(), 3);
        assert_eq!(tree.leaves(), vec![&r3]);
        assert_eq!(tree.winner(), Some(&r3));
        assert!(tree.conflicts().is_empty());
        assert_eq!(
            tree.history(&r3, 10),
            vec![r3.clone(), r2.clone(), r1.clone()]
        );
    }

    #[test]
    fn an_edit_of_a_stale_revision_is_a_branch_beside_the_newer_one() {
        let mut tree = RevTree::new();
        let r1 = tree.edit(None, false, &json!({"n": 1})).unwrap();
        let r2 = tree.edit(Some(&r1), false, &json!({"n": 2})).unwrap();
        let r2b = tree.edit(Some(&r1), false, &json!({"n": 3})).unwrap();
        assert_eq!(r2b.pos(), 2);
        assert_eq!(tree.parent(&r2b), Some(&r1));
        assert_eq!(tree.leaves(), {
            let mut both = vec![&r2, &r2b];
            both.sort();
            both
        });
        let winner = tree.winner().unwrap().clone();
        assert_eq!(winner, std::cmp::max(r2.clone(), r2b.clone()));
        assert_eq!(tree.conflicts().len(), 1, "the other is kept as a conflict");
    }

    #[test]
    fn an_edit_of_an_unknown_revision_or_a_second_first_one_is_refused() {
        let mut tree = RevTree::new();
        let r1 = tree.edit(None, false, &json!({"n": 1})).unwrap();
        tree.edit(Some(&r1), false, &json!({"n": 2})).unwrap();
        assert_eq!(tree.edit(None, false, &json!({"n": 3})), Err(EditConflict));
        assert_eq!(
            tree.edit(Some(&rev("9-zz")), false, &json!({})),
            Err(EditConflict)
        );
    }

    /// Two devices edit revision 2 apart; both merge the other's branch.
    #[test]
    fn two_divergent_edits_keep_both_and_agree_on_the_winner() {
        let mut base = RevTree::new();
        let r1 = base.edit(None, false, &json!({"n": 1})).unwrap();
        let r2 = base.edit(Some(&r1), false, &json!({"n": 2})).unwrap();
        let (mut phone, mut laptop) = (base.clone(), base.clone());
        let a = phone
            .edit(Some(&r2), false, &json!({"on": "phone"}))
            .unwrap();
        let b = laptop
            .edit(Some(&r2), false, &json!({"on": "laptop"}))
            .unwrap();

        phone.merge(&laptop.history(&b, REVS_LIMIT), false).unwrap();
        laptop.merge(&phone.history(&a, REVS_LIMIT), false).unwrap();

        assert_eq!(phone, laptop);
        assert_eq!(phone.leaves().len(), 2);
        let winner = phone.winner().unwrap().clone();
        // Same generation: the greater hash wins, on both.
        assert_eq!(winner, std::cmp::max(a.clone(), b.clone()));
        assert_eq!(laptop.winner(), Some(&winner));
        let loser = if winner == a { &b } else { &a };
        assert_eq!(phone.conflicts(), vec![loser]);
    }

    #[test]
    fn a_longer_history_beats_a_greater_hash() {
        let mut tree = RevTree::new();
        tree.merge(&revs(&["2-aaa", "1-x"]), false).unwrap();
        tree.merge(&revs(&["3-000", "2-bbb", "1-x"]), false)
            .unwrap();
        assert_eq!(tree.winner(), Some(&rev("3-000")));
        assert_eq!(tree.conflicts(), vec![&rev("2-aaa")]);
    }

    #[test]
    fn delete_against_edit_the_edit_wins_and_the_deletion_is_kept() {
        let mut a = RevTree::new();
        let r1 = a.edit(None, false, &json!({"n": 1})).unwrap();
        let mut b = a.clone();
        // A deletes (twice over, so its branch is longer); B edits.
        let d2 = a.edit(Some(&r1), true, &json!({})).unwrap();
        let d3 = a.edit(Some(&d2), true, &json!({})).unwrap();
        let e2 = b.edit(Some(&r1), false, &json!({"n": 2})).unwrap();
        a.merge(&b.history(&e2, REVS_LIMIT), false).unwrap();
        b.merge(&a.history(&d3, REVS_LIMIT), true).unwrap();

        assert_eq!(a, b);
        assert_eq!(
            a.winner(),
            Some(&e2),
            "a live leaf beats a longer deleted one"
        );
        assert!(!a.is_deleted());
        // A deleted leaf is no conflict to resolve, but it stays in the tree.
        assert!(a.conflicts().is_empty());
        assert!(a.is_leaf(&d3) && a.is_deleted_rev(&d3));
    }

    #[test]
    fn a_deletion_travels_and_makes_the_record_deleted_everywhere() {
        let mut here = RevTree::new();
        let r1 = here.edit(None, false, &json!({"n": 1})).unwrap();
        let mut there = here.clone();
        let d2 = here.edit(Some(&r1), true, &json!({})).unwrap();
        assert!(here.is_deleted());
        there.merge(&here.history(&d2, REVS_LIMIT), true).unwrap();
        assert!(there.is_deleted());
        assert_eq!(there.winner(), Some(&d2));
        // Made again after deletion, the record continues the same tree.
        let r3 = there.edit(None, false, &json!({"n": 3})).unwrap();
        assert_eq!(r3.pos(), 3);
        assert_eq!(there.parent(&r3), Some(&d2));
        assert!(!there.is_deleted());
    }

    #[test]
    fn three_way_conflicts_are_all_kept_and_ordered_the_same_everywhere() {
        let histories = [
            revs(&["2-b", "1-a"]),
            revs(&["2-c", "1-a"]),
            revs(&["2-d", "1-a"]),
        ];
        let mut trees = Vec::new();
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let mut tree = RevTree::new();
            for i in order {
                tree.merge(&histories[i], false).unwrap();
            }
            trees.push(tree);
        }
        assert!(trees.windows(2).all(|w| w[0] == w[1]));
        assert_eq!(trees[0].winner(), Some(&rev("2-d")));
        assert_eq!(trees[0].conflicts(), vec![&rev("2-c"), &rev("2-b")]);
    }

    #[test]
    fn merging_a_foreign_history_adds_only_what_is_new() {
        let mut tree = RevTree::new();
        let r1 = tree.edit(None, false, &json!({"n": 1})).unwrap();
        let r2 = tree.edit(Some(&r1), false, &json!({"n": 2})).unwrap();
        let foreign = vec![rev("4-f4"), rev("3-f3"), r2.clone(), r1.clone()];
        assert_eq!(
            tree.merge(&foreign, false).unwrap(),
            revs(&["4-f4", "3-f3"])
        );
        assert_eq!(tree.winner(), Some(&rev("4-f4")));
        assert!(
            tree.conflicts().is_empty(),
            "a fast-forward is not a conflict"
        );
        assert_eq!(
            tree.merge(&foreign, false).unwrap(),
            Vec::<Rev>::new(),
            "idempotent"
        );
    }

    #[test]
    fn a_history_that_skips_a_generation_is_refused() {
        let mut tree = RevTree::new();
        assert!(tree.merge(&revs(&["3-c", "1-a"]), false).is_err());
        assert!(tree.merge(&[], false).is_err());
        assert!(tree.is_empty(), "nothing is half-merged");
    }

    #[test]
    fn stemming_keeps_the_last_revisions_of_every_branch() {
        let mut tree = RevTree::new();
        let mut at = tree.edit(None, false, &json!(0)).unwrap();
        for n in 1..10 {
            at = tree.edit(Some(&at), false, &json!(n)).unwrap();
        }
        // A conflicting branch off generation 8.
        let main = tree.history(&at, 10);
        let (g8, g7) = (main[2].clone(), main[3].clone());
        let side = rev("9-side");
        tree.merge(&[side.clone(), g8.clone()], false).unwrap();
        let unstemmed = tree.clone();

        let forgotten = tree.stem(3);
        // Kept: 10, 9, 8 on the main branch; side, 8, 7 on the other.
        assert_eq!(forgotten.len(), 11 - 5);
        // 7 stays for the side branch, so the main branch reaches it too.
        assert_eq!(tree.history(&at, 100), main[..4].to_vec());
        assert_eq!(
            tree.history(&side, 100),
            vec![side.clone(), g8.clone(), g7.clone()]
        );
        assert_eq!(
            tree.parent(&g7),
            None,
            "history before the kept part is forgotten"
        );
        assert_eq!(tree.winner(), Some(&at));
        assert_eq!(tree.conflicts(), vec![&side]);

        // The full history arriving again re-links, then stems the same.
        let mut again = tree.clone();
        again.merge(&unstemmed.history(&at, 100), false).unwrap();
        assert_eq!(again.len(), 11);
        again.stem(3);
        assert_eq!(again, tree);
    }

    #[test]
    fn a_tree_survives_json() {
        let mut tree = RevTree::new();
        let r1 = tree.edit(None, false, &json!({"n": 1})).unwrap();
        tree.edit(Some(&r1), true, &json!({})).unwrap();
        let json = serde_json::to_string(&tree).unwrap();
        let back: RevTree = serde_json::from_str(&json).unwrap();
        assert_eq!(back, tree);
        assert!(back.is_deleted());
    }
}
