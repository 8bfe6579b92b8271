// Type-checked by test/api.test.js: a program using every part of the API must compile.
import { analyze, rules, validateConfig, version } from "../..";
import type { AnalyzeResult, Finding, RuleInfo, Severity, SuppressedFinding } from "../..";

export const used: unknown[] = [];

const result: AnalyzeResult = analyze('"use server";\nexport async function f() {}\n', {
  fileName: "app/actions.ts",
  config: 'guards = ["requireTeamMember"]',
  loadModule: (importer: string, specifier: string) =>
    specifier.startsWith("@/") ? { path: `${importer}/../x.ts`, source: "" } : null,
});
analyze("");
analyze("", {});
analyze("", { config: null, loadModule: null });

const first: Finding | undefined = result.findings[0];
if (first) {
  const severity: Severity = first.severity;
  const where = `${first.file}:${first.line}:${first.column}-${first.end_line}:${first.end_column}`;
  const edits = first.fix?.edits.map((e) => [e.start, e.end, e.text] as const) ?? [];
  used.push(severity, where, edits, first.rule, first.cwe, first.action, first.message, first.help);
}
const reasons: string[] = result.suppressed.map((s: SuppressedFinding) => s.reason);
const actions: string[] = result.actions.map((a) => `${a.name} ${a.kind} ${a.line}`);
const errors: number[] = result.errors.map((e) => e.line + e.column + e.end_line + e.end_column);
const fixed: string = result.fixedSource;

const all: RuleInfo[] = rules();
const primary = all.filter((r) => r.primary).map((r) => `${r.id} ${r.cwe_url} ${r.what_it_does}`);
validateConfig("disable = []");
const v: string = version;
used.push(reasons, actions, errors, fixed, primary, v);
