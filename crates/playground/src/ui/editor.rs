//! The editor: a transparent `<textarea>` over a highlighted `<pre>`.
//!
//! The textarea owns the text, the caret and the selection (so typing, IME, undo and paste are
//! the browser's own); the `<pre>` below it shows the same text with syntax classes and the
//! findings underlined. Line numbers and gutter markers are CSS on each line element.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::render::LineRenderer;
use super::Store;
use crate::lines::{render_window, widest_line, Mark, MarkId};
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

/// A file of more lines than this is drawn only near the editor's scroll position: the lines on
/// screen and `WINDOW_MARGIN` more above and below, one row per line (neither the text nor its
/// highlighted layer wraps), the rest as padding of their height (`.code-layer.virtual` in
/// style.css). Laying out every line of a 40,000-line paste took seconds; the textarea above
/// keeps the whole text (typing, selection, undo and find are the browser's own).
const VIRTUAL_LINES: usize = 1000;
const WINDOW_MARGIN: usize = 100;
/// The window is drawn again when the lines on screen come this close to the drawn ones' end.
const WINDOW_SLACK: usize = 30;
/// The pre's own top padding (`.code-layer` in style.css), above the first line.
const PAD_TOP: f64 = 10.0;

/// What the editor has drawn.
#[derive(Default)]
struct Drawing {
    renderer: LineRenderer,
    /// The lines drawn when only a window of them is (`None`: all of them).
    window: Option<(usize, usize)>,
    /// The number of lines of the text drawn.
    lines: usize,
    /// The layout measured last: a line's height, the editor's height and its scroll position.
    metrics: Option<(f64, f64, f64)>,
}

/// The height of a line of `pre` in pixels (its computed line height).
fn line_px(pre: &web_sys::HtmlElement) -> f64 {
    window()
        .get_computed_style(pre)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("line-height").ok())
        // JavaScript's parseFloat: the page links no float parser of its own.
        .map(|v| js_sys::parse_float(&v))
        .filter(|v| *v > 0.0)
        .unwrap_or(20.0)
}

