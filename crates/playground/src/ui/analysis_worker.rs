//! The page's side of the analysis worker (`web/analysis-worker.js`, `crate::worker`).
//!
//! An input of at least [`WORKER_MIN_BYTES`] is analysed in a Web Worker that runs a second
//! instance of the page's own wasm module: the page posts the `WebAssembly.Module` it already
//! compiled (no second download, no second compile), then requests as bytes
//! (`crate::wire`). The worker answers each request twice — the findings first, the settled fixes
//! after — and every answer carries its request's generation, so the store drops an answer older
//! than what it shows. A worker still busy with an outdated request of at least
//! [`RESTART_MIN_BYTES`] is ended and a new one started: that is sooner than waiting for it.
//! When no worker can be had (no `<meta name="actiongate-analysis-worker">`, the constructor or
//! the module fails, a panic in the worker), the page analyses on its main thread, as small
//! inputs always do.

use std::cell::{Cell, RefCell};

use leptos::prelude::document;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::Store;
use crate::wire::{decode_reply, encode_request, Request};

/// Inputs (the active tab's bytes) at least this long are analysed in the worker; smaller ones
/// on the main thread, where the analysis costs less than a round trip to the worker and back
/// (measured in crates/playground/README.md, *Speed of the page*).
pub const WORKER_MIN_BYTES: usize = 24_000;

/// A worker busy with an outdated request at least this long is ended rather than waited for.
const RESTART_MIN_BYTES: usize = 100_000;

/// A running worker.
struct Client {
    worker: web_sys::Worker,
    /// Receives the worker's messages, and its errors (a script that cannot load).
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    /// The generation and size of the request sent last, until its settled answer comes.
    busy_with: Option<(u64, usize)>,
}

impl Drop for Client {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// A worker failed once: the page analyses on its main thread from then on.
    static UNAVAILABLE: Cell<bool> = const { Cell::new(false) };
}

/// Whether an input of `bytes` goes to the worker (it is big and a worker can be had).
pub fn wanted(bytes: usize) -> bool {
    bytes >= WORKER_MIN_BYTES && !UNAVAILABLE.with(Cell::get)
}

/// Sends `request` to the worker, starting one if needed. `false` when no worker can be had:
/// the caller analyses on the main thread.
pub fn send(store: Store, request: &Request) -> bool {
    if UNAVAILABLE.with(Cell::get) {
        return false;
    }
    let size: usize = request
        .files
        .get(request.active)
        .map_or(0, |f| f.code.len());
    let sent = CLIENT.with(|client| {
        let mut client = client.borrow_mut();
        if client
            .as_ref()
            .is_some_and(|c| c.busy_with.is_some_and(|(_, s)| s >= RESTART_MIN_BYTES))
        {
            *client = None;
        }
        if client.is_none() {
            *client = spawn(store);
        }
        let Some(running) = client.as_mut() else {
            return false;
        };
        let bytes = js_sys::Uint8Array::from(encode_request(request).as_slice());
        let transfer = js_sys::Array::of1(&bytes.buffer());
        if running
            .worker
            .post_message_with_transfer(&bytes, &transfer)
            .is_err()
        {
            *client = None;
            return false;
        }
        running.busy_with = Some((request.generation, size));
        true
    });
    if !sent {
        UNAVAILABLE.with(|u| u.set(true));
    }
    sent
}

/// Ends a worker busy with an outdated request (a newer one is analysed on the main thread).
pub fn cancel() {
    CLIENT.with(|client| {
        let mut client = client.borrow_mut();
        if client.as_ref().is_some_and(|c| c.busy_with.is_some()) {
            *client = None;
        }
    });
}

/// Starts a worker on this page's module.
fn spawn(store: Store) -> Option<Client> {
    let url = document()
        .query_selector("meta[name=actiongate-analysis-worker]")
        .ok()
        .flatten()?
        .get_attribute("content")?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(&url, &options).ok()?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            receive(store, event.data())
        });
    // An error event has no `data`: `receive` takes it as the worker failing.
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_message.as_ref().unchecked_ref()));
    worker.post_message(&wasm_bindgen::module()).ok()?;
    Some(Client {
        worker,
        _on_message: on_message,
        busy_with: None,
    })
}

/// A message from the worker: "ready", a failure, or an answer's bytes (anything else, such as
/// an error event's missing data, is the worker failing).
fn receive(store: Store, data: JsValue) {
    if let Some(text) = data.as_string() {
        if text != "ready" {
            fail(store, format!("the analysis worker stopped: {text}"));
        }
        return;
    }
    let Some(bytes) = data.dyn_ref::<js_sys::Uint8Array>() else {
        return fail(store, "the analysis worker could not start".to_owned());
    };
    match decode_reply(&bytes.to_vec()) {
        Ok(reply) => {
            if reply.stage == crate::analysis::Stage::Settled {
                CLIENT.with(|client| {
                    if let Some(c) = client.borrow_mut().as_mut() {
                        if c.busy_with.is_some_and(|(g, _)| g == reply.generation) {
                            c.busy_with = None;
                        }
                    }
                });
            }
            store.on_worker_reply(reply);
        }
        Err(err) => fail(store, err.to_string()),
    }
}

/// The worker failed: end it (after this event), analyse on the main thread from now on.
fn fail(store: Store, why: String) {
    leptos::logging::warn!("{why}; analysing on the page's main thread instead");
    UNAVAILABLE.with(|u| u.set(true));
    // Not inside the worker's own message handler: it is dropped with the client.
    leptos::prelude::set_timeout(
        move || {
            CLIENT.with(|client| client.borrow_mut().take());
            store.analyze_soon(0);
        },
        std::time::Duration::ZERO,
    );
}
