//! The browser UI: a Leptos CSR app.
//!
//! * [`Store`] is the one state store: the code, file name, selected finding and view options
//!   (exactly what a permalink holds), plus UI state (messages, the narrow-screen tab).
//! * The analysis is a value derived from the code: re-run after a short, adaptive debounce
//!   while typing (immediately on load and on Ctrl/Cmd+Enter) and kept in `Store::analysis`.
//!   Until it finishes, the previous findings are moved along with the text
//!   ([`crate::view::remap_marks`]). A big input is analysed in a Web Worker
//!   ([`analysis_worker`]): its findings arrive first, its settled fixes after.
//! * Components are split by what the user sees: [`editor`], [`panels`] (findings, explanation,
//!   fixed pane) and [`dialogs`] (examples, share, embed).

use std::sync::Arc;
use std::time::Duration;

use actiongate_permalink::{
    is_valid_file_name, PlaygroundState, ProjectFile, ProjectState, ViewOptions, MAX_FILES,
};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::analysis::{Job, Stage};
use crate::examples::Example;
use crate::state::{self, share_project_fragment, share_url};
use crate::view::Analysis;
use crate::wire::{Reply, Request};

pub mod analysis_worker;
pub mod browser;
pub mod dialogs;
pub mod editor;
pub mod files;
pub mod folder;
pub mod icons;
pub mod panels;
pub mod render;

/// The code's font size outside presenter mode, and the bounds of the presenter's control (px).
pub const DEFAULT_CODE_SIZE: u32 = 13;
const PRESENTER_CODE_SIZE: u32 = 18;
const CODE_SIZES: std::ops::RangeInclusive<u32> = 11..=32;

/// Which pane the tabbed (narrow and embed) layouts show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The editor.
    Code,
    /// The fixed version.
    Fixed,
}

/// Timers and counters that are not reactive.
#[derive(Debug, Default)]
struct Jobs {
    analysis_gen: u64,
    /// The generation of the analysis shown, and whether its fixes have settled: an answer of
    /// the worker older than that is dropped.
    shown: (u64, bool),
    /// Requests sent to the worker that may still be answered, oldest first (at most two).
    in_worker: Vec<InWorker>,
    url_gen: u64,
    toast_gen: u64,
    last_analysis_ms: f64,
    /// The fragment last written to (or read from) the URL, to ignore our own changes.
    last_fragment: String,
    /// Reveal the selected finding after the next analysis (a link with a selection).
    reveal_after_analysis: bool,
    /// A paste is about to replace the whole text (the next input names the file anew).
    pasting_whole: bool,
    /// Bumped when a folder is opened or closed: an older folder's reading stops.
    folder_gen: u64,
    /// The opened folder's readable files: the tabs are analysed as edits on top of them.
    folder_context: Option<folder::FolderSources>,
}

/// A request the analysis worker is answering: what it analyses, and when it was sent.
#[derive(Debug)]
struct InWorker {
    generation: u64,
    code: String,
    file_name: String,
    started: f64,
}

/// The editor's text as last highlighted, with its tokens and line ranges: the editor draws
/// from it, and the fixed pane diffs the analysed text with the same tokens (a big file is
/// parsed for highlighting once, not once per pane).
#[derive(Debug, Default)]
pub struct Highlighted {
    /// The file name it was highlighted as (the dialect).
    pub file_name: String,
    /// The text.
    pub code: String,
    /// Its syntax tokens.
    pub tokens: Vec<actiongate_analyzer::highlight::HighlightToken>,
    /// Its lines' byte ranges ([`crate::lines::line_ranges`]).
    pub ranges: Vec<(u32, u32)>,
}

