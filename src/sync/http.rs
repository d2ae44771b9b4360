//! The HTTP edge of sync: one request to the team's CouchDB-compatible
//! server through the browser's `fetch`, with the person's credentials and
//! a time limit. Everything about what to ask and what an answer means is
//! in the pure modules beside this one.

use std::time::Duration;

use base64::Engine;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, RequestMode, Response};

use super::error::SyncError;

/// How Kith proves who it is to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No credentials (a public database).
    None,
    /// `Authorization: Basic …` on every request (HTTPS keeps it safe).
    Basic { user: String, password: String },
    /// A cookie from `POST /_session`, sent by the browser itself.
    Cookie,
}

/// An answer from the server: its status and body as text.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

impl Reply {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as JSON.
    pub fn json(&self) -> Result<serde_json::Value, SyncError> {
        serde_json::from_str(&self.body).map_err(|e| SyncError::BadAnswer(e.to_string()))
    }
}

/// A request about to be sent.
pub struct Call<'a> {
    pub method: &'static str,
    pub url: String,
    pub body: Option<String>,
    pub auth: &'a Auth,
    pub timeout: Duration,
    /// `mode: no-cors`: an answer we may not read, but which proves the
    /// server is there (how a CORS refusal is told from no server at all).
    pub opaque: bool,
}

impl<'a> Call<'a> {
    pub fn new(method: &'static str, url: impl Into<String>, auth: &'a Auth) -> Call<'a> {
        Call {
            method,
            url: url.into(),
            body: None,
            auth,
            timeout: Duration::from_secs(60),
            opaque: false,
        }
    }

    pub fn json(mut self, body: &serde_json::Value) -> Call<'a> {
        self.body = Some(body.to_string());
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> Call<'a> {
        self.timeout = timeout;
        self
    }

    pub fn opaque(mut self) -> Call<'a> {
        self.opaque = true;
        self
    }

    /// Sends it. A request that never got an answer is `Unreachable` (no
    /// network, no server, or a CORS refusal, which fetch cannot tell
    /// apart) or `TimedOut`.
    pub async fn send(self) -> Result<Reply, SyncError> {
        let window = web_sys::window().ok_or(SyncError::Unreachable)?;
        let init = RequestInit::new();
        init.set_method(self.method);
        let headers = Headers::new().map_err(|_| SyncError::Unreachable)?;
        let _ = headers.set("Accept", "application/json");
        if let Some(body) = &self.body {
            let _ = headers.set("Content-Type", "application/json");
            init.set_body(&body.into());
        }
        match self.auth {
            Auth::Basic { user, password } => {
                let token =
                    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
                let _ = headers.set("Authorization", &format!("Basic {token}"));
                init.set_credentials(RequestCredentials::Omit);
            }
            Auth::Cookie => init.set_credentials(RequestCredentials::Include),
            Auth::None => init.set_credentials(RequestCredentials::Omit),
        }
        init.set_headers(&headers);
        if self.opaque {
            init.set_mode(RequestMode::NoCors);
        }
        let abort = AbortController::new().ok();
        if let Some(abort) = &abort {
            init.set_signal(Some(&abort.signal()));
        }
        let timer = abort
            .clone()
            .and_then(|abort| Timer::after(self.timeout, move || abort.abort()));
        let answer = JsFuture::from(window.fetch_with_str_and_init(&self.url, &init)).await;
        let result = match answer {
            Ok(response) => {
                let response: Response = response.unchecked_into();
                let status = response.status();
                let text = match response.text() {
                    Ok(promise) => JsFuture::from(promise).await,
                    Err(e) => Err(e),
                };
                match text {
                    Ok(body) => Ok(Reply {
                        status,
                        body: body.as_string().unwrap_or_default(),
                    }),
                    // The connection dropped part-way through the answer.
                    Err(e) => Err(failure(&e)),
                }
            }
            Err(e) => Err(failure(&e)),
        };
        drop(timer);
        result
    }
}

/// A rejected fetch: the time limit (an abort) or no answer at all.
fn failure(e: &wasm_bindgen::JsValue) -> SyncError {
    let aborted = e
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|d| d.name() == "AbortError");
    if aborted {
        SyncError::TimedOut
    } else {
        SyncError::Unreachable
    }
}

/// A one-shot timer, cleared when dropped: the time limit of one request.
struct Timer {
    id: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn after(delay: Duration, f: impl FnOnce() + 'static) -> Option<Timer> {
        let mut f = Some(f);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = f.take() {
                f();
            }
        });
        let id = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                delay.as_millis().min(i32::MAX as u128) as i32,
            )
            .ok()?;
        Some(Timer {
            id,
            _callback: callback,
        })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.id);
        }
    }
}

/// Waits, without blocking anything else on the page.
pub async fn sleep(delay: Duration) {
    let (send, receive) = futures::channel::oneshot::channel::<()>();
    let timer = Timer::after(delay, move || {
        let _ = send.send(());
    });
    let _ = receive.await;
    drop(timer);
}
