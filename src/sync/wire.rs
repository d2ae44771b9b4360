//! The shapes of CouchDB's replication requests and answers, read and
//! written as plain data (protocol.rst): `_changes`, `_revs_diff`,
//! `_bulk_get`, `_bulk_docs`. A sequence is opaque: a number on PouchDB
//! Server, a long string on a CouchDB cluster; it is kept as the JSON it
//! came as and sent back as it came, never parsed.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::model::{Doc, DocError, DocId, Rev};

use super::error::SyncError;

/// A position in the server's change feed, exactly as the server gave it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Seq(pub Value);

impl Seq {
    /// The start of the feed.
    pub fn zero() -> Seq {
        Seq(json!(0))
    }

    /// As it goes in `since=`: a string as it is, anything else as JSON.
    pub fn to_query(&self) -> String {
        let raw = match &self.0 {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        encode(&raw)
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters pass).
pub fn encode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One page of `_changes?style=all_docs`: each changed record with its
/// leaf revisions, and where the page ends.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangesPage {
    pub rows: Vec<ChangeRow>,
    pub last_seq: Seq,
    /// Ids on the server that are not Kith records (design documents,
    /// another app's data): passed over, counted.
    pub foreign: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    pub id: DocId,
    pub revs: Vec<Rev>,
}

/// The path and query of the next page of changes after `since`.
pub fn changes_query(since: &Seq, limit: usize) -> String {
    format!(
        "_changes?style=all_docs&since={}&limit={limit}",
        since.to_query()
    )
}

impl ChangesPage {
    pub fn parse(answer: &Value) -> Result<ChangesPage, SyncError> {
        let bad = |what: &str| SyncError::BadAnswer(format!("changes: {what}"));
        let results = answer
            .get("results")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("no results"))?;
        let last_seq = answer
            .get("last_seq")
            .cloned()
            .ok_or_else(|| bad("no last_seq"))?;
        let mut rows = Vec::with_capacity(results.len());
        let mut foreign = 0;
        for row in results {
            let id = row
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| bad("a row with no id"))?;
            let Ok(id) = id.parse::<DocId>() else {
                foreign += 1;
                continue;
            };
            let revs = row
                .get("changes")
                .and_then(Value::as_array)
                .ok_or_else(|| bad("a row with no changes"))?
                .iter()
                .filter_map(|c| c.get("rev")?.as_str()?.parse().ok())
                .collect();
            rows.push(ChangeRow { id, revs });
        }
        Ok(ChangesPage {
            rows,
            last_seq: Seq(last_seq),
            foreign,
        })
    }
}

/// Which revisions of which records one side lacks: the body of a
/// `_revs_diff` request, and what its answer reads as.
pub type Wanted = BTreeMap<DocId, Vec<Rev>>;

pub fn revs_diff_body(wanted: &Wanted) -> Value {
    let map: serde_json::Map<String, Value> = wanted
        .iter()
        .map(|(id, revs)| {
            let revs: Vec<String> = revs.iter().map(Rev::to_string).collect();
            (id.to_string(), json!(revs))
        })
        .collect();
    Value::Object(map)
}

