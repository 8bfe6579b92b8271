//! Grammar-shaped input: Server Action modules built from the fuzzer's bytes.
//!
//! Every byte read is a choice (exhausted input reads as zeros, which always picks the shortest
//! option, so generation ends). The output is mostly valid TypeScript/TSX in the shapes the
//! analyzer cares about: `"use server"` at file or function level, exports of every form
//! (`export async function`, `export const f = async () =>`, `export default`, `export { a as b }`,
//! action clients such as `actionClient.schema(s).action(async (...) => ...)`, inline actions in
//! JSX pages), auth calls (`auth()`, `getServerSession`, `currentUser`, `supabase.auth.getUser`,
//! role checks), sinks (`db.post.delete`, `prisma.user.update`, `stripe.refunds.create`, `fetch`),
//! `if`/`try`/`return`/`throw`/`redirect`, loops, helpers calling helpers (also mutually
//! recursive), nested closures, template literals, suppression comments. A few choices corrupt the
//! text on purpose (an unclosed brace, a stray token, a cut-off string) so that error recovery is
//! exercised too.

/// Deepest statement/expression nesting the generator produces (the analyzer refuses input nested
/// deeper than a few hundred levels; this stays far below and explores shapes instead).
const MAX_DEPTH: u32 = 8;
/// Upper bound on output size, so one input cannot make a huge file.
const MAX_OUTPUT: usize = 64 * 1024;

const IDENTS: &[&str] = &[
    "id",
    "postId",
    "userId",
    "orgId",
    "teamId",
    "input",
    "formData",
    "data",
    "session",
    "user",
    "role",
    "amount",
    "result",
    "post",
    "owner",
    "values",
    "parsedInput",
    "ctx",
    "args",
    "params",
];
const HELPERS: &[&str] = &[
    "requireUser",
    "requireAdmin",
    "getCurrentUser",
    "assertOwner",
    "verifySession",
    "checkRole",
    "loadPost",
    "helperA",
    "helperB",
    "withAuth",
    "authorize",
    "getSession",
];
const ACTION_NAMES: &[&str] = &[
    "deletePost",
    "updateProfile",
    "banUser",
    "transferFunds",
    "createTeam",
    "signIn",
    "contact",
    "refundPayment",
    "publishPost",
    "removeMember",
    "saveDraft",
    "exportAllUsers",
    "updateRole",
    "uploadFile",
    "subscribeNewsletter",
];
const IMPORTS: &[&str] = &[
    "import { auth } from \"@/auth\";",
    "import { auth, signIn } from \"@/auth\";",
    "import { getServerSession } from \"next-auth\";",
    "import { authOptions } from \"@/lib/auth\";",
    "import { currentUser, auth as clerkAuth } from \"@clerk/nextjs/server\";",
    "import { createClient } from \"@/utils/supabase/server\";",
    "import { db } from \"@/lib/db\";",
    "import { prisma } from \"@/lib/prisma\";",
    "import { z } from \"zod\";",
    "import { revalidatePath } from \"next/cache\";",
    "import { redirect } from \"next/navigation\";",
    "import { cookies, headers } from \"next/headers\";",
    "import { requireUser, requireAdmin } from \"@/lib/auth-helpers\";",
    "import { actionClient, authActionClient } from \"@/lib/safe-action\";",
    "import { createServerAction } from \"zsa\";",
    "import Stripe from \"stripe\";",
    "import { getIronSession } from \"iron-session\";",
    "import * as schema from \"@/db/schema\";",
    "import { eq, and } from \"drizzle-orm\";",
    "import type { User } from \"@/types\";",
    "import \"server-only\";",
];
const AUTH_CALLS: &[&str] = &[
    "await auth()",
    "await getServerSession(authOptions)",
    "await currentUser()",
    "(await clerkAuth()).userId",
    "(await (await createClient()).auth.getUser()).data.user",
    "(await createClient()).auth.getSession()",
    "await requireUser()",
    "await requireAdmin()",
    "await getIronSession(await cookies(), sessionOptions)",
    "await verifySession()",
    "cookies().get(\"session\")?.value",
];
const SINK_CALLS: &[&str] = &[
    "db.post.delete({ where: { id } })",
    "db.post.update({ where: { id: postId }, data })",
    "prisma.user.update({ where: { id: userId }, data: { role } })",
    "prisma.user.deleteMany({})",
    "db.delete(schema.posts).where(eq(schema.posts.id, id))",
    "db.insert(schema.posts).values({ ...data, ownerId: session.user.id })",
    "db.update(schema.users).set({ role }).where(and(eq(schema.users.id, userId), eq(schema.users.orgId, orgId)))",
    "stripe.refunds.create({ payment_intent: id, amount })",
    "fetch(`https://api.example.com/${id}`, { method: \"POST\", body: JSON.stringify(data) })",
    "supabase.from(\"todos\").delete().eq(\"id\", id)",
    "db.post.findMany({ where: { authorId: userId } })",
    "db.user.findUnique({ where: { id } })",
    "revalidatePath(\"/posts\")",
    "(await createClient()).storage.from(\"docs\").remove([id])",
];
const CONDS: &[&str] = &[
    "!session",
    "!session?.user",
    "!session?.user?.id",
    "!user",
    "session.user.role !== \"admin\"",
    "post.authorId !== session.user.id",
    "!post || post.ownerId !== userId",
    "user?.role === \"admin\"",
    "!parsed.success",
    "amount <= 0",
    "id === undefined",
    "typeof id !== \"string\"",
];

