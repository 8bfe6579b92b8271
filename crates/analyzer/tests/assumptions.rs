//! Honest snippets: a verdict that rests on an import the analyzer could not see says so in the
//! report's `assumptions`, and giving the analyzer that file replaces the assumption with a
//! verdict from the definition.

use std::collections::HashMap;
use std::sync::Arc;

use actiongate_analyzer::{analyze, analyze_with_loader, LoadedModule, ModuleLoader, Options};

/// A thin chat action over a query module, written for this test.
const ACTIONS: &str = r#""use server";
import { removeThreadById, setThreadSharing } from "@/data/threads";
import { requireUser } from "@/lib/session";

export async function removeThread({ id }: { id: string }) {
  await removeThreadById({ id });
}

export async function shareThread(threadId: string, shared: boolean) {
  await setThreadSharing({ threadId, shared });
}

export async function renameOwnThread(threadId: string, title: string) {
  const member = await requireUser();
  await db.thread.updateMany({ where: { id: threadId, ownerId: member.id }, data: { title } });
}
"#;

/// The query module: it checks nothing.
const QUERIES: &str = r#"import { db } from "@/lib/db";
export async function removeThreadById({ id }: { id: string }) {
  return db.thread.delete({ where: { id } });
}
export async function setThreadSharing({ threadId, shared }: { threadId: string; shared: boolean }) {
  return db.thread.update({ where: { id: threadId }, data: { shared } });
}
"#;

struct Files(HashMap<&'static str, &'static str>);

impl ModuleLoader for Files {
    fn load(&self, _importer: &str, specifier: &str) -> Option<LoadedModule> {
        self.0.get(specifier).map(|source| LoadedModule {
            path: format!("{specifier}.ts"),
            source: Arc::from(*source),
        })
    }
}

#[test]
fn a_lone_snippet_lists_what_it_took_for_granted() {
    let report = analyze(ACTIONS, &Options::new("app/actions.ts"));
    assert!(report
        .findings
        .iter()
        .all(|f| f.severity != actiongate_analyzer::Severity::High));
    let listed: Vec<(&str, &str, &str)> = report
        .assumptions
        .iter()
        .map(|a| (a.action.as_str(), a.import.as_str(), a.assumed))
        .collect();
    assert_eq!(
        listed,
        [
            (
                "removeThread",
                "removeThreadById",
                "is assumed to check the caller itself"
            ),
            (
                "shareThread",
                "setThreadSharing",
                "is assumed to check the caller itself"
            ),
            (
                "renameOwnThread",
                "requireUser",
                "is assumed to fail closed when nobody is signed in"
            ),
        ]
    );
    assert_eq!(
        report.assumptions[0].sentence(),
        "`removeThreadById` from `@/data/threads` is assumed to check the caller itself: add that file to know."
    );
    assert_eq!(report.assumptions[0].position.line, 6);
    assert!(report.assumptions[0].file_would_tell());
}

#[test]
fn the_helper_file_replaces_the_assumption_with_a_verdict() {
    let files = Files([("@/data/threads", QUERIES)].into());
    let report = analyze_with_loader(ACTIONS, &Options::new("app/actions.ts"), &files);
    let high: Vec<(&str, &str)> = report
        .findings
        .iter()
        .filter(|f| f.severity == actiongate_analyzer::Severity::High)
        .map(|f| (f.action.as_str(), f.rule))
        .collect();
    assert_eq!(
        high,
        [
            ("removeThread", "missing-authn"),
            ("shareThread", "missing-authn")
        ]
    );
    // The session helper's file is still unseen: that assumption stays.
    assert_eq!(report.assumptions.len(), 1);
    assert_eq!(report.assumptions[0].import, "requireUser");
}

/// An action calling procedures through the project's tRPC caller, written for this test.
const TRPC_ACTIONS: &str = r#""use server";
import { api } from "@/trpc/server";
import { caller } from "@/server/caller";

export async function removeNote(noteId: string) {
  await api.note.remove({ id: noteId });
}

export async function renameNote(noteId: string, title: string) {
  await caller.note.rename({ id: noteId, title });
}
"#;

/// The T3 shape: the caller destructured from `createHydrationHelpers`.
const TRPC_SERVER: &str = r#"import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { createCaller, type AppRouter } from "@/server/root";
import { createContext } from "@/server/context";
const callerOf = createCaller(createContext);
export const { trpc: api, HydrateClient } = createHydrationHelpers<AppRouter>(callerOf, makeClient);
"#;

/// A caller made from the router.
const TRPC_CALLER: &str = r#"import { appRouter } from "@/server/root";
export const caller = appRouter.createCaller({});
"#;

/// A file at a tRPC-looking path that makes no tRPC caller.
const REST_SERVER: &str = r#"import { RestClient } from "@acme/rest";
export const api = new RestClient(process.env.API_URL);
"#;

fn high_of(report: &actiongate_analyzer::Report) -> Vec<(&str, &str)> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == actiongate_analyzer::Severity::High)
        .map(|f| (f.action.as_str(), f.rule))
        .collect()
}

#[test]
fn a_trpc_caller_runs_its_procedures_checks() {
    let files = Files(
        [
            ("@/trpc/server", TRPC_SERVER),
            ("@/server/caller", TRPC_CALLER),
        ]
        .into(),
    );
    let report = analyze_with_loader(TRPC_ACTIONS, &Options::new("app/actions.ts"), &files);
    assert_eq!(high_of(&report), []);
    let listed: Vec<(&str, &str)> = report
        .assumptions
        .iter()
        .map(|a| (a.action.as_str(), a.import.as_str()))
        .collect();
    assert_eq!(listed, [("removeNote", "api"), ("renameNote", "caller")]);
    // Adding the caller's file would not tell: the advice says what would.
    assert!(!report.assumptions[0].file_would_tell());
    assert!(
        report.assumptions[0].sentence().ends_with(
            "actiongate does not follow tRPC routers yet, so check that procedure's middleware."
        ),
        "{}",
        report.assumptions[0].sentence()
    );
}

#[test]
fn a_module_at_a_trpc_path_that_makes_no_caller_is_judged_by_its_calls() {
    let files = Files(
        [
            ("@/trpc/server", REST_SERVER),
            ("@/server/caller", TRPC_CALLER),
        ]
        .into(),
    );
    let report = analyze_with_loader(TRPC_ACTIONS, &Options::new("app/actions.ts"), &files);
    assert_eq!(high_of(&report), [("removeNote", "missing-authn")]);
}