/// The playground's state store.
#[derive(Clone, Copy)]
pub struct Store {
    /// The code in the editor.
    pub code: RwSignal<String>,
    /// The file name it is analysed as.
    pub file_name: RwSignal<String>,
    /// Every open file (tab), in order; the active one's text is `code` (kept here on switch).
    pub files: RwSignal<Vec<ProjectFile>>,
    /// Index of the active tab in `files`.
    pub active: RwSignal<usize>,
    /// The gallery example being worked on (its lesson shows above the code), if the files
    /// were loaded as one.
    pub lesson: RwSignal<Option<&'static Example>>,
    /// Presenter mode: bigger code and UI for a projector; arrow keys step through findings.
    pub presenter: RwSignal<bool>,
    /// The code's font size in pixels (the presenter's control).
    pub code_size: RwSignal<u32>,
    /// The challenge this page was opened as (`?challenge=`), if any.
    pub challenge: RwSignal<Option<crate::challenge::Challenge>>,
    /// Index of the selected finding.
    pub selected: RwSignal<Option<usize>>,
    /// Whether the fixed version is shown beside the editor (wide layout).
    pub show_fixed: RwSignal<bool>,
    /// The fix the fixed pane should scroll to ("Show the fix"): a byte offset of the code.
    pub fix_target: RwSignal<Option<usize>>,
    /// The latest analysis (derived from `code` and `file_name`).
    pub analysis: RwSignal<Option<Arc<Analysis>>>,
    /// A message about the page itself (a link that could not be opened).
    pub notice: RwSignal<Option<String>>,
    /// A short-lived confirmation ("Link copied").
    pub toast: RwSignal<Option<String>>,
    /// The last shared link, shown for manual copying.
    pub share_link: RwSignal<Option<String>>,
    /// The pane shown in tabbed layouts.
    pub tab: RwSignal<Tab>,
    /// Compact embed view.
    pub embed: bool,
    /// The editor's textarea.
    pub textarea: NodeRef<html::Textarea>,
    /// Bumped to ask the editor to reveal the selected finding; the flag says whether to move
    /// the focus and the cursor there too (a click), or only scroll to it (a restored link).
    pub reveal: RwSignal<(u64, bool)>,
    /// The check of an opened folder (reading, checking, its report).
    pub folder: RwSignal<folder::FolderStatus>,
    /// The folder report's dialog.
    pub folder_dialog: NodeRef<html::Dialog>,
    jobs: StoredValue<Jobs>,
    highlighted: StoredValue<Highlighted>,
}

impl Store {
    fn new(startup: &state::Startup) -> Store {
        let s = &startup.state;
        Store {
            code: RwSignal::new(s.code.clone()),
            file_name: RwSignal::new(s.file_name.clone()),
            files: RwSignal::new(if startup.files.is_empty() {
                vec![ProjectFile {
                    name: s.file_name.clone(),
                    code: s.code.clone(),
                }]
            } else {
                startup.files.clone()
            }),
            active: RwSignal::new(
                startup
                    .files
                    .iter()
                    .position(|f| f.name == s.file_name && f.code == s.code)
                    .unwrap_or(0),
            ),
            selected: RwSignal::new(s.selected),
            lesson: RwSignal::new(None),
            presenter: RwSignal::new(false),
            code_size: RwSignal::new(DEFAULT_CODE_SIZE),
            challenge: RwSignal::new(crate::challenge::from_search(&browser::search())),
            show_fixed: RwSignal::new(s.options.show_fixed),
            fix_target: RwSignal::new(None),
            analysis: RwSignal::new(None),
            notice: RwSignal::new(startup.notice.clone()),
            toast: RwSignal::new(None),
            share_link: RwSignal::new(None),
            tab: RwSignal::new(Tab::Code),
            embed: startup.embed,
            textarea: NodeRef::new(),
            reveal: RwSignal::new((0, false)),
            folder: RwSignal::new(folder::FolderStatus::Idle),
            folder_dialog: NodeRef::new(),
            jobs: StoredValue::new(Jobs {
                reveal_after_analysis: s.selected.is_some(),
                last_fragment: state::split_embed_fragment(&browser::hash()).1.to_owned(),
                ..Jobs::default()
            }),
            highlighted: StoredValue::new(Highlighted::default()),
        }
    }

    /// The tokens of `code` as `file_name` when it is the text highlighted last.
    pub fn cached_tokens(
        &self,
        code: &str,
        file_name: &str,
    ) -> Option<Vec<actiongate_analyzer::highlight::HighlightToken>> {
        self.highlighted
            .with_value(|h| (h.code == code && h.file_name == file_name).then(|| h.tokens.clone()))
    }

