//! One module per library family, holding all the analyzer knows about it: its writes and reads
//! and where their keys and data sit, how a fix ties them to the caller, its session lookups
//! and how a fix looks the caller up with it, the clients it makes that bypass the caller's
//! rights. The generic tables are assembled from these modules in the order of the registries
//! below: [`RECOGNISERS`] for `sinks::classify_chain`, [`auth::AUTH_FAMILIES`] for the session
//! lookups of `guards::classify_by_name` and the fixes' way of looking the caller up.
//!
//! Adding a library is one module here, one line in a registry and a fixture.

pub mod action_clients;
pub mod ai_models;
pub mod appwrite;
pub mod auth;
pub mod aws_s3;
pub mod better_auth;
pub mod captcha;
mod clerk;
pub mod drizzle;
mod fs;
pub mod graphql;
mod iron_session;
mod kinde;
mod knex;
mod kv;
mod kysely;
pub mod lucia;
pub mod mail;
mod models;
pub mod mongo;
pub mod next_auth;
pub mod prisma;
pub mod session_helpers;
pub mod stripe;
pub mod supabase;
pub mod tokens;
mod typeorm;
pub mod validators;
pub mod vercel_blob;
mod workos;

use std::fmt;

use super::sinks::step::{Outcome, Step};
use super::sinks::{ArgShape, Seg, SinkMatch};

/// The library families' sink recognisers, in the order they are asked (the first that knows a
/// segment decides it).
pub(super) const RECOGNISERS: &[fn(&Step) -> Option<Outcome>] = &[
    stripe::recognise,
    mail::recognise,
    supabase::recognise,
    prisma::recognise,
    models::recognise,
    typeorm::recognise,
    drizzle::recognise,
    kysely::recognise,
    knex::recognise,
    mongo::recognise,
    kv::recognise,
    fs::recognise,
    appwrite::recognise,
];

/// A read through a root called with a table name (`knex("users").select(..)`), asked when no
/// recogniser knows the chain: `segs` start with the root's call, an empty name.
pub fn classify_called_root(segs: &[Seg<'_>]) -> Option<SinkMatch> {
    knex::table_read(segs)
}

/// A library (or a kind of call no library claims), named in facts and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Library {
    /// Prisma (`prisma.post.delete(..)`).
    Prisma,
    /// A capitalised model called directly (`Post.create(..)`, Mongoose or Sequelize style).
    Model,
    /// Supabase's PostgREST tables and `rpc` (`supabase.from("posts").delete()`).
    Supabase,
    /// Supabase Storage (`supabase.storage.from(bucket).upload(..)`).
    SupabaseStorage,
    /// Stripe (`stripe.refunds.create(..)`).
    Stripe,
    /// MongoDB and Mongoose (`Post.updateOne(filter, update)`).
    MongoDb,
    /// Appwrite's document databases (`databases.listDocuments(..)`).
    Appwrite,
    /// Drizzle (`db.update(posts).set(..).where(..)`).
    Drizzle,
    /// Kysely (`db.updateTable("posts")`).
    Kysely,
    /// Knex (`knex("posts").where(..).update(..)`).
    Knex,
    /// TypeORM repositories (`postRepository.update({ id }, data)`).
    TypeOrm,
    /// A key-value store (`kv.set(key, value)`, Redis, Upstash).
    KeyValue,
    /// The file system (`fs.writeFile(path, data)`).
    FileSystem,
    /// Sending mail (`resend.emails.send(..)`).
    Mail,
    /// The AWS SDK's S3 and DynamoDB commands (`new PutObjectCommand(..)`).
    AwsS3,
    /// Vercel Blob (`put(pathname, body)` from `@vercel/blob`).
    VercelBlob,
    /// Raw SQL (`sql\`UPDATE ..\``, `db.query("DELETE ..")`).
    Sql,
    /// A request to another service (`fetch(url, { method: "POST" })`).
    Fetch,
    /// next-safe-action's action clients (`actionClient.schema(s).action(fn)`).
    NextSafeAction,
    /// zsa's actions and procedures (`createServerAction().input(s).handler(fn)`).
    Zsa,
    /// A sink the user configured (`sinks` in actiongate.toml).
    Configured,
    /// A call named with a mutating verb that no library claims (`db.transfer(..)`).
    Generic,
    /// Auth.js (next-auth v5: `auth()`).
    AuthJs,
    /// next-auth v4 (`getServerSession`, `getToken`).
    NextAuth,
    /// Clerk (`auth()`, `currentUser()` from `@clerk/nextjs`).
    Clerk,
    /// better-auth (`auth.api.getSession(..)`).
    BetterAuth,
    /// Lucia (`validateRequest()`).
    Lucia,
    /// iron-session (`getIronSession`, `unsealData`).
    IronSession,
    /// Kinde (`getKindeServerSession()`).
    Kinde,
    /// WorkOS AuthKit (`withAuth()`).
    WorkOs,
    /// jose (`jwtVerify`, `decodeJwt`).
    Jose,
    /// jsonwebtoken (`jwt.verify`, `jwt.decode`).
    JsonWebToken,
    /// jwt-decode (`jwtDecode`).
    JwtDecode,
    /// Firebase Admin (`verifyIdToken`, `verifySessionCookie`).
    FirebaseAdmin,
    /// A sealed session cookie the project decrypts itself (`decrypt(cookie)`).
    SessionCookie,
    /// A session helper of the project, judged by its name (`getCurrentUser`, `requireAdmin`).
    ProjectHelper,
}

