// Type definitions for actiongate: the result of `analyze()` has the shape of the findings of
// `actiongate check --format json` (snake_case fields, 1-based lines, UTF-16 columns, UTF-8 byte
// offsets in fix edits), plus the actions, syntax errors and the fixed source.

/** How bad a finding is. */
export type Severity = "low" | "medium" | "high";

/** A rule id, e.g. `missing-authz` (see `rules()`). */
export type RuleId =
  | "missing-authn"
  | "unchecked-session"
  | "auth-after-mutation"
  | "client-identity"
  | "missing-authz"
  | "unverified-session"
  | "service-role-client"
  | "raw-record-return"
  | "unvalidated-input"
  | (string & {});

/** A module of the project, as returned by `AnalyzeOptions.loadModule`. */
export interface LoadedModule {
  /** The module's path: its identity, and the importer of its own relative imports. */
  path: string;
  /** The module's source text. */
  source: string;
}

/** Options of `analyze()`. Unknown keys are refused (a typo would otherwise go unnoticed). */
export interface AnalyzeOptions {
  /**
   * The file's name or path (default `input.ts`). Its extension picks the dialect: `.ts`,
   * `.tsx`, `.js`, `.jsx`, `.mjs`, `.cjs`.
   */
  fileName?: string;
  /** The text of an `actiongate.toml` (see docs/configuration.md). Invalid text throws. */
  config?: string | null;
  /**
   * Resolves imports of the project's own modules, so helpers defined in other files are judged
   * by their definitions. Return `null` for packages and missing files.
   */
  loadModule?: ((importer: string, specifier: string) => LoadedModule | null | undefined) | null;
}

/** One text replacement. Offsets are UTF-8 byte offsets into the analysed source. */
export interface Edit {
  /** Start byte offset (inclusive). */
  start: number;
  /** End byte offset (exclusive); equal to `start` for an insertion. */
  end: number;
  /** Replacement text. */
  text: string;
}

/** A high gap a fix leaves open. */
export interface Gap {
  /** The rule still reported on the fixed action. */
  rule: string;
  /** What is still wrong. */
  reason: string;
}

/** The edits that fix a finding: every gap of its action that can be closed safely. */
export interface Fix {
  /** Non-overlapping edits, sorted by `start`. */
  edits: Edit[];
  /** The high rules the fixed action no longer reports. */
  closes: string[];
  /** The high gaps the fix leaves open (empty: the action is fully fixed). */
  remaining: Gap[];
}

/** A range: 1-based lines, 1-based UTF-16 columns, exclusive end column. */
export interface Range {
  line: number;
  column: number;
  end_line: number;
  end_column: number;
}

/** One problem found in one Server Action (as in `actiongate check --format json`). */
export interface Finding extends Range {
  rule: RuleId;
  severity: Severity;
  /** CWE id, e.g. `CWE-639`. */
  cwe: string;
  /** The file name given in the options. */
  file: string;
  /** The exported (or inferred) name of the action. */
  action: string;
  /** What is wrong, why it matters, and what to do. */
  message: string;
  /** How to fix it, in one or two sentences. */
  help: string;
  /** Edits that fix it, when a safe fix exists. */
  fix: Fix | null;
}

/** A finding silenced by `// actiongate-ignore <rule>: <reason>`. */
export interface SuppressedFinding extends Finding {
  /** The reason given in the comment. */
  reason: string;
}

/** A syntax error; whatever parsed was still analysed. */
export interface SourceError extends Range {
  message: string;
}

/** A verdict that rests on an import the analyzer could not see. */
export interface Assumption {
  file: string;
  /** The action whose verdict rests on it. */
  action: string;
  /** 1-based line where the action uses it. */
  line: number;
  /** 1-based UTF-16 column. */
  column: number;
  /** The imported name, e.g. `updateVisibilityById`. */
  import: string;
  /** The module it is imported from, e.g. `@/lib/db/queries`. */
  source: string;
  /** What was assumed, e.g. "is assumed to check the caller itself". */
  assumed: string;
}

/** A Server Action the analyzer found. */
export interface ActionInfo {
  /** Exported name, `default`, or a descriptive name for inline actions. */
  name: string;
  /** How the action was declared (`server module export`, `inline`, `next-safe-action`, ...). */
  kind: string;
  /** 1-based line of its name or function head. */
  line: number;
}

/** What `analyze()` returns: plain objects, safe to `JSON.stringify`. */
export interface AnalyzeResult {
  /** The file name the source was analysed as. */
  file: string;
  /** Every Server Action found, in source order. */
  actions: ActionInfo[];
  /** Syntax errors. */
  errors: SourceError[];
  /** Active findings, in source order. */
  findings: Finding[];
  /** Findings silenced in the source. */
  suppressed: SuppressedFinding[];
  /** Verdicts that rest on imports the analyzer could not see ("no findings, if …"). */
  assumptions: Assumption[];
  /** The source with every available fix applied (equal to the input when there is none). */
  fixedSource: string;
}

/** A rule's metadata. */
export interface RuleInfo {
  id: RuleId;
  severity: Severity;
  cwe: string;
  /** Link to the CWE definition. */
  cwe_url: string;
  title: string;
  what_it_does: string;
  why_is_this_bad: string;
  how_to_fix: string;
  /** A small action the rule reports. */
  bad_example: string;
  /** The same action, fixed. */
  good_example: string;
  /** One of the five primary (high) rules, of which an action gets at most one. */
  primary: boolean;
}

/**
 * Analyses one file's source text.
 *
 * @throws TypeError when `source` is not a string or an option has the wrong type or name.
 * @throws Error when `options.config` is not a valid actiongate.toml.
 */
export function analyze(source: string, options?: AnalyzeOptions): AnalyzeResult;

/** Every rule's metadata, in reporting order. */
export function rules(): RuleInfo[];

/** Checks the text of an actiongate.toml; throws an Error saying what is wrong. */
export function validateConfig(text: string): void;

/** The engine's version. */
export const version: string;
