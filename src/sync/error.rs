//! Why a sync (or a "Test connection") did not go through, in words a
//! worker can act on, and which failures are worth trying again.
//!
//! Plain data, made from an HTTP status or a failed request by
//! [`SyncError::from_status`]; the edge only reports what happened.

/// What went wrong talking to the team's server.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error(
        "Can't reach the server. Check the address, and that this phone has a signal; your work stays on this phone meanwhile."
    )]
    Unreachable,
    #[error(
        "The server did not answer in time. Kith will try again; your work stays on this phone meanwhile."
    )]
    TimedOut,
    #[error(
        "That address answers, but it is not a CouchDB server. Check the address your coordinator gave you."
    )]
    NotCouch,
    #[error("Wrong user name or password. Check them with your coordinator, then try again.")]
    WrongPassword,
    #[error(
        "This user may not use this database. Ask your coordinator to add your user name to it."
    )]
    Forbidden,
    #[error(
        "There is no database at that address. Check its last part (the database name) with your coordinator."
    )]
    NoDatabase,
    #[error(
        "The server does not allow this app's address ({origin}). Whoever runs the server must add it to CouchDB's CORS origins ([cors] origins = {origin}, with credentials = true)."
    )]
    Cors { origin: String },
    #[error(
        "The server had a problem ({status}). Kith will try again; your work stays on this phone meanwhile."
    )]
    Server { status: u16 },
    #[error("The server answered something Kith could not read ({0}). Kith will try again later.")]
    BadAnswer(String),
    #[error("Sync could not save what it received on this phone: {0}")]
    Store(String),
}

impl SyncError {
    /// What a status that is not a success means for a database request.
    pub fn from_status(status: u16) -> SyncError {
        match status {
            401 => SyncError::WrongPassword,
            403 => SyncError::Forbidden,
            404 => SyncError::NoDatabase,
            _ => SyncError::Server { status },
        }
    }

    /// Whether trying again later may help (the network, a busy server);
    /// a refusal (401, 403, a missing database, CORS) needs a person.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            SyncError::Unreachable
                | SyncError::TimedOut
                | SyncError::Server { .. }
                | SyncError::BadAnswer(_)
                | SyncError::Store(_)
        )
    }

    /// The short word for the sync mark on every screen.
    pub fn mark(&self) -> &'static str {
        if self.is_transient() {
            "Can't connect"
        } else {
            "Sync needs you"
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn refusals_need_a_person_and_outages_are_retried() {
        for status in [401, 403, 404] {
            assert!(!SyncError::from_status(status).is_transient(), "{status}");
        }
        for status in [500, 502, 503] {
            assert!(SyncError::from_status(status).is_transient(), "{status}");
        }
        assert!(SyncError::Unreachable.is_transient());
        assert!(!SyncError::Cors { origin: "x".into() }.is_transient());
    }

    #[test]
    fn each_refusal_says_what_to_do() {
        assert!(
            SyncError::from_status(401)
                .to_string()
                .starts_with("Wrong user name or password")
        );
        assert!(
            SyncError::from_status(403)
                .to_string()
                .contains("may not use this database")
        );
        assert!(
            SyncError::from_status(404)
                .to_string()
                .contains("no database at that address")
        );
        let cors = SyncError::Cors {
            origin: "https://kith.example".into(),
        }
        .to_string();
        assert!(
            cors.contains("[cors] origins = https://kith.example"),
            "{cors}"
        );
        assert_eq!(SyncError::from_status(503).mark(), "Can't connect");
        assert_eq!(SyncError::from_status(401).mark(), "Sync needs you");
    }
}
