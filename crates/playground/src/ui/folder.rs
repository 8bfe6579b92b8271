//! "Open folder": a whole project checked in the page, as `actiongate check .` checks it, with
//! progress while it reads and checks, a report listing each file's findings, downloads of the
//! CLI's JSON and SARIF, and each file one click away in the editor (its imports still resolved
//! against the folder). Reading and checking yield to the page every few milliseconds, so a
//! project of thousands of files never freezes typing or scrolling.

use std::collections::HashMap;
use std::sync::Arc;

use actiongate_analyzer::Severity;
use actiongate_check::{FileProblem, ReadProblem, Run, MAX_FILE_SIZE};
use actiongate_permalink::{PlaygroundState, ProjectFile, ViewOptions};
use leptos::html;
use leptos::prelude::*;

use super::files::{self, PickedFile};
use super::{browser, Store};
use crate::folder::{wanted, FolderCheck, OpenedFolder, MAX_FOLDER_FILES};

/// How long the page works before it yields (ms): a frame stays well under 16 ms.
const SLICE_MS: f64 = 10.0;

/// Files read with one wait (their bytes are copied into the wasm memory one by one).
const READ_BATCH: usize = 64;

/// Files listed in the report at first, and per "Show more".
const FILES_PER_PAGE: usize = 50;

/// Where the check of an opened folder is.
#[derive(Clone, Default)]
pub enum FolderStatus {
    /// No folder opened.
    #[default]
    Idle,
    /// Reading files: how many of how many.
    Reading {
        /// The folder's name.
        name: String,
        /// Files read so far.
        done: usize,
        /// Files to read.
        total: usize,
    },
    /// Analysing files: how many of how many.
    Checking {
        /// The folder's name.
        name: String,
        /// Files checked so far.
        done: usize,
        /// Files to check.
        total: usize,
    },
    /// The check could not run (an empty or too big folder).
    Failed {
        /// The folder's name.
        name: String,
        /// What went wrong and what to do.
        message: String,
    },
    /// The report.
    Done(Arc<FolderReport>),
}

/// An opened folder's readable files (path, text), shared by its report and the editor.
pub type FolderSources = Arc<Vec<(String, Arc<str>)>>;

/// A finished folder check.
pub struct FolderReport {
    /// The folder's name.
    pub name: String,
    /// How many files the folder holds.
    pub listed: usize,
    /// `actiongate.toml` files that apply but were not read (the defaults were used).
    pub unread_configs: Vec<String>,
    /// The results, in the CLI's order.
    pub run: Run,
    /// The folder's readable files, for the editor's import resolution.
    pub sources: FolderSources,
}

impl Store {
    /// Reads and checks a folder the user gave the page (a newer folder cancels this one).
    pub fn open_folder(&self, name: String, picked: Vec<PickedFile>) {
        let generation = self.jobs.with_value(|j| j.folder_gen) + 1;
        self.jobs.update_value(|j| j.folder_gen = generation);
        if let Some(d) = self.folder_dialog.get_untracked() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
        let store = *self;
        leptos::task::spawn_local(async move {
            let status = store.check_folder(generation, name.clone(), picked).await;
            if let Some(status) = status {
                store.folder.set(status);
            }
        });
    }

    /// Whether a newer folder (or closing) replaced the check `generation`.
    fn folder_cancelled(&self, generation: u64) -> bool {
        self.jobs.with_value(|j| j.folder_gen) != generation
    }