/// The answer to `_revs_diff`: `{id: {missing: [revs]}}`; ids with
/// nothing missing are left out by the server.
pub fn parse_revs_diff(answer: &Value) -> Result<Wanted, SyncError> {
    let map = answer
        .as_object()
        .ok_or_else(|| SyncError::BadAnswer("revs_diff: not an object".into()))?;
    let mut out = Wanted::new();
    for (id, entry) in map {
        let Ok(id) = id.parse::<DocId>() else {
            continue;
        };
        let missing: Vec<Rev> = entry
            .get("missing")
            .and_then(Value::as_array)
            .map(|revs| {
                revs.iter()
                    .filter_map(|r| r.as_str()?.parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        if !missing.is_empty() {
            out.insert(id, missing);
        }
    }
    Ok(out)
}

/// `_bulk_get?revs=true&latest=true` for these revisions.
pub fn bulk_get_body(wanted: &Wanted) -> Value {
    let docs: Vec<Value> = wanted
        .iter()
        .flat_map(|(id, revs)| {
            revs.iter()
                .map(move |rev| json!({"id": id.to_string(), "rev": rev.to_string()}))
        })
        .collect();
    json!({ "docs": docs })
}

/// What a `_bulk_get` brought: each revision with its history, and the
/// ones that could not be had or read, each with why.
#[derive(Debug, Default)]
pub struct Fetched {
    pub docs: Vec<(Doc, Vec<Rev>)>,
    pub refused: Vec<Refusal>,
}

/// One record the other side would not give or take, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub id: String,
    pub reason: String,
}

pub fn parse_bulk_get(answer: &Value) -> Result<Fetched, SyncError> {
    let results = answer
        .get("results")
        .and_then(Value::as_array)
        .ok_or_else(|| SyncError::BadAnswer("bulk_get: no results".into()))?;
    let mut out = Fetched::default();
    for result in results {
        let id = result.get("id").and_then(Value::as_str).unwrap_or_default();
        let docs = result.get("docs").and_then(Value::as_array);
        for entry in docs.into_iter().flatten() {
            if let Some(doc) = entry.get("ok") {
                match Doc::from_json(doc.clone()) {
                    Ok(read) => out.docs.push(read),
                    Err(e) => out.refused.push(Refusal {
                        id: id.to_owned(),
                        reason: unreadable(&e),
                    }),
                }
            } else {
                let error = entry.get("error").unwrap_or(entry);
                out.refused.push(Refusal {
                    id: id.to_owned(),
                    reason: reason_of(error),
                });
            }
        }
    }
    Ok(out)
}

fn unreadable(e: &DocError) -> String {
    e.to_string()
}

fn reason_of(error: &Value) -> String {
    let word = |k: &str| error.get(k).and_then(Value::as_str).unwrap_or("");
    match (word("error"), word("reason")) {
        ("", "") => "refused".into(),
        (e, "") => e.into(),
        ("", r) => r.into(),
        (e, r) => format!("{e}: {r}"),
    }
}

/// `_bulk_docs` with `new_edits: false`: revisions as they are, with
/// their histories, never given new revision ids by the server.
pub fn bulk_docs_body(docs: &[(Doc, Vec<Rev>)]) -> Value {
    let docs: Vec<Value> = docs
        .iter()
        .map(|(doc, history)| doc.to_json(Some(history)))
        .collect();
    json!({ "new_edits": false, "docs": docs })
}

/// The answer to `_bulk_docs`: with `new_edits: false` the server lists
/// only what it refused (a validation function's `forbidden`, say).
pub fn parse_bulk_docs(answer: &Value) -> Result<Vec<Refusal>, SyncError> {
    let rows = answer
        .as_array()
        .ok_or_else(|| SyncError::BadAnswer("bulk_docs: not a list".into()))?;
    Ok(rows
        .iter()
        .filter(|row| row.get("error").is_some())
        .map(|row| Refusal {
            id: row
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            reason: reason_of(row),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::model::Kind;

    fn rev(s: &str) -> Rev {
        s.parse().unwrap()
    }

    #[test]
    fn a_sequence_goes_back_exactly_as_it_came() {
        let cluster = Seq(json!("12-g1AAAAJ/x+y=z"));
        assert_eq!(cluster.to_query(), "12-g1AAAAJ%2Fx%2By%3Dz");
        assert_eq!(Seq(json!(42)).to_query(), "42");
        assert_eq!(Seq(json!([3, "abc"])).to_query(), "%5B3%2C%22abc%22%5D");
        assert_eq!(
            changes_query(&cluster, 100),
            "_changes?style=all_docs&since=12-g1AAAAJ%2Fx%2By%3Dz&limit=100"
        );
    }

    #[test]
    fn a_changes_page_keeps_every_leaf_and_passes_over_foreign_ids() {
        let person = DocId::new(Kind::Person);
        let answer = json!({
            "results": [
                {"seq": "1-x", "id": person.to_string(), "changes": [{"rev": "2-aa"}, {"rev": "2-bb"}]},
                {"seq": "2-x", "id": "_design/app", "changes": [{"rev": "1-cc"}]},
            ],
            "last_seq": "2-x"
        });
        let page = ChangesPage::parse(&answer).unwrap();
        assert_eq!(
            page.rows,
            vec![ChangeRow {
                id: person,
                revs: vec![rev("2-aa"), rev("2-bb")]
            }]
        );
        assert_eq!(page.last_seq, Seq(json!("2-x")));
        assert_eq!(page.foreign, 1);
        assert!(ChangesPage::parse(&json!({"results": []})).is_err());
    }

    #[test]
    fn revs_diff_asks_for_every_revision_and_reads_what_is_missing() {
        let a = DocId::new(Kind::Person);
        let b = DocId::new(Kind::Gift);
        let wanted = Wanted::from([(a, vec![rev("1-aa"), rev("2-bb")]), (b, vec![rev("1-cc")])]);
        let body = revs_diff_body(&wanted);
        assert_eq!(body[a.to_string()], json!(["1-aa", "2-bb"]));
        let answer =
            json!({ a.to_string(): {"missing": ["2-bb"], "possible_ancestors": ["1-aa"]} });
        assert_eq!(
            parse_revs_diff(&answer).unwrap(),
            Wanted::from([(a, vec![rev("2-bb")])])
        );
        assert_eq!(
            bulk_get_body(&Wanted::from([(a, vec![rev("2-bb")])])),
            json!({"docs": [{"id": a.to_string(), "rev": "2-bb"}]})
        );
    }

    #[test]
    fn bulk_get_brings_each_version_with_its_history_and_says_what_it_could_not() {
        let a = DocId::new(Kind::Person);
        let answer = json!({"results": [
            {"id": a.to_string(), "docs": [
                {"ok": {"_id": a.to_string(), "_rev": "2-bb", "_revisions": {"start": 2, "ids": ["bb", "aa"]},
                        "type": "person", "name": "Amina", "created": "2026-12-01T10:00:00Z", "updated": "2026-12-01T10:00:00Z"}},
                {"ok": {"_id": a.to_string(), "_rev": "2-cc", "_deleted": true, "_revisions": {"start": 2, "ids": ["cc", "aa"]}}},
                {"error": {"id": a.to_string(), "rev": "3-dd", "error": "not_found", "reason": "missing"}},
            ]},
            {"id": "person:nonsense", "docs": [{"ok": {"_id": "person:nonsense", "_rev": "1-aa"}}]},
        ]});
        let fetched = parse_bulk_get(&answer).unwrap();
        assert_eq!(fetched.docs.len(), 2);
        assert_eq!(fetched.docs[0].1, vec![rev("2-bb"), rev("1-aa")]);
        assert!(fetched.docs[1].0.deleted);
        assert_eq!(fetched.refused.len(), 2);
        assert_eq!(fetched.refused[0].reason, "not_found: missing");
    }

    #[test]
    fn bulk_docs_sends_histories_as_they_are_and_reads_refusals() {
        let a = DocId::new(Kind::Person);
        let doc = Doc {
            id: a,
            rev: rev("2-bb"),
            deleted: true,
            body: json!({"type": "person"}),
        };
        let body = bulk_docs_body(&[(doc, vec![rev("2-bb"), rev("1-aa")])]);
        assert_eq!(body["new_edits"], json!(false));
        assert_eq!(
            body["docs"][0]["_revisions"],
            json!({"start": 2, "ids": ["bb", "aa"]})
        );
        assert_eq!(body["docs"][0]["_deleted"], json!(true));
        let answer = json!([{"id": a.to_string(), "error": "forbidden", "reason": "only admins"}, {"ok": true, "id": "x"}]);
        assert_eq!(
            parse_bulk_docs(&answer).unwrap(),
            vec![Refusal {
                id: a.to_string(),
                reason: "forbidden: only admins".into()
            }]
        );
    }
}
