//! JavaScript and platform values that store nothing. A call on one of them — a `Date`'s
//! `setDate`, a crypto hash's `update`, a `Headers`' `delete`, a `Map`'s `set` — changes a value
//! in memory, never user data, so it is never a sink, whatever its method is called.
//!
//! What a value is comes from where it was made (`new Date()`, `createHash(..)` imported from
//! `node:crypto`, `await headers()` from `next/headers`, a string or array literal), not from its
//! variable's name. A value the analyzer cannot trace keeps the method-name fallback of
//! [`super::sinks`].

/// Classes whose instances store nothing (`new Date()`, `new URLSearchParams(..)`).
pub const INERT_CLASSES: &[&str] = &[
    "Date",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "Headers",
    "URL",
    "URLSearchParams",
    "FormData",
    "Request",
    "Response",
    "Blob",
    "File",
    "Array",
    "Object",
    "String",
    "RegExp",
    "Error",
    "TextEncoder",
    "TextDecoder",
    "AbortController",
    "ReadableStream",
    "TransformStream",
    "Uint8Array",
    "ArrayBuffer",
];

/// Modules whose exports make values that store nothing: (module, export).
const INERT_FACTORIES: &[(&str, &str)] = &[
    ("crypto", "createHash"),
    ("crypto", "createHmac"),
    ("crypto", "createCipheriv"),
    ("crypto", "createDecipheriv"),
    ("crypto", "createSign"),
    ("crypto", "createVerify"),
    ("crypto", "randomBytes"),
    ("crypto", "scryptSync"),
    ("crypto", "pbkdf2Sync"),
    ("next/headers", "headers"),
    ("next/headers", "cookies"),
    ("next/headers", "draftMode"),
    // An i18next instance holds translations in memory.
    ("i18next", "createInstance"),
];

/// Whether `name` is a built-in class or an export of [`INERT_FACTORIES`]: a receiver or a
/// call of that name changes values in memory, never user data.
pub fn is_inert_name(name: &str) -> bool {
    INERT_CLASSES.contains(&name) || INERT_FACTORIES.iter().any(|(_, export)| *export == name)
}

/// Global calls whose result stores nothing (`crypto.createHash(..)` with the global or a
/// namespace import of `crypto`).
const INERT_GLOBAL_CALLS: &[&str] = &[
    "crypto.createHash",
    "crypto.createHmac",
    "crypto.createCipheriv",
    "crypto.createDecipheriv",
    "crypto.createSign",
    "crypto.createVerify",
    "crypto.randomBytes",
    "crypto.randomUUID",
    "Date.now",
    "String",
    "Number",
    "Object.keys",
    "Object.values",
    "Object.entries",
    "Array.from",
    "Array.of",
    "JSON.stringify",
    "structuredClone",
];

/// Method names that only exist on built-in values (a `Date`'s setters): never a store's
/// operation, even on a receiver the analyzer cannot trace.
pub const BUILTIN_ONLY_METHODS: &[&str] = &[
    "setDate",
    "setFullYear",
    "setMonth",
    "setHours",
    "setMinutes",
    "setSeconds",
    "setMilliseconds",
    "setTime",
    "setUTCDate",
    "setUTCFullYear",
    "setUTCMonth",
    "setUTCHours",
    "setUTCMinutes",
    "setUTCSeconds",
    "setUTCMilliseconds",
    "setYear",
];

/// Packages that transform values in memory and store nothing: their functions are never sinks
/// and what they return stores nothing either (`cheerio.load(html)`'s `$`, the Vercel AI SDK's
/// `generateText` and `ai/rsc`'s streamable UI and AI state, date and id helpers).
const INERT_PACKAGES: &[&str] = &[
    "ai",
    "ai/rsc",
    "cheerio",
    "date-fns",
    "dayjs",
    "zod",
    "nanoid",
    "uuid",
    "slugify",
    "lodash",
    "sanitize-html",
    "marked",
    "clsx",
];

/// Package scopes whose every package stores nothing: the Vercel AI SDK's model providers
/// (`createOpenAI`, `createGoogleGenerativeAI` from `@ai-sdk/*` make a model client; asking
/// it generates output, like [`super::libraries::ai_models`]).
const INERT_SCOPES: &[&str] = &["@ai-sdk/"];

/// Whether `module` is a package that stores nothing (see [`INERT_PACKAGES`], [`INERT_SCOPES`]).
pub fn is_inert_package(module: &str) -> bool {
    INERT_PACKAGES.contains(&module) || INERT_SCOPES.iter().any(|scope| module.starts_with(scope))
}

/// Whether `name` is a setter (`setEndpoint`, `setKey`): chained on an object just made with
/// `new`, it configures that object.
pub fn is_setter_name(name: &str) -> bool {
    name.strip_prefix("set")
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_ascii_uppercase())
}

/// Functions that return the function they are given, remembering its results (React's
/// `cache`, Next.js' `unstable_cache`, the Flags SDK's `dedupe`): calling the result calls it.
pub const MEMOIZERS: &[&str] = &[
    "cache",
    "unstable_cache",
    "memoize",
    "React.cache",
    "once",
    "dedupe",
];

