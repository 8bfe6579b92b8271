//! Small stroke icons (static SVG, decorative: the buttons carry the text).

use leptos::prelude::*;

/// The icon named `name`.
#[component]
pub fn Icon(name: &'static str) -> impl IntoView {
    let d = match name {
        "examples" => "M3 3h7v7H3zM14 3h7v7h-7zM3 14h7v7H3zM14 14h7v7h-7z",
        "split" => "M3 4h18v16H3zM12 4v16",
        "run" => "M21 12a9 9 0 1 1-2.64-6.36M21 4v5h-5",
        "embed" => "M8 7l-5 5 5 5M16 7l5 5-5 5M13.5 5l-3 14",
        "link" => "M10 14a4.5 4.5 0 0 0 6.4 0l3.2-3.2a4.5 4.5 0 0 0-6.4-6.4l-1.1 1.1M14 10a4.5 4.5 0 0 0-6.4 0l-3.2 3.2a4.5 4.5 0 0 0 6.4 6.4l1.1-1.1",
        "copy" => "M9 9h11v11H9zM5 15H4V4h11v1",
        "folder" => "M3 6h6l2 2h10v11H3z",
        _ => "",
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"
            fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
            <path d=d/>
        </svg>
    }
}

/// Text with `` `code` `` pieces in a code font (text nodes only).
#[component]
pub fn Rich(text: String) -> impl IntoView {
    crate::view::inline_code(&text)
        .into_iter()
        .map(|(code, piece)| {
            if code {
                view! { <code>{piece}</code> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}
