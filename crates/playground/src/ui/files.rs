//! Reading a folder the user gave the page: the files of a directory picker
//! (`<input webkitdirectory>`) or of a dropped folder (the `webkitGetAsEntry` tree), and their
//! bytes. Everything stays in this tab; nothing is uploaded.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// One file of the folder: its path inside the folder (without the folder's own name) and the
/// browser's handle to read it.
pub struct PickedFile {
    /// `app/actions.ts`.
    pub path: String,
    /// The file, not yet read (`None` for files the check never reads).
    pub file: Option<web_sys::File>,
}

/// The folder's name and files from a directory picker's file list.
pub fn from_file_list(list: &web_sys::FileList) -> (String, Vec<PickedFile>) {
    let mut name = String::new();
    let mut files = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.item(i) else { continue };
        let relative = Reflect::get(&file, &JsValue::from_str("webkitRelativePath"))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| file.name());
        if name.is_empty() {
            name = relative.split('/').next().unwrap_or_default().to_owned();
        }
        files.push(PickedFile {
            path: crate::folder::strip_folder_name(&relative).to_owned(),
            file: Some(file),
        });
    }
    (name, files)
}

/// The folder's name and files from a drop, walking the dropped folder's tree. `None` when no
/// folder was dropped (files alone are not a project).
pub async fn from_drop(transfer: &web_sys::DataTransfer) -> Option<(String, Vec<PickedFile>)> {
    let items = transfer.items();
    let mut root = None;
    for i in 0..items.length() {
        if let Some(entry) = items
            .get(i)
            .and_then(|item| item.webkit_get_as_entry().ok().flatten())
        {
            if entry.is_directory() {
                root = Some(entry);
                break;
            }
        }
    }
    let root = root?;
    let name = root.name();
    let mut files = Vec::new();
    // Depth-first over folders; each folder's reader hands out entries in batches.
    let mut pending: Vec<(String, JsValue)> = vec![(String::new(), root.into())];
    while let Some((prefix, dir)) = pending.pop() {
        let Ok(reader) = call0(&dir, "createReader") else {
            continue;
        };
        loop {
            let Ok(batch) = callback_promise(&reader, "readEntries").await else {
                break;
            };
            let batch: Array = batch.unchecked_into();
            if batch.length() == 0 {
                break;
            }
            for entry in batch.iter() {
                // Chromium does not expose the entry interfaces as globals, so an `instanceof`
                // check (`dyn_into`) would refuse every real entry: check the shape instead.
                if !entry.is_object()
                    || !Reflect::has(&entry, &"isDirectory".into()).unwrap_or(false)
                {
                    continue;
                }
                let entry: web_sys::FileSystemEntry = entry.unchecked_into();
                let path = format!("{prefix}{}", entry.name());
                if entry.is_directory() {
                    pending.push((format!("{path}/"), entry.into()));
                } else if crate::folder::wanted(&path) {
                    // Only the files the check may use are opened at all.
                    if let Ok(file) = callback_promise(&entry, "file").await {
                        if let Ok(file) = file.dyn_into::<web_sys::File>() {
                            files.push(PickedFile {
                                path,
                                file: Some(file),
                            });
                        }
                    }
                } else {
                    files.push(PickedFile { path, file: None });
                }
            }
        }
    }
    Some((name, files))
}

/// The bytes of several files at once (one wait for the whole batch instead of one per file);
/// `None` when one of them could not be read (then read them one by one to know which).
pub async fn read_batch(files: &[&web_sys::File]) -> Option<Vec<Vec<u8>>> {
    let promises: Array = files
        .iter()
        .map(|f| JsValue::from(f.array_buffer()))
        .collect();
    let buffers: Array = JsFuture::from(Promise::all(&promises))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    Some(
        buffers
            .iter()
            .map(|buffer| Uint8Array::new(&buffer).to_vec())
            .collect(),
    )
}

/// The bytes of a file.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(describe)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// `object.method()`.
fn call0(object: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(object, &JsValue::from_str(method))?.dyn_into()?;
    f.call0(object)
}

/// `object.method(resolve, reject)` as a future (the old callback APIs of the entries).
async fn callback_promise(object: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(object, &JsValue::from_str(method))?.dyn_into()?;
    let object = object.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        if let Err(err) = f.call2(&object, &resolve, &reject) {
            let _ = reject.call1(&JsValue::NULL, &err);
        }
    });
    JsFuture::from(promise).await
}

/// A JavaScript error as text.
fn describe(err: JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "the browser could not read it".to_owned())
}

/// Offers `text` as a download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = leptos::prelude::document();
    if let Ok(link) = document.create_element("a") {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", name);
        if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
            link.click();
        }
    }
    // The download has started by the time this runs; then the blob can go.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
}
