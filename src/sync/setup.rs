//! Setting up sync: the settings kept on the device, what a database
//! address must look like, the set-up link a coordinator sends, and what
//! a server's welcome says about it. Plain Rust, tested on the host; the
//! requests are in `connect`, the keeping in `ui::sync_settings`.
//!
//! A password is never part of any of this: it is typed by the worker,
//! kept on the device apart from the settings, and a link or address that
//! carries one is refused.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde::{Deserialize, Serialize};

/// How Kith proves who it is to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    /// The user name and password on every request (over HTTPS).
    #[default]
    Basic,
    /// A session cookie from the server's `/_session`, asked for once.
    Cookie,
}

/// What this device syncs with. Kept on the device only (never a record);
/// the password is kept apart from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSettings {
    /// The database's address, checked by [`DbUrl::parse`].
    pub db_url: String,
    /// Blank for a public database (no credentials).
    #[serde(default)]
    pub user: String,
    #[serde(default)]
    pub auth: AuthMode,
    /// Paused by the worker: nothing is sent or received.
    #[serde(default)]
    pub paused: bool,
}

impl SyncSettings {
    /// Settings from what was typed: the address checked, the user name
    /// trimmed; not paused.
    pub fn new(db_url: &str, user: &str, auth: AuthMode) -> Result<SyncSettings, SetupError> {
        let url = DbUrl::parse(db_url)?;
        let user = user.trim();
        if auth == AuthMode::Cookie && user.is_empty() {
            return Err(SetupError::CookieNeedsUser);
        }
        if user.contains(':') {
            return Err(SetupError::ColonInUser);
        }
        Ok(SyncSettings {
            db_url: url.url,
            user: user.to_owned(),
            auth,
            paused: false,
        })
    }

    /// The database address, read again (settings are checked when made,
    /// but a copy kept by an older version might not be).
    pub fn db(&self) -> Result<DbUrl, UrlError> {
        DbUrl::parse(&self.db_url)
    }
}

/// Why what was typed cannot be set up. Each says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    #[error(transparent)]
    Url(#[from] UrlError),
    #[error("A cookie session needs a user name. Type yours, or sign in with Basic instead.")]
    CookieNeedsUser,
    #[error("A user name cannot have a colon (:) in it. Check it with your coordinator.")]
    ColonInUser,
}

/// Why a database address is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error(
        "Type the database's address, for example https://couch.example.org/chesterfield. Your coordinator can give it to you."
    )]
    Empty,
    #[error(
        "The address must start with https:// (or http:// for a server on this device), for example https://couch.example.org/chesterfield."
    )]
    NotHttp,
    #[error("The address has no server name after https://. Check it with your coordinator.")]
    NoHost,
    #[error(
        "The address names a server but no database: add the database's name at the end, for example https://couch.example.org/chesterfield."
    )]
    NoDatabase,
    #[error(
        "The address has a user name or password in it. Take it out and type them in their own boxes: Kith keeps the password apart, on this device only."
    )]
    Credentials,
    #[error(
        "The address has something after the database name (from ? or #). Take that part out: the address ends with the database's name."
    )]
    Extra,
    #[error(
        "\"{0}\" cannot be a database name: names start with a small letter and use only small letters, digits and _ $ ( ) + - /. Check it with your coordinator."
    )]
    BadName(String),
    #[error(
        "The address has a space or a character that cannot be in a server's name. Check it with your coordinator."
    )]
    BadHost,
    #[error(
        "The server's port (after the colon) must be a number, for example https://couch.example.org:6984/chesterfield."
    )]
    BadPort,
    #[error(
        "The address must start with https://, so that the password and the people's details cannot be read on the way. Plain http:// is only for a server on this device (localhost or 127.0.0.1)."
    )]
    NeedsHttps,
    #[error(
        "Plain http:// to [::1] cannot be used: write 127.0.0.1 in its place (it is the same device)."
    )]
    Ipv6Loopback,
}

/// A database address, checked and taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbUrl {
    /// The whole address as kept: trimmed, no slash at the end.
    pub url: String,
    /// The server's root, where its welcome and `/_session` are: the
    /// address without the database name, ending in a slash.
    pub root: String,
    /// The database's name, decoded ("kith", or "team/kith" from
    /// "team%2Fkith").
    pub name: String,
    /// The server as a person would say it: "couch.example.org",
    /// "127.0.0.1:5984" (with any path before the database).
    pub server: String,
}

