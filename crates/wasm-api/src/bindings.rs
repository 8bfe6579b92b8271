//! The wasm-bindgen exports. Results are plain JavaScript objects (serde-wasm-bindgen with
//! `Serializer::json_compatible()`: objects, arrays, numbers, strings and `null`); mistakes in
//! the arguments are thrown as `TypeError`s and invalid configuration as `Error`s, each saying
//! what to change.

use std::cell::RefCell;
use std::sync::Arc;

use actiongate_analyzer::{Config, LoadedModule, ModuleLoader};
use js_sys::{Array, Function, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::api;

// The result types are written by hand in the npm package's index.d.ts (`npm/`, the folder above
// `pkg/` and `pkg-bundler/`); the generated declarations refer to them.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str =
    r#"import type { AnalyzeOptions, AnalyzeResult, RuleInfo } from "../index";"#;

thread_local! {
    /// The message of the last panic, for the JavaScript side to report after a trap.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs when the module is instantiated: panics are recorded (WebAssembly cannot unwind; the
/// JavaScript wrapper turns the trap into an error carrying this message).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let text = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(text));
    }));
}

/// The message of the last panic (taken: the next call returns `undefined`).
#[wasm_bindgen(js_name = takePanic)]
pub fn take_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

/// Panics with `message`: lets the package's tests check that a crash inside the engine becomes
/// an ordinary error and leaves the module usable. Not part of the API.
#[wasm_bindgen(js_name = __testPanic)]
pub fn test_panic(message: &str) {
    panic!("{message}");
}

/// The version of the engine (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            js_sys::Error::new(&format!("actiongate: cannot build the result: {e}")).into()
        })
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_string()
    } else if Array::is_array(value) {
        "an array".to_string()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// Every rule's metadata, in reporting order.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(&api::rules())
}

/// Checks the text of an `actiongate.toml`; throws an `Error` saying what is wrong.
#[wasm_bindgen(js_name = validateConfig)]
pub fn validate_config(text: &str) -> Result<(), JsValue> {
    api::parse_config(text)
        .map(drop)
        .map_err(|e| js_sys::Error::new(&e).into())
}

/// A module loader backed by a JavaScript function
/// `(importer: string, specifier: string) => { path: string, source: string } | null`.
struct JsLoader {
    function: Function,
}

// SAFETY: `ModuleLoader` asks for `Sync` because the CLI shares its loader between threads. The
// analyzer itself never spawns threads: it calls the loader synchronously on the thread that
// called `analyze_with_loader`, which is the only thread a JavaScript value lives on.
unsafe impl Sync for JsLoader {}

impl ModuleLoader for JsLoader {
    fn load(&self, importer: &str, specifier: &str) -> Option<LoadedModule> {
        let found = self
            .function
            .call2(
                &JsValue::NULL,
                &JsValue::from_str(importer),
                &JsValue::from_str(specifier),
            )
            .ok()?;
        if !found.is_object() {
            return None;
        }
        let path = Reflect::get(&found, &"path".into()).ok()?.as_string()?;
        let source = Reflect::get(&found, &"source".into()).ok()?.as_string()?;
        Some(LoadedModule {
            path,
            source: Arc::from(source),
        })
    }
}

fn loader_of(value: &JsValue, what: &str) -> Result<Option<JsLoader>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .dyn_ref::<Function>()
        .map(|f| {
            Some(JsLoader {
                function: f.clone(),
            })
        })
        .ok_or_else(|| {
            type_error(&format!(
                "{what} must be a function (importer, specifier) => {{ path, source }} | null, got {}",
                type_name(value)
            ))
        })
}

/// The options of `analyze()`.
struct AnalyzeOptions {
    file_name: String,
    config: Config,
    loader: Option<JsLoader>,
}

const OPTION_NAMES: [&str; 3] = ["fileName", "config", "loadModule"];

fn read_options(options: &JsValue) -> Result<AnalyzeOptions, JsValue> {
    let mut out = AnalyzeOptions {
        file_name: api::DEFAULT_FILE_NAME.to_string(),
        config: Config::default(),
        loader: None,
    };
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    if !options.is_object() || Array::is_array(options) || options.is_function() {
        return Err(type_error(&format!(
            "analyze(): options must be an object like {{ fileName: \"app/actions.ts\", config: \"...\" }}, got {}",
            type_name(options)
        )));
    }
    let object: &Object = options.unchecked_ref();
    for key in Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(type_error(&format!(
                "analyze(): unknown option `{key}` (the options are fileName, config and loadModule)"
            )));
        }
    }
    let get = |name: &str| Reflect::get(options, &JsValue::from_str(name)).unwrap_or_default();
    let file_name = get("fileName");
    if !file_name.is_undefined() {
        out.file_name = file_name.as_string().ok_or_else(|| {
            type_error(&format!(
                "analyze(): options.fileName must be a string like \"app/actions.ts\", got {}",
                type_name(&file_name)
            ))
        })?;
    }
    let config = get("config");
    if !config.is_undefined() && !config.is_null() {
        let text = config.as_string().ok_or_else(|| {
            type_error(&format!(
                "analyze(): options.config must be the text of an actiongate.toml (a string), got {}",
                type_name(&config)
            ))
        })?;
        out.config = api::parse_config(&text).map_err(|e| JsValue::from(js_sys::Error::new(&e)))?;
    }
    out.loader = loader_of(&get("loadModule"), "analyze(): options.loadModule")?;
    Ok(out)
}

/// Analyses one file's source text.
///
/// `options.fileName` (default `input.ts`) picks the dialect by its extension;
/// `options.config` is the text of an `actiongate.toml`; `options.loadModule(importer,
/// specifier)` may return `{ path, source }` of the project's own modules so imported helpers
/// are judged by their definitions.
#[wasm_bindgen(unchecked_return_type = "AnalyzeResult")]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(source) = source.as_string() else {
        return Err(type_error(&format!(
            "analyze(): source must be a string (the file's text), got {}",
            type_name(&source)
        )));
    };
    let options = read_options(&options)?;
    let file = api::analyze_source(
        source,
        &options.file_name,
        options.config,
        options.loader.as_ref().map(|l| l as &dyn ModuleLoader),
    );
    to_js(&api::result_of(&file))
}
