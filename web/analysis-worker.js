// The playground's analysis worker: a second instance of the page's own wasm module that
// analyses big inputs off the page's main thread (crates/playground/src/worker.rs does the work,
// src/ui/analysis_worker.rs is the page's side).
//
// The page sends the WebAssembly.Module it has already compiled, so nothing is downloaded or
// compiled again; the Rust `main` sees no window here and mounts nothing. Then each message is a
// request (bytes): its first stage (findings) is answered at once, its settled stage (the fixed
// version) after, unless a newer request arrived meanwhile: only the newest waiting request is
// kept, an older one is dropped unanswered. web/tools/post-build.mjs replaces the glue's name
// below with this build's and names the file by its content hash.
import init, { worker_first_round, worker_settle } from "./__GLUE__";

let ready = null;
let waiting = null;
let running = false;

self.onmessage = (event) => {
  const data = event.data;
  if (data instanceof WebAssembly.Module) {
    ready = init({ module_or_path: data });
    ready.then(() => self.postMessage("ready"), (err) => fail(err));
    return;
  }
  if (!(data instanceof Uint8Array)) return;
  waiting = data;
  if (!running) run();
};

// Lets the messages that arrived meanwhile be delivered (they are tasks queued before this one).
const yieldToMessages = () => new Promise((resolve) => setTimeout(resolve, 0));

function send(bytes) {
  if (bytes.length) self.postMessage(bytes, [bytes.buffer]);
  else self.postMessage("unreadable");
}

function fail(err) {
  self.postMessage(`failed: ${err && err.message ? err.message : err}`);
}

async function run() {
  running = true;
  try {
    if (!ready) throw new Error("a request came before the module");
    await ready;
    while (waiting) {
      const request = waiting;
      waiting = null;
      send(worker_first_round(request));
      await yieldToMessages();
      if (waiting) continue;
      const settled = worker_settle();
      if (settled.length) self.postMessage(settled, [settled.buffer]);
    }
  } catch (err) {
    // A panic aborts the instance: the page ends this worker and analyses on its main thread.
    fail(err);
  } finally {
    running = false;
  }
}