/// The hosts plain http:// is allowed to: this device (the Content
/// Security Policy in index.html admits the same).
const LOOPBACK: [&str; 2] = ["localhost", "127.0.0.1"];

impl DbUrl {
    pub fn parse(text: &str) -> Result<DbUrl, UrlError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(UrlError::Empty);
        }
        let (scheme, rest) = text.split_once("://").ok_or(UrlError::NotHttp)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "https" && scheme != "http" {
            return Err(UrlError::NotHttp);
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, after) = rest.split_at(end);
        if authority.contains('@') {
            return Err(UrlError::Credentials);
        }
        if after.contains(['?', '#']) {
            return Err(UrlError::Extra);
        }
        let (host, port) = split_port(authority)?;
        if host.is_empty() {
            return Err(UrlError::NoHost);
        }
        let host = host.to_lowercase();
        if scheme == "http" {
            if host == "[::1]" {
                return Err(UrlError::Ipv6Loopback);
            }
            if !LOOPBACK.contains(&host.as_str()) {
                return Err(UrlError::NeedsHttps);
            }
        }
        let path = after.trim_end_matches('/');
        let (prefix, last) = path.rsplit_once('/').unwrap_or(("", ""));
        if last.is_empty() {
            return Err(UrlError::NoDatabase);
        }
        let name = percent_decode_str(last).decode_utf8_lossy().into_owned();
        if !good_db_name(&name) {
            return Err(UrlError::BadName(name));
        }
        let authority = match port {
            Some(port) => format!("{host}:{port}"),
            None => host,
        };
        Ok(DbUrl {
            url: format!("{scheme}://{authority}{path}"),
            root: format!("{scheme}://{authority}{prefix}/"),
            name,
            server: format!("{authority}{prefix}"),
        })
    }
}

/// "host:port" into its parts; an IPv6 literal keeps its brackets.
fn split_port(authority: &str) -> Result<(&str, Option<u16>), UrlError> {
    let colon = if authority.starts_with('[') {
        let close = authority.find(']').ok_or(UrlError::BadHost)?;
        authority[close..].find(':').map(|at| close + at)
    } else {
        authority.find(':')
    };
    let (host, port) = match colon {
        Some(at) => {
            let digits = &authority[at + 1..];
            let port = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse::<u16>().ok())
                .flatten()
                .ok_or(UrlError::BadPort)?;
            (&authority[..at], Some(port))
        }
        None => (authority, None),
    };
    let bad = |c: char| c.is_whitespace() || c.is_control() || "\\<>\"{}|^`%".contains(c);
    if host.chars().any(bad) {
        return Err(UrlError::BadHost);
    }
    Ok((host, port))
}

/// CouchDB's rule for a database name.
fn good_db_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c))
}

/// What a set-up link offers: a database to sync with. The user name and
/// password are asked of the worker; nothing is set up until they confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupOffer {
    pub db: DbUrl,
}

impl SetupOffer {
    /// The question the worker answers.
    pub fn question(&self) -> String {
        format!(
            "Sync this phone with the database {} at {}?",
            self.db.name, self.db.server
        )
    }
}

/// Why a set-up link is refused. Nothing is set up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetupLinkError {
    #[error(
        "This set-up link carries a password, so Kith will not use it: a password sent in a link can be read by anyone it passes through. Nothing was set up. Ask your coordinator for a link without the password, and type the password yourself."
    )]
    Password,
    #[error(
        "This set-up link has more in it than a database address, so Kith will not use it. Nothing was set up. Ask your coordinator for a new link."
    )]
    Extra,
    #[error("This set-up link's address cannot be used: {0} Nothing was set up.")]
    Url(UrlError),
}

/// The names of a link's parts that carry a password.
const PASSWORD_KEYS: [&str; 6] = ["password", "pass", "passwd", "pwd", "secret", "token"];

/// What is escaped in a link: all but letters, digits and `-._~`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The link a coordinator sends: the app's address (any fragment
/// dropped), then `#sync=` and the database address, escaped.
pub fn setup_link(app_url: &str, db_url: &str) -> String {
    let app = app_url.split('#').next().unwrap_or_default();
    format!(
        "{app}#sync={}",
        utf8_percent_encode(db_url.trim(), COMPONENT)
    )
}

