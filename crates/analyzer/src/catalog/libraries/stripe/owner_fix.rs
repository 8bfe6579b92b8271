//! The ownership fix for Stripe calls on objects the client names.
//!
//! Stripe cannot scope a call to a user: an id is all it needs. Stripe's own guidance is to
//! store your user's id in the object's `metadata` when you create it (a Checkout Session's
//! `metadata: { userId }` is copied to what it creates), so the fix retrieves each named
//! object and stops unless that stored owner is the caller. The description says what it
//! assumes, and what to do when the app links Stripe objects to users in its own database.

use crate::catalog::names;
use crate::facts::StripeObject;
use crate::report::{Edit, Fix};

/// Retrieve-and-compare statements for `objects`, inserted before the statement at
/// `stmt_start` with its indentation. `taken` is the action's text (new names must not clash
/// with it).
pub fn owner_checks(
    objects: &[StripeObject],
    client: &str,
    stmt_start: u32,
    identity: &str,
    fail: &str,
    taken: &str,
    source: &str,
) -> Fix {
    let indent = crate::fix::indentation_before(source, stmt_start);
    let key = metadata_owner_key(source);
    let mut used: Vec<String> = Vec::new();
    let mut text = String::new();
    for object in objects {
        let var = object_name(&object.resource, taken, &used);
        let owner = match object.resource.as_str() {
            // A retrieved customer may be a deleted one, which has no metadata.
            "customers" => format!("{var}.deleted || {var}.metadata?.{key} !== {identity}"),
            _ => format!("{var}.metadata?.{key} !== {identity}"),
        };
        text.push_str(&format!(
            "const {var} = await {client}.{}.retrieve({});\n{indent}if ({owner}) {fail}\n{indent}",
            object.resource, object.key
        ));
        used.push(var);
    }
    let named: Vec<String> = objects.iter().map(|o| format!("`{}`", o.key)).collect();
    Fix {
        description: format!(
            "Retrieve the Stripe object{} the client names ({}) and stop unless {} `metadata.{key}` is the caller's id. This assumes the app stores its user's id in each object's metadata when creating it; if it links Stripe objects to users in its own database instead, look the id up there.",
            if objects.len() == 1 { "" } else { "s" },
            named.join(", "),
            if objects.len() == 1 { "its" } else { "each one's" }
        ),
        edits: vec![Edit {
            start: stmt_start,
            end: stmt_start,
            text,
        }],
        ..Fix::default()
    }
}

/// The metadata key the file already stores its user id under (`metadata: { user_id: .. }`),
/// or `userId`.
fn metadata_owner_key(source: &str) -> String {
    source
        .match_indices("metadata")
        .filter_map(|(at, _)| {
            let rest = source[at + "metadata".len()..].trim_start();
            let rest = rest.strip_prefix(':')?.trim_start().strip_prefix('{')?;
            let body = &rest[..rest.find('}')?];
            body.split(',').find_map(|entry| {
                let name = entry.split(':').next()?.trim().trim_matches(['"', '\'']);
                names::is_actor_id_name(name).then(|| name.to_string())
            })
        })
        .find(|name| name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .unwrap_or_else(|| "userId".to_string())
}

/// A variable name for a retrieved object of `resource` (`paymentIntents` → `paymentIntent`)
/// that the action and earlier checks do not use.
fn object_name(resource: &str, taken: &str, used: &[String]) -> String {
    let last = resource.rsplit('.').next().unwrap_or(resource);
    let singular = last.strip_suffix('s').unwrap_or(last);
    let singular = if singular.is_empty() {
        "object"
    } else {
        singular
    };
    let is_free = |name: &str| {
        !used.iter().any(|u| u == name)
            && !taken
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .any(|word| word == name)
    };
    let mut chars = singular.chars();
    let capital: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let candidates = [singular.to_string(), format!("stripe{capital}")];
    for candidate in candidates.iter() {
        if is_free(candidate) {
            return candidate.clone();
        }
    }
    (2..)
        .map(|n| format!("stripe{capital}{n}"))
        .find(|name| is_free(name))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_avoid_the_action_s_own_words() {
        assert_eq!(
            object_name("subscriptions", "cancel(id)", &[]),
            "subscription"
        );
        assert_eq!(
            object_name("checkout.sessions", "const session = await auth()", &[]),
            "stripeSession"
        );
        assert_eq!(
            object_name("charges", "", &["charge".to_string()]),
            "stripeCharge"
        );
    }

    #[test]
    fn the_file_s_own_metadata_key_is_used() {
        assert_eq!(
            metadata_owner_key("metadata: { user_id: session.user.id }"),
            "user_id"
        );
        assert_eq!(
            metadata_owner_key("metadata: { requestedBy: id }"),
            "userId"
        );
        assert_eq!(metadata_owner_key("no metadata here"), "userId");
    }
}