    /// The whole check: read, plan, analyse. `None` when cancelled.
    async fn check_folder(
        &self,
        generation: u64,
        name: String,
        picked: Vec<PickedFile>,
    ) -> Option<FolderStatus> {
        let failed = |message: String| {
            Some(FolderStatus::Failed {
                name: name.clone(),
                message,
            })
        };
        if picked.len() > MAX_FOLDER_FILES {
            return failed(format!(
                "This folder holds {} files; the page reads at most {MAX_FOLDER_FILES}. Open the app's own folder (the one with package.json), or run `actiongate check` on it.",
                picked.len()
            ));
        }
        let to_read: Vec<&PickedFile> = picked
            .iter()
            .filter(|p| p.file.is_some() && wanted(&p.path))
            .collect();
        let total = to_read.len();
        let mut opened = OpenedFolder {
            name: name.clone(),
            listing: actiongate_check::folder::Listing::new(picked.iter().map(|p| &p.path)),
            texts: HashMap::new(),
        };
        self.folder.set(FolderStatus::Reading {
            name: name.clone(),
            done: 0,
            total,
        });
        let mut done = 0;
        for batch in to_read.chunks(READ_BATCH) {
            // Too large files are refused without reading them, as the CLI does.
            let mut readable = Vec::new();
            for item in batch {
                let Some(file) = &item.file else { continue };
                let size = file.size() as u64;
                if size > MAX_FILE_SIZE {
                    let problem = FileProblem::from(ReadProblem::TooLarge { size });
                    opened.texts.insert(item.path.clone(), Err(problem));
                } else {
                    readable.push((item.path.clone(), file));
                }
            }
            let files: Vec<&web_sys::File> = readable.iter().map(|(_, f)| *f).collect();
            let bytes = match files::read_batch(&files).await {
                Some(all) => all.into_iter().map(Ok).collect(),
                None => {
                    let mut each = Vec::new();
                    for file in &files {
                        each.push(files::read_bytes(file).await);
                    }
                    each
                }
            };
            for ((path, _), bytes) in readable.iter().zip(bytes) {
                let text = match bytes {
                    Ok(bytes) => actiongate_check::decode(bytes)
                        .map(Arc::<str>::from)
                        .map_err(FileProblem::from),
                    Err(err) => Err(FileProblem {
                        message: format!("cannot read file: {err}"),
                        fatal: true,
                    }),
                };
                opened.texts.insert(path.clone(), text);
            }
            done += batch.len();
            if self.folder_cancelled(generation) {
                return None;
            }
            self.folder.set(FolderStatus::Reading {
                name: name.clone(),
                done,
                total,
            });
            yield_to_page().await;
        }
        let sources: FolderSources = Arc::new(
            opened
                .sources()
                .map(|(p, t)| (p.to_owned(), t.clone()))
                .collect(),
        );
        let listed = opened.listing.files().count();
        let mut check = FolderCheck::new(opened);
        let unread_configs = check.unread_configs.clone();
        if check.progress().1 == 0 {
            return failed(
                "No files to check: the folder holds no .ts .tsx .js .jsx .mjs .cjs files outside node_modules, build output and what .gitignore excludes.".to_owned(),
            );
        }
        loop {
            let (done, total) = check.progress();
            self.folder.set(FolderStatus::Checking {
                name: name.clone(),
                done,
                total,
            });
            yield_to_page().await;
            if self.folder_cancelled(generation) {
                return None;
            }
            let slice_start = browser::now();
            let mut more = true;
            while more && browser::now() - slice_start < SLICE_MS {
                more = check.step();
            }
            if !more {
                break;
            }
        }
        Some(FolderStatus::Done(Arc::new(FolderReport {
            name,
            listed,
            unread_configs,
            run: check.finish(),
            sources,
        })))
    }

    /// Opens one file of the folder report in the editor, its imports resolved against the
    /// folder, with finding `selected` selected.
    pub fn open_from_folder(&self, report: &FolderReport, path: &str, selected: Option<usize>) {
        let Some(code) = report
            .sources
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.to_string())
        else {
            self.flash(format!("{path} could not be read as text."));
            return;
        };
        let name = actiongate_permalink::sanitize_file_name(path);
        self.jobs.update_value(|j| {
            j.folder_context = Some(report.sources.clone());
            j.reveal_after_analysis = selected.is_some();
        });
        self.files.set(vec![ProjectFile {
            name: name.clone(),
            code: code.clone(),
        }]);
        self.active.set(0);
        self.notice.set(None);
        self.load(PlaygroundState {
            code,
            file_name: name,
            selected,
            options: ViewOptions {
                show_fixed: self.show_fixed.get_untracked(),
            },
        });
        if let Some(d) = self.folder_dialog.get_untracked() {
            d.close();
        }
    }

    /// Forgets the opened folder (the editor's files stand alone again).
    pub fn close_folder(&self) {
        self.jobs.update_value(|j| {
            j.folder_gen += 1;
            j.folder_context = None;
        });
        self.folder.set(FolderStatus::Idle);
        if let Some(d) = self.folder_dialog.get_untracked() {
            d.close();
        }
        self.analyze_soon(0);
    }

    /// Whether the editor's files are being analysed on top of an opened folder.
    pub fn in_folder(&self) -> bool {
        self.jobs.with_value(|j| j.folder_context.is_some())
    }
}

