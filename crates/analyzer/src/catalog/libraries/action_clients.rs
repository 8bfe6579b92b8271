//! Action clients and procedures, run as their libraries run them: next-safe-action
//! (`client.schema(s).use(mw).action(fn)`), zsa (`createServerAction().input(s).handler(fn)`,
//! procedures), and tRPC (`procedure.input(s).use(mw).mutation(fn)`, callers, the
//! `experimental_caller` adapter).

use super::Library;

/// The next-safe-action package: a file importing it defines actions through its clients.
pub const NEXT_SAFE_ACTION_MODULE: &str = "next-safe-action";

/// Methods that make an action from a client chain, with the library and the call the chain
/// must mention (zsa's `handler` needs a `createServerAction()`).
const ACTION_METHODS: &[(&str, Library, Option<&str>)] = &[
    ("action", Library::NextSafeAction, None),
    ("stateAction", Library::NextSafeAction, None),
    ("handler", Library::Zsa, Some("createServerAction")),
];

/// tRPC procedure methods whose function argument is the resolver.
const PROCEDURE_RESOLVERS: &[&str] = &["mutation", "query"];

/// A zsa procedure factory whose first argument is the parent procedure.
pub const PROCEDURE_FACTORY: &str = "createServerActionProcedure";

/// The adapter option a tRPC caller builds its context with.
pub const CREATE_CONTEXT: &str = "createContext";

/// The fields of an action's first argument that hold the client's input, and whether each is
/// the input parsed by the client's schema (`clientInput` is the raw one).
pub const INPUT_FIELDS: [(&str, bool); 4] = [
    ("parsedInput", true),
    ("input", true),
    ("clientInput", false),
    ("bindArgsParsedInputs", true),
];

/// What a method of a client or procedure chain does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainMethod {
    /// Parses the input with a schema (`schema`, `inputSchema`, `input`, `bindArgsSchemas`).
    Schema,
    /// Runs a middleware that can pass a `ctx` on (`use`, `middleware`).
    Middleware,
    /// A zsa procedure's handler: what it returns becomes `ctx`.
    ProcedureHandler,
    /// tRPC's `experimental_caller(adapter)`: the adapter's `createContext` makes the `ctx`.
    Caller,
}

/// What the chain method `name` does, if anything.
pub fn chain_method(name: &str) -> Option<ChainMethod> {
    Some(match name {
        "schema" | "inputSchema" | "input" | "bindArgsSchemas" => ChainMethod::Schema,
        "use" | "middleware" => ChainMethod::Middleware,
        "handler" => ChainMethod::ProcedureHandler,
        "experimental_caller" => ChainMethod::Caller,
        _ => return None,
    })
}

/// The library whose action the method `name` makes, and the call its chain must mention.
pub fn action_method(name: &str) -> Option<(Library, Option<&'static str>)> {
    ACTION_METHODS
        .iter()
        .find(|(method, _, _)| *method == name)
        .map(|(_, library, needs)| (*library, *needs))
}

/// Whether the procedure method `name` takes the resolver (`.mutation(fn)`, `.query(fn)`).
pub fn is_procedure_resolver(name: &str) -> bool {
    PROCEDURE_RESOLVERS.contains(&name)
}

/// Functions that make a tRPC caller or client: calling a procedure through it runs that
/// procedure with its own middlewares, as a request to the tRPC route does.
pub const TRPC_CALLER_FACTORIES: &[&str] = &[
    "createCaller",
    "createCallerFactory",
    "createHydrationHelpers",
    "createServerSideHelpers",
    "createTRPCClient",
    "createTRPCProxyClient",
];

/// The calls that make a next-safe-action client that is then called with `(schema, handler)`
/// (before v7).
pub const CLIENT_ROOTS: &[&str] = &["createSafeActionClient"];

/// The functions that make an action client, an action or a procedure.
const CLIENT_FACTORIES: &[&str] = &[
    "createSafeActionClient",
    "createMiddleware",
    "createServerAction",
    PROCEDURE_FACTORY,
];

/// Whether a call of this name builds an action client, an action, a procedure, a tRPC caller
/// or its context: not a write, although its name starts with `create`.
pub fn is_client_factory(name: &str) -> bool {
    CLIENT_FACTORIES.contains(&name)
        || TRPC_CALLER_FACTORIES.contains(&name)
        || name == CREATE_CONTEXT
}

/// Whether an import (its specifier and local name) is tRPC's: a `@trpc/` package or a
/// caller factory re-exported by the project (`import { createCaller } from "@/trpc"`).
pub fn is_trpc_import(source: &str, local: &str) -> bool {
    source.starts_with("@trpc/") || TRPC_CALLER_FACTORIES.contains(&local)
}

/// Whether a project specifier names the project's tRPC module (`@/trpc/server`,
/// `~/lib/trpc/server`, `@/server/trpc`): the guess for a lone snippet, whose imports are unseen.
pub fn is_trpc_module_path(specifier: &str) -> bool {
    specifier
        .split('/')
        .any(|segment| segment.eq_ignore_ascii_case("trpc"))
}