/// Whether the address's fragment is a set-up link's (`#sync=…`).
pub fn is_setup_fragment(fragment: &str) -> bool {
    fragment.trim_start_matches('#').starts_with("sync=")
}

/// Reads a set-up link's fragment (`#sync=…`, with or without the `#`).
/// A password anywhere in it (in the address, in a part of its own,
/// after the address) refuses the whole link.
pub fn read_setup_fragment(fragment: &str) -> Result<SetupOffer, SetupLinkError> {
    let fragment = fragment.trim_start_matches('#');
    let mut parts = fragment.split('&');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let carries_password = |part: &str| {
        let key = part.split('=').next().unwrap_or_default();
        let key = percent_decode_str(key).decode_utf8_lossy().to_lowercase();
        PASSWORD_KEYS.contains(&key.trim())
    };
    if rest.iter().any(|part| carries_password(part)) {
        return Err(SetupLinkError::Password);
    }
    let encoded = first.strip_prefix("sync=").ok_or(SetupLinkError::Extra)?;
    let db_url = percent_decode_str(encoded)
        .decode_utf8()
        .map_err(|_| SetupLinkError::Extra)?;
    let db = match DbUrl::parse(&db_url) {
        Ok(db) => db,
        Err(UrlError::Credentials) => return Err(SetupLinkError::Password),
        Err(UrlError::Extra) => {
            let after = &db_url[db_url.find(['?', '#']).unwrap_or(0) + 1..];
            return Err(if after.split(['&', ';', '#']).any(carries_password) {
                SetupLinkError::Password
            } else {
                SetupLinkError::Extra
            });
        }
        Err(why) => return Err(SetupLinkError::Url(why)),
    };
    if !rest.is_empty() {
        return Err(SetupLinkError::Extra);
    }
    Ok(SetupOffer { db })
}

/// What a server's welcome (`GET /`) says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    /// The server's own id: part of the replication id when there is one
    /// (CouchDB and PouchDB Server give it; Cloudant may not).
    pub uuid: Option<String>,
    /// Its version, as it says it.
    pub version: Option<String>,
}

