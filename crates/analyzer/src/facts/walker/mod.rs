//! Walks one action's body in execution order and records its facts.
//!
//! The walk is a small abstract interpreter: statements run in order, `if` forks the
//! branch-sensitive [`Flow`] and joins it afterwards, `throw`/`return`/`redirect()` end a path,
//! `try/catch` keeps the state of paths that a swallowing `catch` resumes, and calls of
//! functions defined in the project are followed (inlined) with their arguments bound.
//! Every recursion is bounded, so crafted input cannot exhaust the stack.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use oxc_ast::ast::*;
use oxc_span::GetSpan;
use oxc_syntax::operator::{BinaryOperator, LogicalOperator, UnaryOperator};

use super::flow::{Asserts, Authn, Flow};
use super::value::{Guard, Record, Taint, Value};
use super::{
    ActionFacts, Assumed, AssumptionFact, AuthzCheck, IdentityIssue, RawReturn, ScopeFix,
    SessionVar, SinkFact, StripeObject,
};
use crate::catalog::guards::{self, GuardKind};
use crate::catalog::libraries::action_clients::{self, ChainMethod};
use crate::catalog::libraries::{self, drizzle, mongo, prisma, stripe, supabase, OwnerScope};
use crate::catalog::sinks::{self, ArgShape, BuilderLink, Seg, SinkKind, SinkMatch};
use crate::catalog::{builtins, exits, names};
use crate::config::Config;
use crate::discover::{ActionDef, Via};
use crate::engine::ModuleGraph;
use crate::module::{as_func, strip, strip_await, Func, ModuleScope};
use crate::report::ByteSpan;

mod calls;
mod conditions;
mod entry;
mod expressions;
mod functions;
mod helpers;
mod mailbox;
mod public_sinks;
mod sink_calls;
mod statements;

use calls::*;
use expressions::*;
use helpers::*;

/// How deep expressions are evaluated; deeper sub-expressions are treated as opaque.
const MAX_EXPR_DEPTH: u32 = 200;
/// How many nested calls of project functions are followed.
const MAX_CALL_DEPTH: usize = 8;
/// Evaluation steps one action may spend beyond what its own size needs, following helpers.
/// The most any action of the test corpora needs is under 200.
const ACTION_STEPS: u32 = 20_000;
/// Steps every action gets per byte of its own text, whatever the file has spent already.
const STEPS_PER_BYTE: u32 = 4;
/// Steps all actions of a file share, beyond their own size's allowance.
const FILE_STEPS: u32 = 1_000_000;
/// …plus this many per byte of the file.
const FILE_STEPS_PER_BYTE: u32 = 32;

/// The evaluation steps the actions of one file may still spend. Many actions that each call a
/// deep fan-out of helpers would otherwise cost `actions × ACTION_STEPS`; with a shared budget a
/// file's analysis stays linear in its size, and each action still walks its own body.
#[derive(Debug)]
pub(crate) struct StepBudget {
    remaining: u32,
}

impl StepBudget {
    /// The budget for a file of `len` bytes.
    pub(crate) fn for_file(len: usize) -> Self {
        let len = u32::try_from(len).unwrap_or(u32::MAX);
        StepBudget {
            remaining: FILE_STEPS.saturating_add(len.saturating_mul(FILE_STEPS_PER_BYTE)),
        }
    }

    /// Whether the file's shared steps are spent (helpers were cut short somewhere).
    pub(crate) fn exhausted(&self) -> bool {
        self.remaining == 0
    }

    /// Steps for an action whose text is `own` bytes long.
    fn for_action(&self, own: u32) -> u32 {
        let floor = own.saturating_mul(STEPS_PER_BYTE).saturating_add(1_000);
        ACTION_STEPS
            .saturating_add(own.saturating_mul(STEPS_PER_BYTE))
            .min(self.remaining.max(floor))
    }

    fn spend(&mut self, steps: u32) {
        self.remaining = self.remaining.saturating_sub(steps);
    }
}

