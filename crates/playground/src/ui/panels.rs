//! The page layouts (full and embed) and the panels: toolbar, findings, explanation and the
//! fixed version. All text from the code or a link is rendered as text nodes.

use actiongate_analyzer::highlight::highlight;
use actiongate_analyzer::{rule_by_id, Severity};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dialogs::{EmbedDialog, Gallery, ShareBar};
use super::editor::Editor;
use super::icons::{Icon, Rich};
use super::render::LineRenderer;
use super::{browser, Store, Tab};
use crate::state::{extension, with_extension, LANGUAGES};
use crate::view::{
    assumption_rows, finding_rows, fix_anchor, no_findings_text, severity_label, summary,
    DiffStats, FixedView,
};

fn sev_class(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "sev sev-high",
        Severity::Medium => "sev sev-medium",
        Severity::Low => "sev sev-low",
    }
}

/// The full playground.
#[component]
pub fn FullView(store: Store) -> impl IntoView {
    let gallery_ref = NodeRef::<html::Dialog>::new();
    let embed_ref = NodeRef::<html::Dialog>::new();
    let embed_opened = RwSignal::new(0u64);
    view! {
        <div class="app" class:tab-fixed=move || store.tab.get() == Tab::Fixed class:hide-fixed=move || !store.show_fixed.get()
            class:challenge=move || store.challenge.with(|c| c.is_some())
            class:presenter=move || store.presenter.get()>
            <a class="skip-link" href="#findings-title">"Skip to findings"</a>
            <Toolbar store=store gallery=gallery_ref embed=embed_ref embed_opened=embed_opened/>
            <Notice store=store/>
            <ShareBar store=store/>
            <LessonBar store=store/>
            <ChallengeBar store=store/>
            // A landmark at every width: on narrow screens these switch the panes.
            <nav class="tabs" aria-label="Show">
                <button type="button" class="tab" aria-pressed=move || (store.tab.get() == Tab::Code).to_string()
                    on:click=move |_| store.tab.set(Tab::Code)>"Your code"</button>
                <button type="button" class="tab" aria-pressed=move || (store.tab.get() == Tab::Fixed).to_string()
                    on:click=move |_| store.tab.set(Tab::Fixed)>
                    "Fixed version"<FixBadge store=store/>
                </button>
            </nav>
            <main class="workspace">
                <section class="pane code-pane" aria-labelledby="code-title">
                    <header class="pane-head">
                        <h2 id="code-title">"Your code"</h2>
                        <AnalysisStatus store=store/>
                    </header>
                    <FileTabs store=store editable=true/>
                    <Editor store=store/>
                </section>
                <FixedPane store=store/>
                <aside class="side">
                    <FindingsPanel store=store compact=false/>
                    <Explanation store=store/>
                </aside>
            </main>
            <footer class="foot">
                <span>"Runs entirely in your browser: the code never leaves this page."</span>
                <span class="present-controls" role="group" aria-label="Presenter">
                    <button type="button" class="btn small" data-testid="presenter" aria-pressed=move || store.presenter.get().to_string()
                        title="Bigger code and text for a projector; the arrow keys step through the findings"
                        on:click=move |_| store.toggle_presenter()>"Present"</button>
                    <button type="button" class="btn small" aria-label="A− smaller code" data-testid="code-smaller"
                        on:click=move |_| store.resize_code(-1)>"A−"</button>
                    <span class="code-size" data-testid="code-size">{move || format!("{} px", store.code_size.get())}</span>
                    <button type="button" class="btn small" aria-label="A+ bigger code" data-testid="code-bigger"
                        on:click=move |_| store.resize_code(1)>"A+"</button>
                </span>
                <span class="keys"><kbd>"Ctrl/⌘ S"</kbd>" copy link · "<kbd>"Ctrl/⌘ Enter"</kbd>" analyse"</span>
            </footer>
            <Gallery store=store dialog=gallery_ref/>
            <EmbedDialog store=store dialog=embed_ref opened=embed_opened/>
            <super::folder::FolderDialog store=store/>
        </div>
    }
}

/// The compact view for iframes (`?embed`).
#[component]
pub fn EmbedView(store: Store) -> impl IntoView {
    let open_href = RwSignal::new(browser::base_url());
    // Keep "Open in actiongate" pointing at the current state.
    Effect::new(move |_| {
        store.analysis.track();
        store.selected.track();
        if let Some(link) = store.link(false) {
            open_href.set(link);
        }
    });
    view! {
        <div class="app embed" class:tab-fixed=move || store.tab.get() == Tab::Fixed>
            <header class="embed-head">
                <span class="brand-mini" aria-hidden="true">"◆"</span>
                <span class="file">{move || store.file_name.get()}</span>
                <div class="tabs embed-tabs" role="group" aria-label="Show">
                    <button type="button" class="tab" aria-pressed=move || (store.tab.get() == Tab::Code).to_string()
                        on:click=move |_| store.tab.set(Tab::Code)>"Code"</button>
                    <button type="button" class="tab" aria-pressed=move || (store.tab.get() == Tab::Fixed).to_string()
                        on:click=move |_| store.tab.set(Tab::Fixed)>"Fix"<FixBadge store=store/></button>
                </div>
                <a class="open-link" href=move || open_href.get() target="_blank" rel="noopener noreferrer">
                    "Open in actiongate ↗"
                </a>
            </header>
            <Notice store=store/>
            <main class="workspace">
                <section class="pane code-pane" aria-label="Code">
                    <Show when=move || store.files.with(|f| f.len() > 1)>
                        <FileTabs store=store editable=false/>
                    </Show>
                    <Editor store=store/>
                </section>
                <FixedPane store=store/>
            </main>
            <FindingsPanel store=store compact=true/>
        </div>
    }
}

