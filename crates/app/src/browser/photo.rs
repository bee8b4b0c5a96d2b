//! Pictures decoded and encoded by the browser: nothing here decides (how large, which
//! quality, what to keep is `evidence::intake`'s). A picture is decoded the right way up
//! (`createImageBitmap` with `imageOrientation: 'from-image'`), drawn at the size asked on a
//! canvas (`OffscreenCanvas` where there is one, else a `<canvas>`) over white (a transparent
//! PNG becomes a JPEG), and encoded as JPEG. Everything is reached through the global object,
//! so the same code runs in a Web Worker (issue 19 may move it there).

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ImageBitmap};

fn error(e: JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "Error".to_string())
}

/// Decodes a picture the right way up. Fails where the browser cannot read it (HEIC outside
/// Safari, a damaged file).
pub async fn decode(blob: &Blob) -> Result<ImageBitmap, String> {
    let global = js_sys::global();
    let create: Function = Reflect::get(&global, &"createImageBitmap".into())
        .map_err(error)?
        .dyn_into()
        .map_err(|_| "createImageBitmap".to_string())?;
    let options = Object::new();
    let _ = Reflect::set(&options, &"imageOrientation".into(), &"from-image".into());
    let promise: Promise = create
        .call2(&global, blob, &options)
        .map_err(error)?
        .dyn_into()
        .map_err(|_| "createImageBitmap".to_string())?;
    JsFuture::from(promise)
        .await
        .map_err(error)?
        .dyn_into()
        .map_err(|_| "ImageBitmap".to_string())
}

/// Draws `bitmap` at `width` × `height` and encodes it as JPEG at `quality` (0–1).
pub async fn encode(
    bitmap: &ImageBitmap,
    width: u32,
    height: u32,
    quality: f64,
) -> Result<Blob, String> {
    let global = js_sys::global();
    let offscreen = Reflect::has(&global, &"OffscreenCanvas".into()).unwrap_or(false);
    let canvas: JsValue = if offscreen {
        web_sys::OffscreenCanvas::new(width, height)
            .map_err(error)?
            .into()
    } else {
        let canvas: web_sys::HtmlCanvasElement = leptos::prelude::document()
            .create_element("canvas")
            .map_err(error)?
            .unchecked_into();
        canvas.set_width(width);
        canvas.set_height(height);
        canvas.into()
    };
    let get_context: Function = Reflect::get(&canvas, &"getContext".into())
        .map_err(error)?
        .unchecked_into();
    let context = get_context.call1(&canvas, &"2d".into()).map_err(error)?;
    if context.is_null() || context.is_undefined() {
        return Err("getContext".into());
    }
    let set = |name: &str, value: JsValue| {
        let _ = Reflect::set(&context, &name.into(), &value);
    };
    set("imageSmoothingEnabled", JsValue::TRUE);
    set("imageSmoothingQuality", "high".into());
    set("fillStyle", "#ffffff".into());
    let call = |name: &str, args: &[JsValue]| -> Result<JsValue, String> {
        let f: Function = Reflect::get(&context, &name.into())
            .map_err(error)?
            .unchecked_into();
        f.apply(&context, &args.iter().collect::<js_sys::Array>())
            .map_err(error)
    };
    let (w, h) = (f64::from(width), f64::from(height));
    call("fillRect", &[0.into(), 0.into(), w.into(), h.into()])?;
    call(
        "drawImage",
        &[bitmap.into(), 0.into(), 0.into(), w.into(), h.into()],
    )?;
    let blob = if offscreen {
        let options = Object::new();
        let _ = Reflect::set(&options, &"type".into(), &"image/jpeg".into());
        let _ = Reflect::set(&options, &"quality".into(), &quality.into());
        let convert: Function = Reflect::get(&canvas, &"convertToBlob".into())
            .map_err(error)?
            .unchecked_into();
        let promise: Promise = convert
            .call1(&canvas, &options)
            .map_err(error)?
            .unchecked_into();
        JsFuture::from(promise).await.map_err(error)?
    } else {
        let canvas: web_sys::HtmlCanvasElement = canvas.unchecked_into();
        let promise = Promise::new(&mut |resolve, _reject| {
            let done = Closure::once_into_js(move |blob: JsValue| {
                let _ = resolve.call1(&JsValue::UNDEFINED, &blob);
            });
            let _ = canvas.to_blob_with_type_and_encoder_options(
                done.unchecked_ref(),
                "image/jpeg",
                &quality.into(),
            );
        });
        JsFuture::from(promise).await.map_err(error)?
    };
    blob.dyn_into().map_err(|_| "toBlob".to_string())
}

/// The shown (oriented) size of a decoded picture.
pub fn size(bitmap: &ImageBitmap) -> (u32, u32) {
    (bitmap.width(), bitmap.height())
}

/// Frees a decoded picture's memory at once (a 12-megapixel photo holds about 48 MB).
pub fn close(bitmap: &ImageBitmap) {
    bitmap.close();
}