/// The code editor with highlighting, findings and hover text.
#[component]
pub fn Editor(store: Store) -> impl IntoView {
    let pre_ref = NodeRef::<html::Pre>::new();
    let scroll_ref = NodeRef::<html::Div>::new();
    let inner_ref = NodeRef::<html::Div>::new();
    let tip_ref = NodeRef::<html::Div>::new();
    let drawing = StoredValue::new_local(Drawing::default());
    let marks_now = StoredValue::new(Vec::<Mark>::new());
    let tip = RwSignal::new(Vec::<(String, String)>::new());
    let caret = RwSignal::new(Caret::default());
    let last_render_ms = StoredValue::new(0.0f64);

    // Draws the lines near the scroll position of a big file: again when `force`, or when the
    // lines on screen come near the end of the drawn ones. With `fresh`, the layout is read
    // (which lays the page out first if it changed); without, the layout measured last is used.
    // Reads the layout `draw_window_with` draws from (cheap while nothing has changed it).
    let measure = move || {
        if let (Some(pre), Some(scroller)) = (pre_ref.get_untracked(), scroll_ref.get_untracked()) {
            let metrics = (
                line_px(&pre),
                f64::from(scroller.client_height()),
                f64::from(scroller.scroll_top()),
            );
            drawing.update_value(|d| d.metrics = Some(metrics));
        }
    };
    let draw_window_with = move |force: bool, fresh: bool| {
        let Some(pre) = pre_ref.get_untracked() else {
            return;
        };
        let Some((lo, hi)) = drawing.with_value(|d| d.window) else {
            return;
        };
        let n = drawing.with_value(|d| d.lines);
        if fresh || drawing.with_value(|d| d.metrics.is_none()) {
            measure();
        }
        let Some((line, height, top)) = drawing.with_value(|d| d.metrics) else {
            return;
        };
        // A hidden editor (the narrow layout's other tab) has no height yet: assume a screen.
        let visible = if height > 0.0 {
            (height / line).ceil() as usize + 1
        } else {
            60
        };
        let first = (((top - PAD_TOP) / line).max(0.0) as usize).min(n);
        let last = (first + visible).min(n);
        let covered = (lo == 0 || first >= lo + WINDOW_SLACK)
            && (hi == n || last + WINDOW_SLACK <= hi)
            && hi > lo;
        if !force && covered {
            return;
        }
        let lo = first.saturating_sub(WINDOW_MARGIN);
        let hi = (last + WINDOW_MARGIN).min(n);
        let style = web_sys::HtmlElement::style(&pre);
        // Whole pixels: the page links no float formatter.
        let px = |rows: usize| format!("{}px", (rows as f64 * line).round() as u64);
        let _ = style.set_property("--v-above", &px(lo));
        let _ = style.set_property("--v-below", &px(n - hi));
        let _ = style.set_property("--v-first", &lo.to_string());
        let _ = pre.set_attribute("data-first", &lo.to_string());
        let selected = store.selected.get_untracked().map(MarkId::Finding);
        let lines = store.code.with_untracked(|code| {
            let file_name = store.file_name.get_untracked();
            store.with_highlight(code, &file_name, |h| {
                marks_now.with_value(|marks| {
                    render_window(code, &h.ranges, &h.tokens, marks, selected, lo..hi)
                })
            })
        });
        drawing.update_value(|d| {
            d.renderer.patch(&pre, lines);
            d.window = Some((lo, hi));
        });
    };
    let draw_window = move |force: bool| draw_window_with(force, true);

    // Render the code whenever it, the analysis or the selection changes. A small file is drawn
    // whole and nothing here reads the layout: a read (even setting the textarea's scroll) would
    // force the browser to lay out the whole file in the middle of the update. A big one is
    // drawn near the scroll position, after its classes (no wrapping) are set.
    Effect::new(move |_| {
        let file_name = store.file_name.get();
        let selected = store.selected.get().map(MarkId::Finding);
        let analysis = store.analysis.get();
        let (Some(pre), Some(inner)) = (pre_ref.get(), inner_ref.get()) else {
            return;
        };
        let started = super::browser::now();
        store.code.with(|code| {
            let marks = match &analysis {
                Some(a) => remap_marks(&marks_of(&a.report), &a.code, code),
                None => Vec::new(),
            };
            marks_now.set_value(marks);
            let n = store.with_highlight(code, &file_name, |h| h.ranges.len());
            let virtual_now = n > VIRTUAL_LINES;
            let style = web_sys::HtmlElement::style(&pre);
            if virtual_now {
                let _ = pre.class_list().add_1("virtual");
                let _ = inner.class_list().add_1("virtual");
                let _ = pre.set_attribute("data-rows", &n.to_string());
                let _ = style.set_property("--v-cols", &widest_line(code).to_string());
                drawing.update_value(|d| {
                    d.lines = n;
                    d.window.get_or_insert((0, 0));
                });
            } else {
                let _ = pre.class_list().remove_1("virtual");
                let _ = inner.class_list().remove_1("virtual");
                for name in ["--v-above", "--v-below", "--v-first", "--v-cols"] {
                    let _ = style.remove_property(name);
                }
                let _ = pre.remove_attribute("data-rows");
                let _ = pre.remove_attribute("data-first");
                let lines = store.with_highlight(code, &file_name, |h| {
                    marks_now.with_value(|marks| {
                        render_window(code, &h.ranges, &h.tokens, marks, selected, 0..n)
                    })
                });
                drawing.update_value(|d| {
                    d.lines = n;
                    d.window = None;
                    d.renderer.patch(&pre, lines);
                });
            }
        });
        // From the layout measured last (scrolling and the presenter's size control measure it
        // anew): reading it here would lay out a whole new text in the middle of this update
        // (half a second for a 900 KiB paste), and the frame lays it out again anyway.
        draw_window_with(true, false);
        last_render_ms.set_value(super::browser::now() - started);
        if let Some(el) = pre_ref.get_untracked() {
            let _ = el.set_attribute(
                "data-render-ms",
                &crate::view::tenths(last_render_ms.get_value()),
            );
        }
    });
    // The presenter's code size changes the lines' height.
    Effect::new(move |_| {
        store.code_size.track();
        request_animation_frame(move || draw_window(true));
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
        let top = match (
            drawing.with_value(|d| d.window.is_some()),
            pre_ref.get_untracked(),
        ) {
            (true, Some(pre)) => Some(PAD_TOP + line as f64 * line_px(&pre)),
            _ => drawing.with_value(|d| d.renderer.line(line).map(line_top)),
        };
        if let (Some(scroller), Some(top)) = (scroll_ref.get_untracked(), top) {
            let target = (top - scroller.client_height() as f64 / 2.0).max(0.0);
            scroller.set_scroll_top(target as i32);
            draw_window(false);
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
            <div class="editor-scroll" node_ref=scroll_ref on:scroll=move |_| draw_window(false)>
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
                            // The layout before the pasted text changes it: drawing the new
                            // text's lines needs no layout of it.
                            measure();
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
