//! The device clock and random numbers: the only sources of time and identity.

use crate::foundation::time::{Date, Stamp};
use crate::ledger::{DeviceId, EventId};

/// Now, with this device's UTC offset.
pub fn now() -> Stamp {
    let date = js_sys::Date::new_0();
    let utc_ms = date.get_time() as i64;
    // getTimezoneOffset is minutes *behind* UTC (China gives -480).
    let offset = -(date.get_timezone_offset() as i16);
    Stamp::new(utc_ms, offset).unwrap_or(Stamp {
        utc_ms,
        offset_minutes: 0,
    })
}

/// Today's date where the device is.
pub fn today() -> Date {
    now().local_date()
}

fn random_bytes() -> [u8; 8] {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        // No Web Crypto (very old browser): Math.random still gives distinct ids.
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

pub fn new_event_id() -> EventId {
    EventId::from_random(random_bytes())
}

pub fn new_device_id() -> DeviceId {
    DeviceId::from_random(random_bytes())
}

/// Resolves after `ms` milliseconds (a timer of the page).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
