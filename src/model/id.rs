//! Record identity: every record is a document whose id is made on the
//! device, offline, as a type prefix and a UUID (`person:6f1c…`).
//!
//! The prefix keeps ids readable in exported files and lets a replica tell
//! a record's kind from its id alone, before reading its body.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

/// What a record is. The order is the order records are listed in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Person,
    Group,
    Place,
    Gift,
    Activity,
    Connection,
    Session,
    Hours,
    Area,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Person,
        Kind::Group,
        Kind::Place,
        Kind::Gift,
        Kind::Activity,
        Kind::Connection,
        Kind::Session,
        Kind::Hours,
        Kind::Area,
    ];

    /// The id prefix, also the record type's name in files.
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Group => "group",
            Kind::Place => "place",
            Kind::Gift => "gift",
            Kind::Activity => "activity",
            Kind::Connection => "connection",
            Kind::Session => "session",
            Kind::Hours => "hours",
            Kind::Area => "area",
        }
    }

    pub fn from_prefix(prefix: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.prefix() == prefix)
    }
}

/// Why a string is not a record id. The messages name the fault plainly
/// because they reach people through bad files.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("“{0}” is not a Kith record id: it should look like person:followed-by-a-UUID")]
    Shape(String),
    #[error("“{0}” is not a kind of record Kith knows")]
    UnknownKind(String),
    #[error("“{0}” is not a valid UUID")]
    BadUuid(String),
}

/// A record's id: its kind and a UUID made on the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId {
    kind: Kind,
    uuid: Uuid,
}

impl DocId {
    /// A fresh id from the platform's random source (crypto.getRandomValues
    /// in the browser), so two devices offline never make the same one.
    pub fn new(kind: Kind) -> DocId {
        DocId {
            kind,
            uuid: Uuid::new_v4(),
        }
    }

    pub fn from_parts(kind: Kind, uuid: Uuid) -> DocId {
        DocId { kind, uuid }
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn uuid(&self) -> Uuid {
        self.uuid
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Hyphenated lowercase, the form CouchDB and spreadsheets show.
        write!(f, "{}:{}", self.kind.prefix(), self.uuid.hyphenated())
    }
}

impl FromStr for DocId {
    type Err = IdError;

    fn from_str(s: &str) -> Result<DocId, IdError> {
        let (prefix, rest) = s
            .split_once(':')
            .ok_or_else(|| IdError::Shape(s.to_owned()))?;
        let kind =
            Kind::from_prefix(prefix).ok_or_else(|| IdError::UnknownKind(prefix.to_owned()))?;
        // Only the canonical hyphenated form, so one record has one id string.
        if rest.len() != 36 {
            return Err(IdError::BadUuid(rest.to_owned()));
        }
        let uuid = Uuid::try_parse(rest).map_err(|_| IdError::BadUuid(rest.to_owned()))?;
        if uuid.hyphenated().to_string() != rest {
            return Err(IdError::BadUuid(rest.to_owned()));
        }
        Ok(DocId { kind, uuid })
    }
}

impl Serialize for DocId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DocId, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn id_prints_as_prefix_and_hyphenated_uuid() {
        let uuid = Uuid::parse_str("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b").unwrap();
        let id = DocId::from_parts(Kind::Person, uuid);
        assert_eq!(
            id.to_string(),
            "person:6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
        );
    }

    #[test]
    fn every_kind_round_trips_through_its_string() {
        for kind in Kind::ALL {
            let id = DocId::new(kind);
            let parsed: DocId = id.to_string().parse().unwrap();
            assert_eq!(parsed, id);
            assert_eq!(parsed.kind(), kind);
        }
    }

    #[test]
    fn new_ids_are_distinct() {
        let ids: std::collections::HashSet<DocId> =
            (0..1000).map(|_| DocId::new(Kind::Gift)).collect();
        assert_eq!(ids.len(), 1000);
    }

    #[test]
    fn malformed_ids_are_refused_with_the_reason() {
        assert_eq!(
            "nonsense".parse::<DocId>(),
            Err(IdError::Shape("nonsense".into()))
        );
        assert_eq!(
            "dog:6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b".parse::<DocId>(),
            Err(IdError::UnknownKind("dog".into()))
        );
        assert_eq!(
            "person:not-a-uuid".parse::<DocId>(),
            Err(IdError::BadUuid("not-a-uuid".into()))
        );
        // Upper case or unhyphenated forms would give one record two ids.
        assert!(
            "person:6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B"
                .parse::<DocId>()
                .is_err()
        );
        assert!(
            "person:6f1c2a3b4d5e4f608a7b9c0d1e2f3a4b"
                .parse::<DocId>()
                .is_err()
        );
    }

    #[test]
    fn ids_travel_in_json_as_strings() {
        let id: DocId = "place:00000000-0000-4000-8000-000000000001"
            .parse()
            .unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"place:00000000-0000-4000-8000-000000000001\"");
        let back: DocId = serde_json::from_str(&json).unwrap();
        assert_eq!(back, id);
        let bad: Result<DocId, _> = serde_json::from_str("\"place:xyz\"");
        assert!(bad.unwrap_err().to_string().contains("not a valid UUID"));
    }
}
