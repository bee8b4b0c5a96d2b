//! The few IndexedDB calls the app needs, over `web_sys`, as futures. A transaction is awaited
//! only through its own requests and its completion: nothing else is awaited while one is
//! open (it would commit early).

use js_sys::{Array, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
    IdbVersionChangeEvent,
};

/// Why the database could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// No IndexedDB here (disabled, some private modes, a sandboxed frame).
    Unavailable,
    /// A newer version of the app has upgraded the database.
    Newer,
    Other(String),
}

/// The name of a DOM exception (`QuotaExceededError`, `ConstraintError`, …).
pub fn error_name(error: Option<web_sys::DomException>) -> String {
    error.map(|e| e.name()).unwrap_or_default()
}

/// Opens (and if needed creates or upgrades) database `name`. `upgrade` runs when the stored
/// version is older; `blocked` when another tab holding an older version delays the upgrade.
pub async fn open(
    name: &str,
    version: u32,
    upgrade: impl FnOnce(&IdbDatabase, u32) + 'static,
    blocked: impl FnMut() + 'static,
) -> Result<IdbDatabase, OpenError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(OpenError::Unavailable)?;
    let request = factory
        .open_with_u32(name, version)
        .map_err(|_| OpenError::Unavailable)?;
    let on_upgrade = Closure::once(move |event: IdbVersionChangeEvent| {
        if let Some(db) = event
            .target()
            .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
        {
            upgrade(db.unchecked_ref(), event.old_version() as u32);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let on_blocked = Closure::<dyn FnMut()>::new(blocked);
    request.set_onblocked(Some(on_blocked.as_ref().unchecked_ref()));
    let settled = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(settled).await;
    request.set_onupgradeneeded(None);
    request.set_onblocked(None);
    match outcome {
        Ok(_) => request
            .result()
            .map(JsCast::unchecked_into)
            .map_err(|e| OpenError::Other(format!("{e:?}"))),
        Err(_) => {
            let name = error_name(request.error().ok().flatten());
            Err(match name.as_str() {
                "VersionError" => OpenError::Newer,
                "SecurityError" | "InvalidStateError" | "UnknownError" => OpenError::Unavailable,
                _ => OpenError::Other(name),
            })
        }
    }
}

/// A transaction over `stores`.
pub fn transaction(
    db: &IdbDatabase,
    stores: &[&str],
    mode: IdbTransactionMode,
) -> Result<IdbTransaction, String> {
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    db.transaction_with_str_sequence_and_mode(&names, mode)
        .map_err(|e| {
            e.dyn_ref::<web_sys::DomException>()
                .map(|d| d.name())
                .unwrap_or_else(|| format!("{e:?}"))
        })
}

pub fn store(tx: &IdbTransaction, name: &str) -> IdbObjectStore {
    tx.object_store(name)
        .expect("every store is in the transaction's scope")
}

/// Waits until the transaction commits; on abort, the name of the error that caused it.
pub async fn finish(tx: &IdbTransaction) -> Result<(), String> {
    let settled = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onabort(Some(&reject));
    });
    let outcome = JsFuture::from(settled).await;
    tx.set_oncomplete(None);
    tx.set_onabort(None);
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(match error_name(tx.error()) {
            name if name.is_empty() => "AbortError".to_string(),
            name => name,
        }),
    }
}

/// Waits for one request inside an open transaction (only for reads a write depends on).
pub async fn request(request: &IdbRequest) -> Result<JsValue, String> {
    let settled = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(settled).await;
    match outcome {
        Ok(_) => request.result().map_err(|e| format!("{e:?}")),
        Err(_) => Err(error_name(request.error().ok().flatten())),
    }
}

/// The result of a finished request (read after its transaction completed).
pub fn result(request: &IdbRequest) -> JsValue {
    request.result().unwrap_or(JsValue::UNDEFINED)
}

/// A request error handler that lets an `add` of an existing key pass without aborting the
/// transaction: the stored value stays as it is (records are never rewritten).
pub fn keep_existing() -> Closure<dyn FnMut(web_sys::Event)> {
    Closure::new(|event: web_sys::Event| {
        let existing = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.error().ok().flatten())
            .is_some_and(|e| e.name() == "ConstraintError");
        if existing {
            event.prevent_default();
            event.stop_propagation();
        }
    })
}

/// Strings out of a JS array (values that are not strings are skipped).
pub fn strings(value: &JsValue) -> Vec<String> {
    value
        .dyn_ref::<Array>()
        .map(|a| a.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}
