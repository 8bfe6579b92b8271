// Declarations of the libraries that fixes call, written for this project (issue #14): just
// enough of each library's types that a fix calling a non-callable, missing an import or using
// an identity that may be `undefined` fails to type-check. Modules not declared here stay
// unresolved in both the original and the fixed file, so they cancel out.

interface AuthJsSession {
  user?: { id?: string; name?: string | null; email?: string | null; role?: string };
  expires: string;
}

declare module "@/auth" {
  export function auth(): Promise<AuthJsSession | null>;
  export function signIn(...args: unknown[]): Promise<void>;
  export function signOut(...args: unknown[]): Promise<void>;
}

declare module "next-auth" {
  export function getServerSession(...args: unknown[]): Promise<AuthJsSession | null>;
  export type Session = AuthJsSession;
  export default function NextAuth(config: unknown): unknown;
}

interface BetterAuthSession {
  user: { id: string; email: string; role?: string | null };
  session: { id: string; userId: string };
}

interface BetterAuth {
  api: {
    getSession(options: { headers: Headers }): Promise<BetterAuthSession | null>;
    updateUser(options: { body: Record<string, unknown>; headers: Headers }): Promise<unknown>;
    changePassword(options: { body: Record<string, unknown>; headers: Headers }): Promise<unknown>;
  };
}

declare module "@/lib/auth" {
  export const auth: BetterAuth;
}

declare module "@/lib/better-auth" {
  export const auth: BetterAuth;
}

declare module "next/headers" {
  interface Cookie {
    name: string;
    value: string;
  }
  interface CookieStore {
    get(name: string): Cookie | undefined;
    set(name: string, value: string, options?: unknown): void;
    delete(name: string): void;
  }
  export function headers(): Promise<Headers>;
  export function cookies(): Promise<CookieStore>;
}

declare module "next/navigation" {
  export function redirect(url: string): never;
  export function permanentRedirect(url: string): never;
  export function notFound(): never;
}

declare module "next/cache" {
  export function revalidatePath(path: string, type?: "page" | "layout"): void;
  export function revalidateTag(tag: string): void;
}

declare module "@clerk/nextjs/server" {
  interface ClerkAuth {
    userId: string | null;
    orgId?: string | null;
    has(params: { role?: string; permission?: string }): boolean;
  }
  export const auth: (() => Promise<ClerkAuth>) & {
    protect(params?: unknown): Promise<ClerkAuth & { userId: string }>;
  };
  export function currentUser(): Promise<{ id: string } | null>;
}

interface SupabaseServerClient {
  auth: {
    getUser(): Promise<{ data: { user: { id: string; email?: string } | null }; error: unknown }>;
    getSession(): Promise<{ data: { session: { user: { id: string } } | null }; error: unknown }>;
  };
  // Query builders are not what fixes change the types of.
  from(table: string): any;
  storage: any;
}

declare module "@/utils/supabase/server" {
  export function createClient(): Promise<SupabaseServerClient>;
}

declare module "@/lib/supabase/server" {
  export function createClient(): Promise<SupabaseServerClient>;
}

declare module "drizzle-orm" {
  export function and(...conditions: unknown[]): unknown;
  export function or(...conditions: unknown[]): unknown;
  export function eq(left: unknown, right: unknown): unknown;
  export function inArray(column: unknown, values: unknown[]): unknown;
  export const sql: any;
}

declare module "@kinde-oss/kinde-auth-nextjs/server" {
  export function getKindeServerSession(): {
    getUser(): Promise<{ id: string; email?: string | null } | null>;
    isAuthenticated(): Promise<boolean>;
    getPermission(name: string): Promise<{ isGranted: boolean } | null>;
  };
}

declare module "@workos-inc/authkit-nextjs" {
  export function withAuth(options?: { ensureSignedIn?: boolean }): Promise<{
    user: { id: string; email: string } | null;
  }>;
}

declare module "next-safe-action" {
  interface MiddlewareResult<Ctx> {
    ctx: Ctx;
  }
  interface SafeActionClient<Ctx extends object> {
    use<Next extends object>(
      middleware: (args: {
        ctx: Ctx;
        next: <N extends object = {}>(options?: { ctx?: N }) => Promise<MiddlewareResult<N>>;
      }) => Promise<MiddlewareResult<Next>>,
    ): SafeActionClient<Ctx & Next>;
    inputSchema(schema: unknown): SafeActionClient<Ctx>;
    schema(schema: unknown): SafeActionClient<Ctx>;
    metadata(metadata: unknown): SafeActionClient<Ctx>;
    bindArgsSchemas(schemas: unknown[]): SafeActionClient<Ctx>;
    action<R>(
      handler: (args: { parsedInput: any; bindArgsParsedInputs: any[]; ctx: Ctx }) => Promise<R>,
    ): (...args: unknown[]) => Promise<{ data?: R }>;
  }
  export function createSafeActionClient(options?: unknown): SafeActionClient<{}>;
}

// Stripe: the objects a fix retrieves to compare their owner (metadata may be missing on some
// objects; a retrieved customer may be a deleted one, which has no metadata).
declare module "stripe" {
  namespace Stripe {
    type Metadata = { [key: string]: string };
    interface Owned {
      id: string;
      metadata?: Metadata;
    }
    interface Customer {
      id: string;
      deleted?: void;
      metadata: Metadata;
    }
    interface DeletedCustomer {
      id: string;
      deleted: true;
    }
    interface Resource<T = Owned> {
      retrieve(id: string): Promise<T>;
      create(params: Record<string, unknown>): Promise<Owned & { url?: string | null }>;
      update(id: string, params: Record<string, unknown>): Promise<T>;
      cancel(id: string): Promise<T>;
      del(id: string): Promise<unknown>;
      list(params?: Record<string, unknown>): Promise<{ data: Array<T & Record<string, any>> }>;
    }
  }
  class Stripe {
    constructor(key: string, config?: Record<string, unknown>);
    customers: Stripe.Resource<Stripe.Customer | Stripe.DeletedCustomer>;
    subscriptions: Stripe.Resource;
    paymentIntents: Stripe.Resource;
    charges: Stripe.Resource;
    invoices: Stripe.Resource;
    paymentMethods: Stripe.Resource;
    setupIntents: Stripe.Resource;
    subscriptionItems: Stripe.Resource;
    accounts: Stripe.Resource;
    refunds: Stripe.Resource;
    transfers: Stripe.Resource;
    prices: Stripe.Resource;
    checkout: { sessions: Stripe.Resource };
  }
  export default Stripe;
}

declare module "node:path" {
  export function basename(path: string, suffix?: string): string;
  export function join(...parts: string[]): string;
}

// A project's own action factory (fixtures real-world/unseen-action-factories.ts): the handler
// gets the parsed input and the middlewares' results as `ctx`.
declare module "@/lib/server-actions" {
  export function createServerAction(options: {
    actionName?: string;
    middlewares?: Record<string, () => Promise<unknown>>;
    requireAuth?: boolean;
    action: (args: { input: { id: string }; ctx: { user: { id: string } } }) => Promise<unknown>;
  }): (input: unknown) => Promise<unknown>;
}

declare module "@/lib/middlewares" {
  export const authenticatedMiddlewares: Record<string, () => Promise<unknown>>;
}
