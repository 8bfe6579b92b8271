//! The analysis worker's side: a second instance of the page's wasm module, started by
//! `web/analysis-worker.js` in a Web Worker, analyses big inputs off the page's main thread.
//!
//! A request is answered in two stages: [`first_round`] (the findings, before the fixes settle)
//! and then, unless a newer request is already waiting (the script checks between the two),
//! [`settle`] (the whole analysis, for the fixed pane). Both take and return bytes of
//! [`crate::wire`]; an unreadable request gets an empty answer, which the page takes as "analyse
//! on the main thread instead".

use std::cell::RefCell;

use crate::analysis::{Job, Stage};
use crate::wire::{decode_request, encode_reply, Reply, Request};

thread_local! {
    /// The request whose first round was answered last: what [`settle`] finishes.
    static PENDING: RefCell<Option<Request>> = const { RefCell::new(None) };
}

/// Answers a request with its first stage (the findings and the other tabs), keeping it for
/// [`settle`]. Empty for bytes that are not a request.
pub fn first_round(request: &[u8]) -> Vec<u8> {
    let Ok(request) = decode_request(request) else {
        PENDING.with(|p| p.take());
        return Vec::new();
    };
    let reply = answer(&request, Stage::First);
    PENDING.with(|p| *p.borrow_mut() = Some(request));
    reply
}

/// The settled stage of the request answered last by [`first_round`]; empty when there is none
/// (it was settled already).
pub fn settle() -> Vec<u8> {
    match PENDING.with(|p| p.take()) {
        Some(request) => answer(&request, Stage::Settled),
        None => Vec::new(),
    }
}

fn answer(request: &Request, stage: Stage) -> Vec<u8> {
    let job = Job {
        files: &request.files,
        active: request.active,
        folder: None,
    };
    // The other tabs are listed with the first stage; the settled one changes only the fixes.
    let (report, others) = job.run(stage, stage == Stage::First);
    encode_reply(&Reply {
        generation: request.generation,
        stage,
        report,
        others,
    })
}

/// The exports `web/analysis-worker.js` calls.
#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::wasm_bindgen;

    /// [`super::first_round`] for the worker script.
    #[wasm_bindgen]
    pub fn worker_first_round(request: &[u8]) -> Vec<u8> {
        super::first_round(request)
    }

    /// [`super::settle`] for the worker script.
    #[wasm_bindgen]
    pub fn worker_settle() -> Vec<u8> {
        super::settle()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{decode_reply, encode_request};
    use actiongate_analyzer::{analyze, Options};
    use actiongate_permalink::ProjectFile;

    #[test]
    fn a_request_is_answered_first_round_then_settled() {
        let example = &crate::examples::EXAMPLES[0];
        let request = Request {
            generation: 42,
            files: vec![ProjectFile {
                name: example.file_name.to_owned(),
                code: example.code.to_owned(),
            }],
            active: 0,
        };
        let first = decode_reply(&first_round(&encode_request(&request))).unwrap();
        assert_eq!((first.generation, first.stage), (42, Stage::First));
        let settled = decode_reply(&settle()).unwrap();
        assert_eq!((settled.generation, settled.stage), (42, Stage::Settled));
        assert_eq!(
            settled.report,
            analyze(example.code, &Options::new(example.file_name))
        );
        assert_eq!(first.report.findings.len(), settled.report.findings.len());
        // Settled once: nothing more to settle.
        assert!(settle().is_empty());
    }

    #[test]
    fn unreadable_requests_get_an_empty_answer() {
        assert!(first_round(b"not a request").is_empty());
        assert!(settle().is_empty());
    }
}