    /// Runs `f` on `code` highlighted as `file_name`, parsing it only when it is not the text
    /// highlighted last.
    pub fn with_highlight<R>(
        &self,
        code: &str,
        file_name: &str,
        f: impl FnOnce(&Highlighted) -> R,
    ) -> R {
        let stale = self
            .highlighted
            .with_value(|h| h.code != code || h.file_name != file_name);
        if stale {
            self.highlighted.update_value(|h| {
                h.tokens = actiongate_analyzer::highlight::highlight(code, file_name);
                h.ranges = crate::lines::line_ranges(code);
                code.clone_into(&mut h.code);
                file_name.clone_into(&mut h.file_name);
            });
        }
        self.highlighted.with_value(f)
    }

    /// The shareable state, read without tracking.
    pub fn snapshot(&self) -> PlaygroundState {
        PlaygroundState {
            code: self.code.get_untracked(),
            file_name: self.file_name.get_untracked(),
            selected: self.selected.get_untracked(),
            options: ViewOptions {
                show_fixed: self.show_fixed.get_untracked(),
            },
        }
    }

    /// Every tab with the active one's current text.
    pub fn tabs_snapshot(&self) -> Vec<ProjectFile> {
        let mut files = self.files.get_untracked();
        let active = self.active.get_untracked();
        if let Some(file) = files.get_mut(active) {
            file.name = self.file_name.get_untracked();
            file.code = self.code.get_untracked();
        }
        files
    }

    /// The shareable state of every tab, read without tracking.
    pub fn project_snapshot(&self) -> ProjectState {
        let one = self.snapshot();
        ProjectState {
            files: self.tabs_snapshot(),
            active: self.active.get_untracked(),
            selected: one.selected,
            options: one.options,
        }
    }

    /// Shows tab `index` in the editor (keeping the current tab's text).
    pub fn switch_tab(&self, index: usize) {
        let files = self.tabs_snapshot();
        let Some(file) = files.get(index).cloned() else {
            return;
        };
        self.files.set(files);
        self.active.set(index);
        self.show_file(file, None);
        self.url_soon();
    }

    /// Opens a new tab named `name` (or shows the tab of that name), ready to paste into.
    pub fn add_file(&self, name: String) {
        let mut files = self.tabs_snapshot();
        if let Some(index) = files.iter().position(|f| f.name == name) {
            return self.switch_tab(index);
        }
        if files.len() >= MAX_FILES {
            self.flash(format!("A playground holds at most {MAX_FILES} files."));
            return;
        }
        files.push(ProjectFile {
            name,
            code: String::new(),
        });
        let index = files.len() - 1;
        self.files.set(files);
        self.switch_tab(index);
        if let Some(t) = self.textarea.get_untracked() {
            let _ = t.focus();
        }
    }

    /// A free name for a new tab (`lib/helpers.ts`, `lib/helpers-2.ts`, ...).
    pub fn new_file_name(&self) -> String {
        let files = self.files.get_untracked();
        (1..)
            .map(|n| match n {
                1 => "lib/helpers.ts".to_owned(),
                n => format!("lib/helpers-{n}.ts"),
            })
            .find(|name| !files.iter().any(|f| &f.name == name))
            .unwrap_or_default()
    }

    /// Closes tab `index` (the last tab stays).
    pub fn close_tab(&self, index: usize) {
        let mut files = self.tabs_snapshot();
        if files.len() <= 1 || index >= files.len() {
            return;
        }
        files.remove(index);
        let active = self.active.get_untracked();
        let next = if active > index || active == files.len() {
            active.saturating_sub(1)
        } else {
            active
        };
        let file = files[next].clone();
        self.files.set(files);
        self.active.set(next);
        self.show_file(file, None);
        self.url_soon();
    }

    /// Moves tab `from` to position `to` (the active file stays active; the link keeps the
    /// order).
    pub fn move_tab(&self, from: usize, to: usize) {
        let mut files = self.tabs_snapshot();
        if from >= files.len() || to >= files.len() || from == to {
            return;
        }
        let file = files.remove(from);
        files.insert(to, file);
        let active = self.active.get_untracked();
        let moved_active = if active == from {
            to
        } else if from < active && active <= to {
            active - 1
        } else if to <= active && active < from {
            active + 1
        } else {
            active
        };
        self.files.set(files);
        self.active.set(moved_active);
        self.url_soon();
    }