#[component]
fn FixBadge(store: Store) -> impl IntoView {
    let changed = move || {
        store
            .analysis
            .with(|a| a.as_ref().is_some_and(|a| a.report.fixed_source != a.code))
    };
    view! { <Show when=changed><span class="dot" aria-label="(has changes)"></span></Show> }
}

#[component]
fn AnalysisStatus(store: Store) -> impl IntoView {
    let text = move || {
        let stale = store
            .analysis
            .with(|a| a.as_ref().is_none_or(|a| store.code.with(|c| *c != a.code)));
        if stale {
            "Analysing…".to_owned()
        } else {
            store.analysis.with(|a| {
                a.as_ref()
                    .map(|a| format!("Analysed in {} ms", crate::view::whole(a.millis.max(1.0))))
                    .unwrap_or_default()
            })
        }
    };
    view! { <span class="status" data-testid="analysis-status">{text}</span> }
}

#[component]
fn Notice(store: Store) -> impl IntoView {
    view! {
        <Show when=move || store.notice.with(|n| n.is_some())>
            <div class="notice" role="alert">
                <span class="notice-icon" aria-hidden="true">"!"</span>
                <p>{move || store.notice.get().unwrap_or_default()}</p>
                <button type="button" class="ghost" on:click=move |_| store.notice.set(None) aria-label="Dismiss message">"×"</button>
            </div>
        </Show>
    }
}

#[component]
fn Toolbar(
    store: Store,
    gallery: NodeRef<html::Dialog>,
    embed: NodeRef<html::Dialog>,
    embed_opened: RwSignal<u64>,
) -> impl IntoView {
    let name_error = RwSignal::new(false);
    let commit_name = move |value: String| {
        let value = value.trim().to_owned();
        if actiongate_permalink::is_valid_file_name(&value) {
            name_error.set(false);
            store.set_file_name(value);
        } else {
            name_error.set(true);
        }
    };
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"◆"</span>
                <h1>"actiongate"<span class="brand-sub">" playground"</span></h1>
            </div>
            <div class="file-controls">
                <label class="sr-only" for="file-name">"File name"</label>
                <input
                    id="file-name"
                    class="file-name"
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || store.file_name.get()
                    aria-invalid=move || name_error.get().to_string()
                    aria-describedby="file-name-error"
                    on:change=move |ev| commit_name(event_target_value(&ev))
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            commit_name(event_target_value(&ev));
                        }
                    }
                />
                <label class="sr-only" for="language">"Language"</label>
                <select
                    id="language"
                    class="language"
                    prop:value=move || extension(&store.file_name.get()).to_owned()
                    on:change=move |ev| {
                        let ext = event_target_value(&ev);
                        name_error.set(false);
                        store.set_file_name(with_extension(&store.file_name.get_untracked(), &ext));
                    }
                >
                    {LANGUAGES.iter().map(|(ext, label)| view! { <option value=*ext>{format!("{label} (.{ext})")}</option> }).collect_view()}
                    <Show when=move || !LANGUAGES.iter().any(|(e, _)| *e == extension(&store.file_name.get()))>
                        <option value=move || extension(&store.file_name.get()).to_owned()>
                            {move || format!(".{}", extension(&store.file_name.get()))}
                        </option>
                    </Show>
                </select>
                <Show when=move || name_error.get()>
                    <p class="field-error" id="file-name-error" role="alert">
                        "Use letters, digits, . _ / - [ ] ( ) @ + and a .ts, .tsx, .js, .jsx, .mjs or .cjs extension."
                    </p>
                </Show>
            </div>
            <nav class="actions" aria-label="Playground">
                <button type="button" class="btn" on:click=move |_| { if let Some(d) = gallery.get() { let _ = d.show_modal(); } }>
                    <Icon name="examples"/><span class="label-text">"Examples"</span>
                </button>
                <super::folder::OpenFolderButton store=store/>
                <button type="button" class="btn wide-only" aria-pressed=move || store.show_fixed.get().to_string()
                    on:click=move |_| { store.show_fixed.update(|v| *v = !*v); store.url_soon(); }
                    title="Show the fixed version beside your code">
                    <Icon name="split"/><span class="label-text">"Fix side by side"</span>
                </button>
                <button type="button" class="btn icon-narrow" on:click=move |_| { store.analyze_now(); store.flash("Analysed.".to_owned()); }
                    title="Analyse now (Ctrl/⌘ Enter)">
                    <Icon name="run"/><span class="label-text">"Analyse"</span>
                </button>
                <button type="button" class="btn icon-narrow" on:click=move |_| {
                    embed_opened.update(|n| *n += 1);
                    if let Some(d) = embed.get() { let _ = d.show_modal(); }
                }>
                    <Icon name="embed"/><span class="label-text">"Embed"</span>
                </button>
                <button type="button" class="btn primary" on:click=move |_| store.share() title="Copy a link to this playground (Ctrl/⌘ S)">
                    <Icon name="link"/><span class="label-text">"Share"</span>
                </button>
            </nav>
        </header>
    }
}

/// How many findings rows the list shows at first, and adds per "Show more".
const ROWS_PAGE: usize = 100;

