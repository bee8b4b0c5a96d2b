//! localStorage, reached through gloo-storage, as raw text: the documents are already JSON.
//! Every call reports failure instead of panicking: storage can be disabled (private mode,
//! policy), full, or taken away while the app runs.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};

pub const LEDGER_KEY: &str = "duty-ledger:ledger";
pub const PROFILE_KEY: &str = "duty-ledger:profile";
/// The record ids the latest undone import took back, so other tabs drop them too.
pub const RETRACTED_KEY: &str = "duty-ledger:retracted";
/// Unreadable stored text is kept under `duty-ledger:backup:<key>:<time>`.
pub const BACKUP_PREFIX: &str = "duty-ledger:backup:";

/// The usual per-origin limit browsers give localStorage.
pub const QUOTA_BYTES: usize = 5 * 1024 * 1024;

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

/// Every key that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Ok(storage) = storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// What one key and its value take in storage (UTF-16, two bytes a unit).
pub fn key_bytes(key: &str, value: &str) -> usize {
    2 * (utf16_len(key) + utf16_len(value))
}

/// Keeps `raw` under a new backup key and returns that key.
pub fn back_up(key: &str, raw: &str, when: &str) -> Result<String, StorageError> {
    let backup_key = format!("{BACKUP_PREFIX}{key}:{when}");
    write(&backup_key, raw)?;
    Ok(backup_key)
}

/// Bytes used by every key of this origin, counted as browsers do (UTF-16, key and value).
pub fn used_bytes() -> Result<usize, StorageError> {
    let storage = storage()?;
    let count = storage.length().map_err(error_of)?;
    let mut bytes = 0;
    for index in 0..count {
        if let Ok(Some(key)) = storage.key(index) {
            let value = storage.get_item(&key).ok().flatten().unwrap_or_default();
            bytes += key_bytes(&key, &value);
        }
    }
    Ok(bytes)
}

pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}
