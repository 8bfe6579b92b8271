//! Dialogs and bars: the examples gallery, the embed snippet and the share confirmation.

use leptos::html;
use leptos::prelude::*;

use super::{browser, Store};
use crate::examples::{Group, EXAMPLES};
use crate::state::{embed_height, iframe_snippet, EmbedOptions, Theme};

/// The examples gallery (a modal `<dialog>`).
#[component]
pub fn Gallery(store: Store, dialog: NodeRef<html::Dialog>) -> impl IntoView {
    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let group = move |g: Group| {
        view! {
            <section class="gallery-group" aria-labelledby=format!("group-{g:?}")>
                <h3 id=format!("group-{g:?}")>{g.title()}</h3>
                <ul class="cards">
                    {EXAMPLES.iter().filter(|e| e.group == g).map(|e| {
                        let rules = if e.expect.is_empty() { "no findings".to_owned() } else {
                            let mut r: Vec<&str> = e.expect.to_vec();
                            r.dedup();
                            r.join(" · ")
                        };
                        view! {
                            <li>
                                <button type="button" class="card" data-example=e.id on:click=move |_| {
                                    store.load_example(e);
                                    close();
                                }>
                                    <span class="card-top">
                                        <span class=format!("variant variant-{}", e.variant.label())>{e.variant.label()}</span>
                                        <span class="tags">{e.tags}</span>
                                    </span>
                                    <span class="card-title">{e.title}</span>
                                    <span class="lesson">{e.lesson}</span>
                                    <span class="expect">{rules}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    };
    view! {
        <dialog class="dialog gallery" node_ref=dialog aria-labelledby="gallery-title">
            <header class="dialog-head">
                <h2 id="gallery-title">"Examples"</h2>
                <p>"Every example from the articles the rules come from, and one per auth library and ORM. Pick one to load it — Back returns to your code."</p>
                <button type="button" class="ghost close" aria-label="Close examples" on:click=move |_| close()>"×"</button>
            </header>
            <div class="dialog-body">
                {group(Group::Article)}
                {group(Group::Library)}
                {group(Group::Project)}
            </div>
        </dialog>
    }
}

/// The embed dialog: the iframe snippet for a blog post.
#[component]
pub fn EmbedDialog(
    store: Store,
    dialog: NodeRef<html::Dialog>,
    opened: RwSignal<u64>,
) -> impl IntoView {
    let snippet = RwSignal::new(String::new());
    let link = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let options = RwSignal::new(EmbedOptions::default());
    // Fill the snippet whenever the dialog opens or an option changes; the frame is as tall as
    // the code (within bounds).
    let refresh = move || match store.link(true) {
        Some(url) => {
            let url = url.replacen(
                "?embed#",
                &format!("?embed{}#", options.get_untracked().query()),
                1,
            );
            let lines = store.code.with_untracked(|c| c.lines().count());
            let findings = store
                .analysis
                .with_untracked(|a| a.as_ref().map_or(0, |a| a.report.findings.len()));
            snippet.set(iframe_snippet(
                &url,
                &store.file_name.get_untracked(),
                embed_height(lines, findings),
            ));
            link.set(url);
            error.set(None);
        }
        None => error.set(Some(
            "The code is larger than 1 MB, so it can't be embedded as a link.".to_owned(),
        )),
    };
    Effect::new(move |_| {
        options.track();
        if opened.get() > 0 {
            refresh();
        }
    });
    let set_theme = move |value: String| {
        let theme = match value.as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        };
        options.update(|o| o.theme = theme);
    };
    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let copy = move |_| {
        let text = snippet.get_untracked();
        leptos::task::spawn_local(async move {
            if browser::copy_text(&text).await {
                copied.set(true);
                set_timeout(
                    move || copied.set(false),
                    std::time::Duration::from_millis(1500),
                );
            }
        });
    };
    view! {
        <dialog class="dialog embed-dialog" node_ref=dialog aria-labelledby="embed-title">
            <header class="dialog-head">
                <h2 id="embed-title">"Embed in a blog post"</h2>
                <p>"Paste this into your post: readers get the code with its findings, the fix tab and a link back here. The code travels inside the link; nothing is uploaded."</p>
                <button type="button" class="ghost close" aria-label="Close embed" on:click=move |_| close()>"×"</button>
            </header>
            <div class="dialog-body">
                <Show when=move || error.with(|e| e.is_some())>
                    <p class="field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
                </Show>
                <div class="embed-options">
                    <label for="embed-theme">"Colours"</label>
                    <select id="embed-theme" data-testid="embed-theme" on:change=move |ev| set_theme(event_target_value(&ev))>
                        <option value="auto">"Follow the reader"</option>
                        <option value="light">"Light"</option>
                        <option value="dark">"Dark"</option>
                    </select>
                    <label for="embed-tab">"Opens on"</label>
                    <select id="embed-tab" data-testid="embed-tab"
                        on:change=move |ev| { let fix = event_target_value(&ev) == "fix"; options.update(|o| o.open_fix = fix); }>
                        <option value="code">"Code"</option>
                        <option value="fix">"Fix"</option>
                    </select>
                </div>
                <label for="embed-snippet" class="label">"iframe snippet"</label>
                <textarea id="embed-snippet" class="snippet-box" readonly rows="4" prop:value=move || snippet.get()
                    on:focus=move |ev| { let t: web_sys::HtmlTextAreaElement = event_target(&ev); t.select(); }></textarea>
                <div class="dialog-actions">
                    <button type="button" class="btn primary" on:click=copy>
                        {move || if copied.get() { "Copied ✓" } else { "Copy snippet" }}
                    </button>
                    <a class="btn" href=move || link.get() target="_blank" rel="noopener noreferrer">"Preview embed ↗"</a>
                </div>
            </div>
        </dialog>
    }
}

/// The confirmation after Share: what happened, and the link itself for manual copying.
#[component]
pub fn ShareBar(store: Store) -> impl IntoView {
    view! {
        <div class="toast-region" aria-live="polite" aria-atomic="true">
            <Show when=move || store.toast.with(|t| t.is_some())>
                <p class="toast" data-testid="toast">{move || store.toast.get().unwrap_or_default()}</p>
            </Show>
        </div>
        <Show when=move || store.share_link.with(|l| l.is_some())>
            <div class="share-bar">
                <label for="share-link">"Link"</label>
                <input id="share-link" type="text" readonly prop:value=move || store.share_link.get().unwrap_or_default()
                    on:focus=move |ev| { let t: web_sys::HtmlInputElement = event_target(&ev); t.select(); }/>
                <button type="button" class="ghost" aria-label="Hide link" on:click=move |_| store.share_link.set(None)>"×"</button>
            </div>
        </Show>
    }
}
