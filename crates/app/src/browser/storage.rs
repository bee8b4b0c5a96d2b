//! localStorage, reached through gloo-storage, as raw text: the settings (profile, language)
//! live here, and so did the ledger before it moved to IndexedDB (`vault::migrate` reads the
//! old keys once). Every call reports failure instead of panicking: storage can be disabled
//! (private mode, policy), full, or taken away while the app runs.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};

pub const PROFILE_KEY: &str = "duty-ledger:profile";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// No localStorage at all (disabled, private mode, sandboxed frame).
    Unavailable,
    /// The write did not fit.
    QuotaExceeded,
    Other(String),
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    // gloo's `raw()` panics when storage is disabled, so ask the window first.
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        _ => Err(StorageError::Unavailable),
    }
}

pub fn is_available() -> bool {
    storage().is_ok()
}

fn error_of(value: JsValue) -> StorageError {
    let name = value
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::QuotaExceeded,
        "SecurityError" => StorageError::Unavailable,
        _ => StorageError::Other(format!("{value:?}")),
    }
}

pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    storage()?.get_item(key).map_err(error_of)
}

pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    storage()?.set_item(key, value).map_err(error_of)
}

pub fn remove(key: &str) {
    if let Ok(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Every key and value whose key passes `wanted`.
pub fn entries(wanted: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    let Ok(storage) = storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| wanted(k))
        .filter_map(|k| storage.get_item(&k).ok().flatten().map(|v| (k, v)))
        .collect()
}
