//! Turns [`LineModel`]s into DOM nodes, touching only the lines that changed.
//!
//! Typing one character changes one line; the patcher keeps the unchanged lines before and
//! after it (a common prefix and suffix of the old and new models) and, in the middle, rebuilds
//! only the lines whose model changed: findings arriving for a big file touch the lines they
//! mark, not every line between the first and the last. Text is always inserted as text
//! nodes, never as HTML.

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

use crate::lines::{LineModel, MarkId};

/// The lines currently in one `<pre>`.
#[derive(Default)]
pub struct LineRenderer {
    models: Vec<LineModel>,
    els: Vec<Element>,
}

impl LineRenderer {
    /// Updates `container` to show `new`.
    pub fn patch(&mut self, container: &Element, new: Vec<LineModel>) {
        let doc = document();
        if self.els.len() != self.models.len()
            || (self
                .els
                .first()
                .is_some_and(|e| e.parent_node().as_ref() != Some(container.as_ref())))
        {
            // Out of sync (first render, or the container was replaced): start over.
            container.set_text_content(None);
            self.els.clear();
            self.models.clear();
        }
        let (old_len, new_len) = (self.models.len(), new.len());
        let mut p = 0;
        while p < old_len.min(new_len) && self.models[p] == new[p] {
            p += 1;
        }
        let mut s = 0;
        while s < (old_len - p).min(new_len - p)
            && self.models[old_len - 1 - s] == new[new_len - 1 - s]
        {
            s += 1;
        }
        let old_mid = old_len - s - p;
        let new_mid = new_len - s - p;
        let common = old_mid.min(new_mid);
        let middle = self.models[p..p + common].iter().zip(&new[p..p + common]);
        for (el, (old, model)) in self.els[p..p + common].iter().zip(middle) {
            if old != model {
                fill_line(&doc, el, model);
            }
        }
        for el in self.els.drain(p + common..p + old_mid) {
            el.remove();
        }
        if new_mid > common {
            let anchor: Option<Node> = self.els.get(p + common).map(|e| e.clone().unchecked_into());
            let fragment = doc.create_document_fragment();
            let mut created = Vec::with_capacity(new_mid - common);
            for model in &new[p + common..p + new_mid] {
                let el = doc.create_element("div").expect("create div");
                fill_line(&doc, &el, model);
                let _ = fragment.append_child(&el);
                created.push(el);
            }
            let _ = container.insert_before(&fragment, anchor.as_ref());
            self.els.splice(p + common..p + common, created);
        }
        self.models = new;
    }

    /// The element of line `index` (0-based).
    pub fn line(&self, index: usize) -> Option<&Element> {
        self.els.get(index)
    }
}

fn fill_line(doc: &Document, el: &Element, model: &LineModel) {
    el.set_class_name(&model.class_name());
    if model.gutter_ids.is_empty() {
        let _ = el.remove_attribute("data-marks");
    } else {
        let ids: Vec<String> = model
            .gutter_ids
            .iter()
            .map(|id: &MarkId| id.token())
            .collect();
        let _ = el.set_attribute("data-marks", &ids.join(" "));
    }
    el.set_text_content(None);
    for seg in &model.segs {
        if seg.is_plain() {
            let _ = el.append_child(&doc.create_text_node(&seg.text));
        } else {
            let span = doc.create_element("span").expect("create span");
            span.set_class_name(&seg.class_name());
            if !seg.ids.is_empty() {
                let _ = span.set_attribute("data-marks", &seg.marks_attr());
            }
            if !seg.text.is_empty() {
                span.set_text_content(Some(&seg.text));
            }
            let _ = el.append_child(&span);
        }
    }
}