/// Array methods that search or test the elements of an array (`members.find(..)`,
/// `.some(..)`, `.filter(..)`): on rows already read they query nothing.
pub fn is_array_search(method: &str) -> bool {
    matches!(
        method,
        "find" | "findLast" | "findIndex" | "filter" | "some" | "every" | "includes" | "indexOf"
    )
}

/// Array methods that pick one element of the array they are called on (`memberships.find(..)`).
pub fn picks_an_element(method: &str) -> bool {
    matches!(method, "find" | "findLast" | "at")
}

/// Assertion functions: `assert(x)` (Node's and most utility packages'), `assert.ok(x)`,
/// `invariant(x, ..)` (tiny-invariant): they throw unless `x` is truthy.
pub fn is_assertion(path: &str) -> bool {
    matches!(
        path,
        "assert" | "assert.ok" | "invariant" | "assert.strict.ok"
    )
}

/// String methods whose names are also store verbs: `replace(/re/, ..)` or `replace("a", ..)`
/// with a pattern literal is `String.prototype.replace`, never a store's `replace`.
pub fn is_string_method_call(
    method: &str,
    first_arg: Option<&oxc_ast::ast::Expression<'_>>,
) -> bool {
    use oxc_ast::ast::Expression;
    matches!(method, "replace" | "replaceAll")
        && matches!(
            first_arg,
            Some(Expression::RegExpLiteral(_) | Expression::StringLiteral(_))
        )
}

/// The built-in a TypeScript annotation says a value is (`route: string`, `let cache:
/// Map<string, X>`, `tags: string[]`, `at: Date | null`): the annotation is the program's own
/// statement of what the value is, so calls on it store nothing. `None` for any other type
/// (a class of the project, a library's client, `any`).
pub fn inert_type(ty: &oxc_ast::ast::TSType<'_>) -> Option<&'static str> {
    use oxc_ast::ast::{TSType, TSTypeName};
    match ty {
        TSType::TSStringKeyword(_) | TSType::TSTemplateLiteralType(_) => Some("string"),
        TSType::TSNumberKeyword(_) | TSType::TSBigIntKeyword(_) => Some("number"),
        TSType::TSBooleanKeyword(_) => Some("boolean"),
        TSType::TSArrayType(_) | TSType::TSTupleType(_) => Some("array"),
        TSType::TSTypeReference(r) => match &r.type_name {
            TSTypeName::IdentifierReference(id) => {
                let name = id.name.as_str();
                match name {
                    "Array" | "ReadonlyArray" => Some("array"),
                    _ => INERT_CLASSES.iter().copied().find(|c| *c == name),
                }
            }
            _ => None,
        },
        // `Date | null`, `string | undefined`: what is there when something is.
        TSType::TSUnionType(u) => {
            let mut kinds = u
                .types
                .iter()
                .filter(|t| !matches!(t, TSType::TSNullKeyword(_) | TSType::TSUndefinedKeyword(_)));
            let first = inert_type(kinds.next()?)?;
            kinds.all(|t| inert_type(t).is_some()).then_some(first)
        }
        TSType::TSParenthesizedType(p) => inert_type(&p.type_annotation),
        _ => None,
    }
}

/// The name of the built-in a `new` of `class` makes, unless the file binds that name itself.
pub fn inert_class(class: &str, shadowed: bool) -> Option<&'static str> {
    if shadowed {
        return None;
    }
    INERT_CLASSES.iter().copied().find(|c| *c == class)
}

/// The built-in a call of `export`, imported from `module`, makes (`createHash` from
/// `node:crypto`, anything from an in-memory package).
pub fn inert_import(module: &str, export: &str) -> Option<&'static str> {
    if let Some(package) = INERT_PACKAGES.iter().find(|p| **p == module) {
        return Some(package);
    }
    let module = module.strip_prefix("node:").unwrap_or(module);
    if super::libraries::better_auth::CLIENT_FACTORIES.contains(&(module, export)) {
        return Some("better-auth client");
    }
    INERT_FACTORIES
        .iter()
        .find(|(m, e)| *m == module && *e == export)
        .map(|(_, e)| *e)
}

/// The built-in a call of a global makes: `root(..)` or `root.member(..)` (`crypto.randomUUID`).
pub fn inert_global(root: &str, member: Option<&str>) -> Option<&'static str> {
    INERT_GLOBAL_CALLS.iter().copied().find(|c| match member {
        None => *c == root,
        Some(m) => c.split_once('.') == Some((root, m)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_ins_are_known_by_where_they_come_from() {
        assert_eq!(inert_class("Date", false), Some("Date"));
        assert_eq!(inert_class("Date", true), None);
        assert_eq!(inert_class("PrismaClient", false), None);
        assert_eq!(
            inert_import("node:crypto", "createHash"),
            Some("createHash")
        );
        assert_eq!(inert_import("@/lib/hash", "createHash"), None);
        assert_eq!(inert_import("cheerio", "load"), Some("cheerio"));
        assert_eq!(
            inert_global("crypto", Some("randomUUID")),
            Some("crypto.randomUUID")
        );
        assert_eq!(inert_global("String", None), Some("String"));
        assert_eq!(inert_global("db", Some("create")), None);
    }
}