/// Lets the page paint and handle input before the next slice of work.
async fn yield_to_page() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Handles a drop on the page: a folder is opened; anything else is left to the page (text
/// dropped into the editor) or explained.
pub fn on_drop(store: Store, ev: web_sys::DragEvent) {
    let Some(transfer) = ev.data_transfer() else {
        return;
    };
    if !carries_files(&transfer) {
        return;
    }
    ev.prevent_default();
    leptos::task::spawn_local(async move {
        match files::from_drop(&transfer).await {
            Some((name, picked)) => store.open_folder(name, picked),
            None => store.flash(
                "Drop a folder to check a whole project; to check one file, paste its code."
                    .to_owned(),
            ),
        }
    });
}

/// Lets a drag of files end on the page (the browser would otherwise open them).
pub fn on_drag_over(ev: web_sys::DragEvent) {
    if ev.data_transfer().is_some_and(|t| carries_files(&t)) {
        ev.prevent_default();
    }
}

fn carries_files(transfer: &web_sys::DataTransfer) -> bool {
    transfer
        .types()
        .iter()
        .any(|t| t.as_string().as_deref() == Some("Files"))
}

/// The toolbar's "Open folder" button and its hidden directory picker.
#[component]
pub fn OpenFolderButton(store: Store) -> impl IntoView {
    let input = NodeRef::<html::Input>::new();
    let on_change = move |_| {
        let Some(el) = input.get_untracked() else {
            return;
        };
        if let Some(list) = el.files() {
            let (name, picked) = files::from_file_list(&list);
            if !picked.is_empty() {
                store.open_folder(name, picked);
            }
        }
        // The same folder can be picked again after changes.
        el.set_value("");
    };
    // A directory picker (the attribute has no typed setter in the view macro).
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.set_attribute("webkitdirectory", "");
        }
    });
    view! {
        <input type="file" class="sr-only" tabindex="-1" aria-hidden="true" data-testid="folder-input"
            multiple="" node_ref=input on:change=on_change/>
        <button type="button" class="btn icon-narrow" title="Check a whole project folder in this page (or drop a folder here); nothing is uploaded"
            on:click=move |_| {
                let open = store.folder.with_untracked(|s| matches!(s, FolderStatus::Idle));
                if open {
                    if let Some(el) = input.get_untracked() { el.click(); }
                } else if let Some(d) = store.folder_dialog.get_untracked() {
                    let _ = d.show_modal();
                }
            }>
            <super::icons::Icon name="folder"/>
            <span class="label-text">{move || if store.folder.with(|s| matches!(s, FolderStatus::Idle)) { "Open folder" } else { "Folder report" }}</span>
        </button>
    }
}

/// The folder report (a modal `<dialog>`).
#[component]
pub fn FolderDialog(store: Store) -> impl IntoView {
    let close = move || {
        if let Some(d) = store.folder_dialog.get_untracked() {
            d.close();
        }
    };
    let title = move || match store.folder.get() {
        FolderStatus::Idle => "Folder".to_owned(),
        FolderStatus::Reading { name, .. }
        | FolderStatus::Checking { name, .. }
        | FolderStatus::Failed { name, .. } => name,
        FolderStatus::Done(report) => report.name.clone(),
    };
    let body = move || match store.folder.get() {
        FolderStatus::Idle => view! { <p>"No folder is open."</p> }.into_any(),
        FolderStatus::Reading { done, total, .. } => progress("Reading files", done, total),
        FolderStatus::Checking { done, total, .. } => progress("Checking files", done, total),
        FolderStatus::Failed { message, .. } => {
            view! { <p class="field-error" role="alert" data-testid="folder-error">{message}</p> }
                .into_any()
        }
        FolderStatus::Done(report) => view! { <Report store=store report=report/> }.into_any(),
    };
    view! {
        <dialog class="dialog folder-dialog" node_ref=store.folder_dialog aria-labelledby="folder-title" data-testid="folder-dialog">
            <header class="dialog-head">
                <h2 id="folder-title">{title}</h2>
                <p>"Read and checked in this tab, as "<code>"actiongate check ."</code>" checks it: nothing leaves this machine."</p>
                <button type="button" class="ghost close" aria-label="Close the folder report" on:click=move |_| close()>"×"</button>
            </header>
            <div class="dialog-body">{body}</div>
        </dialog>
    }
}

fn progress(what: &'static str, done: usize, total: usize) -> AnyView {
    view! {
        <div class="folder-progress" role="status" data-testid="folder-progress">
            <p>{format!("{what}… {done} of {total}")}</p>
            <progress max=total.max(1).to_string() value=done.to_string()></progress>
        </div>
    }
    .into_any()
}

