//! The database's shape, one upgrade step per version. Steps are
//! append-only: a released step is never edited, so a phone that skipped
//! releases still walks through every step in order.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;

use super::StoreError;

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: u32 = 2;

/// Version 1's store: bodies alone, keyed by record id.
pub const LEGACY_DOCS: &str = "docs";
pub const RECORDS: &str = "records";
pub const CONFLICTS: &str = "conflicts";
pub const META: &str = "meta";

pub const BY_SEQ: &str = "by_seq";
pub const BY_KIND_NAME: &str = "by_kind_name";
pub const BY_SKILL: &str = "by_skill";
pub const BY_TAG: &str = "by_tag";
pub const BY_UPDATED: &str = "by_updated";
pub const BY_UNSENT: &str = "by_unsent";
pub const BY_LINK: &str = "by_link";

/// Opens `name` at `version`, running the steps from whatever version it
/// is at. `on_blocked` runs if another connection holds an older version
/// open; the open then waits for it to close.
pub async fn open(
    name: &str,
    version: u32,
    on_blocked: impl FnOnce() + 'static,
) -> Result<Database, StoreError> {
    let db = Database::open(name)
        .with_version(version)
        .with_on_blocked(move |_| {
            on_blocked();
            Ok(())
        })
        .with_on_upgrade_needed(move |event, db| upgrade(&db, event.old_version() as u32, version))
        .await?;
    Ok(db)
}

fn upgrade(db: &Database, old: u32, new: u32) -> indexed_db_futures::Result<()> {
    if old < 1 && new >= 1 {
        db.create_object_store(LEGACY_DOCS).build()?;
    }
    if old < 2 && new >= 2 {
        let records = db
            .create_object_store(RECORDS)
            .with_key_path("id".into())
            .build()?;
        records
            .create_index(BY_SEQ, "seq".into())
            .with_unique(true)
            .build()?;
        records.create_index(BY_KIND_NAME, "live".into()).build()?;
        records
            .create_index(BY_SKILL, "skills".into())
            .with_multi_entry(true)
            .build()?;
        records
            .create_index(BY_TAG, "tags".into())
            .with_multi_entry(true)
            .build()?;
        records.create_index(BY_UPDATED, "updated".into()).build()?;
        records.create_index(BY_UNSENT, "unsent".into()).build()?;
        records
            .create_index(BY_LINK, "links".into())
            .with_multi_entry(true)
            .build()?;
        db.create_object_store(CONFLICTS)
            .with_key_path(["id", "rev"].into())
            .build()?;
        db.create_object_store(META).build()?;
    }
    Ok(())
}