    /// Puts one file in the editor and analyses it.
    fn show_file(&self, file: ProjectFile, selected: Option<usize>) {
        self.share_link.set(None);
        let code = state::normalize_newlines(&file.code);
        if let Some(t) = self.textarea.get_untracked() {
            t.set_value(&code);
            t.set_selection_range(0, 0).ok();
        }
        self.code.set(code);
        self.file_name.set(file.name);
        self.selected.set(selected);
        self.analyze_soon(0);
    }

    /// Replaces the whole state with several files (a multi-file link).
    pub fn load_files(&self, files: Vec<ProjectFile>, s: PlaygroundState) {
        let active = files
            .iter()
            .position(|f| f.name == s.file_name && f.code == s.code)
            .unwrap_or(0);
        self.files.set(files);
        self.active.set(active);
        self.load(s);
    }

    /// Recognises an unchanged gallery example among the tabs (its lesson then shows).
    fn find_lesson(&self) {
        let files = self.tabs_snapshot();
        let pairs: Vec<(&str, &str)> = files
            .iter()
            .map(|f| (f.name.as_str(), f.code.as_str()))
            .collect();
        self.lesson.set(crate::examples::matching(&pairs));
    }

    /// Replaces the whole state (an example, a link), including the textarea's text.
    pub fn load(&self, s: PlaygroundState) {
        // One file: the tabs are just this one.
        if self.files.with_untracked(|f| f.len() <= 1)
            || !self
                .files
                .with_untracked(|f| f.iter().any(|f| f.name == s.file_name && f.code == s.code))
        {
            self.files.set(vec![ProjectFile {
                name: s.file_name.clone(),
                code: s.code.clone(),
            }]);
            self.active.set(0);
        }
        let code = state::normalize_newlines(&s.code);
        if let Some(t) = self.textarea.get_untracked() {
            t.set_value(&code);
            t.set_selection_range(0, 0).ok();
        }
        self.share_link.set(None);
        self.code.set(code);
        self.file_name.set(s.file_name);
        self.selected.set(s.selected);
        self.show_fixed.set(s.options.show_fixed);
        self.jobs
            .update_value(|j| j.reveal_after_analysis = s.selected.is_some());
        self.find_lesson();
        self.analyze_soon(0);
    }

    /// A paste is about to replace the whole editor (its selection covers all of it).
    pub fn on_whole_paste(&self) {
        self.jobs.update_value(|j| j.pasting_whole = true);
    }

    /// The user typed: keep the text, re-analyse after a pause, update the link. A paste over
    /// the whole text of the only tab is a new file: its name comes from the code, not from
    /// the example it replaced.
    pub fn on_input(&self, code: String) {
        let whole = self.jobs.with_value(|j| j.pasting_whole);
        self.jobs.update_value(|j| j.pasting_whole = false);
        if whole && self.files.with_untracked(|f| f.len() <= 1) {
            let name = state::infer_file_name(&code);
            self.file_name.set(name.clone());
            self.files.update(|f| {
                if let Some(first) = f.first_mut() {
                    first.name = name;
                }
            });
        }
        // A link shown for copying would no longer be this code's.
        self.share_link.set(None);
        let offload = analysis_worker::wanted(code.len())
            && self.jobs.with_value(|j| j.folder_context.is_none());
        self.code.set(code);
        if whole && offload {
            // A big paste goes to the worker at once: it analyses while this thread draws.
            self.analyze_now();
        } else if whole {
            // A paste of a whole file is not typing: no pause to wait for, only the frame that
            // shows the pasted text.
            self.analyze_after_paint();
        } else {
            let delay = self
                .jobs
                .with_value(|j| (j.last_analysis_ms * 3.0).clamp(180.0, 1200.0));
            self.analyze_soon(delay as u64);
        }
        self.url_soon();
    }

