//! Saving text to a file on the device: the only way user data leaves it.

use wasm_bindgen::JsCast;

/// Offers `content` as a download named `file_name`. Returns false when the browser refused.
pub fn download_text(file_name: &str, mime: &str, content: &str) -> bool {
    download_parts(file_name, mime, &js_sys::Array::of1(&content.into()))
}

/// Offers `bytes` as a download (binary files such as XLSX).
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> bool {
    let array = js_sys::Uint8Array::from(bytes);
    download_parts(file_name, mime, &js_sys::Array::of1(&array))
}

/// A blob of `parts` (strings, byte arrays or blobs) labelled `mime`.
pub fn blob_of_parts(mime: &str, parts: &js_sys::Array) -> Option<web_sys::Blob> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(parts, &options).ok()
}

fn download_parts(file_name: &str, mime: &str, parts: &js_sys::Array) -> bool {
    let Some(blob) = blob_of_parts(mime, parts) else {
        return false;
    };
    download_blob(file_name, &blob)
}

/// Offers a blob as a download named `file_name`.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> bool {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return false;
    };
    let document = leptos::prelude::document();
    let clicked = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(file_name);
            a.set_rel("noopener");
            a.click();
        })
        .is_some();
    // Revoke after the click has been handled.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = leptos::prelude::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    clicked
}
