// Type-checked by test/api.test.js: each marked line must be a type error.
import { analyze } from "../..";

// misuse: unknown option (fileName is camelCase)
analyze("", { filename: "a.ts" });
// misuse: severity is a union of three strings
const s: "critical" = analyze("").findings[0].severity;
// misuse: positions use snake_case like the CLI's JSON
const n: number = analyze("").findings[0].endLine;
// misuse: source must be a string
analyze(42);
export const used = [s, n];