    /// Schedules an analysis in a task of its own after the next frame (the page paints what
    /// changed first); a newer request cancels it.
    pub fn analyze_after_paint(&self) {
        let generation = self.jobs.with_value(|j| j.analysis_gen) + 1;
        self.jobs.update_value(|j| j.analysis_gen = generation);
        let store = *self;
        request_animation_frame(move || {
            set_timeout(
                move || {
                    if store.jobs.with_value(|j| j.analysis_gen) == generation {
                        store.analyze_now();
                    }
                },
                Duration::ZERO,
            )
        });
    }

    /// The user picked another file name.
    pub fn set_file_name(&self, name: String) {
        if is_valid_file_name(&name) && name != self.file_name.get_untracked() {
            self.share_link.set(None);
            self.file_name.set(name);
            self.analyze_soon(0);
            self.url_soon();
        }
    }

    /// Schedules an analysis after `delay_ms`; a newer request cancels an older one.
    pub fn analyze_soon(&self, delay_ms: u64) {
        let generation = self.jobs.with_value(|j| j.analysis_gen) + 1;
        self.jobs.update_value(|j| j.analysis_gen = generation);
        let store = *self;
        set_timeout(
            move || {
                if store.jobs.with_value(|j| j.analysis_gen) == generation {
                    store.analyze_now();
                }
            },
            Duration::from_millis(delay_ms),
        );
    }

    /// Runs the analyzer on the current code: a big input in the worker (its answers arrive in
    /// [`Store::on_worker_reply`]), a small one here and now.
    pub fn analyze_now(&self) {
        let generation = self.jobs.with_value(|j| j.analysis_gen) + 1;
        self.jobs.update_value(|j| j.analysis_gen = generation);
        let code = self.code.get_untracked();
        let file_name = self.file_name.get_untracked();
        let started = browser::now();
        let files = self.tabs_snapshot();
        let active = self.active.get_untracked();
        let context = self.jobs.with_value(|j| j.folder_context.clone());
        // An opened folder's files stay on this page (the tabs are edits on top of them).
        if context.is_none() && analysis_worker::wanted(code.len()) {
            let request = Request {
                generation,
                files,
                active,
            };
            if analysis_worker::send(*self, &request) {
                self.jobs.update_value(|j| {
                    // Only the oldest unanswered request may still be running: the worker drops
                    // any other waiting one for this newer one (so at most two are kept).
                    j.in_worker.retain(|w| w.generation > j.shown.0);
                    j.in_worker.truncate(1);
                    j.in_worker.push(InWorker {
                        generation,
                        code,
                        file_name,
                        started,
                    });
                });
                return;
            }
            return self.analyze_now();
        }
        analysis_worker::cancel();
        let job = Job {
            files: &files,
            active,
            folder: context.as_ref().map(|c| c.as_slice()),
        };
        let (report, others) = job.run(Stage::Settled, true);
        let millis = browser::now() - started;
        self.show(
            generation,
            true,
            Analysis {
                code,
                file_name,
                report,
                millis,
                others,
                settled: true,
            },
        );
    }

    /// The page's first analysis, before its first paint: a small input's findings now (the
    /// first round, so the first frame shows them) and its settled fixes in a task after that
    /// frame; a big input goes to the worker.
    fn analyze_at_start(&self) {
        let code = self.code.get_untracked();
        if analysis_worker::wanted(code.len()) {
            return self.analyze_now();
        }
        let generation = self.jobs.with_value(|j| j.analysis_gen) + 1;
        self.jobs.update_value(|j| j.analysis_gen = generation);
        let started = browser::now();
        let files = self.tabs_snapshot();
        let job = Job {
            files: &files,
            active: self.active.get_untracked(),
            folder: None,
        };
        let (report, others) = job.run(Stage::First, true);
        let millis = browser::now() - started;
        self.show(
            generation,
            false,
            Analysis {
                code,
                file_name: self.file_name.get_untracked(),
                report,
                millis,
                others,
                settled: false,
            },
        );
        self.analyze_after_paint();
    }

