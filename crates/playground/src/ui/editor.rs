//! The editor: a transparent `<textarea>` over a highlighted `<pre>`.
//!
//! The textarea owns the text, the caret and the selection (so typing, IME, undo and paste are
//! the browser's own); the `<pre>` below it shows the same text with syntax classes and the
//! findings underlined. Line numbers and gutter markers are CSS on each line element.

use actiongate_analyzer::highlight::highlight;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::render::LineRenderer;
use super::Store;
use crate::lines::{render_lines, Mark, MarkId};
use crate::offsets::{byte_to_utf16, utf16_to_byte};
use crate::view::{marks_of, remap_marks, severity_label};

/// What the status bar says about the caret.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Caret {
    line: usize,
    column: usize,
    note: Option<String>,
}

/// Describes the marks `ids` for the tooltip and the status bar.
fn describe(store: Store, ids: &[MarkId]) -> Vec<(String, String)> {
    store.analysis.with_untracked(|a| {
        let Some(a) = a else { return Vec::new() };
        ids.iter()
            .filter_map(|id| match *id {
                MarkId::Finding(i) => a.report.findings.get(i).map(|f| {
                    (
                        format!("{} · {}", severity_label(f.severity), f.rule),
                        format!(
                            "{} ({}, line {}): {}",
                            f.action, f.cwe, f.position.line, f.message
                        ),
                    )
                }),
                MarkId::Error(i) => a.report.errors.get(i).map(|e| {
                    (
                        "Syntax error".to_owned(),
                        format!("Line {}: {}", e.position.line, e.message),
                    )
                }),
            })
            .collect()
    })
}

/// Offset of a line element from the top of the editor's content.
fn line_top(el: &web_sys::Element) -> f64 {
    el.dyn_ref::<web_sys::HtmlElement>()
        .map_or(0.0, |h| h.offset_top() as f64)
}

