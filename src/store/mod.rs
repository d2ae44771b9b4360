//! The local replica in the browser's IndexedDB.
//!
//! All of Kith's data lives here; the sync endpoint and exported files are
//! copies of it. This is a browser edge: it speaks IndexedDB through
//! `indexed_db_futures` and hands plain `model` values to the rest of the app.
//!
//! Schema versions are append-only: each version adds one upgrade step and a
//! released step is never edited, so a phone that skipped releases still
//! walks through every step in order.

use indexed_db_futures::database::Database;
use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::DocId;

/// The database every screen of the app uses.
pub const DB_NAME: &str = "kith";

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: u32 = 1;

/// Object store holding one entry per record, keyed by its id string.
const DOCS: &str = "docs";

/// Why the store could not do what was asked, in words for the person using
/// the app: each says what happened and what they can do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error(
        "This browser is not letting Kith save anything on this device (private browsing can do this). Open Kith in a normal window to keep your work."
    )]
    Unavailable,
    #[error(
        "This device is out of space for Kith. Nothing was changed. Free some space, or export and sync, then try again."
    )]
    Full,
    #[error("Kith could not save: {0}. Nothing was changed.")]
    Failed(String),
}

impl From<IdbError> for StoreError {
    fn from(e: IdbError) -> StoreError {
        match &e {
            IdbError::DomException(DomException::Other(d)) if d.name() == "QuotaExceededError" => {
                StoreError::Full
            }
            _ => StoreError::Failed(e.to_string()),
        }
    }
}

impl From<OpenDbError> for StoreError {
    fn from(e: OpenDbError) -> StoreError {
        match e {
            OpenDbError::UnsupportedEnvironment | OpenDbError::NullFactory => {
                StoreError::Unavailable
            }
            OpenDbError::Base(e) => e.into(),
            other => StoreError::Failed(other.to_string()),
        }
    }
}

/// An open connection to one Kith database.
pub struct Store {
    db: Database,
}

impl Store {
    /// Opens (creating or upgrading as needed) the database called `name`.
    /// The app uses [`DB_NAME`]; tests use a fresh name each.
    pub async fn open(name: &str) -> Result<Store, StoreError> {
        let db = Database::open(name)
            .with_version(SCHEMA_VERSION)
            .with_on_upgrade_needed(|event, db| {
                let old = event.old_version() as u32;
                if old < 1 {
                    db.create_object_store(DOCS).build()?;
                }
                Ok(())
            })
            .await?;
        Ok(Store { db })
    }

    /// Writes one record's body under its id, in one transaction: it is
    /// either wholly stored or not at all.
    pub async fn put<T: Serialize>(&self, id: &DocId, body: &T) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(DOCS)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let docs = tx.object_store(DOCS)?;
        docs.put(body).with_key(id.to_string()).serde()?.await?;
        tx.commit().await?;
        Ok(())
    }

    /// Reads one record's body, or `None` if there is no record with that id.
    pub async fn get<T: DeserializeOwned>(&self, id: &DocId) -> Result<Option<T>, StoreError> {
        let tx = self.db.transaction(DOCS).build()?;
        let docs = tx.object_store(DOCS)?;
        let body: Option<T> = docs.get(id.to_string()).serde()?.await?;
        Ok(body)
    }

    /// Closes the connection, so another one (a newer tab, a test) can
    /// upgrade or delete the database without being blocked.
    pub fn close(self) {
        self.db.close();
    }
}