    /// An answer of the analysis worker: shown unless the page shows a newer analysis already
    /// (or this one's settled stage).
    pub fn on_worker_reply(&self, reply: Reply) {
        let (shown, shown_settled) = self.jobs.with_value(|j| j.shown);
        let settled = reply.stage == Stage::Settled;
        if reply.generation < shown || reply.generation == shown && (shown_settled || !settled) {
            return;
        }
        let Some((code, file_name, started)) = self.jobs.with_value(|j| {
            j.in_worker
                .iter()
                .find(|w| w.generation == reply.generation)
                .map(|w| (w.code.clone(), w.file_name.clone(), w.started))
        }) else {
            return;
        };
        // The settled stage changes the fixes only: the other tabs came with the first one.
        let others = if settled && reply.generation == shown {
            self.analysis
                .with_untracked(|a| a.as_ref().map(|a| a.others.clone()))
                .unwrap_or_default()
        } else {
            reply.others
        };
        let millis = if settled {
            self.analysis
                .with_untracked(|a| a.as_ref().map(|a| a.millis))
                .filter(|_| reply.generation == shown)
                .unwrap_or_else(|| browser::now() - started)
        } else {
            browser::now() - started
        };
        if settled {
            self.jobs
                .update_value(|j| j.in_worker.retain(|w| w.generation > reply.generation));
        }
        self.show(
            reply.generation,
            settled,
            Analysis {
                code,
                file_name,
                report: reply.report,
                millis,
                others,
                settled,
            },
        );
    }

    /// Shows an analysis of generation `generation` (its fixes `settled` or not yet).
    fn show(&self, generation: u64, settled: bool, analysis: Analysis) {
        let count = analysis.report.findings.len();
        if self.selected.get_untracked().is_some_and(|i| i >= count) {
            self.selected.set(None);
        }
        let millis = analysis.millis;
        self.jobs.update_value(|j| {
            j.last_analysis_ms = millis;
            j.shown = (generation, settled);
        });
        self.analysis.set(Some(Arc::new(analysis)));
        let reveal = self.jobs.with_value(|j| j.reveal_after_analysis);
        if reveal {
            self.jobs.update_value(|j| j.reveal_after_analysis = false);
            if self.selected.get_untracked().is_some() && !self.embed {
                self.reveal.update(|r| *r = (r.0 + 1, false));
            }
        }
    }

    /// Selects a finding (or none) and, if asked, moves the cursor to it.
    pub fn select(&self, index: Option<usize>, reveal: bool) {
        self.selected.set(index);
        self.url_soon();
        if reveal && index.is_some() {
            self.tab.set(Tab::Code);
            self.reveal.update(|r| *r = (r.0 + 1, true));
        }
    }

    /// Writes the state into the URL after a pause (typing does not create history entries).
    pub fn url_soon(&self) {
        let generation = self.jobs.with_value(|j| j.url_gen) + 1;
        self.jobs.update_value(|j| j.url_gen = generation);
        let store = *self;
        let delay = if self.code.with_untracked(|c| c.len()) > 200_000 {
            1500
        } else {
            400
        };
        set_timeout(
            move || {
                if store.jobs.with_value(|j| j.url_gen) == generation {
                    store.write_url(false);
                }
            },
            Duration::from_millis(delay),
        );
    }

    /// Writes the state into the URL now. Returns the fragment, or `None` when the code is too
    /// large for a link.
    pub fn write_url(&self, push: bool) -> Option<String> {
        self.jobs.update_value(|j| j.url_gen += 1);
        let fragment = share_project_fragment(&self.project_snapshot()).ok()?;
        let in_url = if self.embed && state::split_embed_fragment(&browser::hash()).0 {
            format!("embed/{fragment}")
        } else {
            fragment.clone()
        };
        browser::set_fragment(&in_url, push);
        self.jobs
            .update_value(|j| j.last_fragment = fragment.clone());
        Some(fragment)
    }

    /// The URL changed under us (back/forward, an edited address): load what it says.
    pub fn on_location_change(&self) {
        let hash = browser::hash();
        let (_, fragment) = state::split_embed_fragment(&hash);
        if self.jobs.with_value(|j| j.last_fragment == fragment) {
            return;
        }
        self.jobs
            .update_value(|j| j.last_fragment = fragment.to_owned());
        let startup = state::startup(&browser::search(), &hash);
        self.jobs.update_value(|j| j.folder_context = None);
        self.notice.set(startup.notice.clone());
        if startup.files.is_empty() {
            self.load(startup.state);
        } else {
            self.load_files(startup.files, startup.state);
        }
    }

