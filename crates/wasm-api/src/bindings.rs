//! The wasm-bindgen exports. Results are plain JavaScript objects (serde-wasm-bindgen with
//! `Serializer::json_compatible()`: objects, arrays, numbers, strings and `null`); mistakes in
//! the arguments are thrown as `TypeError`s and invalid configuration as `Error`s, each saying
//! what to change.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use actiongate_analyzer::{Config, LoadedModule, ModuleLoader, Severity};
use js_sys::{Array, Function, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use actiongate_check::{FileProblem, FileResult, Format, ReadProblem, Run, MAX_FILE_SIZE};

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

/// One `actiongate check` run (used by the package's `actiongate` command; see `bin/`).
#[wasm_bindgen]
pub struct CheckRun {
    run: RefCell<Run>,
    /// Configuration text → parsed configuration.
    configs: RefCell<HashMap<String, Arc<Config>>>,
}

impl Default for CheckRun {
    fn default() -> Self {
        CheckRun::new()
    }
}

#[wasm_bindgen]
impl CheckRun {
    /// An empty run.
    #[wasm_bindgen(constructor)]
    pub fn new() -> CheckRun {
        CheckRun {
            run: RefCell::new(Run::new()),
            configs: RefCell::new(HashMap::new()),
        }
    }

    fn config(&self, text: Option<String>) -> Result<Arc<Config>, JsValue> {
        let Some(text) = text else {
            return Ok(Arc::default());
        };
        if let Some(known) = self.configs.borrow().get(&text) {
            return Ok(known.clone());
        }
        let config =
            Arc::new(api::parse_config(&text).map_err(|e| JsValue::from(js_sys::Error::new(&e)))?);
        self.configs.borrow_mut().insert(text, config.clone());
        Ok(config)
    }

    /// Adds and analyses one input. `bytes` are the file's contents (checked like the CLI
    /// does: binary, UTF-8); `path` is where `--fix` writes (`undefined` for standard input);
    /// `analysis_path` is the absolute path the analyzer and the loader see; `config` is the
    /// applicable `actiongate.toml` text; `load_module` resolves the project's imports (only
    /// for files inside a project).
    #[wasm_bindgen(js_name = addFile)]
    pub fn add_file(
        &self,
        display: String,
        path: Option<String>,
        analysis_path: String,
        bytes: Vec<u8>,
        config: Option<String>,
        load_module: JsValue,
    ) -> Result<(), JsValue> {
        let config = self.config(config)?;
        let loader = loader_of(&load_module, "addFile(): loadModule")?;
        let result = FileResult::new(
            display,
            path.map(Into::into),
            analysis_path.into(),
            actiongate_check::decode(bytes).map_err(FileProblem::from),
            config,
            loader.as_ref().map(|l| l as &dyn ModuleLoader),
        );
        self.run.borrow_mut().push(result);
        Ok(())
    }

    /// Adds an input that could not be read at all (`fatal`: an I/O error, exit status 2) or
    /// was refused (e.g. too large).
    #[wasm_bindgen(js_name = addUnreadable)]
    pub fn add_unreadable(
        &self,
        display: String,
        path: Option<String>,
        analysis_path: String,
        message: String,
        fatal: bool,
    ) {
        let result = FileResult::new(
            display,
            path.map(Into::into),
            analysis_path.into(),
            Err(FileProblem { message, fatal }),
            Arc::default(),
            None,
        );
        self.run.borrow_mut().push(result);
    }

    /// Adds an input whose analysis crashed (the JavaScript side caught the trap).
    #[wasm_bindgen(js_name = addCrashed)]
    pub fn add_crashed(
        &self,
        display: String,
        path: Option<String>,
        analysis_path: String,
        detail: String,
    ) {
        self.add_unreadable(
            display,
            path,
            analysis_path,
            FileProblem::internal_error(&detail).message,
            true,
        );
    }

    /// The problem for a file of `size` bytes, over the limit.
    #[wasm_bindgen(js_name = tooLargeMessage)]
    pub fn too_large_message(size: f64) -> String {
        ReadProblem::TooLarge { size: size as u64 }.to_string()
    }

    /// The largest file checked, in bytes.
    #[wasm_bindgen(js_name = maxFileSize)]
    pub fn max_file_size() -> f64 {
        MAX_FILE_SIZE as f64
    }

    /// How many inputs were added.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.run.borrow().results.len()
    }

    /// The fixed text of input `index`, when fixes change it.
    #[wasm_bindgen(js_name = fixedSource)]
    pub fn fixed_source(&self, index: usize) -> Option<String> {
        self.run.borrow().fixed_source(index).map(str::to_string)
    }

    /// Where input `index` is written by `--fix` (`undefined` for standard input).
    #[wasm_bindgen(js_name = pathOf)]
    pub fn path_of(&self, index: usize) -> Option<String> {
        let run = self.run.borrow();
        let path = run.results.get(index)?.path.as_ref()?;
        Some(path.to_string_lossy().into_owned())
    }

    /// Records that the fixed text of input `index` could not be written.
    #[wasm_bindgen(js_name = writeFailed)]
    pub fn write_failed(&self, index: usize, message: String) {
        self.run.borrow_mut().add_problem(
            index,
            FileProblem {
                message: format!("cannot write the fixed file: {message} (check its permissions)"),
                fatal: true,
            },
        );
    }

    /// Re-analyses input `index` from its fixed text (after `--fix` wrote it).
    pub fn reanalyse(&self, index: usize, load_module: JsValue) -> Result<(), JsValue> {
        let loader = loader_of(&load_module, "reanalyse(): loadModule")?;
        let again = self
            .run
            .borrow()
            .reanalyse(index, loader.as_ref().map(|l| l as &dyn ModuleLoader));
        if let Some(again) = again {
            self.run.borrow_mut().replace(index, again);
        }
        Ok(())
    }

    /// Records that re-analysing input `index` crashed.
    #[wasm_bindgen(js_name = reanalyseCrashed)]
    pub fn reanalyse_crashed(&self, index: usize, detail: String) {
        self.run
            .borrow_mut()
            .add_problem(index, FileProblem::internal_error(&detail));
    }

    /// The report in `format` (`pretty`, `json`, `sarif`, `github` or `compact`).
    pub fn render(&self, format: &str, color: bool) -> Result<String, JsValue> {
        let format = Format::parse(format).ok_or_else(|| {
            type_error(&format!(
                "unknown format `{format}` (expected one of {})",
                Format::NAMES.join(", ")
            ))
        })?;
        Ok(self.run.borrow().render(format, color))
    }

    /// `--diff`: the unified diff of the fixes.
    pub fn diff(&self) -> String {
        self.run.borrow().diff()
    }

    /// `--diff`: what goes to standard error.
    #[wasm_bindgen(js_name = diffStderr)]
    pub fn diff_stderr(&self) -> String {
        self.run.borrow().diff_stderr()
    }

    /// The exit status for `--fail-on` (`low`, `medium` or `high`).
    #[wasm_bindgen(js_name = exitCode)]
    pub fn exit_code(&self, fail_on: &str, io_failed: bool) -> Result<u8, JsValue> {
        let severity = Severity::parse(fail_on).ok_or_else(|| {
            type_error(&format!(
                "unknown severity `{fail_on}` (expected low, medium or high)"
            ))
        })?;
        Ok(self.run.borrow().exit_code(severity, io_failed))
    }
}
