//! Schema validators (zod, valibot, yup, superstruct, io-ts…): a call of one of their parse
//! methods returns the input it was given, parsed.

/// Method names that parse their argument against a schema (`schema.parse(x)`,
/// `safeParse(x).data`, `v.parse(schema, x)`, `schema.validate(x)`).
const PARSE_METHODS: &[&str] = &[
    "parse",
    "safeParse",
    "parseAsync",
    "safeParseAsync",
    "validate",
    "validateSync",
    "cast",
    "assert",
    "decode",
];

/// Whether an expression's text names a schema (`z.object(..)`, `updateSchema`): a wrapper
/// given one first parses the input with it.
pub fn looks_like_schema(text: &str) -> bool {
    text.starts_with("z.") || text.to_ascii_lowercase().contains("schema")
}

/// Whether a call of `method` with the callee path `path` (`schema.parse`) parses its input.
pub fn parses(method: &str, path: &str) -> bool {
    PARSE_METHODS.contains(&method) && path != "JSON.parse"
}

/// Methods of a validator's refinement context (zod's `superRefine((value, ctx) =>
/// ctx.addIssue(..))`): they report a validation problem and store nothing.
pub fn is_refinement_report(method: &str) -> bool {
    matches!(method, "addIssue" | "addIssues")
}
