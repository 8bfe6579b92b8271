//! Vercel Blob (`@vercel/blob`): `put(pathname, body, options)` writes the object at `pathname`,
//! `del(url)` removes it, `copy(from, to)` duplicates it. The pathname (or URL) says which object;
//! the body and options are data.

use super::OwnerScope;

/// A fix confines a client-chosen pathname to the caller's own prefix (`${user.id}/…`).
pub(super) const OWNER_SCOPE: OwnerScope = OwnerScope::KeyPrefix;

/// The package.
pub const PACKAGE: &str = "@vercel/blob";

/// Whether `imported` (an export of `source`) is a Blob call whose first argument names the
/// object it writes.
pub fn writes_object_named_first(source: &str, imported: &str) -> bool {
    source == PACKAGE && matches!(imported, "put" | "del" | "copy")
}