    /// Loads a gallery example (its files as tabs) as a new history entry, so Back returns to
    /// the previous code.
    pub fn load_example(&self, example: &Example) {
        self.jobs.update_value(|j| j.folder_context = None);
        self.write_url(false);
        self.notice.set(None);
        let state = PlaygroundState {
            code: example.code.to_owned(),
            file_name: example.file_name.to_owned(),
            selected: None,
            options: ViewOptions {
                show_fixed: self.show_fixed.get_untracked(),
            },
        };
        if example.helpers.is_empty() {
            self.load(state);
        } else {
            let files = example
                .files()
                .into_iter()
                .map(|(name, code)| ProjectFile {
                    name: name.to_owned(),
                    code: code.to_owned(),
                })
                .collect();
            self.load_files(files, state);
        }
        self.write_url(true);
    }

    /// Share: write the link, copy it, say so.
    pub fn share(&self) {
        match share_project_fragment(&self.project_snapshot()) {
            Err(err) => self.flash(err.to_string()),
            Ok(_) => {
                let fragment = self.write_url(false).unwrap_or_default();
                let link = share_url(&browser::base_url(), &fragment, false);
                self.share_link.set(Some(link.clone()));
                let store = *self;
                leptos::task::spawn_local(async move {
                    if browser::copy_text(&link).await {
                        store.flash("Link copied to the clipboard.".to_owned());
                    } else {
                        store.flash("Copy the link below to share this playground.".to_owned());
                    }
                });
            }
        }
    }

    /// The link of the current state, for "Open in actiongate" and the embed snippet.
    pub fn link(&self, embed: bool) -> Option<String> {
        share_project_fragment(&self.project_snapshot())
            .ok()
            .map(|f| share_url(&browser::base_url(), &f, embed))
    }

    /// "Make it a challenge": a link to this code that shows only how many high findings it
    /// has, copied and shown in the link bar.
    pub fn make_challenge(&self) {
        if let Some(link) = self.challenge_link() {
            self.share_link.set(Some(link.clone()));
            let store = *self;
            leptos::task::spawn_local(async move {
                if browser::copy_text(&link).await {
                    store.flash("Challenge link copied to the clipboard.".to_owned());
                }
            });
        }
    }

    /// Opens the current code as a challenge in this tab (the track's "Try it as a challenge").
    pub fn open_challenge(&self) {
        if let Some(link) = self.challenge_link() {
            browser::open(&link);
        }
    }

    /// The challenge link of the current code, or `None` (said in a toast) when there is none.
    fn challenge_link(&self) -> Option<String> {
        let challenge = self.analysis.with_untracked(|a| {
            a.as_ref()
                .and_then(|a| crate::challenge::Challenge::of(&a.report))
        });
        let Some(challenge) = challenge else {
            self.flash("No high finding here: nothing to solve.".to_owned());
            return None;
        };
        match share_project_fragment(&self.project_snapshot()) {
            Err(err) => {
                self.flash(err.to_string());
                None
            }
            Ok(fragment) => Some(format!(
                "{}?challenge={}#{fragment}",
                browser::base_url(),
                challenge.encode()
            )),
        }
    }

    /// Turns presenter mode on or off (code at 18 px, or back to the default).
    pub fn toggle_presenter(&self) {
        let on = !self.presenter.get_untracked();
        self.presenter.set(on);
        self.code_size.set(if on {
            PRESENTER_CODE_SIZE
        } else {
            DEFAULT_CODE_SIZE
        });
    }

    /// Makes the code bigger (`step` 1) or smaller (-1), within bounds.
    pub fn resize_code(&self, step: i32) {
        self.code_size.update(|size| {
            let next =
                (*size as i32 + step).clamp(*CODE_SIZES.start() as i32, *CODE_SIZES.end() as i32);
            *size = next as u32;
        });
    }

