//! One module per main area of the app.

mod activity_form;
mod conflicts;
mod connection_form;
mod entry;
mod home;
mod hours_form;
mod log;
mod map;
mod matches;
mod not_found;
mod party;
mod party_form;
mod people;
mod report;
mod roster;
mod session_form;
mod settings;
mod sync;

pub use activity_form::{EditActivityPage, NewActivityPage};
pub use conflicts::{ConflictPage, ConflictsPage};
pub use connection_form::{EditConnectionPage, NewConnectionPage};
pub use home::HomePage;
pub use hours_form::{EditHoursPage, NewHoursPage};
pub use log::LogPage;
pub use map::MapPage;
pub use matches::MatchesPage;
pub use not_found::NotFound;
pub use party::{
    EditPartyPage, NewGroupPage, NewPersonPage, NewPlacePage, PartyGiftsPage, PartyPage,
};
pub use people::PeoplePage;
pub use report::ReportPage;
pub use session_form::{EditSessionPage, NewSessionPage};
pub use settings::SettingsPage;
pub use sync::SyncPage;
