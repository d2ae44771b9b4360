//! "Test connection", and signing in: the requests that tell a worker,
//! in words, whether the server set up will take this device's changes.
//! What a welcome means and what a failure is called are decided in the
//! pure modules ([`super::setup`], [`super::error`]); this only asks.

use std::time::Duration;

use super::error::SyncError;
use super::http::{Auth, Call, Reply};
use super::setup::{AuthMode, DbUrl, ServerInfo, SyncSettings, read_welcome};

/// How long Test connection waits for each answer.
const PATIENCE: Duration = Duration::from_secs(20);

/// The credentials the settings and the password kept on the device give
/// every request: Basic with a user name, a cookie session, or none (a
/// public database, no user name).
pub fn auth(settings: &SyncSettings, password: &str) -> Auth {
    match settings.auth {
        AuthMode::Cookie => Auth::Cookie,
        AuthMode::Basic if settings.user.is_empty() => Auth::None,
        AuthMode::Basic => Auth::Basic {
            user: settings.user.clone(),
            password: password.to_owned(),
        },
    }
}

/// What a good test found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connected {
    pub server: ServerInfo,
    /// How many records the database holds, as it says.
    pub records: Option<u64>,
}

/// Asks the server, as sync would: signs in (a cookie session), reads its
/// welcome (is it CouchDB; its uuid), then the database (may this user
/// use it; is it there).
pub async fn test_connection(
    settings: &SyncSettings,
    password: &str,
) -> Result<Connected, SyncError> {
    // Settings are checked when made: an address that no longer reads
    // (kept by an older version) is no server Kith can sync with.
    let db = settings.db().map_err(|_| SyncError::NotCouch)?;
    let auth = auth(settings, password);
    if settings.auth == AuthMode::Cookie {
        log_in(&db, &settings.user, password).await?;
    }
    let welcome = ask(Call::new("GET", db.root.clone(), &auth), &db).await?;
    let server = match welcome.status {
        200 => read_welcome(&welcome.body).ok_or(SyncError::NotCouch)?,
        401 => return Err(SyncError::WrongPassword),
        status if status >= 500 => return Err(SyncError::Server { status }),
        _ => return Err(SyncError::NotCouch),
    };
    let answer = ask(Call::new("GET", db.url.clone(), &auth), &db).await?;
    if !answer.ok() {
        return Err(database_refusal(answer.status, auth != Auth::None));
    }
    let records = answer
        .json()
        .ok()
        .and_then(|info| info.get("doc_count").and_then(|n| n.as_u64()));
    Ok(Connected { server, records })
}

/// What a refusal of the database means once the server has accepted who
/// we are (its welcome answered our credentials, or the sign-in did): a
/// 401 then says this user may not use it (PouchDB Server says 401 where
/// CouchDB says 403), not that the password is wrong.
fn database_refusal(status: u16, signed_in: bool) -> SyncError {
    match status {
        401 if signed_in => SyncError::Forbidden,
        status => SyncError::from_status(status),
    }
}

/// Opens a cookie session (`POST /_session`): the browser keeps the
/// cookie and sends it with every request made with [`Auth::Cookie`].
pub async fn log_in(db: &DbUrl, user: &str, password: &str) -> Result<(), SyncError> {
    let body = serde_json::json!({ "name": user, "password": password });
    let url = format!("{}_session", db.root);
    let answer = ask(Call::new("POST", url, &Auth::Cookie).json(&body), db).await?;
    match answer.status {
        200..=299 => Ok(()),
        401 | 403 => Err(SyncError::WrongPassword),
        404 => Err(SyncError::NotCouch),
        status => Err(SyncError::Server { status }),
    }
}

/// Sends a request; one that got no answer is told apart: a server that
/// answers a request we may not read (no-cors) is there but refuses this
/// app's address (CORS), else it cannot be reached.
async fn ask(call: Call<'_>, db: &DbUrl) -> Result<Reply, SyncError> {
    match call.timeout(PATIENCE).send().await {
        Err(SyncError::Unreachable) => Err(unreachable_or_cors(&db.root).await),
        answer => answer,
    }
}

/// Why a request to the server at `root` got no answer: the server is
/// there but refuses this app's address (CORS), or it cannot be reached.
pub(super) async fn unreachable_or_cors(root: &str) -> SyncError {
    let answered = Call::new("GET", root.to_owned(), &Auth::None)
        .timeout(PATIENCE)
        .opaque()
        .send()
        .await
        .is_ok();
    let origin = web_sys::window().and_then(|w| w.location().origin().ok());
    match origin {
        Some(origin) if answered => SyncError::Cors { origin },
        _ => SyncError::Unreachable,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn the_settings_choose_the_credentials() {
        let basic = SyncSettings::new("https://c.example/kith", "ana", AuthMode::Basic).unwrap();
        assert_eq!(
            auth(&basic, "pw"),
            Auth::Basic {
                user: "ana".into(),
                password: "pw".into()
            }
        );
        let public = SyncSettings::new("https://c.example/kith", "", AuthMode::Basic).unwrap();
        assert_eq!(auth(&public, ""), Auth::None);
        let cookie = SyncSettings::new("https://c.example/kith", "ana", AuthMode::Cookie).unwrap();
        assert_eq!(auth(&cookie, "pw"), Auth::Cookie);
    }

    #[test]
    fn a_database_refused_to_a_known_user_is_forbidden_not_a_wrong_password() {
        assert_eq!(database_refusal(401, true), SyncError::Forbidden);
        assert_eq!(database_refusal(403, true), SyncError::Forbidden);
        assert_eq!(database_refusal(401, false), SyncError::WrongPassword);
        assert_eq!(database_refusal(404, true), SyncError::NoDatabase);
        assert_eq!(
            database_refusal(500, true),
            SyncError::Server { status: 500 }
        );
    }
}
