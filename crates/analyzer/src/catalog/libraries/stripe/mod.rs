//! Stripe: writes (`stripe.refunds.create(..)`, `subscriptions.cancel(..)`) and reads of one
//! customer's objects (`customers.retrieve(id)`, `invoices.list(..)`), keyed by the object ids
//! among their arguments (`ArgShape::Stripe`); and the fix that ties such a call to the caller
//! ([`owner_fix`]).

pub mod owner_fix;

use super::{Library, OwnerScope};
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, SinkKind};

/// Stripe operations that change something.
const WRITES: &[&str] = &[
    "create",
    "update",
    "del",
    "cancel",
    "refund",
    "capture",
    "confirm",
    "pay",
    "void",
    "finalizeInvoice",
];

/// Stripe operations that read one customer's objects.
const READS: &[&str] = &["retrieve", "list", "search"];

/// Fields of a request that point at an existing object, which must be the caller's, with the
/// resource that retrieves it (`payment_intent` → `paymentIntents`) when there is one.
const REFERENCES: &[(&str, Option<&str>)] = &[
    ("customer", Some("customers")),
    ("payment_intent", Some("paymentIntents")),
    ("charge", Some("charges")),
    ("subscription", Some("subscriptions")),
    ("invoice", Some("invoices")),
    ("payment_method", Some("paymentMethods")),
    ("setup_intent", Some("setupIntents")),
    ("subscription_item", Some("subscriptionItems")),
    ("account", Some("accounts")),
    ("destination", Some("accounts")),
    ("on_behalf_of", Some("accounts")),
    ("source", None),
    ("transfer_data", None),
];

/// A fix retrieves each object the client names and compares the owner in its `metadata`.
pub(super) const OWNER_SCOPE: OwnerScope = OwnerScope::MetadataOwner;

/// Whether a request field points at an existing object (`customer`, `payment_intent`).
pub fn is_reference(field: &str) -> bool {
    REFERENCES.iter().any(|(name, _)| *name == field)
}

/// The resource that retrieves the object a reference field names (`payment_intent` →
/// `paymentIntents`).
pub fn resource_of(field: &str) -> Option<&'static str> {
    REFERENCES
        .iter()
        .find(|(name, _)| *name == field)
        .and_then(|(_, resource)| *resource)
}

/// A call on the `stripe` client.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    if step.root != "stripe" {
        return None;
    }
    let resource = step.names.first().map(|s| s.to_string());
    if WRITES.contains(&step.name()) {
        return step.sink(
            SinkKind::Mutation,
            Library::Stripe,
            resource,
            ArgShape::Stripe,
        );
    }
    if READS.contains(&step.name()) {
        return step.sink(SinkKind::Read, Library::Stripe, resource, ArgShape::Stripe);
    }
    None
}
