//! A position typed, or taken from the device's location: GPS answers
//! with no signal, so a worker standing at a place can put it on the map
//! offline.

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::model::record::LatLon;
use crate::ui::fields::TextField;

/// Where the device is now, or why that is not known, in words.
pub async fn here() -> Result<LatLon, String> {
    let geolocation = web_sys::window()
        .and_then(|w| w.navigator().geolocation().ok())
        .ok_or("This browser cannot tell where it is. Type the position instead.")?;
    let options = web_sys::PositionOptions::new();
    options.set_enable_high_accuracy(true);
    options.set_timeout(20_000);
    let asked = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(e) = geolocation.get_current_position_with_error_callback_and_options(
            &resolve,
            Some(&reject),
            &options,
        ) {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    // Read by name: web-sys has the position types only as unstable APIs.
    let field = |from: &JsValue, name: &str| js_sys::Reflect::get(from, &JsValue::from_str(name));
    match JsFuture::from(asked).await {
        Ok(found) => {
            let coords = field(&found, "coords").unwrap_or(JsValue::UNDEFINED);
            let number = |name| field(&coords, name).ok().and_then(|v| v.as_f64());
            match (number("latitude"), number("longitude")) {
                (Some(lat), Some(lon)) => Ok(LatLon { lat, lon }),
                _ => Err("The device gave no position. Type the position instead.".to_owned()),
            }
        }
        Err(e) => Err(
            match field(&e, "code").ok().and_then(|c| c.as_f64()).map(|c| c as u16) {
                Some(1) => "Kith was not allowed to know where this device is. Allow location for this site, or type the position.",
                Some(3) => "Finding where this device is took too long. Try again outside, or type the position.",
                _ => "This device could not find where it is. Try again, or type the position.",
            }
            .to_owned(),
        ),
    }
}

/// A text box for "latitude, longitude" with a button that fills it from
/// where the device is.
#[component]
pub fn PositionField(
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let find = Action::new_local(|_: &()| here());
    Effect::new(move || {
        if let Some(Ok(at)) = find.value().get() {
            value.set(at.to_string());
        }
    });
    let status = move || match find.value().get() {
        _ if find.pending().get() => Some("Finding where you are…".to_owned()),
        Some(Ok(_)) => Some("Filled in from where you are now.".to_owned()),
        Some(Err(e)) => Some(e),
        None => None,
    };
    view! {
        <div class="position">
            <TextField
                label
                id=id.unwrap_or_else(|| "field-position".to_owned())
                hint="Latitude, longitude, as a maps app gives it: 53.2350, -1.4210. Only places the community can see are drawn at their position; the rest by their area."
                value
            />
            <button type="button" class="secondary" on:click=move |_| { find.dispatch(()); }>
                "Use where I am now"
            </button>
            <p class="hint" role="status" data-testid="position-status">{status}</p>
        </div>
    }
}