/// Reads a welcome: CouchDB and Cloudant say `"couchdb": "Welcome"`,
/// PouchDB Server `"express-pouchdb": "Welcome!"`. Anything else (a web
/// page, some other JSON) is not a CouchDB server.
pub fn read_welcome(body: &str) -> Option<ServerInfo> {
    let json: serde_json::Value = serde_json::from_str(body).ok()?;
    let says = |key: &str| {
        json.get(key)
            .and_then(|v| v.as_str())
            .is_some_and(|s| s.starts_with("Welcome"))
    };
    if !says("couchdb") && !says("express-pouchdb") {
        return None;
    }
    let text = |key: &str| json.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    Some(ServerInfo {
        uuid: text("uuid"),
        version: text("version"),
    })
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn parsed(text: &str) -> DbUrl {
        DbUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn an_address_gives_its_server_root_and_database_name() {
        let db = parsed("  https://Couch.Example.org/chesterfield/ ");
        assert_eq!(db.url, "https://couch.example.org/chesterfield");
        assert_eq!(db.root, "https://couch.example.org/");
        assert_eq!(db.name, "chesterfield");
        assert_eq!(db.server, "couch.example.org");

        let db = parsed("http://127.0.0.1:5984/kith");
        assert_eq!(db.root, "http://127.0.0.1:5984/");
        assert_eq!(db.server, "127.0.0.1:5984");

        let db = parsed("https://example.org/couch/team%2Fkith");
        assert_eq!(db.root, "https://example.org/couch/");
        assert_eq!(db.name, "team/kith");
        assert_eq!(db.server, "example.org/couch");

        let db = parsed("https://[2001:db8::1]:6984/kith");
        assert_eq!(db.root, "https://[2001:db8::1]:6984/");
        assert_eq!(parsed("http://localhost/kith").root, "http://localhost/");
    }

    #[test]
    fn each_refused_address_says_why() {
        let cases = [
            ("", UrlError::Empty),
            ("couch.example.org/kith", UrlError::NotHttp),
            ("ftp://couch.example.org/kith", UrlError::NotHttp),
            ("https:///kith", UrlError::NoHost),
            ("https://couch.example.org", UrlError::NoDatabase),
            ("https://couch.example.org/", UrlError::NoDatabase),
            (
                "https://ana:secret@couch.example.org/kith",
                UrlError::Credentials,
            ),
            ("https://ana@couch.example.org/kith", UrlError::Credentials),
            ("https://couch.example.org/kith?x=1", UrlError::Extra),
            ("https://couch.example.org/kith#x", UrlError::Extra),
            (
                "https://couch.example.org/Kith",
                UrlError::BadName("Kith".into()),
            ),
            (
                "https://couch.example.org/my%20db",
                UrlError::BadName("my db".into()),
            ),
            ("https://couch example.org/kith", UrlError::BadHost),
            ("https://couch.example.org:80a/kith", UrlError::BadPort),
            ("https://couch.example.org:99999/kith", UrlError::BadPort),
            ("http://couch.example.org/kith", UrlError::NeedsHttps),
            ("http://192.168.1.4:5984/kith", UrlError::NeedsHttps),
            ("http://[::1]:5984/kith", UrlError::Ipv6Loopback),
        ];
        for (text, why) in cases {
            assert_eq!(DbUrl::parse(text), Err(why), "{text}");
        }
        let said = |e: UrlError| e.to_string();
        assert!(said(UrlError::NeedsHttps).contains("must start with https://"));
        assert!(said(UrlError::NeedsHttps).contains("localhost or 127.0.0.1"));
        assert!(said(UrlError::Credentials).contains("type them in their own boxes"));
        assert!(said(UrlError::NoDatabase).contains("add the database's name at the end"));
        assert!(said(UrlError::BadName("Kith".into())).starts_with("\"Kith\" cannot be"));
    }

    #[test]
    fn settings_are_checked_when_made() {
        let s = SyncSettings::new(" http://127.0.0.1:5984/kith/ ", " ana ", AuthMode::Basic);
        assert_eq!(
            s,
            Ok(SyncSettings {
                db_url: "http://127.0.0.1:5984/kith".into(),
                user: "ana".into(),
                auth: AuthMode::Basic,
                paused: false,
            })
        );
        assert_eq!(
            SyncSettings::new("https://c.example/kith", " ", AuthMode::Cookie),
            Err(SetupError::CookieNeedsUser)
        );
        assert_eq!(
            SyncSettings::new("https://c.example/kith", "a:b", AuthMode::Basic),
            Err(SetupError::ColonInUser)
        );
        assert_eq!(
            SyncSettings::new("http://c.example/kith", "ana", AuthMode::Basic),
            Err(SetupError::Url(UrlError::NeedsHttps))
        );
        // A public database needs no user.
        assert!(SyncSettings::new("https://c.example/kith", "", AuthMode::Basic).is_ok());
    }

    #[test]
    fn settings_keep_no_password_and_read_back() {
        let s = SyncSettings::new("https://c.example/kith", "ana", AuthMode::Cookie).unwrap();
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"{"db_url":"https://c.example/kith","user":"ana","auth":"cookie","paused":false}"#
        );
        let back: SyncSettings = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        // An older copy with only the address still reads.
        let old: SyncSettings =
            serde_json::from_str(r#"{"db_url":"https://c.example/k"}"#).unwrap();
        assert_eq!(
            (old.auth, old.paused, old.user.as_str()),
            (AuthMode::Basic, false, "")
        );
    }

    #[test]
    fn a_link_round_trips_any_address() {
        for db in [
            "http://127.0.0.1:5984/kith",
            "https://couch.example.org:6984/chesterfield",
            "https://example.org/team files/kith",
            "https://bücher.example/straße/kith",
            "https://example.org/couch/team%2Fkith",
            "https://[2001:db8::1]:6984/kith",
        ] {
            let link = setup_link("https://kith.example/people?x=1#old", db);
            let (app, fragment) = link.split_once('#').unwrap();
            assert_eq!(app, "https://kith.example/people?x=1");
            assert!(is_setup_fragment(fragment), "{link}");
            assert!(
                !fragment["sync=".len()..].contains([' ', '/', ':', '#', '&', '?']),
                "{link}"
            );
            let offer = read_setup_fragment(&format!("#{fragment}"))
                .unwrap_or_else(|e| panic!("{link}: {e}"));
            assert_eq!(offer.db, parsed(db), "{link}");
        }
        assert_eq!(
            setup_link("http://127.0.0.1:8080/", "http://127.0.0.1:5984/kith"),
            "http://127.0.0.1:8080/#sync=http%3A%2F%2F127.0.0.1%3A5984%2Fkith"
        );
    }

    #[test]
    fn an_offer_says_what_will_be_set_up() {
        let offer = read_setup_fragment("sync=http%3A%2F%2F127.0.0.1%3A5984%2Fkith").unwrap();
        assert_eq!(
            offer.question(),
            "Sync this phone with the database kith at 127.0.0.1:5984?"
        );
        // Written by hand, unescaped, it reads the same.
        let by_hand = read_setup_fragment("#sync=http://127.0.0.1:5984/kith").unwrap();
        assert_eq!(by_hand, offer);
    }

    #[test]
    fn a_link_carrying_a_password_is_refused_in_every_form() {
        let enc = |s: &str| utf8_percent_encode(s, COMPONENT).to_string();
        for fragment in [
            format!("sync={}", enc("https://ana:secret@c.example/kith")),
            "sync=https://ana:secret@c.example/kith".to_owned(),
            format!("sync={}", enc("https://ana@c.example/kith")),
            format!("sync={}&password=secret", enc("https://c.example/kith")),
            format!("sync={}&pass=secret", enc("https://c.example/kith")),
            format!("sync={}&user=ana&PassWord=x", enc("https://c.example/kith")),
            format!("sync={}", enc("https://c.example/kith?password=secret")),
            "sync=https://c.example/kith?pass=secret".to_owned(),
            format!("sync={}", enc("https://c.example/kith#pwd=secret")),
        ] {
            assert_eq!(
                read_setup_fragment(&fragment),
                Err(SetupLinkError::Password),
                "{fragment}"
            );
        }
        let said = SetupLinkError::Password.to_string();
        assert!(said.starts_with("This set-up link carries a password"));
        assert!(said.contains("Nothing was set up."));
    }

    #[test]
    fn a_link_with_more_than_an_address_or_a_bad_one_is_refused() {
        let cases = [
            (
                "sync=https%3A%2F%2Fc.example%2Fkith&user=ana",
                SetupLinkError::Extra,
            ),
            (
                "sync=https%3A%2F%2Fc.example%2Fkith%3Fx%3D1",
                SetupLinkError::Extra,
            ),
            (
                "sync=https%3A%2F%2Fc.example%2Fkith%23more",
                SetupLinkError::Extra,
            ),
            ("sync=%FF%FE", SetupLinkError::Extra),
            ("synced=1", SetupLinkError::Extra),
            (
                "sync=http%3A%2F%2Fc.example%2Fkith",
                SetupLinkError::Url(UrlError::NeedsHttps),
            ),
            ("sync=", SetupLinkError::Url(UrlError::Empty)),
        ];
        for (fragment, why) in cases {
            assert_eq!(read_setup_fragment(fragment), Err(why), "{fragment}");
        }
        let said = SetupLinkError::Url(UrlError::NeedsHttps).to_string();
        assert!(said.starts_with(
            "This set-up link's address cannot be used: The address must start with https://"
        ));
        assert!(said.ends_with("Nothing was set up."));
        assert!(
            SetupLinkError::Extra
                .to_string()
                .contains("Nothing was set up.")
        );
        assert!(!is_setup_fragment("#people"));
    }

    #[test]
    fn a_welcome_tells_couchdb_from_anything_else() {
        let couch = read_welcome(
            r#"{"couchdb":"Welcome","version":"3.3.3","uuid":"85fb71bf700c17267fef77535820e371","vendor":{"name":"The Apache Software Foundation"}}"#,
        );
        assert_eq!(
            couch,
            Some(ServerInfo {
                uuid: Some("85fb71bf700c17267fef77535820e371".into()),
                version: Some("3.3.3".into()),
            })
        );
        let pouch = read_welcome(
            r#"{"express-pouchdb":"Welcome!","version":"4.2.0","uuid":"abc","vendor":{"name":"PouchDB authors"}}"#,
        )
        .unwrap();
        assert_eq!(pouch.uuid.as_deref(), Some("abc"));
        let cloudant = read_welcome(r#"{"couchdb":"Welcome","version":"2.1.0"}"#).unwrap();
        assert_eq!(cloudant.uuid, None);
        for other in [
            "<!doctype html><html></html>",
            r#"{"ok":true}"#,
            r#"{"couchdb":"Goodbye"}"#,
            r#"["couchdb","Welcome"]"#,
            "",
        ] {
            assert_eq!(read_welcome(other), None, "{other}");
        }
    }
}
