//! Thin wrappers over the browser APIs the playground uses: the URL, history, clipboard,
//! timing, the service worker and the panic screen. Every call tolerates a missing API.

use leptos::prelude::{document, window};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// `location.search`.
pub fn search() -> String {
    window().location().search().unwrap_or_default()
}

/// `location.hash`.
pub fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The page address without search and fragment (`origin + pathname`).
pub fn base_url() -> String {
    let loc = window().location();
    format!(
        "{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_else(|_| "/".into())
    )
}

/// Replaces (or pushes) the current history entry's fragment, keeping path and search.
pub fn set_fragment(fragment: &str, push: bool) {
    let url = format!(
        "{}{}#{}",
        window().location().pathname().unwrap_or_default(),
        search(),
        fragment
    );
    if let Ok(history) = window().history() {
        let _ = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}

/// Opens `url` in this tab (a new page load).
pub fn open(url: &str) {
    if let Err(err) = window().location().set_href(url) {
        leptos::logging::warn!("could not open {url}: {err:?}");
    }
}

/// Milliseconds since page load (`performance.now()`).
pub fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Copies `text` to the clipboard; resolves to whether it worked.
pub async fn copy_text(text: &str) -> bool {
    let clipboard = window().navigator().clipboard();
    if !clipboard.is_undefined()
        && wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
            .await
            .is_ok()
    {
        return true;
    }
    copy_with_selection(text)
}

/// Fallback copy through a temporary textarea and `execCommand("copy")`.
fn copy_with_selection(text: &str) -> bool {
    let doc = document();
    let Ok(el) = doc.create_element("textarea") else {
        return false;
    };
    let Ok(area) = el.dyn_into::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    area.set_class_name("sr-only");
    let Some(body) = doc.body() else { return false };
    let _ = body.append_child(&area);
    area.select();
    let ok = doc
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    ok
}

/// Registers the service worker (`sw.js`) once the page has loaded, on http(s) only.
pub fn register_service_worker() {
    let win = window();
    let protocol = win.location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" || !win.is_secure_context() {
        return;
    }
    let navigator = win.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let register = Closure::once_into_js(move || {
        let promise = window().navigator().service_worker().register("sw.js");
        // A failed registration only means no offline support.
        let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
        let _ = promise.catch(&ignore);
        ignore.forget();
    });
    if document().ready_state() == "complete" {
        let _ = js_sys::Function::from(register).call0(&JsValue::NULL);
    } else {
        let _ = win.add_event_listener_with_callback("load", register.unchecked_ref());
    }
}

/// Shows the crash screen. Called from the panic hook, so it only uses the DOM directly.
pub fn show_fatal(message: &str) {
    let doc = document();
    if let Some(el) = doc.get_element_by_id("fatal") {
        el.set_text_content(None);
        let title = doc.create_element("strong").ok();
        if let Some(t) = &title {
            t.set_text_content(Some("The playground stopped because of an internal error."));
            let _ = el.append_child(t);
        }
        if let Ok(p) = doc.create_element("p") {
            p.set_text_content(Some(
                "Your code is still in the address bar, so nothing is lost: copy the link before reloading. \
                 Reload the page to continue, or open the default example.",
            ));
            let _ = el.append_child(&p);
        }
        if let Ok(a) = doc.create_element("a") {
            let _ = a.set_attribute("href", &base_url());
            a.set_text_content(Some("Open the default example"));
            let _ = el.append_child(&a);
        }
        if let Ok(pre) = doc.create_element("pre") {
            pre.set_text_content(Some(message));
            let _ = el.append_child(&pre);
        }
        let _ = el.remove_attribute("hidden");
    }
}

/// Installs the panic hook: the console message plus a visible crash screen.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal(&info.to_string());
    }));
}

/// Whether the viewport is narrow (the tabbed layout).
pub fn is_narrow() -> bool {
    window()
        .match_media("(max-width: 900px)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}
