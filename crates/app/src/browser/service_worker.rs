//! The app's side of the update flow. `public/sw-register.js` registers the service worker and
//! watches for a new version; this module hears about it and asks for it to be applied.
//!
//! The contract with the script:
//! - `window.dutyLedgerUpdateReady` is `true` once a new version is waiting (it may already be
//!   set when the app starts);
//! - the window event [`UPDATE_READY_EVENT`] is dispatched when that happens later;
//! - dispatching the window event [`APPLY_UPDATE_EVENT`] makes the waiting version take over,
//!   and the page reloads once. Nothing reloads the page otherwise.

use leptos::prelude::{WindowListenerHandle, window, window_event_listener_untyped};
use wasm_bindgen::JsValue;

/// Dispatched on `window` when a new version has been downloaded and waits.
pub const UPDATE_READY_EVENT: &str = "duty-ledger:update-ready";
/// Dispatched on `window` by [`apply_update`]; `sw-register.js` listens for it.
pub const APPLY_UPDATE_EVENT: &str = "duty-ledger:apply-update";
/// The `window` property `sw-register.js` sets to `true` when a new version waits.
const READY_FLAG: &str = "dutyLedgerUpdateReady";

/// Whether a new version is already waiting (read this at start-up: the script may have seen
/// it before the app was running).
pub fn update_ready() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str(READY_FLAG))
        .map(|flag| flag.is_truthy())
        .unwrap_or(false)
}

/// Calls `on_ready` when a new version becomes ready after now. Remove the listener with the
/// returned handle (in `on_cleanup`).
pub fn on_update_ready(on_ready: impl Fn() + 'static) -> WindowListenerHandle {
    window_event_listener_untyped(UPDATE_READY_EVENT, move |_| on_ready())
}

/// Switches to the waiting version and reloads the page once. Call it only from the person's
/// own action (the reload button): never while someone may be typing.
pub fn apply_update() {
    if let Ok(event) = web_sys::Event::new(APPLY_UPDATE_EVENT) {
        let _ = window().dispatch_event(&event);
    }
}
