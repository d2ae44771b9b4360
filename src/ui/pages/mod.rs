//! One module per main area of the app.

mod log;
mod map;
mod matches;
mod not_found;
mod people;
mod person;
mod person_form;
mod settings;
mod sync;

pub use log::LogPage;
pub use map::MapPage;
pub use matches::MatchesPage;
pub use not_found::NotFound;
pub use people::PeoplePage;
pub use person::{EditPersonPage, NewPersonPage, PersonPage};
pub use settings::SettingsPage;
pub use sync::SyncPage;