    /// Selects the next (`step` 1) or previous (-1) finding and scrolls the code to it.
    pub fn step_finding(&self, step: i32) {
        let count = self
            .analysis
            .with_untracked(|a| a.as_ref().map_or(0, |a| a.report.findings.len()));
        if count == 0 {
            return;
        }
        let next = match self.selected.get_untracked() {
            None if step > 0 => 0,
            None => count - 1,
            Some(i) => (i as i32 + step).rem_euclid(count as i32) as usize,
        };
        self.selected.set(Some(next));
        self.url_soon();
        self.reveal.update(|r| *r = (r.0 + 1, false));
    }

    /// Shows a short confirmation.
    pub fn flash(&self, message: String) {
        let generation = self.jobs.with_value(|j| j.toast_gen) + 1;
        self.jobs.update_value(|j| j.toast_gen = generation);
        self.toast.set(Some(message));
        let store = *self;
        set_timeout(
            move || {
                if store.jobs.with_value(|j| j.toast_gen) == generation {
                    store.toast.set(None);
                }
            },
            Duration::from_millis(4000),
        );
    }
}

/// Starts the app (in a page; the analysis worker runs the same module and mounts nothing).
pub fn start() {
    if web_sys::window().is_none() {
        return;
    }
    browser::install_panic_hook();
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
    browser::register_service_worker();
}

#[component]
fn App() -> impl IntoView {
    let startup = state::startup(&browser::search(), &browser::hash());
    let store = Store::new(&startup);
    provide_context(store);
    // An embed's own look: a pinned theme, and the tab it opens on.
    let embed_options = state::EmbedOptions::from_search(&browser::search());
    if let (Some(theme), Some(root)) = (embed_options.theme.param(), document().document_element())
    {
        let _ = root.set_attribute("data-theme", theme);
    }
    if store.embed && embed_options.open_fix {
        store.tab.set(Tab::Fixed);
    }
    // A challenge hides the fix: the learner writes it.
    if store.challenge.with_untracked(|c| c.is_some()) {
        store.show_fixed.set(false);
    }
    // A link of an unchanged gallery example shows its lesson (a workshop's handout).
    if startup.from_link {
        store.find_lesson();
    }

    // The code's size follows the presenter's control (the editor measures lines from the DOM).
    Effect::new(move |_| {
        let size = store.code_size.get();
        let root = document().document_element();
        if let Some(root) = root.and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()) {
            let style = root.style();
            let _ = style.set_property("--code-size", &format!("{size}px"));
            let _ = style.set_property("--code-line", &format!("{}px", size * 20 / 13));
        }
    });

    // Keyboard shortcuts.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        // Presenter mode: the arrow keys step through the findings (not while typing).
        if store.presenter.get_untracked() && !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key() {
            let typing = document().active_element().is_some_and(|el| {
                matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT")
            });
            let step = match ev.key().as_str() {
                "ArrowDown" | "ArrowRight" => 1,
                "ArrowUp" | "ArrowLeft" => -1,
                _ => 0,
            };
            if step != 0 && !typing {
                ev.prevent_default();
                store.step_finding(step);
                return;
            }
        }
        let modifier = ev.ctrl_key() || ev.meta_key();
        if !modifier || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "s" | "S" => {
                ev.prevent_default();
                store.share();
            }
            "Enter" => {
                ev.prevent_default();
                store.analyze_now();
                store.flash("Analysed.".to_owned());
            }
            _ => {}
        }
    });
    let pop = window_event_listener(leptos::ev::popstate, move |_| store.on_location_change());
    let hash = window_event_listener(leptos::ev::hashchange, move |_| store.on_location_change());
    // A folder dropped anywhere on the page is opened (not in embeds).
    let embed = store.embed;
    let drag = window_event_listener(leptos::ev::dragover, move |ev| {
        if !embed {
            folder::on_drag_over(ev);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        if !embed {
            folder::on_drop(store, ev);
        }
    });
    on_cleanup(move || {
        keys.remove();
        pop.remove();
        hash.remove();
        drag.remove();
        drop.remove();
    });

    // First findings in the first frame the page paints.
    store.analyze_at_start();

    if store.embed {
        view! { <panels::EmbedView store=store/> }.into_any()
    } else {
        view! { <panels::FullView store=store/> }.into_any()
    }
}