/// The list of findings and syntax errors.
#[component]
pub fn FindingsPanel(store: Store, compact: bool) -> impl IntoView {
    let rows = Memo::new(move |_| {
        store.analysis.with(|a| {
            a.as_ref()
                .map(|a| finding_rows(&a.report))
                .unwrap_or_default()
        })
    });
    let errors = Memo::new(move |_| {
        store.analysis.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.report
                        .errors
                        .iter()
                        .map(|e| (e.position.line, e.position.column, e.message.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let suppressed = Memo::new(move |_| {
        store.analysis.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.report
                        .suppressed
                        .iter()
                        .map(|f| {
                            (
                                f.rule,
                                f.action.clone(),
                                f.position.line,
                                f.suppressed.clone().unwrap_or_default(),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let summary_text = move || {
        store.analysis.with(|a| {
            a.as_ref()
                .map(|a| summary(&a.report))
                .unwrap_or_else(|| "Analysing…".to_owned())
        })
    };
    let empty_text = move || {
        store.analysis.with(|a| {
            a.as_ref()
                .map(|a| no_findings_text(&a.report, store.files.with(|f| f.len() > 1)))
                .unwrap_or_default()
        })
    };
    let assumptions = Memo::new(move |_| {
        store.analysis.with(|a| {
            a.as_ref()
                .map(|a| assumption_rows(&a.report))
                .unwrap_or_default()
        })
    });
    let assumed = move || !assumptions.with(|a| a.is_empty());
    let assumption_items = move || {
        assumptions
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    };
    let others = move || {
        store
            .analysis
            .with(|a| a.as_ref().map(|a| a.others.clone()).unwrap_or_default())
    };
    let has_analysis = move || store.analysis.with(|a| a.is_some());
    let has_high = move || {
        store.analysis.with(|a| {
            a.as_ref().is_some_and(|a| {
                a.report
                    .findings
                    .iter()
                    .any(|f| f.severity == actiongate_analyzer::Severity::High)
            })
        })
    };
    // A file whose parse lost code never gets the green check.
    let cut_off = move || {
        store
            .analysis
            .with(|a| a.as_ref().is_some_and(|a| !a.report.errors.is_empty()))
    };
    let stale = move || {
        store
            .analysis
            .with(|a| a.as_ref().is_none_or(|a| store.code.with(|c| *c != a.code)))
    };
    // A big paste has thousands of findings: the list shows them a page at a time (laying out
    // every row would delay the first ones by seconds), with a button for the next page.
    let shown = RwSignal::new(ROWS_PAGE);
    let shown_rows = move || {
        let limit = shown.get();
        rows.with(|r| r.iter().take(limit).cloned().collect::<Vec<_>>())
    };
    let not_shown = move || rows.with(|r| r.len()).saturating_sub(shown.get());
    let show_more = move |_| {
        let first_new = shown.get_untracked();
        shown.set(first_new + ROWS_PAGE);
        // The keyboard goes on where the list does: the first row just shown.
        request_animation_frame(move || {
            let selector = format!(
                "[data-testid=finding-list] > li:nth-child({}) .finding",
                first_new + 1
            );
            if let Ok(Some(el)) = document().query_selector(&selector) {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    };
    let error_items = move || errors.get().into_iter().enumerate().collect::<Vec<_>>();
    let suppressed_items = move || suppressed.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <section
            class="pane findings-pane"
            class:compact=compact
            aria-labelledby="findings-title"
            aria-busy=move || stale().to_string()
            data-state=move || if stale() { "analysing" } else { "done" }
            data-fixes=move || if store.analysis.with(|a| a.as_ref().is_some_and(|a| a.settled)) { "settled" } else { "settling" }
        >
            <header class="pane-head">
                <h2 id="findings-title">"Findings"</h2>
                <span class="summary" data-testid="summary">{summary_text}</span>
                <Show when=move || !compact && store.challenge.with(|c| c.is_none()) && has_high()>
                    <button type="button" class="btn small" data-testid="make-challenge"
                        title="A link where a learner sees this code and how many high findings it has, and fixes it"
                        on:click=move |_| store.make_challenge()>
                        "Make it a challenge"
                    </button>
                </Show>
            </header>
            <Show when=move || !errors.with(|e| e.is_empty())>
                <div class="errors" role="group" aria-label="Syntax errors">
                    <p class="errors-title">"Syntax errors — whatever parsed was still analysed"</p>
                    <ul class="error-list">
                        <For each=error_items key=|(i, e)| (*i, e.clone()) let:item>
                            <li class="error-item">
                                <span class="err-badge" aria-hidden="true">"✕"</span>
                                <span class="err-pos">{format!("Line {}:{}", item.1.0, item.1.1)}</span>
                                <span class="err-msg">{item.1.2.clone()}</span>
                            </li>
                        </For>
                    </ul>
                </div>
            </Show>
            <Show
                when=move || !rows.with(|r| r.is_empty())
                fallback=move || view! {
                    <Show when=has_analysis>
                        <div class="empty-state" class:conditional=move || assumed() || cut_off() data-testid="no-findings">
                            <span class="check" class:conditional=move || assumed() || cut_off() aria-hidden="true">
                                {move || if cut_off() { "!" } else if assumed() { "?" } else { "✓" }}
                            </span>
                            <p>{empty_text}</p>
                        </div>
                    </Show>
                }
            >
                <ul class="finding-list" data-testid="finding-list">
                    <For each=shown_rows key=|r| (r.index, r.rule, r.line, r.column) let:row>
                        {
                            let index = row.index;
                            let selected = move || store.selected.get() == Some(index);
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="finding"
                                        class:selected=selected
                                        aria-pressed=move || selected().to_string()
                                        data-rule=row.rule
                                        on:click=move |_| store.select(Some(index), true)
                                    >
                                        <span class=sev_class(row.severity)>{severity_label(row.severity)}<span class="sr-only">" severity: "</span></span>
                                        <span class="rule">{row.rule}</span>
                                        <span class="where">
                                            <span class="action">{row.action.clone()}</span>
                                            <span class="line">{format!("line {}", row.line)}</span>
                                        </span>
                                        <span class="msg"><Rich text=row.message.clone()/></span>
                                        {row.has_fix.then(|| view! { <span class="fixable" title="The fixed version fixes this">"fix"</span> })}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <Show when=move || { not_shown() > 0 }>
                    <button type="button" class="btn small more-findings" data-testid="more-findings" on:click=show_more>
                        {move || format!("Show {} more findings ({} left)", not_shown().min(ROWS_PAGE), not_shown())}
                    </button>
                </Show>
            </Show>
            <Show when=move || !others().is_empty()>
                <div class="other-files" data-testid="other-files">
                    <p class="assumptions-title">"Other files"</p>
                    <ul>
                        <For each=others key=|o| o.clone() let:other>
                            <li>
                                <button type="button" class="other-file" class:has-high=other.high
                                    on:click=move |_| store.switch_tab(other.index)>
                                    <code>{other.name.clone()}</code>" — "{other.summary.clone()}
                                </button>
                            </li>
                        </For>
                    </ul>
                </div>
            </Show>
            <Show when=assumed>
                <div class="assumptions" role="group" aria-labelledby="assumptions-title" data-testid="assumptions">
                    <p class="assumptions-title" id="assumptions-title">
                        "Assumed, not seen — these verdicts rest on files this page was not given"
                    </p>
                    <ul class="assumption-list">
                        <For each=assumption_items key=|(i, a)| (*i, a.clone()) let:item>
                            <li class="assumption" data-import=item.1.import.clone()>
                                <code>{item.1.import.clone()}</code>" from "<code>{item.1.source.clone()}</code>
                                " "{item.1.assumed}" (in "{item.1.action.clone()}", line "{item.1.line}"): "{item.1.advice}"."
                                {item.1.file_would_tell.then(|| crate::state::file_for_import(&store.file_name.get_untracked(), &item.1.source)).flatten().map(|name| {
                                    let label = format!("Add {name}");
                                    view! {
                                        <button type="button" class="btn add-file" data-testid="add-file"
                                            title="Open a new tab for this file, ready to paste into"
                                            on:click=move |_| store.add_file(name.clone())>
                                            {label}
                                        </button>
                                    }
                                })}
                            </li>
                        </For>
                    </ul>
                </div>
            </Show>
            <Show when=move || !suppressed.with(|s| s.is_empty())>
                <details class="suppressed">
                    <summary>{move || format!("{} suppressed", suppressed.with(|s| s.len()))}</summary>
                    <ul>
                        <For each=suppressed_items key=|(i, _)| *i let:item>
                            <li>
                                <code>{item.1.0}</code>" in "{item.1.1.clone()}{format!(" (line {})", item.1.2)}": "{item.1.3.clone()}
                            </li>
                        </For>
                    </ul>
                </details>
            </Show>
        </section>
    }
}

/// What is wrong with the selected finding, from the rule's own metadata.
#[component]
pub fn Explanation(store: Store) -> impl IntoView {
    // The selected finding, or the first one.
    let current = Memo::new(move |_| {
        let selected = store.selected.get();
        store.analysis.with(|a| {
            let a = a.as_ref()?;
            let i = selected
                .filter(|&i| i < a.report.findings.len())
                .unwrap_or(0);
            a.report.findings.get(i).cloned()
        })
    });
    view! {
        <section class="pane explain-pane" aria-labelledby="explain-title">
            {move || match current.get() {
                None => view! {
                    <h2 id="explain-title" class="explain-empty-title">"Explanation"</h2>
                    <p class="hint">"Select a finding to see what is wrong, why it matters and how to fix it."</p>
                }.into_any(),
                Some(f) => {
                    let meta = rule_by_id(f.rule);
                    let title = meta.map_or(f.rule, |m| m.title);
                    let cwe_url = meta.map(|m| m.cwe_url()).unwrap_or_default();
                    view! {
                        <header class="explain-head">
                            <h2 id="explain-title">{title}</h2>
                            <div class="explain-tags">
                                <span class=sev_class(f.severity)>{severity_label(f.severity)}</span>
                                <code class="rule-id">{f.rule}</code>
                                <a class="cwe" href=cwe_url target="_blank" rel="noopener noreferrer">{f.cwe}" ↗"</a>
                            </div>
                        </header>
                        <p class="where-line">{format!("In {}, line {}", f.action, f.position.line)}</p>
                        <p class="message"><Rich text=f.message.clone()/></p>
                        <div class="help">
                            <h3>"How to fix"</h3>
                            <p><Rich text=f.help.clone()/></p>
                            {f.fix.as_ref().map(|fix| {
                                let text = format!("The fixed version does this: {}", fix.description);
                                let text = view! { <Rich text=text/> };
                                view! {
                                    <p class="fix-note">{text}" "
                                        <button type="button" class="link-btn" on:click={
                                            let f = f.clone();
                                            move |_| {
                                                let at = store.analysis.with_untracked(|a| a.as_ref().map(|a| fix_anchor(&a.report, &f)));
                                                store.show_fixed.set(true);
                                                store.tab.set(Tab::Fixed);
                                                store.fix_target.set(at);
                                            }
                                        }>"Show the fix"</button>
                                    </p>
                                }
                            })}
                        </div>
                        <AttackView store=store finding=f.clone()/>
                        {meta.map(|m| view! {
                            <details class="rule-doc">
                                <summary>"About this rule"</summary>
                                <h3>"What it checks"</h3>
                                <p><Rich text=m.what_it_does.to_owned()/></p>
                                <h3>"Why it matters"</h3>
                                <p><Rich text=m.why_is_this_bad.to_owned()/></p>
                                <h3>"How to fix it"</h3>
                                <p><Rich text=m.how_to_fix.to_owned()/></p>
                                <h3>"Reported"</h3>
                                <pre class="snippet bad">{m.bad_example}</pre>
                                <h3>"Fixed"</h3>
                                <pre class="snippet good">{m.good_example}</pre>
                            </details>
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The request anyone could send to trigger a high finding, for teaching: generated from the
/// code on screen, nothing is sent anywhere.
#[component]
fn AttackView(store: Store, finding: actiongate_analyzer::Finding) -> impl IntoView {
    let attack = store.analysis.with_untracked(|a| {
        a.as_ref()
            .and_then(|a| crate::view::attack_for(&a.report, &finding))
    });
    let copied = RwSignal::new(None::<&'static str>);
    attack.map(|attack| {
        let copy = move |what: &'static str, text: String| {
            leptos::task::spawn_local(async move {
                if browser::copy_text(&text).await {
                    copied.set(Some(what));
                    set_timeout(move || copied.set(None), std::time::Duration::from_millis(1500));
                }
            });
        };
        let (curl, fetch) = (attack.curl.clone(), attack.fetch.clone());
        let fields = if attack.fields.is_empty() {
            "no client values".to_owned()
        } else {
            attack.fields.join(", ")
        };
        view! {
            <details class="attack" data-testid="attack">
                <summary>"The request anyone could send"</summary>
                <p class="attack-story"><Rich text=attack.story.clone()/></p>
                <p class="attack-how">
                    {if attack.form { "A form post to the page that renders the action, with its form fields: " } else { "A POST to the page with the Next-Action header and the arguments as a JSON list: " }}
                    <code data-testid="attack-fields">{fields}</code>
                </p>
                <pre class="snippet attack-request" data-testid="attack-curl">{attack.curl.clone()}</pre>
                <div class="dialog-actions">
                    <button type="button" class="btn small" on:click=move |_| copy("curl", curl.clone())>
                        {move || if copied.get() == Some("curl") { "Copied ✓" } else { "Copy as curl" }}
                    </button>
                    <button type="button" class="btn small" on:click=move |_| copy("fetch", fetch.clone())>
                        {move || if copied.get() == Some("fetch") { "Copied ✓" } else { "Copy as fetch" }}
                    </button>
                </div>
                <p class="hint">"The page path and the action id cannot be known from the code: submit the form once in your browser and read both in the network tab (the request's Next-Action header, or the $ACTION_ID_ field). For teaching: this is generated from the code on screen and nothing is sent from here."</p>
            </details>
        }
    })
}

/// Files longer than this many lines get their fixed version drawn after their findings.
const DEFER_FIX_LINES: usize = 2000;
/// A fixed version of more rows than this is drawn only near the scroll position: the rows on
/// screen and `WINDOW_MARGIN` more above and below, one row per line (no wrapping), the rest as
/// padding of the right height (`.code-layer.virtual` in style.css). Smaller ones are drawn
/// whole, wrapping long lines.
const VIRTUAL_ROWS: usize = 1000;
const WINDOW_MARGIN: usize = 100;
/// A virtual pane is drawn again when the rows on screen come this close to the drawn ones' end.
const WINDOW_SLACK: usize = 30;
/// The pre's own top padding (`.code-layer` in style.css), above the first row.
const PAD_TOP: f64 = 10.0;

/// The height of a row of `pre` in pixels (its line height).
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

/// What the fixed pane has drawn: the diff of the analysis drawn last and its code, its lines,
/// and the rows drawn when only a window of them is (a virtual pane; `None` when all are).
#[derive(Default)]
struct FixedDrawing {
    renderer: LineRenderer,
    view: Option<FixedView>,
    code: String,
    window: Option<(usize, usize)>,
}

impl FixedDrawing {
    /// Draws `view`: whole, or only near the scroll position when it is long.
    fn show(&mut self, pre: &web_sys::HtmlElement, scroller: &web_sys::Element, view: FixedView) {
        let rows = view.len();
        let lines = (rows <= VIRTUAL_ROWS).then(|| view.lines(0..rows));
        self.view = Some(view);
        let style = pre.style();
        if let Some(lines) = lines {
            let _ = pre.class_list().remove_1("virtual");
            for name in ["--v-above", "--v-below", "--v-first"] {
                let _ = style.remove_property(name);
            }
            let _ = pre.remove_attribute("data-rows");
            let _ = pre.remove_attribute("data-first");
            self.window = None;
            self.renderer.patch(pre, lines);
        } else {
            let _ = pre.class_list().add_1("virtual");
            let _ = pre.set_attribute("data-rows", &rows.to_string());
            self.window = Some((0, 0));
            self.draw_window(pre, scroller, true);
        }
    }

    /// Draws the rows near the scroll position of a virtual pane: again when `force`, or when
    /// the rows on screen come near the end of the drawn ones.
    fn draw_window(
        &mut self,
        pre: &web_sys::HtmlElement,
        scroller: &web_sys::Element,
        force: bool,
    ) {
        let (Some((lo, hi)), Some(view)) = (self.window, &self.view) else {
            return;
        };
        let n = view.len();
        let line = line_px(pre);
        let height = f64::from(scroller.client_height());
        // A hidden pane (the narrow layout's other tab) has no height yet: assume a screen.
        let visible = if height > 0.0 {
            (height / line).ceil() as usize + 1
        } else {
            60
        };
        let first =
            (((f64::from(scroller.scroll_top()) - PAD_TOP) / line).max(0.0) as usize).min(n);
        let last = (first + visible).min(n);
        let covered = (lo == 0 || first >= lo + WINDOW_SLACK)
            && (hi == n || last + WINDOW_SLACK <= hi)
            && hi > lo;
        if !force && covered {
            return;
        }
        let lo = first.saturating_sub(WINDOW_MARGIN);
        let hi = (last + WINDOW_MARGIN).min(n);
        let style = pre.style();
        // Whole pixels: the page links no float formatter.
        let px = |rows: usize| format!("{}px", (rows as f64 * line).round() as u64);
        let _ = style.set_property("--v-above", &px(lo));
        let _ = style.set_property("--v-below", &px(n - hi));
        let _ = style.set_property("--v-first", &view.numbers_before(lo).to_string());
        let _ = pre.set_attribute("data-first", &lo.to_string());
        self.renderer.patch(pre, view.lines(lo..hi));
        self.window = Some((lo, hi));
    }

    /// Scrolls to the fix at byte `target` of the code ("Show the fix"), or to the first change.
    fn reveal(
        &mut self,
        pre: &web_sys::HtmlElement,
        scroller: &web_sys::Element,
        target: Option<usize>,
    ) {
        let Some(view) = &self.view else { return };
        let row = match target {
            Some(at) => view.change_at(at),
            None => view.first_change(),
        };
        let Some(row) = row else { return };
        if self.window.is_some() {
            let line = line_px(pre);
            let height = f64::from(scroller.client_height());
            let top = PAD_TOP + row as f64 * line - (height - line) / 2.0;
            scroller.set_scroll_top(top.max(0.0) as i32);
            self.draw_window(pre, scroller, true);
        } else if let Some(el) = self.renderer.line(row) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }
}

/// The fixed file, read-only, with the changed lines highlighted.
#[component]
pub fn FixedPane(store: Store) -> impl IntoView {
    let pre_ref = NodeRef::<html::Pre>::new();
    let scroll_ref = NodeRef::<html::Div>::new();
    let drawing = StoredValue::new_local(FixedDrawing::default());
    // Bumped after each new diff is drawn (the Fix tab then shows its first change).
    let drawn = RwSignal::new(0usize);
    let stats = RwSignal::new(DiffStats::default());
    let copied = RwSignal::new(false);
    let generation = StoredValue::new(0u64);
    // Runs `f` on the drawing and the pane's elements.
    let with_pane =
        move |f: &dyn Fn(&mut FixedDrawing, &web_sys::HtmlElement, &web_sys::Element)| {
            if let (Some(pre), Some(scroller)) =
                (pre_ref.get_untracked(), scroll_ref.get_untracked())
            {
                drawing.update_value(|d| f(d, &pre, &scroller));
            }
        };
    Effect::new(move |_| {
        let analysis = store.analysis.get();
        if pre_ref.get().is_none() {
            return;
        }
        let Some(a) = analysis else { return };
        // The worker's first answer has the findings; the fixed version waits for the settled
        // one (drawing it twice would cost a big file's highlight and diff twice).
        if !a.settled {
            return;
        }
        let this = generation.get_value() + 1;
        generation.set_value(this);
        let big = a.code.lines().nth(DEFER_FIX_LINES).is_some();
        let render = move || {
            // A newer analysis replaced this one before it was drawn.
            if generation.try_get_value() != Some(this) {
                return;
            }
            let fixed = &a.report.fixed_source;
            // The editor's tokens when it shows the analysed text (a big file is parsed for
            // highlighting once).
            let code_tokens = store
                .cached_tokens(&a.code, &a.file_name)
                .unwrap_or_else(|| highlight(&a.code, &a.file_name));
            let view = FixedView::new(&a.code, code_tokens, fixed, highlight(fixed, &a.file_name));
            stats.set(view.stats());
            let cell = std::cell::Cell::new(Some(view));
            with_pane(&|d, pre, scroller| {
                // A fix to reveal was asked for in other code.
                if d.code != a.code {
                    store.fix_target.update_untracked(|t| *t = None);
                    d.code = a.code.clone();
                }
                if let Some(view) = cell.take() {
                    d.show(pre, scroller, view);
                }
            });
            drawn.update(|d| *d += 1);
        };
        if big {
            // A big file's findings are painted first; its fixed version follows in a task of
            // its own after that frame.
            request_animation_frame(move || set_timeout(render, std::time::Duration::ZERO));
        } else {
            render();
        }
    });
    // The presenter's code size changes the rows' height.
    Effect::new(move |_| {
        store.code_size.track();
        request_animation_frame(move || {
            with_pane(&|d, pre, scroller| d.draw_window(pre, scroller, true))
        });
    });
    // The Fix tab (narrow layout, embeds) opens at the first change, not at line 1; "Show the
    // fix" scrolls to that finding's fix.
    Effect::new(move |_| {
        let on_fix = store.tab.get() == Tab::Fixed;
        let target = store.fix_target.get();
        drawn.track();
        if on_fix || target.is_some() {
            request_animation_frame(move || {
                with_pane(&|d, pre, scroller| d.reveal(pre, scroller, target))
            });
        }
    });
    let settling = move || {
        store
            .analysis
            .with(|a| a.as_ref().is_some_and(|a| !a.settled))
    };
    let note = move || {
        store.analysis.with(|a| match a {
            Some(a) if !a.settled => "Settling the fixes…".to_owned(),
            Some(a) => crate::view::fix_note(&a.report),
            None => String::new(),
        })
    };
    // The gaps a partial fix leaves, each with why ("fixes 1 of 2 gaps").
    let open_gaps = move || {
        store.analysis.with(|a| {
            a.as_ref()
                .filter(|a| a.settled && a.report.errors.is_empty())
                .map(|a| crate::view::fix_summary(&a.report))
                .filter(|s| s.closed > 0 && !s.open.is_empty())
                .map(|s| s.open)
                .unwrap_or_default()
        })
    };
    let copy = move |_| {
        let text = store.analysis.with_untracked(|a| {
            a.as_ref()
                .filter(|a| a.settled)
                .map(|a| a.report.fixed_source.clone())
        });
        if let Some(text) = text {
            leptos::task::spawn_local(async move {
                if browser::copy_text(&text).await {
                    copied.set(true);
                    set_timeout(
                        move || copied.set(false),
                        std::time::Duration::from_millis(1500),
                    );
                }
            });
        }
    };
    view! {
        <section class="pane fixed-pane" aria-labelledby="fixed-title" aria-busy=move || settling().to_string()>
            <header class="pane-head">
                <h2 id="fixed-title">"Fixed version"</h2>
                <span class="diffstat" aria-label=move || stats.with(|s| format!("{} lines added or changed, {} removed", s.added, s.removed))>
                    <span class="plus">{move || format!("+{}", stats.with(|s| s.added))}</span>
                    " "
                    <span class="minus">{move || format!("−{}", stats.with(|s| s.removed))}</span>
                </span>
                <button type="button" class="btn small" on:click=copy>
                    {move || if copied.get() { "Copied ✓" } else { "Copy" }}
                </button>
            </header>
            <p class="pane-note" data-testid="fix-note">{note}</p>
            <Show when=move || !open_gaps().is_empty()>
                <ul class="open-gaps" data-testid="open-gaps">
                    <For each=open_gaps key=|g| g.clone() let:gap>
                        <li>
                            <code>{gap.rule}</code>" in "<code>{gap.action.clone()}</code>": "{gap.reason.clone()}
                        </li>
                    </For>
                </ul>
            </Show>
            <div class="code-scroll" node_ref=scroll_ref
                on:scroll=move |_| with_pane(&|d, pre, scroller| d.draw_window(pre, scroller, false))>
                <pre class="code-layer static" node_ref=pre_ref aria-label="Fixed code" tabindex="0"></pre>
            </div>
        </section>
    }
}

/// The open files: one tab each (select; close and add when `editable`, as in the full view
/// but not in an embed). Imports between them resolve as the CLI resolves a project's.
#[component]
pub fn FileTabs(store: Store, editable: bool) -> impl IntoView {
    let tabs = move || {
        store
            .files
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, f)| (i, f.name))
            .collect::<Vec<_>>()
    };
    // The tab being dragged to a new place.
    let dragging = RwSignal::new(None::<usize>);
    view! {
        <div class="file-tabs" role="group" aria-label="Files" data-testid="file-tabs">
            <For each=tabs key=|(i, name)| (*i, name.clone()) let:item>
                {
                    let (index, name) = item;
                    let selected = move || store.active.get() == index;
                    let shown = move || if selected() { store.file_name.get() } else { name.clone() };
                    let count = move || store.files.with(|f| f.len());
                    let several = move || count() > 1;
                    // Alt+Shift+←/→ on a tab moves it (the keyboard's way to reorder).
                    let on_key = move |ev: web_sys::KeyboardEvent| {
                        if !editable || !ev.alt_key() || !ev.shift_key() {
                            return;
                        }
                        let to = match ev.key().as_str() {
                            "ArrowLeft" if index > 0 => index - 1,
                            "ArrowRight" if index + 1 < count() => index + 1,
                            _ => return,
                        };
                        ev.prevent_default();
                        store.move_tab(index, to);
                        focus_tab(to);
                    };
                    view! {
                        <span class="file-tab" class:active=selected class:drop-target=move || dragging.get().is_some_and(|d| d != index)
                            draggable=move || (editable && several()).then_some("true")
                            on:dragstart=move |ev: web_sys::DragEvent| {
                                dragging.set(Some(index));
                                if let Some(t) = ev.data_transfer() {
                                    t.set_effect_allowed("move");
                                    let _ = t.set_data("text/plain", "");
                                }
                            }
                            on:dragover=move |ev: web_sys::DragEvent| if dragging.get_untracked().is_some() { ev.prevent_default() }
                            on:drop=move |ev: web_sys::DragEvent| {
                                if let Some(from) = dragging.get_untracked() {
                                    ev.prevent_default();
                                    store.move_tab(from, index);
                                }
                                dragging.set(None);
                            }
                            on:dragend=move |_| dragging.set(None)>
                            <button type="button" class="file-tab-name"
                                aria-current=move || selected().then_some("true")
                                aria-keyshortcuts=move || (editable && several()).then_some("Alt+Shift+ArrowLeft Alt+Shift+ArrowRight")
                                title=move || (editable && several()).then_some("Drag, or Alt+Shift+← / →, to reorder")
                                on:keydown=on_key
                                on:click=move |_| if !selected() { store.switch_tab(index) }>
                                {shown}
                            </button>
                            <Show when=move || editable && several()>
                                <button type="button" class="file-tab-close" aria-label="Close this file"
                                    title="Close this file" on:click=move |_| store.close_tab(index)>
                                    "×"
                                </button>
                            </Show>
                        </span>
                    }
                }
            </For>
            <Show when=move || editable>
                <button type="button" class="file-tab-add" data-testid="add-tab" title="Add a file to this project"
                    on:click=move |_| store.add_file(store.new_file_name())>
                    "+ Add file"
                </button>
            </Show>
        </div>
    }
}

/// Puts the keyboard focus on tab `index`'s name (after it moved).
fn focus_tab(index: usize) {
    request_animation_frame(move || {
        let selector = format!(
            "[data-testid=file-tabs] .file-tab:nth-of-type({}) .file-tab-name",
            index + 1
        );
        if let Ok(Some(el)) = document().query_selector(&selector) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// The opened example's title and lesson, with the previous and next example of the track: a
/// workshop walks through the gallery without leaving the workspace.
#[component]
fn LessonBar(store: Store) -> impl IntoView {
    // In a challenge, the challenge bar takes its place.
    let place = move || {
        if store.challenge.with(|c| c.is_some()) {
            return None;
        }
        store
            .lesson
            .get()
            .and_then(|e| crate::examples::track_position(e.id).map(|p| (e, p)))
    };
    view! {
        {move || place().map(|(example, (n, prev, next))| {
            let total = crate::examples::EXAMPLES.len();
            view! {
                <section class="lesson-bar" aria-label="Lesson" data-testid="lesson">
                    <span class="lesson-step">{format!("{n} of {total}")}</span>
                    <div class="lesson-text">
                        <strong class="lesson-title">{example.title}</strong>
                        <span class="lesson-line">{example.lesson}</span>
                    </div>
                    {(example.variant == crate::examples::Variant::Vulnerable).then(|| view! {
                        <button type="button" class="btn" data-testid="try-challenge"
                            title="Fix it yourself: see only how many high findings are left"
                            on:click=move |_| store.open_challenge()>
                            "Try it as a challenge"
                        </button>
                    })}
                    <button type="button" class="btn lesson-prev" disabled=prev.is_none()
                        title=prev.map(|e| e.title).unwrap_or_default()
                        on:click=move |_| { if let Some(e) = prev { store.load_example(e) } }>
                        "← Previous"
                    </button>
                    <button type="button" class="btn lesson-next" disabled=next.is_none()
                        title=next.map(|e| e.title).unwrap_or_default()
                        on:click=move |_| { if let Some(e) = next { store.load_example(e) } }>
                        "Next →"
                    </button>
                </section>
            }
        })}
    }
}

/// A challenge: how many high findings are left (not which), hints one step at a time from the
/// first finding's rule docs, and "Solved" once none is left and every action still does its job.
#[component]
fn ChallengeBar(store: Store) -> impl IntoView {
    use crate::challenge::Status;
    let hints = RwSignal::new(0usize);
    let status = move || {
        let challenge = store.challenge.get()?;
        store.analysis.with(|a| {
            a.as_ref()
                .map(|a| (challenge.high, challenge.status(&a.report)))
        })
    };
    let text = move || {
        match status() {
        None => String::new(),
        Some((_, Status::Unparsed)) => "The file does not parse yet: finish the edit.".to_owned(),
        Some((_, Status::LostWork(lost))) => {
            let (action, effect) = &lost[0];
            format!("Not yet: `{action}` no longer runs `{effect}`. A fix keeps what the action does.")
        }
        Some((start, Status::Open(n))) => format!(
            "{n} of {start} high findings left. Make every action safe without removing what it does."
        ),
        Some((_, Status::Solved)) => {
            "Solved ✓ — no high finding left, and every action still does its job.".to_owned()
        }
    }
    };
    let solved = move || matches!(status(), Some((_, Status::Solved)));
    // Hint steps from the first high finding's rule: which rule, what it checks, how to fix.
    let hint_steps = move || -> Vec<String> {
        store.analysis.with(|a| {
            let Some(f) = a.as_ref().and_then(|a| {
                a.report
                    .findings
                    .iter()
                    .find(|f| f.severity == actiongate_analyzer::Severity::High)
            }) else {
                return Vec::new();
            };
            let Some(meta) = rule_by_id(f.rule) else {
                return Vec::new();
            };
            vec![
                format!(
                    "Look at `{}`, line {}: {}.",
                    f.action, f.position.line, meta.title
                ),
                meta.what_it_does.to_owned(),
                meta.how_to_fix.to_owned(),
            ]
        })
    };
    view! {
        <Show when=move || store.challenge.with(|c| c.is_some())>
            <section class="challenge-bar" class:solved=solved aria-label="Challenge" data-testid="challenge">
                <strong class="challenge-title">{move || if solved() { "Challenge solved" } else { "Challenge" }}</strong>
                <p class="challenge-status" data-testid="challenge-status" aria-live="polite">{move || view! { <Rich text=text()/> }}</p>
                <Show when=move || !solved() && hints.get() < 3 && !hint_steps().is_empty()>
                    <button type="button" class="btn small" data-testid="hint"
                        on:click=move |_| hints.update(|n| *n += 1)>
                        {move || format!("Hint ({} of 3)", hints.get() + 1)}
                    </button>
                </Show>
                <Show when=move || !solved() && hints.get() != 0>
                    <ol class="hints" data-testid="hints">
                        {move || hint_steps().into_iter().take(hints.get()).map(|h| view! { <li><Rich text=h/></li> }).collect_view()}
                    </ol>
                </Show>
            </section>
        </Show>
    }
}