impl Library {
    /// The library's name as messages and facts spell it.
    pub const fn name(self) -> &'static str {
        match self {
            Library::Prisma => "Prisma",
            Library::Model => "ORM",
            Library::Supabase => "Supabase",
            Library::SupabaseStorage => "Supabase Storage",
            Library::Stripe => "Stripe",
            Library::MongoDb => "MongoDB",
            Library::Appwrite => "Appwrite",
            Library::Drizzle => "Drizzle",
            Library::Kysely => "Kysely",
            Library::Knex => "Knex",
            Library::TypeOrm => "TypeORM",
            Library::KeyValue => "key-value store",
            Library::FileSystem => "file system",
            Library::Mail => "mail",
            Library::AwsS3 => "AWS S3",
            Library::VercelBlob => "Vercel Blob",
            Library::Sql => "SQL",
            Library::Fetch => "fetch",
            Library::NextSafeAction => "next-safe-action",
            Library::Zsa => "zsa",
            Library::Configured => "configured",
            Library::Generic => "generic",
            Library::AuthJs => "Auth.js",
            Library::NextAuth => "next-auth",
            Library::Clerk => "Clerk",
            Library::BetterAuth => "better-auth",
            Library::Lucia => "Lucia",
            Library::IronSession => "iron-session",
            Library::Kinde => "Kinde",
            Library::WorkOs => "WorkOS",
            Library::Jose => "jose",
            Library::JsonWebToken => "jsonwebtoken",
            Library::JwtDecode => "jwt-decode",
            Library::FirebaseAdmin => "Firebase Admin",
            Library::SessionCookie => "session cookie",
            Library::ProjectHelper => "project helper",
        }
    }

    /// Whether the call was judged by its verb or the user's configuration, not by a library
    /// the catalog knows (its arguments' meaning is unknown).
    pub fn is_unknown(self) -> bool {
        matches!(self, Library::Generic | Library::Configured)
    }

    /// Whether the call asks another service (a `fetch`), which keeps its own accounts, rather
    /// than touching the app's own store.
    pub fn is_another_service(self) -> bool {
        self == Library::Fetch
    }

    /// Whether what the call returns is the library's own record, a whole row when no
    /// projection narrows it (a generic call's result is not known to be one).
    pub fn returns_rows(self) -> bool {
        self != Library::Generic
    }

    /// Whether this library is a database of the project's own (an ORM, a query builder, raw
    /// SQL, a key-value store), as opposed to a service the data lives in (a platform's API
    /// reached with `fetch`, Stripe), which may hold accounts the project never names.
    pub fn is_own_database(self) -> bool {
        matches!(
            self,
            Library::Prisma
                | Library::Model
                | Library::MongoDb
                | Library::Drizzle
                | Library::Kysely
                | Library::Knex
                | Library::TypeOrm
                | Library::KeyValue
                | Library::Sql
        )
    }

    /// How a fix ties this library's call `op`, whose arguments have `shape`, to the caller.
    pub fn owner_scope(self, op: &str, shape: ArgShape) -> Option<OwnerScope> {
        match self {
            Library::Prisma => Some(prisma::OWNER_SCOPE),
            Library::Model => models::owner_scope(op),
            Library::Supabase => supabase::owner_scope(shape),
            Library::Drizzle => Some(drizzle::OWNER_SCOPE),
            Library::Kysely => Some(kysely::OWNER_SCOPE),
            Library::Knex => Some(knex::OWNER_SCOPE),
            Library::MongoDb => mongo::owner_scope(op, shape),
            Library::TypeOrm => typeorm::owner_scope(shape),
            Library::Stripe => Some(stripe::OWNER_SCOPE),
            Library::KeyValue => Some(kv::OWNER_SCOPE),
            Library::AwsS3 => Some(aws_s3::OWNER_SCOPE),
            Library::VercelBlob => Some(vercel_blob::OWNER_SCOPE),
            Library::FileSystem => Some(fs::OWNER_SCOPE),
            Library::Appwrite => Some(appwrite::OWNER_SCOPE),
            _ => None,
        }
    }
}

impl fmt::Display for Library {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a fix ties a library's call to the caller; the walker computes the edit's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerScope {
    /// Look up the record with the caller as owner before the call and stop when there is
    /// none (`findFirst({ where: { ...where, userId } })`), or add to a relational query's
    /// condition.
    CheckFirst,
    /// `and(<condition>, eq(<table>.<owner>, <id>))` in place of a builder's `where`.
    AndCondition,
    /// One more condition after the chain's last `where` / `eq` / `match` link: `template`
    /// with `{col}` and `{id}`; `snake_case` when the library's columns are snake_case.
    AppendCondition {
        /// The condition, e.g. `.eq("{col}", {id})`.
        template: &'static str,
        /// Whether the owner column is spelt `user_id` rather than `userId`.
        snake_case: bool,
    },
    /// Check that the record keyed by the first argument exists with the caller as owner.
    ExistsFirst,
    /// Retrieve the document the client names by id and compare its owner with the caller.
    DocumentOwner,
    /// Add the owner to the call's first argument, a filter object.
    FilterObject,
    /// Retrieve each object the client names and compare the owner stored in its metadata.
    MetadataOwner,
    /// Put the client's key under the caller's own prefix (`${user.id}/${key}`).
    KeyPrefix,
    /// Put the client's file name, as a base name, under the caller's own folder.
    ConfinePath,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_messages_spelling() {
        assert_eq!(Library::Model.to_string(), "ORM");
        assert_eq!(Library::KeyValue.name(), "key-value store");
        assert_eq!(Library::WorkOs.name(), "WorkOS");
    }
}
