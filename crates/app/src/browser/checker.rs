//! The file checker's pool: received exchange files are read and verified in Web Workers
//! (the `duty-ledger-worker` binary, `crates/worker`), several at once, so the page stays
//! responsive. The workers start when an import first needs them and stop when the batch is
//! done; the service worker precaches their files with the rest of the build, so this works
//! offline after the first visit. When no worker can start (offline before the files were
//! ever cached), every job says so ([`Unavailable`]) and the page says so in words.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, MessageEvent, Worker};

use crate::exchange::transfer::Worded;
use crate::foundation::digest::Digest;

/// The loader Trunk writes for the worker binary (`data-loader-shim`): it loads the
/// wasm-bindgen glue and the wasm beside it. Worker files keep their names (no hash).
pub const WORKER_SCRIPT: &str = "./duty-ledger-worker_loader.js";
/// How long a worker may take to start before it is given up (its files compile first;
/// a slow tablet takes a few seconds).
const START_TIMEOUT_MS: i32 = 30_000;

/// One file to check.
pub struct Job {
    pub name: String,
    pub bytes: ArrayBuffer,
    pub now_ms: i64,
    /// The text of the plan file in use, `None` for the built-in plan.
    pub plan: Option<String>,
}

/// What the checker found: the file read (its [`crate::exchange::transfer`] text) or the
/// refusal in words, and the verified attached files it carries.
pub struct Checked {
    pub outcome: Result<String, Worded>,
    pub files: Vec<(Digest, Blob)>,
}

/// No worker could start (or one stopped answering): the file was not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

/// How many workers check at once: min(4, cores − 1), at least one.
pub fn pool_size() -> usize {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(2.0) as usize;
    cores.saturating_sub(1).clamp(1, 4)
}

/// A promise of the worker's next message (rejected on its error event), with the handlers
/// set before anything is posted.
fn next_message(worker: &Worker) -> Promise {
    Promise::new(&mut |resolve, reject| {
        let on_message = Closure::once_into_js(move |event: MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &event.data());
        });
        let on_error = Closure::once_into_js(move |event: JsValue| {
            let _ = reject.call1(&JsValue::NULL, &event);
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        worker.set_onerror(Some(on_error.unchecked_ref()));
    })
}

/// A promise rejected after `ms`.
fn deadline(ms: i32) -> Promise {
    Promise::new(&mut |_, reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&reject, ms);
        }
    })
}

/// A worker that said it is ready, or `None`.
async fn start() -> Option<Worker> {
    let worker = Worker::new(WORKER_SCRIPT).ok()?;
    let ready = next_message(&worker);
    let raced = Promise::race(&Array::of2(&ready, &deadline(START_TIMEOUT_MS)));
    match JsFuture::from(raced).await {
        Ok(message) if message.as_string().as_deref() == Some("ready") => Some(worker),
        _ => {
            worker.terminate();
            None
        }
    }
}

fn member(data: &JsValue, name: &str) -> JsValue {
    Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// One job on one worker.
async fn run(worker: &Worker, job: Job) -> Result<Checked, Unavailable> {
    let message = Object::new();
    let set = |name: &str, value: &JsValue| {
        let _ = Reflect::set(&message, &JsValue::from_str(name), value);
    };
    set("bytes", &job.bytes);
    set("name", &JsValue::from_str(&job.name));
    set("now", &JsValue::from_f64(job.now_ms as f64));
    set(
        "plan",
        &job.plan.as_deref().map_or(JsValue::NULL, JsValue::from_str),
    );
    let answer = next_message(worker);
    worker
        .post_message_with_transfer(&message, &Array::of1(&job.bytes))
        .map_err(|_| Unavailable)?;
    let data = JsFuture::from(answer).await.map_err(|_| Unavailable)?;
    let ok = member(&data, "ok");
    if ok.is_undefined() {
        return Ok(Checked {
            outcome: Err(Worded {
                zh: member(&data, "zh").as_string().unwrap_or_default(),
                en: member(&data, "en").as_string().unwrap_or_default(),
            }),
            files: Vec::new(),
        });
    }
    let text = String::from_utf8(Uint8Array::new(&ok).to_vec()).map_err(|_| Unavailable)?;
    let files = Array::from(&member(&data, "files"))
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            let hash = Digest::parse(&pair.get(0).as_string()?)?;
            Some((hash, pair.get(1).dyn_into::<Blob>().ok()?))
        })
        .collect();
    Ok(Checked {
        outcome: Ok(text),
        files,
    })
}

/// One worker taking jobs from the shared queue until it is empty.
async fn lane(
    queue: Rc<RefCell<VecDeque<(usize, Job)>>>,
    done: Rc<dyn Fn(usize, Result<Checked, Unavailable>)>,
) {
    let Some(worker) = start().await else { return };
    loop {
        let next = queue.borrow_mut().pop_front();
        let Some((index, job)) = next else { break };
        let result = run(&worker, job).await;
        let failed = result.is_err();
        done(index, result);
        if failed {
            break;
        }
    }
    worker.terminate();
}

/// Checks every job on a pool of [`pool_size`] workers; `done` hears of each job (by its
/// position) as it finishes, in the order they finish. Jobs no worker could take are
/// reported [`Unavailable`].
pub async fn check_all(jobs: Vec<Job>, done: Rc<dyn Fn(usize, Result<Checked, Unavailable>)>) {
    let lanes = pool_size().min(jobs.len()).max(1);
    let queue = Rc::new(RefCell::new(
        jobs.into_iter().enumerate().collect::<VecDeque<_>>(),
    ));
    let running: Vec<_> = (0..lanes)
        .map(|_| lane(queue.clone(), done.clone()))
        .collect();
    futures::future::join_all(running).await;
    let left: Vec<usize> = queue.borrow_mut().drain(..).map(|(i, _)| i).collect();
    for index in left {
        done(index, Err(Unavailable));
    }
}