/// The finished report: a summary, downloads, and the files with something to show.
#[component]
fn Report(store: Store, report: Arc<FolderReport>) -> impl IntoView {
    let run = &report.run;
    let totals = actiongate_check::output::Totals::of(&run.results);
    let summary = format!(
        "{} checked ({} in the folder) · {} · {} · {} high",
        plural(totals.files, "file"),
        report.listed,
        plural(totals.actions, "Server Action"),
        plural(totals.findings, "finding"),
        totals.high,
    );
    let base = report.name.clone();
    let json_report = report.clone();
    let sarif_report = report.clone();
    let quiet = run.results.iter().filter(|r| !worth_listing(r)).count();
    let listed: Vec<usize> = (0..run.results.len())
        .filter(|&i| worth_listing(&run.results[i]))
        .collect();
    let listed_count = listed.len();
    // A big project lists its files a page at a time: thousands of rows at once would hold the
    // page for a second.
    let shown = RwSignal::new(FILES_PER_PAGE);
    let rows_report = report.clone();
    let rows = move || {
        listed
            .iter()
            .take(shown.get())
            .map(|&i| file_row(store, &rows_report, &rows_report.run.results[i]))
            .collect_view()
    };
    let more = move || {
        let left = listed_count.saturating_sub(shown.get());
        (left > 0).then(|| {
            view! {
                <button type="button" class="btn" data-testid="folder-more"
                    on:click=move |_| shown.update(|n| *n += FILES_PER_PAGE)>
                    {format!("Show {} more ({left} left)", left.min(FILES_PER_PAGE))}
                </button>
            }
        })
    };
    let configs = (!report.unread_configs.is_empty()).then(|| {
        view! {
            <p class="folder-config" role="note" data-testid="folder-config">
                "Not applied here: "{report.unread_configs.join(", ")}
                ". The page checks with the default rules; "<code>"actiongate check ."</code>" applies them."
            </p>
        }
    });
    view! {
        <p class="folder-summary" data-testid="folder-summary">{summary}</p>
        {configs}
        <div class="dialog-actions">
            <button type="button" class="btn" data-testid="download-json" on:click=move |_| {
                files::download(&format!("{base}-actiongate.json"), "application/json", &actiongate_check::output::json::render(&json_report.run.results));
            }>"Download JSON"</button>
            <button type="button" class="btn" data-testid="download-sarif" on:click=move |_| {
                files::download(&format!("{}-actiongate.sarif", sarif_report.name), "application/sarif+json", &actiongate_check::output::sarif::render(&sarif_report.run.results));
            }>"Download SARIF"</button>
            <button type="button" class="btn" on:click=move |_| store.close_folder()>"Close folder"</button>
        </div>
        <ul class="folder-files" data-testid="folder-files">{rows}</ul>
        {more}
        <p class="hint">{match quiet {
            0 => String::new(),
            1 => "1 other file has no Server Actions and no problems.".to_owned(),
            n => format!("{n} other files have no Server Actions and no problems."),
        }}</p>
        <p class="hint">"A file opened from here is analysed with the folder's files; a shared link carries the open tabs only."</p>
    }
}

/// Files with actions, findings or problems are listed.
fn worth_listing(r: &actiongate_check::FileResult) -> bool {
    !r.problems.is_empty()
        || r.report.as_ref().is_some_and(|rep| {
            !rep.actions.is_empty() || !rep.findings.is_empty() || !rep.errors.is_empty()
        })
}

fn file_row(
    store: Store,
    report: &Arc<FolderReport>,
    r: &actiongate_check::FileResult,
) -> impl IntoView {
    let path = r.display.clone();
    let (actions, findings) = r.report.as_ref().map_or((0, Vec::new()), |rep| {
        (rep.actions.len(), rep.findings.clone())
    });
    let counts = if findings.is_empty() {
        format!("{} · no findings", plural(actions, "action"))
    } else {
        format!(
            "{} · {}",
            plural(actions, "action"),
            plural(findings.len(), "finding")
        )
    };
    let problems: Vec<String> = r
        .problems
        .iter()
        .map(|p| p.message.clone())
        .chain(r.report.iter().flat_map(|rep| {
            rep.errors
                .iter()
                .map(|e| format!("{}:{}: {}", e.position.line, e.position.column, e.message))
        }))
        .collect();
    let open_report = report.clone();
    let open_path = path.clone();
    let finding_rows = findings
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let report = report.clone();
            let path = path.clone();
            let severity = match f.severity {
                Severity::High => "high",
                Severity::Medium => "medium",
                Severity::Low => "low",
            };
            view! {
                <li>
                    <button type="button" class="folder-finding"
                        on:click=move |_| store.open_from_folder(&report, &path, Some(i))>
                        <span class=format!("sev sev-{severity}")>{severity}</span>
                        <span class="rule">{f.rule}</span>
                        <span class="line">{format!("line {}", f.position.line)}</span>
                        <span class="message"><super::icons::Rich text=f.message.clone()/></span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="folder-file" data-file=path.clone()>
            <div class="folder-file-head">
                <button type="button" class="link-btn folder-file-name" on:click=move |_| store.open_from_folder(&open_report, &open_path, None)>{path.clone()}</button>
                <span class="hint">{counts}</span>
            </div>
            {problems.into_iter().map(|p| view! { <p class="field-error">{p}</p> }).collect_view()}
            <ul class="folder-findings">{finding_rows}</ul>
        </li>
    }
}

fn plural(n: usize, word: &str) -> String {
    actiongate_check::output::plural(n, word)
}
