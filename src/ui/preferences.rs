//! Settings kept on this device only, in the browser's local storage
//! (through gloo-storage): small things that are not records.

use gloo_storage::{LocalStorage, Storage};

use crate::model::skill;

const SKILL_LIST: &str = "kith.skill-list";

/// The starter skill list: the one edited here, or the one Kith ships.
pub fn skill_list() -> Vec<String> {
    LocalStorage::get::<Vec<String>>(SKILL_LIST).unwrap_or_else(|_| skill::starter_terms())
}

/// Keeps an edited starter list.
pub fn set_skill_list(terms: &[String]) -> Result<(), String> {
    LocalStorage::set(SKILL_LIST, terms).map_err(|e| {
        format!("The list could not be kept on this device ({e}). Nothing was changed.")
    })
}

/// Goes back to the list Kith ships.
pub fn reset_skill_list() {
    LocalStorage::delete(SKILL_LIST);
}

const STREET_MAP: &str = "kith.street-map";

/// Whether the map draws street-map tiles under its points (off unless
/// chosen: they need a signal, and the map works without them).
pub fn street_map() -> bool {
    LocalStorage::get::<bool>(STREET_MAP).unwrap_or(false)
}

pub fn set_street_map(on: bool) {
    // A choice that is not kept costs only the choice: nothing to report.
    let _ = LocalStorage::set(STREET_MAP, on);
}

const WORKER: &str = "kith.worker";

/// The name of whoever uses this device, as it goes on what they record
/// ("recorded by"); blank until they give it.
pub fn worker() -> String {
    LocalStorage::get::<String>(WORKER).unwrap_or_default()
}

pub fn set_worker(name: &str) -> Result<(), String> {
    LocalStorage::set(WORKER, name.trim()).map_err(|e| {
        format!("Your name could not be kept on this device ({e}). Nothing was changed.")
    })
}
