//! The npm package's `actiongate` command: `actiongate_check::command` — the Rust CLI's own
//! command line — run on a [`Host`] whose files, folders and streams are Node's, reached through
//! a JavaScript object (`npm/lib/host.js`).

use std::io;
use std::path::{Path, PathBuf};

use actiongate_check::command::{self, DirEntry, EntryKind, Host, Stream};
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The JavaScript side of the host (`npm/lib/host.js`): each method does one file-system or
    /// stream operation and throws `{ code, message }` when it fails.
    pub type JsHost;

    #[wasm_bindgen(method, catch)]
    fn cwd(this: &JsHost) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn kind(this: &JsHost, path: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = readDir)]
    fn read_dir(this: &JsHost, path: &str) -> Result<Array, JsValue>;
    #[wasm_bindgen(method, catch, js_name = fileSize)]
    fn file_size(this: &JsHost, path: &str) -> Result<f64, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn read(this: &JsHost, path: &str) -> Result<Uint8Array, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn canonicalize(this: &JsHost, path: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn write(this: &JsHost, path: &str, text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = readStdin)]
    fn read_stdin(this: &JsHost, limit: f64) -> Result<Uint8Array, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn print(this: &JsHost, stream: u8, text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, js_name = isTerminal)]
    fn is_terminal(this: &JsHost, stream: u8) -> bool;
    #[wasm_bindgen(method, js_name = envVar)]
    fn env_var(this: &JsHost, name: &str) -> Option<String>;
    #[wasm_bindgen(method)]
    fn analysing(this: &JsHost, path: Option<String>);
    #[wasm_bindgen(method, js_name = knownCrashes)]
    fn known_crashes(this: &JsHost) -> Array;
}

/// Runs the `actiongate` command line `args` (without the program's name) on Node through
/// `host`; returns the exit status. A panic traps: the JavaScript side then knows the file from
/// `host.analysing` and runs the command again with that file in `host.knownCrashes()`.
#[wasm_bindgen(js_name = runCli)]
pub fn run_cli(args: Vec<String>, host: JsHost) -> u8 {
    let args = std::iter::once("actiongate".to_string()).chain(args);
    command::main(args, &NodeHost(host))
}

/// [`Host`] over the JavaScript object.
struct NodeHost(JsHost);

// SAFETY: `Host` asks for `Sync` because the native CLI shares it between its worker threads.
// This build is `wasm32-unknown-unknown` without threads: `NodeHost` only ever lives on the one
// thread that called `runCli`, and its default `analyse_all` runs the analyses one by one there.
unsafe impl Sync for NodeHost {}

/// The `std::io::Error` for what the JavaScript side threw (`{ code, message }`, or an Error).
fn io_error(thrown: JsValue) -> io::Error {
    let field = |name: &str| {
        Reflect::get(&thrown, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    let kind = match field("code").as_deref() {
        Some("ENOENT") => io::ErrorKind::NotFound,
        Some("EACCES" | "EPERM") => io::ErrorKind::PermissionDenied,
        Some("EPIPE") => io::ErrorKind::BrokenPipe,
        Some("EISDIR") => io::ErrorKind::IsADirectory,
        Some("ENOTDIR") => io::ErrorKind::NotADirectory,
        _ => io::ErrorKind::Other,
    };
    let message = field("message")
        .or_else(|| thrown.as_string())
        .unwrap_or_else(|| "unknown error".to_string());
    io::Error::new(kind, message)
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn entry_kind(text: &str) -> EntryKind {
    match text {
        "file" => EntryKind::File,
        "dir" => EntryKind::Dir,
        _ => EntryKind::Other,
    }
}

fn stream_number(stream: Stream) -> u8 {
    match stream {
        Stream::Stdout => 1,
        Stream::Stderr => 2,
    }
}

impl Host for NodeHost {
    fn cwd(&self) -> io::Result<PathBuf> {
        self.0.cwd().map(PathBuf::from).map_err(io_error)
    }

    fn kind(&self, path: &Path) -> io::Result<EntryKind> {
        self.0
            .kind(&path_text(path))
            .map(|k| entry_kind(&k))
            .map_err(io_error)
    }

    fn read_dir(&self, dir: &Path) -> io::Result<Vec<DirEntry>> {
        let entries = self.0.read_dir(&path_text(dir)).map_err(io_error)?;
        Ok(entries
            .iter()
            .filter_map(|pair| {
                let pair: Array = pair.dyn_into().ok()?;
                Some(DirEntry {
                    name: pair.get(0).as_string()?,
                    kind: entry_kind(&pair.get(1).as_string()?),
                })
            })
            .collect())
    }

    fn file_size(&self, path: &Path) -> io::Result<u64> {
        self.0
            .file_size(&path_text(path))
            .map(|size| size as u64)
            .map_err(io_error)
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.0
            .read(&path_text(path))
            .map(|bytes| bytes.to_vec())
            .map_err(io_error)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        self.0
            .canonicalize(&path_text(path))
            .map(PathBuf::from)
            .map_err(io_error)
    }

    fn write(&self, path: &Path, text: &str) -> io::Result<()> {
        self.0.write(&path_text(path), text).map_err(io_error)
    }

    fn read_stdin(&self, limit: u64) -> io::Result<Vec<u8>> {
        self.0
            .read_stdin(limit as f64)
            .map(|bytes| bytes.to_vec())
            .map_err(io_error)
    }

    fn print(&self, stream: Stream, text: &str) -> io::Result<()> {
        self.0.print(stream_number(stream), text).map_err(io_error)
    }

    fn is_terminal(&self, stream: Stream) -> bool {
        self.0.is_terminal(stream_number(stream))
    }

    fn env_var(&self, name: &str) -> Option<String> {
        self.0.env_var(name)
    }

    fn analysing(&self, path: Option<&Path>) {
        self.0.analysing(path.map(path_text));
    }

    fn known_crashes(&self) -> Vec<(PathBuf, String)> {
        self.0
            .known_crashes()
            .iter()
            .filter_map(|pair| {
                let pair: Array = pair.dyn_into().ok()?;
                Some((
                    PathBuf::from(pair.get(0).as_string()?),
                    pair.get(1).as_string()?,
                ))
            })
            .collect()
    }
}