/// The code editor with highlighting, findings and hover text.
#[component]
pub fn Editor(store: Store) -> impl IntoView {
    let pre_ref = NodeRef::<html::Pre>::new();
    let scroll_ref = NodeRef::<html::Div>::new();
    let inner_ref = NodeRef::<html::Div>::new();
    let tip_ref = NodeRef::<html::Div>::new();
    let renderer = StoredValue::new_local(LineRenderer::default());
    let marks_now = StoredValue::new(Vec::<Mark>::new());
    let tip = RwSignal::new(Vec::<(String, String)>::new());
    let caret = RwSignal::new(Caret::default());
    let last_render_ms = StoredValue::new(0.0f64);
    // The last highlighted text (file name, code) and its tokens: selecting a finding or an
    // analysis arriving re-renders the marks without parsing the text again.
    let highlighted = std::rc::Rc::new(std::cell::RefCell::new((
        String::new(),
        String::new(),
        Vec::new(),
    )));

    // Render the code whenever it, the analysis or the selection changes. Nothing here reads
    // the layout: a read (even setting the textarea's scroll) would force the browser to lay out
    // the whole file in the middle of the update, once per render.
    Effect::new(move |_| {
        let file_name = store.file_name.get();
        let selected = store.selected.get().map(MarkId::Finding);
        let analysis = store.analysis.get();
        let Some(pre) = pre_ref.get() else { return };
        let started = super::browser::now();
        store.code.with(|code| {
            let mut cache = highlighted.borrow_mut();
            let (name, text, tokens) = &mut *cache;
            if *name != file_name || text != code {
                *tokens = highlight(code, &file_name);
                name.clone_from(&file_name);
                text.clone_from(code);
            }
            let marks = match &analysis {
                Some(a) => remap_marks(&marks_of(&a.report), &a.code, code),
                None => Vec::new(),
            };
            let lines = render_lines(code, tokens, &marks, selected);
            renderer.update_value(|r| r.patch(&pre, lines));
            marks_now.set_value(marks);
        });
        last_render_ms.set_value(super::browser::now() - started);
        if let Some(el) = pre_ref.get_untracked() {
            let _ = el.set_attribute(
                "data-render-ms",
                &crate::view::tenths(last_render_ms.get_value()),
            );
        }
    });

    // Move the cursor to the selected finding when asked (or only scroll to it).
    Effect::new(move |prev: Option<u64>| {
        let (n, with_focus) = store.reveal.get();
        if prev.is_some_and(|p| p == n) || n == 0 {
            return n;
        }
        let Some(index) = store.selected.get_untracked() else {
            return n;
        };
        let span = marks_now.with_value(|marks| {
            marks
                .iter()
                .find(|m| m.id == MarkId::Finding(index))
                .map(|m| (m.start, m.end))
        });
        let Some((start, end)) = span else { return n };
        let Some(area) = store.textarea.get_untracked() else {
            return n;
        };
        let (s16, e16, line) = store.code.with_untracked(|code| {
            let line = code.as_bytes()[..(start as usize).min(code.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            (byte_to_utf16(code, start), byte_to_utf16(code, end), line)
        });
        // Scroll only the editor (never the page or an embedding page) to centre the line.
        if let (Some(scroller), Some(top)) = (
            scroll_ref.get_untracked(),
            renderer.with_value(|r| r.line(line).map(line_top)),
        ) {
            let target = (top - scroller.client_height() as f64 / 2.0).max(0.0);
            scroller.set_scroll_top(target as i32);
        }
        if with_focus {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = area.focus_with_options(&options);
            let _ = area.set_selection_range(s16, e16);
        }
        n
    });

    let update_caret = move || {
        let Some(area) = store.textarea.get_untracked() else {
            return;
        };
        let unit = area.selection_start().ok().flatten().unwrap_or(0);
        let (line, column, byte) = store.code.with_untracked(|code| {
            let byte = utf16_to_byte(code, unit) as usize;
            let before = &code[..byte];
            let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = code[line_start..byte].encode_utf16().count() + 1;
            (line, column, byte as u32)
        });
        let ids: Vec<MarkId> = marks_now.with_value(|marks| {
            marks
                .iter()
                .filter(|m| m.start <= byte && byte <= m.end.max(m.start + 1))
                .map(|m| m.id)
                .collect()
        });
        let note = describe(store, &ids)
            .into_iter()
            .next()
            .map(|(head, body)| format!("{head} — {body}"));
        caret.set(Caret { line, column, note });
    };

    let hide_tip = move || {
        if !tip.with_untracked(|t| t.is_empty()) {
            tip.set(Vec::new());
        }
    };

    let on_mouse_move = move |ev: web_sys::MouseEvent| {
        let (x, y) = (ev.client_x() as f32, ev.client_y() as f32);
        let Some(area) = store.textarea.get_untracked() else {
            return;
        };
        let in_gutter = (x as f64) < area.get_bounding_client_rect().left();
        let stack = document().elements_from_point(x, y);
        let mut found: Option<(web_sys::Element, String)> = None;
        for item in stack.iter() {
            let Ok(el) = item.dyn_into::<web_sys::Element>() else {
                continue;
            };
            let Some(marks) = el.get_attribute("data-marks") else {
                continue;
            };
            let is_line = el.class_list().contains("ln");
            if is_line && !in_gutter {
                continue;
            }
            found = Some((el, marks));
            break;
        }
        let Some((el, marks)) = found else {
            return hide_tip();
        };
        let ids: Vec<MarkId> = marks.split(' ').filter_map(MarkId::parse).collect();
        let lines = describe(store, &ids);
        if lines.is_empty() {
            return hide_tip();
        }
        if let (Some(tip_el), Some(inner)) = (tip_ref.get_untracked(), inner_ref.get_untracked()) {
            let r = el.get_bounding_client_rect();
            let base = inner.get_bounding_client_rect();
            let left = (r.left() - base.left())
                .max(0.0)
                .min((base.width() - 320.0).max(0.0));
            let style = web_sys::HtmlElement::style(&tip_el);
            let _ = style.set_property("left", &format!("{}px", crate::view::whole(left)));
            let _ = style.set_property(
                "top",
                &format!("{}px", crate::view::whole(r.bottom() - base.top() + 4.0)),
            );
        }
        if tip.with_untracked(|t| *t != lines) {
            tip.set(lines);
        }
    };

    let on_click = move |ev: web_sys::MouseEvent| {
        // A click on a gutter marker selects the line's first finding.
        let Some(area) = store.textarea.get_untracked() else {
            return;
        };
        if (ev.client_x() as f64) >= area.get_bounding_client_rect().left() {
            return;
        }
        let stack = document().elements_from_point(ev.client_x() as f32, ev.client_y() as f32);
        for item in stack.iter() {
            let Ok(el) = item.dyn_into::<web_sys::Element>() else {
                continue;
            };
            if !el.class_list().contains("ln") {
                continue;
            }
            if let Some(marks) = el.get_attribute("data-marks") {
                let first = marks
                    .split(' ')
                    .filter_map(MarkId::parse)
                    .find_map(|id| match id {
                        MarkId::Finding(i) => Some(i),
                        MarkId::Error(_) => None,
                    });
                if let Some(i) = first {
                    store.select(Some(i), true);
                }
            }
            break;
        }
    };

    let initial = store.code.get_untracked();
    view! {
        <div class="editor">
            <div class="editor-scroll" node_ref=scroll_ref>
                <div
                    class="editor-inner"
                    node_ref=inner_ref
                    on:mousemove=on_mouse_move
                    on:mouseleave=move |_| hide_tip()
                    on:click=on_click
                >
                    <pre class="code-layer" aria-hidden="true" node_ref=pre_ref></pre>
                    <textarea
                        class="input-layer"
                        node_ref=store.textarea
                        aria-label="Code to analyse"
                        aria-describedby="editor-status"
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        translate="no"
                        prop:value=initial
                        on:paste=move |ev| {
                            // Selection in UTF-16 units, as the textarea counts.
                            let t: web_sys::HtmlTextAreaElement = event_target(&ev);
                            let len = t.value().encode_utf16().count() as u32;
                            let start = t.selection_start().ok().flatten().unwrap_or(0);
                            let end = t.selection_end().ok().flatten().unwrap_or(0);
                            if len == 0 || (start == 0 && end >= len) {
                                store.on_whole_paste();
                            }
                        }
                        on:input=move |ev| {
                            store.on_input(event_target_value(&ev));
                            hide_tip();
                            update_caret();
                        }
                        on:keyup=move |_| update_caret()
                        on:click=move |_| update_caret()
                        on:focus=move |_| update_caret()
                        on:select=move |_| update_caret()
                        on:scroll=move |ev| {
                            // The textarea is as tall as its text: the editor around it
                            // scrolls, never the textarea itself (its caret would leave the
                            // highlighted text behind).
                            let t: web_sys::HtmlTextAreaElement = event_target(&ev);
                            t.set_scroll_top(0);
                            t.set_scroll_left(0);
                        }
                    ></textarea>
                    <div
                        class="tooltip"
                        role="tooltip"
                        node_ref=tip_ref
                        class:visible=move || tip.with(|t| !t.is_empty())
                    >
                        <For each=move || tip.get() key=|(h, b)| format!("{h}{b}") let:item>
                            <p><strong>{item.0}</strong>" "<super::icons::Rich text=item.1/></p>
                        </For>
                    </div>
                </div>
            </div>
            <div class="editor-status" id="editor-status" aria-live="polite">
                <span class="caret-pos">
                    {move || caret.with(|c| if c.line == 0 { String::new() } else { format!("Ln {}, Col {}", c.line, c.column) })}
                </span>
                <span class="caret-note">{move || caret.with(|c| c.note.clone().unwrap_or_default())}</span>
            </div>
        </div>
    }
}
