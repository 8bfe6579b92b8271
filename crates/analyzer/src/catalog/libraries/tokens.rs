//! Signed tokens and sealed cookies read without an auth library (the Next.js docs' stateless
//! session): jose, jsonwebtoken, jwt-decode, Firebase Admin, and the project's own
//! `decrypt(cookie)`. A verifying read fails closed or must be checked; a decoding one
//! verifies nothing.

use super::auth::AuthFamily;
use super::Library;
use crate::catalog::guards::{guard, GuardKind::*};

/// Calls that decode a raw token's payload without checking its signature, when given one
/// (`JSON.parse(atob(token.split(".")[1]))`, `jwt_decode(token)`).
const UNVERIFIED_DECODERS: &[&str] = &["JSON.parse", "jwt_decode", "decodeJwtPayload"];

/// Whether a call of `path`, given a raw token, decodes it without verifying it.
pub fn decodes_without_verifying(path: &str) -> bool {
    UNVERIFIED_DECODERS.contains(&path)
}

/// Their lookups and modules.
pub(super) const AUTH: AuthFamily = AuthFamily {
    guards: &[
        guard("jwtVerify", FailsClosed, Library::Jose),
        guard("jwt.verify", FailsClosed, Library::JsonWebToken),
        guard("verifyJwt", NeedsCheck, Library::ProjectHelper),
        guard("decrypt", NeedsCheck, Library::SessionCookie),
        guard("decryptSession", NeedsCheck, Library::SessionCookie),
        // Firebase Admin: verify the ID token or session cookie the client sends, throw when
        // invalid.
        guard("verifyIdToken", FailsClosed, Library::FirebaseAdmin),
        guard("verifySessionCookie", FailsClosed, Library::FirebaseAdmin),
        // Unverified token reads.
        guard("jwt.decode", Unverified, Library::JsonWebToken),
        guard("decodeJwt", Unverified, Library::Jose),
        guard("jwtDecode", Unverified, Library::JwtDecode),
    ],
    modules: &["firebase-admin", "jose", "jsonwebtoken"],
    idiom: None,
    result_methods: &[],
    closing_options: &[],
};

/// Calls that check a secret against its stored hash and answer whether they match
/// (`bcrypt.compare(plain, hash)`, `bcrypt.compareSync`, `argon2.verify(hash, plain)`).
pub fn compares_hashed_secret(path: &str) -> bool {
    matches!(
        path,
        "bcrypt.compare"
            | "bcrypt.compareSync"
            | "bcryptjs.compare"
            | "bcryptjs.compareSync"
            | "argon2.verify"
            | "compare"
            | "compareSync"
    )
}

/// The tag ([`crate::facts::value::Value::inert`]) of a jose token being built (`new
/// SignJWT(claims)` and the setters chained on it), which carries its claims until `.sign(key)`.
pub const SIGNER: &str = "jose-signer";
