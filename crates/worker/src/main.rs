//! The file checker: a Web Worker (Trunk `data-type="worker"`) that reads received exchange
//! files beside the page, so the page stays responsive while several files are checked at
//! once (a small pool, `crates/app/src/browser/checker.rs`).
//!
//! The protocol, one job at a time per worker:
//! - on start the worker posts the string `"ready"`;
//! - the page posts `{ bytes: ArrayBuffer (transferred), name, now, plan }`: the file's
//!   bytes, its name (for the refusal's words), this device's clock (UTC ms) and the text of
//!   the plan file in use (`null` for the built-in plan; installed once per worker);
//! - the worker answers `{ ok: Uint8Array (its buffer transferred), files: [[sha256 hex, Blob]] }`
//!   with `exchange::transfer::encode` of the file read and verified by
//!   `exchange::read_with` and each verified attached file as a Blob, or `{ zh, en }`: the
//!   refusal in both languages.
//!
//! It decides nothing itself: every rule is the core's.

use std::cell::Cell;

use duty_ledger::exchange::{plan_file, read_with, transfer};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    /// Whether the page's plan is installed on this worker.
    static PLAN_SET: Cell<bool> = const { Cell::new(false) };
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let (reply, transfer) = answer(&event.data());
        let _ = scope.post_message_with_transfer(&reply, &transfer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

fn member(data: &JsValue, name: &str) -> JsValue {
    Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn set(object: &Object, name: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(name), value);
}

/// The plan the page uses, put in use here once.
fn install_plan(text: Option<String>) {
    if PLAN_SET.with(Cell::get) {
        return;
    }
    if let Some(text) = text
        && let Ok((_, plan)) = plan_file::read(text.as_bytes())
    {
        duty_ledger::plan::install(plan);
    }
    PLAN_SET.with(|s| s.set(true));
}

/// The reply to one job and the buffers it transfers.
fn answer(data: &JsValue) -> (Object, Array) {
    install_plan(member(data, "plan").as_string());
    let bytes = Uint8Array::new(&member(data, "bytes")).to_vec();
    let name = member(data, "name").as_string().unwrap_or_default();
    let now = member(data, "now").as_f64().unwrap_or(0.0) as i64;
    let files = Array::new();
    let read = read_with(&bytes, now, |hash, data| {
        let options = BlobPropertyBag::new();
        options.set_type("application/octet-stream");
        let array = Uint8Array::from(data);
        if let Ok(blob) =
            Blob::new_with_u8_array_sequence_and_options(&Array::of1(&array), &options)
        {
            files.push(&Array::of2(&JsValue::from_str(&hash.to_hex()), &blob));
        }
    });
    drop(bytes);
    let reply = Object::new();
    let transfer = Array::new();
    match read {
        Ok(file) => {
            let text = transfer::encode(&file);
            drop(file);
            let out = Uint8Array::from(text.as_bytes());
            transfer.push(&out.buffer());
            set(&reply, "ok", &out);
            set(&reply, "files", &files);
        }
        Err(error) => {
            let worded = transfer::Worded::of(&name, &error);
            set(&reply, "zh", &JsValue::from_str(&worded.zh));
            set(&reply, "en", &JsValue::from_str(&worded.en));
        }
    }
    (reply, transfer)
}
