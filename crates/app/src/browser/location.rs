//! Reading and writing the location hash, and hearing when Back or a pasted link changes it.

use leptos::prelude::window;
use wasm_bindgen::JsValue;

/// The current hash without its leading `#`.
pub fn current_hash() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// How a new hash enters the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryEntry {
    /// A new entry, so Back returns to the previous view.
    Push,
    /// Replace the current entry: for typing, where every keystroke is not a step back.
    Replace,
}

/// Writes `hash` (without `#`) to the address bar without reloading or firing `hashchange`.
/// The empty hash drops the `#` altogether so the plain address stays clean.
pub fn write_hash(hash: &str, entry: HistoryEntry) {
    if hash == current_hash() {
        return;
    }
    let window = window();
    let location = window.location();
    let url = if hash.is_empty() {
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    } else {
        format!("#{hash}")
    };
    let Ok(history) = window.history() else {
        return;
    };
    let result = match entry {
        HistoryEntry::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        HistoryEntry::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
    };
    if result.is_err() {
        // History can refuse (sandboxed frames); the hash is still worth keeping.
        let _ = location.set_hash(hash);
    }
}
