//! Files the user picks or drops, read as bytes; and sharing a file to another app (Web Share).

use js_sys::{Array, Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A picked or dropped file.
pub struct Picked {
    pub name: String,
    pub size: usize,
    file: web_sys::File,
}

impl Picked {
    /// Reads the whole file.
    pub async fn bytes(&self) -> Result<Vec<u8>, String> {
        let buffer = JsFuture::from(self.file.array_buffer())
            .await
            .map_err(|e| format!("{e:?}"))?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }

    /// Reads the whole file into an `ArrayBuffer` (to hand to a worker without a copy).
    pub async fn buffer(&self) -> Result<js_sys::ArrayBuffer, String> {
        JsFuture::from(self.file.array_buffer())
            .await
            .map(wasm_bindgen::JsCast::unchecked_into)
            .map_err(|e| format!("{e:?}"))
    }
}

/// The files of an `<input type=file>` or a drop.
pub fn picked(list: Option<web_sys::FileList>) -> Vec<Picked> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| Picked {
            name: file.name(),
            size: file.size() as usize,
            file,
        })
        .collect()
}

fn navigator_method(name: &str) -> Option<(JsValue, Function)> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let method = Reflect::get(&navigator, &name.into()).ok()?;
    Some((navigator, method.dyn_into().ok()?))
}

fn share_data(name: &str, mime: &str, content: &str) -> Option<JsValue> {
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file = web_sys::File::new_with_str_sequence_and_options(
        &Array::of1(&content.into()),
        name,
        &options,
    )
    .ok()?;
    let data = js_sys::Object::new();
    Reflect::set(&data, &"files".into(), &Array::of1(&file)).ok()?;
    Reflect::set(&data, &"title".into(), &name.into()).ok()?;
    Some(data.into())
}

/// Whether this browser can share a file to other apps (tablets and phones usually can).
pub fn can_share_files() -> bool {
    let Some((navigator, can_share)) = navigator_method("canShare") else {
        return false;
    };
    let Some(data) = share_data("test.json", "application/json", "{}") else {
        return false;
    };
    can_share
        .call1(&navigator, &data)
        .map(|ok| ok.is_truthy())
        .unwrap_or(false)
}

/// What became of a file handed to the share sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// The person chose where it goes.
    Sent,
    /// The person closed the sheet (`AbortError`): nothing was sent, nothing is wrong.
    Cancelled,
    /// The browser refused (no share, not allowed, the file refused).
    Failed,
}

/// Opens the system share sheet with the file (Web Share with files: `navigator.share`, after
/// `can_share_files`) and waits for the person. Must start from a tap.
pub async fn share_file(name: &str, mime: &str, content: &str) -> Shared {
    let (Some((navigator, share)), Some(data)) =
        (navigator_method("share"), share_data(name, mime, content))
    else {
        return Shared::Failed;
    };
    let Ok(promise) = share.call1(&navigator, &data) else {
        return Shared::Failed;
    };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
        return Shared::Failed;
    };
    match JsFuture::from(promise).await {
        Ok(_) => Shared::Sent,
        Err(error) => {
            let name = Reflect::get(&error, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") {
                Shared::Cancelled
            } else {
                Shared::Failed
            }
        }
    }
}