/// Reads choices from the fuzzer's bytes and writes code.
pub struct Gen<'a> {
    data: &'a [u8],
    pos: usize,
    out: String,
    indent: usize,
    depth: u32,
}

impl<'a> Gen<'a> {
    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    fn exhausted(&self) -> bool {
        self.pos >= self.data.len() || self.out.len() >= MAX_OUTPUT
    }

    /// A choice in `0..n`.
    fn pick(&mut self, n: usize) -> usize {
        self.byte() as usize % n
    }

    fn one<'s>(&mut self, options: &[&'s str]) -> &'s str {
        options[self.pick(options.len())]
    }

    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn ident(&mut self) -> &'static str {
        self.one(IDENTS)
    }

    fn name(&mut self, base: &[&'static str]) -> String {
        let b = self.one(base);
        match self.pick(4) {
            0 => b.to_string(),
            n => format!("{b}{n}"),
        }
    }

    fn params(&mut self) -> String {
        match self.pick(7) {
            0 => String::new(),
            1 => "id: string".into(),
            2 => "formData: FormData".into(),
            3 => "prevState: unknown, formData: FormData".into(),
            4 => "{ id, role }: { id: string; role: string }".into(),
            5 => "input: z.infer<typeof schema>".into(),
            _ => format!("{}, ...rest", self.ident()),
        }
    }

    /// A (possibly nested) expression.
    fn expr(&mut self) -> String {
        if self.depth >= MAX_DEPTH || self.exhausted() {
            return self.ident().to_string();
        }
        self.depth += 1;
        let e = match self.pick(16) {
            0 => self.ident().to_string(),
            1 => self.one(AUTH_CALLS).to_string(),
            2 => format!("await {}", self.one(SINK_CALLS)),
            3 => format!("await {}({})", self.name(HELPERS), self.expr()),
            4 => format!("{}.{}", self.ident(), self.ident()),
            5 => format!("{}?.{}?.{}", self.ident(), self.ident(), self.ident()),
            6 => format!("({} ? {} : {})", self.cond(), self.expr(), self.expr()),
            7 => format!("`${{{}}}/{}`", self.expr(), self.ident()),
            8 => format!("{{ {}, {}: {} }}", self.ident(), self.ident(), self.expr()),
            9 => format!("[{}, {}]", self.expr(), self.expr()),
            10 => format!("await Promise.all([{}, {}])", self.expr(), self.expr()),
            11 => format!("schema.parse({})", self.expr()),
            12 => format!("Object.fromEntries({})", self.ident()),
            13 => {
                let body = self.expr();
                format!("async ({}) => {body}", self.params())
            }
            14 => format!("String({}.get(\"{}\"))", self.ident(), self.ident()),
            _ => format!("{} ?? {}", self.expr(), self.expr()),
        };
        self.depth -= 1;
        e
    }

    fn cond(&mut self) -> String {
        match self.pick(5) {
            0 | 1 | 2 => self.one(CONDS).to_string(),
            3 => format!("!({})", self.expr()),
            _ => format!("{} && {}", self.one(CONDS), self.one(CONDS)),
        }
    }

    fn block(&mut self, max: usize) {
        self.indent += 1;
        let n = 1 + self.pick(max.max(1));
        for _ in 0..n {
            if self.exhausted() {
                break;
            }
            self.stmt();
        }
        self.indent -= 1;
    }

    /// One statement (possibly with nested blocks).
    fn stmt(&mut self) {
        if self.depth >= MAX_DEPTH {
            let e = self.expr();
            self.line(&format!("{e};"));
            return;
        }
        self.depth += 1;
        match self.pick(22) {
            0 | 1 => {
                let a = self.one(AUTH_CALLS);
                self.line(&format!("const session = {a};"));
            }
            2 | 3 => {
                let s = self.one(SINK_CALLS);
                self.line(&format!("await {s};"));
            }
            4 => {
                let (i, e) = (self.ident(), self.expr());
                self.line(&format!("const {i} = {e};"));
            }
            5 | 6 => {
                let c = self.cond();
                let exit = match self.pick(5) {
                    0 => "throw new Error(\"Unauthorized\");".to_string(),
                    1 => "return { error: \"Not allowed\" };".to_string(),
                    2 => "redirect(\"/login\");".to_string(),
                    3 => "return;".to_string(),
                    _ => format!("return {};", self.expr()),
                };
                if self.pick(2) == 0 {
                    self.line(&format!("if ({c}) {exit}"));
                } else {
                    self.line(&format!("if ({c}) {{"));
                    self.block(3);
                    self.line(&format!("}} else {exit}"));
                }
            }
            7 => {
                self.line("try {");
                self.block(4);
                match self.pick(3) {
                    0 => self.line("} catch (err) {"),
                    1 => self.line("} catch {"),
                    _ => self.line("} finally {"),
                }
                self.block(2);
                self.line("}");
            }
            8 => {
                let e = self.expr();
                self.line(&format!("return {e};"));
            }
            9 => self.line("throw new Error(\"Forbidden\");"),
            10 => {
                let i = self.ident();
                self.line(&format!("for (const item of {i}) {{"));
                self.block(3);
                self.line("}");
            }
            11 => {
                let (e, h) = (self.expr(), self.name(HELPERS));
                self.line(&format!("await {h}({e});"));
            }
            12 => {
                let c = self.cond();
                self.line(&format!("while ({c}) {{"));
                self.block(2);
                self.line("break;");
                self.line("}");
            }
            13 => {
                let (i, p) = (self.ident(), self.params());
                self.line(&format!("const {i} = async ({p}) => {{"));
                self.block(3);
                self.line("};");
            }
            14 => {
                let rule =
                    self.one(&["missing-authn", "missing-authz", "all", "raw-record-return"]);
                self.line(&format!("// actiongate-ignore {rule}: fuzz"));
                let s = self.one(SINK_CALLS);
                self.line(&format!("await {s};"));
            }
            15 => {
                let i = self.ident();
                self.line(&format!("switch ({i}) {{"));
                self.line("case \"a\":");
                self.block(2);
                self.line("default:");
                self.block(1);
                self.line("}");
            }
            16 => {
                let (i, e) = (self.ident(), self.expr());
                self.line(&format!("let {{ {i}, ...rest }} = {e};"));
            }
            17 => self.line("\"use server\";"),
            18 => {
                let e = self.expr();
                self.line(&format!("const parsed = schema.safeParse({e});"));
            }
            19 => {
                self.line("{");
                self.block(3);
                self.line("}");
            }
            20 => {
                let e = self.expr();
                self.line(&format!("{e};"));
            }
            _ => self.corrupt(),
        }
        self.depth -= 1;
    }

    /// Breaks the syntax on purpose, to exercise error recovery.
    fn corrupt(&mut self) {
        let text = match self.pick(10) {
            0 => "if (session {",
            1 => "const = ;",
            2 => "await db.post.delete({ where: { id }",
            3 => "\"unterminated",
            4 => "`unterminated ${id",
            5 => "/* unterminated comment",
            6 => "})}])",
            7 => "<div>",
            8 => "\u{0}\u{feff}\u{2028}",
            _ => "export export async",
        };
        self.line(text);
    }

    fn function_body(&mut self) {
        if self.pick(6) == 0 {
            self.indent += 1;
            self.line("\"use server\";");
            self.indent -= 1;
        }
        self.block(8);
    }

    /// One top-level item.
    fn item(&mut self) {
        let name = self.name(ACTION_NAMES);
        match self.pick(14) {
            0..=3 => {
                let p = self.params();
                self.line(&format!("export async function {name}({p}) {{"));
                self.function_body();
                self.line("}");
            }
            4 => {
                let p = self.params();
                self.line(&format!("export const {name} = async ({p}) => {{"));
                self.function_body();
                self.line("};");
            }
            5 => {
                let p = self.params();
                self.line(&format!("export default async function {name}({p}) {{"));
                self.function_body();
                self.line("}");
            }
            6 => {
                let (p, h) = (self.params(), self.name(HELPERS));
                self.line(&format!("async function {h}({p}) {{"));
                self.block(5);
                self.line("}");
            }
            7 => {
                let (a, b) = (self.name(ACTION_NAMES), self.name(ACTION_NAMES));
                self.line(&format!("async function {a}(id: string) {{"));
                self.block(4);
                self.line("}");
                self.line(&format!("export {{ {a} as {b} }};"));
            }
            8 => {
                let client = self.one(&["actionClient", "authActionClient"]);
                self.line(&format!(
                    "export const {name} = {client}.schema(schema).action(async ({{ parsedInput, ctx }}) => {{"
                ));
                self.block(5);
                self.line("});");
            }
            9 => {
                self.line(&format!(
                    "export const {name} = createServerAction().input(schema).handler(async ({{ input }}) => {{"
                ));
                self.block(5);
                self.line("});");
            }
            10 => {
                self.line(
                    "export default async function Page({ params }: { params: { id: string } }) {",
                );
                self.indent += 1;
                self.line(&format!("async function {name}(formData: FormData) {{"));
                self.indent += 1;
                self.line("\"use server\";");
                self.indent -= 1;
                self.block(5);
                self.line("}");
                self.line(&format!(
                    "return <form action={{{name}}}><input name=\"id\" /><button>Go</button></form>;"
                ));
                self.indent -= 1;
                self.line("}");
            }
            11 => {
                let e = self.expr();
                self.line(&format!(
                    "const schema = z.object({{ id: z.string(), v: {e} }});"
                ));
            }
            12 => {
                let h = self.name(HELPERS);
                self.line("// actiongate-public: fuzz");
                self.line(&format!(
                    "export async function {name}() {{ return {h}(); }}"
                ));
            }
            _ => self.corrupt(),
        }
    }

    /// Builds a module from `data`. Returns the file name (picking the dialect) and the code.
    pub fn module(data: &'a [u8]) -> (&'static str, String) {
        let mut g = Gen {
            data,
            pos: 0,
            out: String::new(),
            indent: 0,
            depth: 0,
        };
        let file = ["actions.ts", "page.tsx", "actions.js", "page.jsx"][g.pick(4)];
        match g.pick(4) {
            0 => {}
            1 => g.line("'use server'"),
            _ => g.line("\"use server\";"),
        }
        let imports = g.pick(8);
        for _ in 0..imports {
            let i = g.one(IMPORTS);
            g.line(i);
        }
        while !g.exhausted() {
            g.item();
        }
        (file, g.out)
    }
}
