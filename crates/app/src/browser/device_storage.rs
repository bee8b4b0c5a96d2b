//! What the browser says about this site's storage: how much is used and granted
//! (`navigator.storage.estimate()`), and whether it is protected from eviction
//! (`persisted()`, `persist()`). Every call returns `None` where the browser has no answer.

use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::vault::space::Estimate;

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers have no `navigator.storage`.
    Reflect::has(&navigator, &JsValue::from_str("storage"))
        .ok()
        .filter(|has| *has)?;
    Some(navigator.storage())
}

async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

pub async fn estimate() -> Option<Estimate> {
    let value = settle(manager()?.estimate()).await?;
    let field = |name: &str| {
        Reflect::get(&value, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some(Estimate {
        usage: field("usage")? as u64,
        quota: field("quota")? as u64,
    })
}

/// Whether storage is protected from eviction.
pub async fn persisted() -> Option<bool> {
    settle(manager()?.persisted()).await?.as_bool()
}

/// Asks for protection; the browser may grant it silently, ask the user, or refuse.
pub async fn persist() -> Option<bool> {
    settle(manager()?.persist()).await?.as_bool()
}