/// Computes the facts of one action of module `module`, spending from the file's `budget`.
pub(crate) fn collect<'a>(
    graph: &ModuleGraph<'a>,
    module: usize,
    def: &ActionDef<'a>,
    config: &Config,
    budget: &mut StepBudget,
) -> ActionFacts {
    let scope = graph.module(module);
    let own = def.func.span().end.saturating_sub(def.func.span().start);
    let mut walker = Walker {
        graph,
        config,
        module,
        scope: scope.clone(),
        vars: HashMap::default(),
        flow: Flow::default(),
        seq: 0,
        facts: ActionFacts {
            name: def.name.clone(),
            head: def.head,
            ..ActionFacts::default()
        },
        frames: Vec::new(),
        try_stack: Vec::new(),
        call_stack: Vec::new(),
        site: None,
        depth: 0,
        steps: 0,
        continuation_calls: Vec::new(),
        sink_records: Vec::new(),
        in_action_body: false,
        last_exit_swallowed: false,
        enclosing: vec![def.func.span()],
        outer_vars: Vec::new(),
        action: (module, def.func.span()),
        in_action_text: true,
        expand_returned: false,
        stmt_start: None,
        breaks: Vec::new(),
        continues: Vec::new(),
        labels: Vec::new(),
        raw_token_read: None,
        budget: budget.for_action(own),
        guard_internal: Vec::new(),
        caller_ctx: None,
        mailbox: mailbox::Mailbox::default(),
        cookie_handed: Vec::new(),
    };
    walker.run_action(def);
    budget.spend(walker.steps);
    walker.finish()
}

struct Frame<'a> {
    returns: Vec<(Flow, Value<'a>)>,
}

struct TryFrame {
    swallows: bool,
    throws: Vec<Flow>,
}

struct Walker<'g, 'a> {
    graph: &'g ModuleGraph<'a>,
    config: &'g Config,
    module: usize,
    scope: Rc<ModuleScope<'a>>,
    vars: HashMap<&'a str, Value<'a>>,
    flow: Flow,
    seq: u32,
    facts: ActionFacts,
    frames: Vec<Frame<'a>>,
    try_stack: Vec<TryFrame>,
    call_stack: Vec<(usize, u32)>,
    /// The call in the action's own body through which an inlined helper runs.
    site: Option<ByteSpan>,
    depth: u32,
    steps: u32,
    /// State and arguments each time a wrapper/middleware called the wrapped action.
    continuation_calls: Vec<(Flow, Vec<Value<'a>>)>,
    /// For each read sink: the flow-independent facts needed to judge it when returned.
    sink_records: Vec<Option<Rc<Record>>>,
    in_action_body: bool,
    /// Whether the last exit (`throw`/`redirect`) was inside a `try` whose `catch` swallows it.
    last_exit_swallowed: bool,
    /// Spans of the functions being walked (the action, then inlined calls): a function nested
    /// in the innermost one sees its variables; one nested in an outer one finds them in
    /// `outer_vars`.
    enclosing: Vec<ByteSpan>,
    /// For each call being followed: the caller's module, function span and variables, set
    /// aside while the callee runs (a closure the callee calls back sees them).
    outer_vars: Vec<(usize, ByteSpan, HashMap<&'a str, Value<'a>>)>,
    /// The action's module and function span.
    action: (usize, ByteSpan),
    /// Whether the function being walked is written inside the action's own text (an inline
    /// callback): a fix may edit it as it edits the action's body.
    in_action_text: bool,
    /// While following a wrapper: walk a function it returns (the function that actually runs).
    expand_returned: bool,
    /// Start of the action-body statement being walked (where fixes insert checks).
    stmt_start: Option<u32>,
    /// For each enclosing loop or `switch`: the states at its `break`s (they continue after it).
    breaks: Vec<Vec<Flow>>,
    /// For each enclosing loop: the states at its `continue`s (they go on with the next
    /// iteration).
    continues: Vec<Vec<Flow>>,
    /// Enclosing labels and the index of their target in `breaks`.
    labels: Vec<(&'a str, usize)>,
    /// The first read of a raw session/token cookie: where an unverified session comes from
    /// when nothing more specific (a `jwt.decode`) does.
    raw_token_read: Option<ByteSpan>,
    /// Steps this action may take (see [`StepBudget`]).
    budget: u32,
    /// The context a tRPC caller made, for the root of the procedure chain being followed.
    caller_ctx: Option<Value<'a>>,
    /// Sinks reached inside a session helper (indices into `facts.sinks`): how a guard finds
    /// the caller (refreshing a session row, clearing a stale cookie) is not the action's work.
    guard_internal: Vec<std::ops::Range<usize>>,
    /// What the mailbox rule needs (see `mailbox.rs`).
    mailbox: mailbox::Mailbox,
    /// Sinks whose record the action handed to the visitor in an anonymous-owner cookie
    /// (indices into `facts.sinks`, see `public_sinks.rs`).
    cookie_handed: Vec<usize>,
}
